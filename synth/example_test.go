package synth_test

import (
	"fmt"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/synth"
)

func Example() {
	sources := []stemma.Doc{{
		ID:   "reuters-1",
		Date: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC),
		Text: "Russia and the U.S. held an international\n    meeting in New York on Monday.",
	}}
	g, err := synth.New(sources, synth.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	c := g.Spin(g.Excerpt(0), 1) // swap every candidate
	fmt.Println(c.Kind)
	for _, s := range c.Substitutions {
		// Both spans slice the swapped words exactly.
		fmt.Printf("%s %q → %q\n", s.Kind, sources[0].Text[s.Source.Start:s.Source.End], c.Doc.Text[s.Copy.Start:s.Copy.End])
	}
	// Output:
	// excerpt+spun
	// entity "Russia" → "Russian Federation"
	// entity "U.S." → "America"
	// synonym "international" → "outside"
	// synonym "meeting" → "encounter"
	// entity "New York" → "N.Y."
}
