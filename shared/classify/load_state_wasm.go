//go:build wasm

package classify

// loadState reads an entry of a loaded matcher's lazily derived tables (dense rows). WebAssembly
// runs Go on one thread, so a plain load is safe; sync/atomic's would be a call that the
// compiler does not inline there, on the hottest path of the matcher.
func loadState(p *uint32) uint32 { return *p }
