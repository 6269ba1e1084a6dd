// Package pipeline is stemma's corpus map, the job of `stemma cluster`, as
// an Apache Beam pipeline: reprint clusters, copy trees and boilerplate
// over a corpus too large for one machine, on any Beam runner (prism
// locally, Flink, Spark or Dataflow).
//
// The pipeline calls the same functions as the single-machine job, so it
// writes the same clusters, members and parents for the same input and
// options (a test checks it on prism): package ingest reads the input,
// package cluster prepares, pairs, links and builds. Only the plumbing
// differs: where `stemma cluster` sorts spill files, the pipeline shuffles.
//
//	read (ingest: JSONL, text, HTML, WARC, feeds; bad records counted)
//	  → one document per ID → one text per exact text (cluster.Text)
//	  → shuffle n-gram hashes (cluster.Preparer): postings × grams → hits
//	  → per text: candidates (cluster.Candidates) → attach both texts
//	  → align (cluster.Pairer) → passages
//	  → link (cluster.Linker, on one worker) → components
//	  → attach member texts → build (cluster.Build, Cluster.Rows)
//	  → JSONL rows (textio) and the summary (cluster.SummaryBuilder)
//
// # Cost and limits
//
// Everything but linking and the summary runs in parallel, keyed by
// n-gram hash, text or cluster. Linking runs on one worker: it holds
// about 10 bytes per aligned passage in memory and spills the rest to the
// worker's temporary directory (Config.MemoryMB). Each candidate pair
// ships both texts to the worker that aligns it. The output is one file,
// written by one worker.
//
// Inputs are file patterns in any file system Beam knows (local paths,
// gs://, s3://). Documents read from a file that has no ID of its own are
// named as ingest names them, after the file's path as Beam matched it,
// which may differ from the path given to `stemma index`.
package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"   // gs://
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/ingest"
)

// Config is the pipeline's options, in a form Beam can ship to workers.
// Its zero value selects every default, the same as `stemma cluster` over
// an index created with default settings.
type Config struct {
	// Fingerprint settings: n-gram length, winnowing window, stopword
	// n-gram length (-1: none). They must be those of the index the
	// single-machine job is compared with.
	N, Window, StopN int
	// Candidate search and alignment; see cluster.Options.
	MaxPostings, MinHits, MaxCandidates, MaxWords int
	Seed, MaxGap, MinWords                        int
	MinSimilarity                                 float64
	// Paraphrase also aligns reworded sentences (align.Options.Paraphrase),
	// with sentence sketches among the candidate fingerprints.
	Paraphrase      bool
	Overlap         float64
	BoilerplateDocs int
	KeepBoilerplate bool
	// MemoryMB bounds the link and summary workers' buffers.
	MemoryMB int
	// Input: the format (ingest.Format; "" detects it per file) and the
	// largest document accepted, in bytes (0: ingest's default, 8 MiB).
	Format      string
	MaxDocBytes int
}

// FromOptions returns the Config of cluster options, field by field (so a
// zero field still means its default, and Fingerprint.StopN -1 none).
func FromOptions(o cluster.Options) Config {
	return Config{
		N: o.Fingerprint.N, Window: o.Fingerprint.Window, StopN: o.Fingerprint.StopN,
		MaxPostings: o.MaxPostings, MinHits: o.MinHits, MaxCandidates: o.MaxCandidates, MaxWords: o.MaxWords,
		Seed: o.Align.Seed, MaxGap: o.Align.MaxGap, MinWords: o.Align.MinWords, MinSimilarity: o.Align.MinSimilarity, Paraphrase: o.Align.Paraphrase,
		Overlap: o.Overlap, BoilerplateDocs: o.BoilerplateDocs, KeepBoilerplate: o.KeepBoilerplate, MemoryMB: o.MemoryMB,
	}
}

