package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
)

// FuzzJSONL feeds arbitrary bytes to a Reader, as a file and as stdin, in
// auto and JSONL formats, with the default buffers and with tiny ones that
// send every line through the long-line path. It checks that nothing
// panics, that every document returned is good, and that the summary adds
// up.
func FuzzJSONL(f *testing.F) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "input")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		type run struct {
			path   string
			format Format
			tiny   bool
		}
		for _, run := range []run{
			{path, FormatAuto, false},
			{path, FormatJSONL, true},
			{"-", FormatAuto, true},
		} {
			opts := Options{Format: run.format, MaxSkips: 3, Stdin: bytes.NewReader(data)}
			if run.tiny {
				opts.MaxDocBytes = 64
			}
			r, err := NewReader([]string{run.path}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if run.tiny {
				r.bufSize = 16
				r.lineLimit = opts.MaxDocBytes + 32
			}
			max := r.opts.MaxDocBytes
			docs, total := 0, int64(0)
			for rec, ok := r.Next(); ok; rec, ok = r.Next() {
				text := rec.Doc.Text
				switch {
				case !utf8.ValidString(text):
					t.Fatalf("%+v: returned invalid UTF-8 text %q", run, text)
				case strings.TrimSpace(text) == "":
					t.Fatalf("%+v: returned empty text %q", run, text)
				case len(text) > max:
					t.Fatalf("%+v: returned %d bytes of text, over the limit of %d", run, len(text), max)
				case rec.Doc.ID == "":
					t.Fatalf("%+v: returned a document without an ID", run)
				case !utf8.ValidString(rec.Doc.ID + rec.Doc.Title + rec.Doc.Source + rec.Doc.URL):
					t.Fatalf("%+v: returned invalid UTF-8 metadata %+v", run, rec.Doc)
				}
				docs++
				total += int64(len(text))
			}
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			sum := r.Summary()
			if sum.Docs != docs || sum.Bytes != total {
				t.Fatalf("%+v: summary counts %d docs of %d bytes, Next returned %d of %d", run, sum.Docs, sum.Bytes, docs, total)
			}
			if len(sum.Skips) != min(3, sum.SkippedTotal()) {
				t.Fatalf("%+v: summary keeps %d skips of %d, want min(3, %d)", run, len(sum.Skips), sum.SkippedTotal(), sum.SkippedTotal())
			}
			for _, s := range sum.Skips {
				if s.File == "" || s.Reason == "" {
					t.Fatalf("%+v: skip without a file or reason: %v", run, s)
				}
			}
		}
	})
}

// FuzzJSONDecoders checks that a JSONL line decodes as encoding/json
// decodes it: into the same record, or into an error from both.
func FuzzJSONDecoders(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","source":"wire","date":"1987-02-26","title":"T","url":"u","text":"Some text."}`,
		`{"ID":7,"Text":"x\ud800y","series":"s","date":null,"extra":[1,{"a":2}]}`,
		`{"id":"a","id":"b","text":"last wins"}`,
		`{"id":"a","text":1}`,
		`{"id":"a","text":"x"} trailing`,
		`{"text":"\u00e9\n\t\"","date":"2020-01-02T03:04:05Z"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !utf8.Valid(line) { // decode rejects it before either decoder
			return
		}
		var v1, v2 jsonRecord
		err1 := json.Unmarshal(line, &v1)
		err2 := jsonv2.Unmarshal(line, &v2, jsonOptions)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("%q: encoding/json says %v, the decoder says %v", line, err1, err2)
		}
		if err1 == nil && !reflect.DeepEqual(v1, v2) {
			t.Fatalf("%q: encoding/json decodes %+v, the decoder %+v", line, v1, v2)
		}
	})
}
