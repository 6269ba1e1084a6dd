package ingest_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma/ingest"
)

// skipAt is the part of a Skip a user reads: where and why.
type skipAt struct {
	File   string
	Line   int
	Reason ingest.SkipReason
}

// readAll reads every document of paths.
func readAll(t testing.TB, paths []string, opts ingest.Options) ([]ingest.Record, ingest.Summary) {
	t.Helper()
	r, err := ingest.NewReader(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	var recs []ingest.Record
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		recs = append(recs, rec)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	return recs, r.Summary()
}

func idsOf(recs []ingest.Record) []string {
	ids := []string{}
	for _, rec := range recs {
		ids = append(ids, rec.Doc.ID)
	}
	return ids
}

func skipsOf(sum ingest.Summary) []skipAt {
	skips := []skipAt{}
	for _, s := range sum.Skips {
		skips = append(skips, skipAt{s.File, s.Line, s.Reason})
	}
	return skips
}

// writeFiles writes files, named by slash paths, under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gzipped(t testing.TB, s string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// jsonl joins lines into a JSONL file.
func jsonl(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestSkipReasons(t *testing.T) {
	many := make([]string, 0, 400)
	for i := range 400 {
		many = append(many, fmt.Sprintf(`{"id":"m%03d","text":"wire copy number %d"}`, i, i))
	}
	manyGz := gzipped(t, jsonl(many...))
	tests := []struct {
		name      string
		files     map[string]string
		paths     []string
		opts      ingest.Options
		wantIDs   []string
		wantSkips []skipAt
	}{{
		name: "malformed json",
		files: map[string]string{"corpus.jsonl": jsonl(
			`{"id":"a","text":"first story"}`,
			`{"id":"b","text":x}`,
			`{"id":"c","text":"third story"}`,
			`{"id":"d","text":"unterminated`,
			`{"id":"e","text":5}`,
			`["id","f"]`,
			`null`,
			`{"id":{"x":1},"text":"object id"}`,
			`{"id":"g","text":"last story"} trailing`,
			`{"id":"h","text":"kept"}`,
		)},
		paths:   []string{"corpus.jsonl"},
		wantIDs: []string{"a", "c", "h"},
		wantSkips: []skipAt{
			{"corpus.jsonl", 2, ingest.Malformed},
			{"corpus.jsonl", 4, ingest.Malformed},
			{"corpus.jsonl", 5, ingest.Malformed},
			{"corpus.jsonl", 6, ingest.Malformed},
			{"corpus.jsonl", 7, ingest.Malformed},
			{"corpus.jsonl", 8, ingest.Malformed},
			{"corpus.jsonl", 9, ingest.Malformed},
		},
	}, {
		name: "invalid utf-8 in a jsonl line",
		files: map[string]string{"corpus.jsonl": jsonl(
			`{"id":"a","text":"café"}`,
			"{\"id\":\"b\",\"text\":\"caf\xe9 au lait\"}",
			"{\"id\":\"c\xff\",\"text\":\"bad byte in the id\"}",
			`{"id":"d","text":"escaped \ud800 surrogate is decoded, not raw"}`,
		)},
		paths:   []string{"corpus.jsonl"},
		wantIDs: []string{"a", "d"},
		wantSkips: []skipAt{
			{"corpus.jsonl", 2, ingest.InvalidUTF8},
			{"corpus.jsonl", 3, ingest.InvalidUTF8},
		},
	}, {
		name: "empty text",
		files: map[string]string{"corpus.jsonl": jsonl(
			`{"id":"a","text":"story"}`,
			`{"id":"b"}`,
			`{"id":"c","text":""}`,
			`{"id":"d","text":" \n\t "}`,
			`{"id":"e","text":null}`,
			`{"id":"f","text":"\u00a0x"}`,
		)},
		paths:   []string{"corpus.jsonl"},
		wantIDs: []string{"a", "f"},
		wantSkips: []skipAt{
			{"corpus.jsonl", 2, ingest.Empty},
			{"corpus.jsonl", 3, ingest.Empty},
			{"corpus.jsonl", 4, ingest.Empty},
			{"corpus.jsonl", 5, ingest.Empty},
		},
	}, {
		name: "text longer than MaxDocBytes",
		files: map[string]string{"corpus.jsonl": jsonl(
			`{"id":"a","text":"0123456789"}`,
			`{"id":"b","text":"0123456789X"}`,
			`{"id":"c","text":"\n\n\n\n\n\n\n\n\n\n\n"}`,
			`{"id":"d","text":"ten bytes!"}`,
		)},
		paths:     []string{"corpus.jsonl"},
		opts:      ingest.Options{MaxDocBytes: 10},
		wantIDs:   []string{"a", "d"},
		wantSkips: []skipAt{{"corpus.jsonl", 2, ingest.TooLarge}, {"corpus.jsonl", 3, ingest.TooLarge}},
	}, {
		name: "line longer than MaxDocBytes + 64 KiB",
		files: map[string]string{"corpus.jsonl": jsonl(
			`{"id":"a","text":"before"}`,
			`{"id":"b","title":"`+strings.Repeat("t", 64<<10+100)+`","text":"short text, long line"}`,
			`{"id":"c","title":"`+strings.Repeat("t", 60<<10)+`","text":"long line within the slack"}`,
			`{"id":"d","text":"after"}`,
		)},
		paths:     []string{"corpus.jsonl"},
		opts:      ingest.Options{MaxDocBytes: 100},
		wantIDs:   []string{"a", "c", "d"},
		wantSkips: []skipAt{{"corpus.jsonl", 2, ingest.TooLarge}},
	}, {
		name: "missing file",
		files: map[string]string{
			"a.jsonl": jsonl(`{"id":"a","text":"story"}`),
			"b.txt":   "Headline\n\nBody.\n",
		},
		paths:     []string{"a.jsonl", "missing.jsonl", "b.txt"},
		wantIDs:   []string{"a", "b.txt"},
		wantSkips: []skipAt{{"missing.jsonl", 0, ingest.Unreadable}},
	}, {
		name: "text files",
		files: map[string]string{
			"good.txt":   "Headline\n\nBody.\n",
			"latin1.txt": "Caf\xe9 society\n",
			"blank.txt":  " \n\r\n\t\n",
			"empty.txt":  "",
			"big.txt":    strings.Repeat("word ", 30),
		},
		paths:   []string{"good.txt", "latin1.txt", "blank.txt", "empty.txt", "big.txt"},
		opts:    ingest.Options{MaxDocBytes: 100},
		wantIDs: []string{"good.txt"},
		wantSkips: []skipAt{
			{"latin1.txt", 0, ingest.InvalidUTF8},
			{"blank.txt", 0, ingest.Empty},
			{"empty.txt", 0, ingest.Empty},
			{"big.txt", 0, ingest.TooLarge},
		},
	}, {
		name: "gzip'd text file too large",
		files: map[string]string{
			"big.txt.gz": gzipped(t, strings.Repeat("word ", 30)),
			"ok.txt.gz":  gzipped(t, "Short story.\n"),
		},
		paths:     []string{"big.txt.gz", "ok.txt.gz"},
		opts:      ingest.Options{MaxDocBytes: 100},
		wantIDs:   []string{"ok.txt.gz"},
		wantSkips: []skipAt{{"big.txt.gz", 0, ingest.TooLarge}},
	}, {
		name: "truncated gzip",
		files: map[string]string{
			"cut.jsonl.gz": manyGz[:len(manyGz)/2],
			"next.jsonl":   jsonl(`{"id":"next","text":"read after the bad file"}`),
		},
		paths: []string{"cut.jsonl.gz", "next.jsonl"},
		// Checked below: a prefix of m000..m399, then "next".
	}, {
		name: "corrupt gzip header",
		files: map[string]string{
			"bad.gz":     "\x1f\x8bnot really gzip",
			"next.jsonl": jsonl(`{"id":"next","text":"read after the bad file"}`),
		},
		paths:     []string{"bad.gz", "next.jsonl"},
		wantIDs:   []string{"next"},
		wantSkips: []skipAt{{"bad.gz", 0, ingest.Unreadable}},
	}, {
		name: "gzip checksum mismatch",
		files: map[string]string{
			"crc.jsonl.gz": flipCRC(gzipped(t, jsonl(`{"id":"a","text":"one"}`, `{"id":"b","text":"two"}`))),
		},
		paths:     []string{"crc.jsonl.gz"},
		wantIDs:   []string{"a", "b"},
		wantSkips: []skipAt{{"crc.jsonl.gz", 3, ingest.Unreadable}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			t.Chdir(dir)
			recs, sum := readAll(t, tt.paths, tt.opts)
			if tt.name == "truncated gzip" {
				checkTruncated(t, recs, sum)
				return
			}
			if got := idsOf(recs); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("IDs = %q, want %q", got, tt.wantIDs)
			}
			if got := skipsOf(sum); !slices.Equal(got, tt.wantSkips) {
				t.Errorf("skips = %v, want %v", got, tt.wantSkips)
			}
			if sum.Docs != len(tt.wantIDs) || sum.SkippedTotal() != len(tt.wantSkips) {
				t.Errorf("summary counts %d docs and %d skips, want %d and %d", sum.Docs, sum.SkippedTotal(), len(tt.wantIDs), len(tt.wantSkips))
			}
			for _, s := range sum.Skips {
				if s.Err == nil {
					t.Errorf("%v: no detail in Err", s)
				}
			}
		})
	}
}

// checkTruncated checks that a truncated gzip file gave a prefix of its
// documents and then one Unreadable skip at the line it reached.
func checkTruncated(t *testing.T, recs []ingest.Record, sum ingest.Summary) {
	t.Helper()
	ids := idsOf(recs)
	if len(ids) < 2 || ids[len(ids)-1] != "next" {
		t.Fatalf("IDs = %q, want m000, m001, ... then next", ids)
	}
	k := len(ids) - 1
	if k == 0 || k >= 400 {
		t.Fatalf("read %d documents before the cut, want some but not all 400", k)
	}
	for i, id := range ids[:k] {
		if want := fmt.Sprintf("m%03d", i); id != want {
			t.Fatalf("document %d is %s, want %s", i, id, want)
		}
	}
	want := []skipAt{{"cut.jsonl.gz", k + 1, ingest.Unreadable}}
	if got := skipsOf(sum); !slices.Equal(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
	if err := sum.Skips[0].Err; !strings.Contains(err.Error(), "unexpected EOF") {
		t.Errorf("Err = %v, want it to say unexpected EOF", err)
	}
}

// flipCRC corrupts the CRC-32 in a gzip file's trailer.
func flipCRC(s string) string {
	b := []byte(s)
	b[len(b)-8] ^= 0xff
	return string(b)
}

func TestMissingFileError(t *testing.T) {
	_, sum := readAll(t, []string{filepath.Join(t.TempDir(), "nope.jsonl")}, ingest.Options{})
	if len(sum.Skips) != 1 {
		t.Fatalf("skips = %v, want one", sum.Skips)
	}
	s := sum.Skips[0]
	var pe *fs.PathError
	if !errors.As(s, &pe) || !errors.Is(s, fs.ErrNotExist) {
		t.Errorf("skip %v does not wrap an *fs.PathError for a missing file", s)
	}
}

func TestJSONLLines(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		// Blank lines, CRLF, spaces around the object, a UTF-8 byte order
		// mark, and a last line with no newline.
		"wire.jsonl": "\uFEFF{\"id\":\"a\",\"text\":\"one\"}\r\n" +
			"\r\n" +
			"   \n" +
			"  {\"text\":\"no id\"}  \r\n" +
			"\n" +
			"{\"id\":\"c\",\"text\":\"last, no newline\"}",
	})
	t.Chdir(dir)
	recs, sum := readAll(t, []string{"wire.jsonl"}, ingest.Options{})
	type got struct {
		ID   string
		Line int
		Text string
	}
	want := []got{{"a", 1, "one"}, {"wire.jsonl:4", 4, "no id"}, {"c", 6, "last, no newline"}}
	var have []got
	for _, rec := range recs {
		have = append(have, got{rec.Doc.ID, rec.Line, rec.Doc.Text})
		if rec.File != "wire.jsonl" {
			t.Errorf("File = %q, want wire.jsonl", rec.File)
		}
	}
	if !slices.Equal(have, want) {
		t.Errorf("documents = %v, want %v", have, want)
	}
	if sum.SkippedTotal() != 0 {
		t.Errorf("skips = %v, want none: blank lines are not records", sum.Skips)
	}
	if sum.Bytes != int64(len("one")+len("no id")+len("last, no newline")) {
		t.Errorf("Bytes = %d", sum.Bytes)
	}
}

