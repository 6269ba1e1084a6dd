package translate

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
)

// DictDir is where Debian's dict-freedict-* packages install the FreeDict
// dictionaries, in the dictd format: NAME.index and NAME.dict.dz.
const DictDir = "/usr/share/dictd"

// Errors.
var (
	// ErrNoDictionary says that no dictionary to English is installed
	// for a language.
	ErrNoDictionary = errors.New("translate: no dictionary for the language")
	// ErrFormat says a dictionary file is malformed.
	ErrFormat = errors.New("translate: malformed dictionary")
)

// A Dictionary maps the words of one language to English: each foreign
// word's key ([Key]) to the stems of the English words it translates to.
// It is safe for concurrent reads.
type Dictionary struct {
	// Lang is the foreign language's ISO 639-1 code.
	Lang string
	// to maps a foreign key to indexes into stems.
	to    map[string][]int32
	stems []string
	// words holds for each stem the first maxWordsPerStem English words
	// read with it, in lower case ("govern", "government"): the forms a
	// query inflects to guess what a text writes.
	words [][]string
	at    map[string]int32 // a stem's index in stems
	// english caches the stem of each English word read (-1: none).
	english map[string]int32
	// rev reads the dictionary from English (reverse.go).
	rev reverse
}

func newDictionary(code string) *Dictionary {
	return &Dictionary{Lang: code, to: map[string][]int32{}, at: map[string]int32{}, english: map[string]int32{}}
}

// Len returns the number of foreign words the dictionary translates.
func (d *Dictionary) Len() int { return len(d.to) }

// Lookup returns the English stems the foreign word translates to
// (see [EnglishStem]); the word is matched by its [Key], failing that by
// shorter forms of it in its language (see stemForeign), and failing that,
// in German, as a compound of two words the dictionary has
// ("Namensänderung": "Namen" and "Änderung").
func (d *Dictionary) Lookup(word string) []string {
	var out []string
	for _, i := range d.indexes(word) {
		out = append(out, d.stems[i])
	}
	return out
}

// maxWordsPerStem is the most English words a Dictionary keeps for one
// stem.
const maxWordsPerStem = 3

// Words returns English words the foreign word translates to, a few for
// each of its stems, in lower case.
func (d *Dictionary) Words(word string) []string {
	var out []string
	for _, i := range d.indexes(word) {
		out = append(out, d.words[i]...)
	}
	return out
}

// indexes returns the stems' indexes of a foreign word's translations.
func (d *Dictionary) indexes(word string) []int32 {
	k := Key(word)
	if to := d.keyIndexes(k); to != nil || d.Lang != "de" {
		return to
	}
	// A compound: the longest head the dictionary has, with its linking
	// "s" or "n" dropped if need be, and a tail it has.
	r := []rune(k)
	for cut := len(r) - minCompoundPart; cut >= minCompoundPart; cut-- {
		head, tail := string(r[:cut]), string(r[cut:])
		t := d.keyIndexes(tail)
		if t == nil {
			continue
		}
		h := d.keyIndexes(head)
		if h == nil && (strings.HasSuffix(head, "s") || strings.HasSuffix(head, "n")) {
			h = d.keyIndexes(head[:len(head)-1])
		}
		if h != nil {
			return append(slices.Clone(h), t...)
		}
	}
	return nil
}

// minCompoundPart is the fewest letters of a part of a compound.
const minCompoundPart = 4

// keyIndexes returns the translations of a key, or of the first of its
// shorter forms the dictionary has.
func (d *Dictionary) keyIndexes(k string) []int32 {
	if to := d.to[k]; to != nil {
		return to
	}
	for _, s := range stemForeign(d.Lang, k) {
		if to := d.to[s]; to != nil {
			return to
		}
	}
	return nil
}

