package synth

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"github.com/stemmanews/stemma"
)

// FamilyOptions shape the reprint families of [Generator.Family]. The zero
// value works.
type FamilyOptions struct {
	// MinSize and MaxSize bound a family's members, root included
	// (default 3 and 12).
	MinSize, MaxSize int
	// Shape is "chain" (each copy copies the previous one), "fan" (every
	// copy copies the root), "tree" (each copy copies a random earlier
	// member), or "" for a shape drawn per family.
	Shape string
	// Edits is the number of words each copy changes in the text it
	// copies (default 3), so that edits accumulate down a chain.
	Edits int
	// DropRate is the chance that a copy leaves out one sentence of its
	// parent (default 0.15), and ExcerptRate the chance that a copy keeps
	// only a contiguous run of at least half of the parent's sentences
	// (default 0.1).
	DropRate, ExcerptRate float64
	// UndatedRate is the share of copies published without a date
	// (default 0: all dated).
	UndatedRate float64
	// Outlets is the number of made-up outlets members are drawn from
	// (default and most 20). Each wraps its copies in its own header and
	// footer, worded unlike any other outlet's: the boilerplate a
	// clusterer must see through.
	Outlets int
}

// EnsureDefaults fills zero fields.
func (o *FamilyOptions) EnsureDefaults() *FamilyOptions {
	if o.MinSize == 0 {
		o.MinSize = 3
	}
	if o.MaxSize == 0 {
		o.MaxSize = max(12, o.MinSize)
	}
	if o.Edits == 0 {
		o.Edits = 3
	}
	if o.DropRate == 0 {
		o.DropRate = 0.15
	}
	if o.ExcerptRate == 0 {
		o.ExcerptRate = 0.1
	}
	if o.Outlets == 0 {
		o.Outlets = 20
	}
	o.Outlets = min(o.Outlets, familyOutlets)
	return o
}

// Validate reports options that cannot work; errors wrap [ErrOptions].
func (o *FamilyOptions) Validate() error {
	switch {
	case o.MinSize < 0 || o.MaxSize < 0 || o.MaxSize > 0 && o.MaxSize < max(2, o.MinSize):
		return fmt.Errorf("%w: family size %d to %d", ErrOptions, o.MinSize, o.MaxSize)
	case o.Shape != "" && o.Shape != "chain" && o.Shape != "fan" && o.Shape != "tree":
		return fmt.Errorf("%w: family shape %q (want chain, fan or tree)", ErrOptions, o.Shape)
	case o.Edits < 0 || o.Outlets < 0:
		return fmt.Errorf("%w: negative edits or outlets", ErrOptions)
	}
	for _, r := range []float64{o.DropRate, o.ExcerptRate, o.UndatedRate} {
		if r < 0 || r > 1 || r != r {
			return fmt.Errorf("%w: rate %v outside [0, 1]", ErrOptions, r)
		}
	}
	return nil
}

// Family is a story and its copies, with the true genealogy.
type Family struct {
	// ID is "family-N"; Shape is chain, fan or tree.
	ID, Shape string
	// Members are in publication order; Members[0] is the root.
	Members []FamilyMember
}

// FamilyMember is one document of a family.
type FamilyMember struct {
	// Doc's ID is "family-N-K"; its Source is a made-up outlet; its Date
	// is later than its parent's by 1 to 48 hours, or zero for an undated
	// copy (its true time still orders its own copies).
	Doc stemma.Doc
	// Parent is the ID of the member this one copied, "" for the root.
	Parent string
	// Kind is "root", "copy" or "excerpt".
	Kind string
	// Body is the span of Doc.Text between the outlet's header and
	// footer: the story as this member tells it.
	Body stemma.Span
}

