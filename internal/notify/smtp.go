package notify

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// SMTPSender sends messages as plain-text e-mail through an SMTP server
// (the standard library's net/smtp: no dependency for something this small).
type SMTPSender struct {
	Addr string // host:port of the SMTP server
	From string // sender address, e.g. "浮梁县科协 <noreply@example.cn>"
	// Username and Password enable PLAIN authentication. net/smtp sends
	// them only over TLS (STARTTLS is used whenever the server offers it)
	// or to localhost.
	Username, Password string
	// Office is the address of the dispatching officers: OFFICE messages
	// go there.
	Office string
	// Fallback delivers messages whose recipient has no e-mail address
	// (many requesters give only a phone number). nil means LogSender, so
	// the message is at least on record.
	Fallback Sender
	// Timeout bounds one delivery; 0 means 30 seconds.
	Timeout time.Duration
	// TLS configures STARTTLS; nil means the default with the server name
	// from Addr.
	TLS *tls.Config
	// Hostname is announced in EHLO and used in Message-IDs; empty means
	// "localhost".
	Hostname string
}

// Send delivers m by e-mail, or through Fallback when there is no address.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	to := m.To.Email
	if m.To.Kind == "OFFICE" && to == "" {
		to = s.Office
	}
	if to == "" {
		fb := s.Fallback
		if fb == nil {
			fb = LogSender{}
		}
		return fb.Send(ctx, m)
	}
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("notify: bad sender address %q: %w", s.From, err)
	}
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		// A malformed address will not improve with retries; the store
		// validates addresses, so this is a configuration problem.
		return fmt.Errorf("notify: bad recipient address %q: %w", to, err)
	}
	rcpt.Name = m.To.Name
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return s.deliver(ctx, from, rcpt, s.compose(from, rcpt, m))
}

func (s *SMTPSender) hostname() string {
	if s.Hostname != "" {
		return s.Hostname
	}
	return "localhost"
}

// compose builds an RFC 5322 message: UTF-8 headers encoded per RFC 2047,
// a base64 body, and a Message-ID derived from the outbox id so that a
// message retried after an uncertain failure can be recognised as the same.
func (s *SMTPSender) compose(from, to *mail.Address, m Message) []byte {
	var b strings.Builder
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.BEncoding.Encode("utf-8", m.Subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<notification-%d@%s>", m.ID, s.hostname()))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(m.Body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}

// deliver runs one SMTP session. net/smtp.SendMail takes no context, so
// the session is driven by hand on a connection with a deadline.
func (s *SMTPSender) deliver(ctx context.Context, from, to *mail.Address, msg []byte) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("notify: connect to %s: %w", s.Addr, err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("notify: smtp greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(s.hostname()); err != nil {
		return fmt.Errorf("notify: smtp hello: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("notify: starttls: %w", err)
		}
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
			return fmt.Errorf("notify: smtp auth: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("notify: smtp MAIL: %w", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return fmt.Errorf("notify: smtp RCPT: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("notify: smtp DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return fmt.Errorf("notify: smtp write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("notify: smtp end of data: %w", err)
	}
	// The message was accepted at the end of DATA; a failed QUIT does not
	// undo that, and reporting it would make the worker send it twice.
	_ = c.Quit()
	return nil
}
