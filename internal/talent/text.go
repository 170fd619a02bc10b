package talent

import (
	"strings"
	"unicode/utf8"
)

func trimSpace(s string) string {
	// Also trims the ideographic space U+3000 that Chinese input methods leave.
	return strings.TrimFunc(s, func(r rune) bool { return r == '\u3000' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// runeLen counts characters, not bytes: limits are stated in characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// Clean trims surrounding whitespace (including full-width spaces).
func Clean(s string) string { return trimSpace(s) }

// CleanList trims every element, drops blanks and duplicates, keeping order.
func CleanList(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = trimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
