// Command wasmdata rewrites a WebAssembly module built by Go with its data segments joined
// across short runs of zeros (see mergeData): the same module, gzipped ≈ 93 KB smaller for
// core.wasm. `make wasm` runs it on extension/dist/core.wasm.
//
// Usage: go run ./wasm/cmd/wasmdata FILE.wasm (rewritten in place)
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmdata FILE.wasm")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(path string) error {
	mod, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, _, _, err := mergeData(mod, maxGap)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, out, 0o644)
}
