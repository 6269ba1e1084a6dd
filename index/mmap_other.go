//go:build !unix

package index

import "github.com/cockroachdb/pebble/v2/vfs"

// mapFile reads a file of size bytes into memory: where stemma does not map
// files, the segment lives on the heap.
func mapFile(f vfs.File, size int64) ([]byte, func() error, error) {
	return readFile(f, size)
}
