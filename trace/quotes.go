package trace

import (
	"fmt"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// quotes compares the article's quotes with its witnesses' (see
// [quote.Check]) and adds the findings to the report. Witness texts come
// from texts, by document id, as the trace read them to align them; a
// witness not there is read back from the index.
func (t *Tracer) quotes(rep *stemma.Report, text string, texts map[string]string) error {
	fs, err := quote.Check(rep, text, func(id string) (string, error) {
		if s, ok := texts[id]; ok {
			return s, nil
		}
		d, err := t.ix.DocByID(id)
		return d.Text, err
	})
	if err != nil {
		return fmt.Errorf("trace: checking quotes: %w", err)
	}
	rep.Quotes = fs
	return nil
}
