package quote

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// This file reads brat standoff annotation (.ann files), the format of
// PolNeAR (see [LoadPolNeAR]). A .ann file annotates one .txt file, one
// record a line, fields separated by tabs:
//
//	T3	Content 120 211;215 230	the surface text
//	E1	Attribution:T4 Content:T3 Cue:T2 Source:T1
//	#1	AnnotatorNotes T66	a note
//
// A T (text-bound) record has a type, one or more segments "start end"
// separated by ";", and the surface text: the segments' text joined by a
// space. The offsets count characters (Unicode code points) of the .txt,
// not bytes. A surface text holding a newline goes on over the next lines
// of the file. An E (event) record has a type and trigger "Type:T4", then
// role:argument pairs. Other records (# notes, A attributes, R relations,
// N normalisations, * equivalences) are read over and not kept.

// ErrBadBrat marks a line of a brat .ann file that cannot be read or does
// not fit its text.
var ErrBadBrat = errors.New("quote: bad brat annotation")

// BratSpan is a text-bound annotation (a T record).
type BratSpan struct {
	ID   string // "T3"
	Type string // "Content", "Source", "Cue", …
	// Segments are the annotated stretches as byte offsets into the text,
	// in the order of the file.
	Segments []stemma.Span
	// Line is the record's line in the file, from 1.
	Line int
}

// Extent is the span from the first segment's start to the last's end.
func (s BratSpan) Extent() stemma.Span {
	if len(s.Segments) == 0 {
		return stemma.Span{}
	}
	out := s.Segments[0]
	for _, g := range s.Segments[1:] {
		out.Start, out.End = min(out.Start, g.Start), max(out.End, g.End)
	}
	return out
}

// BratEvent is an event (an E record): a type, a trigger and arguments by
// role, each naming a [BratSpan] by ID.
type BratEvent struct {
	ID      string // "E1"
	Type    string // "Attribution"
	Trigger string // "T4"
	// Args are the role:argument pairs after the trigger, in order
	// ("Content" → "T3"); a role may repeat.
	Args []BratArg
	Line int
}

// BratArg is one role:argument pair of an event.
type BratArg struct {
	Role, ID string
}

// Arg returns the IDs of the arguments with the given role, or with that
// role and a number ("Content2"), in order.
func (e BratEvent) Arg(role string) []string {
	var out []string
	for _, a := range e.Args {
		r := strings.TrimRight(a.Role, "0123456789")
		if r == role {
			out = append(out, a.ID)
		}
	}
	return out
}

// Brat is one .ann file read against its text.
type Brat struct {
	Spans  map[string]BratSpan
	Events []BratEvent
	// Skipped holds one error (wrapping [ErrBadBrat]) for each line that was
	// skipped, naming the file and the line, and for each event that names a
	// span the file lacks.
	Skipped []error
}

