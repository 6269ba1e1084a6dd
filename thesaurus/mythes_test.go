package thesaurus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadMyThes(t *testing.T) {
	th, err := LoadMyThesFile(filepath.Join("testdata", "th_xx_XX_v2.dat"))
	if err != nil {
		t.Fatal(err)
	}
	// The meaning listed under "regierung" and again under "kabinett" is
	// one synset; "Staatsführung" is a broader term, "... gefällig?" an
	// ellipsis, the antonym line and the "Gegenwort" item are left out.
	if th.Len() != 4 {
		t.Errorf("%d synsets, want 4", th.Len())
	}
	for w, want := range map[string][]string{
		"regierung": {"kabinett", "exekutive", "herrschaft", "regime"},
		"Kabinett":  {"regierung", "exekutive"},
		"schnell":   {"rasch", "zügig", "flink"},
		"erklären":  {"darlegen", "auseinandersetzen"},
		"langsam":   nil,
	} {
		if got := th.Synonyms(w); !slices.Equal(got, want) {
			t.Errorf("Synonyms(%q) = %q, want %q", w, got, want)
		}
	}
	for w, want := range map[string]string{"regierung": "Regierung", "EXEKUTIVE": "Exekutive", "rasch": "rasch", "unknown": "unknown"} {
		if got := th.Written(w); got != want {
			t.Errorf("Written(%q) = %q, want %q", w, got, want)
		}
	}
	if !th.AreSynonyms("Regierung", "Regime") || th.AreSynonyms("schnell", "langsam") {
		t.Error("AreSynonyms: want Regierung~Regime and not schnell~langsam")
	}
	if th.AreVariants("U.S.", "United States") {
		t.Error("a MyThes thesaurus has no English entity variants")
	}

	// ISO8859-1, as the Spanish thesaurus is written.
	es, err := LoadMyThesFile(filepath.Join("testdata", "th_yy_YY_v2.dat"))
	if err != nil {
		t.Fatal(err)
	}
	if got := es.Synonyms("Sueño"); !slices.Equal(got, []string{"ensueño", "siesta"}) {
		t.Errorf("ISO8859-1: Synonyms(sueño) = %q", got)
	}
}

func TestLoadMyThesErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", "x.dat: empty file"},
		{"KLINGON-8\nword|1\n-|word|other\n", `x.dat:1: unknown encoding "KLINGON-8"`},
		{"UTF-8\nword|one\n-|word|other\n", `x.dat:2: entry header "word|one" is not word|count`},
		{"UTF-8\nword\n", `x.dat:2: entry header "word" is not word|count`},
		{"UTF-8\nword|1\n-|word|other\nnext|2\n-|next|after\n", `x.dat:5: file ends inside the entry for "next"`},
	} {
		_, err := LoadMyThes(strings.NewReader(c.text), "x.dat")
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadMyThes(%q) = %v, want ErrFormat with %q", c.text, err, c.want)
		}
	}
}

func TestMyThesFile(t *testing.T) {
	if got, want := MyThesFile("testdata", "xx"), filepath.Join("testdata", "th_xx_XX_v2.dat"); got != want {
		t.Errorf("MyThesFile(xx) = %q, want %q", got, want)
	}
	for _, code := range []string{"zz", "", "x", "../testdata", "XX", "x*"} {
		if got := MyThesFile("testdata", code); got != "" {
			t.Errorf("MyThesFile(%q) = %q, want none", code, got)
		}
	}
	if _, err := ForLanguage("../../etc"); !errors.Is(err, ErrNoThesaurus) {
		t.Errorf("ForLanguage(path) = %v, want ErrNoThesaurus", err)
	}
	if th, err := ForLanguage("en"); err != nil || th != Default() {
		t.Errorf("ForLanguage(en) = %p, %v; want the embedded WordNet table", th, err)
	}
}

// TestInstalledThesauri reads the thesauri of Debian's mythes-* packages,
// which .ci/install installs: each parses and knows a news word or two.
func TestInstalledThesauri(t *testing.T) {
	if _, err := os.Stat(MyThesDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing: .ci/install installs the mythes-* packages", MyThesDir)
		}
		t.Skipf("%s missing (apt-get install mythes-de mythes-fr ...)", MyThesDir)
	}
	for code, pair := range map[string][2]string{
		"de": {"Regierung", "Kabinett"}, "fr": {"gouvernement", "ministère"}, "es": {"gobierno", "gabinete"},
		"it": {"governo", "esecutivo"}, "pl": {"rząd", "władza"}, "pt": {"governo", "administração"}, "ru": {"правительство", "власть"},
	} {
		th, err := ForLanguage(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if th.Len() < 5000 || !th.AreSynonyms(pair[0], pair[1]) {
			t.Errorf("%s: %d synsets, AreSynonyms(%q, %q) = %v; want thousands and true", code, th.Len(), pair[0], pair[1], th.AreSynonyms(pair[0], pair[1]))
		}
	}
	if de, _ := ForLanguage("de"); de != nil && de.Written("regierung") != "Regierung" {
		t.Errorf("de: Written(regierung) = %q, want the noun capitalised", de.Written("regierung"))
	}
}

func FuzzLoadMyThes(f *testing.F) {
	for _, name := range []string{"th_xx_XX_v2.dat", "th_yy_YY_v2.dat"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("KOI8-R\n\xd3\xcc\xcf\xd7\xcf|1\n-|\xd3\xcc\xcf\xd7\xcf|x\n"))
	f.Add([]byte("UTF-8\n(((|1\n-|a)|(b|\xff\xfe\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		th, err := LoadMyThes(strings.NewReader(string(data)), "fuzz.dat")
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		for _, s := range th.synsets {
			if len(s.lemmas) < 2 {
				t.Fatalf("synset %q has fewer than two lemmas", s.lemmas)
			}
			for _, l := range s.lemmas {
				if l == "" || !utf8Valid(l) || th.Written(l) == "" {
					t.Fatalf("lemma %q: empty, invalid UTF-8 or unwritten", l)
				}
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }
