package ingest_test

import (
	"fmt"
	"strings"

	"github.com/stemmanews/stemma/ingest"
)

func Example() {
	wire := `{"id":"ap-1","series":"ap","date":"1990-01-02","title":"Storm","text":"A storm hit the coast."}
{"id":"ap-2","text":""}
{"source":"reuters","date":"sometime in 1990","text":"Markets fell."}
`
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{
		Stdin:  strings.NewReader(wire),
		OnSkip: func(s ingest.Skip) { fmt.Println("skipped:", s) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		d := rec.Doc
		fmt.Printf("%s (line %d): source %q, dated %v: %s\n", d.ID, rec.Line, d.Source, d.Dated(), d.Text)
	}
	fmt.Println(r.Summary())
	// Output:
	// ap-1 (line 1): source "ap", dated true: A storm hit the coast.
	// skipped: stdin line 2: empty: no text
	// stdin:3 (line 3): source "reuters", dated false: Markets fell.
	// 2 documents (0.0 MB), 1 skipped (1 empty), 1 bad-date
}
