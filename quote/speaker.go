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
		owner := possessive(strings.ToLower(f))
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		if f != "" {
			ws = append(ws, f)
		}
		if owner && f != "" {
			// "Obama's Office of Management", "Trump's attorney": what
			// follows is the owner's, not the owner.
			ws = ws[:0]
		}
	}
	if len(ws) == 0 && phrase != "" {
		// The phrase was only a possessive ("Clinton's"): the owner.
		for _, f := range strings.Fields(phrase) {
			f = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(f, ".-—–:\"“”‘"), "'s"), "’s")
			if f != "" {
				ws = append(ws, f)
			}
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
	if i := l.afterOffice(ws); i > 0 {
		return strings.ToLower(ws[len(ws)-1]) // "Secretary of State John Kerry"
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

// afterOffice returns where the name starts in words that give a title of
// an office and then a name: "Secretary of State John Kerry" (the name is
// the last two capitalised words when three or more follow "of"), "Bank of
// England Governor Mark Carney" (the name follows a title after "of"). It
// returns -1 when the words are not so ("Bank of France", "Minister of
// Finance").
func (l *Language) afterOffice(ws []string) int {
	for i := 0; i+2 < len(ws); i++ {
		lw := strings.ToLower(ws[i])
		if ws[i+1] != "of" || !isCap(ws[i]) || !l.titles[lw] && !l.orgWords[lw] {
			continue
		}
		j := i + 2
		if strings.ToLower(ws[j]) == "the" {
			j++
		}
		rest := ws[j:]
		for k, w := range rest {
			if lw := strings.ToLower(w); !isCap(w) && lw != "of" && lw != "and" && lw != "the" && lw != "for" {
				return -1 // "Director of the Office of Management and Budget James Miller"
			}
			if lw := strings.ToLower(w); k > 0 && k+1 < len(rest) && (l.titles[lw] || l.isHonorific(lw)) {
				return j + k + 1
			}
		}
		if l.titles[lw] && len(rest) >= 3 {
			return len(ws) - 2
		}
		return -1
	}
	return -1
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
