// Command gen builds stemma's bundled example corpus from the Reuters-21578
// collection in ../shared/data. Run it from the repository root:
//
//	go run ./examples/gen
//
// It writes four files into examples/, always with the same bytes:
//
//   - reuters-sample.jsonl: 300 Reuters-21578 stories (fields id, source,
//     date, title, text), including four pairs of real wire repeats: the
//     same story sent twice under different ids;
//   - article.txt: a short news article stitched from four of those
//     stories, with some words swapped for synonyms, plus two sentences of
//     original text;
//   - article.truth.json: where every copied passage sits in the article
//     and in its source, and which words were changed;
//   - NOTICE: the Reuters-21578 terms.
//
// Before writing anything it checks its own work (see verify) and exits
// with an error if any span, change or line is wrong.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Selection rules for the sample.
const (
	sampleSize = 300
	wantPairs  = 4    // exact wire repeats to include, counting the article's
	minBody    = 800  // bytes of story text, inclusive
	maxBody    = 4000 // bytes of story text, inclusive
	// minLetters is the share of non-space bytes that must be letters: it
	// keeps out price tables and crop statistics, which make dull examples.
	minLetters = 0.85
	// overlapWords is the length of the word runs used to keep the sample
	// free of accidental re-use: a story is taken only if it shares no run
	// of this many words with a story taken before it (its own deliberate
	// duplicate aside). Without this, the wire's many revisions and
	// near-repeats would add witnesses that the truth file does not list.
	overlapWords = 8
	// originalWords is the run length used to check that the article's
	// original sentences appear in no story of the whole collection.
	originalWords = 6
)

// headline is the first line of article.txt.
const headline = "U.S. weighs easing chip sanctions on Japan as trade rift lingers"

// A piece is one paragraph of the article: either a block of consecutive
// sentences copied from a Reuters story, or a sentence of original text.
type piece struct {
	// Copied block: the story, the start of its first sentence (in
	// whitespace-normalised text), how many sentences to take, and the
	// words to swap, in the order they occur in the block.
	id        string
	first     string
	sentences int
	changes   []swap

	// Original text, appearing in no story.
	original string
}

// A swap replaces one whole word (or a token such as "U.S.") of a copied
// block. Each swap applies to the first occurrence after the previous swap.
type swap struct{ from, to string }

// article is the example article, paragraph by paragraph: a lead sentence
// of original text, four copied blocks, and a closing sentence of original
// text. The theme is the 1987 U.S.-Japan semiconductor dispute, which runs
// through the whole wire. The four sources come from four different days
// (October 20, March 19, April 17 and March 29 1987, in article order).
// Blocks 2 and 3 are copied verbatim; blocks 1 and 4 have about one word in
// ten swapped for a synonym. Block 2's story was sent twice (reuters-7521,
// then reuters-7626 the next morning), so the demo shows a passage with two
// witnesses and the earlier one as its origin.
var article = []piece{
	{original: "Washington's long quarrel with Tokyo over computer chips may be nearing a truce, " +
		"but officials on both sides warn that the wider rift over trade is far from healed."},

	// Block 1: October 20, "U.S. MAY END ADDITIONAL SANCTIONS AGAINST JAPAN".
	// 8 swaps in 85 words.
	{id: "reuters-20787", first: "The United States may lift an additional", sentences: 3, changes: []swap{
		{"lift", "remove"},
		{"said", "stated"},
		{"imposed", "levied"},
		{"honor", "respect"},
		{"U.S.", "United States"},
		{"goods", "products"}, // the second "goods": "to U.S. goods"
		{"raised", "increased"},
		{"portable", "laptop"},
	}},

	// Block 2: March 19, "SENATE WANTS JAPAN SEMICONDUCTER PACT ENFORCED"
	// (repeated as reuters-7626 on March 20). Verbatim.
	{id: "reuters-7521", first: "The Senate voted 93 to 0", sentences: 2},

	// Block 3: April 17, "WHITE HOUSE SLAPS TARIFFS ON JAPANESE GOODS". Verbatim.
	{id: "reuters-16895", first: "Reagan said the tariffs would be eliminated", sentences: 2},

	// Block 4: March 29, "TOKYO BIDS TO STOP CHIP ROW TURNING INTO TRADE WAR".
	// 6 swaps in 68 words.
	{id: "reuters-10642", first: "Faced with a belligerent domestic chip industry", sentences: 2, changes: []swap{
		{"belligerent", "combative"},
		{"angry", "irate"},
		{"said", "stated"},
		{"largest", "biggest"},
		{"happy", "pleased"},
		{"draconian", "harsh"},
	}},

	{original: "Neither government has said when the next review of the chip accord will take place, " +
		"and diplomats in Tokyo expect the remaining duties to stay until well into next year."},
}

