// Command gen writes thesaurus/wordnet.tsv.gz, the table that package
// thesaurus embeds, from a WordNet 3.0 dict directory (Debian's
// wordnet-base package installs one in /usr/share/wordnet):
//
//	go run ./thesaurus/gen                 # from the repository root
//	go run ./thesaurus/gen -dict DIR -out FILE
//
// The table is exactly what [thesaurus.Load] reads from the directory,
// written by [thesaurus.WriteTable]. The derivation rule:
//
//  1. Read every synset of data.noun, data.verb, data.adj and data.adv.
//     Lemmas are lowercased, underscores become spaces, adjective markers
//     such as "(a)" are removed, and duplicates within a synset dropped.
//  2. Keep every synset that still has at least 2 lemmas: 53,784 of
//     117,659. The whole table is about 660 KB gzip'd, well inside the
//     2 MB budget, so no rare or technical synset needs dropping.
//  3. Order each lemma's synsets most common first: by the sense's tagged
//     count in cntlist.rev, then its sense number in index.POS, then part
//     of speech (n, v, a, r) and offset.
//  4. Keep the inflection exceptions of noun.exc, verb.exc and adj.exc
//     whose base form is a kept lemma ("levied" → "levy").
//
// The output is byte-for-byte reproducible from the same WordNet files.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/stemmanews/stemma/thesaurus"
)

func main() {
	dict := flag.String("dict", thesaurus.DefaultDir, "WordNet 3.0 dict directory")
	out := flag.String("out", "thesaurus/wordnet.tsv.gz", "output file")
	flag.Parse()
	if err := run(*dict, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen: error: %v\n", err)
		os.Exit(1)
	}
}

func run(dict, out string) error {
	th, err := thesaurus.Load(dict)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	comment := "Derived from WordNet 3.0 by thesaurus/gen: every synset with 2 or more lemmas.\n" +
		"WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n" +
		"Licence: see LICENSE-WordNet next to this file."
	if err := thesaurus.WriteTable(&buf, th, comment); err != nil {
		return err
	}
	tmp := out + "~"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s: %d synsets, %d bytes\n", out, th.Len(), buf.Len())
	return nil
}
