// Package demo generates a realistic, entirely fictional roster of the
// Fuliang County science-literacy programme — experts in the four
// registries, their registry records, and the schools, villages, enterprises
// and departments that send requests — and loads it through the store.
//
// It serves three purposes:
//
//   - a newcomer runs `talentctl demo` (or `talentd --demo`) and sees the
//     product work at once;
//   - the matcher is measured against testdata/eval, whose graded judgments
//     refer to experts of Roster(EvalSeed) by external id, so that roster is
//     frozen (see TestRosterGolden);
//   - benchmarks draw rosters of 10k–100k experts from Synthetic, written
//     with the same vocabulary.
//
// Everything is deterministic: the same seed always gives the same data,
// byte for byte. The people are invented; the townships, the county's
// industries and the kinds of organisation are real, so that the text reads
// like the bureau's own roster entries. Enterprise names are fictional, and
// no phone numbers or e-mail addresses are generated: demo data must never
// look like someone's personal information.
package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/fuliang/talent/internal/talent"
)

// EvalSeed is the seed of the roster that testdata/eval was judged against.
// It is also the default of `talentctl demo`, so that what a newcomer sees is
// what the evaluation measures.
const EvalSeed uint64 = 2026

// Data is one generated roster.
type Data struct {
	Seed          uint64
	Experts       []*Entry
	Organizations []*talent.Organization
}

// Entry is one person with everything the loader writes for them.
type Entry struct {
	// Expert is the profile. ExternalID is set ("DEMO-0001"); ID is zero.
	// OnCall is the intended final state: the loader can only switch it on
	// after the emergency membership exists.
	Expert *talent.Expert
	// Memberships hold the final status in each registry.
	Memberships     []Membership
	Recommendations []talent.Recommendation // youth talent nominations (ExpertID zero)
	Assignments     []Assignment            // science envoy service targets with their logs
	// ArchiveReason, when not empty, archives the expert after loading: a
	// person who left the county and asked to be taken off every list.
	ArchiveReason string
	// Kind names the profile template the entry was drawn from (such as
	// "tea.pest"). It is not stored; it helps reviewers read the roster.
	Kind string

	work int // year the person started work: records cannot predate it
}

// Membership is the final state of one registry membership.
type Membership struct {
	Registry talent.Registry
	Status   talent.MembershipStatus
	// Reason explains a SUSPENDED or EXITED status (the state machine
	// requires one).
	Reason string
	// Senior lecturers' travel limits.
	TravelMaxKm int
	TravelNote  string
}

// Assignment is a science envoy's service target and the visits logged there.
type Assignment struct {
	talent.EnvoyAssignment
	Logs []talent.ServiceLog
}

// Archived reports whether the entry is archived after loading.
func (e *Entry) Archived() bool { return e.ArchiveReason != "" }

// Member returns the membership in reg, if any.
func (e *Entry) Member(reg talent.Registry) (Membership, bool) {
	for _, m := range e.Memberships {
		if m.Registry == reg {
			return m, true
		}
	}
	return Membership{}, false
}

// Active reports whether the expert is live (not archived) and holds at
// least one membership that has not ended.
func (e *Entry) Active() bool {
	if e.Archived() {
		return false
	}
	for _, m := range e.Memberships {
		if m.Status != talent.StatusExited {
			return true
		}
	}
	return false
}

// TalentMemberships returns the memberships as talent values for code that
// works without a database (search documents in benchmarks). IDs are zero
// and ExpertID is the expert's ID.
func (e *Entry) TalentMemberships() []*talent.Membership {
	out := make([]*talent.Membership, len(e.Memberships))
	for i, m := range e.Memberships {
		out[i] = &talent.Membership{ExpertID: e.Expert.ID, Registry: m.Registry, Status: m.Status,
			TravelMaxKm: m.TravelMaxKm, TravelNote: m.TravelNote}
	}
	return out
}

// ByExternalID returns the entry with the given external id.
func (d *Data) ByExternalID(id string) (*Entry, bool) {
	for _, e := range d.Experts {
		if e.Expert.ExternalID == id {
			return e, true
		}
	}
	return nil, false
}

// Fingerprint is a hash of the whole roster. testdata/eval/requests.json
// records the fingerprint of the roster it was judged against, so that a
// changed generator cannot silently invalidate the judgments.
func (d *Data) Fingerprint() string {
	b, err := json.Marshal(struct {
		Experts       []*Entry
		Organizations []*talent.Organization
	}{d.Experts, d.Organizations})
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// cloneExpert deep-copies a profile so that the loader (whose store
// normalises and fills in the value it is given) never mutates Data.
func cloneExpert(e *talent.Expert) *talent.Expert {
	c := *e
	c.Fields = slices.Clone(e.Fields)
	c.Expertise = slices.Clone(e.Expertise)
	c.Audiences = slices.Clone(e.Audiences)
	c.ServiceTownships = slices.Clone(e.ServiceTownships)
	c.EmergencyCategories = slices.Clone(e.EmergencyCategories)
	c.LectureTopics = make([]talent.LectureTopic, len(e.LectureTopics))
	for i, t := range e.LectureTopics {
		t.Audiences = slices.Clone(t.Audiences)
		c.LectureTopics[i] = t
	}
	if e.LectureTopics == nil {
		c.LectureTopics = nil
	}
	c.Availability.Weekdays = slices.Clone(e.Availability.Weekdays)
	c.Availability.Unavailable = slices.Clone(e.Availability.Unavailable)
	if e.Consent != nil {
		cc := *e.Consent
		c.Consent = &cc
	}
	return &c
}
