# Targets for building and testing. `make test` is what CI runs (.ci/run):
# scripts/test-env.sh starts real PostgreSQL and Meilisearch, exports
# TALENT_TEST_DATABASE_URL / TALENT_TEST_MEILI_URL / TALENT_TEST_MEILI_KEY,
# runs the command, and tears everything down.

GO      ?= go
GOFMT   ?= gofmt
TESTENV := bash scripts/test-env.sh

# Go files of this module, skipping caches, data and vendored trees.
GO_FILES = find . \( -path ./.git -o -path ./.cache -o -path ./data -o -path ./bin \
	-o -name node_modules -o -name vendor -o -name testdata \) -prune \
	-o -type f -name '*.go' -print

.PHONY: all test build vet fmt-check fmt bench meili

all: build

test: fmt-check vet
	$(TESTENV) $(GO) test -race -count=1 ./...

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

fmt-check:
	@files=$$($(GO_FILES) | xargs -r $(GOFMT) -l); \
	if [ -n "$$files" ]; then \
		echo "gofmt needs to be run on:" >&2; echo "$$files" >&2; exit 1; \
	fi

fmt:
	$(GO_FILES) | xargs -r $(GOFMT) -w

bench:
	$(TESTENV) $(GO) test -run '^$$' -bench . -benchmem ./...

meili:
	bash scripts/meili-bin.sh
