package trace_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
)

// TestTraceOtherLanguages traces copies in German and Chinese: the report
// gives the article's and the source's detected language, finds the copied
// passage, and reads the quote with the article's language's table, so a
// word changed inside a Chinese 「」 quote is reported as altered.
func TestTraceOtherLanguages(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 5, d, 9, 0, 0, 0, time.UTC) }
	zhSource := "外交部发言人周三在北京举行的例行记者会上表示，「中方坚决反对任何形式的单边制裁，并将采取必要措施维护自身权益」。" +
		"她说，双方应当通过对话和协商解决分歧，共同维护地区的和平与稳定。会议还讨论了明年的经济合作计划和人员交流安排。"
	zhCopy := strings.Replace(zhSource, "坚决反对", "强烈反对", 1)
	deSource := "Der Minister sagte am Montag in Berlin, dass die Gespräche mit den Gewerkschaften in der nächsten Woche wieder aufgenommen werden. " +
		"Beide Seiten hätten sich auf einen neuen Zeitplan geeinigt, und die Streiks würden bis dahin ausgesetzt, erklärte ein Sprecher des Ministeriums."
	c := newCorpus(t,
		stemma.Doc{ID: "zh-src", Source: "xinhua", Date: day(1), Text: zhSource},
		stemma.Doc{ID: "de-src", Source: "dpa", Date: day(1), Text: deSource},
	)
	for _, tc := range []struct {
		id, text, lang, source string
		altered                bool
	}{
		{"zh-copy", zhCopy, "zh", "zh-src", true},
		{"de-copy", "Berlin. " + deSource, "de", "de-src", false},
	} {
		rep := c.trace(t, stemma.Doc{ID: tc.id, Date: day(2), Text: tc.text})
		if rep.Article.Lang != tc.lang {
			t.Errorf("%s: article language %q, want %q", tc.id, rep.Article.Lang, tc.lang)
		}
		if len(rep.Sources) != 1 || rep.Sources[0].Doc.ID != tc.source || rep.Sources[0].Doc.Lang != tc.lang || rep.Sources[0].Coverage < 0.9 {
			t.Errorf("%s: sources %+v, want %s in %s covering the article", tc.id, rep.Sources, tc.source, tc.lang)
		}
		altered := false
		for _, f := range rep.Quotes {
			altered = altered || f.Kind == stemma.QuoteAltered
		}
		if altered != tc.altered {
			t.Errorf("%s: quote findings %+v, want an altered quote: %v", tc.id, rep.Quotes, tc.altered)
		}
	}
}
