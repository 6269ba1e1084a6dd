package tokenize_test

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/tokenize"
)

// word is a token as a reader sees it: its byte span and the text there.
type word struct {
	Start, End int
	Text       string
}

func words(text string, toks []tokenize.Token) []word {
	out := make([]word, len(toks))
	for i, t := range toks {
		out[i] = word{int(t.Start), int(t.End), text[t.Start:t.End]}
	}
	return out
}

func TestTokensOffsets(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want []word
	}{
		{"ascii", "Hello, world!", []word{{0, 5, "Hello"}, {7, 12, "world"}}},
		{"empty", "", []word{}},
		{"punctuation only", "... -- !! ?", []word{}},
		{"abbreviation", "the U.S. economy", []word{{0, 3, "the"}, {4, 7, "U.S"}, {9, 16, "economy"}}},
		{"abbreviation then hyphen", "U.S.-Japan talks", []word{{0, 3, "U.S"}, {5, 10, "Japan"}, {11, 16, "talks"}}},
		{"apostrophe", "don't stop", []word{{0, 5, "don't"}, {6, 10, "stop"}}},
		{"curly apostrophe", "can’t stop", []word{{0, 7, "can’t"}, {8, 12, "stop"}}},
		{"numbers", "rose 3.5% to $1,000", []word{{0, 4, "rose"}, {5, 8, "3.5"}, {10, 12, "to"}, {14, 19, "1,000"}}},
		{"hyphen splits", "co-operate", []word{{0, 2, "co"}, {3, 10, "operate"}}},
		{"accents", "Café au lait", []word{{0, 5, "Café"}, {6, 8, "au"}, {9, 13, "lait"}}},
		{"newlines and indent", "first line\n    second", []word{{0, 5, "first"}, {6, 10, "line"}, {15, 21, "second"}}},
		{"ligature", "ﬁnance", []word{{0, 8, "ﬁnance"}}},
		{"full-width digits", "１２３ kg", []word{{0, 9, "１２３"}, {10, 12, "kg"}}},
		{"CJK ideographs one per token", "中文分词", []word{{0, 3, "中"}, {3, 6, "文"}, {6, 9, "分"}, {9, 12, "词"}}},
		{"katakana run", "日本のテキスト", []word{{0, 3, "日"}, {3, 6, "本"}, {6, 9, "の"}, {9, 21, "テキスト"}}},
		{"emoji only", "😀🎉 👍🏽", []word{}},
		{"emoji between words", "good 👍 news", []word{{0, 4, "good"}, {10, 14, "news"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := tokenize.Tokens(tc.text)
			checkTokens(t, tc.text, toks)
			if got := words(tc.text, toks); !slices.Equal(got, tc.want) {
				t.Errorf("Tokens(%q)\n got %+v\nwant %+v", tc.text, got, tc.want)
			}
		})
	}
}

func term(t *testing.T, w string) uint64 {
	t.Helper()
	h, ok := tokenize.Term(w)
	if !ok {
		t.Fatalf("Term(%q) reports no word", w)
	}
	return h
}

func TestTermEquivalence(t *testing.T) {
	for _, same := range [][]string{
		{"Café", "CAFÉ", "café", "cafe\u0301", "CAFE\u0301"},
		{"ﬁnance", "finance", "FINANCE", "Ｆｉｎａｎｃｅ"},
		{"１２３", "123"},
		{"Straße", "STRASSE", "strasse"},
		{"don't", "DON'T"},
		{"Reuters", "REUTERS", "reuters"},
	} {
		want := term(t, same[0])
		for _, w := range same[1:] {
			if got := term(t, w); got != want {
				t.Errorf("Term(%q) != Term(%q): the two would not match", w, same[0])
			}
		}
	}
	for _, pair := range [][2]string{
		{"cafe", "café"},
		{"finance", "finances"},
		{"U.S", "us"},
		{"12", "123"},
		{"dont", "don't"},
	} {
		if term(t, pair[0]) == term(t, pair[1]) {
			t.Errorf("Term(%q) == Term(%q): different words would match", pair[0], pair[1])
		}
	}
	for _, w := range []string{"", "...", "😀", "—", "  "} {
		if _, ok := tokenize.Term(w); ok {
			t.Errorf("Term(%q) reports a word", w)
		}
	}
}

