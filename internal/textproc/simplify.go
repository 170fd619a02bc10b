package textproc

import (
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Traditional characters are folded to simplified ones (OpenCC's t2s,
// which converts by phrase: 乾燥 → 干燥 but 乾隆 stays), so that a profile
// typed on a Hong Kong or Taiwan input method, or pasted from an old
// document, matches a request in simplified characters and back. Meilisearch
// 1.21 does not fold them either: its documents are folded before they are
// sent.
var t2s struct {
	once sync.Once
	cc   *opencc.OpenCC
	// trad marks the characters of the basic and extension-A Han blocks
	// that t2s changes; text with none of them is returned as is, without
	// the converter's cost (about 0.6 µs per character).
	trad [0xA000 - 0x3400]bool
}

func loadT2S() {
	cc, err := opencc.New("t2s")
	if err != nil {
		return // the tables are embedded in the module: cannot happen
	}
	t2s.cc = cc
	var buf [utf8.UTFMax]byte
	for r := rune(0x3400); r < 0xA000; r++ {
		n := utf8.EncodeRune(buf[:], r)
		if out, err := cc.Convert(string(buf[:n])); err == nil && out != string(buf[:n]) {
			t2s.trad[r-0x3400] = true
		}
	}
}

// Simplify converts traditional Chinese characters in s to simplified ones.
func Simplify(s string) string {
	t2s.once.Do(loadT2S)
	if t2s.cc == nil || !hasTraditional(s) {
		return s
	}
	out, err := t2s.cc.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasTraditional(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && r < 0xA000 && t2s.trad[r-0x3400] {
			return true
		}
	}
	return false
}