// add records that the foreign word translates to the English phrase.
func (d *Dictionary) add(foreign, english string) {
	k := Key(foreign)
	if k == "" {
		return
	}
	keys := []string{k}
	if d.Lang != "de" {
		// Filed under its Snowball stem as well, where a text's inflected
		// word, stemmed, finds it: "annoncé" and "annoncer" are "annonc".
		keys = append(keys, stemForeign(d.Lang, k)...)
	}
	// Map keys are copied: a slice of the file's text would keep all of
	// it (an assignment to a string key stores the new key).
	for j := range keys {
		keys[j] = strings.Clone(keys[j])
	}
	for _, w := range strings.FieldsFunc(english, notWordRune) {
		i := d.stemIndex(w)
		if i < 0 {
			continue
		}
		for _, k := range keys {
			if to := d.to[k]; !slices.Contains(to, i) {
				d.to[k] = append(to, i)
			}
		}
	}
}

// stemIndex returns the index in d.stems of an English word's stem, or -1
// for a function word.
func (d *Dictionary) stemIndex(w string) int32 {
	if i, ok := d.english[w]; ok {
		return i
	}
	s := EnglishStem(w)
	i := int32(-1)
	if s != "" && !englishFunction[s] {
		var ok bool
		lw := strings.Clone(strings.ToLower(w))
		if i, ok = d.at[s]; !ok {
			i = int32(len(d.stems))
			d.stems = append(d.stems, strings.Clone(s))
			d.words = append(d.words, []string{lw})
			d.at[s] = i
		} else if len(d.words[i]) < maxWordsPerStem && !slices.Contains(d.words[i], lw) {
			d.words[i] = append(d.words[i], lw)
		}
	}
	d.english[w] = i
	return i
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }

// LoadDictd reads a dictionary in the dictd format that FreeDict's
// dictionaries come in: an index of lines "headword TAB offset TAB
// length" (base64 numbers) into the body, the entries' text (the .dict
// file, or .dict.dz read with gzip, which dictzip files are). name is the
// dictionary's name for errors, and reverse says the dictionary goes from
// English to the foreign language (freedict-eng-deu), so its entries are
// read backwards: each one-word translation maps to the headword.
//
// An entry is its headword's line, then lines of translations, each
// numbered or not, separated by commas or semicolons; bracketed domains
// ("[techn.]"), angle-bracketed grammar ("<n, neut>"), parentheses and
// the lines of notes, synonyms, cross-references and examples are left
// out. The dictionary's own entries (headwords starting with "00database")
// are skipped. An index line that does not have three fields, or whose
// span lies outside the body, is an error naming the line.
func LoadDictd(index, body io.Reader, name, code string, reverse bool) (*Dictionary, error) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return nil, fmt.Errorf("%s: reading the entries: %w", name, err)
	}
	d := newDictionary(code)
	err = d.read(index, string(raw), name, reverse)
	d.loaded()
	return d, err
}

// loaded drops what only reading needs.
func (d *Dictionary) loaded() { d.at, d.english = nil, nil }

// read files the entries of text, the body of a dictd dictionary, that
// index points to.
func (d *Dictionary) read(index io.Reader, text, name string, reverse bool) error {
	text = strings.ToValidUTF8(text, " ")
	sc := bufio.NewScanner(index)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		head, rest, ok1 := strings.Cut(sc.Text(), "\t")
		offs, lens, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || strings.Contains(lens, "\t") {
			return fmt.Errorf("%w: %s.index:%d: %d fields, want 3", ErrFormat, name, line, strings.Count(sc.Text(), "\t")+1)
		}
		if strings.HasPrefix(head, "00database") || strings.HasPrefix(head, "00-database") {
			continue
		}
		off, ok1 := base64Number(offs)
		n, ok2 := base64Number(lens)
		if !ok1 || !ok2 || off > int64(len(text)) || n > int64(len(text))-off {
			return fmt.Errorf("%w: %s.index:%d: span %q %q outside the %d bytes of entries", ErrFormat, name, line, offs, lens, len(text))
		}
		for _, tr := range translations(text[off : off+n]) {
			if reverse {
				if !strings.ContainsAny(tr, " -") {
					d.add(tr, head)
				}
			} else if !strings.Contains(head, " ") {
				d.add(head, tr)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s.index:%d: %w", name, line+1, err)
	}
	return nil
}

// base64Number decodes a dictd index number: base64 digits, most
// significant first.
func base64Number(s string) (int64, bool) {
	if s == "" || len(s) > 10 {
		return 0, false
	}
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var v int64
	for i := range len(s) {
		k := strings.IndexByte(digits, s[i])
		if k < 0 {
			return 0, false
		}
		v = v*64 + int64(k)
	}
	return v, true
}

// translations returns the translations one dictd entry lists.
func translations(entry string) []string {
	var out []string
	_, rest, _ := strings.Cut(entry, "\n") // the headword's line
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		l = strings.TrimSpace(l)
		if l == "" || skipLine(l) {
			continue
		}
		l = strings.TrimLeft(l, "0123456789")
		l = strings.TrimPrefix(l, ". ")
		if strings.ContainsAny(l, "[<({") {
			l = DropBracketed(l)
		}
		for l != "" {
			i := strings.IndexAny(l, ",;")
			part := l
			if i >= 0 {
				part, l = l[:i], l[i+1:]
			} else {
				l = ""
			}
			if p := strings.TrimSpace(part); p != "" {
				if strings.Contains(p, "  ") || strings.ContainsAny(p, "\t\r") {
					p = strings.Join(strings.Fields(p), " ")
				}
				out = append(out, p)
			}
		}
	}
	return out
}

