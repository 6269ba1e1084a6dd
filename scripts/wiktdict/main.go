// Command wiktdict builds the word lists stemma ships in translate/lists
// from Wiktionary's bilingual dictionaries as Matthias Buchmeier extracted
// them (https://en.wiktionary.org/wiki/User:Matthias_Buchmeier, CC BY-SA
// 3.0 or GFDL), in the copies of github.com/open-dsl-dict/wiktionary-dict,
// and for Russian also openrussian.org's lemmas (CC BY-SA 4.0) in
// github.com/Badestrand/russian-dictionary. It is run by hand when the
// sources change; stemma reads only its output.
//
// Usage:
//
//	go run ./scripts/wiktdict -src SNAPSHOT-DIR -lang es -out translate/lists/es-en.tsv.gz
//
// SNAPSHOT-DIR holds the source files under their paths in those
// repositories. The output is gzip'd lines "foreign TAB english; english",
// sorted, one foreign word a line (see translate.LoadWordList).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/stemmanews/stemma/translate"
)

func main() {
	src := flag.String("src", "", "directory holding the source files")
	lang := flag.String("lang", "", "es, fr, it, nl, pl, pt or ru")
	out := flag.String("out", "", "the gzip'd word list to write")
	flag.Parse()
	if *src == "" || *lang == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	pairs := map[string]map[string]bool{}
	add := func(foreign, english string) {
		foreign, english = clean(foreign), clean(english)
		if !oneWord(foreign) || english == "" || strings.HasPrefix(english, "-") || nameGloss(english) || len(strings.Fields(english)) > maxEnglishWords {
			return
		}
		foreign = strings.ToLower(foreign)
		if pairs[foreign] == nil {
			pairs[foreign] = map[string]bool{}
		}
		pairs[foreign][english] = true
	}
	// An entry that only names the word's lemma ("gerund of
	// acclimatarsi") gives the word the lemma's translations.
	formOf := map[string]string{}
	addForward := func(foreign, english string) {
		if m := lemmaGloss.FindStringSubmatch(clean(english)); m != nil {
			formOf[strings.ToLower(clean(foreign))] = strings.ToLower(m[1])
			return
		}
		add(foreign, english)
	}
	path := func(p string) string { return filepath.Join(*src, p) }
	var err error
	switch *lang {
	case "es", "fr":
		// Their lemma entries are few (es-en lists no verb forms), and
		// resolving them lost recall on NTREX-128's French excerpts.
		if err = readBuchmeier(path("src/"+*lang+"-en-enwiktionary.txt"), false, true, add); err == nil {
			if *lang == "fr" {
				err = readDSL(path("dsl/oneway/en-fr-enwiktionary.dsl.dz"), false, add)
			} else {
				err = readBuchmeier(path("src/en-es-enwiktionary.txt"), true, false, add)
			}
		}
	case "pt":
		if err = readBuchmeier(path("src/pt-en-enwiktionary.txt"), false, false, addForward); err == nil {
			err = readBuchmeier(path("src/en-pt-enwiktionary.txt"), true, false, add)
		}
	case "it":
		if err = readDSL(path("dsl/oneway/it-en-enwiktionary.dsl.dz"), true, addForward); err == nil {
			err = readBuchmeier(path("src/en-it-enwiktionary.txt"), true, false, add)
		}
	case "nl", "pl":
		err = readBuchmeier(path("src/en-"+*lang+"-enwiktionary.txt"), true, false, add)
	case "ru":
		if err = readDSL(path("dsl/oneway/en-ru-enwiktionary.dsl.dz"), false, add); err == nil {
			for _, f := range []string{"nouns", "verbs", "adjectives", "others"} {
				if err = readOpenRussian(path(f+".csv-russian_to_en.json"), add); err != nil {
					break
				}
			}
		}
	default:
		log.Fatalf("wiktdict: no sources for %q", *lang)
	}
	if err != nil {
		log.Fatal(err)
	}
	// From the translations read, not from those of other forms: the
	// result must not depend on the order of the map.
	var forms [][2]string
	for form, lemma := range formOf {
		for e := range pairs[lemma] {
			forms = append(forms, [2]string{form, e})
		}
	}
	for _, f := range forms {
		add(f[0], f[1])
	}
	if err := write(*out, pairs); err != nil {
		log.Fatal(err)
	}
}

// lemmaGloss matches a gloss that names a word's lemma rather than
// translating it ("third-person singular past historic of annoncer").
var lemmaGloss = regexp.MustCompile(`(?i)^(?:[a-z -]*\b(?:form|plural|gerund|participle|variant|feminine|masculine|singular|tense|imperative|subjunctive|indicative|spelling|diminutive|augmentative|superlative|comparative|conditional|infinitive)) of ([\p{L}'-]+)$`)

