package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// Summary counts what Load wrote and skipped.
type Summary struct {
	ExpertsCreated       int
	ExpertsSkipped       int // external id already present: loaded before
	Memberships          map[talent.Registry]int
	StatusChanges        int
	OnCall               int
	Archived             int
	Recommendations      int
	Assignments          int
	ServiceLogs          int
	ServiceLogsSkipped   int // dated after today by the store's clock
	OrganizationsCreated int
	OrganizationsSkipped int // same kind and name already present
}

// Actor is who the audit log records for demo writes.
var Actor = talent.Actor{Name: "demo"}

// LoadDefault loads Roster(EvalSeed): what `talentctl demo` and
// `talentd --demo` load.
func LoadDefault(ctx context.Context, st *store.Store) (Summary, error) {
	return Load(ctx, st, Roster(EvalSeed))
}

// Load writes the roster through the store's public methods, so every rule
// (validation, state machine, audit, search outbox) applies exactly as for
// an officer's edits.
//
// It is idempotent: an expert whose external id already exists is skipped
// with all their records, and an organisation whose kind and name exist is
// skipped. Each store call is its own transaction, so an interrupted load
// can leave the expert it was working on incomplete; that expert is then
// skipped on the next run. Demo data does not warrant more.
func Load(ctx context.Context, st *store.Store, d *Data) (Summary, error) {
	ctx = talent.WithActor(ctx, Actor)
	sum := Summary{Memberships: map[talent.Registry]int{}}
	for _, o := range d.Organizations {
		c := *o
		if _, err := st.CreateOrganization(ctx, &c); err != nil {
			if talent.ErrorCode(err) == talent.CodeDuplicate {
				sum.OrganizationsSkipped++
				continue
			}
			return sum, fmt.Errorf("demo: 单位“%s”: %w", o.Name, err)
		}
		sum.OrganizationsCreated++
	}
	today := st.Rules().Now().Format(talent.DateLayout)
	for _, e := range d.Experts {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		_, err := st.ExpertByExternalID(ctx, e.Expert.ExternalID)
		if err == nil {
			sum.ExpertsSkipped++
			continue
		}
		if talent.ErrorCode(err) != talent.CodeNotFound {
			return sum, err
		}
		if err := loadEntry(ctx, st, e, today, &sum); err != nil {
			return sum, fmt.Errorf("demo: %s（%s）: %w", e.Expert.Name, e.Expert.ExternalID, err)
		}
	}
	return sum, nil
}

func loadEntry(ctx context.Context, st *store.Store, e *Entry, today string, sum *Summary) error {
	p := cloneExpert(e.Expert)
	p.OnCall = false // only an admitted emergency expert may be on call
	created, err := st.CreateExpert(ctx, p)
	if err != nil {
		return err
	}
	id := created.ID
	sum.ExpertsCreated++

	// Enter each registry at the status its records need: envoy assignments
	// need an admitted envoy, so suspended and exited members are admitted
	// first and moved to their final status after their records.
	for _, m := range e.Memberships {
		entry := m.Status
		if entry == talent.StatusSuspended || entry == talent.StatusExited {
			entry = talent.StatusAdmitted
		}
		if _, _, err := st.AdmitToRegistry(ctx, store.Admission{ExpertID: id, Registry: m.Registry, Status: entry,
			TravelMaxKm: m.TravelMaxKm, TravelNote: m.TravelNote}); err != nil {
			return err
		}
		sum.Memberships[m.Registry]++
	}
	for _, r := range e.Recommendations {
		r.ExpertID = id
		if _, err := st.AddRecommendation(ctx, &r); err != nil {
			return err
		}
		sum.Recommendations++
	}
	for _, a := range e.Assignments {
		ea := a.EnvoyAssignment
		ea.ExpertID = id
		saved, err := st.AssignEnvoy(ctx, &ea)
		if err != nil {
			return err
		}
		sum.Assignments++
		for _, l := range a.Logs {
			if l.Date > today {
				sum.ServiceLogsSkipped++
				continue
			}
			l.ExpertID, l.AssignmentID = id, saved.ID
			if _, err := st.LogEnvoyService(ctx, &l); err != nil {
				return err
			}
			sum.ServiceLogs++
		}
	}
	for _, m := range e.Memberships {
		if m.Status != talent.StatusSuspended && m.Status != talent.StatusExited {
			continue
		}
		if _, err := st.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: id, Registry: m.Registry,
			To: m.Status, Reason: m.Reason}); err != nil {
			return err
		}
		sum.StatusChanges++
	}
	if e.Expert.OnCall {
		if _, err := st.SetOnCall(ctx, id, true); err != nil {
			return err
		}
		sum.OnCall++
	}
	if e.Archived() {
		if _, err := st.ArchiveExpert(ctx, id, 0, e.ArchiveReason); err != nil {
			return err
		}
		sum.Archived++
	}
	return nil
}

// String is the summary in Chinese, for the CLI and the server log.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "专家：新建 %d 人，已存在跳过 %d 人\n", s.ExpertsCreated, s.ExpertsSkipped)
	for _, r := range talent.Registries {
		if n := s.Memberships[talent.Registry(r.Name)]; n > 0 {
			fmt.Fprintf(&b, "  %s：%d 人\n", r.Label, n)
		}
	}
	fmt.Fprintf(&b, "状态变更（暂停、退出）：%d 次；应急值守：%d 人；归档：%d 人\n", s.StatusChanges, s.OnCall, s.Archived)
	fmt.Fprintf(&b, "推荐参评：%d 条；特派员服务对象：%d 个；服务记录：%d 条", s.Recommendations, s.Assignments, s.ServiceLogs)
	if s.ServiceLogsSkipped > 0 {
		fmt.Fprintf(&b, "（%d 条日期晚于今天，未导入）", s.ServiceLogsSkipped)
	}
	fmt.Fprintf(&b, "\n单位：新建 %d 个，已存在跳过 %d 个\n", s.OrganizationsCreated, s.OrganizationsSkipped)
	return b.String()
}
