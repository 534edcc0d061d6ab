//go:build js

package advice

import "embed"

// The WebAssembly build embeds English alone (the fallback, and what a translation lacks):
// the other twelve languages were 84 KB of the gzipped module that every buyer downloaded
// and only one language of which any buyer reads. The extension ships texts/*.json beside
// core.wasm and gives the core the buyer's language with loadTexts (Load) before asking.
//
//go:embed texts/en.json
var textFiles embed.FS
