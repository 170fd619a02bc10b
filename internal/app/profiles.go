package app

import (
	"context"
	"sync"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/matcher"
)

// profileCacheSize bounds the cached profiles (a profile is a few KB; the
// matcher reads ~120 per request, and a county roster is a few thousand).
const profileCacheSize = 20000

// profiles feeds the matcher from the store. Loading and decoding whole
// profiles was most of a match's own time, so they are cached; every match
// still reads, in one query, the versions of each candidate's profile and
// memberships (a stale entry is reloaded, so a write is seen by the next
// match, from any replica) and the workload and ratings, which change with
// every booking.
type profiles struct {
	st  *store.Store
	max int

	mu    sync.Mutex
	cache map[int64]cachedProfile
}

type cachedProfile struct {
	stamp store.ProfileStamp
	p     matcher.Profile // Expert and Memberships are shared: read-only
}

func newProfiles(st *store.Store, max int) *profiles {
	return &profiles{st: st, max: max, cache: make(map[int64]cachedProfile)}
}

func (p *profiles) Profiles(ctx context.Context, ids []int64, month time.Time) (map[int64]*matcher.Profile, error) {
	facts, err := p.st.MatchFactsByExperts(ctx, ids, month)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*matcher.Profile, len(facts))
	var miss []int64
	p.mu.Lock()
	for id, f := range facts {
		c, ok := p.cache[id]
		if !ok || c.stamp != f.Stamp() {
			miss = append(miss, id)
			continue
		}
		prof := c.p
		out[id] = &prof
	}
	p.mu.Unlock()
	if len(miss) > 0 {
		experts, err := p.st.ExpertsByIDs(ctx, miss)
		if err != nil {
			return nil, err
		}
		ms, err := p.st.MembershipsByExperts(ctx, miss)
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		for id, e := range experts {
			prof := matcher.Profile{Expert: e, Memberships: ms[id], Text: &matcher.ProfileText{}}
			// The stamp of what was loaded, which may be newer than facts:
			// the next match reloads it if so.
			p.put(id, cachedProfile{stamp: store.ProfileStampOf(e, ms[id]), p: prof})
			out[id] = &prof
		}
		p.mu.Unlock()
	}
	for id, prof := range out {
		f := facts[id]
		prof.EngagementsThisMonth, prof.RatingCount = f.BookedThisMonth, f.RatingCount
		if f.RatingCount > 0 {
			prof.RatingMean = float64(f.RatingTotal) / float64(f.RatingCount)
		}
	}
	return out, nil
}

// put stores c, first dropping about a tenth of the entries (Go's map order
// is random, so these are random ones) when the cache is full.
func (p *profiles) put(id int64, c cachedProfile) {
	if _, ok := p.cache[id]; !ok && len(p.cache) >= p.max {
		drop := max(p.max/10, 1)
		for k := range p.cache {
			delete(p.cache, k)
			if drop--; drop == 0 {
				break
			}
		}
	}
	p.cache[id] = c
}
