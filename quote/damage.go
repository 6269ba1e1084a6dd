package quote

import (
	"errors"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/tokenize"
)

// DamageKind names a way a copy can distort a quote. [Apply] makes such
// copies from real articles, to measure quote integrity checking.
type DamageKind string

const (
	// Cut keeps the first half of a quote's words.
	Cut DamageKind = "cut"
	// Spin replaces one to three words inside a quote with synonyms.
	Spin DamageKind = "spin"
	// Swap replaces the speaker named at a quote's cue with another person
	// named in the article.
	Swap DamageKind = "swap"
	// Move moves a quote attributed by "he said" or "she said" to just after
	// a sentence about another person.
	Move DamageKind = "move"
)

// DamageKinds lists every kind, in a fixed order.
var DamageKinds = []DamageKind{Cut, Spin, Swap, Move}

// Expect is the finding a damage of this kind should produce.
func (k DamageKind) Expect() stemma.QuoteProblem {
	switch k {
	case Cut:
		return stemma.QuoteCut
	case Spin:
		return stemma.QuoteAltered
	case Swap:
		return stemma.SpeakerChanged
	case Move:
		return stemma.SpeakerLost
	}
	return ""
}

// Damage records what [Apply] did.
type Damage struct {
	Kind DamageKind
	// Quote is the damaged quote's text in the copy.
	Quote stemma.Span
	// Speaker is the speaker's key in the original ("baker"), so that other
	// quotes of the same speaker can be told apart from unrelated ones.
	Speaker string
	// Detail says what changed, for a test log.
	Detail string
}

// ErrNoTarget is returned when a text has no quote the damage applies to.
var ErrNoTarget = errors.New("quote: no quote to damage")

// minDamageWords is the fewest words a damaged quote has.
const minDamageWords = 12

// synonyms are the replacements Spin uses: plain words a spinner swaps.
var synonyms = map[string]string{
	"important": "significant", "big": "large", "very": "extremely", "increase": "rise",
	"good": "fine", "difficult": "hard", "help": "assist", "think": "believe", "want": "wish",
	"problem": "issue", "problems": "issues", "country": "nation", "expect": "anticipate",
	"believe": "think", "people": "persons", "world": "globe", "time": "period", "now": "currently",
	"market": "marketplace", "strong": "robust", "great": "tremendous", "clear": "obvious",
	"new": "fresh", "major": "key", "small": "little", "hope": "trust", "need": "require",
	"economy": "economic system", "able": "capable", "sure": "certain", "made": "created",
	"make": "create", "buy": "purchase", "rates": "charges", "prices": "costs", "growth": "expansion",
	"support": "backing", "agreement": "accord", "policy": "strategy", "happy": "pleased",
	"quickly": "rapidly", "again": "once more", "believed": "thought", "decided": "chose",
	"future": "long run", "begin": "start", "start": "begin", "end": "finish", "way": "manner",
	"trade": "commerce", "good.": "fine.", "deal": "bargain", "year": "twelvemonth", "years": "decades",
}

// Apply returns a copy of text with one quote damaged as kind says, chosen
// with rng, or ErrNoTarget. The copy is otherwise the same text.
func Apply(text string, kind DamageKind, rng *rand.Rand) (string, Damage, error) {
	a := English.analyse(text)
	var cands []int
	for qi, r := range a.regions {
		q := r.q
		if len(q.Parts) > 0 || q.Attribution == stemma.Unattributed || a.names[qi] == "" ||
			len(within(tokenize.Tokens(text), q.Text)) < minDamageWords {
			continue
		}
		cands = append(cands, qi)
	}
	rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	for _, qi := range cands {
		var (
			out string
			d   Damage
			ok  bool
		)
		switch kind {
		case Cut:
			out, d, ok = a.cut(qi)
		case Spin:
			out, d, ok = a.spin(qi, rng)
		case Swap:
			out, d, ok = a.swap(qi, rng)
		case Move:
			out, d, ok = a.move(qi, rng)
		}
		if ok {
			d.Kind = kind
			d.Speaker = a.l.key(a.names[qi])
			return out, d, nil
		}
	}
	return "", Damage{}, ErrNoTarget
}

// cut keeps the first half of the words of quote qi and its final mark.
func (a *analysis) cut(qi int) (string, Damage, bool) {
	q := a.regions[qi].q
	toks := within(tokenize.Tokens(a.text), q.Text)
	keep := len(toks) / 2
	from, to := int(toks[keep-1].End), int(toks[len(toks)-1].End)
	out := a.text[:from] + a.text[to:]
	d := Damage{Quote: stemma.Span{Start: q.Text.Start, End: q.Text.End - (to - from)}, Detail: "cut " + clean(a.text[from:to])}
	return out, d, true
}

