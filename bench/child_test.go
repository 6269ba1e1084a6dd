package bench

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestRunChildPeak: runChild gives a child's own peak resident set, not
// the harness's: the harness holds 400 MB when it starts a child that
// touches 100 MB.
func TestRunChildPeak(t *testing.T) {
	if mb := os.Getenv("STEMMA_TEST_CHILD_MB"); mb != "" {
		n, _ := strconv.Atoi(mb)
		b := make([]byte, n<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		time.Sleep(300 * time.Millisecond)
		if b[len(b)/2] != 1 {
			t.Fatal("lost a write")
		}
		return
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory inflates a child's resident set: run without -race (see .ci/run)")
	}
	held := make([]byte, 400<<20)
	for i := 0; i < len(held); i += 4096 {
		held[i] = 1
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunChildPeak$")
	cmd.Env = append(os.Environ(), "STEMMA_TEST_CHILD_MB=100")
	secs, peak, err := runChild(cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("child: %.2f s, peak %.0f MB; ru_maxrss %d kB", secs, peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	if peak < 100 || peak > 250 {
		t.Errorf("child's peak RSS %.0f MB, want 100 MB and a test binary's overhead (the harness holds %d MB)", peak, len(held)>>20)
	}
	if secs < 0.3 {
		t.Errorf("child ran %.2f s, want ≥ 0.3 s", secs)
	}
	if held[len(held)/2] != 1 {
		t.Fatal("lost a write")
	}
}
