package index

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/stemmanews/stemma"
)

func docKey(num uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{'d'}, num)
}

func idKey(id string) []byte { return append([]byte{'i'}, id...) }

func sourceKey(src string) []byte { return append([]byte{'s'}, src...) }

// Document record flags.
const (
	flagDated      = 1 << 0
	flagAuthorLang = 1 << 1 // Author and Lang follow the date
	flagDayOnly    = 1 << 2 // the date gives only the day
)

// encodeDoc appends the document record of d to dst.
func encodeDoc(dst []byte, d *stemma.Doc) []byte {
	for _, s := range [...]string{d.ID, d.Source, d.URL, d.Title} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	var flags byte
	if d.Dated() {
		flags |= flagDated
		if d.DayOnly {
			flags |= flagDayOnly
		}
	}
	if d.Author != "" || d.Lang != "" {
		flags |= flagAuthorLang
	}
	dst = append(dst, flags)
	if d.Dated() {
		dst = binary.AppendVarint(dst, d.Date.UnixNano())
	}
	if flags&flagAuthorLang != 0 {
		for _, s := range [...]string{d.Author, d.Lang} {
			dst = binary.AppendUvarint(dst, uint64(len(s)))
			dst = append(dst, s...)
		}
	}
	return append(dst, d.Text...)
}

// decodeDoc decodes a document record. With withText false the text is
// left empty, which saves a copy when only metadata is wanted.
func decodeDoc(b []byte, withText bool) (stemma.Doc, error) {
	var fields [4]string
	for i := range fields {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return stemma.Doc{}, fmt.Errorf("%w: document record field %d", ErrCorrupt, i)
		}
		fields[i] = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	d := stemma.Doc{ID: fields[0], Source: fields[1], URL: fields[2], Title: fields[3]}
	if len(b) == 0 {
		return stemma.Doc{}, fmt.Errorf("%w: document record flags", ErrCorrupt)
	}
	flags := b[0]
	b = b[1:]
	if flags&^(flagDated|flagAuthorLang|flagDayOnly) != 0 || flags&(flagDated|flagDayOnly) == flagDayOnly {
		return stemma.Doc{}, fmt.Errorf("%w: document record flags %#x", ErrCorrupt, flags)
	}
	if flags&flagDated != 0 {
		ns, k := binary.Varint(b)
		if k <= 0 {
			return stemma.Doc{}, fmt.Errorf("%w: document record date", ErrCorrupt)
		}
		d.Date = time.Unix(0, ns).UTC()
		d.DayOnly = flags&flagDayOnly != 0
		b = b[k:]
	}
	if flags&flagAuthorLang != 0 {
		var al [2]string
		for i := range al {
			n, k := binary.Uvarint(b)
			if k <= 0 || uint64(len(b)-k) < n {
				return stemma.Doc{}, fmt.Errorf("%w: document record author/lang", ErrCorrupt)
			}
			al[i] = string(b[k : k+int(n)])
			b = b[k+int(n):]
		}
		d.Author, d.Lang = al[0], al[1]
	}
	if withText {
		d.Text = string(b)
	}
	return d, nil
}
