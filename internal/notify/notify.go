// Package notify delivers messages to people: invitations, call-outs,
// reminders and the like, composed by the store and queued in its
// notification outbox. A Sender delivers one message; the worker calls it
// and retries with backoff when it fails, so a Sender should return an
// error for anything worth retrying and nil once the message is handed
// over.
//
// LogSender (the default) writes messages to the log, so that a bare
// talentd loses nothing and shows what it would send; SMTPSender sends
// e-mail through net/smtp.
package notify

import (
	"context"
	"log/slog"
)

// Recipient is who a message is for.
type Recipient struct {
	Kind  string // EXPERT, REQUESTER or OFFICE (dispatch.Recipient)
	Name  string
	Email string
	Phone string
}

// Message is one message to deliver.
type Message struct {
	ID      int64  // the outbox id: stable across retries, for de-duplication
	Kind    string // INVITATION, CALL_OUT, … (dispatch.Notice)
	To      Recipient
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

// LogSender writes each message to a structured log at info level. The
// recipient's phone and e-mail are left out of the log: they are personal
// data, and the log is kept longer and more widely read than the outbox.
type LogSender struct {
	Logger *slog.Logger // nil means slog.Default()
}

// Send logs m.
func (s LogSender) Send(ctx context.Context, m Message) error {
	log := s.Logger
	if log == nil {
		log = slog.Default()
	}
	log.InfoContext(ctx, "通知", "id", m.ID, "kind", m.Kind, "recipient", m.To.Kind, "name", m.To.Name,
		"subject", m.Subject, "body", m.Body)
	return nil
}
