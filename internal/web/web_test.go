package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/web"
)

func TestHandlerServesPagesAssetsAndNotFound(t *testing.T) {
	ts := httptest.NewServer(web.Handler())
	defer ts.Close()
	for _, c := range []struct {
		path, contentType, body string
		status                  int
	}{
		{"/", "text/html", `<script type="module" src="/assets/app.js">`, 200},
		{"/login", "text/html", "人才专家库", 200},
		{"/requests/new", "text/html", "人才专家库", 200},
		{"/requests/12", "text/html", "人才专家库", 200},
		{"/experts/3/edit", "text/html", "人才专家库", 200},
		{"/assets/app.js", "javascript", "./core.js", 200},
		{"/assets/core.js", "javascript", "/graphql", 200},
		{"/assets/app.css", "text/css", "375px", 200},
		{"/assets/", "text/plain", "页面不存在", 404},
		{"/assets/missing.js", "text/plain", "404", 404},
		{"/requests/12/extra", "text/plain", "页面不存在", 404},
		{"/index.html", "text/plain", "页面不存在", 404},
	} {
		res, err := http.Get(ts.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != c.status || !strings.Contains(res.Header.Get("Content-Type"), c.contentType) || !strings.Contains(string(b), c.body) {
			t.Errorf("GET %s: %d %s, want %d %s containing %q", c.path, res.StatusCode, res.Header.Get("Content-Type"), c.status, c.contentType, c.body)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", c.path, csp)
		}
	}
	res, err := http.Post(ts.URL+"/login", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /login: %d, want 405", res.StatusCode)
	}
}

// The pages load nothing from other hosts: no CDN, no outside fonts.
func TestAssetsAreSelfContained(t *testing.T) {
	ts := httptest.NewServer(web.Handler())
	defer ts.Close()
	for _, p := range []string{"/", "/assets/app.js", "/assets/app.css"} {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, s := range []string{"http://", "https://", "//cdn", "@import", "url("} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s refers to %q", p, s)
			}
		}
	}
}