// Options returns the cluster options of c, defaults filled in.
func (c Config) Options() cluster.Options {
	o := cluster.Options{
		Fingerprint: fingerprint.Options{N: c.N, Window: c.Window, StopN: c.StopN},
		MaxPostings: c.MaxPostings, MinHits: c.MinHits, MaxCandidates: c.MaxCandidates, MaxWords: c.MaxWords,
		Align:   align.Options{Seed: c.Seed, MaxGap: c.MaxGap, MinWords: c.MinWords, MinSimilarity: c.MinSimilarity, Paraphrase: c.Paraphrase},
		Overlap: c.Overlap, BoilerplateDocs: c.BoilerplateDocs, KeepBoilerplate: c.KeepBoilerplate, MemoryMB: c.MemoryMB,
		Workers: 1,
	}
	o.EnsureDefaults()
	return o
}

// Validate reports a Config that cannot work.
func (c Config) Validate() error {
	o := c.Options()
	if err := o.Validate(); err != nil {
		return err
	}
	in := ingest.Options{Format: ingest.Format(c.Format), MaxDocBytes: c.MaxDocBytes}
	return in.Validate()
}

// Outputs are the pipeline's results.
type Outputs struct {
	// Rows are the clusters' rows as JSON lines (cluster.Row), unordered.
	Rows beam.PCollection
	// Summary is one JSON document (cluster.Summary), with every bad
	// record, skipped text and duplicate ID counted in Skipped.
	Summary beam.PCollection
}

// Build adds the pipeline over the files matching the patterns to s.
func Build(s beam.Scope, patterns []string, cfg Config) Outputs {
	s = s.Scope("stemma.cluster")
	var matches []beam.PCollection
	for _, p := range patterns {
		matches = append(matches, fileio.MatchFiles(s, p, fileio.MatchEmptyAllowIfWildcard()))
	}
	files := fileio.ReadMatches(s, beam.Flatten(s, matches...), fileio.ReadUncompressed())
	docs, readReport := beam.ParDo2(s, &readFn{Cfg: cfg}, files)

	byID := beam.GroupByKey(s, docs)
	keyed, counts, idReport := beam.ParDo3(s, &pickFn{}, byID)

	byText := beam.GroupByKey(s, keyed)
	texts, grams, dups, textReport := beam.ParDo4(s, &textFn{Cfg: cfg}, byText)

	// The candidate search: every text's grams against every text's
	// postings, as the index's lookup does for one document.
	byGram := beam.GroupByKey(s, grams)
	hits := stats.SumPerKey(s, beam.ParDo(s, &joinFn{Cfg: cfg}, byGram))
	byA := beam.GroupByKey(s, beam.ParDo(s, hitByA, hits))
	requests := beam.ParDo(s, &candidatesFn{Cfg: cfg}, byA)

	// Ship both texts of each pair to one worker, and align.
	withB := beam.ParDo(s, attachB, beam.CoGroupByKey(s, texts, requests))
	passages := beam.ParDo(s, &alignFn{Cfg: cfg}, beam.CoGroupByKey(s, texts, withB))

	// Link on one worker.
	dupKeyed := beam.AddFixedKey(s, dups)
	passKeyed := beam.AddFixedKey(s, passages)
	comps, members, linkStats := beam.ParDo3(s, &linkFn{Cfg: cfg}, beam.CoGroupByKey(s, passKeyed, dupKeyed))

	// Each cluster gets its members' texts, and is built.
	memberTexts := beam.ParDo(s, attachTexts, beam.CoGroupByKey(s, texts, members))
	rows, clusterRows := beam.ParDo2(s, buildFn, beam.CoGroupByKey(s, comps, memberTexts))

	// The summary.
	report := stats.SumPerKey(s, beam.Flatten(s, readReport, idReport, textReport))
	summary := beam.ParDo(s, &summaryFn{Cfg: cfg}, beam.CoGroupByKey(s,
		beam.AddFixedKey(s, clusterRows),
		beam.AddFixedKey(s, beam.ParDo(s, formatCount, stats.SumPerKey(s, counts))),
		beam.AddFixedKey(s, beam.ParDo(s, formatCount, report)),
		beam.AddFixedKey(s, linkStats)))
	return Outputs{Rows: rows, Summary: summary}
}

