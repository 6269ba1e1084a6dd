package thesaurus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The table format (wordnet.tsv.gz, version 1) is gzip'd UTF-8 text, one
// record a line, fields separated by tabs; lines starting with "#" are
// comments:
//
//	s POS lemma[#rank] lemma[#rank]...   a synset: its part of speech and lemmas
//	x inflected base                     an inflection exception
//
// rank is the synset's place in the lemma's list of synsets, most common
// first (see [Load]); it is left out when 0. Synsets come in WordNet order
// (n, v, a, r, by offset).
const tableVersion = 1

// WriteTable writes t's synsets and exceptions in the table format that
// [Default] reads. thesaurus/gen uses it to write wordnet.tsv.gz from
// [Load]'s result; the entity variants are not written (they live in Go).
func WriteTable(w io.Writer, t *Thesaurus, comment string) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# stemma thesaurus table, format version %d\n", tableVersion)
	for _, line := range strings.Split(comment, "\n") {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	for id, s := range t.synsets {
		fmt.Fprintf(bw, "s\t%c", s.pos)
		for _, l := range s.lemmas {
			if strings.ContainsAny(l, "#\t\n") {
				return fmt.Errorf("%w: lemma %q cannot be written", ErrFormat, l)
			}
			bw.WriteString("\t" + l)
			if r := slices.Index(t.byLemma[l], int32(id)); r > 0 {
				fmt.Fprintf(bw, "#%d", r)
			}
		}
		bw.WriteByte('\n')
	}
	for _, infl := range slices.Sorted(mapsKeys(t.exc)) {
		for _, base := range t.exc[infl] {
			fmt.Fprintf(bw, "x\t%s\t%s\n", infl, base)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// parseTable reads a table written by [WriteTable].
func parseTable(r io.Reader) (*Thesaurus, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	t := newThesaurus()
	t.synsets = make([]synset, 0, 1<<16)
	type later struct {
		lemma    string
		rank, id int32
	}
	var ranked []later
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		fs := strings.Split(string(line), "\t")
		switch {
		case fs[0] == "s" && len(fs) >= 4 && len(fs[1]) == 1:
			id := int32(len(t.synsets))
			lemmas := fs[2:]
			for i, l := range lemmas {
				if j := strings.IndexByte(l, '#'); j >= 0 {
					r, err := strconv.Atoi(l[j+1:])
					if err != nil || r <= 0 {
						return nil, fmt.Errorf("%w: line %d: bad rank in %q", ErrFormat, n, l)
					}
					l = l[:j]
					lemmas[i] = l
					ranked = append(ranked, later{l, int32(r), id})
				} else {
					t.byLemma[l] = append(t.byLemma[l], id)
				}
				t.maxWords = max(t.maxWords, strings.Count(l, " ")+1)
			}
			t.synsets = append(t.synsets, synset{pos: POS(fs[1][0]), lemmas: lemmas})
		case fs[0] == "x" && len(fs) == 3:
			t.exc[fs[1]] = append(t.exc[fs[1]], fs[2])
		default:
			return nil, fmt.Errorf("%w: line %d: %q", ErrFormat, n, line)
		}
	}
	slices.SortFunc(ranked, func(a, b later) int {
		if c := strings.Compare(a.lemma, b.lemma); c != 0 {
			return c
		}
		return int(a.rank - b.rank)
	})
	for _, r := range ranked {
		if int(r.rank) != len(t.byLemma[r.lemma]) {
			return nil, fmt.Errorf("%w: lemma %q: rank %d out of sequence", ErrFormat, r.lemma, r.rank)
		}
		t.byLemma[r.lemma] = append(t.byLemma[r.lemma], r.id)
	}
	t.finish()
	return t, nil
}
