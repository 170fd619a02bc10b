package store

// Statistics for organisers. The figures are aggregated in Go from one
// query per table rather than in SQL: a median has no common SQL spelling
// in PostgreSQL and SQLite, months and dates must be China dates in both,
// and a county's requests per period are a few thousand rows at most.

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/talent"
)

// StatsGroup is what statistics are grouped by.
type StatsGroup string

const (
	ByRegistry StatsGroup = "REGISTRY"
	ByTownship StatsGroup = "TOWNSHIP"
	ByMonth    StatsGroup = "MONTH"
	ByKind     StatsGroup = "KIND"
)

// Unassigned is the registry group of requests no expert ever took.
const Unassigned = "UNASSIGNED"

// StatsRow is one group's figures. A request counts in the period when it
// was submitted in it (China dates).
type StatsRow struct {
	Key   string // registry or kind name, township code, or YYYY-MM
	Label string // Chinese name
	// Requests submitted.
	Requests int
	// Fulfilled: delivered (COMPLETED or RATED).
	Fulfilled int
	// AcceptedCount is how many had an expert accept or claim them; the
	// median is taken over these.
	AcceptedCount int
	// MedianHoursToAcceptance: from submission to the first acceptance or
	// claim; nil when none was accepted.
	MedianHoursToAcceptance *float64
	// PeopleReached: attendees recorded on completed engagements.
	PeopleReached int
}

// StatsFilter is the period: submission dates from From to To inclusive,
// YYYY-MM-DD, either may be empty for no bound.
type StatsFilter struct {
	From, To string
}

func (f StatsFilter) bounds() (from, to time.Time, err error) {
	from = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	var errs talent.Errors
	if f.From != "" {
		d, e := dispatch.ParseDay(f.From)
		if e != nil {
			errs.Add(talent.CodeInvalid, "from", "日期“%s”格式不正确，应为 YYYY-MM-DD", f.From)
		}
		from = d.UTC()
	}
	if f.To != "" {
		d, e := dispatch.ParseDay(f.To)
		if e != nil {
			errs.Add(talent.CodeInvalid, "to", "日期“%s”格式不正确，应为 YYYY-MM-DD", f.To)
		}
		to = d.AddDate(0, 0, 1).UTC()
	}
	if len(errs) == 0 && f.From != "" && f.To != "" && f.To < f.From {
		errs.Add(talent.CodeInvalid, "to", "结束日期不能早于开始日期")
	}
	return from, to, errs.Err()
}

