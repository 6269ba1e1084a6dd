package eval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/stemmanews/stemma"
)

// The files of the PAN 2013 "no obfuscation" text-alignment corpus in the
// shared data directory.
const (
	PANDocsFile  = "pan13-no-obfuscation-docs.jsonl.gz"
	PANPairsFile = "pan13-no-obfuscation-pairs.tsv"
	PANTruthFile = "pan13-no-obfuscation-truth.jsonl"
)

// ErrMalformed is wrapped by the errors [LoadPAN] returns for files that
// are not a PAN corpus: bad lines, or pairs and cases naming documents that
// are not there.
var ErrMalformed = errors.New("eval: malformed corpus")

// PAN is a PAN text-alignment corpus: documents, the (suspicious, source)
// pairs a detector is asked to compare, and the ground-truth cases of
// reuse between them. A PAN is read-only once made and safe for
// concurrent use.
type PAN struct {
	// Docs maps a document's id to its text.
	Docs map[string]string
	// Pairs are the pairs to compare, in file order.
	Pairs []PANPair
	// Cases are the reused passages, with byte spans into Docs.
	Cases []Case
	// Clamped counts the case spans (suspicious or source side) whose
	// character offsets ran past the end of their document and were cut
	// to it. In the shared copy this happens where re-encoding mangled
	// characters (see the data README).
	Clamped int

	listed map[PANPair]bool
	byPair map[PANPair][]int // indexes into Cases
}

// PANPair is one (suspicious, source) document pair.
type PANPair struct {
	Suspicious, Source string
}

// Case is one ground-truth passage of reuse: SuspiciousSpan of the
// suspicious document was taken from SourceSpan of the source document.
// Spans are byte offsets, like everything stemma reports.
type Case struct {
	Suspicious, Source         string
	SuspiciousSpan, SourceSpan stemma.Span
	// Obfuscation is PAN's label for how the passage was disguised
	// ("none" throughout the no-obfuscation corpus).
	Obfuscation string
}

// NewPAN makes a PAN from documents, pairs and cases whose spans are
// already byte offsets. It is how tests build a small corpus by hand.
func NewPAN(docs map[string]string, pairs []PANPair, cases []Case) *PAN {
	p := &PAN{
		Docs:   docs,
		Pairs:  pairs,
		Cases:  cases,
		listed: make(map[PANPair]bool, len(pairs)),
		byPair: make(map[PANPair][]int),
	}
	for _, pr := range pairs {
		p.listed[pr] = true
	}
	for i, c := range cases {
		pr := PANPair{c.Suspicious, c.Source}
		p.byPair[pr] = append(p.byPair[pr], i)
	}
	return p
}

// LoadPAN reads the PAN 2013 no-obfuscation corpus from dir: the documents
// ([PANDocsFile]), the pairs ([PANPairsFile]) and the ground truth
// ([PANTruthFile]). The truth gives character offsets; LoadPAN converts
// them to byte offsets in the documents' texts, cutting any that run past
// the end of a text to its length and counting them in [PAN.Clamped].
func LoadPAN(dir string) (*PAN, error) {
	docs, err := readPANDocs(filepath.Join(dir, PANDocsFile))
	if err != nil {
		return nil, err
	}
	pairs, err := readPANPairs(filepath.Join(dir, PANPairsFile), docs)
	if err != nil {
		return nil, err
	}
	cases, clamped, err := readPANTruth(filepath.Join(dir, PANTruthFile), docs)
	if err != nil {
		return nil, err
	}
	p := NewPAN(docs, pairs, cases)
	p.Clamped = clamped
	return p, nil
}

func readPANDocs(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	docs := make(map[string]string)
	err = eachLine(zr, path, func(line []byte, n int) error {
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("reading %s line %d: %w: %w", path, n, ErrMalformed, err)
		}
		if rec.ID == "" {
			return fmt.Errorf("reading %s line %d: %w: no id", path, n, ErrMalformed)
		}
		if _, dup := docs[rec.ID]; dup {
			return fmt.Errorf("reading %s line %d: %w: id %q repeated", path, n, ErrMalformed, rec.ID)
		}
		docs[rec.ID] = rec.Text
		return nil
	})
	return docs, err
}

func readPANPairs(path string, docs map[string]string) ([]PANPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pairs []PANPair
	err = eachLine(f, path, func(line []byte, n int) error {
		susp, src, ok := strings.Cut(strings.TrimSpace(string(line)), "\t")
		if !ok {
			return fmt.Errorf("reading %s line %d: %w: want two tab-separated ids", path, n, ErrMalformed)
		}
		pr := PANPair{susp, src}
		if err := pr.check(docs); err != nil {
			return fmt.Errorf("reading %s line %d: %w", path, n, err)
		}
		pairs = append(pairs, pr)
		return nil
	})
	return pairs, err
}

func readPANTruth(path string, docs map[string]string) (cases []Case, clamped int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	err = eachLine(f, path, func(line []byte, n int) error {
		var rec struct {
			Suspicious   string `json:"suspicious"`
			Source       string `json:"source"`
			Obfuscation  string `json:"obfuscation"`
			ThisOffset   int    `json:"this_offset"`
			ThisLength   int    `json:"this_length"`
			SourceOffset int    `json:"source_offset"`
			SourceLength int    `json:"source_length"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("reading %s line %d: %w: %w", path, n, ErrMalformed, err)
		}
		if err := (PANPair{rec.Suspicious, rec.Source}).check(docs); err != nil {
			return fmt.Errorf("reading %s line %d: %w", path, n, err)
		}
		if rec.ThisOffset < 0 || rec.ThisLength < 0 || rec.SourceOffset < 0 || rec.SourceLength < 0 {
			return fmt.Errorf("reading %s line %d: %w: negative offset or length", path, n, ErrMalformed)
		}
		susp, c1 := byteSpan(docs[rec.Suspicious], rec.ThisOffset, rec.ThisLength)
		src, c2 := byteSpan(docs[rec.Source], rec.SourceOffset, rec.SourceLength)
		if c1 {
			clamped++
		}
		if c2 {
			clamped++
		}
		cases = append(cases, Case{
			Suspicious:     rec.Suspicious,
			Source:         rec.Source,
			SuspiciousSpan: susp,
			SourceSpan:     src,
			Obfuscation:    rec.Obfuscation,
		})
		return nil
	})
	return cases, clamped, err
}

func (pr PANPair) check(docs map[string]string) error {
	for _, id := range []string{pr.Suspicious, pr.Source} {
		if _, ok := docs[id]; !ok {
			return fmt.Errorf("%w: no document %q", ErrMalformed, id)
		}
	}
	return nil
}

// eachLine calls f with each non-blank line of r and its 1-based number.
func eachLine(r io.Reader, path string, f func(line []byte, n int) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := f(sc.Bytes(), n); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

// byteSpan converts the character span [offset, offset+length) of text to
// a byte span, cutting it at the end of text; clamped reports whether it
// had to be cut.
func byteSpan(text string, offset, length int) (span stemma.Span, clamped bool) {
	start, c1 := byteOffset(text, offset)
	end, c2 := byteOffset(text, offset+length)
	return stemma.Span{Start: start, End: end}, c1 || c2
}

// byteOffset returns the byte offset of the character (rune) at index r in
// text, or len(text) and true if text has fewer than r characters.
func byteOffset(text string, r int) (int, bool) {
	n := 0
	for i := range text {
		if n == r {
			return i, false
		}
		n++
	}
	return len(text), n < r
}