// story is one line of the Reuters JSONL (its dateline field is not read).
// Date is kept as the original RFC 3339 string, nil when the collection
// has none, so that it is written back unchanged.
type story struct {
	ID     string  `json:"id"`
	Source string  `json:"source"`
	Date   *string `json:"date"`
	Title  string  `json:"title"`
	Text   string  `json:"text"`
}

func (s *story) date() string {
	if s.Date == nil {
		return ""
	}
	return *s.Date
}

// sampleLine is what reuters-sample.jsonl keeps of a story.
type sampleLine struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// span is a half-open byte range, shaped like stemma.Span in JSON.
type span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Truth file types.
type truth struct {
	Article  string `json:"article"`
	Corpus   string `json:"corpus"`
	Headline span   `json:"headline"`
	// Blocks are the copied passages, in article order.
	Blocks []truthBlock `json:"blocks"`
	// Original are the article's sentences that appear in no story.
	Original []span `json:"original"`
	// DuplicatePairs are the exact wire repeats in the sample, each as
	// [earlier, later].
	DuplicatePairs [][2]string `json:"duplicate_pairs"`
}

type truthBlock struct {
	ArticleSpan span   `json:"article_span"`
	SourceID    string `json:"source_id"`
	SourceDate  string `json:"source_date"`
	// SourceSpan is in the source story's original text, line breaks and
	// indentation included.
	SourceSpan span `json:"source_span"`
	Sentences  int  `json:"sentences"`
	Verbatim   bool `json:"verbatim"`
	// Changes are the swapped words, in order; empty when verbatim.
	Changes []truthChange `json:"changes"`
	// Witnesses are all sample stories that contain the passage (after
	// whitespace normalisation), oldest first. The first is the source.
	Witnesses []truthWitness `json:"witnesses"`
}

type truthChange struct {
	From        string `json:"from"`
	To          string `json:"to"`
	ArticleSpan span   `json:"article_span"`
	SourceSpan  span   `json:"source_span"`
}

type truthWitness struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Span span   `json:"span"`
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	data := flag.String("data", filepath.Join("..", "shared", "data"), "directory holding reuters-21578.jsonl.gz")
	out := flag.String("out", "examples", "directory to write into")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*out, "gen", "main.go")); err != nil {
		log.Fatalf("run me from the repository root (go run ./examples/gen): %v", err)
	}

	corpus, err := readCorpus(filepath.Join(*data, "reuters-21578.jsonl.gz"))
	if err != nil {
		log.Fatal(err)
	}
	byID := make(map[string]*story, len(corpus))
	for _, s := range corpus {
		byID[s.ID] = s
	}

	sample, pairs := selectSample(corpus, byID)
	art, tr := buildArticle(sample, byID)
	tr.DuplicatePairs = pairs

	if err := verify(corpus, sample, art, tr, byID); err != nil {
		log.Fatalf("verification failed: %v", err)
	}

	summarise(art, tr)

	jsonl := encodeSample(sample)
	if err := verifyJSONL(jsonl, sample); err != nil {
		log.Fatalf("verification failed: %v", err)
	}
	truthJSON, err := marshal(tr)
	if err != nil {
		log.Fatal(err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"reuters-sample.jsonl", jsonl},
		{"article.txt", []byte(art)},
		{"article.truth.json", truthJSON},
		{"NOTICE", []byte(notice)},
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(*out, f.name), f.data, 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s (%d bytes)", filepath.Join(*out, f.name), len(f.data))
	}
}