// Statistics groups the requests submitted in the period by registry,
// township, month or kind. Groups without requests are left out; rows come
// in the enum's or the township list's order, months ascending, and the
// registry group of requests no expert took (UNASSIGNED) last. Grouped by
// registry, a request served by experts of two registries counts in both,
// so rows may add up to more than total. total covers every request of the
// period once.
func (s *Store) Statistics(ctx context.Context, group StatsGroup, f StatsFilter) (rows []StatsRow, total StatsRow, err error) {
	switch group {
	case ByRegistry, ByTownship, ByMonth, ByKind:
	default:
		return nil, total, talent.Errorf(talent.CodeInvalid, "groupBy", "分组方式“%s”无效，应为 REGISTRY、TOWNSHIP、MONTH 或 KIND", group)
	}
	from, to, err := f.bounds()
	if err != nil {
		return nil, total, err
	}
	var reqs []struct {
		ID         int64      `db:"id"`
		Kind       string     `db:"kind"`
		Township   string     `db:"township"`
		Status     string     `db:"status"`
		CreatedAt  time.Time  `db:"created_at"`
		AcceptedAt *time.Time `db:"accepted_at"`
	}
	if err := s.sel(ctx, s.db, &reqs, `SELECT id, kind, township, status, created_at, accepted_at FROM request
		WHERE created_at >= ? AND created_at < ? ORDER BY id`, from, to); err != nil {
		return nil, total, fmt.Errorf("store: statistics: %w", err)
	}
	var engs []struct {
		RequestID int64  `db:"request_id"`
		Registry  string `db:"registry"`
		Status    string `db:"status"`
		Attendees int    `db:"attendees"`
	}
	if err := s.sel(ctx, s.db, &engs, `SELECT g.request_id, g.registry, g.status, g.attendees
		FROM engagement g JOIN request r ON r.id = g.request_id
		WHERE r.created_at >= ? AND r.created_at < ? ORDER BY g.id`, from, to); err != nil {
		return nil, total, fmt.Errorf("store: statistics: %w", err)
	}
	// people[request][registry] and the registries that served each request.
	people := map[int64]map[string]int{}
	for _, e := range engs {
		if people[e.RequestID] == nil {
			people[e.RequestID] = map[string]int{}
		}
		n := 0
		if e.Status == string(dispatch.EngagementCompleted) {
			n = e.Attendees
		}
		people[e.RequestID][e.Registry] += n
	}

	type acc struct {
		row   StatsRow
		hours []float64
	}
	groups := map[string]*acc{}
	all := &acc{row: StatsRow{Key: "TOTAL", Label: "合计"}}
	add := func(a *acc, fulfilled bool, hours *float64, reached int) {
		a.row.Requests++
		if fulfilled {
			a.row.Fulfilled++
		}
		if hours != nil {
			a.hours = append(a.hours, *hours)
		}
		a.row.PeopleReached += reached
	}
	for _, r := range reqs {
		fulfilled := r.Status == string(dispatch.Completed) || r.Status == string(dispatch.Rated)
		var hours *float64
		if r.AcceptedAt != nil {
			h := r.AcceptedAt.Sub(r.CreatedAt).Hours()
			hours = &h
		}
		reached := 0
		for _, n := range people[r.ID] {
			reached += n
		}
		add(all, fulfilled, hours, reached)
		keys := map[string]int{} // group key → people reached in it
		switch group {
		case ByKind:
			keys[r.Kind] = reached
		case ByTownship:
			keys[r.Township] = reached
		case ByMonth:
			keys[dispatch.Month(r.CreatedAt)] = reached
		case ByRegistry:
			for reg, n := range people[r.ID] {
				keys[reg] = n
			}
			if len(keys) == 0 {
				keys[Unassigned] = 0
			}
		}
		for k, n := range keys {
			a := groups[k]
			if a == nil {
				a = &acc{row: StatsRow{Key: k, Label: statsLabel(group, k)}}
				groups[k] = a
			}
			add(a, fulfilled, hours, n)
		}
	}
	finish := func(a *acc) StatsRow {
		a.row.AcceptedCount = len(a.hours)
		a.row.MedianHoursToAcceptance = median(a.hours)
		return a.row
	}
	for _, k := range statsOrder(group, groups) {
		rows = append(rows, finish(groups[k]))
	}
	return rows, finish(all), nil
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &m
}

func statsLabel(g StatsGroup, key string) string {
	switch g {
	case ByKind:
		return talent.Label(dispatch.Kinds, key)
	case ByTownship:
		return talent.TownshipName(key)
	case ByRegistry:
		if key == Unassigned {
			return "未接单"
		}
		return talent.Label(talent.Registries, key)
	case ByMonth:
		if t, err := time.Parse("2006-01", key); err == nil {
			return t.Format("2006年1月")
		}
	}
	return key
}

// statsOrder lists the present group keys in display order.
func statsOrder[V any](g StatsGroup, groups map[string]V) []string {
	var order []string
	switch g {
	case ByKind:
		for _, v := range dispatch.Kinds {
			order = append(order, v.Name)
		}
	case ByRegistry:
		for _, v := range talent.Registries {
			order = append(order, v.Name)
		}
		order = append(order, Unassigned)
	case ByTownship:
		for _, t := range talent.Townships {
			order = append(order, t.Code)
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, k := range order {
		if _, ok := groups[k]; ok {
			out = append(out, k)
			seen[k] = true
		}
	}
	// Months, and anything unexpected (a township code no longer in the
	// list), in ascending order after the known ones.
	var rest []string
	for k := range groups {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