func TestPassimFields(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"passim.jsonl": jsonl(
			`{"id":"a","series":"nyt","date":"1990-01-02","text":"x y"}`,
			`{"id":"b","series":"nyt","source":"ap","text":"source wins over series"}`,
			`{"id":17,"source":null,"title":"T","url":"https://example.com/17","date":null,"text":"numeric id","pages":[1,2],"extra":{"x":null}}`,
		),
	})
	recs, sum := readAll(t, []string{filepath.Join(dir, "passim.jsonl")}, ingest.Options{})
	if len(recs) != 3 {
		t.Fatalf("got %d documents, want 3; skips: %v", len(recs), sum.Skips)
	}
	a := recs[0].Doc
	if a.ID != "a" || a.Source != "nyt" || a.Text != "x y" || !a.Date.Equal(time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("passim record = %+v", a)
	}
	if b := recs[1].Doc; b.Source != "ap" {
		t.Errorf("source and series both given: Source = %q, want ap", b.Source)
	}
	c := recs[2].Doc
	if c.ID != "17" || c.Source != "" || c.Title != "T" || c.URL != "https://example.com/17" || c.Dated() {
		t.Errorf("record with nulls and unknown fields = %+v", c)
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		date    string // JSON value
		want    time.Time
		bad     bool
		dayOnly bool
	}{
		{`"1987-02-26T15:01:01Z"`, time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC), false, false},
		{`"1987-02-26T17:01:01+02:00"`, time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC), false, false},
		{`"1987-02-26T15:01:01.25Z"`, time.Date(1987, 2, 26, 15, 1, 1, 250e6, time.UTC), false, false},
		{`"1987-02-26T15:01:01"`, time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC), false, false},
		{`"1990-01-02"`, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), false, true},
		{`" 1990-01-02 "`, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), false, true},
		{`"1990\u002d01-02"`, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), false, true},
		{`"1990-01-02T00:00:00Z"`, time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), false, false},
		{`""`, time.Time{}, false, false},
		{`null`, time.Time{}, false, false},
		{`"yesterday"`, time.Time{}, true, false},
		{`"02/01/1990"`, time.Time{}, true, false},
		{`"1990-13-45"`, time.Time{}, true, false},
		{`"1990-01-02 10:00"`, time.Time{}, true, false},
		{`19900102`, time.Time{}, true, false},
		{`{"y":1990}`, time.Time{}, true, false},
		{`["1990-01-02"]`, time.Time{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			in := `{"id":"a","date":` + tt.date + `,"text":"story"}`
			recs, sum := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)})
			if len(recs) != 1 {
				t.Fatalf("got %d documents, want the document kept; skips: %v", len(recs), sum.Skips)
			}
			if got := recs[0].Doc.Date; !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Date = %v, want %v", got, tt.want)
			}
			if got := recs[0].Doc.DayOnly; got != tt.dayOnly {
				t.Errorf("DayOnly = %v, want %v", got, tt.dayOnly)
			}
			if got := sum.Warnings[ingest.WarnBadDate]; got != map[bool]int{true: 1}[tt.bad] {
				t.Errorf("bad-date warnings = %d, want bad=%v", got, tt.bad)
			}
		})
	}
}

