// Package quote finds the direct quotes of a news text, says who each is
// attributed to, and checks whether a copy kept them: the words inside the
// marks and the speaker.
//
// [Find] returns a text's quotes in order, each a [Quotation]: the byte
// span of the words inside the marks (straight and curly double quotes,
// guillemets, and the two apostrophes in a row of the New York Times
// archive; a quote running over several paragraphs, each opened with a
// mark, is one quote), its attribution cue ("said", "told", "according
// to"), the speaker as written ("Treasury Secretary James Baker", "a senior
// official", "he"), and for a pronoun or a quote continuing the one before
// it, the person it resolves to:
//
//	for _, q := range quote.Find(text) {
//		fmt.Println(text[q.Text.Start:q.Text.End], "—", q.Name)
//	}
//
// Attribution reads common English patterns: "…," X said; said X; X said:
// "…"; X, who …, said; X told reporters; according to X; a partial quote
// inside reported speech (X said the plan was "dead"). A verb with senses
// other than speech ("continued", "added", "noted", "called") reports a
// quote only in a speech frame: "X continued to back the rebels" is not
// one, and a cue right after the quote ("…," he said) outweighs such a
// verb further back. A pronoun resolves
// to the nearest earlier sentence with a compatible person (gender from the
// pronoun against honorifics, first names and role words), preferring the
// subject of a reporting verb; Quote.Uncertain says when another reading was
// possible. The tables are per language ([Language]): English's is the
// full one; German, French, Spanish and Russian have their marks („…“,
// »…«, « … », «…»), reporting verbs, pronouns (mapped to the English
// ones resolution reasons with), an auxiliary before an inverted verb
// (« … », a déclaré X) and the prepositions that end a speaker phrase,
// but no first names and few titles, so a speaker is read from its place
// next to the verb and its capitals. Their word orders are read too: a
// German subject after its verb when a phrase of time or place opens the
// sentence ("Am Freitag sagte Wade: …"), a French pronoun inverted onto
// its verb ("« … », explique-t-il"), a subject after its verb before the
// quote ("Como dijo Mandela: “…”"), and a Spanish verb whose ending is
// its subject ("“…”, dijo."; "Dijo que …"), resolved to the person named
// before it as a pronoun is. Chinese and Japanese have tables of
// marks alone (「…」, 『…』): their quotes are compared with the sources',
// and no speaker is read. [Check] picks the table by the article's
// language (stemma.Doc.Lang).
//
// [Check] compares a traced article's quotes with its witnesses', through
// the report's edit scripts, and returns [stemma.QuoteFinding] values:
// quote altered or cut, speaker changed or lost, quote unsourced; and,
// sources or not, a quote attributed only by a "he" or "she" that no
// person named before it can be (orphaned: "The ministry continued …,
// and "…", he said"), and a quote of a sentence or more with no speaker
// at all and no one named around it (unattributed). Package trace calls it
// for every report. [Apply] damages a quote of a real article in the ways
// copies do (cut, spin, swap, move), to measure it.
//
// Evaluations measure the package on real text. [EvaluateLabelled]
// scores extraction and attribution against [Labels], hand-labelled quotes
// of Reuters and BBC stories (a development set: the rules were tuned on
// it). [NewIntegritySet] draws damaged copies of real articles and
// [EvaluateIntegrity] traces them and scores the findings. On PolNeAR, a
// public corpus of hand-annotated attributions that no rule was tuned on
// (its test split; [LoadPolNeAR] reads the original brat files),
// [EvaluatePolNeAR] scores extraction and attribution, and
// [NewAttributionSet] and [EvaluateAttribution] the orphaned and
// unattributed findings. On a translation of English news sentence by
// sentence, [EvaluateTranslations] measures how often another language's
// table names the speaker English's names ([SameName] matches names
// across scripts). Package bench reports them all on the benchmarks
// page.
//
// A [Finder] holds no state and is safe for concurrent use. Finding costs
// time linear in the text (a few milliseconds for a long article); Check
// adds one Find per witness holding a quote and a word diff per quote.
package quote
