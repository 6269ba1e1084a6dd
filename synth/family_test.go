package synth

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
)

func familySources() []stemma.Doc {
	day := time.Date(1987, 3, 2, 9, 0, 0, 0, time.UTC)
	return []stemma.Doc{
		{ID: "s0", Date: day, Text: "The central bank raised its key lending rate by half a point on Tuesday. " +
			"Economists had expected a smaller move, and bond yields climbed sharply after the announcement. " +
			"The governor told reporters that further increases could not be ruled out. " +
			"Markets in Europe followed the move with caution during the afternoon session. " +
			"Analysts said the decision would weigh on the housing market for months."},
		{ID: "s1", Text: "Floods swept through the northern valley overnight, cutting power to thousands of homes. " +
			"Rescue teams worked through the night to reach villages that were cut off by the rising water."},
	}
}

func TestFamily(t *testing.T) {
	g, err := New(familySources(), Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, shape := range []string{"chain", "fan", "tree", ""} {
		for n := range 6 {
			f, err := g.Family(n, FamilyOptions{Shape: shape, MinSize: 4, MaxSize: 8})
			if err != nil {
				t.Fatal(err)
			}
			again, _ := g.Family(n, FamilyOptions{Shape: shape, MinSize: 4, MaxSize: 8})
			if fmt.Sprint(again) != fmt.Sprint(f) {
				t.Fatalf("family %d is not deterministic", n)
			}
			if len(f.Members) < 4 || len(f.Members) > 8 {
				t.Errorf("family %d has %d members", n, len(f.Members))
			}
			seen := map[string]int{}
			for k, m := range f.Members {
				if m.Doc.ID != fmt.Sprintf("family-%d-%d", n, k) {
					t.Errorf("member %d is %s", k, m.Doc.ID)
				}
				if k == 0 {
					if m.Parent != "" || m.Kind != "root" {
						t.Errorf("root %+v", m)
					}
				} else {
					p, ok := seen[m.Parent]
					switch {
					case !ok:
						t.Errorf("%s copies %q, not an earlier member", m.Doc.ID, m.Parent)
					case f.Shape == "chain" && p != k-1, f.Shape == "fan" && p != 0:
						t.Errorf("%s family: %s copies member %d", f.Shape, m.Doc.ID, p)
					case !m.Doc.Date.After(f.Members[p].Doc.Date):
						t.Errorf("%s is dated %v, not after its parent's %v", m.Doc.ID, m.Doc.Date, f.Members[p].Doc.Date)
					}
					if m.Doc.Text == f.Members[p].Doc.Text {
						t.Errorf("%s is its parent's text unchanged", m.Doc.ID)
					}
				}
				seen[m.Doc.ID] = k
				body := m.Doc.Text[m.Body.Start:m.Body.End]
				if strings.Contains(body, m.Doc.Source) || !strings.Contains(m.Doc.Text[:m.Body.Start], m.Doc.Source) ||
					!strings.Contains(m.Doc.Text[m.Body.End:], m.Doc.Source) {
					t.Errorf("%s: the outlet's header and footer are not around the body %q", m.Doc.ID, body)
				}
			}
		}
	}
}

func TestFamilyUndated(t *testing.T) {
	g, err := New(familySources(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := g.Family(1, FamilyOptions{UndatedRate: 1, MinSize: 5, MaxSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range f.Members {
		if (m.Kind == "root") != m.Doc.Dated() {
			t.Errorf("%s (%s) dated %v", m.Doc.ID, m.Kind, m.Doc.Date)
		}
	}
	if _, err := g.Family(1, FamilyOptions{Shape: "ring"}); !errors.Is(err, ErrOptions) {
		t.Errorf("bad shape: %v", err)
	}
}

func TestBabbler(t *testing.T) {
	src := familySources()
	b, err := NewBabbler(src, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := b.Article(0, 20)
	if d.ID != "unrelated-0" || !d.Dated() || d.Source == "" || d.Text == "" {
		t.Errorf("article %+v", d)
	}
	if again := b.Article(0, 20); again != d {
		t.Error("Article is not deterministic")
	}
	want := 0
	for _, sp := range sentenceSpans(src[0].Text) {
		want += len(strings.Fields(src[0].Text[sp.Start:sp.End]))
	}
	if n := len(strings.Fields(d.Text)); n != want {
		t.Errorf("%d words, want the story's %d", n, want)
	}
	// Every word is a word of the sources, and every pair of words
	// within a sentence follows each other in them.
	vocab := map[string]bool{}
	for _, s := range src {
		for _, w := range strings.Fields(s.Text) {
			vocab[w] = true
		}
	}
	for _, w := range strings.Fields(d.Text) {
		if !vocab[w] && !vocab[strings.TrimSuffix(w, ".")] {
			t.Errorf("%q is not a word of the sources", w)
		}
	}
	if _, err := NewBabbler(nil, 1); !errors.Is(err, ErrNoSources) {
		t.Errorf("no sources: %v", err)
	}
}
