package main

import (
	"runtime"
	"runtime/debug"
)

// version is the build's version. `make wasm` may set it with
// -ldflags='-X main.version=…'; otherwise it comes from the module's build information, which
// keeps the build reproducible (no clock, no VCS stamp with -buildvcs=false).
var version = ""

// Version returns the version string exposed as OrderWatch.version: the -X value when set,
// else the main module's version ("devel" for a build from a checkout), with the Go release it
// was built with. The build information is read only when no -X value was given (reading it
// cost the WebAssembly start-up milliseconds).
func Version() string {
	v := version
	if v == "" {
		v = "devel"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
	}
	return v + " (" + runtime.Version() + ")"
}
