package memlimit

import "testing"

func TestLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		budget, nonGo, want int64
	}{
		{1024 * mib, 96 * mib, (1024 - 96 - 16) * mib}, // margin a 64th
		{4096 * mib, 96 * mib, (4096 - 96 - 64) * mib},
		{256 * mib, 96 * mib, (256 - 96 - 8) * mib}, // margin at least 8 MiB
		{256 * mib, 240 * mib, 64 * mib},            // never below a quarter
		{64 * mib, 0, 56 * mib},
	} {
		if got := Limit(c.budget, c.nonGo); got != c.want {
			t.Errorf("Limit(%d MiB, %d MiB) = %d MiB, want %d MiB", c.budget/mib, c.nonGo/mib, got/mib, c.want/mib)
		}
	}
}
