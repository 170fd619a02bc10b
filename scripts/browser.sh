#!/usr/bin/env bash
# scripts/browser.sh
#
# Makes Debian's Chromium (and a Chinese font, so the pages' screenshots are
# legible) available for the end-to-end tests of the web pages
# (internal/web/e2e) and prints the browser's path on stdout.
# playwright-core cannot download browsers here, so the tests drive this one:
#
#   export TALENT_TEST_CHROMIUM=$(bash scripts/browser.sh)
#
# What is missing is installed with `apt-get update && apt-get install -y`
# (root only). Progress goes to stderr, prefixed "browser:"; the exit status
# is non-zero, with the reason, when no Chromium can be had.
set -euo pipefail

log() { printf 'browser: %s\n' "$*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

chromium_path() {
	local p
	for p in chromium chromium-browser; do
		if command -v "$p" >/dev/null 2>&1; then
			command -v "$p"
			return 0
		fi
	done
	return 1
}

has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [[ -n $(fc-list :lang=zh family 2>/dev/null) ]]; }

need=()
chromium_path >/dev/null || need+=(chromium)
has_cjk_font || need+=(fonts-noto-cjk)

if ((${#need[@]} > 0)); then
	if ((EUID != 0)); then
		chromium_path >/dev/null || die "chromium is not installed and this is not root, so it cannot be installed; run 'sudo apt-get install chromium fonts-noto-cjk'"
		log "WARNING: no Chinese font found and not root: screenshots will show boxes ('sudo apt-get install fonts-noto-cjk')"
	elif ! command -v apt-get >/dev/null 2>&1; then
		chromium_path >/dev/null || die "chromium is not installed and apt-get is not available to install it"
		log "WARNING: no Chinese font found and apt-get is not available: screenshots will show boxes"
	else
		log "installing ${need[*]} with apt-get"
		log_file=$(mktemp "${TMPDIR:-/tmp}/talent-browser.XXXXXX")
		trap 'rm -f "$log_file"' EXIT
		if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } </dev/null >"$log_file" 2>&1; then
			tail -n 30 "$log_file" >&2 || true
			die "apt-get install ${need[*]} failed (log above)"
		fi
	fi
fi

path=$(chromium_path) || die "apt-get finished but no chromium binary is on PATH"
log "$("$path" --version 2>/dev/null || echo chromium) at $path"
printf '%s\n' "$path"
