package lang_test

import (
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

func detect(text string) string { return lang.Detect(text, tokenize.Tokens(text)) }

func TestDetect(t *testing.T) {
	for _, c := range []struct{ want, text string }{
		{"en", "The minister said on Monday that the talks would resume next week, and that both sides had agreed to a ceasefire."},
		{"de", "Der Minister sagte am Montag, dass die Gespräche in der nächsten Woche wieder aufgenommen werden und beide Seiten sich auf eine Waffenruhe geeinigt haben."},
		{"fr", "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine et que les deux parties se sont mises d'accord sur un cessez-le-feu."},
		{"es", "El ministro dijo el lunes que las conversaciones se reanudarán la próxima semana y que las dos partes han acordado un alto el fuego."},
		{"pt", "O ministro disse na segunda-feira que as negociações serão retomadas na próxima semana e que as duas partes concordaram com um cessar-fogo."},
		{"it", "Il ministro ha detto lunedì che i colloqui riprenderanno la prossima settimana e che le due parti hanno concordato una tregua per la popolazione."},
		{"nl", "De minister zei maandag dat de gesprekken volgende week worden hervat en dat beide partijen het eens zijn over een staakt-het-vuren."},
		{"pl", "Minister powiedział w poniedziałek, że rozmowy zostaną wznowione w przyszłym tygodniu i że obie strony zgodziły się na zawieszenie broni."},
		{"sv", "Ministern sade på måndagen att samtalen ska återupptas nästa vecka och att båda sidor har kommit överens om att det inte blir någon strid."},
		{"ru", "Министр заявил в понедельник, что переговоры возобновятся на следующей неделе и что обе стороны уже договорились о прекращении огня."},
		{"uk", "Міністр заявив у понеділок, що переговори відновляться наступного тижня і що обидві сторони вже домовилися про припинення вогню."},
		{"zh", "部长周一表示，谈判将于下周恢复，双方已同意停火。"},
		{"ja", "大臣は月曜日、交渉は来週再開され、双方が停戦に合意したと述べた。"},
		{"ko", "장관은 월요일 협상이 다음 주에 재개될 것이며 양측이 휴전에 합의했다고 말했다."},
		{"ar", "قال الوزير يوم الاثنين إن المحادثات ستستأنف الأسبوع المقبل وإن الطرفين اتفقا على وقف إطلاق النار."},
		{"el", "Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα."},
		{"th", "รัฐมนตรีกล่าวเมื่อวันจันทร์ว่าการเจรจาจะเริ่มขึ้นอีกครั้งในสัปดาห์หน้า"},
		{"hi", "मंत्री ने सोमवार को कहा कि बातचीत अगले सप्ताह फिर से शुरू होगी।"},
		// Too few words, or no function words, to tell.
		{"", "Reuters"},
		{"", "Apple iPhone Samsung Galaxy Pixel"},
		{"", ""},
	} {
		if got := detect(c.text); got != c.want {
			t.Errorf("Detect(%.40q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"The talks resume.", "部长周一表示", "и в не на", "\xff\xfe", "a a a a"} {
		f.Add(s)
	}
	known := map[string]bool{"": true}
	for _, c := range lang.Codes() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		var tz tokenize.Tokenizer
		got := lang.Detect(text, tz.Tokens(text, nil))
		if !known[got] {
			t.Fatalf("Detect(%q) = %q, not a language it knows", text, got)
		}
		// Tokens that do not fit the text are skipped, never read.
		_ = lang.Detect(text[:len(text)/2], tz.Tokens(text, nil))
	})
}

func BenchmarkDetect(b *testing.B) {
	text := "The minister said on Monday that the talks would resume next week, and that both sides had agreed to a ceasefire. "
	for len(text) < 4000 {
		text += text
	}
	toks := tokenize.Tokens(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if lang.Detect(text, toks) != "en" {
			b.Fatal("not English")
		}
	}
}

func TestPrimary(t *testing.T) {
	for tag, want := range map[string]string{"de-AT": "de", "DE": "de", "zh-Hant-TW": "zh", "": ""} {
		if got := lang.Primary(tag); got != want {
			t.Errorf("Primary(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestName(t *testing.T) {
	for _, code := range lang.Codes() {
		if n := lang.Name(code); n == code {
			t.Errorf("no name for %q", code)
		}
	}
	for code, want := range map[string]string{"de-AT": "German", "EN": "English", "x-klingon": "x-klingon", "": ""} {
		if got := lang.Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestIsFunctionWord(t *testing.T) {
	for _, c := range []struct {
		code, word string
		want       bool
	}{
		{"de", "und", true}, {"de", "Und", true}, {"de-AT", "der", true}, {"de", "Regierung", false},
		{"fr", "les", true}, {"fr", "und", false}, {"ru", "только", true}, {"ru", "правительство", false},
		{"en", "the", true}, {"zh", "的", false}, {"", "the", false}, {"xx", "the", false},
	} {
		if got := lang.IsFunctionWord(c.code, c.word); got != c.want {
			t.Errorf("IsFunctionWord(%q, %q) = %v, want %v", c.code, c.word, got, c.want)
		}
	}
}

// TestCrossKey checks the keys that meet across languages: a base form
// and its inflections share one, diacritics and Cyrillic are folded to
// Latin letters, numbers keep their digits whatever their separators.
func TestCrossKey(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"Präsidenten", "prasi"}, {"Präsident", "prasi"}, {"president", "presi"},
		{"президента", "prezi"}, {"президент", "prezi"}, {"Обама", "obama"}, {"налогов", "nalog"},
		{"Straße", "stras"}, {"ÉTÉ", "ete"}, {"gouvernement", "gouve"}, {"año", "ano"},
		{"1.500", "1500"}, {"1,500", "1500"}, {"2019", "2019"}, {"東京都庁", "東京都庁"},
		{"d’Orsay", "dorsa"}, {"", ""}, {"--", ""}, {"\xff\xfe", ""},
	} {
		if got := string(lang.CrossKey(nil, c.word)); got != c.want {
			t.Errorf("CrossKey(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// FuzzCrossKey checks that any input gives a key of at most CrossKeyLen
// letters in valid UTF-8, which is its own key, appended after dst.
func FuzzCrossKey(f *testing.F) {
	for _, s := range []string{"Präsidenten", "президента", "東京", "1.500", "\xff\xfe", "e\u0301t\u0301e", "ǅungla", "İstanbul", "ﬁnance"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		key := lang.CrossKey([]byte("x"), word)
		if key[0] != 'x' {
			t.Fatalf("CrossKey(%q) overwrote dst: %q", word, key)
		}
		key = key[1:]
		if !utf8.Valid(key) || utf8.RuneCount(key) > lang.CrossKeyLen {
			t.Fatalf("CrossKey(%q) = %q: not valid UTF-8 of at most %d letters", word, key, lang.CrossKeyLen)
		}
		if again := lang.CrossKey(nil, string(key)); string(again) != string(key) {
			t.Fatalf("CrossKey(%q) = %q, whose key is %q", word, key, again)
		}
	})
}

func TestIsTag(t *testing.T) {
	for s, want := range map[string]bool{
		"fr": true, "pt-BR": true, "zh-Hant-TW": true, "DE": true, "ast": true, "es-419": true,
		"": false, "f": false, "fren": false, "fr CA": false, "fr-": false, "-fr": false, "fr_CA": false,
		"12": false, "fr-abcdefghi": false, "é": false, "fr-\u00e9": false,
	} {
		if got := lang.IsTag(s); got != want {
			t.Errorf("IsTag(%q) = %v, want %v", s, got, want)
		}
	}
}
