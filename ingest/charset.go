package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// How a page's character encoding was decided, as [pageEncoding] reports
// it. The order of the rules is the order they are tried in.
const (
	// byBOM: a byte-order mark names UTF-8 or UTF-16.
	byBOM = "bom"
	// byUTF8: the bytes are valid UTF-8 and hold multi-byte characters.
	// They are read as UTF-8 whatever the page or its server declares:
	// text in a single-byte encoding with accented letters is not valid
	// UTF-8 by chance, while pages that say ISO-8859-1 and are UTF-8 (a
	// server's default charset, a template's stale meta tag) are common,
	// and decoding them as declared turns "führte" into "fÃ¼hrte".
	byUTF8 = "utf-8"
	// byHeader: the HTTP Content-Type's charset (from a WARC record or a
	// caller).
	byHeader = "header"
	// byMeta: a <meta charset> or <meta http-equiv="Content-Type"> in the
	// page's head.
	byMeta = "meta"
	// byASCII: nothing declared and the page is plain ASCII, which every
	// candidate encoding reads alike.
	byASCII = "ascii"
	// byGuess: nothing declared and the bytes are not UTF-8: windows-1252,
	// the WHATWG default for pages without a declaration.
	byGuess = "guess"
)

// metaScanBytes is how much of a page is searched for a <meta> charset
// declaration. WHATWG's prescan stops at 1,024 bytes; real pages put
// scripts, styles and comments before the declaration, so stemma reads
// the whole head, up to this bound.
const metaScanBytes = 64 << 10

// pageEncoding decides the character encoding of an HTML page: by its
// byte-order mark; else as UTF-8 when its bytes are valid UTF-8 with some
// multi-byte character; else by the charset of contentType; else by a
// <meta> declaration in its head; else as UTF-8 when it is plain ASCII,
// and as windows-1252 when it is not. A declared UTF-8 whose bytes hold no
// valid multi-byte character but invalid ones is read as windows-1252,
// the encoding such pages really use. name is the encoding's WHATWG name
// and rule the rule that decided (byBOM, byUTF8, ...).
func pageEncoding(raw []byte, contentType string) (enc encoding.Encoding, name, rule string) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		return encoding.Nop, "utf-8", byBOM
	case bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", byBOM
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", byBOM
	}
	multi, invalid := utf8Shape(raw)
	if multi && !invalid {
		return encoding.Nop, "utf-8", byUTF8
	}
	declared := func(label string) (encoding.Encoding, string, bool) {
		e, n := charset.Lookup(label)
		if e == nil {
			return nil, "", false
		}
		if n == "utf-8" && invalid && !multi {
			return charmap.Windows1252, "windows-1252", true
		}
		return e, n, true
	}
	if e, n, ok := declared(charsetParam(contentType)); ok {
		return e, n, byHeader
	}
	if e, n, ok := declared(metaCharset(raw)); ok {
		if strings.HasPrefix(n, "utf-16") {
			// A page that a <meta> could be read in is not UTF-16
			// (WHATWG: a meta naming UTF-16 means UTF-8).
			return encoding.Nop, "utf-8", byMeta
		}
		return e, n, byMeta
	}
	if !invalid {
		return encoding.Nop, "utf-8", byASCII
	}
	return charmap.Windows1252, "windows-1252", byGuess
}

// utf8Shape reports whether b holds a valid multi-byte UTF-8 sequence and
// whether it holds a byte that is not valid UTF-8.
func utf8Shape(b []byte) (multi, invalid bool) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			invalid = true
		} else {
			multi = true
		}
		if multi && invalid {
			return
		}
		i += n
	}
	return
}

// metaCharset returns the charset label a <meta> element in the page's
// head declares, or "": a charset attribute, or the charset parameter of
// an http-equiv="Content-Type" element's content. It reads up to
// metaScanBytes and stops at the body.
func metaCharset(raw []byte) string {
	if len(raw) > metaScanBytes {
		raw = raw[:metaScanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			switch atom.Lookup(tag) {
			case atom.Body:
				return ""
			case atom.Meta:
				var cs, equiv, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						equiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if cs = strings.TrimSpace(cs); cs != "" {
					return cs
				}
				if equiv == "content-type" {
					if cs := charsetParam(content); cs != "" {
						return cs
					}
				}
			}
		case html.EndTagToken:
			if tag, _ := z.TagName(); atom.Lookup(tag) == atom.Head {
				return ""
			}
		}
	}
}

// charsetParam returns the charset parameter of a Content-Type value, or
// "". It reads values that mime.ParseMediaType refuses, as
// "text/html; charset=iso-8859-1;" or "text/html;charset='utf-8'".
func charsetParam(contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return params["charset"]
	}
	lower := strings.ToLower(contentType)
	i := strings.Index(lower, "charset=")
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(lower[i+len("charset="):], " \t\"'")
	if j := strings.IndexAny(v, " \t;,\"'"); j >= 0 {
		v = v[:j]
	}
	return v
}

// toUTF8 decodes an HTML page to valid UTF-8 as [pageEncoding] decides;
// bytes its encoding cannot read become U+FFFD.
func toUTF8(raw []byte, contentType string) ([]byte, error) {
	enc, name, _ := pageEncoding(raw, contentType)
	if name == "utf-8" {
		if utf8.Valid(raw) {
			return raw, nil
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), nil
}
