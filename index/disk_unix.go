//go:build unix

package index

import (
	"io/fs"
	"syscall"
)

// allocated returns the bytes of disk a file holds: its blocks, which a
// preallocated file has beyond its length and a sparse one lacks.
func allocated(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Blocks * 512 // st_blocks counts 512-byte units (stat(2))
	}
	return info.Size()
}