// skipLine reports whether an entry line is a note, a cross-reference, a
// list of synonyms or an example rather than translations.
func skipLine(l string) bool {
	for _, p := range []string{"Note:", "Synonym", "see:", "See:", "Example", "Antonym", "\"", "«", "“", "„", "{", "Usage:", "Notes:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// DropBracketed removes text in [], <>, () and {} from s: the grammar,
// domains and glosses of a dictionary entry.
func DropBracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '[', '<', '(', '{':
			depth++
		case ']', '>', ')', '}':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// DictFiles returns the dictd dictionaries of dir (DictDir when dir is
// "") that translate the language code into English and English into it,
// as paths without their .index suffix; either may be "".
func DictFiles(dir, code string) (toEnglish, fromEnglish string) {
	if dir == "" {
		dir = DictDir
	}
	iso3, ok := iso639_3[code]
	if !ok {
		return "", ""
	}
	exists := func(base string) string {
		if _, err := os.Stat(base + ".index"); err != nil {
			return ""
		}
		if _, err := os.Stat(base + ".dict.dz"); err == nil {
			return base
		}
		if _, err := os.Stat(base + ".dict"); err == nil {
			return base
		}
		return ""
	}
	return exists(filepath.Join(dir, "freedict-"+iso3+"-eng")), exists(filepath.Join(dir, "freedict-eng-"+iso3))
}

// iso639_3 names the FreeDict code of each language stemma translates.
var iso639_3 = map[string]string{
	"de": "deu", "fr": "fra", "es": "spa", "ru": "rus", "it": "ita", "pt": "por", "nl": "nld", "pl": "pol",
	"sv": "swe", "da": "dan", "cs": "ces", "hu": "hun", "fi": "fin", "el": "ell", "tr": "tur",
}

// lists holds the word lists stemma ships (see lists/README.md): from
// Wiktionary, for the languages whose FreeDict dictionaries are small.
//
//go:embed lists/*.tsv.gz
var lists embed.FS

// WordList returns the word list stemma ships for a language, gzip'd
// (see [LoadFiles]), or nil if it ships none.
func WordList(code string) []byte {
	b, err := lists.ReadFile("lists/" + code + "-en.tsv.gz")
	if err != nil {
		return nil
	}
	return b
}

// readList files the entries of a word list: lines "word TAB english;
// english", the foreign word first. A line without a tab, or with an
// empty side, is an error naming the line.
func (d *Dictionary) readList(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		word, english, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.TrimSpace(word) == "" || strings.TrimSpace(english) == "" {
			return fmt.Errorf("%w: %s:%d: want \"word TAB translations\"", ErrFormat, name, line)
		}
		if !utf8.ValidString(word) || !utf8.ValidString(english) {
			return fmt.Errorf("%w: %s:%d: invalid UTF-8", ErrFormat, name, line)
		}
		for tr := range strings.SplitSeq(english, ";") {
			d.add(word, tr)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}

// LoadWordList reads a word list (see readList), plain text, into a
// Dictionary for the language code; name names it in errors.
func LoadWordList(r io.Reader, name, code string) (*Dictionary, error) {
	d := newDictionary(code)
	err := d.readList(r, name)
	d.loaded()
	return d, err
}

// LoadFiles reads the dictionaries to and from English of a language,
// each a dictd base path (see [DictFiles]) or "", into one Dictionary,
// with the word list stemma ships for the language ([WordList]) if any.
func LoadFiles(code, toEnglish, fromEnglish string) (*Dictionary, error) {
	return loadFiles(code, toEnglish, fromEnglish, true)
}

// loadFiles is LoadFiles, with the shipped word list or without it.
func loadFiles(code, toEnglish, fromEnglish string, withList bool) (*Dictionary, error) {
	type file struct {
		base        string
		reverse     bool
		index, body []byte
		err         error
	}
	files := []*file{{base: toEnglish}, {base: fromEnglish, reverse: true}}
	// Both files are read and decompressed at once; their entries are
	// then filed one file after the other.
	var wg sync.WaitGroup
	for _, f := range files {
		if f.base != "" {
			wg.Go(func() { f.index, f.body, f.err = readDictd(f.base) })
		}
	}
	wg.Wait()
	d := newDictionary(code)
	for _, f := range files {
		if f.base == "" {
			continue
		}
		if f.err != nil {
			return nil, f.err
		}
		if err := d.read(bytes.NewReader(f.index), string(f.body), filepath.Base(f.base), f.reverse); err != nil {
			return nil, err
		}
	}
	if gz := WordList(code); gz != nil && withList {
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, fmt.Errorf("lists/%s-en.tsv.gz: %w", code, err)
		}
		if err := d.readList(zr, "lists/"+code+"-en.tsv.gz"); err != nil {
			return nil, err
		}
	}
	d.loaded()
	if d.Len() == 0 {
		return nil, fmt.Errorf("%w %q: no entries", ErrNoDictionary, code)
	}
	return d, nil
}

// readDictd reads the index and the entries of the dictd dictionary at
// base (base.index, and base.dict.dz or base.dict).
func readDictd(base string) (index, body []byte, err error) {
	if index, err = os.ReadFile(base + ".index"); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(base + ".dict.dz")
	if err != nil {
		body, err = os.ReadFile(base + ".dict")
		return index, body, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	if body, err = io.ReadAll(zr); err != nil {
		return nil, nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	return index, body, nil
}

type dictEntry struct {
	once sync.Once
	d    *Dictionary
	err  error
}

var byLanguage sync.Map // code → *dictEntry

// ForLanguage returns the dictionary from the language code to English,
// read on first use and cached: Debian's dict-freedict-* packages
// (freedict-XXX-eng read forwards and freedict-eng-XXX backwards) and the
// word list stemma ships for the language ([WordList]), merged. The error
// wraps [ErrNoDictionary] when there is none of them.
func ForLanguage(code string) (*Dictionary, error) {
	if _, ok := iso639_3[code]; !ok { // not cached: a code comes from untrusted input
		return nil, fmt.Errorf("%w %q", ErrNoDictionary, code)
	}
	v, _ := byLanguage.LoadOrStore(code, &dictEntry{})
	e := v.(*dictEntry)
	e.once.Do(func() {
		to, from := DictFiles("", code)
		if to == "" && from == "" && WordList(code) == nil {
			e.err = fmt.Errorf("%w %q in %s", ErrNoDictionary, code, DictDir)
			return
		}
		e.d, e.err = LoadFiles(code, to, from)
	})
	return e.d, e.err
}

// Languages returns the codes of the languages that have a dictionary to
// English here: an installed FreeDict dictionary or a shipped word list.
func Languages() []string {
	var out []string
	for code := range iso639_3 {
		if to, from := DictFiles("", code); to != "" || from != "" || WordList(code) != nil {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// Preload reads the dictionaries of the languages codes, one after the
// other, so that the first article in each need not wait for its own (the
// German one takes seconds); it stops early when ctx ends, and returns
// the languages read. A dictionary that cannot be read is left for
// [ForLanguage] to report.
func Preload(ctx context.Context, codes ...string) []string {
	var out []string
	for _, code := range codes {
		if ctx.Err() != nil {
			break
		}
		if _, err := ForLanguage(code); err == nil {
			out = append(out, code)
		}
	}
	return out
}