func TestTextFile(t *testing.T) {
	long := strings.Repeat("x", 201)
	tests := []struct {
		name, content, title string
	}{
		{"story.txt", "\n  \r\n  Storm hits coast  \r\nWinds of 100 mph.\r\n", "Storm hits coast"},
		{"notitle.txt", long + "\nSecond line.\n", ""},
		{"exact.txt", strings.Repeat("y", 200) + "\n", strings.Repeat("y", 200)},
		{"nonewline.txt", "Just one line", "Just one line"},
	}
	dir := t.TempDir()
	var paths []string
	for _, tt := range tests {
		writeFiles(t, dir, map[string]string{tt.name: tt.content})
		paths = append(paths, filepath.Join(dir, tt.name))
	}
	recs, sum := readAll(t, paths, ingest.Options{})
	if len(recs) != len(tests) {
		t.Fatalf("got %d documents, want %d; skips: %v", len(recs), len(tests), sum.Skips)
	}
	for i, tt := range tests {
		d := recs[i].Doc
		if d.ID != paths[i] || recs[i].File != paths[i] || recs[i].Line != 0 {
			t.Errorf("%s: ID %q, File %q, Line %d; want the path as given and line 0", tt.name, d.ID, recs[i].File, recs[i].Line)
		}
		if d.Text != tt.content {
			t.Errorf("%s: Text = %q, want the file byte for byte", tt.name, d.Text)
		}
		if d.Title != tt.title {
			t.Errorf("%s: Title = %q, want %q", tt.name, d.Title, tt.title)
		}
		if d.Source != "" || d.Dated() {
			t.Errorf("%s: Source %q, Date %v; want none", tt.name, d.Source, d.Date)
		}
	}
}

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"corpus/b.txt":            "Bee story\n",
		"corpus/a.txt":            "Ay story\n",
		"corpus/a/z.jsonl":        jsonl(`{"id":"z1","text":"one"}`, `{"text":"two"}`),
		"corpus/a/y.txt":          "Nested story\n",
		"corpus/a/.hidden.txt":    "Hidden story\n",
		"corpus/.git/config":      "[core]\n",
		"corpus/.cache/x.jsonl":   jsonl(`{"id":"hidden","text":"hidden"}`),
		"corpus/c.jsonl.gz":       gzipped(t, jsonl(`{"id":"c1","text":"one"}`, `{"id":"c2","text":"two"}`)),
		"corpus/d/e/f/deep.story": "Deep story, no extension\n",
		"corpus/empty/.keep":      "",
	})
	t.Chdir(dir)
	recs, sum := readAll(t, []string{"./corpus/"}, ingest.Options{})
	want := []string{
		"corpus/a/y.txt",
		"z1", "z.jsonl:2", // corpus/a/z.jsonl
		"corpus/a.txt",
		"corpus/b.txt",
		"c1", "c2", // corpus/c.jsonl.gz
		"corpus/d/e/f/deep.story",
	}
	if got := idsOf(recs); !slices.Equal(got, want) {
		t.Errorf("IDs = %q,\nwant %q", got, want)
	}
	if recs[1].File != filepath.Join("corpus", "a", "z.jsonl") {
		t.Errorf("File = %q, want the path joined from the directory", recs[0].File)
	}
	if sum.SkippedTotal() != 0 {
		t.Errorf("skips = %v, want none", sum.Skips)
	}
}

func TestUnreadableSubdirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any directory")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"corpus/a.txt":        "Ay\n",
		"corpus/locked/b.txt": "Bee\n",
		"corpus/z.txt":        "Zed\n",
	})
	locked := filepath.Join(dir, "corpus", "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	t.Chdir(dir)
	recs, sum := readAll(t, []string{"corpus"}, ingest.Options{})
	if got, want := idsOf(recs), []string{"corpus/a.txt", "corpus/z.txt"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	if got, want := skipsOf(sum), []skipAt{{"corpus/locked", 0, ingest.Unreadable}}; !slices.Equal(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
}

func TestStdin(t *testing.T) {
	t.Run("jsonl", func(t *testing.T) {
		in := jsonl(`{"text":"no id"}`, `{"id":"b","text":`, `{"id":"c","text":"ok"}`)
		recs, sum := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)})
		if got, want := idsOf(recs), []string{"stdin:1", "c"}; !slices.Equal(got, want) {
			t.Errorf("IDs = %q, want %q", got, want)
		}
		if got, want := skipsOf(sum), []skipAt{{"stdin", 2, ingest.Malformed}}; !slices.Equal(got, want) {
			t.Errorf("skips = %v, want %v", got, want)
		}
	})
	t.Run("gzip'd text", func(t *testing.T) {
		in := gzipped(t, "Headline\nBody.\n")
		recs, _ := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)})
		if len(recs) != 1 || recs[0].Doc.ID != "stdin" || recs[0].File != "stdin" || recs[0].Doc.Text != "Headline\nBody.\n" {
			t.Errorf("records = %+v, want one text document named stdin", recs)
		}
	})
}