// TestTokensTermsMatchAcrossCase checks what alignment relies on: the same
// sentence in different case and Unicode forms gives the same term
// sequence.
func TestTokensTermsMatchAcrossCase(t *testing.T) {
	a := tokenize.Tokens("The CAFÉ raised ﬁnance in １９８７.")
	b := tokenize.Tokens("the café RAISED finance in 1987")
	if len(a) != len(b) {
		t.Fatalf("%d tokens vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Term != b[i].Term {
			t.Errorf("token %d: terms differ", i)
		}
	}
}

func TestTokensInvalidUTF8(t *testing.T) {
	for _, text := range []string{
		"a\xffb",
		"a\xffb \xc3 cé\xe9x",
		"\xe6\x97",         // truncated 3-byte sequence
		"word\xc0\xafword", // overlong encoding
		"\xed\xa0\x80 surrogate",
		string([]byte{0xff, 0xfe, 0xfd}),
	} {
		toks := tokenize.Tokens(text)
		checkTokens(t, text, toks)
	}
	// Valid words on either side of a bad byte survive.
	text := "a\xffb"
	if got, want := words(text, tokenize.Tokens(text)), []word{{0, 1, "a"}, {2, 3, "b"}}; !slices.Equal(got, want) {
		t.Errorf("Tokens(%q) = %+v, want %+v", text, got, want)
	}
}

func TestTokensAppendsAndReuses(t *testing.T) {
	var tz tokenize.Tokenizer
	first := tz.Tokens("one two three", nil)
	if len(first) != 3 {
		t.Fatalf("got %d tokens, want 3", len(first))
	}
	// Appending keeps what dst held.
	both := tz.Tokens("four", slices.Clone(first))
	if len(both) != 4 || !slices.Equal(both[:3], first) || both[3].Start != 0 || both[3].End != 4 {
		t.Errorf("appending gave %v", both)
	}
	// A reused tokenizer gives what a fresh one gives, even for a shorter
	// text and for a non-ASCII one after an ASCII one.
	for _, text := range []string{"Straße und Café", "x", "The U.S. said", ""} {
		got := tz.Tokens(text, nil)
		want := tokenize.Tokens(text)
		if !slices.Equal(got, want) {
			t.Errorf("reused tokenizer on %q: %v, fresh one: %v", text, got, want)
		}
	}
}

// checkTokens asserts the invariants every caller relies on: tokens lie
// within the text, in order and without overlap; each token's term is the
// term of the text between its offsets; and the text between tokens holds
// no letter or digit, so no word is lost.
func checkTokens(t testing.TB, text string, toks []tokenize.Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		s, e := int(tok.Start), int(tok.End)
		if s < prev || s >= e || e > len(text) {
			t.Fatalf("text %q: token %d has span [%d,%d) after offset %d, text length %d", clip(text), i, s, e, prev, len(text))
		}
		w := text[s:e]
		h, ok := tokenize.Term(w)
		if !ok {
			t.Fatalf("text %q: token %d %q is not a word by Term", clip(text), i, w)
		}
		if h != tok.Term {
			t.Fatalf("text %q: token %d %q: Term differs from the token's term", clip(text), i, w)
		}
		if gap := text[prev:s]; hasWordRune(gap) {
			t.Fatalf("text %q: gap %q before token %d holds a letter or digit that no token covers", clip(text), gap, i)
		}
		prev = e
	}
	if gap := text[prev:]; hasWordRune(gap) {
		t.Fatalf("text %q: trailing gap %q holds a letter or digit that no token covers", clip(text), gap)
	}
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return true
		}
	}
	return false
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

