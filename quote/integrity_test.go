package quote_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/quote"
	"github.com/stemmanews/stemma/trace"
)

// damageCase is one generated copy of a real article.
type damageCase struct {
	orig   stemma.Doc
	copy   stemma.Doc
	damage quote.Damage // Kind "" for an undamaged copy
}

// IntegrityScores are per-kind precision and recall of quote findings.
type IntegrityScores struct {
	Cases             map[quote.DamageKind]int
	TP, FP, Collat    map[stemma.QuoteProblem]int
	Expected          map[stemma.QuoteProblem]int
	Undamaged, Clean  int // undamaged copies, and those with no finding
	Unsourced         int // quote-unsourced findings in all copies
	Precision, Recall map[stemma.QuoteProblem]float64
}

// makeCases builds perKind damaged copies of each kind and undamaged
// copies, from real articles with attributed quotes, with a fixed seed.
func makeCases(docs []stemma.Doc, perKind, undamaged int, seed uint64) []damageCase {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	order := rng.Perm(len(docs))
	used := map[string]bool{}
	var cases []damageCase
	n := 0
	next := func(d stemma.Doc, text string, dm quote.Damage) {
		n++
		c := stemma.Doc{ID: fmt.Sprintf("copy-%d-of-%s", n, d.ID), Source: "copy", Title: d.Title, Text: text}
		if d.Dated() {
			c.Date = d.Date.Add(24 * time.Hour)
		}
		cases = append(cases, damageCase{orig: d, copy: c, damage: dm})
		used[d.ID] = true
	}
	for _, kind := range quote.DamageKinds {
		got := 0
		for _, i := range order {
			if got == perKind {
				break
			}
			d := docs[i]
			if used[d.ID] {
				continue
			}
			text, dm, err := quote.Apply(d.Text, kind, rng)
			if err != nil {
				continue
			}
			next(d, text, dm)
			got++
		}
	}
	got := 0
	for _, i := range order {
		if got == undamaged {
			break
		}
		d := docs[i]
		if used[d.ID] || len(quote.Find(d.Text)) < 2 {
			continue
		}
		next(d, d.Text, quote.Damage{})
		got++
	}
	return cases
}

func scoreIntegrity(t *testing.T, cases []damageCase, tr *trace.Tracer, verbose bool) IntegrityScores {
	s := IntegrityScores{Cases: map[quote.DamageKind]int{}, TP: map[stemma.QuoteProblem]int{}, FP: map[stemma.QuoteProblem]int{},
		Collat: map[stemma.QuoteProblem]int{}, Expected: map[stemma.QuoteProblem]int{},
		Precision: map[stemma.QuoteProblem]float64{}, Recall: map[stemma.QuoteProblem]float64{}}
	for _, c := range cases {
		rep, err := tr.Trace(context.Background(), c.copy)
		if err != nil {
			t.Fatal(err)
		}
		want := c.damage.Kind.Expect()
		if c.damage.Kind == "" {
			s.Undamaged++
			if len(rep.Quotes) == 0 {
				s.Clean++
			}
		} else {
			s.Cases[c.damage.Kind]++
			s.Expected[want]++
		}
		hit := false
		for _, f := range rep.Quotes {
			if f.Kind == stemma.QuoteUnsourced {
				s.Unsourced++
			}
			onTarget := c.damage.Kind != "" && f.Quote.Text.Overlap(c.damage.Quote) > 0
			switch {
			case f.Kind == want && onTarget:
				if !hit {
					s.TP[want]++
				}
				hit = true
			case c.damage.Kind == quote.Swap && (f.Kind == stemma.SpeakerChanged || f.Kind == stemma.SpeakerLost) && quote.SameSpeaker(f.SourceSpeaker, c.damage.Speaker):
				// another quote of the swapped speaker, now read as the new
				// one's through "he said" or a continued quote
				s.Collat[f.Kind]++
			default:
				s.FP[f.Kind]++
				if verbose {
					t.Logf("%s (%s %s): unexpected %s: %s", c.copy.ID, c.damage.Kind, c.damage.Detail, f.Kind, f.Explanation)
				}
			}
		}
		if c.damage.Kind != "" && !hit && verbose {
			t.Logf("%s: missed %s (%s)", c.copy.ID, c.damage.Kind, c.damage.Detail)
		}
	}
	for _, k := range quote.DamageKinds {
		p := k.Expect()
		s.Recall[p] = float64(s.TP[p]) / float64(max(1, s.Expected[p]))
		s.Precision[p] = float64(s.TP[p]) / float64(max(1, s.TP[p]+s.FP[p]))
	}
	return s
}

// Floors on the generated set (docs/benchmarks-quotes.md has the figures).
const (
	minIntegrityPrecision = 0.95
	minIntegrityRecall    = 0.90
)

// TestIntegrity indexes real Reuters and BBC articles, traces copies in
// which one quote was cut, spun, re-attributed or moved after a sentence
// about someone else, and checks that the report flags exactly that; and
// that undamaged copies get no finding at all.
func TestIntegrity(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a few thousand articles")
	}
	all := readCorpus(t, nil)
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var docs []stemma.Doc
	for _, id := range ids {
		docs = append(docs, all[id])
	}
	cases := makeCases(docs, 50, 50, 1)
	// The index holds the originals and 3,000 other articles.
	var indexed []stemma.Doc
	in := map[string]bool{}
	for _, c := range cases {
		if !in[c.orig.ID] {
			in[c.orig.ID] = true
			indexed = append(indexed, c.orig)
		}
	}
	for i := 0; i < len(docs) && len(indexed) < len(cases)+3000; i += 5 {
		if !in[docs[i].ID] {
			in[docs[i].ID] = true
			indexed = append(indexed, docs[i])
		}
	}
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Add(indexed...); err != nil {
		t.Fatal(err)
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := scoreIntegrity(t, cases, tr, testing.Verbose())
	t.Logf("%d cases (%v), %d undamaged, index of %d articles", len(cases), s.Cases, s.Undamaged, len(indexed))
	kinds := slices.Clone(quote.DamageKinds)
	for _, k := range kinds {
		p := k.Expect()
		t.Logf("%-5s %-16s precision %.3f recall %.3f (TP %d, FP %d; %d more on other quotes of a swapped speaker, not counted)", k, p, s.Precision[p], s.Recall[p], s.TP[p], s.FP[p], s.Collat[p])
		if s.Precision[p] < minIntegrityPrecision {
			t.Errorf("%s: precision %.3f < %.2f", k, s.Precision[p], minIntegrityPrecision)
		}
		if s.Recall[p] < minIntegrityRecall {
			t.Errorf("%s: recall %.3f < %.2f", k, s.Recall[p], minIntegrityRecall)
		}
	}
	t.Logf("undamaged copies without findings: %d/%d; quote-unsourced findings: %d", s.Clean, s.Undamaged, s.Unsourced)
	if s.Clean != s.Undamaged {
		t.Errorf("%d of %d undamaged copies have findings", s.Undamaged-s.Clean, s.Undamaged)
	}
}
