package bench

import (
	"bytes"
	"fmt"
	"os/exec"
	"time"

	"github.com/stemmanews/stemma/server/loadtest"
)

// peakSampleInterval is how often runChild reads a child's peak resident
// set. The peak (VmHWM) only grows, so a sample misses at most the growth
// of the child's last interval.
const peakSampleInterval = 50 * time.Millisecond

// runChild runs cmd to completion and returns its wall time in seconds
// and its peak resident set in MB. The peak is read from the child's
// /proc status while it runs, not from ru_maxrss after it exits: Linux
// counts the parent's resident set at the fork into a child's ru_maxrss,
// and the harness holds whole corpora in memory.
func runChild(cmd *exec.Cmd) (seconds, peakMB float64, err error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(peakSampleInterval)
	defer tick.Stop()
	sample := func() {
		if mb, err := loadtest.PeakResidentMB(cmd.Process.Pid); err == nil {
			peakMB = max(peakMB, mb)
		}
	}
	sample()
	for {
		select {
		case err := <-done:
			seconds = time.Since(start).Seconds()
			if err != nil {
				return seconds, peakMB, fmt.Errorf("%s: %w: %s", cmd.Args, err, out.Bytes())
			}
			return seconds, peakMB, nil
		case <-tick.C:
			sample()
		}
	}
}
