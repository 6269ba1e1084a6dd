//go:build !linux

package memlimit

// resident is not measured here: Hold keeps the caller's estimate.
func resident() (int64, bool) { return 0, false }
