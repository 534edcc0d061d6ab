package number

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The catalogue (couriers/*.json, carriers.json, iso3166.txt) is compiled at `go generate` time
// (TestCompiledCatalog -update) into compiled/catalog.bin, which the first Parse loads: reading
// flat tables is one pass over the bytes with a few hundred allocations, where decoding the JSON
// and compiling every pattern cost eleven thousand — hundreds of milliseconds in WebAssembly.
// The JSON stays the source: TestCompiledCatalog fails when the .bin no longer matches it.
//
//go:generate go test -run ^TestCompiledCatalog$ -update .

//go:embed compiled/catalog.bin
var compiledCatalog string

// compiledMagic starts the compiled file; change it when the layout changes.
const compiledMagic = "orderwatch number catalog v1\n"

// encodeCatalog writes c as: magic, counts (byte sets, instructions, patterns), the byte-set
// table, the ISO country names, then each format. Numbers are uvarints (an index that may be
// -1 is stored plus one), strings are length-prefixed, a byte set is 4 little-endian uint64s
// stored once and referred to by index. What the loader derives (byID, byFirst, the exact
// lookup maps) is left out.
func encodeCatalog(c *catalog) []byte {
	e := &encoder{sets: map[byteSet]int{}}
	e.uint(uint64(c.slots))
	keys := make([]string, 0, len(c.iso))
	for k := range c.iso {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(c.iso[k])
	}
	e.uint(uint64(len(c.formats)))
	for _, f := range c.formats {
		e.format(f)
	}
	out := []byte(compiledMagic)
	out = binary.AppendUvarint(out, uint64(len(e.setList)))
	out = binary.AppendUvarint(out, uint64(e.insts))
	out = binary.AppendUvarint(out, uint64(e.patterns))
	for _, s := range e.setList {
		for _, w := range s {
			out = binary.LittleEndian.AppendUint64(out, w)
		}
	}
	return append(out, e.buf...)
}

type encoder struct {
	buf      []byte
	sets     map[byteSet]int
	setList  []byteSet
	insts    int
	patterns int
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) int(v int)     { e.buf = binary.AppendVarint(e.buf, int64(v)) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.buf = append(e.buf, s...) }
func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) strs(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// setIndex is the index of s in the byte-set table, adding it when new.
func (e *encoder) setIndex(s byteSet) int {
	i, ok := e.sets[s]
	if !ok {
		i = len(e.setList)
		e.sets[s] = i
		e.setList = append(e.setList, s)
	}
	return i
}

// pattern writes an optional pattern: 0 for nil, else 1 and the pattern.
func (e *encoder) pattern(p *pattern) {
	e.bool(p != nil)
	if p == nil {
		return
	}
	e.patterns++
	e.insts += len(p.prog)
	e.str(p.src)
	e.strs(p.names)
	e.uint(uint64(p.minLen))
	e.int(p.maxLen)
	e.uint(uint64(e.setIndex(p.first)))
	e.bool(p.empty)
	e.bool(p.letter)
	e.uint(uint64(len(p.prog)))
	for _, in := range p.prog {
		e.buf = append(e.buf, byte(in.op))
		e.bool(in.neg)
		e.uint(uint64(in.n))
		e.uint(uint64(in.x))
		e.uint(uint64(in.y))
		if in.set == nil {
			e.uint(0)
		} else {
			e.uint(uint64(e.setIndex(*in.set) + 1))
		}
	}
}

func (e *encoder) format(f *format) {
	for _, s := range []string{f.id, f.name, f.carrier, f.carrierID, string(f.kind), f.evidence, f.source} {
		e.str(s)
	}
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(f.prior))
	e.pattern(f.pat)
	e.uint(uint64(f.serial + 1))
	e.uint(uint64(f.check + 1))
	e.uint(uint64(f.country + 1))
	e.bool(f.sum != nil)
	if s := f.sum; s != nil {
		e.str(s.Name)
		e.int(s.EvensMultiplier)
		e.int(s.OddsMultiplier)
		e.bool(s.Reverse)
		e.uint(uint64(len(s.Weightings)))
		for _, w := range s.Weightings {
			e.int(w)
		}
		e.int(s.Modulo)
		e.int(s.Modulo1)
		e.int(s.Modulo2)
	}
	e.pattern(f.prependIf)
	e.str(f.prepend)
	e.uint(uint64(len(f.lookups)))
	for _, l := range f.lookups {
		e.str(l.name)
		e.uint(uint64(l.slot))
		e.uint(uint64(len(l.entries)))
		for _, le := range l.entries {
			e.str(le.matches)
			e.pattern(le.re)
			e.str(le.name)
			e.str(le.courier)
			e.str(le.courierURL)
			e.str(le.country)
		}
	}
	exists := make([]string, 0, len(f.mustExist))
	for k := range f.mustExist {
		exists = append(exists, k)
	}
	slices.Sort(exists)
	e.strs(exists)
	e.str(f.trackingURL)
	e.uint(uint64(len(f.links)))
	for _, l := range f.links {
		e.str(l.Name)
		e.str(l.URL)
	}
	e.bool(f.lettered)
	e.strs(f.valid)
	e.strs(f.invalid)
	e.str(f.whyMatch)
	e.str(f.whyEvidence)
	e.str(f.whyCheck)
}

var errTruncated = errors.New("truncated")

// decoder reads the compiled form; strings are slices of the embedded data, so they cost no
// allocation. The first error sticks and every later read returns zero.
type decoder struct {
	s    string
	pos  int
	err  error
	sets []byteSet
	prog []inst    // instructions not yet handed to a pattern
	pats []pattern // patterns not yet handed out
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; ; shift += 7 {
		if d.pos >= len(d.s) || shift > 63 {
			d.err = errTruncated
			return 0
		}
		b := d.s[d.pos]
		d.pos++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
}

// count reads a length or index that must be below limit.
func (d *decoder) count(limit int) int {
	v := d.uint()
	if d.err == nil && v >= uint64(limit) {
		d.err = fmt.Errorf("value %d out of range at %d", v, d.pos)
		return 0
	}
	return int(v)
}

func (d *decoder) int() int {
	u := d.uint()
	return int(int64(u>>1) ^ -int64(u&1))
}

func (d *decoder) bool() bool { return d.count(2) == 1 }

func (d *decoder) str() string {
	u := d.uint()
	if d.err == nil && u > uint64(len(d.s)-d.pos) {
		d.err = errTruncated
	}
	if d.err != nil {
		return ""
	}
	n := int(u)
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s
}

func (d *decoder) u64() uint64 {
	if d.err != nil || d.pos+8 > len(d.s) {
		d.err = errTruncated
		return 0
	}
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(d.s[d.pos+i])
	}
	d.pos += 8
	return v
}

// strs reads a list of strings; an empty list is nil, as the JSON decoder leaves absent lists.
func (d *decoder) strs() []string {
	n := d.count(len(d.s) + 1)
	if n == 0 || d.err != nil {
		return nil
	}
	list := make([]string, n)
	for i := range list {
		list[i] = d.str()
	}
	return list
}

func (d *decoder) pattern() *pattern {
	if !d.bool() {
		return nil
	}
	if len(d.pats) == 0 {
		d.err = errors.New("more patterns than counted")
		return nil
	}
	p := &d.pats[0]
	d.pats = d.pats[1:]
	p.src = d.str()
	p.names = d.strs()
	p.minLen = int(d.uint())
	p.maxLen = d.int()
	if i := d.count(len(d.sets)); d.err == nil {
		p.first = d.sets[i]
	}
	p.empty = d.bool()
	p.letter = d.bool()
	n := d.count(len(d.prog) + 1)
	p.prog = d.prog[:n:n]
	d.prog = d.prog[n:]
	for i := range p.prog {
		in := &p.prog[i]
		in.op = opcode(d.count(int(opMatch) + 1))
		in.neg = d.bool()
		in.n = d.count(max(2*len(p.names), 1))
		in.x = d.count(n + 1)
		in.y = d.count(n + 1)
		if s := d.count(len(d.sets) + 1); s > 0 {
			in.set = &d.sets[s-1]
		}
	}
	if in := p.prog; d.err == nil && (len(in) == 0 || in[len(in)-1].op != opMatch) {
		d.err = fmt.Errorf("pattern %q does not end in a match", p.src)
	}
	return p
}

// decodeCatalog loads a catalogue written by encodeCatalog.
func decodeCatalog(s string) (*catalog, error) {
	if len(s) < len(compiledMagic) || s[:len(compiledMagic)] != compiledMagic {
		return nil, errors.New("number: compiled catalogue: not a catalogue of this version; run `go generate ./shared/number`")
	}
	d := &decoder{s: s, pos: len(compiledMagic)}
	// Every table entry takes some bytes of the file, which bounds the counts before anything
	// is allocated for them: a damaged count is an error, not a huge allocation.
	nsets, ninsts, npats := d.count(len(s)/32+1), d.count(len(s)/6+1), d.count(len(s)/10+1)
	if d.err == nil {
		d.sets = make([]byteSet, nsets)
		for i := range d.sets {
			for w := range d.sets[i] {
				d.sets[i][w] = d.u64()
			}
		}
		d.prog = make([]inst, ninsts)
		d.pats = make([]pattern, npats)
	}
	c := &catalog{slots: int(d.uint())}
	niso := d.count(len(s)/2 + 1)
	c.iso = make(map[string]string, niso)
	for range niso {
		k := d.str()
		c.iso[k] = d.str()
	}
	nf := d.count(len(s)/20 + 1)
	if d.err == nil {
		all := make([]format, nf)
		c.formats = make([]*format, nf)
		for i := range all {
			c.formats[i] = &all[i]
			d.format(&all[i])
		}
	}
	if d.err == nil && d.pos != len(s) {
		d.err = fmt.Errorf("%d bytes left over", len(s)-d.pos)
	}
	if d.err != nil {
		return nil, fmt.Errorf("number: compiled catalogue: %w", d.err)
	}
	if err := c.index(); err != nil {
		return nil, err
	}
	return c, nil
}

func (d *decoder) format(f *format) {
	f.id, f.name, f.carrier, f.carrierID = d.str(), d.str(), d.str(), d.str()
	f.kind, f.evidence, f.source = Kind(d.str()), d.str(), d.str()
	f.prior = math.Float64frombits(d.u64())
	f.pat = d.pattern()
	if f.pat == nil {
		d.err = fmt.Errorf("format %q has no pattern", f.id)
		return
	}
	slots := len(f.pat.names) + 1
	f.serial, f.check, f.country = d.count(slots)-1, d.count(slots)-1, d.count(slots)-1
	if d.bool() {
		s := &checksum{Name: d.str(), EvensMultiplier: d.int(), OddsMultiplier: d.int(), Reverse: d.bool()}
		if n := d.count(len(d.s) + 1); n > 0 && d.err == nil {
			s.Weightings = make([]int, n)
			for i := range s.Weightings {
				s.Weightings[i] = d.int()
			}
		}
		s.Modulo, s.Modulo1, s.Modulo2 = d.int(), d.int(), d.int()
		f.sum = s
	}
	f.prependIf = d.pattern()
	f.prepend = d.str()
	if n := d.count(len(d.s) + 1); n > 0 && d.err == nil {
		f.lookups = make([]lookup, n)
		for i := range f.lookups {
			l := &f.lookups[i]
			l.name = d.str()
			l.slot = d.count(slots - 1)
			ne := d.count(len(d.s) + 1)
			if d.err != nil {
				return
			}
			l.entries = make([]lookupEntry, 0, ne)
			for range ne {
				l.add(lookupEntry{matches: d.str(), re: d.pattern(), name: d.str(), courier: d.str(), courierURL: d.str(), country: d.str()})
			}
		}
	}
	if exists := d.strs(); exists != nil {
		f.mustExist = make(map[string]bool, len(exists))
		for _, name := range exists {
			f.mustExist[name] = true
		}
	}
	f.trackingURL = d.str()
	if n := d.count(len(d.s) + 1); n > 0 && d.err == nil {
		f.links = make([]Link, n)
		for i := range f.links {
			f.links[i] = Link{Name: d.str(), URL: d.str()}
		}
	}
	f.lettered = d.bool()
	f.valid, f.invalid = d.strs(), d.strs()
	f.whyMatch, f.whyEvidence, f.whyCheck = d.str(), d.str(), d.str()
}
