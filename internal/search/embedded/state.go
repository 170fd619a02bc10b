package embedded

import (
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/textproc"
)

// Scoring is BM25F in its simple form: per document and term, the field
// term frequencies are length-normalised, multiplied by the field's boost
// and summed into one pseudo-frequency (wtf), which BM25 then saturates:
//
//	wtf   = Σ_f boost_f · tf_f / (1 − b + b · len_f / refLen_f)
//	score = Σ_t w_t · idf_t · wtf·(k1+1) / (wtf + k1)
//
// Length normalisation uses fixed reference lengths rather than the corpus
// average, so wtf is computed once at indexing time and a document's score
// does not depend on what else was indexed or in which order.
const (
	k1 = 1.2
	b  = 0.75
	// synonymWeight and charWeight scale expansions of a query term: an
	// officer's synonym is nearly as good as the word itself; a longer word
	// that merely contains a searched character (瓷 → 陶瓷) is weaker.
	synonymWeight = 0.8
	charWeight    = 0.5
	// maxCharExpansion bounds the words a single character expands to; the
	// most frequent are kept.
	maxCharExpansion = 64
)

// Searchable field groups, in the order of the boosts below.
const (
	fName = iota
	fExpertise
	fTopicTitles
	fFields
	fTitle
	fOrganization
	fBio
	fTopicTexts
	numFields
)

// fieldSpec: boosts follow the issue (name, expertise, topic titles, fields
// > title, organisation > bio, topic texts); reference lengths are typical
// token counts of each field in real profiles.
var fieldSpec = [numFields]struct{ boost, refLen float64 }{
	fName:         {3, 3},
	fExpertise:    {3, 8},
	fTopicTitles:  {3, 10},
	fFields:       {3, 4},
	fTitle:        {2, 2},
	fOrganization: {2, 5},
	fBio:          {1, 60},
	fTopicTexts:   {1, 40},
}

// Filterable and facetable attributes.
const (
	aRegistry = iota
	aStatus
	aRegStatus // search.MembershipKey of each membership
	aPlace     // township and service townships
	aAudience
	aEmergency
	aOnCall
	numAttrs
)

// facetAttr maps the facet allow-list to attributes.
var facetAttr = map[string]int{
	search.FacetRegistry:          aRegistry,
	search.FacetStatus:            aStatus,
	search.FacetTownship:          aPlace,
	search.FacetAudience:          aAudience,
	search.FacetEmergencyCategory: aEmergency,
	search.FacetOnCall:            aOnCall,
}

// analysed is a document ready to be added: its distinct terms with their
// pseudo-frequencies and its attribute values. Analysis is the expensive
// part of indexing and needs no lock.
type analysed struct {
	id      int64
	version int
	terms   []string
	wtf     []float32
	attrs   [numAttrs][]string
}

func analyse(an *textproc.Analyzer, d *search.Document) *analysed {
	texts := [numFields][]string{
		fName: {d.Name}, fExpertise: d.Expertise, fTopicTitles: d.TopicTitles, fFields: d.Fields,
		fTitle: {d.Title}, fOrganization: {d.Organization}, fBio: {d.Bio}, fTopicTexts: d.TopicTexts,
	}
	tf := make(map[string]*[numFields]float64)
	var lens [numFields]float64
	for f, list := range texts {
		for _, text := range list {
			for _, tok := range an.Tokens(text) {
				c := tf[tok]
				if c == nil {
					c = new([numFields]float64)
					tf[tok] = c
				}
				c[f]++
				lens[f]++
			}
		}
	}
	a := &analysed{id: d.ID, version: d.Version, terms: make([]string, 0, len(tf)), wtf: make([]float32, 0, len(tf))}
	for term, c := range tf {
		var w float64
		for f, n := range c {
			if n > 0 {
				w += fieldSpec[f].boost * n / (1 - b + b*lens[f]/fieldSpec[f].refLen)
			}
		}
		a.terms = append(a.terms, term)
		a.wtf = append(a.wtf, float32(w))
	}
	for _, m := range d.Memberships {
		a.attrs[aRegistry] = append(a.attrs[aRegistry], m.Registry)
		a.attrs[aStatus] = append(a.attrs[aStatus], m.Status)
		a.attrs[aRegStatus] = append(a.attrs[aRegStatus], search.MembershipKey(m.Registry, m.Status))
	}
	if d.Township != "" {
		a.attrs[aPlace] = append(a.attrs[aPlace], d.Township)
	}
	a.attrs[aPlace] = append(a.attrs[aPlace], d.ServiceTownships...)
	a.attrs[aAudience] = d.Audiences
	a.attrs[aEmergency] = d.EmergencyCategories
	a.attrs[aOnCall] = []string{strconv.FormatBool(d.OnCall)}
	return a
}

type postings struct {
	slots []uint32 // ascending: slots are only ever appended
	wtf   []float32
}

// state is the in-memory inverted index. Each version of a document gets a
// new slot; replacing or deleting a document only clears its old slot from
// live, and compact drops dead slots once they are a quarter of the index.
// The caller (Index) guards a state with its RWMutex.
type state struct {
	ids      []int64 // slot → document ID
	versions []int   // slot → document version
	live     bitset
	nLive    int
	slotOf   map[int64]uint32 // live document ID → slot
	termID   map[string]uint32
	terms    []string // term ID → term
	post     []postings
	byRune   map[rune][]uint32            // Han character → IDs of longer terms containing it
	attrs    [numAttrs]map[string]*bitset // value → slots; may include dead slots
	// dictVersion is textproc.DictVersion when the state was started;
	// documents are analysed under it or a later one.
	dictVersion int64
}

func newState() *state {
	s := &state{slotOf: make(map[int64]uint32), termID: make(map[string]uint32), byRune: make(map[rune][]uint32), dictVersion: textproc.DictVersion()}
	for i := range s.attrs {
		s.attrs[i] = make(map[string]*bitset)
	}
	return s
}

func (s *state) put(a *analysed) {
	s.del(a.id)
	slot := uint32(len(s.ids))
	s.ids = append(s.ids, a.id)
	s.versions = append(s.versions, a.version)
	s.slotOf[a.id] = slot
	s.live.set(slot)
	s.nLive++
	for i, t := range a.terms {
		p := &s.post[s.term(t)]
		p.slots = append(p.slots, slot)
		p.wtf = append(p.wtf, a.wtf[i])
	}
	for attr, vals := range a.attrs {
		for _, v := range vals {
			bs := s.attrs[attr][v]
			if bs == nil {
				bs = new(bitset)
				s.attrs[attr][v] = bs
			}
			bs.set(slot)
		}
	}
}

// term returns the ID of t, registering it (and, for a word of several
// characters, its Han characters) on first sight.
func (s *state) term(t string) uint32 {
	if id, ok := s.termID[t]; ok {
		return id
	}
	id := uint32(len(s.terms))
	s.termID[t] = id
	s.terms = append(s.terms, t)
	s.post = append(s.post, postings{})
	if utf8.RuneCountInString(t) > 1 {
		seen := make(map[rune]bool)
		for _, r := range t {
			if unicode.Is(unicode.Han, r) && !seen[r] {
				seen[r] = true
				s.byRune[r] = append(s.byRune[r], id)
			}
		}
	}
	return id
}

func (s *state) del(id int64) bool {
	slot, ok := s.slotOf[id]
	if !ok {
		return false
	}
	delete(s.slotOf, id)
	s.live.clear(slot)
	s.nLive--
	return true
}

func (s *state) needsCompaction() bool {
	dead := len(s.ids) - s.nLive
	return dead > 1024 && dead > s.nLive/4
}

// compact renumbers live slots densely and drops dead ones from every
// posting list and attribute. Slot order, and so posting order, is kept.
func (s *state) compact() {
	const gone = math.MaxUint32
	remap := make([]uint32, len(s.ids))
	var next uint32
	ids, versions := make([]int64, 0, s.nLive), make([]int, 0, s.nLive)
	for i := range s.ids {
		if !s.live.has(uint32(i)) {
			remap[i] = gone
			continue
		}
		remap[i] = next
		s.slotOf[s.ids[i]] = next
		ids, versions = append(ids, s.ids[i]), append(versions, s.versions[i])
		next++
	}
	for i := range s.post {
		p := &s.post[i]
		n := 0
		for j, sl := range p.slots {
			if r := remap[sl]; r != gone {
				p.slots[n], p.wtf[n] = r, p.wtf[j]
				n++
			}
		}
		p.slots, p.wtf = slices.Clip(p.slots[:n]), slices.Clip(p.wtf[:n])
	}
	for a := range s.attrs {
		for v, bs := range s.attrs[a] {
			var nb bitset
			bs.each(func(i uint32) {
				if r := remap[i]; r != gone {
					nb.set(r)
				}
			})
			if len(nb) == 0 {
				delete(s.attrs[a], v)
			} else {
				s.attrs[a][v] = &nb
			}
		}
	}
	s.ids, s.versions = ids, versions
	s.live = nil
	for i := range next {
		s.live.set(i)
	}
}

