// Package lang tells the language of a text from the tokens stemma already
// made of it, cheaply enough to run on every document it indexes.
//
// The script of the words decides first: Hangul is Korean, Han with kana
// is Japanese and Han alone Chinese, and Thai, Greek, Hebrew, Devanagari
// (Hindi) and Arabic script each name one language here. Among the
// languages written in Latin or Cyrillic letters, the function words
// decide: each language has a short list of its most frequent ones, and
// the language whose words are most of the text's wins, by a margin
// (Grefenstette, "Comparing two language identification schemes", JADT
// 1995: short frequent words identify a language from a sentence or two).
//
// A trigram model such as github.com/RadhiFadlillah/whatlanggo (which
// stemma's benchmarks use as the reference) costs about 0.4 ms for a
// kilobyte of text, ten times what indexing spends on a whole article;
// [Detect] reads at most [maxTokens] tokens and costs a few microseconds.
// It agrees with whatlanggo on the languages it knows (see the tests).
//
// Usage:
//
//	toks := tokenize.Tokens(text)
//	code := lang.Detect(text, toks) // "de", "zh", or "" when unsure
package lang

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma/tokenize"
)

// maxTokens is how many tokens from the start of a text Detect reads.
const maxTokens = 400

// Detection needs at least minHits function words of the winner, and
// its count must exceed the runner-up's by margin (as a ratio).
const (
	minHits = 3
	margin  = 1.25
)

// functionWords are the frequent short words of each language written in
// Latin or Cyrillic letters, lower case. A word of several languages
// counts for each of them; the words only one has decide.
var functionWords = map[string]string{
	"en": `the of and to in is that for it with as was on are be by this have from at which but not they his he she
		were has had their been would will said who an or its`,
	"de": `der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er
		hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur
		bis mehr durch man`,
	"fr": `le la les de des et en du un une est que qui dans pour pas sur au par plus ne se il elle sont avec ce
		cette ont été aux leur mais ou nous vous son sa ses`,
	"es": `el la los las de del y en que un una es por para con no se su sus al lo como más pero fue ha han este
		esta entre sobre también ya muy sin desde`,
	"pt": `o a os as de do da dos das e em no na nos nas que um uma é para com não se por mais foi ao pela pelo
		são como mas também seu sua ou`,
	"it": `il lo la i gli le di del della dei delle e è in che un una per con non si da al alla sono anche come più
		ma ha nel nella questo questa`,
	"nl": `de het een en van in is dat op te zijn met voor niet aan er die ook als bij door maar om wordt dan nog
		werd heeft uit naar`,
	"pl": `i w na z że się nie do to jest jak o co ale za od po przez tak już są był była może oraz także dla które
		który która tym jego`,
	"sv": `och i att det som en på är av för med till den har de inte om ett var men från sig vid kan så också
		eller efter`,
	"da": `og i at det som en på er af for med til den har de ikke om et var men fra sig ved kan så også eller efter
		hun han blev være`,
	"nb": `og i at det som en på er av for med til den har de ikke om et var men fra seg ved kan så også eller
		etter hun han ble være`,
	"fi": `ja on ei se että oli ovat tai kun myös mutta hän kuin sen joka jo vain tämä ole olla mukaan`,
	"cs": `a v se na je že s z do to jako by o k ve pro ale i jsou jeho které který která tak po od byl bylo`,
	"ro": `și în de la a cu un o care nu pe din este să au mai se ce pentru fost sau dar`,
	"hu": `a az és hogy nem is egy meg de van volt már csak ki el mint még ez azt`,
	"tr": `ve bir bu da de için ile olarak çok daha ne gibi en o ama değil olan sonra kadar var`,
	"id": `yang dan di ke dari ini itu dengan untuk tidak dalam akan pada adalah juga ada oleh karena atau`,
	"ru": `и в не на что с по как это он она они к из у за от о так но был была было же только уже для`,
	"uk": `і в не на що з по як це він вона вони до із у за від про та але був була було вже для також`,
	"bg": `и в не на че с по като това той тя те да за от се са е бил беше ще`,
	"sr": `и у не на да је се са за од које који као али што су био`,
}

// codes are the languages of functionWords, in a fixed order: a word's
// entry in table is a bit set over them.
var codes []string

// table maps a function word's term hash to the languages it belongs to.
var table wordTable

// wordTable is a map from term hash to a set of languages, with linear
// probing over many more slots than words, so that a lookup, made for
// every token read, reads one or two slots (a Go map made Detect 1.4
// times as slow).
type wordTable struct {
	keys [4096]uint64 // 0: empty (no word's term hash is 0)
	sets [4096]uint32
}

func (t *wordTable) add(h uint64, set uint32) {
	i := h % uint64(len(t.keys))
	for t.keys[i] != 0 && t.keys[i] != h {
		i = (i + 1) % uint64(len(t.keys))
	}
	t.keys[i] = h
	t.sets[i] |= set
}

func (t *wordTable) get(h uint64) uint32 {
	for i := h % uint64(len(t.keys)); ; i = (i + 1) % uint64(len(t.keys)) {
		switch t.keys[i] {
		case h:
			return t.sets[i]
		case 0:
			return 0
		}
	}
}

