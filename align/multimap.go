package align

import "math/bits"

// multimap maps 64-bit keys to lists of int32 values: an open-addressing
// table of keys (linear probing), each slot heading a chain of entries in
// two flat slices. It stands where a Go map of slices stood in the
// aligner's inner loops (docs/scale.md): a reset costs one clear of the
// slots, with no allocation once warm, and no key needs a slice of its
// own. It holds at most the entries reset was given room for.
type multimap struct {
	keys  []uint64
	head  []int32 // slot → its key's newest entry + 1; 0: an empty slot
	next  []int32 // entry → the key's entry before it + 1; 0: none
	vals  []int32 // entry → its value
	shift uint    // a key's home slot is its product's top bits
}

// reset empties m, with room for n entries: more than twice as many
// slots, so that probes stay short.
func (m *multimap) reset(n int) {
	size := 1 << bits.Len(uint(2*n))
	if cap(m.head) >= size {
		m.head, m.keys = m.head[:size], m.keys[:size]
		clear(m.head)
	} else {
		m.head, m.keys = make([]int32, size), make([]uint64, size)
	}
	m.shift = 64 - uint(bits.Len(uint(size))-1)
	m.next, m.vals = m.next[:0], m.vals[:0]
}

// slot returns the slot of key, or the empty slot where it would go.
func (m *multimap) slot(key uint64) int {
	mask := len(m.head) - 1
	s := int((key*0x9e3779b97f4a7c15)>>m.shift) & mask // Fibonacci hashing
	for m.head[s] != 0 && m.keys[s] != key {
		s = (s + 1) & mask
	}
	return s
}

// add puts v first in key's values, unless it is already first there.
// There must be room: reset(n) then at most n adds.
func (m *multimap) add(key uint64, v int32) {
	s := m.slot(key)
	if e := m.head[s]; e != 0 && m.vals[e-1] == v {
		return
	}
	m.keys[s] = key
	m.next = append(m.next, m.head[s])
	m.vals = append(m.vals, v)
	m.head[s] = int32(len(m.vals))
}

// first returns key's first entry + 1, or 0 when it has none; the values
// follow as
//
//	for e := m.first(key); e != 0; e = m.next[e-1] { v := m.vals[e-1] … }
func (m *multimap) first(key uint64) int32 { return m.head[m.slot(key)] }
