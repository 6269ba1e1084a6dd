package eval

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

func TestReadMSRP(t *testing.T) {
	in := "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n" +
		"1\t10\t11\tThe bank raised rates.\tRates were raised by the bank.\r\n" +
		"\n" +
		"0\t12\t13\tShares fell.\tShares rose sharply in late trading.\n"
	pairs, err := ReadMSRP(strings.NewReader(in), "msrp.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []SentencePair{
		{ID1: "10", ID2: "11", A: "The bank raised rates.", B: "Rates were raised by the bank.", Paraphrase: true},
		{ID1: "12", ID2: "13", A: "Shares fell.", B: "Shares rose sharply in late trading."},
	}
	if len(pairs) != len(want) || pairs[0] != want[0] || pairs[1] != want[1] {
		t.Errorf("pairs = %+v, want %+v", pairs, want)
	}
	for _, tc := range []struct{ in, want string }{
		{"id\tx\n", "msrp.txt line 1"},
		{"Quality\t\n2\t1\t2\ta\tb\n", "msrp.txt line 2"},
		{"Quality\t\n1\t1\t2\ta\n", "msrp.txt line 2"},
		{"Quality\t\n1\t1\t2\ta\tb\n1\t3\t4\t\xff\tb\n", "msrp.txt line 3: eval: malformed corpus: not UTF-8"},
	} {
		_, err := ReadMSRP(strings.NewReader(tc.in), "msrp.txt")
		if err == nil || !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadMSRP(%q) = %v, want an error naming %q", tc.in, err, tc.want)
		}
	}
}

// TestMSRPCorpus checks the counts the measurement rests on, when the
// corpus is at hand.
func TestMSRPCorpus(t *testing.T) {
	dir := testdata.Extra(t, "msrp")
	for _, tc := range []struct {
		file      string
		pairs, ok int
	}{{MSRPTrainFile, 4076, 2753}, {MSRPTestFile, 1725, 1147}} {
		pairs, err := LoadMSRP(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		ok := 0
		for _, p := range pairs {
			if p.Paraphrase {
				ok++
			}
		}
		if len(pairs) != tc.pairs || ok != tc.ok {
			t.Errorf("%s: %d pairs, %d paraphrases; want %d, %d", tc.file, len(pairs), ok, tc.pairs, tc.ok)
		}
	}
}

// FuzzMSRP: any input reads or is refused with ErrMalformed, never a
// panic, and every pair has its IDs.
func FuzzMSRP(f *testing.F) {
	f.Add("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\ta b\tc d\n")
	f.Add("\ufeffQuality\t\n0\t1\t2\t\t\n")
	f.Add("Quality\t\n1\t\t2\ta\tb\n")
	f.Fuzz(func(t *testing.T, s string) {
		pairs, err := ReadMSRP(strings.NewReader(s), "fuzz.txt")
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !strings.Contains(err.Error(), "token too long") {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		for _, p := range pairs {
			if p.ID1 == "" || p.ID2 == "" {
				t.Fatalf("pair %+v without IDs", p)
			}
		}
	})
}
