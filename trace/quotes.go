package trace

import (
	"fmt"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// quotes compares the article's quotes with its witnesses' (see
// [quote.Check]) and adds the findings to the report. Witness texts are
// read back from the index, once per witness whose passages hold a quote.
func (t *Tracer) quotes(rep *stemma.Report, text string) (*stemma.Report, error) {
	fs, err := quote.Check(rep, text, func(id string) (string, error) {
		d, err := t.ix.DocByID(id)
		return d.Text, err
	})
	if err != nil {
		return nil, fmt.Errorf("trace: checking quotes: %w", err)
	}
	rep.Quotes = fs
	return rep, nil
}