// readCorpus reads the gzipped JSONL collection in file order.
func readCorpus(path string) ([]*story, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (the Reuters data lives in ../shared/data; see -data)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var stories []*story
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		s := new(story)
		if err := json.Unmarshal(sc.Bytes(), s); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, len(stories)+1, err)
		}
		stories = append(stories, s)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return stories, nil
}

// eligible reports whether a story may go into the sample at all: it has a
// date (so origins can be chosen by date), a title, a body of 800-4000
// bytes, and reads as prose rather than a table.
func eligible(s *story) bool {
	if s.date() == "" || s.Title == "" || len(s.Text) < minBody || len(s.Text) > maxBody {
		return false
	}
	letters, other := 0, 0
	for _, r := range s.Text {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsLetter(r):
			letters++
		default:
			other++
		}
	}
	return float64(letters) >= minLetters*float64(letters+other)
}

// selectSample picks the 300 stories, returned in collection order, and the
// duplicate pairs among them. The order of preference is:
//
//  1. the four stories the article is built from, and the wire repeat of
//     any of them (reuters-7626 repeats reuters-7521);
//  2. pairs of exact wire repeats, up to four pairs in all: a qualifying
//     pair is two eligible stories with byte-identical text, different ids
//     and different timestamps, no third copy anywhere in the collection,
//     and no 8-word run shared with what is already taken. The months
//     (February, March, April, June, October 1987) take turns, each adding
//     its earliest qualifying pair per round; the article's pair counts as
//     March's first. June and October have no qualifying pair (their
//     repeats are all under 800 bytes or differ in whitespace), so the
//     pairs come from February (two), March and April;
//  3. the rest, spread evenly over the five months (as equal a share per
//     month as each month's candidates allow) and, within a month, evenly
//     over its candidates in date order. A candidate must be eligible,
//     have no repeat anywhere in the collection (not even one differing
//     only in whitespace), and share no
//     8-word run with what is already taken; a rejected one gives way to
//     the next candidate in date order.
func selectSample(corpus []*story, byID map[string]*story) ([]*story, [][2]string) {
	// Group stories by normalised text to find repeats. Pairs must also be
	// byte-identical; the fill avoids even whitespace-only variants.
	byText := map[string][]*story{}
	for _, s := range corpus {
		k := normalise(s.Text)
		byText[k] = append(byText[k], s)
	}
	repeats := func(s *story) []*story {
		var out []*story
		for _, o := range byText[normalise(s.Text)] {
			if o != s {
				out = append(out, o)
			}
		}
		return out
	}

	taken := map[string]bool{}
	seen := map[string]bool{} // word runs of taken stories
	var picked []*story
	take := func(s *story) {
		taken[s.ID] = true
		picked = append(picked, s)
		for _, g := range wordRuns(s.Text, overlapWords) {
			seen[g] = true
		}
	}
	clashes := func(s *story) bool {
		for _, g := range wordRuns(s.Text, overlapWords) {
			if seen[g] {
				return true
			}
		}
		return false
	}

	// 1. The article's sources and their repeats.
	var pairs [][2]string
	pairsIn := map[string]int{} // pairs taken per month
	for _, p := range article {
		if p.id == "" {
			continue
		}
		s := byID[p.id]
		if s == nil || !eligible(s) {
			log.Fatalf("article source %s is missing or not eligible", p.id)
		}
		take(s)
		for _, r := range repeats(s) {
			if !eligible(r) || r.Text != s.Text {
				log.Fatalf("repeat %s of article source %s is not an eligible exact repeat", r.ID, s.ID)
			}
			take(r)
			pairs = append(pairs, orderPair(s, r))
			pairsIn[month(s)]++
		}
	}

	// 2. Pairs of wire repeats, spread over the months: in rounds, each
	// month adds its earliest qualifying pair, until there are wantPairs.
	var months []string
	for _, s := range corpus {
		if s.date() != "" && !slices.Contains(months, month(s)) {
			months = append(months, month(s))
		}
	}
	slices.Sort(months)
	nextPair := func(m string) bool {
		for _, s := range byDate(corpus) {
			rs := repeats(s)
			if month(s) != m || taken[s.ID] || len(rs) != 1 {
				continue
			}
			r := rs[0]
			if r.Text != s.Text || !eligible(s) || !eligible(r) || s.date() == r.date() || clashes(s) {
				continue
			}
			take(s)
			take(r)
			pairs = append(pairs, orderPair(s, r))
			return true
		}
		return false
	}
	for round := 1; len(pairs) < wantPairs; round++ {
		added := false
		for _, m := range months {
			if len(pairs) < wantPairs && pairsIn[m] < round && nextPair(m) {
				pairsIn[m]++
				added = true
			}
		}
		if !added {
			log.Fatalf("found only %d duplicate pairs, want %d", len(pairs), wantPairs)
		}
	}

	// 3. Fill, evenly over months and over each month's candidates.
	cands := map[string][]*story{}
	for _, s := range byDate(corpus) {
		if !taken[s.ID] && eligible(s) && len(repeats(s)) == 0 {
			cands[month(s)] = append(cands[month(s)], s)
		}
	}
	quota := shareOut(sampleSize-len(picked), months, cands)
	for _, m := range months {
		list := cands[m]
		n, k := len(list), quota[m]
		next := 0 // candidates before next are used up
		for i := 0; i < k; i++ {
			j := max(i*n/k, next)
			for j < n && clashes(list[j]) {
				j++
			}
			if j >= n {
				log.Fatalf("month %s: ran out of candidates after %d of %d", m, i, k)
			}
			take(list[j])
			next = j + 1
		}
	}
	if len(picked) != sampleSize {
		log.Fatalf("picked %d stories, want %d", len(picked), sampleSize)
	}

	// Collection order (the ids' numeric order).
	slices.SortFunc(picked, func(a, b *story) int { return idNum(a.ID) - idNum(b.ID) })
	slices.SortFunc(pairs, func(a, b [2]string) int { return idNum(a[0]) - idNum(b[0]) })
	return picked, pairs
}

