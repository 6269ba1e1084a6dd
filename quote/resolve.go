package quote

import (
	"slices"
	"strings"

	"github.com/stemmanews/stemma"
)

// maxLookback is how many sentences back a pronoun looks for its person
// (maxChain when the sentences between go on about the same he or she),
// and maxFullest how many earlier mentions of a person are read for its
// fullest name.
const (
	maxLookback = 8
	maxChain    = 40
	maxFullest  = 64
)

// sayPronoun reports whether sentence s has the pronoun pron ("he", "she")
// or its other forms.
func (a *analysis) sayPronoun(s int, pron string) bool {
	forms := [3]string{"he", "him", "his"}
	switch pron {
	case "she":
		forms = [3]string{"she", "her", "hers"}
	case "he":
	default:
		return false
	}
	for k := a.sents[s][0]; k < a.sents[s][1]; k++ {
		if it := a.its[k]; it.kind == word {
			if w := a.l.pronoun(it.low); w == forms[0] || w == forms[1] || w == forms[2] {
				return true
			}
		}
	}
	return false
}

// things are role nouns that name an organisation or a document, which
// "it" can refer to and "he" or "she" cannot.
var things = newSet(`statement report document paper newspaper editorial agency ministry government
	company firm group bank union commission committee survey study letter release communique
	office department council board court club party alliance association federation
	organisation organization institute radio television station programme program website`)

// addSpeaker records the speaker phrase of a cue as a mention.
func (a *analysis) addSpeaker(np [2]int) {
	sp := a.spanOf(np)
	m := a.classify(sp, np)
	m.speaker = true
	if m.key != "" {
		a.mentions = append(a.mentions, m)
		a.spans[sp] = true
	}
}

// classify reads what a phrase says about who it names. It reads the head
// of the phrase: before an apposition ("Smith, the chairman"), a
// preposition ("a broker at Sanyo Securities"), "of" and an organisation
// ("Danuta Zielonka of Wertheim Schroder Co Inc"), and after a possessive
// ("Chelsea's William Gallas") or the title of an office ("Secretary of
// State John Kerry"). Organisation words and places before a title or a
// role describe the person ("World Bank President Barber Conable").
func (a *analysis) classify(sp stemma.Span, np [2]int) mention {
	l := a.l
	phrase := a.text[sp.Start:sp.End]
	m := mention{span: sp, key: l.key(phrase), sent: a.sentOf[np[0]]}
	raw := strings.Fields(a.beforeApposition(phrase))
	for i, w := range raw {
		if i > 0 && prepositions[strings.ToLower(w)] {
			raw = raw[:i]
			break
		}
	}
	for i := len(raw) - 2; i >= 0; i-- {
		if possessive(strings.ToLower(raw[i])) {
			raw = raw[i+1:] // the owner is not the name
			break
		}
	}
	if i := l.afterOffice(raw); i > 0 {
		raw = raw[i:]
	} else if of := slices.Index(raw, "of"); of > 0 && len(l.nameWords(raw[:of])) > 0 {
		raw = raw[:of]
	}
	cw := strings.Fields(a.cleanWords(strings.Join(raw, " ")))
	ws := make([]string, len(cw))
	for i, w := range cw {
		ws[i] = strings.ToLower(w)
	}
	if len(ws) == 0 {
		return m
	}
	head := ws[len(ws)-1]
	capHead := len(raw) > 0 && isCap(strings.Trim(raw[len(raw)-1], ".'’"))
	if notSpeaker[head] {
		return mention{} // "Thursday", "March": a date, no one
	}
	for _, w := range ws {
		if g, ok := l.honorifics[w]; ok {
			m.person, m.sure = true, true
			if g != Unknown {
				m.gender = g
			}
		}
	}
	// The name: the words after the last title, honorific or role
	// ("Georgia businessman Bruce LeVell").
	titled := false
	for i := len(cw) - 1; i >= 0; i-- {
		if lw := strings.ToLower(cw[i]); l.titles[lw] || l.isHonorific(lw) || i < len(cw)-1 && !isCap(cw[i]) && l.isRole(lw) {
			cw, titled = cw[i+1:], i+1 < len(cw)
			break
		}
	}
	if names := l.nameWords(cw); len(names) > 1 {
		if g, ok := l.firstNames[strings.ToLower(names[0])]; ok {
			m.person, m.gender, m.sure = true, g, true
		}
	} else if len(names) == 1 && len(cw) == 1 && np[0] > 0 && (a.its[np[0]-1].low == "," || a.its[np[0]-1].low == "named") {
		// "Trump's wife, Melania, …", "a resident named Caroline": a
		// first name alone, in apposition (elsewhere a single word is
		// likelier a surname: "retorted Herman").
		if g, ok := l.firstNames[strings.ToLower(names[0])]; ok && g != Unknown {
			m.person, m.gender, m.sure = true, g, true
		}
	}
	// An organisation word anywhere in the name, a place at its end ("Ohio
	// Democrat Howard Metzenbaum" is a person, "Vermont" a place).
	org := false
	for i, w := range cw {
		lw := strings.ToLower(w)
		if l.orgWords[lw] && capHead || l.places[lw] && i == len(cw)-1 {
			org = true
		}
	}
	if titled && !org {
		// "executive council chairman Shintaro Abe", and in a text
		// without capitals "finance minister cesar gaviria".
		m.person, m.sure = true, true
	}
	switch {
	case titled && !org:
	case !capHead && things[l.singular(head)]:
		m.neuter = true
	case !capHead && l.titles[head]:
		m.person, m.sure = true, true // "the attorney general"
	case !capHead:
		// A role ("the official") or a word for a person ("the
		// candidate", "the 47-year-old"); any other noun names no one
		// ("the sentence", "the upcoming states").
		g, role := l.roles[l.singular(head)]
		if !role && !personNoun(head) {
			return m
		}
		m.person, m.sure = true, true
		if g != Unknown {
			m.gender = g
		}
		m.plural = l.singular(head) != head || personNoun(head) && pluralPerson(head)
	case org || isAcronym(a.lastWord(phrase)) || strings.Contains(m.key, " "):
		m.neuter = !m.person
	default:
		m.person = true
	}
	return m
}

