package matcher

import (
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/textproc"
)

// A cued subject is searched as one word: if the analyzer cuts it (质量管理
// into 质量, 管理), no index has it as written and the cue finds nobody.
func TestCueTopicsAreWords(t *testing.T) {
	an := textproc.Default()
	for _, tc := range topicCues {
		if got := an.Tokens(tc.topic); !slices.Contains(got, tc.topic) {
			t.Errorf("cue topic %q is cut into %v: add it to the user dictionary", tc.topic, got)
		}
	}
}