var (
	familyCities = []string{"Riverside", "Lakeview", "Hillcrest", "Fairport", "Oakdale", "Brookfield", "Westbury",
		"Eastham", "Northgate", "Southport"}
	familyPapers = []string{"Tribune", "Courier", "Sentinel", "Gazette", "Chronicle", "Observer", "Herald",
		"Dispatch", "Ledger", "Examiner"}
	// Each outlet has its own header and footer, worded differently from
	// every other outlet's, as real outlets' boilerplate is.
	familyHeaders = []string{
		"%s staff and wire reports, compiled overnight by the city desk.",
		"This story was filed for the %s by our business correspondents.",
		"Reporting for the %s by agency staff; additional reporting from local bureaus.",
		"From the %s newsroom, where editors checked the figures below.",
		"Special to the %s, with material gathered by partner news agencies.",
		"The %s brings you this report from its economics team.",
		"Wire copy edited for %s readers by the weekend production staff.",
		"Published in today's %s print edition and on its website.",
		"An %s exclusive digest of the latest markets and policy developments.",
		"Compiled by %s researchers from agency dispatches and public filings.",
		"The following dispatch reached the %s through its syndication service.",
		"%s international desk summary, updated throughout the trading day.",
		"Agency report prepared for subscribers of the %s news service.",
		"Our %s correspondents contributed reporting to this wire account.",
		"Morning edition of the %s: this account was received before dawn.",
		"Financial pages of the %s carry this article courtesy of our partners.",
		"Readers of the %s asked us to follow this developing business story.",
		"The %s reprints this dispatch under its long standing agency agreement.",
		"Evening update from the %s, checked against official statements where possible.",
		"A %s briefing on companies, commodities and central banks around the world.",
	}
	familyFooters = []string{
		"Copyright 2026 %s. All rights reserved. Reproduction without written permission is prohibited.",
		"Subscribe to the %s for unlimited access to local reporting and investigations.",
		"Have a news tip? Write to the editors of the %s at any hour of the night.",
		"Follow the %s on social media for breaking updates from across the region.",
		"The %s is an independent newspaper owned by its readers since nineteen twenty one.",
		"Corrections policy: the %s is committed to accuracy and fixes its errors promptly.",
		"Sign up for the %s morning briefing, delivered to your inbox before seven each day.",
		"Letters to the editor of the %s may be shortened for length and clarity.",
		"Support quality journalism by becoming a member of the %s community today.",
		"Copies of this story may be reprinted only with permission from the %s syndicate.",
		"Advertising enquiries for the %s should go to our sales office downtown.",
		"The %s newsroom can be reached by telephone between nine and five on weekdays.",
		"Download the %s app to read every edition offline on your phone or tablet.",
		"This content from the %s is supported by a grant from a charitable foundation.",
		"Photographs accompanying this %s article are available from our picture library.",
		"Comments on %s stories are moderated and closed after forty eight hours.",
		"Gift a subscription to the %s and give someone you love a year of good reading.",
		"Delivery problems? Call the %s circulation department before ten in the morning.",
		"Past issues of the %s are archived at the county library for public use.",
		"Thank you for reading the %s, where local news has been printed since the railway came.",
	}
)

// familyOutlets is the most outlets [Generator.Family] draws from.
const familyOutlets = 20

// familyOutlet returns made-up outlet i (of familyOutlets), its header and
// its footer.
func familyOutlet(i int) (name, header, footer string) {
	i %= familyOutlets
	name = familyCities[i%len(familyCities)] + " " + familyPapers[(i*3+i/len(familyCities))%len(familyPapers)]
	return name, fmt.Sprintf(familyHeaders[i], name), fmt.Sprintf(familyFooters[i], name)
}

