package align_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/tokenize"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	match      = stemma.Match
	substitute = stemma.Substitute
	insert     = stemma.Insert
	del        = stemma.Delete
)

// alignTexts tokenises and aligns two texts with the given options, checks
// the invariants of the result, and returns it.
func alignTexts(t testing.TB, opts align.Options, a, b string) []align.Alignment {
	t.Helper()
	al, err := align.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ta, tb := tokenize.Tokens(a), tokenize.Tokens(b)
	alns := al.Align(a, ta, b, tb)
	checkAlignments(t, al.Options(), ta, tb, alns)
	return alns
}

// filler returns n distinct words that occur in no other text of these
// tests.
func filler(prefix string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return strings.Join(ws, " ")
}

const (
	// 12 words each.
	sentence1 = "The central bank raised its discount rate to six pct on Tuesday."
	sentence2 = "Dealers said the move had been widely expected by the money markets."
)

func TestAlign(t *testing.T) {
	fox := "The quick brown fox jumps over the lazy dog near the river bank while the farmer watches from his old wooden porch."
	for _, tc := range []struct {
		name string
		a, b string
		want []align.Alignment
	}{
		{
			name: "identical",
			a:    fox, b: fox,
			want: []align.Alignment{{A0: 0, A1: 22, B0: 0, B1: 22, Matched: 22, Ops: []align.Op{
				{match, 0, 22, 0, 22},
			}}},
		},
		{
			name: "case and punctuation do not matter",
			a:    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG", b: "the quick, brown fox -- jumps over the lazy dog!",
			want: []align.Alignment{{A0: 0, A1: 9, B0: 0, B1: 9, Matched: 9, Ops: []align.Op{
				{match, 0, 9, 0, 9},
			}}},
		},
		{
			name: "one word substituted in the middle",
			a:    fox,
			b:    strings.Replace(fox, "dog", "cat", 1),
			want: []align.Alignment{{A0: 0, A1: 22, B0: 0, B1: 22, Matched: 21, Ops: []align.Op{
				{match, 0, 8, 0, 8},
				{substitute, 8, 9, 8, 9},
				{match, 9, 22, 9, 22},
			}}},
		},
		{
			name: "sentence of five words inserted",
			a:    sentence1 + " Five entirely fresh words appear. " + sentence2,
			b:    sentence1 + " " + sentence2,
			want: []align.Alignment{{A0: 0, A1: 29, B0: 0, B1: 24, Matched: 24, Ops: []align.Op{
				{match, 0, 12, 0, 12},
				{insert, 12, 17, 12, 12},
				{match, 17, 29, 12, 24},
			}}},
		},
		{
			name: "three words deleted",
			a:    sentence1 + " " + sentence2,
			b:    sentence1 + " Three lost words. " + sentence2,
			want: []align.Alignment{{A0: 0, A1: 24, B0: 0, B1: 27, Matched: 24, Ops: []align.Op{
				{match, 0, 12, 0, 12},
				{del, 12, 12, 12, 15},
				{match, 12, 24, 15, 27},
			}}},
		},
		{
			name: "two passages separated by 30 unrelated words",
			a:    sentence1 + " " + filler("alpha", 30) + " " + sentence2,
			b:    sentence1 + " " + sentence2,
			want: []align.Alignment{
				{A0: 0, A1: 12, B0: 0, B1: 12, Matched: 12, Ops: []align.Op{{match, 0, 12, 0, 12}}},
				{A0: 42, A1: 54, B0: 12, B1: 24, Matched: 12, Ops: []align.Op{{match, 42, 54, 12, 24}}},
			},
		},
		{
			name: "passages in swapped order",
			a:    sentence2 + " " + sentence1,
			b:    sentence1 + " " + sentence2,
			want: []align.Alignment{
				{A0: 0, A1: 12, B0: 12, B1: 24, Matched: 12, Ops: []align.Op{{match, 0, 12, 12, 24}}},
				{A0: 12, A1: 24, B0: 0, B1: 12, Matched: 12, Ops: []align.Op{{match, 12, 24, 0, 12}}},
			},
		},
		{
			name: "unrelated texts",
			a:    filler("alpha", 40),
			b:    filler("beta", 40),
			want: nil,
		},
		{
			// Between long texts a passage needs MinWords (12) matched
			// words.
			name: "shared run of 11 words is below MinWords",
			a:    filler("alpha", 20) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 " + filler("gamma", 20),
			b:    filler("beta", 20) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 " + filler("delta", 20),
			want: nil,
		},
		{
			name: "shared run of 12 words is a passage",
			a:    filler("alpha", 20) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 " + filler("gamma", 20),
			b:    filler("beta", 15) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 " + filler("delta", 20),
			want: []align.Alignment{{A0: 20, A1: 32, B0: 15, B1: 27, Matched: 12, Ops: []align.Op{
				{match, 20, 32, 15, 27},
			}}},
		},
		{
			// Between short texts half the shorter text is enough, but
			// never fewer than 6 words.
			name: "short texts sharing 6 words",
			a:    "alpha beta w1 w2 w3 w4 w5 w6 gamma delta",
			b:    "epsilon w1 w2 w3 w4 w5 w6 zeta eta theta",
			want: []align.Alignment{{A0: 2, A1: 8, B0: 1, B1: 7, Matched: 6, Ops: []align.Op{
				{match, 2, 8, 1, 7},
			}}},
		},
		{
			name: "short texts sharing 5 words",
			a:    "alpha beta w1 w2 w3 w4 w5 gamma delta",
			b:    "epsilon w1 w2 w3 w4 w5 zeta eta theta",
			want: nil,
		},
		{
			name: "texts of 20 words sharing 9 words",
			a:    filler("alpha", 5) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 " + filler("gamma", 6),
			b:    filler("beta", 6) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 " + filler("delta", 5),
			want: nil,
		},
		{
			name: "texts of 20 words sharing 10 words",
			a:    filler("alpha", 5) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 " + filler("gamma", 5),
			b:    filler("beta", 5) + " w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 " + filler("delta", 5),
			want: []align.Alignment{{A0: 5, A1: 15, B0: 5, B1: 15, Matched: 10, Ops: []align.Op{
				{match, 5, 15, 5, 15},
			}}},
		},
		{
			// The change sits two words before the end of the copy, too
			// close for a seed of three words: edge extension must carry
			// the passage over it to "computers".
			name: "edge extension over a substitution near the end",
			a:    "Makers of semiconductors said the sanctions hurt exports of power tools and portable computers. Next sentence differs here",
			b:    "Makers of semiconductors said the sanctions hurt exports of power tools and laptop computers. Something else entirely",
			want: []align.Alignment{{A0: 0, A1: 14, B0: 0, B1: 14, Matched: 13, Ops: []align.Op{
				{match, 0, 12, 0, 12},
				{substitute, 12, 13, 12, 13},
				{match, 13, 14, 13, 14},
			}}},
		},
		{
			// Backward: "In Tokyo" is too short to seed, but edge extension
			// reaches it over the substituted word.
			name: "edge extension over a substitution near the start",
			a:    "Unrelated opening words. In Tokyo stocks fell sharply today as traders sold shares of exporters on the yen",
			b:    "Other lead. In Tokyo shares fell sharply today as traders sold shares of exporters on the yen",
			want: []align.Alignment{{A0: 3, A1: 18, B0: 2, B1: 17, Matched: 14, Ops: []align.Op{
				{match, 3, 5, 2, 4},
				{substitute, 5, 6, 4, 5},
				{match, 6, 18, 5, 17},
			}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := alignTexts(t, align.Options{}, tc.a, tc.b)
			if !equalAlignments(got, tc.want) {
				ta, tb := tokenize.Tokens(tc.a), tokenize.Tokens(tc.b)
				t.Errorf("got:\n%swant:\n%s", describe(tc.a, ta, tc.b, tb, got), describe(tc.a, ta, tc.b, tb, tc.want))
			}
		})
	}
}

func TestAlignIdentical(t *testing.T) {
	text := sentence1 + " " + sentence2
	got := alignTexts(t, align.Options{}, text, text)
	if len(got) != 1 {
		t.Fatalf("%d alignments, want 1", len(got))
	}
	n := len(tokenize.Tokens(text))
	if aln := got[0]; aln.Matched != n || !aln.Identical() || aln.Similarity() != 1 {
		t.Errorf("Matched %d of %d words, Identical %v, Similarity %g", aln.Matched, n, aln.Identical(), aln.Similarity())
	}
}

func TestAlignSimilarity(t *testing.T) {
	fox := "The quick brown fox jumps over the lazy dog near the river bank while the farmer watches from his old wooden porch."
	got := alignTexts(t, align.Options{}, fox, strings.Replace(fox, "dog", "cat", 1))
	if len(got) != 1 {
		t.Fatalf("%d alignments, want 1", len(got))
	}
	if s, want := got[0].Similarity(), 2*21.0/44; s != want || got[0].Identical() {
		t.Errorf("Similarity %g (want %g), Identical %v", s, want, got[0].Identical())
	}
	if sim := (&align.Alignment{}).Similarity(); sim != 0 {
		t.Errorf("empty alignment: Similarity %g, want 0", sim)
	}
}

// TestAlignShortTexts covers texts shorter than a seed.
func TestAlignShortTexts(t *testing.T) {
	for _, pair := range [][2]string{{"", ""}, {"one", "one"}, {"one two", "one two"}, {"", sentence1}, {sentence1, "..."}} {
		if got := alignTexts(t, align.Options{}, pair[0], pair[1]); len(got) != 0 {
			t.Errorf("Align(%q, %q) = %v, want none", pair[0], pair[1], got)
		}
	}
}

// TestAlignRepetitive checks that highly repetitive text neither blows up
// nor breaks the invariants.
func TestAlignRepetitive(t *testing.T) {
	a := strings.Repeat("the the the the ", 500)
	b := strings.Repeat("the the the ", 400)
	got := alignTexts(t, align.Options{}, a, b)
	if len(got) == 0 {
		t.Errorf("no alignment of two runs of the same word")
	}
}

func TestOptions(t *testing.T) {
	var o align.Options
	o.EnsureDefaults()
	if o != (align.Options{Seed: 3, MaxGap: 12, MinWords: 12, MinSimilarity: 0.5, MinConfidence: 0.5}) {
		t.Errorf("defaults = %+v", o)
	}
	al, err := align.New(align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if al.Options() != o {
		t.Errorf("New(zero).Options() = %+v, want %+v", al.Options(), o)
	}
	for _, tc := range []struct {
		o    align.Options
		want string
	}{
		{align.Options{Seed: 33}, "seed length 33"},
		{align.Options{Seed: -1}, "seed length -1"},
		{align.Options{MaxGap: 65}, "max gap 65"},
		{align.Options{MaxGap: -1}, "max gap -1"},
		{align.Options{MinWords: -2}, "min words -2"},
		{align.Options{MinSimilarity: 1.5}, "min similarity 1.5"},
		{align.Options{MinSimilarity: -0.1}, "min similarity -0.1"},
		{align.Options{MinConfidence: 2}, "min confidence 2"},
	} {
		_, err := align.New(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want an error naming %q", tc.o, err, tc.want)
		}
	}
}

func equalAlignments(x, y []align.Alignment) bool {
	return slices.EqualFunc(x, y, func(a, b align.Alignment) bool {
		return a.A0 == b.A0 && a.A1 == b.A1 && a.B0 == b.B0 && a.B1 == b.B1 &&
			a.Matched == b.Matched && slices.Equal(a.Ops, b.Ops)
	})
}

// checkAlignments asserts what every user of the aligner relies on. A
// paraphrased passage (Alignment.Paraphrase) need not start or end with
// matched words nor reach MinSimilarity or MinWords, but must reach
// MinConfidence.
func checkAlignments(t testing.TB, o align.Options, a, b []tokenize.Token, alns []align.Alignment) {
	t.Helper()
	for k, aln := range alns {
		if aln.A0 < 0 || aln.A0 >= aln.A1 || aln.A1 > len(a) || aln.B0 < 0 || aln.B0 >= aln.B1 || aln.B1 > len(b) {
			t.Fatalf("alignment %d: ranges A[%d,%d) B[%d,%d) outside texts of %d and %d words",
				k, aln.A0, aln.A1, aln.B0, aln.B1, len(a), len(b))
		}
		if k > 0 && aln.A0 < alns[k-1].A0 {
			t.Fatalf("alignments not sorted by start in a: %d before %d", alns[k-1].A0, aln.A0)
		}
		// An exact passage begins and ends with matched words, but for a
		// sentence on one side only that a swap of neighbours put there.
		edge := func(op, inner align.Op) bool {
			oneSided := op.Kind == stemma.Insert || op.Kind == stemma.Delete
			return op.Kind == stemma.Match || oneSided && inner.Kind == stemma.Match
		}
		n := len(aln.Ops)
		if n == 0 || !aln.Paraphrase && (!edge(aln.Ops[0], aln.Ops[min(1, n-1)]) || !edge(aln.Ops[n-1], aln.Ops[max(n-2, 0)])) {
			t.Fatalf("alignment %d: does not begin and end with matched words: %v", k, aln.Ops)
		}
		i, j, matched := aln.A0, aln.B0, 0
		for n, op := range aln.Ops {
			if op.A0 != i || op.B0 != j || op.A1 < op.A0 || op.B1 < op.B0 {
				t.Fatalf("alignment %d op %d %v: not contiguous with the previous op ending at (%d, %d)", k, n, op, i, j)
			}
			la, lb := op.A1-op.A0, op.B1-op.B0
			switch op.Kind {
			case stemma.Match:
				if la != lb || la == 0 {
					t.Fatalf("alignment %d op %d: match of %d and %d words", k, n, la, lb)
				}
				for d := range la {
					if a[op.A0+d].Term != b[op.B0+d].Term {
						t.Fatalf("alignment %d op %d: matched words %d and %d differ", k, n, op.A0+d, op.B0+d)
					}
				}
				matched += la
			case stemma.Substitute:
				if la == 0 || lb == 0 {
					t.Fatalf("alignment %d op %d: substitution of %d by %d words", k, n, lb, la)
				}
			case stemma.Insert:
				if la == 0 || lb != 0 {
					t.Fatalf("alignment %d op %d: insertion of %d words with %d source words", k, n, la, lb)
				}
			case stemma.Delete:
				if la != 0 || lb == 0 {
					t.Fatalf("alignment %d op %d: deletion of %d words with %d article words", k, n, lb, la)
				}
			default:
				t.Fatalf("alignment %d op %d: unknown kind %q", k, n, op.Kind)
			}
			if n > 0 && op.Kind == aln.Ops[n-1].Kind && op.Kind == stemma.Match {
				t.Fatalf("alignment %d: adjacent match ops %d and %d not merged", k, n-1, n)
			}
			i, j = op.A1, op.B1
		}
		if i != aln.A1 || j != aln.B1 {
			t.Fatalf("alignment %d: ops end at (%d, %d), alignment at (%d, %d)", k, i, j, aln.A1, aln.B1)
		}
		if matched != aln.Matched {
			t.Fatalf("alignment %d: Matched %d, match ops cover %d", k, aln.Matched, matched)
		}
		if s := aln.Similarity(); s < 0 || s > 1 || !aln.Paraphrase && s < o.MinSimilarity {
			t.Fatalf("alignment %d: similarity %g outside [%g, 1]", k, s, o.MinSimilarity)
		}
		if c := aln.Confidence(); c < o.MinConfidence || c > 1 || !aln.Paraphrase && c != 1 {
			t.Fatalf("alignment %d (paraphrase %v): confidence %g outside [%g, 1]", k, aln.Paraphrase, c, o.MinConfidence)
		}
		// The documented bar: MinWords, or between texts shorter than
		// 2·MinWords half the shorter text, but never fewer than 6 words;
		// a passage that is a whole sentence in both texts needs 8, and a
		// companion sentence (companion.go) 4.
		minWords := min(o.MinWords, max(6, (min(len(a), len(b))+1)/2), 8, 4)
		if !aln.Paraphrase && aln.Matched < minWords {
			t.Fatalf("alignment %d: %d matched words, fewer than the minimum %d", k, aln.Matched, minWords)
		}
		if aln.Identical() != (aln.Matched == aln.A1-aln.A0 && aln.Matched == aln.B1-aln.B0) {
			t.Fatalf("alignment %d: Identical() = %v", k, aln.Identical())
		}
		for _, prev := range alns[:k] {
			ov := min(prev.A1, aln.A1) - max(prev.A0, aln.A0)
			if 2*ov > max(prev.A1-prev.A0, aln.A1-aln.A0) {
				t.Fatalf("alignments A[%d,%d) and A[%d,%d) overlap by %d words", prev.A0, prev.A1, aln.A0, aln.A1, ov)
			}
		}
	}
}

// describe writes alignments as text, one op a line, with the words each
// side holds; golden files use it too.
func describe(at string, a []tokenize.Token, bt string, b []tokenize.Token, alns []align.Alignment) string {
	var sb strings.Builder
	words := func(s string, toks []tokenize.Token, i, j int) string {
		if i == j {
			return ""
		}
		return strings.Join(strings.Fields(s[toks[i].Start:toks[j-1].End]), " ")
	}
	for _, aln := range alns {
		fmt.Fprintf(&sb, "alignment A[%d,%d) B[%d,%d) matched %d similarity %.3f identical %v\n",
			aln.A0, aln.A1, aln.B0, aln.B1, aln.Matched, aln.Similarity(), aln.Identical())
		for _, op := range aln.Ops {
			fmt.Fprintf(&sb, "  %-10s A[%d,%d) B[%d,%d)", op.Kind, op.A0, op.A1, op.B0, op.B1)
			switch op.Kind {
			case stemma.Match:
				w := words(at, a, op.A0, op.A1)
				if len(w) > 60 {
					w = w[:30] + " … " + w[len(w)-30:]
				}
				fmt.Fprintf(&sb, " %q", w)
			default:
				fmt.Fprintf(&sb, " %q -> %q", words(bt, b, op.B0, op.B1), words(at, a, op.A0, op.A1))
			}
			sb.WriteString("\n")
		}
	}
	if len(alns) == 0 {
		sb.WriteString("no alignment\n")
	}
	return sb.String()
}

// readReuters returns the Reuters stories with the given IDs, reading the
// shared data only as far as needed.
func readReuters(tb testing.TB, ids ...string) map[string]stemma.Doc {
	tb.Helper()
	f, err := os.Open(testdata.Path(tb, "reuters-21578.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := map[string]stemma.Doc{}
	dec := json.NewDecoder(zr)
	for len(out) < len(want) {
		var d stemma.Doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		if want[d.ID] {
			out[d.ID] = d
		}
	}
	for id := range want {
		if _, ok := out[id]; !ok {
			tb.Fatalf("Reuters story %s not found", id)
		}
	}
	return out
}

// goldenPairs are real Reuters wire repeats: a story (b) and a later
// correction or rewrite of it sent under the same headline (a).
var goldenPairs = []struct{ name, a, b string }{
	{"stora-papyrus", "reuters-3071", "reuters-3063"},     // "SKPS ST" fixed, tense changed
	{"taft-offer", "reuters-4135", "reuters-4033"},        // typo fixed, a word added
	{"funaro-brazil", "reuters-2844", "reuters-2790"},     // reworded, two passages
	{"sweden-bond", "reuters-3147", "reuters-3116"},       // "said" moved, plural made singular
	{"world-bank-uganda", "reuters-1224", "reuters-1175"}, // paragraph dropped
}

// TestAlignGolden aligns each pair and compares the edit script with
// testdata/golden/NAME.txt. Run with -update to rewrite the files after a
// deliberate change, and review the diff.
func TestAlignGolden(t *testing.T) {
	var ids []string
	for _, p := range goldenPairs {
		ids = append(ids, p.a, p.b)
	}
	docs := readReuters(t, ids...)
	for _, p := range goldenPairs {
		t.Run(p.name, func(t *testing.T) {
			a, b := docs[p.a], docs[p.b]
			ta, tb := tokenize.Tokens(a.Text), tokenize.Tokens(b.Text)
			alns := alignTexts(t, align.Options{}, a.Text, b.Text)
			if len(alns) == 0 {
				t.Fatalf("%s and %s: no alignment", p.a, p.b)
			}
			var buf bytes.Buffer
			fmt.Fprintf(&buf, "A %s (%d words)\nB %s (%d words)\n%q\nOps turn B into A; a change reads \"B words\" -> \"A words\".\n\n",
				a.ID, len(ta), b.ID, len(tb), a.Title)
			buf.WriteString(describe(a.Text, ta, b.Text, tb, alns))
			path := filepath.Join("testdata", "golden", p.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("alignment of %s against %s differs from %s:\n--- got\n%s--- want\n%s", p.a, p.b, path, got, want)
			}
		})
	}
}

func FuzzAlign(f *testing.F) {
	fox := "The quick brown fox jumps over the lazy dog near the river bank while the farmer watches from his old wooden porch."
	f.Add(fox, strings.Replace(fox, "dog", "cat", 1))
	f.Add(sentence1+" Five entirely fresh words appear. "+sentence2, sentence1+" "+sentence2)
	f.Add(sentence1+" "+filler("w", 30)+" "+sentence2, sentence2+" "+sentence1)
	f.Add("the the the the the the the the the the", "the the the the the the the the")
	f.Add("", "")
	f.Add("Café U.S. ﬁnance １２３ don't", "CAFÉ u.s finance 123 DON'T")
	strict, err := align.New(align.Options{})
	if err != nil {
		f.Fatal(err)
	}
	loose, err := align.New(align.Options{Seed: 1, MaxGap: 4, MinWords: 1, MinSimilarity: 0.01})
	if err != nil {
		f.Fatal(err)
	}
	// Paraphrase alignment, at the default confidence and at one that
	// lets every proposed passage through.
	para, err := align.New(align.Options{Paraphrase: true})
	if err != nil {
		f.Fatal(err)
	}
	paraAll, err := align.New(align.Options{Paraphrase: true, MinConfidence: 1e-9})
	if err != nil {
		f.Fatal(err)
	}
	// Paraphrase alignment stems in the article's language: the inputs
	// pick one, so every stemmer meets them.
	langs := []string{"", "fr", "de", "ru", "pt", "es", "it", "nl", "pl", "zh"}
	f.Fuzz(func(t *testing.T, a, b string) {
		ta, tb := tokenize.Tokens(a), tokenize.Tokens(b)
		code := langs[(len(a)+len(b))%len(langs)]
		para.SetLanguage(code)
		paraAll.SetLanguage(code)
		for _, al := range []*align.Aligner{strict, loose, para, paraAll} {
			checkAlignments(t, al.Options(), ta, tb, al.Align(a, ta, b, tb))
			// b followed by a shares all of b with b: this reaches the
			// chaining and edge code even from unrelated inputs.
			ab := b + " " + a
			tab := tokenize.Tokens(ab)
			checkAlignments(t, al.Options(), tab, tb, al.Align(ab, tab, b, tb))
		}
	})
}

func BenchmarkAlignReutersPair(b *testing.B) {
	docs := readReuters(b, "reuters-2844", "reuters-2790")
	x, y := docs["reuters-2844"], docs["reuters-2790"]
	tx, ty := tokenize.Tokens(x.Text), tokenize.Tokens(y.Text)
	al, err := align.New(align.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(x.Text) + len(y.Text)))
	for b.Loop() {
		if len(al.Align(x.Text, tx, y.Text, ty)) == 0 {
			b.Fatal("no alignment")
		}
	}
}
