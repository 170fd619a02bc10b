package graph

import (
	"embed"
	"net/http"
)

// GraphiQL and React are served from files embedded in the binary, so the
// explorer works on a machine with no outside network.
//
//go:embed graphiql
var graphiqlFS embed.FS

func serveGraphiQL(w http.ResponseWriter, r *http.Request) {
	page, err := graphiqlFS.ReadFile("graphiql/index.html")
	if err != nil {
		http.Error(w, "GraphiQL 不可用", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(page)
}

// GraphiQLAssets serves the explorer's scripts and styles under /graphiql/.
func GraphiQLAssets() http.Handler {
	return http.FileServer(http.FS(graphiqlFS))
}
