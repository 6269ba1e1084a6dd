package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file drops the boilerplate that pages put inside the article's own
// container, where no extractor's choice of block can leave it out:
// "read also" teasers between paragraphs, comment-moderation and
// letters-to-the-editor notices, copyright, reprint and photo-credit
// lines, and subscription, newsletter and affiliate pitches. Each rule
// looks at one paragraph and its words, in the languages stemma's users
// read most (English, German, French, Spanish, Portuguese, Italian, Dutch,
// Polish). They were written from the pages of the tuning half of the
// Trafilatura corpus only (see [RealPage]); docs/benchmarks.md gives the
// scores on the held-out half.

// teaserCues start a paragraph that points to another story or page.
var teaserCues = []string{
	// English
	"read also", "also read", "read more", "read next", "see also", "related:",
	"related articles", "related stories", "related content", "recommended:",
	"you may also like", "you might also like", "more from", "more on this",
	"don't miss", "continue reading",
	// German
	"lesen sie auch", "lesen sie mehr", "lesen sie hier", "auch lesen", "lies auch",
	"mehr zum thema", "mehr dazu", "weitere beiträge", "weitere artikel",
	"weitere informationen", "weitere aktuelle", "weitere themen", "siehe auch",
	"das könnte dich auch interessieren", "das könnte sie auch interessieren",
	"das thema könnte dich auch interessieren", "das könnte ihnen auch gefallen",
	"auch interessant", "ebenfalls interessant", "passend dazu", "zum thema",
	"vorschau auf den nächsten artikel", "entdecke weitere", "hier geht es zu",
	"hier geht's zu", "videos zum thema", "beiträge aus dem forum",
	"mehr lesen:", "weiterlesen:", "lesetipp:",
	// French
	"lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "voir aussi",
	"à voir aussi", "sur le même sujet", "découvrez aussi", "en savoir plus",
	// Spanish
	"le puede interesar", "te puede interesar", "también te puede interesar",
	"lea también", "lee también", "leer más", "ver también", "mira también",
	"más sobre", "visto ahora", "noticias relacionadas", "relacionado:",
	"lea más:", "lea aquí:", "nota relacionada:",
	// Portuguese
	"leia também", "leia mais", "veja também", "saiba mais",
	// Italian, Dutch, Polish
	"leggi anche", "vedi anche", "lees ook", "lees meer",
	"czytaj też", "czytaj także", "czytaj więcej", "zobacz też", "zobacz także",
	"zobacz również", "przeczytaj też", "przeczytaj także",
}

// noticePhrases mark a paragraph, of any length up to maxNotice, as a
// notice to readers rather than article text.
var noticePhrases = []string{
	// cookie notices
	"we use cookies", "this site uses cookies", "this website uses cookies",
	"accept all cookies", "accept cookies", "wir verwenden cookies",
	"diese website verwendet cookies", "nous utilisons des cookies",
	"utilizamos cookies", "este sitio utiliza cookies", "usamos cookies",
	"utilizziamo i cookie",
	// comment moderation and letters to the editor
	"comments are moderated", "comments may be republished", "comments that are representative",
	"comments are civil", "free of libellous", "we want to hear what you think",
	"submit a letter to the editor", "if you enjoyed reading this", "puede escribirnos",
	"kommentare werden moderiert", "kommentare sind moderiert", "netiquette",
	"les commentaires sont modérés", "nicht eingeloggt", "you must be logged in",
	"log in to comment", "share this article", "share this story", "vergiss nicht zu teilen",
	"mit anderen teilen", "partager cet article", "compartir en",
	// subscription, newsletter and paywall pitches
	"to view the full story", "already a subscriber", "first-time subscribers",
	"subscribe to our newsletter", "sign up for our newsletter", "never miss the latest",
	"newsletter abonnieren", "jetzt abonnieren", "abonniere unseren newsletter", "abonnez-vous", "inscrivez-vous à notre newsletter",
	"suscríbete", "assine a newsletter", "zapraszamy też do subskrypcji",
	// affiliate and advertising disclosures
	"this post contains references to products", "we recommend the best products",
	"as an amazon associate", "affiliate links", "affiliate-links", "partnerlinks",
	"amazon tipp:",
	// reprint and copyright
	"all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
	"todos los derechos reservados", "todos os direitos reservados",
	"vervielfältigung nur mit genehmigung", "reproduction interdite",
	"dieser text entspricht den",
}