// shareOut divides total slots over months as equally as possible, giving
// no month more than three quarters of its candidates (the rest leave room
// for candidates rejected as overlapping).
func shareOut(total int, months []string, cands map[string][]*story) map[string]int {
	quota := map[string]int{}
	open := slices.Clone(months)
	for total > 0 && len(open) > 0 {
		share := max(total/len(open), 1)
		var still []string
		for _, m := range open {
			room := len(cands[m])*3/4 - quota[m]
			give := min(share, room, total)
			quota[m] += give
			total -= give
			if room > give {
				still = append(still, m)
			}
		}
		open = still
	}
	if total > 0 {
		log.Fatalf("not enough candidates: %d slots left", total)
	}
	return quota
}

func month(s *story) string { return s.date()[:7] }

// byDate returns the dated stories sorted by date, ties by id.
func byDate(corpus []*story) []*story {
	var out []*story
	for _, s := range corpus {
		if s.date() != "" {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b *story) int {
		if c := strings.Compare(a.date(), b.date()); c != 0 {
			return c
		}
		return idNum(a.ID) - idNum(b.ID)
	})
	return out
}

func orderPair(a, b *story) [2]string {
	if b.date() < a.date() {
		a, b = b, a
	}
	return [2]string{a.ID, b.ID}
}

