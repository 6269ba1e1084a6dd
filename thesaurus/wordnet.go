package thesaurus

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Load reads a thesaurus from a WordNet 3.0 dict directory; dir "" means
// [DefaultDir]. It needs data.noun, data.verb, data.adj and data.adv, and
// uses index.POS, cntlist.rev and POS.exc when present. It keeps every
// synset with at least two distinct lemmas, as the embedded table does (the
// table is this function's output, written by [WriteTable]), and adds the
// same entity variants.
//
// A word's synsets are ordered most common first: by the word's tagged
// sense count in cntlist.rev, then by its sense number in index.POS, then
// by part of speech (n, v, a, r) and file offset.
func Load(dir string) (*Thesaurus, error) {
	if dir == "" {
		dir = DefaultDir
	}
	var all []*wnSynset
	byOffset := map[string]*wnSynset{} // "a 00001740"
	for _, f := range wnFiles {
		path := filepath.Join(dir, "data."+f.name)
		ss, err := readData(path, f.pos)
		if err != nil {
			return nil, fmt.Errorf("thesaurus: reading %s: %w", path, err)
		}
		for _, s := range ss {
			byOffset[fmt.Sprintf("%c %08d", s.pos, s.offset)] = s
		}
		all = append(all, ss...)
	}
	// Sense numbers and tagged counts, per (lemma, synset).
	rank := map[senseRef]int{}
	for _, f := range wnFiles {
		path := filepath.Join(dir, "index."+f.name)
		if err := readIndex(path, f.pos, byOffset, rank); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("thesaurus: reading %s: %w", path, err)
		}
	}
	counts := map[string]int{}
	path := filepath.Join(dir, "cntlist.rev")
	if err := readCounts(path, counts); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("thesaurus: reading %s: %w", path, err)
	}

	t := newThesaurus()
	type sense struct {
		id          int32
		count, rank int
		pos         POS
		offset      int
	}
	senses := map[string][]sense{}
	for _, s := range all {
		if len(s.lemmas) < 2 {
			continue
		}
		id := int32(len(t.synsets))
		t.synsets = append(t.synsets, synset{pos: s.pos, lemmas: s.lemmas})
		for i, l := range s.lemmas {
			r, ok := rank[senseRef{l, s}]
			if !ok {
				r = 1 << 20
			}
			senses[l] = append(senses[l], sense{id, counts[s.keys[i]], r, s.pos, s.offset})
		}
	}
	for l, ss := range senses {
		slices.SortFunc(ss, func(a, b sense) int {
			return cmp.Or(b.count-a.count, a.rank-b.rank, posOrder(a.pos)-posOrder(b.pos), a.offset-b.offset)
		})
		ids := make([]int32, len(ss))
		for i, s := range ss {
			ids[i] = s.id
		}
		t.byLemma[l] = ids
		t.maxWords = max(t.maxWords, strings.Count(l, " ")+1)
	}
	for _, f := range wnFiles {
		path := filepath.Join(dir, f.name+".exc")
		if err := readExc(t, path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("thesaurus: reading %s: %w", path, err)
		}
	}
	t.finish()
	return t, nil
}

var wnFiles = []struct {
	name string
	pos  POS
}{{"noun", 'n'}, {"verb", 'v'}, {"adj", 'a'}, {"adv", 'r'}}

func posOrder(p POS) int { return strings.IndexByte("nvar", byte(p)) }

// wnSynset is a synset as a data.POS file gives it.
type wnSynset struct {
	pos    POS
	offset int
	lemmas []string // normalised, distinct
	keys   []string // the sense key of each lemma, for cntlist.rev
}

type senseRef struct {
	lemma string
	s     *wnSynset
}

// normLemma lowercases a WordNet lemma, turns underscores into spaces and
// drops an adjective marker such as "(a)" or "(ip)".
func normLemma(l string) string {
	if i := strings.IndexByte(l, '('); i > 0 {
		l = l[:i]
	}
	return strings.ToLower(strings.ReplaceAll(l, "_", " "))
}