func TestFormat(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"wire.jsonl":   jsonl(`{"id":"a","text":"one"}`, `{"id":"b","text":"two"}`),
		"indented.txt": "\n\n   \t{\"id\":\"a\",\"text\":\"detected by content\"}\n",
		"story.jsonl":  "Plain text, whatever the extension says.\n",
	})
	t.Chdir(dir)
	tests := []struct {
		format    ingest.Format
		paths     []string
		wantIDs   []string
		wantSkips []skipAt
	}{
		{"", []string{"wire.jsonl", "indented.txt", "story.jsonl"}, []string{"a", "b", "a", "story.jsonl"}, []skipAt{}},
		{ingest.FormatAuto, []string{"indented.txt"}, []string{"a"}, []skipAt{}},
		{ingest.FormatText, []string{"wire.jsonl"}, []string{"wire.jsonl"}, []skipAt{}},
		{ingest.FormatJSONL, []string{"story.jsonl"}, []string{}, []skipAt{{"story.jsonl", 1, ingest.Malformed}}},
	}
	for _, tt := range tests {
		recs, sum := readAll(t, tt.paths, ingest.Options{Format: tt.format})
		if got := idsOf(recs); !slices.Equal(got, tt.wantIDs) {
			t.Errorf("format %q: IDs = %q, want %q", tt.format, got, tt.wantIDs)
		}
		if got := skipsOf(sum); !slices.Equal(got, tt.wantSkips) {
			t.Errorf("format %q: skips = %v, want %v", tt.format, got, tt.wantSkips)
		}
	}
}