type story struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// readStories reads the id and text of every record of a gzipped JSONL
// file of the shared data.
func readStories(tb testing.TB, name string) []story {
	tb.Helper()
	f, err := os.Open(testdata.Path(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	dec := json.NewDecoder(zr)
	var out []story
	for {
		var s story
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("%s record %d: %v", name, len(out)+1, err)
		}
		out = append(out, s)
	}
	return out
}

// TestTokensCorpora checks the token invariants on every Reuters and BBC
// story.
func TestTokensCorpora(t *testing.T) {
	for _, c := range []struct {
		file    string
		stories int
	}{
		{"reuters-21578.jsonl.gz", 19043},
		{"bbc-news.jsonl.gz", 2225},
	} {
		t.Run(c.file, func(t *testing.T) {
			stories := readStories(t, c.file)
			if len(stories) != c.stories {
				t.Fatalf("read %d stories, want %d", len(stories), c.stories)
			}
			var tz, ref tokenize.Tokenizer
			var toks []tokenize.Token
			total := 0
			for _, s := range stories {
				toks = tz.Tokens(s.Text, toks[:0])
				checkTokens(t, s.Text, toks)
				if want := ref.TokensUAX29(s.Text, nil); !slices.Equal(toks, want) {
					t.Fatalf("%s: Tokens and uax29 alone differ: %s", s.ID, firstDiff(s.Text, toks, want))
				}
				if len(s.Text) > 100 && len(toks) == 0 {
					t.Fatalf("%s: %d bytes of text and no token", s.ID, len(s.Text))
				}
				total += len(toks)
			}
			// Each story is a few hundred words on average.
			if avg := total / len(stories); avg < 50 || avg > 1000 {
				t.Errorf("%d tokens per story on average", avg)
			}
		})
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{
		"", "Hello, world!", "the U.S. economy", "don't", "Café CAFÉ", "ﬁnance",
		"１２３", "日本語のテキスト", "😀🎉", "a\xffb", "x\u0301y", "rock'n'roll 3.5% $1,000",
	} {
		f.Add(s)
	}
	var tz tokenize.Tokenizer
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokens(text)
		checkTokens(t, text, toks)
		// A tokenizer reused after other inputs agrees with a fresh one.
		if again := tz.Tokens(text, nil); !slices.Equal(again, toks) {
			t.Fatalf("reused tokenizer on %q: %v, fresh one: %v", text, again, toks)
		}
	})
}

// TestTokensASCIIRules: the word rules of UAX #29 on ASCII, which Tokens
// applies itself: what joins and what breaks.
func TestTokensASCIIRules(t *testing.T) {
	text := "The U.S. said: 1,000.50 (don't) a:b e.g. __init__ _ a..b 1,a x-ray 3;4 a.1 1.5. \"q\""
	want := []string{"The", "U.S", "said", "1,000.50", "don't", "a:b", "e.g", "__init__", "a", "b", "1", "a", "x", "ray", "3;4", "a", "1", "1.5", "q"}
	var got []string
	for _, w := range words(text, tokenize.Tokens(text)) {
		got = append(got, w.Text)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens(%q) = %q, want %q", text, got, want)
	}
	if want := (word{4, 7, "U.S"}); words(text, tokenize.Tokens(text))[1] != want {
		t.Errorf("second token %+v, want %+v", words(text, tokenize.Tokens(text))[1], want)
	}
}

// FuzzTokensUAX29: Tokens segments ASCII runs itself; on valid UTF-8 it
// must give exactly the tokens of uax29 run over the whole text, so that
// indexes built before the fast path keep matching. (On invalid UTF-8,
// uax29 reads a bad byte together with the bytes that follow it, even
// across white space, where Tokens stops; FuzzTokens checks the invariants
// there.)
func FuzzTokensUAX29(f *testing.F) {
	for _, s := range []string{
		"The U.S. said", "e.g. a.b.c a..b", "1,000.50 3.14; 1;2 1,a a,1", "don't rock'n'roll '90s 'quoted'",
		"a:b :a a: 12:30", "__init__ _x x_ _1_ a_.b 1._2", "a.1 1.a 1a.b a1.2", "x.\u0301y a \u0301b", "tab\there\vand\fform\r\nfeed",
		"“quoted” words, naïve café", "end.", ".start", "a'", "'a", "1.", ".1", "3.5% $1,000", "a\xff.b",
	} {
		f.Add(s)
	}
	var tz, ref tokenize.Tokenizer
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		got := tz.Tokens(text, nil)
		if want := ref.TokensUAX29(text, nil); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) and uax29 alone differ: %s", text, firstDiff(text, got, want))
		}
	})
}

// firstDiff describes the first token where got and want differ.
func firstDiff(text string, got, want []tokenize.Token) string {
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			return fmt.Sprintf("token %d: missing %q", i, text[want[i].Start:want[i].End])
		case i >= len(want):
			return fmt.Sprintf("token %d: extra %q", i, text[got[i].Start:got[i].End])
		case got[i] != want[i]:
			return fmt.Sprintf("token %d: %q, want %q", i, text[got[i].Start:got[i].End], text[want[i].Start:want[i].End])
		}
	}
	return "no difference"
}

func BenchmarkTokensReuters(b *testing.B) {
	stories := readStories(b, "reuters-21578.jsonl.gz")
	var n int64
	for _, s := range stories {
		n += int64(len(s.Text))
	}
	var tz tokenize.Tokenizer
	var toks []tokenize.Token
	b.SetBytes(n)
	for b.Loop() {
		for _, s := range stories {
			toks = tz.Tokens(s.Text, toks[:0])
		}
	}
}