func (a *analysis) lastWord(phrase string) string {
	if i := strings.IndexAny(phrase, ",("); i >= 0 {
		phrase = phrase[:i]
	}
	f := strings.Fields(phrase)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ".'’")
}

// beforeApposition is the phrase before any comma or bracket.
func (a *analysis) beforeApposition(phrase string) string {
	if i := strings.IndexAny(phrase, ",("); i >= 0 {
		return phrase[:i]
	}
	return phrase
}

// cleanWords is the phrase before any apposition, with possessives and
// punctuation stripped from its words.
func (a *analysis) cleanWords(phrase string) string {
	if i := strings.IndexAny(phrase, ",("); i >= 0 {
		phrase = phrase[:i]
	}
	var out []string
	for _, f := range strings.Fields(phrase) {
		f = strings.Trim(f, ".-—–:\"'“”‘’")
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		if f != "" && f != "of" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// personSuffixes end nouns that name people ("candidate", "voter",
// "nominee", "the 47-year-old"), singular or plural.
var personSuffixes = []string{"er", "or", "ist", "ian", "ant", "ent", "ate", "ee", "eer", "crat", "aire", "-old", "man", "woman", "person"}

// personNoun reports whether the lower-case noun w reads as a word for a
// person by its ending.
func personNoun(w string) bool {
	w = strings.TrimSuffix(w, "s")
	if strings.HasSuffix(w, "me") {
		w = strings.TrimSuffix(w, "s")
	}
	for _, suf := range personSuffixes {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return strings.HasSuffix(w, "men") || strings.HasSuffix(w, "people")
}

// pluralPerson reports whether a word for people is plural ("voters",
// "congressmen").
func pluralPerson(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "men") || strings.HasSuffix(w, "people")
}

// titleCaseStop are words that a name never has in capitals inside it
// but a headline in title case does.
var titleCaseStop = newSet(`the of to on in at for and or a an is are was were will would not
	isn't isn’t just got get gets about with from by as into over after before says said
	can could may might must should has have had be been being this that these those`)

// gerundOpener reports whether item k is a verb in -ing opening its
// sentence ("Bringing Cadillac to Europe …"), not a name.
func (a *analysis) gerundOpener(k int) bool {
	it := a.its[k]
	return strings.HasSuffix(it.low, "ing") && len(it.low) > 5 && a.sents[a.sentOf[k]][0] == k && a.l.firstNames[it.low] == Unknown
}

// nameOpeners are capitalised words that open a sentence before a name
// but are no part of it ("Until Mr. Comey …", "Without Mr. Murdoch's …").
var nameOpeners = newSet(`until without despite during unlike like with for from to by through
	among upon about against amid via per perhaps neither either nobody everybody everyone
	someone anyone`)

// particles join the parts of a name ("Charles de Gaulle").
var particles = newSet(`de van von bin al der du da la le del dos ibn`)

// findNames adds the names of people and organisations written outside
// quotes: runs of capitalised words with an honorific, a title or a known
// first name, or whose surname a speaker already has.
func (a *analysis) findNames() {
	l := a.l
	speakerKeys := map[string]bool{}
	for _, m := range a.mentions {
		if m.person {
			speakerKeys[m.key] = true
		}
	}
	speakers := make([]stemma.Span, 0, len(a.mentions))
	for _, m := range a.mentions {
		speakers = append(speakers, m.span)
	}
	slices.SortFunc(speakers, func(x, y stemma.Span) int { return x.Start - y.Start })
	taken := func(sp stemma.Span) bool {
		i, _ := slices.BinarySearchFunc(speakers, sp.Start, func(s stemma.Span, p int) int { return s.Start - p })
		for _, j := range []int{i - 1, i, i + 1} {
			if j >= 0 && j < len(speakers) && speakers[j].Overlap(sp) > 0 {
				return true
			}
		}
		return false
	}
	// "A spokesman for Zenith criticised the move.", "The woman who
	// started it all …": a determiner and a role, a person a later he or
	// she may be.
	for k := 0; k+1 < len(a.its); k++ {
		if it := a.its[k]; it.kind != word || !determiners[it.low] || it.low == "one" {
			continue
		}
		for e := k + 1; e < len(a.its) && e <= k+3; e++ {
			w := a.its[e]
			if w.kind != word || w.cap || npStop[w.low] || l.verbs[w.low] {
				break
			}
			if _, role := l.roles[w.low]; (role || l.titles[w.low]) && !things[w.low] && !(e+1 < len(a.its) && a.its[e+1].kind == word && !a.its[e+1].cap && (l.isRole(a.its[e+1].low) || l.titles[a.its[e+1].low])) {
				sp := a.spanOf([2]int{k, e + 1})
				if !taken(sp) {
					if m := a.classify(sp, [2]int{k, e + 1}); m.person && m.key != "" {
						a.mentions = append(a.mentions, m)
					}
				}
				break
			}
		}
	}
	var weak []mention
	for k := 0; k < len(a.its); {
		if it := a.its[k]; it.kind != word || !it.cap {
			k++
			continue
		}
		j, joined := k, false
		for j < len(a.its) && a.sentOf[j] == a.sentOf[k] {
			it := a.its[j]
			// A headline in title case ("Campaign Of Paul Manafort"), or a
			// sentence opener after an abbreviation ("the U.S. While
			// Clinton …"), ends the run.
			if j > k && it.kind == word && it.cap && (titleCaseStop[it.low] || (l.leads[it.low] || nameOpeners[it.low]) && a.its[j-1].low == ".") {
				break
			}
			if it.kind == word && (it.cap || particles[it.low] && j+1 < len(a.its) && a.its[j+1].cap) && it.para == a.its[k].para {
				j++
				if possessive(it.low) && j < len(a.its) && a.its[j].kind == word && a.its[j].cap {
					break // "Obama's Office of Management": Obama
				}
				continue
			}
			// "Secretary of State John Kerry", "Chief of Staff Denis
			// McDonough", "Speaker of the House": a title or an
			// organisation word, "of" (and "the"), then capitals.
			if it.kind == word && it.low == "and" && joined && j+1 < len(a.its) && a.its[j+1].kind == word && a.its[j+1].cap && a.sentOf[j+1] == a.sentOf[k] {
				j++ // "Office of Management and Budget"
				continue
			}
			if it.kind == word && it.low == "of" && j > k && (l.titles[a.its[j-1].low] || l.orgWords[a.its[j-1].low]) {
				n := j + 1
				if n < len(a.its) && a.its[n].low == "the" {
					n++
				}
				if n < len(a.its) && a.its[n].kind == word && a.its[n].cap && a.sentOf[n] == a.sentOf[k] {
					j, joined = n, true
					continue
				}
			}
			if it.kind == punct && it.low == "." && j > k && a.its[j-1].span.End == it.span.Start && l.abbreviation(a.its[j-1]) &&
				j+1 < len(a.its) && a.its[j+1].kind == word && a.its[j+1].cap && a.its[j+1].para == it.para {
				j++
				continue
			}
			break
		}
		if l.stops[a.its[k].low] {
			// "В Гааге", "Am Freitagmorgen": a phrase a preposition
			// opens, with its capital at the sentence start, is a place
			// or a time, not a person.
			k = j
			continue
		}
		s := k
		for s < j && (a.its[s].kind != word || l.leads[a.its[s].low] || nameOpeners[a.its[s].low] || l.verbs[a.its[s].low] ||
			l.modifiers[a.its[s].low] && !(s+1 < j && a.its[s+1].low == "of") || a.gerundOpener(s)) {
			s++
		}
		e := j
		for e > s && a.its[e-1].kind != word {
			e--
		}
		if s < e {
			np := [2]int{s, e}
			sp := a.spanOf(np)
			// "Ted Cruz's campaign": the name without the possessive.
			for _, ps := range []string{"'s", "’s"} {
				if w := a.its[e-1]; strings.HasSuffix(w.low, ps) && w.span.Len() > len(ps) {
					sp.End -= len(ps)
				}
			}
			if !taken(sp) {
				m := a.classify(sp, np)
				titled := false
				for t := s; t < e; t++ {
					if l.titles[a.its[t].low] || l.isHonorific(a.its[t].low) {
						titled = t+1 < e
					}
				}
				if s > 0 && a.its[s-1].kind == word && !a.its[s-1].cap && l.titles[a.its[s-1].low] {
					titled = true
				}
				strong := m.gender != Unknown || titled && !m.neuter
				switch {
				case m.key == "":
				case strong:
					m.person, m.sure = true, true
					a.mentions = append(a.mentions, m)
				case m.neuter:
					a.mentions = append(a.mentions, m)
				default:
					weak = append(weak, m)
				}
			}
		}
		k = j
	}
	for _, m := range a.mentions {
		if m.person {
			speakerKeys[m.key] = true
		}
	}
	for _, m := range weak {
		switch {
		case speakerKeys[m.key]:
			m.person = true
			a.mentions = append(a.mentions, m)
		case len(l.nameWords(strings.Fields(a.cleanWords(a.text[m.span.Start:m.span.End])))) >= 2:
			// "Barack Obama spoke": a name, but not one the tables know.
			// A "he" or "she" with no one else to refer to may refer to it.
			m.person, m.weak = true, true
			a.mentions = append(a.mentions, m)
		}
	}
	slices.SortStableFunc(a.mentions, func(x, y mention) int { return x.span.Start - y.span.Start })
	a.bySent, a.byKey = map[int][]int{}, map[string][]int{}
	for i, m := range a.mentions {
		switch g := a.gender[m.key]; {
		case m.gender == Unknown || g == Neuter:
		case g == Unknown:
			a.gender[m.key] = m.gender
		case g != m.gender:
			// "President Reagan" and "Mrs Reagan": the surname says
			// nothing of either.
			a.gender[m.key] = Neuter
		}
		a.bySent[m.sent] = append(a.bySent[m.sent], i)
		a.byKey[m.key] = append(a.byKey[m.key], i)
	}
}

// compatible reports whether a pronoun of gender g can refer to m; a weak
// mention only when weak is set.
func (a *analysis) compatible(m mention, pronoun string, g Gender, weak bool) bool {
	switch pronoun {
	case "he", "she":
		// A mention's own gender first ("Ivanka Trump" is a she, whatever
		// other Trumps are); a bare surname takes its key's ("Smith" after
		// "John Smith"), but a titled one does not ("President Reagan"
		// after "Mrs Reagan").
		eg := m.gender
		if eg == Unknown && !m.sure {
			eg = a.gender[m.key]
		}
		if eg == Neuter {
			eg = Unknown // a surname shared by a he and a she
		}
		return m.person && !m.plural && (eg == Unknown || eg == g) && (!m.weak || weak)
	case "it":
		return (m.neuter || m.person && !m.sure && m.speaker && !m.weak) && !m.plural
	case "they":
		return m.plural || m.neuter
	case zeroSubject:
		return m.person && !m.plural && (!m.weak || weak)
	}
	return false
}

// antecedent finds what the pronoun at item k refers to: the nearest
// sentence before it with a compatible mention, and in it the speaker of a
// cue if there is one, else the first such mention (the subject, usually).
func (a *analysis) antecedent(k int) (mi int, uncertain, ok bool) {
	g := a.l.pronouns[a.its[k].low]
	pron := a.l.pronoun(a.its[k].low)
	if z := a.zero[k]; z == zeroSubject {
		pron, g = zeroSubject, Unknown // a verb's ending: he, she or it
	} else if z != "" {
		pron, g = a.l.pronoun(z), a.l.pronouns[z] // "explique-t-il": il
	}
	switch pron { // the object forms, as in "quoted him as saying"
	case "him":
		pron = "he"
	case "her":
		pron = "she"
	case "them":
		pron = "they"
	}
	pos := a.its[k].span.Start
	si := a.sentOf[k]
	// A weak mention ("Barack Obama", a name the tables do not know) is
	// tried only when no one else fits, and is uncertain.
	for _, weak := range []bool{false, true} {
		if weak && pron != "he" && pron != "she" && pron != zeroSubject {
			break
		}
		// Sentences that go on about the same "he" ("He said … He told
		// reporters …") do not count towards the look-back, up to
		// maxChain sentences in all.
		budget := maxLookback
		for s := si; s >= 0 && budget >= 0 && s >= si-maxChain; s-- {
			if s < si && a.sayPronoun(s, pron) {
				budget++
			}
			budget--
			var cands []int
			for _, i := range a.bySent[s] {
				if m := a.mentions[i]; m.span.End <= pos && a.compatible(m, pron, g, weak) {
					cands = append(cands, i)
				}
			}
			if len(cands) == 0 {
				continue
			}
			pick := cands[0]
			for _, c := range cands {
				if a.mentions[c].speaker {
					pick = c
					break
				}
			}
			uncertain = weak
			for _, c := range cands {
				if a.mentions[c].key != a.mentions[pick].key {
					uncertain = true
				}
			}
			if eg := a.gender[a.mentions[pick].key]; (g == Male || g == Female) && (eg == Unknown || eg == Neuter) && a.mentions[pick].gender == Unknown {
				uncertain = true
			}
			if pron == zeroSubject && !a.mentions[pick].speaker {
				// A verb's ending names no gender: only the subject of
				// a reporting verb before it is a sure antecedent
				// ("X dijo … “…”, añadió.").
				uncertain = true
			}
			return pick, uncertain, true
		}
	}
	return 0, false, false
}

// fullest returns the longest mention of the entity of mention m before
// pos, as written: a mention with its key and no other gender.
func (a *analysis) fullest(m mention, pos int) string {
	best := ""
	ms := a.byKey[m.key]
	end, _ := slices.BinarySearchFunc(ms, pos, func(i, p int) int { return a.mentions[i].span.Start - p })
	for i := end - 1; i >= 0 && i >= end-maxFullest; i-- {
		o := a.mentions[ms[i]]
		if m.gender != Unknown && o.gender != Unknown && o.gender != m.gender {
			continue
		}
		if s := clean(a.text[o.span.Start:o.span.End]); len(s) > len(best) {
			best = s
		}
	}
	return best
}

// resolvePronoun sets the antecedent of quote qi, whose cue has the
// pronoun np.
func (a *analysis) resolvePronoun(qi int, np [2]int) {
	q := &a.regions[qi].q
	mi, uncertain, ok := a.antecedent(np[0])
	if !ok {
		q.Uncertain = true
		pron := a.its[np[0]].low
		if z := a.zero[np[0]]; z != "" {
			pron = z
		}
		a.orphan[qi] = personalPronoun(a.l.pronoun(pron))
		return
	}
	m := a.mentions[mi]
	q.Antecedent = m.span
	q.Uncertain = uncertain || a.otherRecentSpeaker(qi, m.key)
	a.names[qi] = a.fullest(m, q.Antecedent.End)
}

// otherRecentSpeaker reports whether the last attributed quote before qi,
// within three sentences, has a speaker other than key.
func (a *analysis) otherRecentSpeaker(qi int, key string) bool {
	si := a.sentOf[a.itemOf[qi]]
	for p := qi - 1; p >= 0; p-- {
		if a.sentOf[a.itemOf[p]] < si-3 {
			return false
		}
		if a.names[p] != "" {
			return a.l.key(a.names[p]) != key
		}
	}
	return false
}

// personalPronoun reports whether a pronoun names one person, he or she:
// one that only a person can resolve.
func personalPronoun(w string) bool {
	switch w {
	case "he", "she", "him", "her":
		return true
	}
	return false
}

// continueQuote attributes quote qi, which has no cue: it continues the
// quote just before it (in its sentence or the sentence before), or, less
// certainly, follows a sentence whose reporting verb has a subject.
func (a *analysis) continueQuote(qi int) {
	q := &a.regions[qi].q
	q.Attribution = stemma.Unattributed
	k := a.itemOf[qi]
	si := a.sentOf[k]
	para := a.its[k].para
	for j := a.sents[si][0]; j < k; j++ {
		if it := a.its[j]; it.kind != punct && !(it.kind == word && a.l.leads[it.low]) {
			return // a quote inside a sentence does not continue another
		}
	}
	if qi > 0 {
		pk := a.itemOf[qi-1]
		prev := a.regions[qi-1].q
		if a.sentOf[pk] >= si-1 && para-a.regions[qi-1].last <= 1 {
			// It goes on with the quote before, whoever that is: a name, an
			// "I", or a "he" that points at no one (orphaned too).
			if prev.Attribution != stemma.Unattributed {
				q.Attribution = stemma.Continued
				q.Antecedent = prev.SpeakerSpan()
				q.Uncertain = prev.Uncertain
				a.names[qi] = a.names[qi-1]
				a.orphan[qi] = a.orphan[qi-1]
			}
			return
		}
	}
	if si == 0 {
		return
	}
	s := a.sents[si-1]
	if para-a.its[s[1]-1].para > 1 {
		return
	}
	for v := s[1] - 1; v >= s[0]; v-- {
		end, ok := a.verbAt(v, s[1])
		if !ok || a.isPhrase(v, end) || !a.speechFrame(v, end, s[1]) {
			continue
		}
		np, ok := a.subject(v, s[0])
		if !ok {
			continue
		}
		q.Attribution = stemma.Continued
		q.Uncertain = true
		if a.isPronoun(np) {
			mi, _, ok := a.antecedent(np[0])
			if !ok {
				// "He said …. "…"": a he or a she that points at no one
				// orphans the quote; any other pronoun leaves it without a
				// speaker.
				if a.orphan[qi] = personalPronoun(a.l.pronoun(a.its[np[0]].low)); !a.orphan[qi] {
					q.Attribution = stemma.Unattributed
					q.Uncertain = false
				}
				return
			}
			q.Antecedent = a.mentions[mi].span
			a.names[qi] = a.fullest(a.mentions[mi], q.Antecedent.End)
			return
		}
		q.Antecedent = a.spanOf(np)
		a.names[qi] = clean(a.text[q.Antecedent.Start:q.Antecedent.End])
		return
	}
	// "Viguerie is upbeat about Cruz's chances. "…"": a quote after a
	// sentence about someone reads as theirs, though nothing says so.
	for _, i := range a.bySent[si-1] {
		if m := a.mentions[i]; m.person && !m.plural && (m.sure || m.speaker) && !m.weak {
			q.Attribution = stemma.Continued
			q.Uncertain = true
			q.Antecedent = m.span
			a.names[qi] = a.fullest(m, m.span.End)
			return
		}
	}
}
