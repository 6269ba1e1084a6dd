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
		// Acknowledgements come in input order: the last ID is the
		// COUNT-th document of the input.
		p, known := pos[id]
		if !known || p != count-1 || p <= acked {
			t.Fatalf("after %d acknowledgements up to %q, got %q: want the COUNT-th input ID, later than the last", acks, ids[max(acked, 0)], line)
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
	m := regexp.MustCompile(`^ok: (\d+) documents, (\d+) ids, \d+ postings, \d+ text bytes\n$`).FindSubmatch(chk)
	if m == nil {
		t.Fatalf("stemma check after the crash printed %q", chk)
	}
	checked, _ := strconv.Atoi(string(m[1]))

	// Every acknowledged document is there, and nothing else but the
	// documents that follow it in the input: batches commit whole and in
	// input order, and document numbers follow commit order.
	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	survived := int(ix.Counts().Docs)
	if survived != checked {
		t.Errorf("index counts %d documents, stemma check %d", survived, checked)
	}
	if survived < acked+1 || survived >= len(ids) {
		t.Errorf("after the crash the index holds %d documents; want at least the %d acknowledged and fewer than the %d of the input", survived, acked+1, len(ids))
	}
	got := indexedIDs(t, ix)
	if i := firstDifference(got, ids[:survived]); i >= 0 {
		t.Fatalf("after the crash, indexed document %d is %s, want %s, the next in the input (%d documents indexed, %d acknowledged)",
			i, at(got, i), at(ids, i), len(got), acked+1)
	}
	for _, id := range []string{ids[0], ids[acked]} {
		if _, err := ix.Num(id); err != nil {
			t.Errorf("acknowledged document %s: %v", id, err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %v: %d acknowledgements, %d documents acknowledged, %d committed, of %d",
		killedAfter.Round(time.Millisecond), acks, acked+1, survived, len(ids))

	// The same ingest, run again, adds exactly what is missing.
	start = time.Now()
	again, err := exec.Command(bin, "index", "--db", db, input).CombinedOutput()
	if err != nil {
		t.Fatalf("stemma index again: %v\n%s", err, again)
	}
	want := fmt.Sprintf(`^indexed %d documents .*; %d already indexed; 0 skipped\n$`, len(ids)-survived, survived)
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
	if n := ix.Counts().Docs; n != int64(len(ids)) {
		t.Errorf("index holds %d documents, want the %d of the input", n, len(ids))
	}
	t0 = time.Now()
	res, err := ix.Check(false)
	if err != nil {
		t.Fatalf("check: %v (problems: %q)", err, res.Problems)
	}
	if res.Docs != int64(len(ids)) || res.IDs != int64(len(ids)) {
		t.Errorf("check found %d documents and %d IDs, want %d of each", res.Docs, res.IDs, len(ids))
	}
	// Check has verified that ID records and documents point at each other,
	// so the documents' IDs, read in one pass, show that every ID maps to one
	// document. (A lookup per ID costs half a minute under the race
	// detector; a sample is looked up as a user would.)
	got = indexedIDs(t, ix)
	seen := make(map[string]int, len(got))
	for _, id := range got {
		seen[id]++
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Fatalf("document %s is indexed %d times, want once", id, seen[id])
		}
	}
	if i := firstDifference(got, ids); i >= 0 {
		t.Errorf("indexed document %d is %s, want %s: the documents are not in input order", i, at(got, i), at(ids, i))
	}
	nums := map[uint32]string{}
	for i := 0; i < len(ids); i += 997 {
		for _, id := range []string{ids[i], ids[min(i+acked, len(ids)-1)]} {
			num, err := ix.Num(id)
			if err != nil {
				t.Fatalf("document %s: %v", id, err)
			}
			if other, dup := nums[num]; dup && other != id {
				t.Fatalf("documents %s and %s are both number %d", other, id, num)
			}
			nums[num] = id
		}
	}
	t.Logf("verified in %v", time.Since(t0).Round(time.Millisecond))
}

// indexedIDs returns the IDs of the documents in ix, in document number
// order.
func indexedIDs(t *testing.T, ix *index.Index) []string {
	t.Helper()
	var ids []string
	err := ix.Each(func(num uint32, d stemma.Doc) bool {
		ids = append(ids, d.ID)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// firstDifference returns the first index where a and b differ, or -1 if
// they are equal.
func firstDifference(a, b []string) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(nothing)"
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
// ID~k, and returns the IDs in input order.
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
	type story struct {
		ID     string `json:"id,omitempty"`
		Source string `json:"source"`
		Date   string `json:"date,omitempty"`
		Title  string `json:"title,omitempty"`
		Text   string `json:"text"`
	}
	// Each story is encoded once, without its ID, which is spliced in
	// front of the other fields for each copy.
	var storyIDs []string
	var bodies [][]byte
	dec := json.NewDecoder(zr)
	for {
		var s story
		if err := dec.Decode(&s); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("reading %s: %v", src, err)
		}
		if s.ID == "" {
			t.Fatalf("reading %s: story %d has no ID", src, len(storyIDs)+1)
		}
		storyIDs = append(storyIDs, s.ID)
		s.ID = ""
		body, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, body[1:]) // without its "{"
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	ids := make([]string, 0, copies*len(storyIDs))
	for k := range copies {
		for i, id := range storyIDs {
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
			w.Write(bodies[i])
			w.WriteByte('\n')
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
