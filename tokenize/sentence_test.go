package tokenize_test

import (
	"slices"
	"testing"

	"github.com/stemmanews/stemma/tokenize"
)

// sentences splits text where tokenize.SentenceBreak breaks it, from the
// first word of each sentence to the last.
func sentences(text string) []string {
	var tz tokenize.Tokenizer
	toks := tz.Tokens(text, nil)
	var out []string
	start := 0
	for k := range toks {
		if k+1 == len(toks) || tokenize.SentenceBreak(text, toks, k) {
			out = append(out, text[toks[start].Start:toks[k].End])
			start = k + 1
		}
	}
	return out
}

func TestSentenceBreak(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"english", `Mr. Smith met John F. Kennedy in the U.S. capital. "It rained," he said! Was it? yes.`,
			[]string{`Mr. Smith met John F. Kennedy in the U.S. capital`, `It rained," he said`, `Was it? yes`}},
		{"wrapped lines", "The minister said\nthat talks would go on.\n\nA new paragraph.",
			[]string{"The minister said\nthat talks would go on", "A new paragraph"}},
		{"german", "Die Regierung hat am Montag „neue Regeln“ beschlossen. Sie gelten ab Juli.",
			[]string{"Die Regierung hat am Montag „neue Regeln“ beschlossen", "Sie gelten ab Juli"}},
		// Chinese and Japanese put no space between sentences.
		{"chinese", "中国政府周三宣布新计划。该计划将于明年实施！会议在北京举行？是的。",
			[]string{"中国政府周三宣布新计划", "该计划将于明年实施", "会议在北京举行", "是的"}},
		{"japanese closing bracket", "首相は「賛成だ。」と述べた。会見は東京で行われた。",
			[]string{"首相は「賛成だ", "と述べた", "会見は東京で行われた"}},
		{"japanese decimal", "成長率は３．５％だった。", []string{"成長率は３．５％だった"}},
		{"hindi danda", "सरकार ने योजना की घोषणा की। यह अगले साल लागू होगी।",
			[]string{"सरकार ने योजना की घोषणा की", "यह अगले साल लागू होगी"}},
		{"arabic question", "هل ستنجح الخطة؟ قال الوزير إنها ستنجح.",
			[]string{"هل ستنجح الخطة", "قال الوزير إنها ستنجح"}},
		{"danda without space", "की।यह", []string{"की।यह"}},
	} {
		if got := sentences(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
