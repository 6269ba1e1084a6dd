package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The parts of a PAN 2013 text-alignment corpus in its official layout,
// each a folder with a pairs file and one XML truth file per pair.
const (
	PartNone     = "01-no-plagiarism"
	PartVerbatim = "02-no-obfuscation"
	PartRandom   = "03-random-obfuscation"
	PartCyclic   = "04-translation-obfuscation"
	PartSummary  = "05-summary-obfuscation"
)

// LoadPANDir reads parts of a PAN 2013 text-alignment corpus in the layout
// Webis distributes it (pan13-text-alignment-training-corpus-2013-01-21 and
// the test corpora): dir/src and dir/susp hold the documents as UTF-8 text
// files, and each part's folder (such as [PartRandom]) holds a "pairs" file
// (one "suspicious-documentNNNNN.txt source-documentNNNNN.txt" pair a
// line) and, for each pair, an XML file whose <feature name="plagiarism">
// elements give the cases with character offsets (this_offset,
// this_length, source_offset, source_length). Other features (the summary
// part's "about" and "md5") are ignored.
//
// Documents are named by their file name without ".txt", as in the shared
// no-obfuscation copy. Only the documents the pairs name are read. Case
// offsets are converted to byte offsets and clamped to their texts, as
// [LoadPAN] does. Errors name the file and, for pairs, the line; they wrap
// [ErrMalformed] when the content is not a PAN corpus.
func LoadPANDir(dir string, parts ...string) (*PAN, error) {
	docs := map[string]string{}
	var pairs []PANPair
	var cases []Case
	clamped := 0
	for _, part := range parts {
		pp, err := readPANDirPairs(filepath.Join(dir, part, "pairs"))
		if err != nil {
			return nil, err
		}
		for _, pr := range pp {
			for _, id := range []string{pr.Suspicious, pr.Source} {
				if _, ok := docs[id]; ok {
					continue
				}
				sub := "src"
				if strings.HasPrefix(id, "suspicious-") {
					sub = "susp"
				}
				text, err := readPANText(filepath.Join(dir, sub, id+".txt"))
				if err != nil {
					return nil, err
				}
				docs[id] = text
			}
			path := filepath.Join(dir, part, pr.Suspicious+"-"+pr.Source+".xml")
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			cs, err := ParsePANTruth(f, path)
			f.Close()
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				if c.Suspicious != pr.Suspicious || c.Source != pr.Source {
					return nil, fmt.Errorf("reading %s: %w: case of %s and %s in the file of %s and %s",
						path, ErrMalformed, c.Suspicious, c.Source, pr.Suspicious, pr.Source)
				}
				var c1, c2 bool
				c.SuspiciousSpan, c1 = byteSpan(docs[c.Suspicious], c.SuspiciousSpan.Start, c.SuspiciousSpan.Len())
				c.SourceSpan, c2 = byteSpan(docs[c.Source], c.SourceSpan.Start, c.SourceSpan.Len())
				if c1 {
					clamped++
				}
				if c2 {
					clamped++
				}
				cases = append(cases, c)
			}
		}
		pairs = append(pairs, pp...)
	}
	p := NewPAN(docs, pairs, cases)
	p.Clamped = clamped
	return p, nil
}

// readPANDirPairs reads a part's pairs file.
func readPANDirPairs(path string) ([]PANPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pairs []PANPair
	seen := map[PANPair]bool{}
	err = eachLine(f, path, func(line []byte, n int) error {
		fs := strings.Fields(string(line))
		if len(fs) != 2 || !strings.HasSuffix(fs[0], ".txt") || !strings.HasSuffix(fs[1], ".txt") {
			return fmt.Errorf("reading %s line %d: %w: want two document file names", path, n, ErrMalformed)
		}
		pr := PANPair{strings.TrimSuffix(fs[0], ".txt"), strings.TrimSuffix(fs[1], ".txt")}
		if err := checkPANName(pr.Suspicious); err != nil {
			return fmt.Errorf("reading %s line %d: %w", path, n, err)
		}
		if err := checkPANName(pr.Source); err != nil {
			return fmt.Errorf("reading %s line %d: %w", path, n, err)
		}
		if seen[pr] {
			return fmt.Errorf("reading %s line %d: %w: pair %s %s repeated", path, n, ErrMalformed, fs[0], fs[1])
		}
		seen[pr] = true
		pairs = append(pairs, pr)
		return nil
	})
	return pairs, err
}

// checkPANName refuses a document name that could leave the corpus
// directory.
func checkPANName(id string) error {
	if id == "" || strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
		return fmt.Errorf("%w: bad document name %q", ErrMalformed, id)
	}
	return nil
}

func readPANText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("reading %s: %w: not UTF-8", path, ErrMalformed)
	}
	return string(b), nil
}

// ParsePANTruth reads one PAN truth file: a <document reference="…"> with
// <feature name="plagiarism" …> elements. It returns the cases with the
// spans still in characters (SuspiciousSpan and SourceSpan hold character
// offsets); name is used in errors. Features of other names are ignored.
func ParsePANTruth(r io.Reader, name string) ([]Case, error) {
	var doc struct {
		XMLName   xml.Name `xml:"document"`
		Reference string   `xml:"reference,attr"`
		Features  []struct {
			Name        string `xml:"name,attr"`
			Obfuscation string `xml:"obfuscation,attr"`
			ThisOffset  string `xml:"this_offset,attr"`
			ThisLength  string `xml:"this_length,attr"`
			SourceRef   string `xml:"source_reference,attr"`
			SourceOff   string `xml:"source_offset,attr"`
			SourceLen   string `xml:"source_length,attr"`
		} `xml:"feature"`
	}
	dec := xml.NewDecoder(io.LimitReader(r, 16<<20))
	if err := dec.Decode(&doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("reading %s line %d: %w: %w", name, se.Line, ErrMalformed, err)
		}
		return nil, fmt.Errorf("reading %s: %w: %w", name, ErrMalformed, err)
	}
	susp := strings.TrimSuffix(doc.Reference, ".txt")
	if err := checkPANName(susp); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	var cases []Case
	for i, f := range doc.Features {
		if f.Name != "plagiarism" {
			continue
		}
		var nums [4]int
		for k, s := range [...]string{f.ThisOffset, f.ThisLength, f.SourceOff, f.SourceLen} {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 || n > 1<<40 {
				return nil, fmt.Errorf("reading %s: %w: feature %d: offset or length %q is not a count", name, ErrMalformed, i+1, s)
			}
			nums[k] = n
		}
		src := strings.TrimSuffix(f.SourceRef, ".txt")
		if err := checkPANName(src); err != nil {
			return nil, fmt.Errorf("reading %s: feature %d: %w", name, i+1, err)
		}
		c := Case{Suspicious: susp, Source: src, Obfuscation: f.Obfuscation}
		c.SuspiciousSpan.Start, c.SuspiciousSpan.End = nums[0], nums[0]+nums[1]
		c.SourceSpan.Start, c.SourceSpan.End = nums[2], nums[2]+nums[3]
		cases = append(cases, c)
	}
	return cases, nil
}
