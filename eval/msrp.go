package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// The files of the Microsoft Research Paraphrase Corpus (Dolan, Quirk and
// Brockett, COLING 2004; Dolan and Brockett, IWP 2005): pairs of sentences
// from news clusters, judged paraphrases or not.
const (
	MSRPTrainFile = "msr_paraphrase_train.txt"
	MSRPTestFile  = "msr_paraphrase_test.txt"
)

// SentencePair is one labelled pair of sentences.
type SentencePair struct {
	ID1, ID2 string
	A, B     string
	// Paraphrase is the label: the two say the same thing.
	Paraphrase bool
}

// ReadMSRP reads an MSRP file: a header line, then one pair a line with
// the tab-separated fields Quality (1 or 0), #1 ID, #2 ID, #1 String, #2
// String; a byte-order mark is allowed. Errors name the file and line and
// wrap [ErrMalformed]; name is used in them.
func ReadMSRP(r io.Reader, name string) ([]SentencePair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var pairs []SentencePair
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
			if !strings.HasPrefix(line, "Quality\t") {
				return nil, fmt.Errorf("reading %s line 1: %w: want the header Quality, #1 ID, #2 ID, #1 String, #2 String", name, ErrMalformed)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("reading %s line %d: %w: not UTF-8", name, n, ErrMalformed)
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[0] != "0" && f[0] != "1" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("reading %s line %d: %w: want quality 0 or 1, two IDs and two sentences, tab-separated", name, n, ErrMalformed)
		}
		pairs = append(pairs, SentencePair{ID1: f[1], ID2: f[2], A: f[3], B: f[4], Paraphrase: f[0] == "1"})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return pairs, nil
}

// LoadMSRP reads an MSRP file from disk.
func LoadMSRP(path string) ([]SentencePair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadMSRP(f, path)
}