// readData reads a data.POS file, whose lines are
//
//	offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]... p_cnt [ptr_symbol offset pos source/target]... | gloss
//
// and computes each lemma's sense key, lemma%ss_type:lex_filenum:lex_id:head_word:head_id,
// where an adjective satellite (ss_type s) names the first word of its head
// synset, the target of its "&" pointer.
func readData(path string, pos POS) ([]*wnSynset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*wnSynset
	type head struct {
		s       *wnSynset
		offset  string
		rawKeys []string
	}
	var sats []head
	firstWord := map[string][2]string{} // offset → first word, lex_id
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // the licence header
		}
		fs := strings.Fields(line)
		if len(fs) < 4 {
			return nil, fmt.Errorf("%w: line %d: too few fields", ErrFormat, n)
		}
		off, err1 := strconv.Atoi(fs[0])
		cnt, err2 := strconv.ParseInt(fs[3], 16, 32)
		if err1 != nil || err2 != nil || len(fs) < 5+2*int(cnt) {
			return nil, fmt.Errorf("%w: line %d: malformed synset", ErrFormat, n)
		}
		ssType, lexFile := fs[2], fs[1]
		s := &wnSynset{pos: pos, offset: off}
		var raw []string
		for i := range int(cnt) {
			word, lexID := fs[4+2*i], fs[5+2*i]
			if i == 0 {
				firstWord[fs[0]] = [2]string{word, lexID}
			}
			l := normLemma(word)
			if slices.Contains(s.lemmas, l) {
				continue
			}
			id, _ := strconv.ParseInt(lexID, 16, 32)
			bare := word
			if i := strings.IndexByte(bare, '('); i > 0 {
				bare = bare[:i]
			}
			s.lemmas = append(s.lemmas, l)
			raw = append(raw, fmt.Sprintf("%s%%%d:%s:%02d:", strings.ToLower(bare), ssNumber(ssType), lexFile, id))
		}
		if ssType == "s" {
			p := 4 + 2*int(cnt)
			pcnt, _ := strconv.Atoi(fs[p])
			for j := range pcnt {
				if q := p + 1 + 4*j; q+1 < len(fs) && fs[q] == "&" {
					sats = append(sats, head{s, fs[q+1], raw})
					break
				}
			}
			continue
		}
		for _, k := range raw {
			s.keys = append(s.keys, k+":")
		}
		out = append(out, s)
	}
	for _, h := range sats {
		hw := firstWord[h.offset]
		id, _ := strconv.ParseInt(hw[1], 16, 32)
		word := hw[0]
		if i := strings.IndexByte(word, '('); i > 0 {
			word = word[:i]
		}
		for _, k := range h.rawKeys {
			h.s.keys = append(h.s.keys, fmt.Sprintf("%s%s:%02d", k, strings.ToLower(word), id))
		}
		out = append(out, h.s)
	}
	slices.SortFunc(out, func(a, b *wnSynset) int { return a.offset - b.offset })
	return out, sc.Err()
}

func ssNumber(t string) int {
	return strings.Index("xnvars", t)
}

// readIndex reads an index.POS file, whose lines are
//
//	lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
//
// with a lemma's synsets most frequent first, and records each sense number.
func readIndex(path string, pos POS, byOffset map[string]*wnSynset, rank map[senseRef]int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 6 {
			continue
		}
		n, err := strconv.Atoi(fs[2])
		if err != nil || n > len(fs) {
			return fmt.Errorf("%w: bad synset count in %q", ErrFormat, line)
		}
		l := normLemma(fs[0])
		for r, o := range fs[len(fs)-n:] {
			if s := byOffset[fmt.Sprintf("%c %s", pos, o)]; s != nil {
				rank[senseRef{l, s}] = r
			}
		}
	}
	return sc.Err()
}

// readCounts reads cntlist.rev: "sense_key sense_number tag_cnt" lines.
func readCounts(path string, counts map[string]int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 3 {
			continue
		}
		if c, err := strconv.Atoi(fs[2]); err == nil {
			counts[fs[0]] = c
		}
	}
	return sc.Err()
}

// readExc adds the inflection exceptions of a POS.exc file: "inflected base...".
func readExc(t *Thesaurus, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		infl := normLemma(fs[0])
		for _, b := range fs[1:] {
			base := normLemma(b)
			if _, ok := t.byLemma[base]; ok && infl != base && !slices.Contains(t.exc[infl], base) {
				t.exc[infl] = append(t.exc[infl], base)
			}
		}
	}
	return sc.Err()
}
