package main

import (
	"debug/buildinfo"
	"testing"
)

// TestNoDateParser: go-trafilatura's date guesser is replaced by the
// module in replace/go-htmldate, so go-dateparser, whose tables cost 0.12 s
// and 78 MB of allocations whenever a stemma process starts, is not in the
// binary.
func TestNoDateParser(t *testing.T) {
	bin := buildStemma(t, t.TempDir())
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	var trafilatura, htmldate bool
	for _, m := range bi.Deps {
		switch m.Path {
		case "github.com/markusmobius/go-dateparser":
			t.Errorf("%s %s is linked", m.Path, m.Version)
		case "github.com/markusmobius/go-trafilatura":
			trafilatura = true
		case "github.com/markusmobius/go-htmldate":
			htmldate = m.Replace != nil && m.Replace.Path == "./replace/go-htmldate"
		}
	}
	if !trafilatura || !htmldate {
		t.Errorf("go-trafilatura linked: %v; go-htmldate replaced by ./replace/go-htmldate: %v", trafilatura, htmldate)
	}
}