// Write adds the writing of the outputs: the rows to output, the summary
// (if summary is not "") to summary.
func Write(s beam.Scope, out Outputs, output, summary string) {
	textio.Write(s, output, out.Rows)
	if summary != "" {
		textio.Write(s, summary, out.Summary)
	}
}

func init() {
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(string, []byte), func(string, int), error](&readFn{})
	register.DoFn5x0[string, func(*[]byte) bool, func(string, []byte), func(string, int), func(string, int)](&pickFn{})
	register.DoFn6x1[string, func(*[]byte) bool, func(string, []byte), func(string, []byte), func([]byte), func(string, int), error](&textFn{})
	register.DoFn4x0[context.Context, string, func(*[]byte) bool, func(string, int)](&joinFn{})
	register.Function3x0(hitByA)
	register.DoFn3x1[string, func(*[]byte) bool, func(string, string), error](&candidatesFn{})
	register.Function4x0(attachB)
	register.DoFn4x1[string, func(*[]byte) bool, func(*[]byte) bool, func([]byte), error](&alignFn{})
	register.DoFn6x1[int, func(*[]byte) bool, func(*[]byte) bool, func(int, []byte), func(string, int), func(string), error](&linkFn{})
	register.Function4x0(attachTexts)
	register.Function5x1(buildFn)
	register.DoFn6x1[int, func(*string) bool, func(*string) bool, func(*string) bool, func(*string) bool, func(string), error](&summaryFn{})
	register.Function3x0(formatCount)
	register.Emitter1[[]byte]()
	register.Emitter1[string]()
	register.Emitter2[string, []byte]()
	register.Emitter2[string, int]()
	register.Emitter2[string, string]()
	register.Emitter2[int, []byte]()
	register.Iter1[[]byte]()
	register.Iter1[string]()
	register.Iter1[int]()
}

// textKey is the shuffle key of a text: its ID as 8 big-endian bytes.
func textKey(id cluster.TextID) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	return string(b[:])
}

func keyText(k string) cluster.TextID {
	return cluster.TextID(binary.BigEndian.Uint64([]byte(k)))
}

// Report counts: the reasons of ingest's skips and warnings, and these.
const (
	reportUnreadable = string(ingest.Unreadable)
	reportUndated    = "undated"
)

// readFn reads one file with package ingest.
type readFn struct {
	Cfg Config
}

func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(string, []byte), report func(string, int)) error {
	name := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		report(reportUnreadable, 1)
		return nil
	}
	defer rc.Close()
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{
		Stdin: rc, Format: ingest.Format(f.Cfg.Format), MaxDocBytes: f.Cfg.MaxDocBytes,
		OnSkip: func(s ingest.Skip) { report(string(s.Reason), 1) },
	})
	if err != nil {
		return err
	}
	defer r.Close()
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		d := rec.Doc
		switch {
		case d.ID == "stdin": // a whole file: named by its path
			d.ID = name
		case strings.HasPrefix(d.ID, "stdin:"): // a JSONL line without an ID
			d.ID = path.Base(name) + d.ID[len("stdin"):]
		}
		b, err := json.Marshal(&d)
		if err != nil {
			return err
		}
		emit(d.ID, b)
	}
	for k, v := range r.Summary().Warnings {
		report(k, v)
	}
	return nil
}

// pickFn keeps one document per ID (the one with the smallest text hash,
// then the smallest encoding) and keys it by its text.
type pickFn struct{}

func (pickFn) ProcessElement(id string, docs func(*[]byte) bool, emit func(string, []byte), count func(string, int), report func(string, int)) {
	var best []byte
	var bestID cluster.TextID
	n := 0
	var b []byte
	for docs(&b) {
		var d stemma.Doc
		if json.Unmarshal(b, &d) != nil {
			continue
		}
		tid := cluster.IDOf(d.Text)
		if n == 0 || tid < bestID || tid == bestID && bytes.Compare(b, best) < 0 {
			best, bestID = slices.Clone(b), tid
		}
		n++
	}
	if n == 0 {
		return
	}
	if n > 1 {
		report(cluster.SkipDuplicateID, n-1)
	}
	var d stemma.Doc
	json.Unmarshal(best, &d)
	count("docs\x00"+d.Source, 1)
	count("bytes\x00"+d.Source, len(d.Text))
	if !d.Dated() {
		count(reportUndated, 1)
	}
	emit(textKey(bestID), best)
}

