#!/usr/bin/env bash
# Benchmarks `talentctl import experts` on PostgreSQL against psql \copy of
# the same rows into a scratch table, and reports wall time and peak RSS.
#
#   scripts/bench-import.sh [ROWS...]          (default: 10000 100000)
#   scripts/test-env.sh scripts/bench-import.sh 100000
#
# PostgreSQL: TALENT_BENCH_DATABASE_URL, else TALENT_TEST_DATABASE_URL (set
# by scripts/test-env.sh), else postgres://postgres@127.0.0.1:5432/postgres.
# Each size gets a fresh scratch database on that server, dropped at the end.
# Set FORMAT=xlsx to import xlsx files instead of CSV.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

base=${TALENT_BENCH_DATABASE_URL:-${TALENT_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}}
format=${FORMAT:-csv}
sizes=("$@")
if ((${#sizes[@]} == 0)); then sizes=(10000 100000); fi

command -v psql >/dev/null || { echo "bench-import: psql is required" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench-import: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
db=""
cleanup() {
	if [[ -n $db ]]; then psql -X -q "$base" -c "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# url_for DB: the base URL with its database replaced.
url_for() {
	local u=$1 name=$2 query=""
	if [[ $u == *\?* ]]; then query="?${u#*\?}"; u=${u%%\?*}; fi
	printf '%s/%s%s' "${u%/*}" "$name" "$query"
}

# timed LABEL CMD...: runs CMD, prints "seconds maxrss_kb" into $tmp/LABEL.
timed() {
	local label=$1
	shift
	/usr/bin/time -o "$tmp/$label.time" -f '%e %M' "$@" >"$tmp/$label.out" 2>"$tmp/$label.err" || {
		cat "$tmp/$label.out" "$tmp/$label.err" >&2
		exit 1
	}
	cat "$tmp/$label.time"
}

go build -o "$tmp/talentctl" ./cmd/talentctl
cols="external_id text, name text, gender text, birth_year text, registries text, title text, organization text,
	township text, fields text, expertise text, bio text, lecture_topics text, audiences text, service_townships text,
	emergency_categories text, max_engagements_per_month text"

printf 'load average:%s\n' "$(uptime | sed 's/.*load average://')"
printf '%-8s %-6s %-26s %-26s %-26s %-14s\n' rows format "import s (peak RSS)" "re-import s (peak RSS)" "export+re-import s" "psql \\copy s"
for n in "${sizes[@]}"; do
	file="$tmp/roster-$n.$format"
	go run ./scripts/benchgen -rows "$n" -out "$file"
	db="talent_bench_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
	psql -X -q "$base" -c "create database \"$db\"" >/dev/null
	url=$(url_for "$base" "$db")
	"$tmp/talentctl" migrate up --database-url "$url" >/dev/null

	read -r t1 m1 < <(timed import "$tmp/talentctl" import experts --database-url "$url" "$file")
	grep -q "新增 $n，" "$tmp/import.out" || { cat "$tmp/import.out" "$tmp/import.err" >&2; exit 1; }
	read -r t2 m2 < <(timed reimport "$tmp/talentctl" import experts --database-url "$url" "$file")
	grep -q "不变 $n，" "$tmp/reimport.out" || { cat "$tmp/reimport.out" >&2; exit 1; }
	read -r t3 _ < <(timed export "$tmp/talentctl" export experts --database-url "$url" --out "$tmp/export.$format")
	read -r t4 _ < <(timed roundtrip "$tmp/talentctl" import experts --database-url "$url" "$tmp/export.$format")
	grep -q "不变 $n，" "$tmp/roundtrip.out" || { cat "$tmp/roundtrip.out" >&2; exit 1; }

	csv="$tmp/roster-$n.csv"
	[[ -f $csv ]] || go run ./scripts/benchgen -rows "$n" -out "$csv"
	psql -X -q "$url" -c "create table scratch_roster ($cols)" >/dev/null
	start=$(date +%s.%N)
	psql -X -q "$url" -c "\\copy scratch_roster from '$csv' with (format csv, header true)" >/dev/null
	t5=$(echo "$(date +%s.%N) - $start" | bc)

	printf '%-8s %-6s %-26s %-26s %-26s %-14.2f\n' "$n" "$format" "$t1 ($((m1 / 1024)) MB)" "$t2 ($((m2 / 1024)) MB)" \
		"$t3 + $t4" "$t5"
	psql -X -q "$base" -c "drop database \"$db\" with (force)" >/dev/null
	db=""
done
