package baseline

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  \n\t ", nil},
		{"Hello, World!", []string{"hello", "world"}},
		{"don't", []string{"don", "t"}},
		{"3.14 per cent", []string{"3", "14", "per", "cent"}},
		{"U.S.-based", []string{"u", "s", "based"}},
		{"x_y", []string{"x", "y"}},
		{"Zürich’s naïve CAFÉ", []string{"zürich", "s", "naïve", "café"}},
		{"ΑΘΗΝΑ", []string{"αθηνα"}},
		{"北京欢迎你", []string{"北京欢迎你"}},
		{"١٢٣ dollars", []string{"١٢٣", "dollars"}},
		// A combining mark is neither letter nor digit, so it splits.
		{"cafe\u0301s", []string{"cafe", "s"}},
		{"a\xffb", []string{"a", "b"}},
	} {
		if got := Words(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestShingles(t *testing.T) {
	// Case and punctuation do not change shingles; word order does.
	a := Shingles("The cat sat on the mat.", 2)
	if len(a) != 5 {
		t.Fatalf("%d 2-gram shingles, want 5", len(a))
	}
	if !slices.IsSorted(a) {
		t.Errorf("shingles not sorted: %v", a)
	}
	if b := Shingles("the CAT -- sat on, the mat", 2); !slices.Equal(a, b) {
		t.Errorf("punctuation or case changed the shingles")
	}
	if b := Shingles("cat the sat on the mat", 2); slices.Equal(a, b) {
		t.Errorf("word order did not change the shingles")
	}
	// Repeated n-grams count once.
	if got := Shingles("a b a b a b", 2); len(got) != 2 {
		t.Errorf("%d shingles of a b a b a b, want 2 (a b, b a)", len(got))
	}
	// Joined by one space: "ab c" and "a bc" are different 2-grams.
	if slices.Equal(Shingles("ab c", 2), Shingles("a bc", 2)) {
		t.Errorf("ab c and a bc share a shingle")
	}
	for _, tc := range []struct {
		text string
		n    int
	}{{"four words in here", 5}, {"", 1}, {"some words", 0}, {"some words", -1}} {
		if got := Shingles(tc.text, tc.n); len(got) != 0 {
			t.Errorf("Shingles(%q, %d) = %v, want none", tc.text, tc.n, got)
		}
	}
	if got := Shingles("exactly five words right here", 5); len(got) != 1 {
		t.Errorf("%d shingles of a five-word text, want 1", len(got))
	}
}

func TestJaccard(t *testing.T) {
	a := Shingles("The cat sat on the mat", 2)      // the cat, cat sat, sat on, on the, the mat
	b := Shingles("The cat sat on a mat.", 2)       // the cat, cat sat, sat on, on a, a mat
	c := Shingles("A dog barked", 2)                // a dog, dog barked
	d := Shingles("the CAT, sat -- on the mat!", 2) // = a
	for _, tc := range []struct {
		name string
		x, y []uint64
		want float64
	}{
		{"a b", a, b, 3.0 / 7},
		{"a c", a, c, 0},
		{"a d", a, d, 1},
		{"b c", b, c, 0},
		{"empty", nil, nil, 0},
		{"one empty", a, nil, 0},
	} {
		if got := Jaccard(tc.x, tc.y); got != tc.want {
			t.Errorf("%s: Jaccard = %v, want %v", tc.name, got, tc.want)
		}
		if got := Jaccard(tc.y, tc.x); got != tc.want {
			t.Errorf("%s reversed: Jaccard = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func FuzzBaselineWords(f *testing.F) {
	f.Add("Hello, World! Zürich’s 3.14")
	f.Add("a\xffb\u0301c")
	f.Fuzz(func(t *testing.T, text string) {
		for _, w := range Words(text) {
			if w == "" {
				t.Fatalf("empty word in %q", text)
			}
			if got := Words(w); len(got) != 1 || got[0] != w {
				t.Fatalf("word %q of %q is not one lowercase word: %q", w, text, got)
			}
		}
	})
}
