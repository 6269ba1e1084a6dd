package bench

import (
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"

	"github.com/stemmanews/stemma/internal/testdata"
)

// BenchmarkTextCompression weighs two ways of storing article text for
// the next index format (docs/scale.md): zstd over blocks of about 32 KB
// of consecutive texts, as the document tables hold them now, where
// reading one text decompresses its whole block; and each text compressed
// on its own against a zstd dictionary trained on other texts, where it
// decompresses only itself. The dictionary is trained on Reuters-21578's
// first 2,000 stories and both ways compress the stories from number
// 10,000 on. Each iteration reads every one of those texts as a trace
// reads a candidate; it reports the compressed size as a share of the
// text ("ratio") and the time to read one text ("µs/text"):
//
//	go test ./bench -run '^$' -bench TextCompression
func BenchmarkTextCompression(b *testing.B) {
	docs, err := loadCorpus(filepath.Join(testdata.Dir(b), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		b.Fatal(err)
	}
	var train, texts [][]byte
	for i, d := range docs {
		switch {
		case i < 2000:
			train = append(train, []byte(d.Text))
		case i >= 10000:
			texts = append(texts, []byte(d.Text))
		}
	}
	raw := 0
	for _, t := range texts {
		raw += len(t)
	}
	b.Run("blocks-32KB", func(b *testing.B) {
		enc, dec := newZstd(b, nil)
		// Each text's block, compressed.
		var blocks [][]byte
		of := make([]int, len(texts))
		var blk []byte
		for i, t := range texts {
			blk = append(blk, t...)
			of[i] = len(blocks)
			if len(blk) >= 32<<10 || i == len(texts)-1 {
				blocks = append(blocks, enc.EncodeAll(blk, nil))
				blk = blk[:0]
			}
		}
		comp := 0
		for _, c := range blocks {
			comp += len(c)
		}
		readAll(b, dec, len(texts), func(i int) []byte { return blocks[of[i]] })
		b.ReportMetric(float64(comp)/float64(raw), "ratio")
	})
	b.Run("dictionary-112KB", func(b *testing.B) {
		d, err := dict.BuildZstdDict(train, dict.Options{MaxDictSize: 112 << 10, HashBytes: 6, ZstdDictID: 1 << 20})
		if err != nil {
			b.Fatal(err)
		}
		enc, dec := newZstd(b, d)
		comp := len(d)
		var each [][]byte
		for _, t := range texts {
			c := enc.EncodeAll(t, nil)
			comp += len(c)
			each = append(each, c)
		}
		readAll(b, dec, len(texts), func(i int) []byte { return each[i] })
		b.ReportMetric(float64(comp)/float64(raw), "ratio")
	})
}

// newZstd returns an encoder and a decoder, with dictionary d when it is
// not nil.
func newZstd(b *testing.B, d []byte) (*zstd.Encoder, *zstd.Decoder) {
	eo := []zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderCRC(false)}
	var do []zstd.DOption
	if d != nil {
		eo = append(eo, zstd.WithEncoderDict(d))
		do = append(do, zstd.WithDecoderDicts(d))
	}
	enc, err := zstd.NewWriter(nil, eo...)
	if err != nil {
		b.Fatal(err)
	}
	dec, err := zstd.NewReader(nil, do...)
	if err != nil {
		b.Fatal(err)
	}
	return enc, dec
}

// readAll decompresses what holds each of n texts, n times an iteration,
// and reports the time per text.
func readAll(b *testing.B, dec *zstd.Decoder, n int, holding func(i int) []byte) {
	var out []byte
	var err error
	for b.Loop() {
		for i := range n {
			if out, err = dec.DecodeAll(holding(i), out[:0]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/text")
}
