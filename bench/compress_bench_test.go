package bench

import (
	"path/filepath"
	"testing"
	"time"

	ddzstd "github.com/DataDog/zstd"
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
// text ("ratio"), the time to read one text ("µs/text") and how fast the
// texts were written ("MB/s-write", MB of text a second, one core): an
// index ingesting 45,000 articles a second writes about 36 MB of text a
// second. The dictionary is tried with klauspost/compress's Go zstd and
// with the C library Pebble links (github.com/DataDog/zstd, whose bulk
// processor loads the dictionary once), at its default level 3:
//
//	go test ./bench -run '^$' -bench TextCompression -benchtime 3x
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
		start := time.Now()
		for i, t := range texts {
			blk = append(blk, t...)
			of[i] = len(blocks)
			if len(blk) >= 32<<10 || i == len(texts)-1 {
				blocks = append(blocks, enc.EncodeAll(blk, nil))
				blk = blk[:0]
			}
		}
		write := time.Since(start)
		comp := 0
		for _, c := range blocks {
			comp += len(c)
		}
		readAll(b, dec, len(texts), func(i int) []byte { return blocks[of[i]] })
		b.ReportMetric(float64(comp)/float64(raw), "ratio")
		b.ReportMetric(float64(raw)/1e6/write.Seconds(), "MB/s-write")
	})
	d, err := dict.BuildZstdDict(train, dict.Options{MaxDictSize: 112 << 10, HashBytes: 6, ZstdDictID: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("dictionary-112KB", func(b *testing.B) {
		enc, dec := newZstd(b, d)
		comp := len(d)
		var each [][]byte
		start := time.Now()
		for _, t := range texts {
			c := enc.EncodeAll(t, nil)
			comp += len(c)
			each = append(each, c)
		}
		write := time.Since(start)
		readAll(b, dec, len(texts), func(i int) []byte { return each[i] })
		b.ReportMetric(float64(comp)/float64(raw), "ratio")
		b.ReportMetric(float64(raw)/1e6/write.Seconds(), "MB/s-write")
	})
	b.Run("dictionary-112KB-C", func(b *testing.B) {
		bp, err := ddzstd.NewBulkProcessor(d, 3)
		if err != nil {
			b.Fatal(err)
		}
		comp := len(d)
		var each [][]byte
		start := time.Now()
		for _, t := range texts {
			c, err := bp.Compress(nil, t)
			if err != nil {
				b.Fatal(err)
			}
			comp += len(c)
			each = append(each, c)
		}
		write := time.Since(start)
		var out []byte
		for b.Loop() {
			for _, c := range each {
				if out, err = bp.Decompress(out[:0], c); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(each)), "µs/text")
		b.ReportMetric(float64(comp)/float64(raw), "ratio")
		b.ReportMetric(float64(raw)/1e6/write.Seconds(), "MB/s-write")
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
