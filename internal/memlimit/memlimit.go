// Package memlimit keeps a whole process's resident memory within a
// budget, Go's memory and the rest: a C library's allocations, a storage
// engine's block cache kept outside the Go heap, the program's code.
//
// Go's soft memory limit (runtime/debug.SetMemoryLimit) bounds only the
// memory the Go runtime maps. A process given a budget of B bytes must set
// that limit to B less everything else it holds resident, which is not
// known in advance and changes as the process runs: a cache fills, a
// cgo codec allocates its contexts. [Hold] measures it instead of guessing
// it: every Interval it reads the process's resident set (Linux's
// /proc/self/statm) and Go's own resident memory (runtime/metrics: what
// the runtime maps less what it has returned to the system), takes the
// difference as what is not Go's, and sets the limit to the budget less
// that and a margin. Where the resident set cannot be read it keeps the
// caller's estimate.
//
// The limit is soft: a heap whose live part outgrows it still grows (the
// collector then runs more often, up to its CPU cap). The caller plans its
// buffers so that the live heap stays well below the budget; Hold keeps
// the garbage and the memory not yet returned to the system from taking
// the process past it.
package memlimit

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Interval is how often [Hold] measures.
const Interval = 100 * time.Millisecond

// Hold sets Go's memory limit so that the process stays within budget
// bytes of resident memory, assuming at first that nonGo bytes of it are
// not Go's (the caller's estimate: its caches outside the Go heap and its
// code), and re-measures every Interval until stop is called or ctx is
// done. The limit never rests on less than that estimate. stop waits for
// the measuring to end and restores the limit Hold found.
func Hold(ctx context.Context, budget, nonGo int64) (stop func()) {
	prev := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(Limit(budget, nonGo))
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		m := newMeter()
		t := time.NewTicker(Interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if rss, ok := resident(); ok {
				debug.SetMemoryLimit(Limit(budget, max(nonGo, rss-m.goResident())))
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
		debug.SetMemoryLimit(prev)
	}
}

// Limit returns Go's memory limit for a process of budget bytes of which
// nonGo are not Go's: the budget less nonGo and a margin for what may
// change between two measurements (a 64th of the budget, at least 8 MiB),
// and never less than a quarter of the budget, below which the collector
// would run without end to little purpose.
func Limit(budget, nonGo int64) int64 {
	margin := max(budget/64, 8<<20)
	return max(budget-nonGo-margin, budget/4)
}

// meter reads the Go runtime's resident memory.
type meter struct{ s []metrics.Sample }

func newMeter() *meter {
	return &meter{s: []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}}
}

// goResident returns the memory the Go runtime has mapped and not
// returned to the system.
func (m *meter) goResident() int64 {
	metrics.Read(m.s)
	return int64(m.s[0].Value.Uint64()) - int64(m.s[1].Value.Uint64())
}