func init() {
	for c := range functionWords {
		codes = append(codes, c)
	}
	// A fixed order, so that ties break the same way every run.
	slices.Sort(codes)
	if len(codes) > 32 {
		panic("lang: more languages of function words than a table entry's 32 bits")
	}
	for i, c := range codes {
		for _, w := range strings.Fields(functionWords[c]) {
			if h, ok := tokenize.Term(w); ok && h != 0 {
				table.add(h, 1<<i)
			}
		}
	}
}

// script classes of a token's first letter.
const (
	latin = iota
	cyrillic
	han
	kana
	hangul
	thai
	greek
	hebrew
	arabic
	devanagari
	other
	nScripts
)

// byScript names the language of each script that has one here.
var byScript = [nScripts]string{han: "zh", kana: "ja", hangul: "ko", thai: "th", greek: "el", hebrew: "he", arabic: "ar", devanagari: "hi"}

// scripts are the Unicode scripts Detect tells apart, and their class.
var scripts = []struct {
	table *unicode.RangeTable
	class int
}{
	{unicode.Cyrillic, cyrillic}, {unicode.Hiragana, kana}, {unicode.Katakana, kana}, {unicode.Han, han},
	{unicode.Hangul, hangul}, {unicode.Thai, thai}, {unicode.Greek, greek}, {unicode.Hebrew, hebrew},
	{unicode.Arabic, arabic}, {unicode.Devanagari, devanagari}, {unicode.Latin, latin},
}

func scriptOf(r rune) int {
	if r < 0x250 { // ASCII and Latin-1 to Latin Extended-B, punctuation and all
		return latin
	}
	for _, sc := range scripts {
		if unicode.Is(sc.table, r) {
			return sc.class
		}
	}
	return other
}

// Detect returns the ISO 639-1 code of the language of text, whose tokens
// are toks ([tokenize.Tokenizer.Tokens]), or "" when it cannot tell: too
// few words, a script it does not know, or no clear winner among the
// languages of the text's script. It reads at most the first maxTokens
// tokens.
func Detect(text string, toks []tokenize.Token) string {
	toks = toks[:min(len(toks), maxTokens)]
	var counts [nScripts]int
	var hits [32]int
	for _, t := range toks {
		if t.Start < 0 || int(t.End) > len(text) || t.Start >= t.End {
			continue
		}
		s := latin
		if c := text[t.Start]; c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
			s = scriptOf(r)
		}
		counts[s]++
		if s != latin && s != cyrillic {
			continue
		}
		for set, i := table.get(t.Term), 0; set != 0; set, i = set>>1, i+1 {
			if set&1 != 0 {
				hits[i]++
			}
		}
	}
	top := latin
	for s := range counts {
		if counts[s] > counts[top] {
			top = s
		}
	}
	if counts[top] < minHits {
		return ""
	}
	switch top {
	case latin, cyrillic:
	case han:
		// Japanese writes its grammar in kana between the Han words.
		if 10*counts[kana] >= counts[han] {
			return "ja"
		}
		return "zh"
	default:
		return byScript[top]
	}
	best, second := -1, 0
	for i := range codes {
		if best < 0 || hits[i] > hits[best] {
			if best >= 0 {
				second = hits[best]
			}
			best = i
		} else if hits[i] > second {
			second = hits[i]
		}
	}
	if best < 0 || hits[best] < minHits || float64(hits[best]) < margin*float64(second) {
		return ""
	}
	return codes[best]
}

// Codes returns every code Detect may return, sorted.
func Codes() []string {
	out := slices.Clone(codes)
	for _, c := range byScript {
		if c != "" {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// names are the English names of the languages Detect returns.
var names = map[string]string{
	"ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
	"en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
	"hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
	"nb": "Norwegian Bokmål", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
	"ru": "Russian", "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
	"zh": "Chinese",
}

// Name returns the English name of a language code that Detect returns,
// or of the primary subtag of a BCP 47 tag ("de-AT"), and otherwise the
// code itself: a document's language may come from its page, in any form.
func Name(code string) string {
	if n, ok := names[Primary(code)]; ok {
		return n
	}
	return code
}

// IsTag reports whether s has the shape of a language tag a user may give
// for a document: a primary language subtag of two or three letters (an
// ISO 639 code), then subtags of up to eight letters or digits, joined by
// hyphens ("fr", "pt-BR", "zh-Hant-TW"). It does not ask whether the
// language exists.
func IsTag(s string) bool {
	for i, sub := range strings.Split(s, "-") {
		n := len(sub)
		if i == 0 && (n < 2 || n > 3) || n < 1 || n > 8 {
			return false
		}
		for j := 0; j < n; j++ {
			c := sub[j] | 0x20 // lower case
			if !('a' <= c && c <= 'z' || i > 0 && '0' <= sub[j] && sub[j] <= '9') {
				return false
			}
		}
	}
	return true
}

// Primary returns the primary language subtag of a BCP 47 tag, lower case:
// "de" for "de-AT", "DE" or "de".
func Primary(tag string) string {
	primary, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(primary)
}

// IsFunctionWord reports whether word is one of the frequent function
// words Detect counts for a language ("der", "und" for "de"): the words a
// synonym spinner leaves alone. It is false for a language Detect tells
// by its script.
func IsFunctionWord(code, word string) bool {
	i := slices.Index(codes, Primary(code))
	if i < 0 {
		return false
	}
	h, ok := tokenize.Term(word)
	return ok && table.get(h)&(1<<i) != 0
}

// FunctionWords returns the function words Detect counts for a language,
// or none for a language it tells by its script.
func FunctionWords(code string) []string { return strings.Fields(functionWords[Primary(code)]) }