func idNum(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "reuters-"))
	if err != nil {
		log.Fatalf("unexpected id %q", id)
	}
	return n
}

// normText is a whitespace-normalised text: every run of whitespace in the
// original becomes one space, and leading and trailing whitespace goes.
// raw[i] is the byte offset in the original text of norm's byte i.
type normText struct {
	norm string
	raw  []int
}

func normaliseMap(text string) normText {
	var b strings.Builder
	var raw []int
	space := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if isSpace(c) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			raw = append(raw, i-1)
		}
		space = false
		b.WriteByte(c)
		raw = append(raw, i)
	}
	return normText{b.String(), raw}
}

func normalise(text string) string { return normaliseMap(text).norm }

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// rawSpan maps a span of normalised text that neither starts nor ends with
// a space back to the original bytes.
func (n normText) rawSpan(s span) span {
	return span{n.raw[s.Start], n.raw[s.End-1] + 1}
}

// sentenceEnds returns the end offsets (exclusive) of the sentences of a
// normalised text. A sentence ends at ".", "?" or "!", optionally followed
// by closing quotes or brackets, when the next word starts with a capital
// letter, a digit or an opening quote, and the word ending there is not an
// abbreviation ("U.S.", "Corp.", initials).
func sentenceEnds(t string) []int {
	var ends []int
	for i := 0; i < len(t); i++ {
		if !strings.ContainsRune(".?!", rune(t[i])) {
			continue
		}
		j := i + 1
		for j < len(t) && strings.ContainsRune(`"')`, rune(t[j])) {
			j++
		}
		if j == len(t) {
			ends = append(ends, j)
			break
		}
		if t[j] != ' ' || j+1 >= len(t) {
			continue
		}
		next := t[j+1]
		if !(unicode.IsUpper(rune(next)) || unicode.IsDigit(rune(next)) || next == '"' || next == '(') {
			continue
		}
		if t[i] == '.' && isAbbrev(t[strings.LastIndexByte(t[:i], ' ')+1:i+1]) {
			continue
		}
		ends = append(ends, j)
	}
	return ends
}

var abbrevs = []string{"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Co.", "Corp.", "Inc.", "Ltd.", "Bros.",
	"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
	"No.", "vs.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col."}

func isAbbrev(word string) bool {
	word = strings.TrimLeft(word, `"'(`)
	if slices.Contains(abbrevs, word) {
		return true
	}
	// Initials and dotted abbreviations: "J.", "U.S.", "U.K.".
	for k := 0; k < len(word); k += 2 {
		if k+1 >= len(word) || !unicode.IsLetter(rune(word[k])) || word[k+1] != '.' {
			return false
		}
	}
	return len(word) > 0
}

