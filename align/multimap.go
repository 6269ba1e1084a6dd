package align

import "math/bits"

// multimap maps 64-bit keys to lists of int32 values: an open-addressing
// table of keys (linear probing), each slot heading a chain of entries in
// two flat slices. It stands where a Go map of slices stood in the
// aligner's inner loops: there the map's hashing and each key's slice took
// a third of a corpus map's CPU (docs/scale.md), and a
// reset costs one clear of the slots, with no allocation once warm.
type multimap struct {
	keys  []uint64
	head  []int32 // slot → its key's newest entry + 1; 0: an empty slot
	next  []int32 // entry → the key's entry before it + 1; 0: none
	vals  []int32 // entry → its value
	shift uint    // a key's home slot is its product's top bits
}

// reset empties m, sized for n entries.
func (m *multimap) reset(n int) {
	m.size(1 << bits.Len(uint(2*n)))
	m.next, m.vals = m.next[:0], m.vals[:0]
}

// size empties the table of slots and gives it size slots, a power of two.
func (m *multimap) size(size int) {
	if cap(m.head) >= size {
		m.head, m.keys = m.head[:size], m.keys[:size]
		clear(m.head)
	} else {
		m.head, m.keys = make([]int32, size), make([]uint64, size)
	}
	m.shift = 64 - uint(bits.Len(uint(size))-1)
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
func (m *multimap) add(key uint64, v int32) {
	if 2*(len(m.vals)+1) > len(m.head) {
		m.grow()
	}
	s := m.slot(key)
	if e := m.head[s]; e != 0 && m.vals[e-1] == v {
		return
	}
	m.keys[s] = key
	m.next = append(m.next, m.head[s])
	m.vals = append(m.vals, v)
	m.head[s] = int32(len(m.vals))
}

// grow doubles the slots; the entries' chains stay as they are.
func (m *multimap) grow() {
	keys, head := m.keys, m.head
	m.keys, m.head = nil, nil
	m.size(2 * max(len(head), 1))
	for s, e := range head {
		if e != 0 {
			t := m.slot(keys[s])
			m.keys[t], m.head[t] = keys[s], e
		}
	}
}

// first returns key's first entry + 1, or 0 when it has none; the values
// follow as
//
//	for e := m.first(key); e != 0; e = m.next[e-1] { v := m.vals[e-1] … }
func (m *multimap) first(key uint64) int32 { return m.head[m.slot(key)] }