// spin replaces one to three words of quote qi with synonyms.
func (a *analysis) spin(qi int, rng *rand.Rand) (string, Damage, bool) {
	q := a.regions[qi].q
	toks := within(tokenize.Tokens(a.text), q.Text)
	var idx []int
	for i, t := range toks {
		if _, ok := synonyms[strings.ToLower(a.text[t.Start:t.End])]; ok {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return "", Damage{}, false
	}
	rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	idx = idx[:min(len(idx), 1+rng.IntN(3))]
	var sb strings.Builder
	pos, shift := 0, 0
	var detail []string
	for _, i := range sortedInts(idx) {
		t := toks[i]
		w := a.text[t.Start:t.End]
		s := synonyms[strings.ToLower(w)]
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		sb.WriteString(a.text[pos:t.Start])
		sb.WriteString(s)
		pos = int(t.End)
		shift += len(s) - len(w)
		detail = append(detail, w+"→"+s)
	}
	sb.WriteString(a.text[pos:])
	d := Damage{Quote: stemma.Span{Start: q.Text.Start, End: q.Text.End + shift}, Detail: "spun " + strings.Join(detail, ", ")}
	return sb.String(), d, true
}

func sortedInts(xs []int) []int {
	out := append([]int(nil), xs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// swap replaces the speaker named at quote qi's cue with another person
// the article names.
func (a *analysis) swap(qi int, rng *rand.Rand) (string, Damage, bool) {
	q := a.regions[qi].q
	if q.Attribution != stemma.Named || !isCap(a.lastWord(a.text[q.Speaker.Start:q.Speaker.End])) {
		return "", Damage{}, false
	}
	key := a.l.key(a.names[qi])
	var others []string
	seen := map[string]bool{key: true}
	for _, m := range a.mentions {
		if m.person && m.sure && !seen[m.key] && isCap(a.lastWord(a.text[m.span.Start:m.span.End])) {
			seen[m.key] = true
			others = append(others, clean(a.text[m.span.Start:m.span.End]))
		}
	}
	if len(others) == 0 {
		others = []string{"John Smith", "Mary Jones", "Robert Brown"}
	}
	other := others[rng.IntN(len(others))]
	out := a.text[:q.Speaker.Start] + other + a.text[q.Speaker.End:]
	shift := 0
	if q.Speaker.Start < q.Text.Start {
		shift = len(other) - q.Speaker.Len()
	}
	d := Damage{Quote: stemma.Span{Start: q.Text.Start + shift, End: q.Text.End + shift}, Detail: "speaker " + a.names[qi] + " → " + other}
	return out, d, true
}

// move moves the sentence of quote qi, attributed by "he said" or "she
// said", to after a sentence that names another person of compatible
// gender and not the speaker.
func (a *analysis) move(qi int, rng *rand.Rand) (string, Damage, bool) {
	q := a.regions[qi].q
	if q.Attribution != stemma.Pronoun {
		return "", Damage{}, false
	}
	pron := strings.ToLower(a.text[q.Speaker.Start:q.Speaker.End])
	if pron != "he" && pron != "she" {
		return "", Damage{}, false
	}
	if qi+1 < len(a.regions) && a.regions[qi+1].q.Attribution == stemma.Continued {
		return "", Damage{}, false
	}
	key := a.l.key(a.names[qi])
	k := a.itemOf[qi]
	si := a.sentOf[k]
	s := a.sents[si]
	if s[0] != k { // the quote must open its sentence
		return "", Damage{}, false
	}
	from, to := a.its[s[0]].span.Start, a.its[s[1]-1].span.End
	g := a.l.pronouns[pron]
	var targets []int
	for t := range a.sents {
		if t == si || t == si-1 || t == si+1 {
			continue
		}
		other, speaker := false, false
		for _, m := range a.mentions {
			if m.sent != t {
				continue
			}
			if m.key == key {
				speaker = true
			}
			if m.person && m.sure && !m.plural && m.key != key && (a.gender[m.key] == g || a.gender[m.key] == Unknown || a.gender[m.key] == Neuter) {
				other = true
			}
		}
		quoted := false
		for j := a.sents[t][0]; j < a.sents[t][1]; j++ {
			if a.its[j].kind == quoteItem {
				quoted = true
			}
		}
		if other && !speaker && !quoted {
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 {
		return "", Damage{}, false
	}
	t := a.sents[targets[rng.IntN(len(targets))]]
	at := a.its[t[1]-1].span.End
	sentence := a.text[from:to]
	var out string
	var start int
	if at < from {
		out = a.text[:at] + " " + sentence + a.text[at:from] + strings.TrimLeft(a.text[to:], " ")
		start = at + 1
	} else {
		rest := a.text[:from] + strings.TrimLeft(a.text[to:at], " ")
		start = len(rest) + 1
		out = rest + " " + sentence + a.text[at:]
	}
	off := q.Text.Start - from
	d := Damage{Quote: stemma.Span{Start: start + off, End: start + off + q.Text.Len()}, Detail: "moved after " + clean(a.text[a.its[t[0]].span.Start:at])}
	return out, d, true
}
