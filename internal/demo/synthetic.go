package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/fuliang/talent/internal/talent"
)

// Synthetic returns a generator of n benchmark experts: gen(i) for
// 0 ≤ i < n builds expert i. Experts are drawn from the same templates as
// the demo roster, in the same proportions, so the text has the vocabulary
// and length distribution of the real thing; names may repeat, and there
// are no registry records.
//
// Each expert depends only on (seed, i), so the generator is random-access,
// safe for concurrent use, and needs no memory for the whole roster:
// indexing 100 000 experts can stream them. ID is i+1 (for search documents
// built without a database) and ExternalID is "SYN-0000001"-style.
func Synthetic(n int, seed uint64) func(i int) *talent.Expert {
	entries := SyntheticEntries(n, seed)
	return func(i int) *talent.Expert { return entries(i).Expert }
}

// SyntheticEntries is Synthetic with each expert's memberships, for
// benchmarks that index registry and status (Entry.TalentMemberships).
func SyntheticEntries(n int, seed uint64) func(i int) *Entry {
	return func(i int) *Entry {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("demo: synthetic expert %d out of range [0, %d)", i, n))
		}
		g := &gen{rng: rand.New(rand.NewPCG(seed, uint64(i)))}
		w := weighted[g.rng.IntN(len(weighted))]
		t := &catalogue[w.template]
		e := g.person(t, t.slots[w.slot], true)
		e.Expert.ID = int64(i + 1)
		e.Expert.ExternalID = fmt.Sprintf("SYN-%07d", i+1)
		// Mostly admitted, as in a mature roster; the rest spread over the
		// other states so that status filters have something to filter.
		for j := range e.Memberships {
			switch r := g.rng.Float64(); {
			case r < 0.04:
				e.Memberships[j].Status = talent.StatusNominated
			case r < 0.07:
				e.Memberships[j].Status = talent.StatusUnderReview
			case r < 0.10:
				e.Memberships[j].Status = talent.StatusSuspended
			case r < 0.14:
				e.Memberships[j].Status = talent.StatusExited
			}
		}
		if m, ok := e.Member(rEE); ok && m.Status == talent.StatusAdmitted {
			e.Expert.OnCall = g.chance(0.4)
		}
		return e
	}
}

// weighted lists (template, slot) once per person the demo roster draws
// from that slot, so synthetic rosters keep the roster's proportions.
var weighted = func() []struct{ template, slot int } {
	var out []struct{ template, slot int }
	for ti, t := range catalogue {
		for si, s := range t.slots {
			for range s.n {
				out = append(out, struct{ template, slot int }{ti, si})
			}
		}
	}
	return out
}()
