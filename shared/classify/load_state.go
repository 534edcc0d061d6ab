//go:build !wasm

package classify

import "sync/atomic"

// loadState reads an entry of a loaded matcher's lazily derived tables (dense rows): atomically,
// as other goroutines may be storing it (see matcher.nextOf). On amd64 and arm64 this compiles
// to a plain load.
func loadState(p *uint32) uint32 { return atomic.LoadUint32(p) }
