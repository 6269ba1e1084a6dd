package eval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/internal/testdata"
)

// writePAN writes a PAN corpus in the shared files' formats to a new
// directory.
func writePAN(t *testing.T, docs map[string]string, pairs, truth string) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, PANDocsFile))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	enc := json.NewEncoder(zw)
	for id, text := range docs {
		if err := enc.Encode(map[string]string{"id": id, "text": text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{PANPairsFile: pairs, PANTruthFile: truth} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Truth offsets count characters; the loaded spans count bytes.
func TestLoadPANConvertsOffsets(t *testing.T) {
	docs := map[string]string{
		"susp": "Zürich’s café — naïve wörds here",
		"src":  "plain ascii source text",
	}
	// "wörds" is characters 22 to 27 of susp; the source span runs past
	// the end of its 23-character text and is cut.
	truth := `{"suspicious": "susp", "source": "src", "obfuscation": "none", "this_offset": 22, "this_length": 5, "source_offset": 19, "source_length": 10}` + "\n"
	p, err := LoadPAN(writePAN(t, docs, "susp\tsrc\n", truth))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cases) != 1 || len(p.Pairs) != 1 || len(p.Docs) != 2 {
		t.Fatalf("loaded %d docs, %d pairs, %d cases", len(p.Docs), len(p.Pairs), len(p.Cases))
	}
	c := p.Cases[0]
	if got := docs["susp"][c.SuspiciousSpan.Start:c.SuspiciousSpan.End]; got != "wörds" {
		t.Errorf("suspicious span %v is %q, want wörds", c.SuspiciousSpan, got)
	}
	if got := docs["src"][c.SourceSpan.Start:c.SourceSpan.End]; got != "text" {
		t.Errorf("source span %v is %q, want text", c.SourceSpan, got)
	}
	if p.Clamped != 1 {
		t.Errorf("Clamped = %d, want 1", p.Clamped)
	}
	if c.Obfuscation != "none" {
		t.Errorf("Obfuscation = %q", c.Obfuscation)
	}
}

func TestLoadPANMalformed(t *testing.T) {
	docs := map[string]string{"a": "some text", "b": "other text"}
	good := `{"suspicious": "a", "source": "b", "this_offset": 0, "this_length": 4, "source_offset": 0, "source_length": 5}`
	for _, tc := range []struct {
		name, pairs, truth string
	}{
		{"pair without tab", "a b\n", good},
		{"pair with unknown doc", "a\tc\n", good},
		{"truth not JSON", "a\tb\n", "{"},
		{"truth with unknown doc", "a\tb\n", strings.Replace(good, `"b"`, `"zz"`, 1)},
		{"negative offset", "a\tb\n", strings.Replace(good, `"this_offset": 0`, `"this_offset": -3`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadPAN(writePAN(t, docs, tc.pairs, tc.truth))
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("LoadPAN: %v, want ErrMalformed", err)
			}
		})
	}
	if _, err := LoadPAN(t.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadPAN of an empty directory: %v, want os.ErrNotExist", err)
	}
}

func TestLoadPANShared(t *testing.T) {
	p, err := LoadPAN(testdata.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 631 || len(p.Pairs) != 500 || len(p.Cases) != 624 {
		t.Errorf("loaded %d docs, %d pairs, %d cases; want 631, 500, 624", len(p.Docs), len(p.Pairs), len(p.Cases))
	}
	inBounds := func(text string, s stemma.Span) bool {
		onBoundary := func(i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }
		return 0 <= s.Start && s.Start <= s.End && s.End <= len(text) && onBoundary(s.Start) && onBoundary(s.End)
	}
	listed := make(map[PANPair]bool)
	for _, pr := range p.Pairs {
		listed[pr] = true
	}
	empty := 0
	for i, c := range p.Cases {
		if !inBounds(p.Docs[c.Suspicious], c.SuspiciousSpan) || !inBounds(p.Docs[c.Source], c.SourceSpan) {
			t.Errorf("case %d: spans %v and %v outside their documents or not on rune boundaries", i, c.SuspiciousSpan, c.SourceSpan)
		}
		if !listed[PANPair{c.Suspicious, c.Source}] {
			t.Errorf("case %d is for the unlisted pair %s, %s", i, c.Suspicious, c.Source)
		}
		if c.SuspiciousSpan.Len() == 0 || c.SourceSpan.Len() == 0 {
			empty++
		}
	}
	t.Logf("%d case spans cut at the end of their document, %d cases left with an empty span", p.Clamped, empty)

	// Reporting the truth itself is perfect on every measure.
	var dets []Detection
	for _, c := range p.Cases {
		dets = append(dets, Detection{c.Suspicious, c.Source, c.SuspiciousSpan, c.SourceSpan})
	}
	s := p.Score(dets)
	if s.Recall != 1 || s.Precision != 1 || s.Granularity != 1 || s.Plagdet != 1 || s.Macro.Plagdet != 1 || s.Micro.Plagdet != 1 {
		t.Errorf("scoring the truth: %+v", s)
	}
}

// Converting character offsets to byte offsets agrees with slicing the
// text as runes, and clamped spans stay inside the text on rune
// boundaries.
func FuzzPANByteSpan(f *testing.F) {
	f.Add("Zürich’s café", 2, 5)
	f.Add("a\xffb", 1, 1)
	f.Add("", 0, 3)
	f.Fuzz(func(t *testing.T, text string, offset, length int) {
		if offset < 0 || length < 0 || offset > 1<<20 || length > 1<<20 {
			return
		}
		s, clamped := byteSpan(text, offset, length)
		runes := []rune(text)
		if !(0 <= s.Start && s.Start <= s.End && s.End <= len(text)) {
			t.Fatalf("span %v outside a %d-byte text", s, len(text))
		}
		if clamped != (offset+length > len(runes)) {
			t.Fatalf("clamped = %v for %d+%d of %d runes", clamped, offset, length, len(runes))
		}
		lo, hi := min(offset, len(runes)), min(offset+length, len(runes))
		if want := string(runes[lo:hi]); utf8.ValidString(text) && text[s.Start:s.End] != want {
			t.Fatalf("span %v is %q, want %q", s, text[s.Start:s.End], want)
		}
	})
}
