// Package web serves talentd's pages for people who do not write GraphQL:
// requesters submitting and following requests, dispatchers inviting
// ranked experts, experts answering invitations and editing their profile.
//
// The pages are one HTML shell and a small JavaScript module embedded in the
// binary (no CDN, no outside fonts). Every read and write goes through the
// same /graphql endpoint with the user's bearer token, so the server-side
// authorization and validation apply to the pages exactly as to any client.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var static embed.FS

// pages are the paths that render the page shell; the JavaScript module
// picks the view from the path.
var pages = []string{
	"/{$}",
	"/login",
	"/requests",
	"/requests/new",
	"/requests/{id}",
	"/queue",
	"/invitations",
	"/open",
	"/history",
	"/experts",
	"/experts/{id}",
	"/experts/{id}/edit",
	"/import",
	"/statistics",
}

// Handler returns the pages and their assets, to be mounted at "/".
// Unknown paths are a Chinese 404; methods other than GET and HEAD a 405.
func Handler() http.Handler {
	root, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	shell, err := fs.ReadFile(root, "index.html")
	if err != nil {
		panic(err)
	}
	files := http.FileServerFS(root)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /assets/{file}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
	for _, p := range pages {
		mux.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			_, _ = w.Write(shell)
		})
	}
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "页面不存在", http.StatusNotFound)
	})
	return secure(mux)
}

// secure adds headers that keep the pages to their own scripts and styles
// and out of other sites' frames.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
