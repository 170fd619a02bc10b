package notify_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/notify"
)

// fakeSMTP is a minimal SMTP server that records what it receives: enough
// of RFC 5321 for net/smtp's client without STARTTLS or AUTH.
type fakeSMTP struct {
	ln   net.Listener
	mu   sync.Mutex
	mail []received
}

type received struct {
	from, to string
	data     []byte
}

func startSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(conn)
		}
	}()
	return f
}

func (f *fakeSMTP) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(s string) { io.WriteString(conn, s+"\r\n") }
	say("220 fake ESMTP")
	var cur received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-fake")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			cur = received{from: between(line, "<", ">")}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			cur.to = between(line, "<", ">")
			say("250 ok")
		case cmd == "DATA":
			say("354 go ahead")
			var data bytes.Buffer
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			cur.data = data.Bytes()
			f.mu.Lock()
			f.mail = append(f.mail, cur)
			f.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func between(s, open, close string) string {
	_, rest, _ := strings.Cut(s, open)
	v, _, _ := strings.Cut(rest, close)
	return v
}

func (f *fakeSMTP) received() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.mail...)
}

func TestSMTPSenderDeliversChineseMail(t *testing.T) {
	srv := startSMTP(t)
	var logged bytes.Buffer
	s := &notify.SMTPSender{Addr: srv.ln.Addr().String(), From: "浮梁县科协 <noreply@example.cn>", Office: "dispatch@example.cn",
		Fallback: notify.LogSender{Logger: slog.New(slog.NewTextHandler(&logged, nil))}, Timeout: 5 * time.Second}
	ctx := context.Background()
	body := strings.Repeat("诚邀您承接浮梁县第一小学的学校需求“防溺水科普讲座”。", 5)
	if err := s.Send(ctx, notify.Message{ID: 42, Kind: "INVITATION", Subject: "【科普服务邀请】防溺水科普讲座", Body: body,
		To: notify.Recipient{Kind: "EXPERT", Name: "李茶青", Email: "li@example.cn", Phone: "13800001234"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(ctx, notify.Message{ID: 43, Kind: "RETURNED", Subject: "退回待派单", Body: "需要重新派单",
		To: notify.Recipient{Kind: "OFFICE", Name: "派单管理员"}}); err != nil {
		t.Fatal(err)
	}
	// No address: handed to the fallback, not lost and not an error.
	if err := s.Send(ctx, notify.Message{ID: 44, Kind: "ACCEPTANCE", Subject: "专家已接单", Body: "x",
		To: notify.Recipient{Kind: "REQUESTER", Name: "王老师", Phone: "13900001111"}}); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 2 || got[0].to != "li@example.cn" || got[0].from != "noreply@example.cn" || got[1].to != "dispatch@example.cn" {
		t.Fatalf("received %+v", got)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got[0].data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "【科普服务邀请】防溺水科普讲座" {
		t.Fatalf("subject %q (%v)", subject, err)
	}
	to, err := mail.ParseAddress(msg.Header.Get("To"))
	if err != nil || to.Name != "李茶青" {
		t.Fatalf("to %+v (%v)", to, err)
	}
	if msg.Header.Get("Message-ID") != "<notification-42@localhost>" {
		t.Fatalf("message id %q", msg.Header.Get("Message-ID"))
	}
	raw, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, msg.Body))
	if string(raw) != body {
		t.Fatalf("body %q", raw)
	}
	if !strings.Contains(logged.String(), "王老师") || strings.Contains(logged.String(), "13900001111") {
		t.Fatalf("fallback log (should name the recipient, not print the phone): %s", logged.String())
	}
}

func TestSMTPSenderReportsAnUnreachableServer(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	s := &notify.SMTPSender{Addr: addr, From: "noreply@example.cn", Timeout: time.Second}
	err := s.Send(context.Background(), notify.Message{ID: 1, Subject: "x", Body: "y", To: notify.Recipient{Kind: "EXPERT", Email: "a@example.cn"}})
	if err == nil {
		t.Fatal("sending to a closed port succeeded")
	}
}
