package stemma_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    time.Time
		dayOnly bool
		bad     bool
	}{
		{in: ""},
		{in: "  "},
		{in: "1987-10-20", want: time.Date(1987, 10, 20, 0, 0, 0, 0, time.UTC), dayOnly: true},
		{in: " 1987-10-20\n", want: time.Date(1987, 10, 20, 0, 0, 0, 0, time.UTC), dayOnly: true},
		{in: "1987-10-20T17:45:20Z", want: time.Date(1987, 10, 20, 17, 45, 20, 0, time.UTC)},
		{in: "1987-10-20T17:45:20.5Z", want: time.Date(1987, 10, 20, 17, 45, 20, 5e8, time.UTC)},
		{in: "1987-10-20T23:45:20-05:00", want: time.Date(1987, 10, 21, 4, 45, 20, 0, time.UTC)},
		{in: "1987-10-20T17:45:20", want: time.Date(1987, 10, 20, 17, 45, 20, 0, time.UTC)},
		{in: "1987-10-20T17:45", want: time.Date(1987, 10, 20, 17, 45, 0, 0, time.UTC)},
		{in: "1987-10-20 17:45:20", want: time.Date(1987, 10, 20, 17, 45, 20, 0, time.UTC)},
		{in: "20/10/1987", bad: true},
		{in: "1987-13-01", bad: true},
		{in: "yesterday", bad: true},
	} {
		got, dayOnly, err := stemma.ParseDate(tc.in)
		if tc.bad {
			if !errors.Is(err, stemma.ErrBadDate) {
				t.Errorf("ParseDate(%q) error %v, want ErrBadDate", tc.in, err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) || dayOnly != tc.dayOnly || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v, %v; want %v, %v", tc.in, got, dayOnly, err, tc.want, tc.dayOnly)
		}
	}
}

func doc(s string) stemma.Doc {
	var d stemma.Doc
	t, dayOnly, err := stemma.ParseDate(s)
	if err != nil {
		panic(err)
	}
	d.SetDate(t, dayOnly)
	return d
}

func TestComparePublished(t *testing.T) {
	for _, tc := range []struct {
		a, b      string
		published int // ComparePublished(a, b)
		keys      int // CompareDateKeys(a, b)
	}{
		{"1987-03-19T10:00:00Z", "1987-03-19T15:00:00Z", -1, -1},
		{"1987-03-19T15:00:00Z", "1987-03-19T10:00:00Z", 1, 1},
		{"1987-03-19T10:00:00Z", "1987-03-19T10:00:00Z", 0, 0},
		// A day covers the whole day: contemporaneous with its times.
		{"1987-03-19", "1987-03-19T15:00:00Z", 0, -1},
		{"1987-03-19T15:00:00Z", "1987-03-19", 0, 1},
		{"1987-03-19", "1987-03-19T00:00:00Z", 0, -1},
		{"1987-03-19", "1987-03-19", 0, 0},
		{"1987-03-19", "1987-03-20T00:30:00Z", -1, -1},
		{"1987-03-19T23:59:00Z", "1987-03-20", -1, -1},
		{"1987-03-20", "1987-03-19T23:59:00Z", 1, 1},
		// Undated: no order, sorted last.
		{"", "1987-03-19", 0, 1},
		{"1987-03-19", "", 0, -1},
		{"", "", 0, 0},
	} {
		a, b := doc(tc.a), doc(tc.b)
		if got := stemma.ComparePublished(&a, &b); got != tc.published {
			t.Errorf("ComparePublished(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.published)
		}
		if got := stemma.CompareDateKeys(&a, &b); got != tc.keys {
			t.Errorf("CompareDateKeys(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.keys)
		}
	}
}

func TestSetDate(t *testing.T) {
	var d stemma.Doc
	d.SetDate(time.Date(1987, 3, 19, 15, 30, 0, 0, time.FixedZone("EST", -5*3600)), true)
	if !d.DayOnly || !d.Date.Equal(time.Date(1987, 3, 19, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("day-only SetDate: %v, day only %v", d.Date, d.DayOnly)
	}
	if got := d.FormatDate(); got != "1987-03-19" {
		t.Errorf("FormatDate = %q", got)
	}
	d.SetDate(time.Date(1987, 3, 19, 15, 30, 0, 0, time.UTC), false)
	if d.DayOnly || d.FormatDate() != "1987-03-19 15:30 UTC" {
		t.Errorf("timed SetDate: %v, %q", d.DayOnly, d.FormatDate())
	}
	d.SetDate(time.Time{}, true)
	if d.DayOnly || d.Dated() || d.FormatDate() != "undated" {
		t.Errorf("zero SetDate: dated %v, day only %v", d.Dated(), d.DayOnly)
	}
}

// FuzzParseDate: any string parses or is refused with ErrBadDate, never a
// panic; a date is in UTC, and a day-only date is its day's midnight.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"", "1987-10-20", "1987-10-20T17:45:20Z", "1987-10-20T17:45:20.123+05:30", "1987-10-20 17:45:20", "0000-01-01", "9999-12-31T23:59:59Z", "20/10/1987"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, dayOnly, err := stemma.ParseDate(s)
		if err != nil {
			if !errors.Is(err, stemma.ErrBadDate) {
				t.Fatalf("ParseDate(%q): error %v is not ErrBadDate", s, err)
			}
			return
		}
		if !got.IsZero() && got.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) = %v, not UTC", s, got)
		}
		if dayOnly && (got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0) {
			t.Fatalf("ParseDate(%q) = %v, day only but not midnight", s, got)
		}
		var d stemma.Doc
		d.SetDate(got, dayOnly)
		if c := stemma.ComparePublished(&d, &d); c != 0 {
			t.Fatalf("%q: a date is not contemporaneous with itself (%d)", s, c)
		}
	})
}
