package bench

import "testing"

// raceEnabled is set when the tests are built with -race. The suites here
// index and trace whole corpora, which the race detector slows tenfold;
// .ci/run runs them in a step of their own without it, and the code they
// exercise is raced by its own packages' tests.
var raceEnabled bool

func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("whole-corpus suite: run without -race (see .ci/run)")
	}
}