// buildArticle assembles article.txt and its truth.
//
// The article is the headline, a blank line, then one paragraph per piece,
// paragraphs separated by blank lines. For a copied block it finds the
// sentence starting with p.first in the story's whitespace-normalised text,
// takes p.sentences sentences from there, and applies the swaps. Offsets
// are measured while the text is written, never by hand.
func buildArticle(sample []*story, byID map[string]*story) (string, truth) {
	tr := truth{Article: "article.txt", Corpus: "reuters-sample.jsonl", Original: []span{}}
	var b strings.Builder
	b.WriteString(headline)
	tr.Headline = span{0, b.Len()}
	b.WriteString("\n")

	for _, p := range article {
		b.WriteString("\n")
		start := b.Len()
		if p.id == "" {
			b.WriteString(p.original)
			tr.Original = append(tr.Original, span{start, b.Len()})
			b.WriteString("\n")
			continue
		}

		s := byID[p.id]
		nt := normaliseMap(s.Text)
		from := strings.Index(nt.norm, p.first)
		if from < 0 {
			log.Fatalf("%s: no %q", p.id, p.first)
		}
		ends := sentenceEnds(nt.norm)
		k := slices.Index(ends, from-1) // the previous sentence ends just before the space
		if from != 0 && k < 0 {
			log.Fatalf("%s: %q does not start a sentence", p.id, p.first)
		}
		if k+p.sentences >= len(ends) {
			log.Fatalf("%s: fewer than %d sentences after %q", p.id, p.sentences, p.first)
		}
		to := ends[k+p.sentences]
		passage := nt.norm[from:to]

		blk := truthBlock{
			SourceID:   s.ID,
			SourceDate: s.date(),
			SourceSpan: nt.rawSpan(span{from, to}),
			Sentences:  p.sentences,
			Verbatim:   len(p.changes) == 0,
			Changes:    []truthChange{},
		}

		// Apply the swaps left to right, copying the text between them.
		pos := 0 // in passage
		for _, c := range p.changes {
			at := indexWord(passage, c.from, pos)
			if at < 0 {
				log.Fatalf("%s: no word %q after %q", p.id, c.from, passage[:pos])
			}
			b.WriteString(passage[pos:at])
			artStart := b.Len()
			b.WriteString(c.to)
			blk.Changes = append(blk.Changes, truthChange{
				From:        c.from,
				To:          c.to,
				ArticleSpan: span{artStart, b.Len()},
				SourceSpan:  nt.rawSpan(span{from + at, from + at + len(c.from)}),
			})
			pos = at + len(c.from)
		}
		b.WriteString(passage[pos:])
		blk.ArticleSpan = span{start, b.Len()}
		b.WriteString("\n")

		blk.Witnesses = witnesses(passage, sample)
		tr.Blocks = append(tr.Blocks, blk)
	}
	return b.String(), tr
}

