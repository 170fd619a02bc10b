// Package dispatch holds the rules of requests (需求/订单) and their dispatch:
// what a request is, the one state machine every status change goes
// through, which experts may serve which requests, and the error codes of
// booking conflicts. Like package talent it does no I/O: storage, the API
// and the background worker all apply these rules.
//
// The workflow is the seed's 群众点单 → 社区派单 → 部门领单 → 志愿服务队接单: a
// requester submits, an officer dispatches (invites chosen experts, or the
// system invites the matcher's top N), experts accept or decline, or claim
// an open request themselves (抢单); the engagement is scheduled, delivered
// and rated.
package dispatch

import (
	"time"

	"github.com/fuliang/talent/internal/talent"
)

// Kind is who is asking and for what.
type Kind string

const (
	School     Kind = "SCHOOL"     // a speaker for a class or an assembly
	Village    Kind = "VILLAGE"    // technical help or a talk for farmers
	Enterprise Kind = "ENTERPRISE" // consultancy
	Emergency  Kind = "EMERGENCY"  // emergency operations during an incident
)

// Status is where a request stands; see machine.go for the transitions.
type Status string

const (
	Submitted  Status = "SUBMITTED"  // waiting for dispatch (no live invitation)
	Dispatched Status = "DISPATCHED" // at least one invitation is out
	Accepted   Status = "ACCEPTED"   // every expert needed has accepted
	Scheduled  Status = "SCHEDULED"  // every engagement has a time
	Completed  Status = "COMPLETED"  // delivered; completion recorded
	Rated      Status = "RATED"      // the requester rated every engagement
	Cancelled  Status = "CANCELLED"  // by the requester or an officer, with a reason
	Expired    Status = "EXPIRED"    // nobody accepted before the window closed
)

// InvitationStatus is where one invitation of one expert stands.
type InvitationStatus string

const (
	InvitationPending   InvitationStatus = "PENDING"
	InvitationAccepted  InvitationStatus = "ACCEPTED"
	InvitationDeclined  InvitationStatus = "DECLINED"
	InvitationExpired   InvitationStatus = "EXPIRED"
	InvitationCancelled InvitationStatus = "CANCELLED" // the request was cancelled
	InvitationFilled    InvitationStatus = "FILLED"    // others accepted first
)

// EngagementStatus is where one expert's service for a request stands.
type EngagementStatus string

const (
	EngagementAccepted  EngagementStatus = "ACCEPTED"  // committed, no time yet
	EngagementScheduled EngagementStatus = "SCHEDULED" // has a time slot
	EngagementCompleted EngagementStatus = "COMPLETED" // delivered
	EngagementCancelled EngagementStatus = "CANCELLED" // the request was cancelled
)

// Source is how an expert came to serve a request.
type Source string

const (
	FromInvitation Source = "INVITATION" // an invitation (incl. an emergency call-out) accepted
	FromClaim      Source = "CLAIM"      // claimed from the open list (抢单)
)

// Role is who cancels a request.
type Role string

const (
	ByRequester Role = "REQUESTER"
	ByOfficer   Role = "OFFICER"
)

// Kinds lists the request kinds with their Chinese names.
var Kinds = []talent.EnumValue{
	{Name: string(School), Label: "学校", Aliases: []string{"校园", "进校园"}},
	{Name: string(Village), Label: "村（社区）", Aliases: []string{"村", "社区", "农村"}},
	{Name: string(Enterprise), Label: "企业", Aliases: []string{"公司"}},
	{Name: string(Emergency), Label: "应急", Aliases: []string{"突发事件", "应急科普"}},
}

// Statuses lists the request states.
var Statuses = []talent.EnumValue{
	{Name: string(Submitted), Label: "待派单"},
	{Name: string(Dispatched), Label: "已派单"},
	{Name: string(Accepted), Label: "已接单"},
	{Name: string(Scheduled), Label: "已排期"},
	{Name: string(Completed), Label: "已完成"},
	{Name: string(Rated), Label: "已评价"},
	{Name: string(Cancelled), Label: "已取消"},
	{Name: string(Expired), Label: "已过期"},
}

