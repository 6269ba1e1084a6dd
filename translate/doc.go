// Package translate finds the sentences of an article that translate the
// sentences of an English text, with no network service and no model: a
// bilingual dictionary (FreeDict's, from Debian's dict-freedict-*
// packages, with the Wiktionary word lists stemma ships for French,
// Spanish, Russian, Italian, Portuguese, Dutch and Polish, [ForLanguage])
// maps the article's words to English stems, and
// the words translation leaves alone meet as they are: numbers, shared
// roots ("gouvernement", "government") and names, Cyrillic ones
// transliterated ("Стэнфорд", "Stanford"). Two sentences are a pair when
// most of their content words meet and no other English sentence comes
// close ([Aligner.Align]), the lexical sentence alignment of Moore
// ("Fast and accurate sentence alignment of bilingual corpora", AMTA
// 2002) and Varga et al. (hunalign, RANLP 2005) without their length
// model, since a copy's sentences need not come in its source's order.
//
// Usage:
//
//	dict, err := translate.ForLanguage("de")
//	al := translate.NewAligner(dict, translate.Options{})
//	pairs := al.Align(al.Foreign(german), translate.English(english))
package translate