// textRecord is a text, its documents and its info, as shipped between
// steps.
type textRecord struct {
	Text cluster.Text     `json:"text"`
	Info cluster.TextInfo `json:"info"`
}

// textFn makes one text of the documents with one text hash, prepares it,
// and emits its grams.
type textFn struct {
	Cfg Config
	p   *cluster.Preparer
}

func (f *textFn) Setup() {
	o := f.Cfg.Options()
	f.p = cluster.NewPreparer(&o)
}

func (f *textFn) ProcessElement(key string, docs func(*[]byte) bool, emitText func(string, []byte), emitGram func(string, []byte), emitDup func([]byte), report func(string, int)) error {
	byText := map[string][]stemma.Doc{}
	var b []byte
	for docs(&b) {
		var d stemma.Doc
		if err := json.Unmarshal(b, &d); err != nil {
			return fmt.Errorf("stemma-beam: document record: %w", err)
		}
		byText[d.Text] = append(byText[d.Text], d)
	}
	// Different texts with one hash: keep the one whose documents have the
	// smallest ID, as `stemma cluster` does.
	var text string
	var keep []stemma.Doc
	for t, ds := range byText {
		slices.SortFunc(ds, func(a, b stemma.Doc) int { return cmp.Compare(a.ID, b.ID) })
		if keep == nil || ds[0].ID < keep[0].ID {
			text, keep = t, ds
		}
	}
	for t, ds := range byText {
		if t != text {
			report(cluster.SkipCollision, len(ds))
		}
	}
	for i := range keep {
		keep[i].Text = ""
	}
	t := cluster.Text{ID: keyText(key), Text: text, Docs: keep}
	o := f.Cfg.Options()
	prep := f.p.Prepare(t.ID, t.Text)
	switch {
	case len(prep.Tokens) == 0:
		report(cluster.SkipNoWords, len(keep))
		return nil
	case len(prep.Tokens) > o.MaxWords:
		report(cluster.SkipTooLong, len(keep))
		return nil
	}
	rec := textRecord{Text: t, Info: t.Info(len(prep.Tokens))}
	enc, err := json.Marshal(&rec)
	if err != nil {
		return err
	}
	emitText(key, enc)
	if rec.Info.Docs >= 2 {
		emitDup(enc)
	}
	k := 0
	for _, h := range prep.Grams {
		v := make([]byte, 9)
		binary.BigEndian.PutUint64(v, uint64(t.ID))
		for k < len(prep.Postings) && prep.Postings[k] < h {
			k++
		}
		if k < len(prep.Postings) && prep.Postings[k] == h {
			v[8] = 1
		}
		var g [8]byte
		binary.BigEndian.PutUint64(g[:], h)
		emitGram(string(g[:]), v)
	}
	return nil
}

// joinFn pairs, for one n-gram hash, every text that has it with every
// text it is a posting of and a larger TextID, unless too many texts post
// it.
type joinFn struct {
	Cfg Config
}

var commonFingerprints = beam.NewCounter("stemma", "common-fingerprints")

func (f *joinFn) ProcessElement(ctx context.Context, _ string, vals func(*[]byte) bool, emit func(string, int)) {
	var all, posted []cluster.TextID
	var v []byte
	for vals(&v) {
		id := cluster.TextID(binary.BigEndian.Uint64(v))
		all = append(all, id)
		if v[8] == 1 {
			posted = append(posted, id)
		}
	}
	o := f.Cfg.Options()
	if len(posted) > o.MaxPostings || len(all) > o.MaxContaining() {
		commonFingerprints.Inc(ctx, 1)
		return
	}
	for _, a := range all {
		for _, b := range posted {
			if b > a {
				emit(textKey(a)+textKey(b), 1)
			}
		}
	}
}

