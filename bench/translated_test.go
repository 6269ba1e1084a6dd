package bench

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestTranslated traces FLORES-200's Wikinews articles (the split no
// threshold was set on) in German and in Russian against the English
// originals, and the English originals against the translations: in each
// direction and language, most sentences must be found as translations
// of the right sentence of the right article, and nearly all reported
// ones right. The floors are a little under the figures of
// docs/benchmarks.md (recall 0.85 to 0.94, precision 0.98 to 1.00).
func TestTranslated(t *testing.T) {
	skipUnderRace(t)
	if testing.Short() {
		t.Skip("indexes Reuters-21578 and traces 400 articles")
	}
	dir := testdata.Extra(t, ParallelDir)
	res, err := translatedSuite(context.Background(), Options{Data: testdata.Dir(t), Extra: filepath.Dir(dir), Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Missing != "" {
		t.Fatalf("corpus missing at %s", res.Missing)
	}
	for _, rows := range []struct {
		direction string
		rows      []TranslatedRow
	}{{"into the language", res.Rows}, {"from the language", res.Reverse}} {
		if len(rows.rows) != len(quickTranslatedLangs) {
			t.Fatalf("%s: %d rows, want %d", rows.direction, len(rows.rows), len(quickTranslatedLangs))
		}
		for _, r := range rows.rows {
			t.Logf("%s, %s: %d articles, %d sentences, recall %.3f, precision %.3f (baseline %.3f)", rows.direction, r.Lang, r.Articles, r.Sentences, r.Recall, r.Precision, r.Baseline)
			if r.Articles != 100 || r.Recall < 0.80 || r.Precision < 0.95 {
				t.Errorf("%s, %s: %d articles, recall %.3f, precision %.3f; want 100 articles, recall at least 0.80 at precision 0.95", rows.direction, r.Lang, r.Articles, r.Recall, r.Precision)
			}
		}
	}
}