func TestFormatFlag(t *testing.T) {
	var f ingest.Format
	if f.String() != "auto" {
		t.Errorf("zero Format = %q, want auto", f.String())
	}
	if err := f.Set("jsonl"); err != nil || f != ingest.FormatJSONL {
		t.Errorf("Set(jsonl) = %v, Format %q", err, f)
	}
	if err := f.Set("pdf"); !errors.Is(err, ingest.ErrOptions) || f != ingest.FormatJSONL {
		t.Errorf("Set(pdf) = %v, Format %q; want ErrOptions and no change", err, f)
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		opts ingest.Options
		ok   bool
	}{
		{ingest.Options{}, true},
		{ingest.Options{Format: ingest.FormatText, MaxDocBytes: 1, MaxSkips: 1}, true},
		{ingest.Options{Format: "pdf"}, false},
		{ingest.Options{Format: ingest.FormatWARC, MaxPageBytes: 1}, true},
		{ingest.Options{MaxPageBytes: -1}, false},
		{ingest.Options{MaxDocBytes: -1}, false},
		{ingest.Options{MaxSkips: -1}, false},
	}
	for _, tt := range tests {
		err := tt.opts.Validate()
		if (err == nil) != tt.ok || err != nil && !errors.Is(err, ingest.ErrOptions) {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tt.opts, err, tt.ok)
		}
		if _, err2 := ingest.NewReader([]string{"-"}, tt.opts); (err2 == nil) != tt.ok {
			t.Errorf("NewReader with %+v: %v, want ok=%v", tt.opts, err2, tt.ok)
		}
	}
	if _, err := ingest.NewReader(nil, ingest.Options{}); !errors.Is(err, ingest.ErrNoInput) {
		t.Errorf("NewReader(nil) = %v, want ErrNoInput", err)
	}
	o := (&ingest.Options{}).EnsureDefaults()
	if o.Format != ingest.FormatAuto || o.MaxDocBytes != 8<<20 || o.MaxSkips != 100 || o.Stdin != os.Stdin {
		t.Errorf("EnsureDefaults = %+v", o)
	}
}

