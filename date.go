package stemma

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadDate is wrapped by the error [ParseDate] returns for a string that
// is not a date.
var ErrBadDate = errors.New("stemma: bad date")

// dateLayouts are the forms [ParseDate] accepts, with whether each gives
// only the day. The forms without a zone are read in UTC.
var dateLayouts = []struct {
	layout  string
	dayOnly bool
}{
	{time.RFC3339Nano, false},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02", true},
}

// ParseDate parses a publication date as the command line, the API and
// JSONL give it: RFC 3339 ("1987-10-20T17:45:20Z"), a date and time without
// a zone (UTC), or a day ("1987-10-20"), for which dayOnly is set and t is
// midnight UTC. The empty string is no date: t is zero and err nil. t is
// always in UTC.
func ParseDate(s string) (t time.Time, dayOnly bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.UTC(), l.dayOnly, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%w %q: want RFC 3339 (1987-10-20T17:45:20Z) or YYYY-MM-DD", ErrBadDate, s)
}

// SetDate sets the document's date from [ParseDate]'s results.
func (d *Doc) SetDate(t time.Time, dayOnly bool) {
	d.Date, d.DayOnly = t.UTC(), dayOnly && !t.IsZero()
	if d.DayOnly {
		d.Date = d.Date.Truncate(24 * time.Hour)
	}
}

// ComparePublished orders the publication of two dated documents: -1 when
// a appeared before b, +1 when after, and 0 when their dates cannot order
// them: the same instant, or the same UTC day when either date gives only
// the day (a day-only date covers its whole day, so a document from later
// that day is contemporaneous, not later). An undated document compares
// as 0 with every other: nothing is known of its order.
//
// Contemporaneity is not transitive (a day-only date is contemporaneous
// with 09:00 and 17:00 of its day, which are ordered), so sort with
// [CompareDateKeys] and use ComparePublished to ask whether one document
// can have copied another.
func ComparePublished(a, b *Doc) int {
	if !a.Dated() || !b.Dated() {
		return 0
	}
	if a.DayOnly || b.DayOnly {
		return utcDay(a.Date).Compare(utcDay(b.Date))
	}
	return a.Date.Compare(b.Date)
}

// CompareDateKeys is a total order for sorting documents by date: dated
// before undated, earlier first, and on one day a day-only date before the
// times of that day (its midnight). Documents it puts first can be
// contemporaneous with later ones; see [ComparePublished].
func CompareDateKeys(a, b *Doc) int {
	switch {
	case a.Dated() && b.Dated():
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		switch {
		case a.DayOnly == b.DayOnly:
			return 0
		case a.DayOnly:
			return -1
		}
		return 1
	case a.Dated():
		return -1
	case b.Dated():
		return 1
	}
	return 0
}

// utcDay returns midnight UTC of t's day.
func utcDay(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// FormatDate writes the document's date as a reader wants it: the day for
// a day-only date, the day and UTC time otherwise, and "undated".
func (d *Doc) FormatDate() string {
	switch {
	case !d.Dated():
		return "undated"
	case d.DayOnly:
		return d.Date.Format("2006-01-02")
	}
	return d.Date.Format("2006-01-02 15:04 UTC")
}
