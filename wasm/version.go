package main

import "runtime"

// version is the build's version: `make wasm` sets it with -ldflags='-X main.version=…';
// a build without it says "devel". The module's build information is not read: parsing it
// (runtime/debug.ParseBuildInfo) cost the WebAssembly module 13 KB of code and start-up time.
var version = ""

// Version returns the version string exposed as OrderWatch.version: the -X value when set,
// else "devel", with the Go release it was built with.
func Version() string {
	v := version
	if v == "" {
		v = "devel"
	}
	return v + " (" + runtime.Version() + ")"
}
