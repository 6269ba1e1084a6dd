package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SameSpeaker reports whether two speaker phrases, as written, name the
// same speaker: "Treasury Secretary James Baker" and "Baker" do, and so do
// "a senior official" and "the official"; "Baker" and "Volcker" do not.
// A pronoun or an empty phrase names no one and is never the same.
func SameSpeaker(a, b string) bool {
	ka := English.key(a)
	return ka != "" && ka == English.key(b)
}

// key reduces a speaker phrase to what identifies the speaker: a person's
// surname ("baker"), an organisation's name ("bank of france"), or the
// head noun of a role ("official"). It returns "" for a pronoun or an
// empty phrase.
func (l *Language) key(phrase string) string {
	if i := strings.IndexAny(phrase, ",;("); i >= 0 {
		phrase = phrase[:i]
	}
	var ws []string
	for _, f := range strings.Fields(phrase) {
		f = strings.Trim(f, ".-—–:\"'“”‘’")
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		if f != "" {
			ws = append(ws, f)
		}
	}
	for i, w := range ws {
		if i > 0 && prepositions[w] {
			ws = ws[:i] // "a spokeswoman for Oxford University"
			break
		}
	}
	for len(ws) > 0 {
		lw := strings.ToLower(ws[len(ws)-1])
		if lw != "jr" && lw != "sr" && lw != "ii" && lw != "iii" {
			break
		}
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	last := ws[len(ws)-1]
	lower := strings.ToLower(last)
	if len(ws) == 1 {
		if _, ok := l.pronouns[lower]; ok {
			return ""
		}
	}
	if !isCap(last) || l.isRole(lower) && !l.isHonorific(lower) {
		return l.singular(lower)
	}
	of := -1
	for i, w := range ws {
		if w == "of" {
			of = i
			break
		}
	}
	if of > 0 && !l.personal(ws[of+1:]) {
		pre := ws[:of]
		if n := l.nameWords(pre); len(n) > 0 {
			return strings.ToLower(n[len(n)-1])
		}
		pl := strings.ToLower(pre[len(pre)-1])
		if l.titles[pl] || l.isRole(pl) {
			return pl
		}
		return l.orgKey(ws)
	}
	if l.orgWords[lower] || isAcronym(last) && len(ws) > 1 {
		return l.orgKey(ws)
	}
	if l.titles[lower] || l.honorifics[lower] != Unknown {
		return lower
	}
	return lower
}

// orgKey is an organisation's name without determiners, lower case.
func (l *Language) orgKey(ws []string) string {
	var out []string
	for _, w := range ws {
		lw := strings.ToLower(w)
		if l.modifiers[lw] && !isCap(w) || lw == "the" || lw == "a" || lw == "an" {
			continue
		}
		out = append(out, lw)
	}
	return strings.Join(out, " ")
}

// nameWords returns the capitalised words of ws that can be part of a
// person's or place's name: not titles, honorifics, organisation words or
// sentence openers.
func (l *Language) nameWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		lw := strings.ToLower(w)
		if !isCap(w) || l.titles[lw] || l.isHonorific(lw) || l.orgWords[lw] || l.leads[lw] || l.modifiers[lw] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func (l *Language) isHonorific(lw string) bool {
	_, ok := l.honorifics[lw]
	return ok
}

func (l *Language) isRole(lw string) bool {
	_, ok := l.roles[l.singular(lw)]
	return ok || things[lw]
}

// singular strips a plural "s" from a role noun ("officials" → "official").
func (l *Language) singular(lw string) string {
	if _, ok := l.roles[lw]; ok && !strings.HasSuffix(lw, "s") {
		return lw
	}
	if s, ok := strings.CutSuffix(lw, "s"); ok && len(s) > 2 {
		if _, ok := l.roles[s]; ok {
			return s
		}
		if l.titles[s] {
			return s
		}
	}
	if s, ok := strings.CutSuffix(lw, "people"); ok && s != "" {
		return s + "person"
	}
	return lw
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isAcronym reports whether w is all capitals (at least two letters).
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// personal reports whether words name a person: a title, a role or a known
// first name among them ("England governor Robin Leigh-Pemberton").
func (l *Language) personal(ws []string) bool {
	for _, w := range ws {
		lw := strings.ToLower(w)
		if l.titles[lw] || l.isHonorific(lw) || l.firstNames[lw] != Unknown {
			return true
		}
		if _, ok := l.roles[lw]; ok && !things[lw] {
			return true
		}
	}
	return false
}