// Family returns family number n: source n (modulo [Generator.Len]) as
// the root, published by a made-up outlet, then copies, each derived from
// an earlier member's story with a few words changed (so edits accumulate
// down the tree), sometimes a sentence dropped, sometimes cut to an
// excerpt, each wrapped in its own outlet's header and footer. The same
// generator, n and options give the same family.
func (g *Generator) Family(n int, opts FamilyOptions) (Family, error) {
	if err := opts.Validate(); err != nil {
		return Family{}, err
	}
	opts.EnsureDefaults()
	rng := g.rng("family", n)
	src := g.sources[g.pick(n)]
	f := Family{ID: fmt.Sprintf("family-%d", n), Shape: opts.Shape}
	if f.Shape == "" {
		f.Shape = []string{"chain", "fan", "tree"}[rng.IntN(3)]
	}
	size := opts.MinSize + rng.IntN(opts.MaxSize-opts.MinSize+1)
	base := src.Date
	if base.IsZero() {
		base = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour)
	}
	type story struct {
		sentences []string
		at        time.Time
	}
	var sents []string
	for _, sp := range sentenceSpans(src.Text) {
		sents = append(sents, NormalizeSpace(src.Text[sp.Start:sp.End]))
	}
	stories := []story{{sentences: sents, at: base}}
	make1 := func(k int, st story, parent string, kind string) FamilyMember {
		name, header, footer := familyOutlet(rng.IntN(opts.Outlets))
		body := strings.Join(st.sentences, " ")
		text := header + "\n\n" + body + "\n\n" + footer
		m := FamilyMember{Parent: parent, Kind: kind, Body: stemma.Span{Start: len(header) + 2, End: len(header) + 2 + len(body)}}
		m.Doc = stemma.Doc{ID: fmt.Sprintf("%s-%d", f.ID, k), Source: name, Title: src.Title, Text: text, Date: st.at}
		if kind != "root" && rng.Float64() < opts.UndatedRate {
			m.Doc.Date = time.Time{}
		}
		return m
	}
	f.Members = append(f.Members, make1(0, stories[0], "", "root"))
	for k := 1; k < size; k++ {
		p := 0
		switch f.Shape {
		case "chain":
			p = k - 1
		case "tree":
			p = rng.IntN(k)
		}
		st := story{sentences: append([]string(nil), stories[p].sentences...)}
		st.at = stories[p].at.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
		kind := "copy"
		if len(st.sentences) >= 4 && rng.Float64() < opts.ExcerptRate {
			keep := (len(st.sentences) + 1) / 2
			keep += rng.IntN(len(st.sentences) - keep + 1)
			from := rng.IntN(len(st.sentences) - keep + 1)
			st.sentences = st.sentences[from : from+keep]
			kind = "excerpt"
		} else if len(st.sentences) >= 3 && rng.Float64() < opts.DropRate {
			i := 1 + rng.IntN(len(st.sentences)-1)
			st.sentences = append(st.sentences[:i], st.sentences[i+1:]...)
		}
		g.editWords(rng, st.sentences, opts.Edits)
		// Keep time order: a member is published after everything before it.
		if last := stories[len(stories)-1].at; !st.at.After(last) {
			st.at = last.Add(time.Duration(1+rng.IntN(60)) * time.Minute)
		}
		stories = append(stories, st)
		f.Members = append(f.Members, make1(k, st, f.Members[p].Doc.ID, kind))
	}
	return f, nil
}

// editWords changes n words of the sentences in place: each time a
// lowercase word of four letters or more, drawn at random, is swapped for
// one of its WordNet synonyms, or, when sixteen draws find none that has
// one, a word of a sentence of four words or more is deleted.
func (g *Generator) editWords(rng *rand.Rand, sents []string, n int) {
	if len(sents) == 0 {
		return
	}
	for range n {
		edited := false
		for try := 0; try < 16 && !edited; try++ {
			si := rng.IntN(len(sents))
			words := strings.Fields(sents[si])
			if len(words) < 4 {
				continue
			}
			wi := rng.IntN(len(words))
			w := words[wi]
			core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			if len(core) < 4 || core != strings.ToLower(core) {
				continue
			}
			syn := g.synonyms(core, false)
			if len(syn) == 0 {
				continue
			}
			repl := syn[rng.IntN(len(syn))]
			if repl == core {
				continue
			}
			words[wi] = strings.Replace(w, core, repl, 1)
			sents[si] = strings.Join(words, " ")
			edited = true
		}
		for try := 0; try < 16 && !edited; try++ {
			si := rng.IntN(len(sents))
			if words := strings.Fields(sents[si]); len(words) >= 4 {
				wi := 1 + rng.IntN(len(words)-2) // keep the sentence's first and last word
				sents[si] = strings.Join(append(words[:wi], words[wi+1:]...), " ")
				edited = true
			}
		}
	}
}

