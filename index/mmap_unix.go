//go:build unix

package index

import (
	"syscall"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// mapFile maps a file of size bytes read-only into memory, or reads it
// when it has no descriptor (an in-memory file system). The returned
// function releases the memory.
func mapFile(f vfs.File, size int64) ([]byte, func() error, error) {
	fd := f.Fd()
	if fd == vfs.InvalidFd || size == 0 || int64(int(size)) != size {
		return readFile(f, size)
	}
	b, err := syscall.Mmap(int(fd), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return readFile(f, size)
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}