// ReadBrat reads the brat standoff annotation ann of text; name (the file's
// name) is used in errors. Lines that cannot be read, or whose offsets do not
// fit text, or whose surface text differs from the text at its offsets, are
// skipped, each with an error in [Brat.Skipped]; ReadBrat itself never fails
// and never panics. It costs time linear in the sizes of text and ann.
func ReadBrat(name, ann, text string) *Brat {
	b := &Brat{Spans: map[string]BratSpan{}}
	// starts[i] is the byte offset of the i-th character of text.
	starts := make([]int, 0, len(text)+1)
	for i := range text {
		starts = append(starts, i)
	}
	starts = append(starts, len(text))
	skip := func(line int, format string, args ...any) {
		b.Skipped = append(b.Skipped, fmt.Errorf("%s line %d: %w: %w", name, line, ErrBadBrat, fmt.Errorf(format, args...)))
	}
	lines := strings.Split(ann, "\n")
	for n := 0; n < len(lines); n++ {
		line := strings.TrimSuffix(lines[n], "\r")
		no := n + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		id, rest, ok := strings.Cut(line, "\t")
		if !ok || !validID(id) {
			skip(no, "not a record: %q", clip(line, 60))
			continue
		}
		switch id[0] {
		case 'T':
			head, surface, ok := strings.Cut(rest, "\t")
			if !ok {
				skip(no, "text-bound record %s has no surface text", id)
				continue
			}
			typ, offs, ok := strings.Cut(head, " ")
			if !ok || typ == "" {
				skip(no, "text-bound record %s has no offsets", id)
				continue
			}
			segs, want, err := segments(offs, starts)
			if err != nil {
				skip(no, "%s: %w", id, err)
				continue
			}
			// The surface text goes on over the next lines while it is
			// shorter than the segments' text.
			first := no
			for utf8.RuneCountInString(surface) < want && n+1 < len(lines) && !isRecord(lines[n+1]) {
				n++
				surface += "\n" + strings.TrimSuffix(lines[n], "\r")
			}
			var parts []string
			for _, g := range segs {
				parts = append(parts, text[g.Start:g.End])
			}
			if got := strings.Join(parts, " "); got != surface {
				skip(first, "%s: surface text %q differs from the text at its offsets, %q", id, clip(surface, 40), clip(got, 40))
				continue
			}
			if _, dup := b.Spans[id]; dup {
				skip(first, "%s defined twice", id)
				continue
			}
			b.Spans[id] = BratSpan{ID: id, Type: typ, Segments: segs, Line: first}
		case 'E':
			fs := strings.Fields(rest)
			if len(fs) == 0 {
				skip(no, "event %s is empty", id)
				continue
			}
			typ, trig, ok := strings.Cut(fs[0], ":")
			if !ok || typ == "" || !validID(trig) {
				skip(no, "event %s: bad trigger %q", id, fs[0])
				continue
			}
			e := BratEvent{ID: id, Type: typ, Trigger: trig, Line: no}
			bad := false
			for _, f := range fs[1:] {
				role, arg, ok := strings.Cut(f, ":")
				if !ok || role == "" || !validID(arg) {
					skip(no, "event %s: bad argument %q", id, f)
					bad = true
					break
				}
				e.Args = append(e.Args, BratArg{Role: role, ID: arg})
			}
			if !bad {
				b.Events = append(b.Events, e)
			}
		}
	}
	// Events may name spans defined after them; check once all are read.
	b.Events = slices.DeleteFunc(b.Events, func(e BratEvent) bool {
		for _, id := range append([]string{e.Trigger}, argIDs(e)...) {
			if _, ok := b.Spans[id]; !ok {
				skip(e.Line, "event %s names %s, which is not a valid text-bound record of the file", e.ID, id)
				return true
			}
		}
		return false
	})
	return b
}

func argIDs(e BratEvent) []string {
	out := make([]string, len(e.Args))
	for i, a := range e.Args {
		out[i] = a.ID
	}
	return out
}

// segments parses "120 211;215 230" into byte spans, and returns the length
// in characters of their surface text (the segments joined by spaces).
func segments(offs string, starts []int) ([]stemma.Span, int, error) {
	var out []stemma.Span
	chars := 0
	for _, seg := range strings.Split(offs, ";") {
		a, z, ok := strings.Cut(strings.TrimSpace(seg), " ")
		if !ok {
			return nil, 0, fmt.Errorf("bad segment %q", seg)
		}
		s, err1 := strconv.Atoi(a)
		e, err2 := strconv.Atoi(z)
		if err1 != nil || err2 != nil {
			return nil, 0, fmt.Errorf("bad segment %q", seg)
		}
		if s < 0 || e < s || e >= len(starts) {
			return nil, 0, fmt.Errorf("segment %d-%d outside the text of %d characters", s, e, len(starts)-1)
		}
		if len(out) > 0 {
			chars++
		}
		chars += e - s
		out = append(out, stemma.Span{Start: starts[s], End: starts[e]})
	}
	return out, chars, nil
}

// validID reports whether s is a record ID: a letter (or "#", "*") and
// digits, or a lone "*".
func validID(s string) bool {
	if s == "*" {
		return true
	}
	if len(s) < 1 || !strings.ContainsRune("TERAMN#", rune(s[0])) {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s[0] == '#' || len(s) > 1
}

// isRecord reports whether a line of a .ann file starts a record.
func isRecord(line string) bool {
	id, _, ok := strings.Cut(line, "\t")
	return ok && validID(id)
}
