# OrderWatch. `make run` and `make test` work on a fresh machine; see README.md.
SHELL := /bin/bash
GO    ?= go
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm
DIST  := extension/dist
DATA  ?= data
VERSION ?= $(shell git describe --tags --match 'v[0-9]*' 2>/dev/null || echo devel)
# Our Go packages, named: `./...` would also walk extension/node_modules, where npm packages
# may ship Go files of their own.
GOPKGS := ./shared/... ./server/... ./wasm/...

.PHONY: run test deps deps-apt deps-npm lint test-go test-shared-wasm fuzz wasm extension \
        test-wasm test-extension reproducible test-e2e bench eval clean

## run: build the extension and start the sync server on embedded SQLite
run: extension
	@echo "Extension built: load $(CURDIR)/$(DIST) as an unpacked extension (chrome://extensions, Developer mode)."
	$(GO) run ./server/cmd/orderwatch serve --data $(DATA)

## test: install everything the tests need, then run all of them
test: deps lint test-go test-shared-wasm fuzz test-wasm test-extension reproducible test-e2e

deps: deps-apt deps-npm
	$(GO) mod download

# Debian's browsers for the end-to-end tests. The image's apt cache hook can fail a first try.
deps-apt:
	@if ! command -v chromium >/dev/null || ! command -v firefox-esr >/dev/null || ! command -v openssl >/dev/null; then \
	  apt-get update -q && for i in 1 2 3; do apt-get install -y -q chromium firefox-esr openssl && break; sleep 2; done; \
	fi
	@command -v chromium >/dev/null && command -v firefox-esr >/dev/null

deps-npm:
	cd extension && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

lint:
	$(GO) vet $(GOPKGS)
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./shared/...
	@out=$$(gofmt -l shared server wasm); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@# Every package under shared/ stays pure, indirect imports included (go list -deps).
	GO=$(GO) .ci/purity
	@echo lint ok

# All Go tests, with a throwaway PostgreSQL so the server suite runs on both databases.
test-go:
	.ci/with-postgres $(GO) test -count=1 $(GOPKGS)

# The core compiled to WebAssembly, run under Node.
test-shared-wasm:
	PATH="$(GOROOT_WASM):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./shared/... ./wasm/...

# A short run of every fuzz target (seeds in testdata/fuzz are also run by plain go test).
# A count, not a duration: with a duration, Go's fuzz coordinator can report "context deadline
# exceeded" as a failure when the time runs out on a loaded machine, with nothing found.
FUZZTIME ?= 30000x
fuzz:
	@set -e; for pkg in $$($(GO) list $(GOPKGS)); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; done

## wasm: build the core for the browser
# No inlining into the bridge and the once-per-order packages (number, advice, order): inlined
# at their many call sites, small helpers cost 15 KB of gzipped core.wasm, which every buyer
# downloads; measured, assessBatch of 100 orders was within half a millisecond of 20 ms. Nor
# into the evidence pack's writer, run once per dispute (−3.1 KB, 7 Dec), nor into the JSON
# scanner that reads a batch's input once (−1.9 KB; classify of 2,000 events 6.5 against 6.1
# ms, session 16). The taxonomy the classifier calls per event keeps the compiler's inlining
# (−2.3 KB more with the classifier's, but classify 15% slower, session 16). From the standard
# library, no inlining into fmt, reflect, encoding/json and internal/fmtsort, which the bridge uses to read and write a call's
# JSON, not per event (−37.5 KB, session 17; classify of 2,000 events and assessBatch of 100
# orders within the noise of two runs each: 5.2 against 5.1–5.3 ms fastest, 14.8 against
# 14.2–14.4 ms median). Nor, since five more rule languages and the Traditional Chinese fold
# (+44 KB), into the assessment and time (−12.6 KB together; assessBatch of 100 orders 16.7 /
# 17.1 against 16.2 / 15.6 ms in alternate runs; WASM classify unchanged), and since Slovenian
# and the eleventh set, into syscall/js, which the bridge calls per call, not per event
# (−1.3 KB; classify of 2,000 events 6.0 ms fastest, assessBatch 16.1 ms).
# Since session 20's rules (+35 KB of events.bin), no inlining into the classifier either, nor
# into strings, strconv, slices, sort and math (−15.4 KB together; 7 Dec, BENCH_STARTS=7 against
# the same tree without: classify of 2,000 events 8.1 / 7.8 ms median, 6.5 / 6.6 fastest;
# assessBatch 18.2 / 17.2 ms; ready 98 / 90 ms). Native speed is untouched: these flags are the
# WASM build's only. Session 21: nor into internal/reflectlite, bufio, internal/strconv, syscall and
# internal/godebug (−2.7 KB). Not into the runtime: −51 KB, but on a quiet
# machine (BENCH_STARTS=7, two pairs) assessBatch of 100 orders took 30.8–36.7 against 20.4–21.1 ms
# fastest and classify of 2,000 events 15.4–19.8 against 12.7–13.0 ms.
# wasmdata then joins the linker's 54,000 data segments across short runs of zeros (the same
# memory at start; −93 KB gzipped, see wasm/cmd/wasmdata).
WASM_GCFLAGS := $(foreach p,wasm shared/number shared/advice shared/order shared/evidence shared/jsonscan shared/assess shared/classify,-gcflags=github.com/orderwatch/orderwatch/$(p)=-l)
WASM_GCFLAGS += $(foreach p,fmt reflect encoding/json internal/fmtsort time syscall/js strings strconv slices sort math internal/reflectlite bufio internal/strconv syscall internal/godebug,-gcflags=$(p)=-l)
wasm:
	mkdir -p $(DIST)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -buildvcs=false $(WASM_GCFLAGS) -ldflags='-s -w -X main.version=$(VERSION)' -o $(DIST)/core.wasm ./wasm
	$(GO) run ./wasm/cmd/wasmdata $(DIST)/core.wasm
	cp "$(GOROOT_WASM)/wasm_exec.js" $(DIST)/wasm_exec.js

## extension: build extension/dist (Chromium) and extension/dist-firefox, WASM core inside
extension: wasm deps-npm
	cd extension && npm run build

test-wasm: wasm deps-npm deps-apt
	cd extension && npm run test:wasm

test-extension: extension
	cd extension && npm test

# The Firefox package rebuilt from a copy of the sources with an empty Go cache is byte-identical
# (what FIREFOX-SOURCE.md promises add-on reviewers).
reproducible: extension
	.ci/reproducible $(VERSION)

test-e2e: extension deps-apt
	cd extension && npm run test:e2e

## bench: speed figures (Go benchmarks, loopback load generator, WASM timing in Node)
bench: wasm deps-npm
	$(GO) test -run='^$$' -bench=. -benchmem ./shared/... ./wasm/...
	$(GO) run ./server/cmd/loadgen
	cd extension && npm run bench

## eval: classifier accuracy on the labelled checkpoints (dev.csv, then leave-one-source-out over every labelled row); the arrival window's hit rate on delivered timelines (FIXTURES=<a folder of public carrier fixtures> adds those)
eval:
	$(GO) test -count=1 -timeout 60m -run TestCheckpointAccuracy -v ./shared/classify/ -args -loso
	set -o pipefail; ORDERWATCH_FIXTURES=$(FIXTURES) $(GO) test -count=1 -run 'TestETAHitRate' -v ./shared/assess/ | grep -E 'replays|SKIP|^(ok|FAIL)'

clean:
	rm -rf $(DIST) extension/dist-firefox
