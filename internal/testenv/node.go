package testenv

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var npmMu sync.Mutex

// NodePackage returns the directory of an npm package (name@version),
// fetched once with `npm pack` into the git-ignored .cache/npm at the
// repository root, for tests that check our output with JavaScript tools
// (e.g. graphql-js). Node and npm are required in CI and skip the test
// elsewhere when missing.
func NodePackage(t testing.TB, name, version string) (node, dir string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = exec.LookPath("npm")
	}
	if err != nil {
		if InCI() {
			t.Fatalf("Node.js and npm are required in CI to check %s@%s: %v", name, version, err)
		}
		t.Skipf("skipping: needs Node.js and npm (%v)", err)
		return "", ""
	}
	cache := filepath.Join(repoRoot(), ".cache", "npm")
	dir = filepath.Join(cache, name+"@"+version)
	npmMu.Lock()
	defer npmMu.Unlock()
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
		return node, dir
	}
	tmp, err := os.MkdirTemp(cache+"-tmp", "pack")
	if err != nil {
		if err := os.MkdirAll(cache+"-tmp", 0o755); err != nil {
			t.Fatal(err)
		}
		if tmp, err = os.MkdirTemp(cache+"-tmp", "pack"); err != nil {
			t.Fatal(err)
		}
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "pack", "--silent", name+"@"+version, "--pack-destination", tmp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("npm pack %s@%s: %v\n%s", name, version, err, out)
	}
	tgz := filepath.Join(tmp, strings.TrimSpace(lastLine(string(out))))
	extract := filepath.Join(tmp, "x")
	if err := untar(tgz, extract); err != nil {
		t.Fatalf("extract %s: %v", tgz, err)
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(extract, "package"), dir); err != nil && !os.IsExist(err) {
		t.Fatal(err)
	}
	return node, dir
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func untar(path, dest string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		target := filepath.Join(dest, filepath.Clean("/"+h.Name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			out, err := os.Create(target)
			if err != nil {
				return err
			}
			if _, err := io.Copy(out, tr); err != nil {
				out.Close()
				return err
			}
			out.Close()
		}
	}
}

// repoRoot is the module root, found from this source file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}