func TestMaxSkipsAndOnSkip(t *testing.T) {
	in := jsonl(`{"id":"a","text":"one"}`, `x1`, `x2`, `x3`, `{"id":"b","text":"two"}`, `x4`, `x5`)
	var seen []int
	recs, sum := readAll(t, []string{"-"}, ingest.Options{
		Stdin:    strings.NewReader(in),
		MaxSkips: 2,
		OnSkip:   func(s ingest.Skip) { seen = append(seen, s.Line) },
	})
	if got, want := idsOf(recs), []string{"a", "b"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	if !slices.Equal(seen, []int{2, 3, 4, 6, 7}) {
		t.Errorf("OnSkip saw lines %v, want 2 3 4 6 7", seen)
	}
	if sum.Skipped[ingest.Malformed] != 5 || sum.SkippedTotal() != 5 || len(sum.Skips) != 2 {
		t.Errorf("summary kept %d skips and counted %v, want 2 kept and 5 counted", len(sum.Skips), sum.Skipped)
	}
}

func TestSkipError(t *testing.T) {
	tests := []struct {
		skip ingest.Skip
		want string
	}{
		{ingest.Skip{File: "corpus.jsonl", Line: 17, Reason: ingest.Malformed, Err: errors.New("invalid character 'x'")},
			"corpus.jsonl line 17: malformed-json: invalid character 'x'"},
		{ingest.Skip{File: "story.txt", Reason: ingest.Empty}, "story.txt: empty"},
	}
	for _, tt := range tests {
		if got := tt.skip.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	// The messages the reader writes itself.
	in := "{\"id\":\"a\",\"text\":\"caf\xe9\"}\n{\"id\":\"b\",\"text\":x}\n{\"id\":\"c\"}\n"
	_, sum := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)})
	var got []string
	for _, s := range sum.Skips {
		got = append(got, s.Error())
	}
	want := []string{
		"stdin line 1: invalid-utf8: byte 0xe9 at offset 21",
		"stdin line 2: malformed-json: invalid character 'x' at start of value within \"/text\" after offset 17",
		"stdin line 3: empty: no text",
	}
	if !slices.Equal(got, want) {
		t.Errorf("messages =\n%q\nwant\n%q", got, want)
	}
}

func TestSummaryString(t *testing.T) {
	in := jsonl(`{"id":"a","date":"soon","text":"one"}`, `x`, `{"id":"c"}`, `{"id":"d","text":"four"}`)
	_, sum := readAll(t, []string{"-"}, ingest.Options{Stdin: strings.NewReader(in)})
	want := "2 documents (0.0 MB), 2 skipped (1 empty, 1 malformed-json), 1 bad-date"
	if got := sum.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// The summary is a copy.
	sum.Skipped[ingest.Empty] = 100
}

func TestClose(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": jsonl(`{"id":"a","text":"one"}`, `{"id":"b","text":"two"}`)})
	p := filepath.Join(dir, "a.jsonl")
	r, err := ingest.NewReader([]string{p, p}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rec, ok := r.Next(); !ok || rec.Doc.ID != "a" {
		t.Fatalf("Next = %v, %v", rec, ok)
	}
	sum := r.Summary()
	sum.Skipped[ingest.Empty] = 100
	if r.Summary().Skipped[ingest.Empty] != 0 {
		t.Error("changing a Summary changed the Reader's counts")
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	if rec, ok := r.Next(); ok {
		t.Errorf("Next after Close = %v, want false", rec)
	}
}

func TestDirectorySymlinks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"elsewhere/story.txt":  "Linked story\n",
		"elsewhere/more/x.txt": "Not reached\n",
		"corpus/a.txt":         "Ay\n",
	})
	t.Chdir(dir)
	for _, link := range []struct{ target, name string }{
		{"../elsewhere/story.txt", "corpus/b-file.txt"},
		{"../elsewhere/more", "corpus/c-dir"},
		{"../elsewhere/gone.txt", "corpus/d-dangling.txt"},
	} {
		if err := os.Symlink(link.target, link.name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	recs, sum := readAll(t, []string{"corpus"}, ingest.Options{})
	if got, want := idsOf(recs), []string{"corpus/a.txt", "corpus/b-file.txt"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q (links to files followed, to directories not)", got, want)
	}
	if got, want := skipsOf(sum), []skipAt{{"corpus/d-dangling.txt", 0, ingest.Unreadable}}; !slices.Equal(got, want) {
		t.Errorf("skips = %v, want %v", got, want)
	}
}