// hitByA rekeys a pair's hit count by its first text.
func hitByA(pair string, hits int, emit func(string, []byte)) {
	v := make([]byte, 12)
	copy(v, pair[8:16])
	binary.BigEndian.PutUint32(v[8:], uint32(hits))
	emit(pair[:8], v)
}

// candidatesFn applies the candidate rule to one text's hits and asks for
// each candidate's text.
type candidatesFn struct {
	Cfg Config
}

func (f *candidatesFn) ProcessElement(a string, vals func(*[]byte) bool, emit func(string, string)) error {
	var hs []cluster.Hit
	var v []byte
	for vals(&v) {
		hs = append(hs, cluster.Hit{Text: cluster.TextID(binary.BigEndian.Uint64(v)), Hits: int32(binary.BigEndian.Uint32(v[8:]))})
	}
	o := f.Cfg.Options()
	for _, h := range cluster.Candidates(hs, &o) {
		emit(textKey(h.Text), a)
	}
	return nil
}

// attachB sends text B to each text A that asked for it.
func attachB(_ string, texts func(*[]byte) bool, asks func(*string) bool, emit func(string, []byte)) {
	var t []byte
	if !texts(&t) {
		return
	}
	var a string
	for asks(&a) {
		emit(a, t)
	}
}

// alignFn aligns text A with each of its candidates.
type alignFn struct {
	Cfg Config
	p   *cluster.Preparer
	pr  *cluster.Pairer
}

func (f *alignFn) Setup() error {
	o := f.Cfg.Options()
	f.p = cluster.NewPreparer(&o)
	var err error
	f.pr, err = cluster.NewPairer(&o)
	return err
}

func (f *alignFn) ProcessElement(_ string, texts func(*[]byte) bool, bs func(*[]byte) bool, emit func([]byte)) error {
	var ta []byte
	if !texts(&ta) {
		return nil
	}
	var a textRecord
	if err := json.Unmarshal(ta, &a); err != nil {
		return fmt.Errorf("stemma-beam: text record: %w", err)
	}
	pa := f.p.Aligned(a.Text.ID, a.Text.Text)
	var tb []byte
	var out []cluster.PairPassage
	for bs(&tb) {
		var b textRecord
		if err := json.Unmarshal(tb, &b); err != nil {
			return fmt.Errorf("stemma-beam: text record: %w", err)
		}
		pb := f.p.Aligned(b.Text.ID, b.Text.Text)
		out = f.pr.Pair(out[:0], pa, pb, a.Info, b.Info)
		for i := range out {
			enc, err := out[i].MarshalBinary()
			if err != nil {
				return err
			}
			emit(enc)
		}
	}
	return nil
}

// linkFn links every passage into clusters, on one worker.
type linkFn struct {
	Cfg Config
}

func (f *linkFn) ProcessElement(_ int, passages func(*[]byte) bool, dups func(*[]byte) bool, emitComp func(int, []byte), emitMember func(string, int), emitStats func(string)) error {
	o := f.Cfg.Options()
	o.TempDir = os.TempDir()
	l, err := cluster.NewLinker(&o)
	if err != nil {
		return err
	}
	defer l.Close()
	var b []byte
	var p cluster.PairPassage
	for passages(&b) {
		if err := p.UnmarshalBinary(b); err != nil {
			return err
		}
		if err := l.Add(&p); err != nil {
			return err
		}
	}
	for dups(&b) {
		var t textRecord
		if err := json.Unmarshal(b, &t); err != nil {
			return fmt.Errorf("stemma-beam: text record: %w", err)
		}
		l.AddText(t.Text.ID, t.Info)
	}
	label := 0
	err = l.Components(func(c *cluster.Component) error {
		label++
		enc, err := json.Marshal(c)
		if err != nil {
			return err
		}
		emitComp(label, enc)
		for _, t := range c.Texts {
			emitMember(textKey(t), label)
		}
		return nil
	})
	if err != nil {
		return err
	}
	st, err := json.Marshal(l.Stats())
	if err != nil {
		return err
	}
	emitStats(string(st))
	return nil
}

