package stem_test

import (
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma/stem"
)

// TestStem checks that the inflected forms of a word meet in each language
// the reworded suite measures, and in German, where they once did not.
func TestStem(t *testing.T) {
	for _, tc := range []struct {
		code  string
		forms []string
	}{
		{"en", []string{"announced", "announcing", "announces"}},
		{"fr", []string{"annoncé", "annonce", "annoncer", "annoncées"}},
		{"es", []string{"anunciar", "anunciado", "anuncian", "anunciaba"}},
		{"pt-BR", []string{"anunciou", "anunciar", "anunciado", "anunciaram"}},
		{"de", []string{"häuser", "haus", "hause"}},
		{"it", []string{"annunciato", "annunciare", "annunciata"}},
		{"nl", []string{"woningen", "woning"}},
		{"ru", []string{"президента", "президент", "президентом"}},
	} {
		s := stem.New(tc.code)
		if s == nil {
			t.Fatalf("%s: no stemmer", tc.code)
		}
		first := s.Stem(tc.forms[0])
		for _, w := range tc.forms[1:] {
			if got := s.Stem(w); got != first {
				t.Errorf("%s: %q → %q, but %q → %q", tc.code, tc.forms[0], first, w, got)
			}
		}
	}
}

func TestNew(t *testing.T) {
	for code, want := range map[string]bool{"en": true, "de-AT": true, "PT": true, "pl": false, "zh": false, "": false} {
		if got := stem.New(code) != nil; got != want {
			t.Errorf("New(%q) != nil is %v, want %v", code, got, want)
		}
	}
}

// FuzzStem: any lower-case input in any language, valid UTF-8 or not,
// gives a stem and no panic; valid input gives valid output.
func FuzzStem(f *testing.F) {
	for _, s := range []string{"annoncées", "häuser", "президентом", "", "a\xffb", "ßẞ", "日本語"} {
		f.Add("fr", s)
		f.Add("de", s)
		f.Add("ru", s)
	}
	f.Fuzz(func(t *testing.T, code, word string) {
		s := stem.New(code)
		if s == nil {
			return
		}
		got := s.Stem(word)
		if utf8.ValidString(word) && !utf8.ValidString(got) {
			t.Errorf("%s: Stem(%q) = %q, not valid UTF-8", code, word, got)
		}
	})
}
