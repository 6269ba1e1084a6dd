package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/testdata"
)

// crashCopies is how many times TestCrashDuringIngest repeats Reuters-21578
// (19,043 stories, 15.8 MB of text), each copy under new IDs. The ingest is
// killed after its second acknowledgement, about 8 MB of text (two 4 MiB
// batches) into the input. Four copies leave more than 50 MB, a dozen
// batches, still to go: over a second even at 40,000 documents a second,
// far more than the moment between reading an acknowledgement and the kill.
// On a 2-core machine the whole ingest takes about 10 s.
const crashCopies = 4

// TestCrashDuringIngest kills a real `stemma index` process mid-ingest and
// checks the promise of --acks: every acknowledged document survives, the
// index passes check, and running the same ingest again completes it with
// every document exactly once.
//
// A document is either stored or, if its text is byte-identical to a
// stored one's, recorded as a duplicate of it; either way its ID resolves
// with [index.Index.Num]. The test finds the stored documents in one pass
// with [index.Index.Each] and looks up only the rest, because a lookup per
// ID would cost half a minute under the race detector.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds stemma and ingests 76,000 documents twice")
	}
	reuters := testdata.Path(t, "reuters-21578.jsonl.gz")
	dir := t.TempDir()
	t0 := time.Now()
	bin := buildStemma(t, dir)
	t.Logf("built stemma in %v", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	input := filepath.Join(dir, "input.jsonl")
	ids := writeRepeatedCorpus(t, reuters, input, crashCopies)
	t.Logf("wrote %d documents in %v", len(ids), time.Since(t0).Round(time.Millisecond))
	pos := make(map[string]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	db := filepath.Join(dir, "db")

	// Ingest, and kill the process once it has acknowledged two batches.
	cmd := exec.Command(bin, "index", "--acks", "--db", db, input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waited := false
	t.Cleanup(func() {
		if !waited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	acks := 0
	acked := -1 // position in ids of the last acknowledged document
	var summary string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		count, id, ok := parseAck(line)
		if !ok {
			summary = line
			continue
		}
		// Acknowledgements come in input order, and COUNT counts the
		// input documents acknowledged so far, so the last ID is the
		// COUNT-th document of the input.
		p, known := pos[id]
		if !known || p <= acked {
			t.Fatalf("after %d acknowledgements up to input document %d, got %q: want a later input ID", acks, acked+1, line)
		}
		if count != p+1 {
			t.Errorf("%q: %s is input document %d, so COUNT should be %d", line, id, p+1, p+1)
		}
		acks, acked = acks+1, p
		if acks == 2 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatalf("killing stemma index: %v", err)
			}
		}
		// Acknowledgements already in the pipe when the kill lands are
		// read too: they were printed after their commit was durable.
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	waited = true
	killedAfter := time.Since(start)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || !ee.Sys().(syscall.WaitStatus).Signaled() || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("stemma index was not killed mid-ingest (wait: %v; %d acknowledgements; summary %q; stderr %s).\n"+
			"It finished before the kill landed: make the input larger (crashCopies = %d).", err, acks, summary, &stderr, crashCopies)
	}
	if acks < 2 {
		t.Fatalf("stemma index printed %d acknowledgements before it died, want at least 2; stderr:\n%s", acks, &stderr)
	}
	if summary != "" {
		t.Errorf("killed stemma index printed its summary %q", summary)
	}

	// The index passes check, run as a user would.
	chk, err := exec.Command(bin, "check", "--db", db).CombinedOutput()
	if err != nil {
		t.Fatalf("stemma check after the crash: %v\n%s", err, chk)
	}
	m := regexp.MustCompile(`^ok: (\d+) documents, (\d+) ids, `).FindSubmatch(chk)
	if m == nil {
		t.Fatalf("stemma check after the crash printed %q", chk)
	}
	checkedIDs, _ := strconv.Atoi(string(m[2]))

	// Every acknowledged document is there, and the documents there are the
	// first of the input: batches commit whole and in input order.
	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	stored := storedIDs(t, ix)
	survived := 0 // the length of the prefix of the input found in the index
	for _, id := range ids {
		if _, ok := stored[id]; !ok {
			if _, err := ix.Num(id); errors.Is(err, index.ErrNotFound) {
				break
			} else if err != nil {
				t.Fatalf("document %s: %v", id, err)
			}
		}
		survived++
	}
	if survived < acked+1 {
		t.Fatalf("document %d of the input (%s) is lost, but %d were acknowledged", survived+1, ids[survived], acked+1)
	}
	if survived == len(ids) {
		t.Fatalf("the killed ingest indexed all %d documents", len(ids))
	}
	if survived != checkedIDs {
		t.Errorf("stemma check counted %d ids, but the first %d documents of the input are indexed", checkedIDs, survived)
	}
	for _, id := range ids[survived:] {
		if _, ok := stored[id]; ok {
			t.Fatalf("document %d of the input (%s) is indexed after a gap: document %d (%s) is not", pos[id]+1, id, survived+1, ids[survived])
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %v: %d acknowledgements, %d documents acknowledged, %d committed, of %d",
		killedAfter.Round(time.Millisecond), acks, acked+1, survived, len(ids))

	// The same ingest, run again, adds what is missing and leaves the rest.
	start = time.Now()
	again, err := exec.Command(bin, "index", "--db", db, input).CombinedOutput()
	if err != nil {
		t.Fatalf("stemma index again: %v\n%s", err, again)
	}
	want := fmt.Sprintf(`(?m)^indexed [1-9]\d* documents .*; %d already indexed; 0 skipped`, survived)
	if !regexp.MustCompile(want).Match(again) {
		t.Errorf("stemma index again printed %q, want a match for %s", again, want)
	}
	t.Logf("ingest again: %v", time.Since(start).Round(time.Millisecond))

	// Every input document is there exactly once.
	ix, err = index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	t0 = time.Now()
	res, err := ix.Check(false)
	if err != nil {
		t.Fatalf("check: %v (problems: %q)", err, res.Problems)
	}
	if res.IDs != int64(len(ids)) {
		t.Errorf("check found %d IDs, want the %d of the input", res.IDs, len(ids))
	}
	// The term counts cover every stored document once: those of the
	// killed commit went with it.
	if res.CountedDocs != res.Docs || res.CountedWords != ix.CountedWords() {
		t.Errorf("term counts cover %d documents (%d words), the index stores %d (counts %d words)", res.CountedDocs, res.CountedWords, res.Docs, ix.CountedWords())
	}
	stored = storedIDs(t, ix)
	nums := make(map[uint32]string, len(ids))
	for id, num := range stored {
		if _, ok := pos[id]; !ok {
			t.Errorf("document %d has ID %q, which is not in the input", num, id)
		}
		nums[num] = id
	}
	for _, id := range ids {
		num, ok := stored[id]
		if !ok {
			n, err := ix.Num(id) // a duplicate of a stored document
			if err != nil {
				t.Fatalf("document %d of the input (%s): %v", pos[id]+1, id, err)
			}
			if other, dup := nums[n]; dup {
				t.Fatalf("documents %s and %s are both number %d", other, id, n)
			}
			num = n
			nums[num] = id
		}
		if n := ix.Counts().Next; num == 0 || num >= n {
			t.Errorf("document %s is number %d, outside [1, %d)", id, num, n)
		}
	}
	if len(nums) != len(ids) {
		t.Errorf("the %d input documents have %d numbers", len(ids), len(nums))
	}
	// Stored documents are numbered in input order.
	last := uint32(0)
	for _, id := range ids {
		if num, ok := stored[id]; ok {
			if num <= last {
				t.Fatalf("document %s is number %d, after an earlier input document numbered %d", id, num, last)
			}
			last = num
		}
	}
	t.Logf("verified in %v: %d documents stored, %d recorded as duplicates", time.Since(t0).Round(time.Millisecond), len(stored), len(ids)-len(stored))
}

// storedIDs returns the document number of each document stored in ix
// with its text, by ID.
func storedIDs(t *testing.T, ix *index.Index) map[string]uint32 {
	t.Helper()
	ids := map[string]uint32{}
	err := ix.Each(func(num uint32, d stemma.Doc) bool {
		if other, dup := ids[d.ID]; dup {
			t.Errorf("ID %s is stored twice, as documents %d and %d", d.ID, other, num)
		}
		ids[d.ID] = num
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// ackLine is what index --acks prints after each durable commit.
var ackLine = regexp.MustCompile(`^acknowledged (\d+) (\S+)$`)

func parseAck(line string) (count int, lastID string, ok bool) {
	m := ackLine.FindStringSubmatch(line)
	if m == nil {
		return 0, "", false
	}
	n, err := strconv.Atoi(m[1])
	return n, m[2], err == nil
}

// buildStemma builds the stemma command into dir, without the race
// detector, which would slow the ingest tenfold, and returns its path.
func buildStemma(t *testing.T, dir string) string {
	t.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build stemma: %v", err)
	}
	bin := filepath.Join(dir, "stemma")
	if out, err := exec.Command(gocmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeRepeatedCorpus writes copies copies of the gzip'd JSONL corpus at src
// to dst as JSONL, the first copy under the original IDs and copy k under
// ID~k, and returns the IDs in input order. Copy k's texts end with a line
// of their own, so that each copy is stored, fingerprinted and posted in
// full rather than recorded as duplicates of the first.
func writeRepeatedCorpus(t *testing.T, src, dst string, copies int) []string {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	type meta struct {
		Source string `json:"source"`
		Date   string `json:"date,omitempty"`
		Title  string `json:"title,omitempty"`
	}
	type story struct {
		ID string `json:"id"`
		meta
		Text string `json:"text"`
	}
	// Each story is encoded once, but for its ID and the end of its text,
	// which are spliced in for each copy.
	type encoded struct {
		id   string
		meta []byte // `"source":…,"title":…`, the JSON object without its braces
		text []byte // the text as a JSON string without its closing quote
	}
	var stories []encoded
	dec := json.NewDecoder(zr)
	for {
		var s story
		if err := dec.Decode(&s); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("reading %s: %v", src, err)
		}
		if s.ID == "" {
			t.Fatalf("reading %s: story %d has no ID", src, len(stories)+1)
		}
		m, err := json.Marshal(s.meta)
		if err != nil {
			t.Fatal(err)
		}
		text, err := json.Marshal(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		stories = append(stories, encoded{id: s.ID, meta: m[1 : len(m)-1], text: text[:len(text)-1]})
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	ids := make([]string, 0, copies*len(stories))
	for k := range copies {
		for _, s := range stories {
			id := s.id
			if k > 0 {
				id += "~" + strconv.Itoa(k)
			}
			qid, err := json.Marshal(id)
			if err != nil {
				t.Fatal(err)
			}
			w.WriteString(`{"id":`)
			w.Write(qid)
			w.WriteByte(',')
			w.Write(s.meta)
			w.WriteString(`,"text":`)
			w.Write(s.text)
			if k > 0 {
				fmt.Fprintf(w, `\n\n(Repeat %d of this story.)`, k)
			}
			w.WriteString("\"}\n")
			ids = append(ids, id)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return ids
}