// attachTexts sends a text to every cluster it is in.
func attachTexts(_ string, texts func(*[]byte) bool, labels func(*int) bool, emit func(int, []byte)) {
	var t []byte
	if !texts(&t) {
		return
	}
	var l int
	for labels(&l) {
		emit(l, t)
	}
}

// buildFn builds one cluster and writes its rows, and a summary record:
// the rows without their texts, but the origin's.
func buildFn(_ int, comps func(*[]byte) bool, texts func(*[]byte) bool, emitRow func(string), emitSummary func(string)) error {
	var cb []byte
	if !comps(&cb) {
		return nil
	}
	var c cluster.Component
	if err := json.Unmarshal(cb, &c); err != nil {
		return fmt.Errorf("stemma-beam: component record: %w", err)
	}
	byID := map[cluster.TextID]*cluster.Text{}
	var tb []byte
	for texts(&tb) {
		var t textRecord
		if err := json.Unmarshal(tb, &t); err != nil {
			return fmt.Errorf("stemma-beam: text record: %w", err)
		}
		byID[t.Text.ID] = &t.Text
	}
	lookup := func(id cluster.TextID) (*cluster.Text, error) {
		if t, ok := byID[id]; ok {
			return t, nil
		}
		return nil, fmt.Errorf("%w: text %016x of a cluster was not shipped", cluster.ErrCorrupt, uint64(id))
	}
	cl, err := cluster.Build(&c, lookup)
	if err != nil {
		return err
	}
	rows, err := cl.Rows(lookup)
	if err != nil {
		return err
	}
	for i := range rows {
		line, err := cluster.EncodeRow(&rows[i])
		if err != nil {
			return err
		}
		emitRow(string(line))
		if i > 0 {
			rows[i].Text = ""
		}
	}
	sum, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	emitSummary(string(sum))
	return nil
}

// formatCount turns a count into a "key\x00count" line.
func formatCount(k string, n int, emit func(string)) {
	emit(fmt.Sprintf("%s\x00%d", k, n))
}

// summaryFn sums up the clusters, on one worker.
type summaryFn struct {
	Cfg Config
}

func (f *summaryFn) ProcessElement(_ int, clusters, counts, reports, links func(*string) bool, emit func(string)) error {
	o := f.Cfg.Options()
	sb := cluster.NewSummaryBuilder(os.TempDir(), int64(o.MemoryMB)<<20/4)
	var s string
	var link cluster.LinkStats
	if links(&s) {
		if err := json.Unmarshal([]byte(s), &link); err != nil {
			return err
		}
	}
	docs, bytes := map[string]int{}, map[string]int{}
	undated := 0
	for counts(&s) {
		k, n := parseCount(s)
		switch {
		case strings.HasPrefix(k, "docs\x00"):
			docs[k[5:]] += n
		case strings.HasPrefix(k, "bytes\x00"):
			bytes[k[6:]] += n
		case k == reportUndated:
			undated += n
		}
	}
	for _, src := range slices.Sorted(mapsKeys(docs)) {
		sb.AddOutlet(src, docs[src], int64(bytes[src]))
	}
	sb.AddUndated(undated)
	skipped := map[string]int{}
	for reports(&s) {
		k, n := parseCount(s)
		skipped[k] += n
	}
	for clusters(&s) {
		var rows []cluster.Row
		if err := json.Unmarshal([]byte(s), &rows); err != nil {
			return err
		}
		if err := sb.AddCluster(rows); err != nil {
			return err
		}
	}
	sum, err := sb.Finish(link, skipped)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

func parseCount(s string) (string, int) {
	i := strings.LastIndexByte(s, 0)
	if i < 0 {
		return s, 0
	}
	k, v := s[:i], s[i+1:]
	n := 0
	fmt.Sscan(v, &n)
	return k, n
}

func mapsKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
