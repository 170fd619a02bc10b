package textproc

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/talent"
)

//go:embed data/synonyms.txt
var synonymsText string

// Limits on officer-added synonym groups. They keep one careless entry from
// turning every query into a hundred-term disjunction.
const (
	MaxSynonymTermLen   = 20 // characters per term
	MaxSynonymGroupSize = 20 // terms per group
)

// Synonyms is an immutable set of synonym groups. Groups are not transitive:
// a term expands to the union of the groups it appears in and no further,
// which is also how Meilisearch treats multi-way synonyms, so both backends
// agree. The zero value has no groups.
type Synonyms struct {
	groups [][]string
	byTerm map[string][]int // term → indexes into groups
}

var defaultSynonyms = sync.OnceValue(func() *Synonyms {
	s, err := NewSynonyms(ParseSynonyms(synonymsText))
	if err != nil {
		// The list is compiled in and covered by a test.
		panic("textproc: embedded synonyms.txt: " + err.Error())
	}
	return s
})

// DefaultSynonyms returns the shipped county synonym groups
// (data/synonyms.txt): ceramics, tea, agriculture, health, education,
// aviation and emergency vocabulary.
func DefaultSynonyms() *Synonyms { return defaultSynonyms() }

// ParseSynonyms reads the synonyms file format: one group per line, terms
// separated by spaces, '#' starts a comment line. It does not validate; pass
// the result to NewSynonyms.
func ParseSynonyms(text string) [][]string {
	var groups [][]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		groups = append(groups, strings.Fields(line))
	}
	return groups
}

// NewSynonyms validates and normalises groups. Terms are normalised like
// indexed text (Normalize); duplicate terms within a group and groups left
// with fewer than two distinct terms are dropped. It returns talent.Errors
// (code INVALID or TOO_LONG, field "synonyms.<group>.<term>") for a term that
// is blank, contains spaces or punctuation, or is too long, and for an
// oversized group, so the API can show officers exactly what to fix.
func NewSynonyms(groups [][]string) (*Synonyms, error) {
	var errs talent.Errors
	s := &Synonyms{byTerm: make(map[string][]int)}
	for gi, g := range groups {
		if len(g) > MaxSynonymGroupSize {
			errs.Add(talent.CodeTooLong, fieldPath(gi, -1), "一组同义词不能超过%d个词", MaxSynonymGroupSize)
			continue
		}
		var terms []string
		seen := make(map[string]bool)
		for ti, t := range g {
			n := Normalize(t)
			switch {
			case n == "":
				errs.Add(talent.CodeInvalid, fieldPath(gi, ti), "同义词不能为空")
				continue
			case utf8.RuneCountInString(n) > MaxSynonymTermLen:
				errs.Add(talent.CodeTooLong, fieldPath(gi, ti), "同义词“%s”超过%d个字", t, MaxSynonymTermLen)
				continue
			case strings.IndexFunc(n, notTermRune) >= 0:
				errs.Add(talent.CodeInvalid, fieldPath(gi, ti), "同义词“%s”只能包含汉字、字母和数字，不能有空格或标点", t)
				continue
			case seen[n]:
				continue
			}
			seen[n] = true
			terms = append(terms, n)
		}
		if len(terms) < 2 {
			continue
		}
		s.add(terms)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func fieldPath(group, term int) string {
	if term < 0 {
		return "synonyms." + strconv.Itoa(group)
	}
	return "synonyms." + strconv.Itoa(group) + "." + strconv.Itoa(term)
}

// notTermRune rejects what cannot be one indexed token: a term with a space
// would be two tokens and never match as one.
func notTermRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#')
}

func (s *Synonyms) add(terms []string) {
	idx := len(s.groups)
	s.groups = append(s.groups, terms)
	for _, t := range terms {
		s.byTerm[t] = append(s.byTerm[t], idx)
	}
}

// Merge returns a new set with groups appended to s's (typically: the
// shipped defaults merged with the groups officers added). An added group
// identical to an existing one is dropped. It returns NewSynonyms's errors.
func (s *Synonyms) Merge(groups [][]string) (*Synonyms, error) {
	extra, err := NewSynonyms(groups)
	if err != nil {
		return nil, err
	}
	out := &Synonyms{byTerm: make(map[string][]int)}
	have := make(map[string]bool)
	for _, g := range append(s.Groups(), extra.groups...) {
		key := strings.Join(g, " ")
		if have[key] {
			continue
		}
		have[key] = true
		out.add(g)
	}
	return out, nil
}

// Groups returns a copy of the groups, normalised.
func (s *Synonyms) Groups() [][]string {
	if s == nil {
		return nil
	}
	out := make([][]string, len(s.groups))
	for i, g := range s.groups {
		out[i] = append([]string(nil), g...)
	}
	return out
}

// Terms returns every distinct term of every group, in group order.
func (s *Synonyms) Terms() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.byTerm))
	seen := make(map[string]bool, len(s.byTerm))
	for _, g := range s.groups {
		for _, t := range g {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Expand returns the synonyms of a normalised term, without the term itself,
// in group order; nil when it has none.
func (s *Synonyms) Expand(term string) []string {
	if s == nil {
		return nil
	}
	idxs := s.byTerm[term]
	if len(idxs) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{term: true}
	for _, gi := range idxs {
		for _, t := range s.groups[gi] {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Related reports whether a and b are the same term or synonyms.
func (s *Synonyms) Related(a, b string) bool {
	if a == b {
		return true
	}
	if s == nil {
		return false
	}
	for _, gi := range s.byTerm[a] {
		for _, t := range s.groups[gi] {
			if t == b {
				return true
			}
		}
	}
	return false
}

// Map returns the groups as term → synonyms, the shape Meilisearch's
// synonyms setting takes.
func (s *Synonyms) Map() map[string][]string {
	if s == nil {
		return map[string][]string{}
	}
	m := make(map[string][]string, len(s.byTerm))
	for t := range s.byTerm {
		m[t] = s.Expand(t)
	}
	return m
}