// df counts the live documents containing term id.
func (s *state) df(id uint32) int {
	n := 0
	for _, sl := range s.post[id].slots {
		if s.live.has(sl) {
			n++
		}
	}
	return n
}

// idf is BM25's, always positive.
func (s *state) idf(df int) float64 {
	n := float64(s.nLive)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// allowed returns the live slots passing f.
func (s *state) allowed(f *search.Filter) bitset {
	out := slices.Clone(s.live)
	restrict := func(attr int, values []string) {
		var u bitset
		for _, v := range values {
			if bs := s.attrs[attr][v]; bs != nil {
				u.or(*bs)
			}
		}
		out.and(u)
	}
	switch {
	case len(f.Registries) > 0 && len(f.Statuses) > 0:
		var pairs []string
		for _, r := range f.Registries {
			for _, st := range f.Statuses {
				pairs = append(pairs, search.MembershipKey(r, st))
			}
		}
		restrict(aRegStatus, pairs)
	case len(f.Registries) > 0:
		restrict(aRegistry, f.Registries)
	case len(f.Statuses) > 0:
		restrict(aStatus, f.Statuses)
	}
	if len(f.Townships) > 0 {
		restrict(aPlace, f.Townships)
	}
	if len(f.Audiences) > 0 {
		restrict(aAudience, f.Audiences)
	}
	if len(f.EmergencyCategories) > 0 {
		restrict(aEmergency, f.EmergencyCategories)
	}
	if f.OnCall != nil {
		restrict(aOnCall, []string{strconv.FormatBool(*f.OnCall)})
	}
	return out
}

// expansion is one indexed term a query term stands for.
type expansion struct {
	term   uint32
	weight float64 // query weight × expansion factor
	idf    float64
}

// origin is one query term and the indexed terms it matches.
type origin struct {
	exps []expansion
	max  float64 // the most this origin can add to a score
}

// expand resolves query terms to indexed terms: the term itself, its
// synonyms, and for a single Han character the longer words containing it.
func (s *state) expand(an *textproc.Analyzer, terms []textproc.Term) []origin {
	var out []origin
	for _, t := range terms {
		var o origin
		seen := make(map[uint32]bool)
		add := func(term string, w float64) {
			id, ok := s.termID[term]
			if !ok || seen[id] {
				return
			}
			seen[id] = true
			df := s.df(id)
			if df == 0 {
				return
			}
			e := expansion{term: id, weight: w, idf: s.idf(df)}
			o.exps = append(o.exps, e)
			o.max = max(o.max, e.weight*e.idf*(k1+1))
		}
		add(t.Text, t.Weight)
		for _, syn := range an.Expand(t.Text) {
			add(syn, t.Weight*synonymWeight)
		}
		if r, size := utf8.DecodeRuneInString(t.Text); size == len(t.Text) && unicode.Is(unicode.Han, r) {
			ids := slices.Clone(s.byRune[r])
			if len(ids) > maxCharExpansion {
				slices.SortStableFunc(ids, func(x, y uint32) int { return len(s.post[y].slots) - len(s.post[x].slots) })
				ids = ids[:maxCharExpansion]
			}
			for _, id := range ids {
				add(s.terms[id], t.Weight*charWeight)
			}
		}
		if len(o.exps) > 0 {
			out = append(out, o)
		} else {
			// A term nothing matches still counts against the best
			// possible score, so a half-matched query scores lower.
			out = append(out, origin{max: t.Weight * s.idf(0) * (k1 + 1)})
		}
	}
	return out
}

// scratch holds per-search accumulators sized to the slot count, reused
// across searches so that a query allocates little.
type scratch struct {
	acc, best []float32
	touched   []uint32
	bestSet   []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (sc *scratch) reset(n int) {
	if cap(sc.acc) < n {
		sc.acc, sc.best = make([]float32, n), make([]float32, n)
	}
	sc.acc, sc.best = sc.acc[:n], sc.best[:n]
	sc.touched, sc.bestSet = sc.touched[:0], sc.bestSet[:0]
}

type scoredSlot struct {
	slot  uint32
	id    int64
	score float32
}

// better orders hits: higher score first, then lower ID, so pages are
// stable.
func better(x, y scoredSlot) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	return x.id < y.id
}

// search runs q (already validated) with terms analysed from it.
func (s *state) search(an *textproc.Analyzer, q *search.Query, terms []textproc.Term) *search.Result {
	allowed := s.live
	if f := q.Filter; len(f.Registries)+len(f.Statuses)+len(f.Townships)+len(f.Audiences)+len(f.EmergencyCategories) > 0 || f.OnCall != nil {
		allowed = s.allowed(&f)
	}
	k := q.Offset + q.Limit
	res := &search.Result{}
	var hits bitset // all matching slots, for facets
	var top []scoredSlot
	var origins []origin

	if len(terms) == 0 {
		res.Total = allowed.count()
		hits = allowed
		top = topK(k, func(push func(scoredSlot)) {
			allowed.each(func(i uint32) { push(scoredSlot{slot: i, id: s.ids[i]}) })
		})
	} else {
		origins = s.expand(an, terms)
		var maxScore float64
		for _, o := range origins {
			maxScore += o.max
		}
		sc := scratchPool.Get().(*scratch)
		defer scratchPool.Put(sc)
		sc.reset(len(s.ids))
		for _, o := range origins {
			// A document matching several expansions of one query term
			// (茶叶 and 茶树 for 茶) gets the best of them, not the sum.
			for _, e := range o.exps {
				p := &s.post[e.term]
				f := e.weight * e.idf
				for j, sl := range p.slots {
					if !allowed.has(sl) {
						continue
					}
					w := float64(p.wtf[j])
					c := float32(f * w * (k1 + 1) / (w + k1))
					if c > sc.best[sl] {
						if sc.best[sl] == 0 {
							sc.bestSet = append(sc.bestSet, sl)
						}
						sc.best[sl] = c
					}
				}
			}
			for _, sl := range sc.bestSet {
				if sc.acc[sl] == 0 {
					sc.touched = append(sc.touched, sl)
				}
				sc.acc[sl] += sc.best[sl]
				sc.best[sl] = 0
			}
			sc.bestSet = sc.bestSet[:0]
		}
		res.Total = len(sc.touched)
		if len(q.Facets) > 0 {
			for _, sl := range sc.touched {
				hits.set(sl)
			}
		}
		top = topK(k, func(push func(scoredSlot)) {
			for _, sl := range sc.touched {
				push(scoredSlot{slot: sl, id: s.ids[sl], score: float32(float64(sc.acc[sl]) / maxScore)})
			}
		})
		for _, sl := range sc.touched {
			sc.acc[sl] = 0
		}
	}

	if q.Offset < len(top) {
		for _, h := range top[q.Offset:] {
			res.Hits = append(res.Hits, search.Hit{ID: h.id, Score: float64(h.score), MatchedTerms: s.matched(origins, h.slot)})
		}
	}
	if len(q.Facets) > 0 {
		res.Facets = make(map[string]map[string]int, len(q.Facets))
		for _, name := range q.Facets {
			counts := make(map[string]int)
			for v, bs := range s.attrs[facetAttr[name]] {
				if n := hits.andCount(*bs); n > 0 {
					counts[v] = n
				}
			}
			res.Facets[name] = counts
		}
	}
	return res
}

// matched lists the indexed terms of origins found in slot, heaviest
// expansion first.
func (s *state) matched(origins []origin, slot uint32) []string {
	type m struct {
		term string
		w    float64
	}
	var found []m
	for _, o := range origins {
		for _, e := range o.exps {
			if _, ok := slices.BinarySearch(s.post[e.term].slots, slot); ok {
				found = append(found, m{s.terms[e.term], e.weight * e.idf})
			}
		}
	}
	slices.SortStableFunc(found, func(x, y m) int {
		switch {
		case x.w > y.w:
			return -1
		case x.w < y.w:
			return 1
		}
		return 0
	})
	out := make([]string, 0, len(found))
	for _, f := range found {
		if !slices.Contains(out, f.term) {
			out = append(out, f.term)
		}
	}
	return out
}

// topK returns the k best of what gen pushes, best first, using a bounded
// min-heap so that ranking 100k matches costs O(n log k).
func topK(k int, gen func(push func(scoredSlot))) []scoredSlot {
	h := make([]scoredSlot, 0, k)
	// worse(i, j): h[i] ranks below h[j]; the root is the worst kept.
	worse := func(i, j int) bool { return better(h[j], h[i]) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			w := l
			if r := l + 1; r < len(h) && worse(r, l) {
				w = r
			}
			if !worse(w, i) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	gen(func(x scoredSlot) {
		if k == 0 {
			return
		}
		if len(h) < k {
			h = append(h, x)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			return
		}
		if better(x, h[0]) {
			h[0] = x
			down(0)
		}
	})
	slices.SortFunc(h, func(x, y scoredSlot) int {
		switch {
		case better(x, y):
			return -1
		case better(y, x):
			return 1
		}
		return 0
	})
	return h
}
