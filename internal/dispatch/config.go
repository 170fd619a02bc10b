package dispatch

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
)

// Config are the tunable dispatch rules.
type Config struct {
	// InvitationTTL is how long an invited expert has to answer.
	InvitationTTL time.Duration
	// CallOutTTL is how long an emergency call-out stays open.
	CallOutTTL time.Duration
	// CallOutReachKm is how far (between township centres) an on-call
	// expert may be from the incident's township to be called out.
	CallOutReachKm float64
	// AutoInvite is how many of the matcher's top candidates the system
	// invites by itself, per kind; a kind that is absent (or 0) is
	// dispatched by officers by hand.
	AutoInvite map[Kind]int
	// AutoRounds caps the automatic rounds per request: when every
	// invitation of a round is declined or expires, the request returns
	// to SUBMITTED and the next round invites the next candidates.
	AutoRounds int
	// ReminderBefore is how long before a scheduled engagement the expert
	// and the requester are reminded.
	ReminderBefore time.Duration
}

// DefaultConfig returns the rules used unless configured otherwise.
func DefaultConfig() Config {
	return Config{
		InvitationTTL:  48 * time.Hour,
		CallOutTTL:     30 * time.Minute,
		CallOutReachKm: 40,
		AutoRounds:     3,
		ReminderBefore: 24 * time.Hour,
	}
}

// WithDefaults fills zero fields from DefaultConfig.
func (c Config) WithDefaults() Config {
	d := DefaultConfig()
	if c.InvitationTTL <= 0 {
		c.InvitationTTL = d.InvitationTTL
	}
	if c.CallOutTTL <= 0 {
		c.CallOutTTL = d.CallOutTTL
	}
	if c.CallOutReachKm <= 0 {
		c.CallOutReachKm = d.CallOutReachKm
	}
	if c.AutoRounds <= 0 {
		c.AutoRounds = d.AutoRounds
	}
	if c.ReminderBefore <= 0 {
		c.ReminderBefore = d.ReminderBefore
	}
	return c
}

// Ranker ranks experts for a request: the matcher implements it. Rank
// returns up to n expert ids, best first. Dispatch works without one:
// officers then invite by hand from the ranking the UI shows.
type Ranker interface {
	Rank(ctx context.Context, req *Request, n int) ([]int64, error)
}

// ParseAutoInvite reads the auto-invite setting, "KIND=N,KIND=N" (e.g.
// "SCHOOL=3,VILLAGE=2"; kinds by API name or Chinese label); empty means
// officers dispatch every kind by hand.
func ParseAutoInvite(s string) (map[Kind]int, error) {
	out := map[Kind]int{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, count, ok := strings.Cut(part, "=")
		kind, known := talent.ParseEnum(Kinds, name)
		n, err := strconv.Atoi(strings.TrimSpace(count))
		switch {
		case !ok || err != nil:
			return nil, fmt.Errorf("自动邀请设置“%s”格式不正确，应为 类型=人数，如 SCHOOL=3", part)
		case !known:
			return nil, fmt.Errorf("自动邀请设置中的需求类型“%s”无效，应为 SCHOOL、VILLAGE、ENTERPRISE 或 EMERGENCY", strings.TrimSpace(name))
		case n < 0 || n > MaxInvitesAtOnce:
			return nil, fmt.Errorf("自动邀请人数应在0至%d之间，不能是%d", MaxInvitesAtOnce, n)
		}
		out[Kind(kind)] = n
	}
	return out, nil
}
