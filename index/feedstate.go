package index

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// FeedState is what a feed poller remembers about one feed between runs:
// the validators of its last good response, for conditional GET.
type FeedState struct {
	ETag         string
	LastModified string
}

func feedKey(url string) []byte { return append([]byte{'w'}, url...) }

// FeedState returns the stored state of the feed at url, or an error
// wrapping ErrNotFound.
func (ix *Index) FeedState(url string) (FeedState, error) {
	v, err := ix.get(feedKey(url))
	if err != nil {
		return FeedState{}, fmt.Errorf("feed %q: %w", url, err)
	}
	var f [2]string
	for i := range f {
		n, k := binary.Uvarint(v)
		if k <= 0 || uint64(len(v)-k) < n {
			return FeedState{}, fmt.Errorf("feed %q: %w: feed state record", url, ErrCorrupt)
		}
		f[i] = string(v[k : k+int(n)])
		v = v[k+int(n):]
	}
	return FeedState{ETag: f[0], LastModified: f[1]}, nil
}

// SetFeedState stores the state of the feed at url, durably.
func (ix *Index) SetFeedState(url string, s FeedState) error {
	if ix.opts.ReadOnly {
		return errors.New("index: feed state in read-only index " + ix.dir)
	}
	var v []byte
	for _, x := range [...]string{s.ETag, s.LastModified} {
		v = binary.AppendUvarint(v, uint64(len(x)))
		v = append(v, x...)
	}
	return ix.db.Set(feedKey(url), v, pebble.Sync)
}
