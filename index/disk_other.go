//go:build !unix

package index

import "io/fs"

// allocated returns the length of a file: where stemma cannot ask for its
// blocks, its length is the best estimate of the disk it holds.
func allocated(info fs.FileInfo) int64 { return info.Size() }
