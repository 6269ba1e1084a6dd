package bench

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
	"github.com/stemmanews/stemma/trace"
)

// TranslatedSpeakerRow measures the speaker check across languages in one
// language: NTREX-128's translations, faithful, are traced against the
// English articles, and every speaker finding there is false; then, in a
// copy of each translation, the first quote attributed to a name at its
// cue is given another speaker (speakerSwap), and the check should report
// speaker-changed on it.
type TranslatedSpeakerRow struct {
	Lang     string `json:"lang"`
	Half     string `json:"half"` // of NTREX-128's articles (quoteHalf): "tuning" or "held-out"
	Articles int    `json:"articles"`
	// Quotes counts the translations' quotes inside a translated passage,
	// and False the speaker findings on the faithful translations.
	Quotes int `json:"quotes"`
	False  int `json:"false"`
	// Swapped counts the copies with a speaker swapped, and Found those
	// with a speaker-changed finding on the swapped quote.
	Swapped int     `json:"swapped"`
	Found   int     `json:"found"`
	Recall  float64 `json:"recall"`
	// FalseFigures counts the quote-altered findings on the faithful
	// translations; Refigured the copies with a figure of a quote changed
	// (its first digit moved up by one: "40" to "50"), and FiguresFound
	// those with a quote-altered finding on that quote.
	FalseFigures  int     `json:"false_figures"`
	Refigured     int     `json:"refigured"`
	FiguresFound  int     `json:"figures_found"`
	FiguresRecall float64 `json:"figures_recall"`
}

// speakerSwap is the name a swapped copy gives the speaker, per script.
var speakerSwap = map[string]string{"ru": "Мартин Келлер", "": "Martin Keller"}

// translatedSpeakers measures the speaker check on NTREX-128's whole
// translations into the languages with a quote table (quoteLangs), traced
// by tr against the index of the translated suite, a row for each half of
// the articles.
func translatedSpeakers(ctx context.Context, tr *trace.Tracer, root string, ids []string) ([]TranslatedSpeakerRow, error) {
	var rows []TranslatedSpeakerRow
	for _, l := range quoteLangs {
		for _, half := range []string{"tuning", "held-out"} {
			row, err := speakerRow(ctx, tr, root, ids, l, half == "held-out")
			if err != nil {
				return nil, err
			}
			row.Half = half
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// speakerRow measures language l on one half of NTREX-128's articles.
func speakerRow(ctx context.Context, tr *trace.Tracer, root string, ids []string, l [2]string, heldOut bool) (TranslatedSpeakerRow, error) {
	arts, err := readParallel(filepath.Join(root, "ntrex"), "eng.txt", l[1]+".txt", ids, func(int) bool { return true })
	if err != nil {
		return TranslatedSpeakerRow{}, err
	}
	f, err := quote.New(quote.Options{Language: l[0]})
	if err != nil {
		return TranslatedSpeakerRow{}, err
	}
	swap := speakerSwap[l[0]]
	if swap == "" {
		swap = speakerSwap[""]
	}
	row := TranslatedSpeakerRow{Lang: l[0]}
	for _, a := range arts {
		if quoteHalf(a.id) != heldOut {
			continue
		}
		text, _ := stemma.JoinParagraphs(a.forn)
		row.Articles++
		rep, err := tr.Trace(ctx, stemma.Doc{Text: text, Lang: l[0]})
		if err != nil {
			return row, err
		}
		qs := f.Find(text)
		for _, q := range qs {
			if inTranslated(rep, q.Text) {
				row.Quotes++
			}
		}
		row.False += speakerFindings(rep, "")
		row.FalseFigures += findings(rep, "", stemma.QuoteAltered)
		for _, q := range qs {
			d := strings.IndexFunc(text[q.Text.Start:q.Text.End], unicode.IsDigit)
			if d < 0 || !inTranslated(rep, q.Text) {
				continue
			}
			at := q.Text.Start + d
			copied := text[:at] + string('1'+(text[at]-'0')%9) + text[at+1:]
			crep, err := tr.Trace(ctx, stemma.Doc{Text: copied, Lang: l[0]})
			if err != nil {
				return row, err
			}
			row.Refigured++
			if findings(crep, copied[q.Text.Start:q.Text.End], stemma.QuoteAltered) > 0 {
				row.FiguresFound++
			}
			break
		}
		for _, q := range qs {
			named := quote.SameName(q.Name, q.Name) // a name, not a role
			if q.Attribution != stemma.Named || q.Speaker.Len() == 0 || !named || !inTranslated(rep, q.Text) {
				continue
			}
			copied := text[:q.Speaker.Start] + swap + text[q.Speaker.End:]
			crep, err := tr.Trace(ctx, stemma.Doc{Text: copied, Lang: l[0]})
			if err != nil {
				return row, err
			}
			row.Swapped++
			if speakerFindings(crep, text[q.Text.Start:q.Text.End]) > 0 {
				row.Found++
			}
			break
		}
	}
	row.Recall = ratio(row.Found, row.Swapped)
	row.FiguresRecall = ratio(row.FiguresFound, row.Refigured)
	return row, nil
}

// inTranslated reports whether a translated witness covers span.
func inTranslated(rep *stemma.Report, span stemma.Span) bool {
	for _, p := range rep.Passages {
		for _, w := range p.Witnesses {
			if w.Class == stemma.Translated && w.Article.Overlap(span) > 0 {
				return true
			}
		}
	}
	return false
}

// speakerFindings counts the speaker findings of rep, on the quote with
// text quoted only when it is not "".
func speakerFindings(rep *stemma.Report, quoted string) int {
	return findings(rep, quoted, stemma.SpeakerChanged, stemma.SpeakerLost)
}

// findings counts the findings of rep of the kinds given, on the quote
// with text quoted only when it is not "".
func findings(rep *stemma.Report, quoted string, kinds ...stemma.QuoteProblem) int {
	n := 0
	for _, fd := range rep.Quotes {
		if !slices.Contains(kinds, fd.Kind) {
			continue
		}
		if quoted == "" || strings.TrimSpace(fd.Text) == strings.TrimSpace(quoted) {
			n++
		}
	}
	return n
}