// indexWord finds word in s at or after from, as a whole word: not preceded
// or followed by a letter or digit.
func indexWord(s, word string, from int) int {
	for from <= len(s) {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(word)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// witnesses lists every sample story whose normalised text contains the
// passage, oldest first, with the passage's span in that story's text.
func witnesses(passage string, sample []*story) []truthWitness {
	var ws []truthWitness
	for _, s := range byDate(sample) {
		nt := normaliseMap(s.Text)
		if i := strings.Index(nt.norm, passage); i >= 0 {
			ws = append(ws, truthWitness{s.ID, s.date(), nt.rawSpan(span{i, i + len(passage)})})
		}
	}
	return ws
}

// wordRuns returns the runs of n consecutive words of text, case-folded,
// where a word is a maximal run of letters and digits.
func wordRuns(text string, n int) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var runs []string
	for i := 0; i+n <= len(words); i++ {
		runs = append(runs, strings.Join(words[i:i+n], " "))
	}
	return runs
}

// verify checks the article and its truth against the stories.
func verify(corpus, sample []*story, art string, tr truth, byID map[string]*story) error {
	inSample := map[string]bool{}
	for _, s := range sample {
		inSample[s.ID] = true
	}
	if got := art[tr.Headline.Start:tr.Headline.End]; got != headline {
		return fmt.Errorf("headline span gives %q", got)
	}

	last := tr.Headline.End
	dates := map[string]string{}
	for i, blk := range tr.Blocks {
		s := byID[blk.SourceID]
		if !inSample[s.ID] {
			return fmt.Errorf("block %d: source %s not in the sample", i, s.ID)
		}
		if blk.ArticleSpan.Start < last {
			return fmt.Errorf("block %d overlaps what comes before it", i)
		}
		last = blk.ArticleSpan.End

		// The article text, with the changes reverted, must equal the
		// normalised source text at the source span.
		got := revert(art, blk)
		want := normalise(s.Text[blk.SourceSpan.Start:blk.SourceSpan.End])
		if got != want {
			return fmt.Errorf("block %d (%s):\n article (reverted) %q\n source            %q", i, s.ID, got, want)
		}
		// The source span must start and end on non-space bytes.
		if isSpace(s.Text[blk.SourceSpan.Start]) || isSpace(s.Text[blk.SourceSpan.End-1]) {
			return fmt.Errorf("block %d: source span has surrounding space", i)
		}
		for _, c := range blk.Changes {
			if a := art[c.ArticleSpan.Start:c.ArticleSpan.End]; a != c.To {
				return fmt.Errorf("block %d: article has %q where change says %q", i, a, c.To)
			}
			if o := s.Text[c.SourceSpan.Start:c.SourceSpan.End]; o != c.From {
				return fmt.Errorf("block %d: source has %q where change says %q", i, o, c.From)
			}
		}
		if n := len(sentenceEnds(want)); n != blk.Sentences {
			return fmt.Errorf("block %d: %d sentences, want %d", i, n, blk.Sentences)
		}
		if blk.Sentences < 2 || blk.Sentences > 3 {
			return fmt.Errorf("block %d: %d sentences, want 2 or 3", i, blk.Sentences)
		}

		// The source is the oldest witness; every witness holds the passage.
		if len(blk.Witnesses) == 0 || blk.Witnesses[0].ID != blk.SourceID {
			return fmt.Errorf("block %d: source %s is not the first witness %v", i, blk.SourceID, blk.Witnesses)
		}
		for _, w := range blk.Witnesses {
			ws := byID[w.ID]
			if normalise(ws.Text[w.Span.Start:w.Span.End]) != want {
				return fmt.Errorf("block %d: witness %s span is wrong", i, w.ID)
			}
		}
		// No other sample story shares even a short run of the passage.
		runs := map[string]bool{}
		for _, g := range wordRuns(want, overlapWords) {
			runs[g] = true
		}
		for _, o := range sample {
			if slices.ContainsFunc(blk.Witnesses, func(w truthWitness) bool { return w.ID == o.ID }) {
				continue
			}
			for _, g := range wordRuns(o.Text, overlapWords) {
				if runs[g] {
					return fmt.Errorf("block %d: %s also has %q", i, o.ID, g)
				}
			}
		}

		day := blk.SourceDate[:10]
		if prev, ok := dates[day]; ok {
			return fmt.Errorf("blocks from %s and %s share the date %s", prev, s.ID, day)
		}
		dates[day] = s.ID
	}
	if len(tr.Blocks) != 4 {
		return fmt.Errorf("%d blocks, want 4", len(tr.Blocks))
	}
	if !slices.ContainsFunc(tr.Blocks, func(b truthBlock) bool { return b.Verbatim }) {
		return fmt.Errorf("no verbatim block")
	}
	if !slices.ContainsFunc(tr.Blocks, func(b truthBlock) bool { return len(b.Witnesses) > 1 }) {
		return fmt.Errorf("no block with several witnesses")
	}

	// Original sentences: present in the article, and no run of six words
	// of them occurs in any story of the whole collection.
	for i, o := range tr.Original {
		text := art[o.Start:o.End]
		runs := map[string]bool{}
		for _, g := range wordRuns(text, originalWords) {
			runs[g] = true
		}
		for _, s := range corpus {
			for _, g := range wordRuns(s.Text, originalWords) {
				if runs[g] {
					return fmt.Errorf("original sentence %d: %s has %q", i, s.ID, g)
				}
			}
		}
	}

	// Duplicate pairs: exact repeats, both in the sample, earlier first.
	for _, p := range tr.DuplicatePairs {
		a, b := byID[p[0]], byID[p[1]]
		if !inSample[a.ID] || !inSample[b.ID] || a.Text != b.Text || a.date() >= b.date() {
			return fmt.Errorf("bad duplicate pair %v", p)
		}
	}
	if n := len(tr.DuplicatePairs); n < 3 || n > 5 {
		return fmt.Errorf("%d duplicate pairs, want 3 to 5", n)
	}
	return nil
}

// summarise logs what went into the article.
func summarise(art string, tr truth) {
	for i, blk := range tr.Blocks {
		words := len(strings.Fields(art[blk.ArticleSpan.Start:blk.ArticleSpan.End]))
		var ws []string
		for _, w := range blk.Witnesses {
			ws = append(ws, w.ID)
		}
		log.Printf("block %d: %s (%s) article [%d,%d) source [%d,%d), %d sentences, %d changes in %d words, witnesses %v",
			i+1, blk.SourceID, blk.SourceDate[:10], blk.ArticleSpan.Start, blk.ArticleSpan.End,
			blk.SourceSpan.Start, blk.SourceSpan.End, blk.Sentences, len(blk.Changes), words, ws)
	}
	for _, o := range tr.Original {
		log.Printf("original: article [%d,%d)", o.Start, o.End)
	}
	log.Printf("duplicate pairs: %v", tr.DuplicatePairs)
}

// revert returns the article text of a block with its changes undone.
func revert(art string, blk truthBlock) string {
	var b strings.Builder
	pos := blk.ArticleSpan.Start
	for _, c := range blk.Changes {
		b.WriteString(art[pos:c.ArticleSpan.Start])
		b.WriteString(c.From)
		pos = c.ArticleSpan.End
	}
	b.WriteString(art[pos:blk.ArticleSpan.End])
	return b.String()
}

// encodeSample writes the sample as JSONL with encoding/json, without HTML
// escaping (titles hold tickers such as "<SRD>").
func encodeSample(sample []*story) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, s := range sample {
		if err := enc.Encode(sampleLine{s.ID, s.Source, s.date(), s.Title, s.Text}); err != nil {
			log.Fatal(err)
		}
	}
	return buf.Bytes()
}