// InvitationStatuses lists the invitation states.
var InvitationStatuses = []talent.EnumValue{
	{Name: string(InvitationPending), Label: "待回复"},
	{Name: string(InvitationAccepted), Label: "已接受"},
	{Name: string(InvitationDeclined), Label: "已谢绝"},
	{Name: string(InvitationExpired), Label: "已过期"},
	{Name: string(InvitationCancelled), Label: "已撤销"},
	{Name: string(InvitationFilled), Label: "已满员"},
}

// EngagementStatuses lists the engagement states.
var EngagementStatuses = []talent.EnumValue{
	{Name: string(EngagementAccepted), Label: "待排期"},
	{Name: string(EngagementScheduled), Label: "已排期"},
	{Name: string(EngagementCompleted), Label: "已完成"},
	{Name: string(EngagementCancelled), Label: "已取消"},
}

// Sources lists how engagements come about.
var Sources = []talent.EnumValue{
	{Name: string(FromInvitation), Label: "接受邀请"},
	{Name: string(FromClaim), Label: "主动接单"},
}

// Roles lists who may cancel.
var Roles = []talent.EnumValue{
	{Name: string(ByRequester), Label: "需求方"},
	{Name: string(ByOfficer), Label: "管理员"},
}

// Request is one order for experts.
type Request struct {
	ID             int64
	Kind           Kind
	OrganizationID int64 // the requesting talent.Organization
	ContactName    string
	ContactPhone   string
	ContactEmail   string // optional; used by the e-mail sender
	Title          string
	Description    string
	Township       string // township code
	Place          string // where within the township, e.g. the school's hall
	Audience       talent.Audience
	Headcount      int // expected audience size
	// The preferred date window, inclusive, as calendar dates in China
	// time. The request expires when the window closes without anyone
	// accepting (Deadline).
	WindowStart     string
	WindowEnd       string
	DurationMinutes int
	// EmergencyCategory is required for EMERGENCY and empty otherwise.
	EmergencyCategory talent.EmergencyCategory
	// ExpertsNeeded is how many experts the request takes; an emergency
	// call-out takes the first N to accept, an ordinary request usually 1.
	ExpertsNeeded int

	Status     Status
	Deadline   time.Time  // end of WindowEnd in China time
	AcceptedAt *time.Time // first acceptance or claim; feeds time-to-acceptance
	AutoRounds int        // automatic invitation rounds done so far
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Event is one status change of a request: who, when, from, to and why.
type Event struct {
	ID        int64
	RequestID int64
	From      Status // empty for the submission
	To        Status
	At        time.Time
	Actor     string
	Reason    string
}

// Invitation asks one expert to serve one request.
type Invitation struct {
	ID          int64
	RequestID   int64
	ExpertID    int64
	Status      InvitationStatus
	CallOut     bool // part of an emergency call-out
	InvitedBy   string
	InvitedAt   time.Time
	ExpiresAt   time.Time
	RespondedAt *time.Time // accepted, declined, expired, cancelled or filled
	Reason      string     // why declined, cancelled, …
}

// Engagement is one expert's service for one request, from acceptance to
// rating.
type Engagement struct {
	ID           int64
	RequestID    int64
	ExpertID     int64
	InvitationID int64           // 0 for a claim
	Source       Source          // invitation or claim
	Registry     talent.Registry // the roster through which the expert serves
	Status       EngagementStatus
	// Month is the calendar month (YYYY-MM, China time) the engagement
	// counts against for the expert's monthly cap: the month of StartsAt
	// once scheduled, before that the month the request's window starts.
	Month      string
	StartsAt   *time.Time
	EndsAt     *time.Time
	RemindedAt *time.Time

	// Completion record.
	CompletedOn string // YYYY-MM-DD
	Attendees   int
	Notes       string
	// The requester's feedback.
	Rating        int // 1–5; 0 = not rated
	RatingComment string
	RatedAt       *time.Time

	AcceptedAt  time.Time
	CancelledAt *time.Time
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}
