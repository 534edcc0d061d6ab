//go:build !js

package advice

import "embed"

// Every language's texts are built in natively: the server and the command line need no files.
//
//go:embed texts/*.json
var textFiles embed.FS