// verifyJSONL parses the encoded sample back: every line one JSON object
// with a non-empty id and text, ids unique, texts unchanged, under 1 MB.
func verifyJSONL(data []byte, sample []*story) error {
	if len(data) >= 1<<20 {
		return fmt.Errorf("sample is %d bytes, want under 1 MiB", len(data))
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(sample) {
		return fmt.Errorf("%d lines, want %d", len(lines), len(sample))
	}
	ids := map[string]bool{}
	for i, line := range lines {
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		var l sampleLine
		if err := dec.Decode(&l); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		if l.ID == "" || l.Text == "" || l.Date == "" || l.Source == "" {
			return fmt.Errorf("line %d: empty field", i+1)
		}
		if ids[l.ID] {
			return fmt.Errorf("line %d: repeated id %s", i+1, l.ID)
		}
		ids[l.ID] = true
		if l.ID != sample[i].ID || l.Text != sample[i].Text {
			return fmt.Errorf("line %d: does not round-trip", i+1)
		}
	}
	return nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

const notice = `Reuters-21578 sample: notice
============================

reuters-sample.jsonl holds 300 news stories selected from the Reuters-21578,
Distribution 1.0 text categorization collection (Reuters newswire, 1987).
Of each story only the fields id, source, date, title and text (the story
body) were kept; the stories are otherwise unchanged. examples/gen/main.go
documents how they were selected.

Research use only. The copyright for the text of the newswire articles in
the Reuters-21578 collection resides with Reuters Ltd. Reuters Ltd. and
Carnegie Group, Inc. distributed the collection for research purposes only.
See the README of the collection by David D. Lewis:
http://www.daviddlewis.com/resources/testcollections/reuters21578/
Work that uses this data should acknowledge it as "Reuters-21578,
Distribution 1.0".

article.txt is not a Reuters story. It is a derived, altered example made
by examples/gen/main.go: sentences taken from four stories of the sample,
some of their words replaced, and two sentences of new text added, in order
to demonstrate source tracing. article.truth.json records exactly what was
taken and what was changed.
`
