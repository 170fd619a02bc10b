package embedded_test

import (
	"testing"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/searchtest"
)

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index {
		return embedded.New(t.TempDir(), "experts")
	})
}
