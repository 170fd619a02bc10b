#!/usr/bin/env bash
# Benchmarks match and searchExperts through GraphQL on both search backends
# with `talentctl bench match`, and prints its p50/p95/p99 tables.
#
#   scripts/bench-match.sh                  10 000 experts
#   scripts/bench-match.sh 10000 100000     both sizes (100 000: ~2 min of
#                                           Meilisearch indexing per run)
#
# Meilisearch: TALENT_TEST_MEILI_URL and TALENT_TEST_MEILI_KEY when set (as
# under scripts/test-env.sh), else a private server of the pinned binary
# (scripts/meili-bin.sh) on a free loopback port with a random master key,
# stopped at exit. Extra talentctl flags go in BENCH_FLAGS, e.g.
# BENCH_FLAGS="--requests 1000 --backends meili".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=("$@")
if ((${#sizes[@]} == 0)); then sizes=(10000); fi

tmp=$(mktemp -d)
meili_pid=""
cleanup() {
	if [[ -n $meili_pid ]]; then
		kill "$meili_pid" 2>/dev/null || true
		wait "$meili_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

url=${TALENT_TEST_MEILI_URL:-}
key=${TALENT_TEST_MEILI_KEY:-}
if [[ -z $url ]]; then
	bin=$(bash scripts/meili-bin.sh)
	key=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 12000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
	done
	mkdir -p "$tmp/meili"
	(cd "$tmp/meili" && exec "$bin" --http-addr "127.0.0.1:$port" --master-key "$key" \
		--db-path "$tmp/meili/data.ms" --dump-dir "$tmp/meili/dumps" --snapshot-dir "$tmp/meili/snapshots" \
		--no-analytics --env development --log-level WARN) </dev/null >"$tmp/meili.log" 2>&1 &
	meili_pid=$!
	url="http://127.0.0.1:$port"
	for _ in $(seq 1 300); do
		if curl -fs "$url/health" >/dev/null 2>&1; then break; fi
		kill -0 "$meili_pid" 2>/dev/null || { cat "$tmp/meili.log" >&2; exit 1; }
		sleep 0.1
	done
	curl -fs "$url/health" >/dev/null || { echo "bench-match: Meilisearch did not start" >&2; exit 1; }
fi

go build -o "$tmp/talentctl" ./cmd/talentctl
for n in "${sizes[@]}"; do
	# shellcheck disable=SC2086 # BENCH_FLAGS is a list of flags
	"$tmp/talentctl" bench match --experts "$n" --backends embedded,meili \
		--meili-url "$url" --meili-key "$key" ${BENCH_FLAGS:-}
done