// Babbler writes articles that copy nothing: sentences of the sources'
// words in an order drawn from a first-order Markov chain over them (each
// word followed by a word that follows it somewhere in the sources), each
// article shaped like one source story (its number of sentences and their
// lengths). The articles have the sources' vocabulary and their common
// phrases ("the company said it"), as unrelated news has, but no run of a
// story longer than chance makes. A Babbler is safe for concurrent use; it
// keeps about 12 bytes per word of the sources.
type Babbler struct {
	seed    uint64
	words   []string   // the vocabulary, in order of first occurrence
	next    [][]uint32 // each word's successors, in the sources' order
	starts  []uint32   // the first words of sentences
	stories [][]int    // each source's sentence lengths, in words
	dates   []time.Time
	titles  []string
}

// NewBabbler returns a Babbler over the sources. seed selects the output.
func NewBabbler(sources []stemma.Doc, seed uint64) (*Babbler, error) {
	b := &Babbler{seed: seed}
	ids := map[string]uint32{}
	id := func(w string) uint32 {
		i, ok := ids[w]
		if !ok {
			i = uint32(len(b.words))
			ids[w] = i
			b.words = append(b.words, w)
			b.next = append(b.next, nil)
		}
		return i
	}
	for _, d := range sources {
		var lens []int
		for _, sp := range sentenceSpans(d.Text) {
			ws := strings.Fields(d.Text[sp.Start:sp.End])
			if len(ws) == 0 {
				continue
			}
			lens = append(lens, len(ws))
			prev := id(ws[0])
			b.starts = append(b.starts, prev)
			for _, w := range ws[1:] {
				cur := id(w)
				b.next[prev] = append(b.next[prev], cur)
				prev = cur
			}
		}
		if len(lens) > 0 {
			b.stories = append(b.stories, lens)
			b.dates = append(b.dates, d.Date)
			b.titles = append(b.titles, d.Title)
		}
	}
	if len(b.stories) == 0 {
		return nil, ErrNoSources
	}
	return b, nil
}

// Article returns article number n: shaped like source story n (modulo the
// stories), dated as it is (or on 2026-01-01 plus n minutes when it is
// undated), published by one of the first outlets made-up outlets of
// [Generator.Family]. Its ID is "unrelated-N".
func (b *Babbler) Article(n, outlets int) stemma.Doc {
	h := fnv.New64a()
	fmt.Fprintf(h, "unrelated\x00%d", n)
	rng := rand.New(rand.NewPCG(b.seed, h.Sum64()))
	k := n % len(b.stories)
	var sb strings.Builder
	for _, l := range b.stories[k] {
		w := b.starts[rng.IntN(len(b.starts))]
		for i := range l {
			if i > 0 {
				sb.WriteByte(' ')
				if nx := b.next[w]; len(nx) > 0 {
					w = nx[rng.IntN(len(nx))]
				} else {
					w = b.starts[rng.IntN(len(b.starts))]
				}
			} else if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(b.words[w])
		}
		if s := sb.String(); !strings.HasSuffix(s, ".") {
			sb.WriteByte('.')
		}
	}
	name, _, _ := familyOutlet(rng.IntN(max(1, outlets)))
	d := stemma.Doc{ID: fmt.Sprintf("unrelated-%d", n), Source: name, Title: b.titles[k], Text: sb.String(), Date: b.dates[k]}
	if d.Date.IsZero() {
		d.Date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	}
	return d
}
