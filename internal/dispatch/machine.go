package dispatch

import (
	"fmt"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

// The request state machine. Every status a request takes goes through
// Apply: storage computes the facts after an action (how many experts have
// accepted, how many invitations are still live, …), asks Apply for the
// resulting status, and writes nothing when Apply refuses.
//
//	SUBMITTED ──invite/call-out──▶ DISPATCHED ──accept/claim (all needed)──▶ ACCEPTED
//	    ▲                              │                                          │
//	    └── last live invitation ──────┘                                  schedule (all)
//	        declined or expired                                                   ▼
//	                                   RATED ◀──rate (all)── COMPLETED ◀──complete (all)── SCHEDULED
//
//	SUBMITTED, DISPATCHED, ACCEPTED, SCHEDULED ──cancel (reason)──▶ CANCELLED
//	SUBMITTED, DISPATCHED ──window closed, nobody accepted──▶ EXPIRED
//
// Two decisions the issue left open:
//
//   - A declined or expired invitation "returns the request to dispatch":
//     when no invitation is live any more and the request still lacks
//     experts, it goes back to SUBMITTED (待派单), so that SUBMITTED always
//     means "an officer or the auto-dispatcher must act" and DISPATCHED
//     always means "someone has been asked and may still answer".
//   - A request needing several experts (an emergency call-out) that has
//     some but not all of them when the window closes is not EXPIRED: it
//     goes ahead as ACCEPTED with the experts it has.
var transitions = map[Status][]Status{
	Submitted:  {Dispatched, Accepted, Cancelled, Expired},
	Dispatched: {Submitted, Accepted, Cancelled, Expired},
	Accepted:   {Scheduled, Cancelled},
	Scheduled:  {Completed, Cancelled},
	Completed:  {Rated},
	Rated:      nil,
	Cancelled:  nil,
	Expired:    nil,
}

// CanTransition reports whether a request may move from one status to
// another (a different one).
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStatuses lists the statuses reachable from s.
func NextStatuses(s Status) []Status { return transitions[s] }

// Action is something that happens to a request.
type Action string

const (
	ActInvite   Action = "INVITE"    // an officer (or the auto-dispatcher) invites experts
	ActCallOut  Action = "CALL_OUT"  // emergency call-out: every on-call expert in reach
	ActAccept   Action = "ACCEPT"    // an invited expert accepts
	ActClaim    Action = "CLAIM"     // an expert claims an open request
	ActRelease  Action = "RELEASE"   // an invitation is declined or expires
	ActSchedule Action = "SCHEDULE"  // an engagement gets a time
	ActComplete Action = "COMPLETE"  // an engagement is delivered
	ActRate     Action = "RATE"      // the requester rates an engagement
	ActCancel   Action = "CANCEL"    // the requester or an officer cancels
	ActExpire   Action = "EXPIRE"    // the window closed
	ActAutoPick Action = "AUTO_PICK" // the system invites the matcher's top N
)

// action describes from which statuses an action may start and the status
// it aims at, which is what an error message names when it is refused.
type action struct {
	label  string
	from   []Status
	target Status
}

var actions = map[Action]action{
	ActInvite:   {"邀请专家", []Status{Submitted, Dispatched}, Dispatched},
	ActAutoPick: {"自动邀请", []Status{Submitted}, Dispatched},
	ActCallOut:  {"应急召集", []Status{Submitted, Dispatched}, Dispatched},
	ActAccept:   {"接受邀请", []Status{Dispatched}, Accepted},
	ActClaim:    {"接单", []Status{Submitted, Dispatched}, Accepted},
	ActRelease:  {"谢绝或过期", []Status{Dispatched}, Submitted},
	ActSchedule: {"排期", []Status{Accepted, Scheduled}, Scheduled},
	ActComplete: {"登记完成", []Status{Scheduled}, Completed},
	ActRate:     {"评价", []Status{Completed}, Rated},
	ActCancel:   {"取消", []Status{Submitted, Dispatched, Accepted, Scheduled}, Cancelled},
	ActExpire:   {"过期", []Status{Submitted, Dispatched}, Expired},
}

// Facts are what storage counts after applying an action's effect, before
// the request's status is written.
type Facts struct {
	ExpertsNeeded int
	Engaged       int // engagements that are not cancelled
	Live          int // pending invitations
	Unscheduled   int // engagements accepted but without a time
	Uncompleted   int // engagements not yet completed
	Unrated       int // completed engagements without a rating
}

// Allowed reports whether action a may start from status from, as a user
// error naming both statuses and the allowed ones when it may not.
func Allowed(a Action, from Status) error {
	act, ok := actions[a]
	if !ok {
		return talent.Errorf(talent.CodeInternal, "", "未知的操作 %s", a)
	}
	for _, s := range act.from {
		if s == from {
			return nil
		}
	}
	// Claiming or accepting a request that already has its experts is the
	// everyday case of losing a race; say so rather than talk about states.
	if (a == ActClaim || a == ActAccept) && (from == Accepted || from == Scheduled || from == Completed || from == Rated) {
		return talent.Errorf(CodeTaken, "", "该需求已有足够的专家接单（当前状态为“%s”），不能再%s",
			statusLabel(from), act.label)
	}
	return InvalidTransition(from, act.target, act.label)
}

// InvalidTransition is the user error for a refused status change.
func InvalidTransition(from, to Status, what string) *talent.Error {
	return talent.Errorf(talent.CodeInvalidTransition, "status",
		"需求当前状态为“%s”，不能%s（变为“%s”）；当前状态可变为：%s",
		statusLabel(from), what, statusLabel(to), StatusLabels(NextStatuses(from)))
}

// Apply returns the status a request in status from reaches through action
// a, given the facts after the action's effect. It refuses (a user error,
// INVALID_TRANSITION or TAKEN) when the action is not allowed from there.
func Apply(a Action, from Status, f Facts) (Status, error) {
	if err := Allowed(a, from); err != nil {
		return from, err
	}
	var to Status
	switch a {
	case ActInvite, ActCallOut, ActAutoPick, ActAccept, ActClaim, ActRelease:
		to = open(f)
	case ActSchedule:
		// Rescheduling a scheduled request keeps it scheduled.
		to = from
		if f.Unscheduled == 0 && f.Engaged > 0 {
			to = Scheduled
		}
	case ActComplete:
		to = Scheduled
		if f.Uncompleted == 0 {
			to = Completed
		}
	case ActRate:
		to = Completed
		if f.Unrated == 0 {
			to = Rated
		}
	case ActCancel:
		to = Cancelled
	case ActExpire:
		to = Expired
		if f.Engaged > 0 {
			to = Accepted
		}
	}
	if to != from && !CanTransition(from, to) {
		// A bug in the facts or the table, never a user's doing.
		return from, fmt.Errorf("dispatch: %s from %s reached %s, which the state table forbids", a, from, to)
	}
	return to, nil
}

// open is the status of a request that is still gathering experts.
func open(f Facts) Status {
	switch {
	case f.ExpertsNeeded > 0 && f.Engaged >= f.ExpertsNeeded:
		return Accepted
	case f.Live > 0:
		return Dispatched
	default:
		return Submitted
	}
}

func statusLabel(s Status) string { return talent.Label(Statuses, string(s)) }

// StatusLabels renders statuses as "已接单（ACCEPTED）、已取消（CANCELLED）",
// or "无（已是最终状态）".
func StatusLabels(ss []Status) string {
	if len(ss) == 0 {
		return "无（已是最终状态）"
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%s（%s）", statusLabel(s), s)
	}
	return strings.Join(parts, "、")
}

// InvitationClosed is the user error for answering an invitation that is
// no longer pending.
func InvitationClosed(st InvitationStatus) *talent.Error {
	code := talent.CodeInvalidTransition
	if st == InvitationFilled {
		code = CodeTaken
	}
	return talent.Errorf(code, "invitationId", "该邀请当前状态为“%s”，只能回复“待回复”的邀请",
		talent.Label(InvitationStatuses, string(st)))
}
