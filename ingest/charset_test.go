package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPageEncoding holds each rule of pageEncoding to a page that only it
// decides, and checks the words that come out of ExtractHTML.
func TestPageEncoding(t *testing.T) {
	story := func(head, body string) []byte {
		// Over a kilobyte of ASCII before the first accented letter, as
		// on the pages that WHATWG's 1,024-byte sniffing misreads.
		pad := strings.Repeat("<script>var tracking = 'x';</script>\n", 40)
		return []byte("<html><head>" + pad + head + "<title>Bahn</title></head><body><article><h1>Bahn</h1>" +
			"<p>" + body + "</p><p>The board met on Tuesday and will meet again next month to settle the final figures for the year.</p></article></body></html>")
	}
	german := "Die Bahn führte am Montag neue Fahrpläne ein, die für alle Strecken im Süden gelten und größere Lücken schließen."
	latin1 := func(s string) string {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r)) // every rune of german is below U+0100
		}
		return string(b)
	}
	cp1251 := "\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff" // "Новости дня"
	for _, tc := range []struct {
		name        string
		page        []byte
		contentType string
		enc, rule   string
		want        string
	}{
		{"valid UTF-8, nothing declared", story("", german), "", "utf-8", byUTF8, german},
		{"valid UTF-8 that meta calls ISO-8859-1", story(`<meta charset="iso-8859-1">`, german), "", "utf-8", byUTF8, german},
		{"valid UTF-8 that the header calls ISO-8859-1", story("", german), "text/html; charset=ISO-8859-1", "utf-8", byUTF8, german},
		{"BOM", append([]byte("\xEF\xBB\xBF"), story(`<meta charset="windows-1252">`, german)...), "", "utf-8", byBOM, german},
		{"header names windows-1251", story("", cp1251+" fr\xfch"), "text/html; charset=windows-1251", "windows-1251", byHeader, "Новости дня"},
		{"meta after the first kilobyte", story(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1;">`, latin1(german)), "", "windows-1252", byMeta, german},
		{"declared UTF-8, bytes single-byte", story(`<meta charset="utf-8">`, latin1(german)), "", "windows-1252", byMeta, german},
		{"plain ASCII", story("", "The board said trains would run on time from Monday across the whole southern network, with no gaps."), "", "utf-8", byASCII, "The board said trains"},
		{"nothing declared, not UTF-8", story("", latin1(german)), "", "windows-1252", byGuess, german},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, enc, rule := pageEncoding(tc.page, tc.contentType)
			if enc != tc.enc || rule != tc.rule {
				t.Errorf("encoding %s by rule %q, want %s by %q", enc, rule, tc.enc, tc.rule)
			}
			a, err := ExtractHTML(strings.NewReader(string(tc.page)), "", tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Doc.Text, tc.want) {
				t.Errorf("text lacks %q:\n%s", tc.want, a.Doc.Text)
			}
			if HasMojibake(a.Doc.Text) || strings.ContainsRune(a.Doc.Text, utf8.RuneError) {
				t.Errorf("text is damaged:\n%s", a.Doc.Text)
			}
		})
	}
}

// TestHasMojibake finds UTF-8 read as windows-1252 and leaves text in
// Latin-1 letters and punctuation alone.
func TestHasMojibake(t *testing.T) {
	for s, want := range map[string]bool{
		"Die Bahn fÃ¼hrte":       true,
		"Ã©tÃ© Ã  Paris":         true,
		"WaÅ‚Ä™sa":               true,
		"itâ€™s":                 true,
		"führte, été, Wałęsa":    false,
		"jouées à l’université…": false, // é then …: not a whole sequence
		"Groß\u00adbritannien":   false, // ß then a soft hyphen: U+07ED, not text
		"ejemplo para mí”.":      false,
		"Ökonomie » Börse":       false,
		"":                       false,
	} {
		if got := HasMojibake(s); got != want {
			t.Errorf("HasMojibake(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzPageEncoding decodes any bytes to valid UTF-8 without a panic, and
// leaves valid UTF-8 with multi-byte characters as it is, whatever the
// Content-Type says.
func FuzzPageEncoding(f *testing.F) {
	f.Add([]byte("<meta charset=\"iso-8859-1\"><p>f\xc3\xbchrte</p>"), "")
	f.Add([]byte("<p>f\xfchrte</p>"), "text/html; charset=utf-8")
	f.Add([]byte("\xFF\xFE<\x00p\x00>\x00"), "")
	f.Add([]byte("<meta http-equiv=content-type content='text/html;charset=koi8-r'>\xf0\xd2\xc9"), "")
	f.Add([]byte(""), "text/html; charset=")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		out, err := toUTF8(page, contentType)
		if err != nil {
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 out of %q (%q)", page, contentType)
		}
		if multi, invalid := utf8Shape(page); multi && !invalid && !hasBOM(page) && string(out) != string(page) {
			t.Fatalf("valid UTF-8 %q changed to %q (%q)", page, out, contentType)
		}
	})
}

func hasBOM(b []byte) bool {
	return strings.HasPrefix(string(b), "\xEF\xBB\xBF") || strings.HasPrefix(string(b), "\xFE\xFF") || strings.HasPrefix(string(b), "\xFF\xFE")
}
