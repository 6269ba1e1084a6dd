package memlimit

import (
	"context"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

// touchAnon maps n bytes outside the Go heap and writes every page, as a C
// library's allocations or a block cache would hold them.
func touchAnon(t *testing.T, n int) {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(b) })
	for i := 0; i < n; i += 4096 {
		b[i] = 1
	}
}

// TestHold checks that memory held outside the Go heap lowers Go's limit
// by as much, and that stopping restores the limit Hold found.
func TestHold(t *testing.T) {
	const budget, held = 2 << 30, 256 << 20
	before := debug.SetMemoryLimit(-1)
	stop := Hold(context.Background(), budget, 0)
	if got := debug.SetMemoryLimit(-1); got != Limit(budget, 0) {
		t.Errorf("limit at the start %d, want %d", got, Limit(budget, 0))
	}
	touchAnon(t, held)
	// The runtime counts as its own some memory it has mapped and the
	// system has not yet made resident, so what Hold finds outside Go
	// may be a little short of what is held there.
	want := Limit(budget, held*7/8)
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) > want && time.Now().Before(deadline) {
		time.Sleep(Interval)
	}
	if got := debug.SetMemoryLimit(-1); got > want {
		t.Errorf("limit %d MiB with %d MiB held outside Go, want at most %d MiB", got>>20, held>>20, want>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop %d, want %d", got, before)
	}
}

func TestResident(t *testing.T) {
	r0, ok := resident()
	if !ok || r0 <= 0 {
		t.Fatalf("resident() = %d, %v", r0, ok)
	}
	touchAnon(t, 64<<20)
	r1, _ := resident()
	if r1-r0 < 60<<20 {
		t.Errorf("resident set grew by %d MiB after touching 64 MiB", (r1-r0)>>20)
	}
}
