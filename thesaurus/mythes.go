package thesaurus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// MyThesDir is where Debian's mythes-* packages install the LibreOffice
// thesauri: mythes-de (OpenThesaurus), mythes-fr, mythes-es, mythes-it,
// mythes-pl, mythes-pt-pt, mythes-ru and others.
const MyThesDir = "/usr/share/mythes"

// ErrNoThesaurus says that no thesaurus is installed for a language.
var ErrNoThesaurus = errors.New("thesaurus: no thesaurus for the language")

// LoadMyThes reads a thesaurus in the MyThes format that LibreOffice's
// thesauri are written in (the .dat file; the .idx beside it is not
// needed). name is the file's name, for errors. The format is text in the
// encoding its first line names (UTF-8, ISO8859-1, ISO8859-2, KOI8-R…),
// then one entry per word:
//
//	word|n
//	(pos)|synonym|synonym (annotation)|…    n meaning lines
//
// Each meaning line becomes a synset of the entry word and its synonyms;
// the same meaning listed under each of its words is kept once. A
// parenthesised annotation is dropped ("(ugs.)", "(sich) speisen" →
// "speisen"), and an item or a line the annotation marks as another
// relation than synonymy (antonym, broader or narrower term, related
// term) is left out, as are items with an ellipsis. Words keep the case
// the thesaurus writes them in ([Thesaurus.Written]): German nouns are
// capitalised. The English entity variants are not added.
//
// A header line whose count is not a number, or a file that ends inside
// an entry, is an error naming the line.
func LoadMyThes(r io.Reader, name string) (*Thesaurus, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := br.ReadString('\n')
	if err != nil && first == "" {
		return nil, fmt.Errorf("%w: %s: empty file", ErrFormat, name)
	}
	label := strings.TrimSpace(strings.TrimPrefix(first, "\ufeff"))
	var in io.Reader = br
	if enc, err := htmlindex.Get(label); err != nil {
		return nil, fmt.Errorf("%w: %s:1: unknown encoding %q", ErrFormat, name, label)
	} else if n, _ := htmlindex.Name(enc); n != "utf-8" {
		in = enc.NewDecoder().Reader(br)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)

	t := newThesaurus()
	t.written = map[string]string{}
	seen := map[string]int32{}  // a synset's sorted keys → its id
	lines := map[string]int32{} // a meaning line → its synset's id
	line := 1
	var lemmas, keys []string // one meaning line's words, as written and as keys
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return strings.ToValidUTF8(strings.TrimRight(sc.Text(), "\r"), "\uFFFD"), true
	}
	for {
		head, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(head) == "" {
			continue
		}
		word, count, found := strings.Cut(head, "|")
		n, err := strconv.Atoi(strings.TrimSpace(count))
		if !found || err != nil || n < 0 || n > 1<<16 {
			return nil, fmt.Errorf("%w: %s:%d: entry header %q is not word|count", ErrFormat, name, line, clip(head))
		}
		entry := cleanItem(word)
		entryKey := Key(entry)
		for range n {
			m, ok := next()
			if !ok {
				return nil, fmt.Errorf("%w: %s:%d: file ends inside the entry for %q", ErrFormat, name, line, clip(word))
			}
			// OpenThesaurus repeats a meaning line under each of its words.
			if id, ok := lines[m]; ok && slices.Contains(t.synsets[id].lemmas, entryKey) {
				continue
			}
			fields := strings.Split(m, "|")
			if relation(fields[0]) {
				continue
			}
			lemmas, keys = lemmas[:0], keys[:0]
			for i, f := range fields {
				l := entry
				if i > 0 {
					if relation(f) {
						continue
					}
					l = cleanItem(f)
				}
				k := Key(l)
				switch j := slices.Index(keys, k); {
				case l == "":
				case j < 0:
					lemmas, keys = append(lemmas, l), append(keys, k)
				case lemmas[j] == k:
					lemmas[j] = l // the entry's header is lowercased; its items are not
				}
			}
			if id, ok := t.addSynset(lemmas, keys, seen); ok {
				lines[m] = id
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s:%d: %w", ErrFormat, name, line, err)
	}
	return t, nil
}

// addSynset adds lemmas, as written (keys: their [Key]s), as one synset
// unless it has fewer than two or the same set was added before, and
// returns the synset's id; ok is false if it has fewer than two.
func (t *Thesaurus) addSynset(lemmas, keys []string, seen map[string]int32) (id int32, ok bool) {
	if len(lemmas) < 2 {
		return 0, false
	}
	for i, l := range lemmas {
		if _, ok := t.written[keys[i]]; !ok && l != keys[i] {
			t.written[keys[i]] = l
		}
	}
	keys = slices.Clone(keys)
	sig := strings.Join(slices.Sorted(slices.Values(keys)), "|")
	if id, ok := seen[sig]; ok {
		return id, true
	}
	id = int32(len(t.synsets))
	seen[sig] = id
	t.synsets = append(t.synsets, synset{lemmas: keys})
	for _, k := range keys {
		t.byLemma[k] = append(t.byLemma[k], id)
		t.maxWords = max(t.maxWords, strings.Count(k, " ")+1)
	}
	return id, true
}

// relations are the annotations that mark an item or a meaning line as
// another relation than synonymy, lowercased, in the thesauri's languages.
var relations = []string{
	"antonym", "antonim", "антоним", "gegenwort", "gegenteil",
	"oberbegriff", "unterbegriff", "pojęcie podrzędne", "pojęcie nadrzędne",
	"сходный термин", "родственный термин", "termine correlato", "termine generico", "termine specifico",
}

func relation(s string) bool {
	if !strings.Contains(s, "(") {
		return false
	}
	l := strings.ToLower(s)
	for _, r := range relations {
		if strings.Contains(l, r) {
			return true
		}
	}
	return false
}

// cleanItem returns an item without its parenthesised annotations and
// with its spaces collapsed; "" if nothing is left, or the item has an
// ellipsis or an unbalanced parenthesis.
func cleanItem(s string) string {
	if strings.Contains(s, "...") || strings.Contains(s, "…") {
		return ""
	}
	out := strings.TrimSpace(s) // the common case: no annotation
	if strings.ContainsAny(s, "()\t") || strings.Contains(s, "  ") {
		var b strings.Builder
		depth := 0
		for _, r := range s {
			switch {
			case r == '(':
				depth++
			case r == ')':
				depth--
				if depth < 0 {
					return ""
				}
			case depth == 0:
				b.WriteRune(r)
			}
		}
		if depth != 0 {
			return ""
		}
		out = strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
	}
	if strings.IndexFunc(out, unicode.IsLetter) < 0 {
		return ""
	}
	return out
}

func clip(s string) string {
	if len(s) > 60 {
		i := 60
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}

// LoadMyThesFile is [LoadMyThes] on a file.
func LoadMyThesFile(path string) (*Thesaurus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadMyThes(f, path)
}

// MyThesFile returns the MyThes thesaurus in dir ("" means [MyThesDir])
// for a language (ISO 639-1, such as "de"): th_de_DE_v2.dat, the
// language's own country first, else any th_de_*.dat or thes_de.dat. It
// returns "" if there is none.
func MyThesFile(dir, code string) string {
	if dir == "" {
		dir = MyThesDir
	}
	if !isCode(code) {
		return ""
	}
	own := filepath.Join(dir, fmt.Sprintf("th_%s_%s_v2.dat", code, strings.ToUpper(code)))
	cands := []string{own, filepath.Join(dir, "thes_"+code+".dat")}
	others, _ := filepath.Glob(filepath.Join(dir, "th_"+code+"_*.dat"))
	cands = append(cands, others...)
	for _, c := range cands {
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	return ""
}

var byLanguage sync.Map // code → *languageEntry

type languageEntry struct {
	once sync.Once
	t    *Thesaurus
	err  error
}

// ForLanguage returns the thesaurus for a language (ISO 639-1): the
// embedded WordNet table for "en", otherwise the MyThes thesaurus
// installed in [MyThesDir], read on the first call for the language
// (about half a second for German's 29 MB, the largest) and kept. The error
// wraps [ErrNoThesaurus] when none is installed.
func ForLanguage(code string) (*Thesaurus, error) {
	if code == "en" {
		return Default(), nil
	}
	if !isCode(code) { // not cached: a code comes from untrusted input
		return nil, fmt.Errorf("%w %q", ErrNoThesaurus, code)
	}
	v, _ := byLanguage.LoadOrStore(code, &languageEntry{})
	e := v.(*languageEntry)
	e.once.Do(func() {
		path := MyThesFile("", code)
		if path == "" {
			e.err = fmt.Errorf("%w %q in %s", ErrNoThesaurus, code, MyThesDir)
			return
		}
		e.t, e.err = LoadMyThesFile(path)
	})
	return e.t, e.err
}

// isCode reports whether code looks like an ISO 639 code: two or three
// lowercase ASCII letters.
func isCode(code string) bool {
	if len(code) < 2 || len(code) > 3 {
		return false
	}
	for i := range len(code) {
		if code[i] < 'a' || code[i] > 'z' {
			return false
		}
	}
	return true
}

// Written returns word as the thesaurus writes it: its case in a MyThes
// thesaurus ("Regierung" for "regierung"), else its [Key].
func (t *Thesaurus) Written(word string) string {
	k := Key(word)
	if w, ok := t.written[k]; ok {
		return w
	}
	return k
}
