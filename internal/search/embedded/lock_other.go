//go:build !unix

package embedded

import (
	"fmt"
	"os"
)

// lockFile creates path exclusively and removes it on unlock. Without
// flock, a crash leaves the file behind; the error says which file to delete.
func lockFile(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s exists: the index is open in another process, or one crashed (then delete the file): %v", path, err)
	}
	f.Close()
	return func() error { return os.Remove(path) }, nil
}
