package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/internal/testdata"
)

// writePANDir writes a corpus in PAN's official layout.
func writePANDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadPANDir(t *testing.T) {
	dir := writePANDir(t, map[string]string{
		"susp/suspicious-document00001.txt": "Zürich’s café — naïve wörds here",
		"src/source-document00007.txt":      "plain ascii source text",
		"src/source-document00008.txt":      "another source",
		PartRandom + "/pairs":               "suspicious-document00001.txt source-document00007.txt\nsuspicious-document00001.txt source-document00008.txt\n",
		PartRandom + "/suspicious-document00001-source-document00007.xml": `<document reference="suspicious-document00001.txt">
<feature  name="about" authors="x" />
<feature name="plagiarism" obfuscation="random" obfuscation_degree="0.4" source_length="5" source_offset="6" source_reference="source-document00007.txt" this_length="5" this_offset="22" type="artificial" />
</document>`,
		PartRandom + "/suspicious-document00001-source-document00008.xml": `<document reference="suspicious-document00001.txt"></document>`,
	})
	p, err := LoadPANDir(dir, PartRandom)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 3 || len(p.Pairs) != 2 || len(p.Cases) != 1 {
		t.Fatalf("%d docs, %d pairs, %d cases; want 3, 2, 1", len(p.Docs), len(p.Pairs), len(p.Cases))
	}
	c := p.Cases[0]
	susp, src := p.Docs[c.Suspicious], p.Docs[c.Source]
	if c.Obfuscation != "random" || susp[c.SuspiciousSpan.Start:c.SuspiciousSpan.End] != "wörds" || src[c.SourceSpan.Start:c.SourceSpan.End] != "ascii" {
		t.Errorf("case %+v: suspicious %q, source %q; want wörds, ascii", c,
			susp[c.SuspiciousSpan.Start:c.SuspiciousSpan.End], src[c.SourceSpan.Start:c.SourceSpan.End])
	}
}

func TestLoadPANDirErrors(t *testing.T) {
	base := map[string]string{
		"susp/suspicious-document00001.txt": "some text",
		"src/source-document00007.txt":      "other text",
	}
	good := `<document reference="suspicious-document00001.txt"><feature name="plagiarism" this_offset="0" this_length="4" source_reference="source-document00007.txt" source_offset="0" source_length="5"/></document>`
	const xmlName = PartRandom + "/suspicious-document00001-source-document00007.xml"
	for _, tc := range []struct {
		name, pairs, xml, want string
	}{
		{"one name on a line", "suspicious-document00001.txt\n", good, "pairs line 1: eval: malformed corpus: want two document file names"},
		{"path in a name", "../x.txt source-document00007.txt\n", good, `pairs line 1: eval: malformed corpus: bad document name "../x"`},
		{"repeated pair", "suspicious-document00001.txt source-document00007.txt\nsuspicious-document00001.txt source-document00007.txt\n", good, "pairs line 2: eval: malformed corpus: pair"},
		{"missing document", "suspicious-document00002.txt source-document00007.txt\n", good, "no such file"},
		{"broken XML", "suspicious-document00001.txt source-document00007.txt\n", `<document reference="suspicious-document00001.txt"><feature name="plagiarism"`, "line 1: eval: malformed corpus"},
		{"bad offset", "suspicious-document00001.txt source-document00007.txt\n", strings.Replace(good, `this_offset="0"`, `this_offset="-3"`, 1), `feature 1: offset or length "-3" is not a count`},
		{"case of another pair", "suspicious-document00001.txt source-document00007.txt\n", strings.Replace(good, `source-document00007.txt"`, `source-document00009.txt"`, 1), "case of suspicious-document00001 and source-document00009 in the file of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{PartRandom + "/pairs": tc.pairs, xmlName: tc.xml}
			for k, v := range base {
				files[k] = v
			}
			_, err := LoadPANDir(writePANDir(t, files), PartRandom)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if strings.Contains(tc.want, "malformed") && !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v does not wrap ErrMalformed", err)
			}
		})
	}
}

// TestPANDirCorpus reads the whole PAN 2013 training and test corpora when
// they are at hand (see docs/benchmarks.md, "Data") and checks what the
// measurements rest on: the counts of pairs and cases per part, and that
// no-obfuscation cases are the same words on both sides.
func TestPANDirCorpus(t *testing.T) {
	root := testdata.Extra(t, "pan13")
	for _, tc := range []struct {
		split, part  string
		pairs, cases int
	}{
		{"train", PartVerbatim, 1000, 1252},
		{"train", PartRandom, 1000, 1267},
		{"train", PartSummary, 1185, 238},
		{"test", PartRandom, 1000, 1292},
		{"test", PartSummary, 1185, 236},
	} {
		p, err := LoadPANDir(filepath.Join(root, tc.split), tc.part)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Pairs) != tc.pairs || len(p.Cases) != tc.cases || p.Clamped != 0 {
			t.Errorf("%s %s: %d pairs, %d cases, %d clamped; want %d, %d, 0", tc.split, tc.part, len(p.Pairs), len(p.Cases), p.Clamped, tc.pairs, tc.cases)
		}
		if tc.part != PartVerbatim {
			continue
		}
		for _, c := range p.Cases {
			a := strings.Fields(p.Docs[c.Suspicious][c.SuspiciousSpan.Start:c.SuspiciousSpan.End])
			b := strings.Fields(p.Docs[c.Source][c.SourceSpan.Start:c.SourceSpan.End])
			if strings.Join(a, " ") != strings.Join(b, " ") {
				t.Fatalf("%s: verbatim case %s ← %s differs: %q vs %q", tc.split, c.Suspicious, c.Source, clip(a), clip(b))
			}
		}
	}
}

func clip(ws []string) string {
	s := strings.Join(ws, " ")
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// FuzzPANTruth: a truth file parses or is refused with ErrMalformed, never
// a panic, and every case it returns has non-negative, ordered spans.
func FuzzPANTruth(f *testing.F) {
	f.Add(`<document reference="suspicious-document00001.txt"><feature name="plagiarism" obfuscation="random" this_offset="22" this_length="5" source_reference="source-document00007.txt" source_offset="6" source_length="5"/></document>`)
	f.Add(`<document reference="a.txt"><feature name="about"/></document>`)
	f.Add(`<document reference="a.txt"><feature name="plagiarism" this_offset="99999999999999999999"/></document>`)
	f.Add(`<document`)
	f.Fuzz(func(t *testing.T, s string) {
		cases, err := ParsePANTruth(strings.NewReader(s), "truth.xml")
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		for _, c := range cases {
			for _, sp := range []stemma.Span{c.SuspiciousSpan, c.SourceSpan} {
				if sp.Start < 0 || sp.End < sp.Start {
					t.Fatalf("case %+v has a bad span", c)
				}
			}
		}
	})
}