// newsletterPitch are the words that make a short paragraph naming a
// newsletter a pitch for one, not news about one.
var newsletterPitch = []string{
	"our newsletter", "unseren newsletter", "unserem newsletter", "notre newsletter",
	"nuestro newsletter", "nuestra newsletter", "nossa newsletter", "sign up", "subscribe now",
	"subscribe to", "newsletter abonnieren", "zum newsletter", "newsletter bestellen",
	"newsletter anmelden", "inscrivez", "suscríbete", "assine",
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// creditCues start a photo credit, source or copyright line.
var creditCues = []string{
	"©", "(c) 1", "(c) 2", "copyright ©", "copyright (c)", "copyright 1", "copyright 2", "photo:", "photos:", "foto:", "fotos:", "bild:", "bilder:",
	"titelbild:", "image:", "images:", "credit:", "credits:", "crédits photos", "crédit photo",
	"crédit :", "bildquelle", "fotocredit", "quellenangaben:", "originalpublikation",
	// contact blocks of press releases
	"kontakt:", "pressekontakt", "telefon:", "tel.:", "e-mail:", "contact:", "media contact",
	// filing and dating lines
	"kategorie:", "category:", "categories:", "tags:", "schlagwörter:", "catégorie :",
	"etiquetas:", "last modified", "last updated", "updated:", "aktualisiert am",
	"zuletzt aktualisiert", "release date", "publié le", "mis à jour le",
	// consent placeholders of embedded content, and loading notices
	"externer inhalt", "external content", "contenu externe", "wird geladen", "loading…",
	"loading...",
}

// followCue is a pitch to follow a site on social networks, as "Follow The
// Gleaner on Twitter and Instagram".
var followCue = regexp.MustCompile(`(?i)^(follow|folgen sie|folge|suivez|síguenos|siga)\b.{0,60}\b(twitter|facebook|instagram|x|linkedin|tiktok|youtube|telegram|whatsapp)\b`)

// standalone matches a paragraph that is only a date or a time, as
// "23.10.2018", "2018-10-23", "20:37" or "3:59 PM", and the warnings a
// PHP site prints into its page.
var standalone = regexp.MustCompile(`(?i)^([0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}:[0-9]{2}( ?(am|pm|uhr|h))?)$|^(warning|notice|deprecated|fatal error): .{0,300}\bon line [0-9]+`)

// agencyTag is a signature of author initials and news agency standing
// alone as a paragraph, as "aja/PAP" or "(dpa/afp)".
var agencyTag = regexp.MustCompile(`(?i)^\(?[\p{L}]{1,5}(\s*/\s*[\p{L}]{1,5})*\s*/\s*(dpa|afp|ap|reuters|pap|apa|epd|kna|sda|ats|efe|ansa|anp|belga|tass|ria|xinhua|kyodo|upi|ddp|sid|ips|pti|ians|ctk|mti|hina|bta)\)?\.?$`)

const (
	// maxTeaser and maxCredit bound the paragraphs that a teaser or
	// credit cue can drop, in bytes: a long paragraph that starts with
	// "more from" is article text.
	maxTeaser = 200
	maxCredit = 160
	maxNotice = 1000
)

// isBoilerplate reports whether a paragraph of extracted text is
// boilerplate by the rules of this file.
func isBoilerplate(p string) bool {
	if len(p) > maxNotice {
		return false
	}
	lower := strings.ToLower(p)
	for _, s := range noticePhrases {
		if strings.Contains(lower, s) {
			return true
		}
	}
	if len(p) <= maxCredit {
		for _, c := range creditCues {
			if strings.HasPrefix(lower, c) {
				return true
			}
		}
		if agencyTag.MatchString(p) || standalone.MatchString(p) || followCue.MatchString(p) {
			return true
		}
		if strings.Contains(lower, "newsletter") && containsAny(lower, newsletterPitch) {
			return true
		}
	}
	if len(p) <= maxTeaser {
		for _, c := range teaserCues {
			if rest, ok := strings.CutPrefix(lower, c); ok && teaserEnd(c, rest) {
				return true
			}
		}
	}
	return false
}

// dropBoilerplate returns paras without the paragraphs [isBoilerplate]
// finds and those that are the whole text of a link of the page (links is
// [linkTexts]): a paragraph that is nothing but a link is a teaser for
// another page, a tag or a menu entry. It reuses paras's backing array.
func dropBoilerplate(paras []string, links map[string]bool) []string {
	kept := paras[:0]
	for _, p := range paras {
		if !isBoilerplate(p) && !links[p] {
			kept = append(kept, p)
		}
	}
	return kept
}

// linkTexts returns the texts of the page's links, white space collapsed
// as [paragraphs] collapses it.
func linkTexts(doc *html.Node) map[string]bool {
	links := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			var f flattener
			f.walk(n)
			f.flush()
			if len(f.paras) == 1 {
				links[f.paras[0]] = true
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return links
}

// teaserEnd reports whether what follows a teaser cue makes the paragraph
// a teaser: a colon, arrow or dash after it, nothing at all, or a short
// run of words that is not a sentence ending in a full stop. It keeps
// "Mehr dazu sagte der Minister am Montag." and drops "Mehr dazu: …".
func teaserEnd(cue, rest string) bool {
	if strings.HasSuffix(cue, ":") {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false // the cue is the start of a longer word
	}
	t := strings.TrimSpace(rest)
	if t == "" {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(t); strings.ContainsRune(":›»>|-–—•", r) {
		return true
	}
	return len(strings.Fields(t)) <= 10 && !strings.HasSuffix(t, ".")
}

// minLeadWords is the least number of words a paragraph needs to be
// taken by [lead].
const minLeadWords = 6

// lead returns the paragraphs that other, another extractor's text,
// holds before base's first paragraph and base lacks, where they are
// prose (a sentence of minLeadWords words or more ending in a full stop,
// question or exclamation mark or a closing quote): the lead that a page
// sets apart from the story's body. It returns nil when other does not
// hold base's first paragraph.
func lead(base, other []string) []string {
	if len(base) == 0 {
		return nil
	}
	at := slices.Index(other, base[0])
	if at <= 0 {
		return nil
	}
	var out []string
	for _, p := range other[:at] {
		if prose(p) && !slices.Contains(base, p) {
			out = append(out, p)
		}
	}
	return out
}

// prose reports whether p reads as a sentence of article text.
func prose(p string) bool {
	if len(strings.Fields(p)) < minLeadWords {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(p))
	return strings.ContainsRune(".!?…\"“”»’)", r)
}