// nameGloss reports whether an English "translation" only says the word
// is a name ("male given name", "Italian surname"): it translates to no
// English word, and as an entry of its own it would hide the word's
// inflection of a real one ("annunciato", "annunciare").
func nameGloss(english string) bool {
	l := strings.ToLower(english)
	return strings.Contains(l, "given name") || strings.HasSuffix(l, "surname") || strings.Contains(l, "from latin")
}

// maxEnglishWords is the longest English translation kept: longer ones
// are definitions rather than translations.
const maxEnglishWords = 3

// oneWord reports whether s is a single word of letters (hyphens and
// apostrophes inside it allowed).
func oneWord(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t") || strings.HasPrefix(s, "-") {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// clean drops bracketed text and the marks around a translation.
func clean(s string) string {
	out := translate.DropBracketed(s)
	// A transcription: "/θɪŋ/".
	for {
		i := strings.Index(out, "/")
		if i < 0 {
			break
		}
		j := strings.Index(out[i+1:], "/")
		if j < 0 {
			out = out[:i]
			break
		}
		out = out[:i] + out[i+1+j+1:]
	}
	out = strings.Join(strings.Fields(out), " ")
	out = strings.Trim(out, "¡!¿?.…:\"'«»")
	out = strings.TrimPrefix(out, "to ")
	return strings.TrimSpace(out)
}

// readBuchmeier reads a dictionary in Buchmeier's text format: lines
// "headword {pos} /ipa/ (gloss) :: translation {g}, translation". When
// reverse, headwords are English and translations foreign. skipForms
// skips the entries that name a word's lemma ("feminine form of …").
func readBuchmeier(path string, reverse, skipForms bool, add func(foreign, english string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.Contains(line, "SEE:") {
			continue
		}
		head, rest, ok := strings.Cut(line, " :: ")
		if !ok {
			continue
		}
		head = clean(head)
		if reverse {
			for _, tr := range splitList(rest) {
				add(tr, head)
			}
			continue
		}
		if skipForms && (strings.Contains(rest, " form of ") || strings.HasPrefix(rest, "plural of")) {
			continue
		}
		for _, tr := range splitList(rest) {
			add(head, tr)
		}
	}
	return sc.Err()
}

// splitList splits a list of translations at commas and semicolons
// outside brackets.
func splitList(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '[', '<', '(', '{':
			depth++
		case ']', '>', ')', '}':
			if depth > 0 {
				depth--
			}
		case ',', ';':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// readDSL reads a gzip'd UTF-16 dictionary in the DSL format: a headword
// line, then indented lines of which those starting "[m1]" list the
// translations. The headwords are English, or the foreign words when
// forward.
func readDSL(path string, forward bool, add func(foreign, english string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(raw) >= 2 && raw[0] == 0xff && raw[1] == 0xfe {
		raw = raw[2:]
	}
	u := make([]uint16, len(raw)/2)
	for i := range u {
		u[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
	}
	text := string(utf16.Decode(u))
	head := ""
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line[0] != '\t' && line[0] != ' ':
			head = clean(line)
		default:
			l := strings.TrimSpace(line)
			if !strings.HasPrefix(l, "[m1]") {
				continue
			}
			for _, tr := range splitList(dslText(l)) {
				if forward {
					add(head, tr)
				} else {
					add(tr, head)
				}
			}
		}
	}
	return nil
}

// dslText drops a DSL line's tags, its transcriptions ([c gray]…[/c]),
// grammar ([p]…[/p]) and qualifiers (\[…\]).
func dslText(l string) string {
	for _, span := range [][2]string{{"[c gray]", "[/c]"}, {"[p]", "[/p]"}, {`\[`, `\]`}} {
		for {
			i := strings.Index(l, span[0])
			if i < 0 {
				break
			}
			j := strings.Index(l[i:], span[1])
			if j < 0 {
				l = l[:i]
				break
			}
			l = l[:i] + l[i+j+len(span[1]):]
		}
	}
	var b strings.Builder
	for l != "" {
		i := strings.IndexByte(l, '[')
		if i < 0 {
			b.WriteString(l)
			break
		}
		b.WriteString(l[:i])
		j := strings.IndexByte(l[i:], ']')
		if j < 0 {
			break
		}
		l = l[i+j+1:]
	}
	return b.String()
}

// readOpenRussian reads openrussian.org's lemmas as a JSON object from
// Russian word to its first English translation.
func readOpenRussian(path string, add func(foreign, english string)) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for ru, en := range m {
		add(strings.ReplaceAll(ru, "'", ""), en)
	}
	return nil
}

// write writes the word list, sorted, gzip'd.
func write(path string, pairs map[string]map[string]bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	words := make([]string, 0, len(pairs))
	for k := range pairs {
		words = append(words, k)
	}
	slices.Sort(words)
	for _, k := range words {
		ens := make([]string, 0, len(pairs[k]))
		for e := range pairs[k] {
			ens = append(ens, e)
		}
		slices.Sort(ens)
		fmt.Fprintf(w, "%s\t%s\n", k, strings.Join(ens, "; "))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
