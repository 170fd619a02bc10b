#!/usr/bin/env bash
# scripts/test-env.sh CMD [ARGS...]
#
# Provisions the real services the Go tests need, exports their addresses,
# runs CMD, and tears everything down again whatever happens (EXIT/INT/TERM):
#
#   PostgreSQL  -> TALENT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/talent_test_HEX?sslmode=disable
#   Meilisearch -> TALENT_TEST_MEILI_URL=http://127.0.0.1:PORT
#                  TALENT_TEST_MEILI_KEY=<random master key>
#
# Tests get a fresh database per test from internal/testenv.PostgresURL, which
# creates databases named talent_test_HEX_SUFFIX next to the one above; any of
# those still present at exit are dropped too.
#
# Environment knobs:
#   TALENT_TEST_DATABASE_URL  already set: used as given, no PostgreSQL is provisioned.
#   TALENT_TEST_MEILI_URL     already set: used as given (with TALENT_TEST_MEILI_KEY),
#                             no Meilisearch is provisioned.
#   TALENT_TEST_PG_MODE       auto (default): use the server on 127.0.0.1:5432 if it
#                               answers with trust auth as user postgres (a throwaway
#                               database is created there and dropped at exit; nothing
#                               else on that server is touched), else start a private
#                               temporary cluster.
#                             cluster: always start a private temporary cluster
#                               (initdb + pg_ctl on 127.0.0.1, a free port, trust auth,
#                               socket and data in a temp dir; as root it runs as the
#                               postgres OS user, created if missing). If no PostgreSQL
#                               server binaries are found, `apt-get install postgresql`
#                               is tried (root only).
#                             shared: require the server on 127.0.0.1:5432; fail otherwise.
#
# Examples:
#   scripts/test-env.sh go test -race -count=1 ./...
#   TALENT_TEST_PG_MODE=cluster scripts/test-env.sh go test ./internal/testenv/
#
# Progress lines go to stderr, prefixed "test-env:". Exit status is CMD's.
# shellcheck disable=SC2317 # cleanup functions are reached through traps
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf 'test-env: %s\n' "$*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

if (($# == 0)); then
	die "usage: scripts/test-env.sh CMD [ARGS...]   (e.g. scripts/test-env.sh go test ./...)"
fi

rand_hex() { # rand_hex NBYTES
	od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}
now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "1.234s"
	local d=$(($(now_ms) - $1))
	printf '%d.%03ds' $((d / 1000)) $((d % 1000))
}

# --- state for cleanup -------------------------------------------------------
tmp=""
pg_shared_db="" # database created on the shared server (and its per-test children)
pg_cluster_dir=""
meili_pid=""

# --- helpers -----------------------------------------------------------------

# port_busy PORT: true if something accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: set $port to a port on 127.0.0.1 that nothing listens on and
# that this script has not handed out before. Picked below the kernel's
# ephemeral range so outgoing connections are unlikely to hold it.
picked_ports=" "
free_port() {
	local lo=20000 hi=32000 p i
	for ((i = 0; i < 200; i++)); do
		p=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo)))
		if [[ $picked_ports != *" $p "* ]] && ! port_busy "$p"; then
			picked_ports+="$p "
			port=$p
			return 0
		fi
	done
	die "could not find a free TCP port on 127.0.0.1"
}

# pg_bin_dirs: PostgreSQL bin directories of distro packages, newest first.
pg_bin_dirs() {
	local d
	for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do
		if [[ -d $d ]]; then printf '%s\n' "$d"; fi
	done | sort -V -r
}

# psql_at HOST PORT DB ARGS...: non-interactive psql as user postgres.
psql_bin=""
psql_at() {
	local host=$1 port=$2 db=$3
	shift 3
	env -u PGSERVICE -u PGOPTIONS PGCONNECT_TIMEOUT=5 PGSSLMODE=disable \
		"$psql_bin" -X -w -q -At -v ON_ERROR_STOP=1 \
		-h "$host" -p "$port" -U postgres -d "$db" "$@" </dev/null
}

find_psql() {
	local d
	if [[ -n ${pg_bindir:-} && -x $pg_bindir/psql ]]; then
		psql_bin=$pg_bindir/psql
	elif command -v psql >/dev/null 2>&1; then
		psql_bin=$(command -v psql)
	else
		while IFS= read -r d; do
			if [[ -x $d/psql ]]; then
				psql_bin=$d/psql
				return 0
			fi
		done < <(pg_bin_dirs)
		return 1
	fi
}

# find_pg_server_bins: set pg_bindir to a directory holding initdb and pg_ctl.
pg_bindir=""
find_pg_server_bins() {
	local d
	while IFS= read -r d; do
		if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
			pg_bindir=$d
			return 0
		fi
	done < <(pg_bin_dirs)
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null || true)
		if [[ -n $d && -x $d/initdb && -x $d/pg_ctl ]]; then
			pg_bindir=$d
			return 0
		fi
	fi
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		d=$(dirname "$(readlink -f "$(command -v initdb)")")
		if [[ -x $d/pg_ctl ]]; then
			pg_bindir=$d
			return 0
		fi
	fi
	return 1
}

install_pg_server() {
	if ((EUID != 0)); then
		die "no PostgreSQL server binaries (initdb, pg_ctl) found and not running as root, so they cannot be installed. Install PostgreSQL (e.g. 'sudo apt-get install postgresql'), or start a server and set TALENT_TEST_DATABASE_URL."
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		die "no PostgreSQL server binaries (initdb, pg_ctl) found and apt-get is not available to install them. Install PostgreSQL, or set TALENT_TEST_DATABASE_URL."
	fi
	log "no PostgreSQL server binaries found: running apt-get install -y postgresql"
	if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } </dev/null >"$tmp/apt.log" 2>&1; then
		tail -n 30 "$tmp/apt.log" >&2 || true
		die "apt-get install postgresql failed (log above). Install PostgreSQL by hand, or set TALENT_TEST_DATABASE_URL."
	fi
	find_pg_server_bins || die "apt-get installed postgresql but initdb/pg_ctl are still not found under /usr/lib/postgresql/*/bin"
}

# as_pg CMD...: run CMD as the OS user that owns the private cluster
# (postgres when we are root, since initdb refuses to run as root).
as_pg() {
	if ((EUID == 0)); then
		if command -v runuser >/dev/null 2>&1; then
			(cd "$pg_cluster_dir" && runuser -u postgres -- "$@")
		else
			(cd "$pg_cluster_dir" && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
		fi
	else
		(cd "$pg_cluster_dir" && "$@")
	fi
}

ensure_postgres_user() {
	id -u postgres >/dev/null 2>&1 && return 0
	log "creating system user postgres"
	if command -v useradd >/dev/null 2>&1; then
		useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
			--shell /bin/sh --comment "PostgreSQL administrator" postgres
	elif command -v adduser >/dev/null 2>&1; then
		adduser --system --group --no-create-home --home /var/lib/postgresql --shell /bin/sh postgres
	else
		die "cannot create the postgres OS user: neither useradd nor adduser is available"
	fi
}

# --- PostgreSQL --------------------------------------------------------------

shared_server_usable() {
	local out
	find_psql || return 1
	if command -v pg_isready >/dev/null 2>&1; then
		pg_isready -q -h 127.0.0.1 -p 5432 -t 3 </dev/null >/dev/null 2>&1 || return 1
	elif [[ -n $pg_bindir && -x $pg_bindir/pg_isready ]]; then
		"$pg_bindir/pg_isready" -q -h 127.0.0.1 -p 5432 -t 3 </dev/null >/dev/null 2>&1 || return 1
	else
		port_busy 5432 || return 1
	fi
	out=$(psql_at 127.0.0.1 5432 postgres -c 'select 1' 2>/dev/null) || return 1
	[[ $out == 1 ]]
}

use_shared_server() {
	local t0 db
	t0=$(now_ms)
	db="talent_test_$(rand_hex 4)"
	psql_at 127.0.0.1 5432 postgres -c "create database \"$db\"" >/dev/null ||
		die "could not create database $db on 127.0.0.1:5432"
	pg_shared_db=$db
	export TALENT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
	log "postgres database $db on 127.0.0.1:5432 (shared server, $(elapsed "$t0"))"
}

drop_shared_databases() {
	local names n count=0
	names=$(psql_at 127.0.0.1 5432 postgres -c \
		"select datname from pg_database where datname = '$pg_shared_db' or starts_with(datname, '${pg_shared_db}_') order by 1") || {
		log "WARNING: could not list databases to drop on 127.0.0.1:5432 (wanted to drop $pg_shared_db and ${pg_shared_db}_*)"
		return 0
	}
	for n in $names; do
		[[ $n == "$pg_shared_db" || $n == "${pg_shared_db}_"* ]] || continue
		if ! psql_at 127.0.0.1 5432 postgres -c "drop database if exists \"$n\" with (force)" >/dev/null 2>&1; then
			psql_at 127.0.0.1 5432 postgres \
				-c "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$n' and pid <> pg_backend_pid()" \
				-c "drop database if exists \"$n\"" >/dev/null ||
				log "WARNING: could not drop database $n on 127.0.0.1:5432"
		fi
		[[ $n == "$pg_shared_db" ]] || count=$((count + 1))
	done
	if ((count > 0)); then
		log "dropped $count leftover per-test database(s) ${pg_shared_db}_* (a test did not clean up)"
	fi
	log "dropped database $pg_shared_db on 127.0.0.1:5432"
}

start_private_cluster() {
	local t0 port attempt db
	t0=$(now_ms)
	find_pg_server_bins || install_pg_server
	find_psql || die "psql not found (looked next to $pg_bindir/initdb and in PATH)"

	pg_cluster_dir="$tmp/pg"
	mkdir -p "$pg_cluster_dir"
	if ((EUID == 0)); then
		ensure_postgres_user
		chmod 0711 "$tmp"
		chown postgres: "$pg_cluster_dir"
		if ! runuser -u postgres -- test -w "$pg_cluster_dir" 2>/dev/null; then
			die "the postgres OS user cannot write to $pg_cluster_dir; set TMPDIR to a directory it can reach (e.g. TMPDIR=/tmp)"
		fi
	fi
	chmod 0700 "$pg_cluster_dir"

	if ! as_pg "$pg_bindir/initdb" -D "$pg_cluster_dir/data" -U postgres --auth=trust \
		--encoding=UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1 </dev/null; then
		tail -n 30 "$tmp/initdb.log" >&2 || true
		die "initdb failed (log above)"
	fi
	# Throwaway cluster: durability off for speed; loopback only.
	cat >>"$pg_cluster_dir/data/postgresql.conf" <<-EOF

		# --- added by scripts/test-env.sh (throwaway test cluster) ---
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$pg_cluster_dir'
		max_connections = 200
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		logging_collector = off
	EOF

	for attempt in 1 2 3; do
		free_port
		if as_pg "$pg_bindir/pg_ctl" -D "$pg_cluster_dir/data" -l "$pg_cluster_dir/server.log" \
			-o "-p $port" -w -t 60 start >"$tmp/pg_ctl.log" 2>&1 </dev/null; then
			break
		fi
		if ((attempt == 3)) || ! grep -qi 'address already in use' "$pg_cluster_dir/server.log" 2>/dev/null; then
			tail -n 30 "$pg_cluster_dir/server.log" >&2 2>/dev/null || cat "$tmp/pg_ctl.log" >&2 || true
			die "could not start the private PostgreSQL cluster (log above)"
		fi
		log "port $port was taken, retrying"
		: >"$pg_cluster_dir/server.log"
	done
	pg_cluster_port=$port

	db="talent_test_$(rand_hex 4)"
	psql_at 127.0.0.1 "$port" postgres -c "create database \"$db\"" >/dev/null ||
		die "could not create database $db in the private cluster"
	export TALENT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/$db?sslmode=disable"
	log "postgres database $db on 127.0.0.1:$port (private cluster, PostgreSQL $("$pg_bindir/postgres" --version | awk '{print $3}'), $(elapsed "$t0"))"
}

stop_private_cluster() {
	[[ -f $pg_cluster_dir/data/postmaster.pid ]] || return 0
	if ! as_pg "$pg_bindir/pg_ctl" -D "$pg_cluster_dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
		local pid
		pid=$(head -n 1 "$pg_cluster_dir/data/postmaster.pid" 2>/dev/null || true)
		if [[ $pid =~ ^[0-9]+$ ]]; then
			log "WARNING: pg_ctl stop failed; killing postmaster $pid"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	log "stopped private PostgreSQL cluster on 127.0.0.1:$pg_cluster_port"
}

# --- Meilisearch -------------------------------------------------------------

meili_healthy() { # meili_healthy PORT
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null
	else
		(
			exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
			printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
			IFS= read -r -t 2 line <&3 || exit 1
			[[ $line == "HTTP/"*" 200"* ]]
		) 2>/dev/null
	fi
}

start_meili() {
	local t0 bin key port attempt dir deadline unset_meili=()
	t0=$(now_ms)
	bin=$(bash "$repo_root/scripts/meili-bin.sh") || die "could not get the Meilisearch binary"
	key=$(rand_hex 24) # 48 hex chars; Meilisearch wants >= 16 bytes
	# Keep a developer's MEILI_* settings away from the test server.
	while IFS= read -r v; do unset_meili+=(-u "$v"); done < <(compgen -e | grep '^MEILI_' || true)

	for attempt in 1 2 3; do
		free_port
		dir="$tmp/meili"
		rm -rf "$dir"
		mkdir -p "$dir"
		# cwd is the temp dir so Meilisearch finds no stray ./config.toml.
		(cd "$dir" && exec env ${unset_meili[@]+"${unset_meili[@]}"} "$bin" \
			--http-addr "127.0.0.1:$port" \
			--master-key "$key" \
			--db-path "$dir/data.ms" \
			--dump-dir "$dir/dumps" \
			--snapshot-dir "$dir/snapshots" \
			--no-analytics \
			--env development \
			--log-level WARN) </dev/null >"$dir/meili.log" 2>&1 &
		meili_pid=$!

		deadline=$((SECONDS + 30))
		while ((SECONDS < deadline)); do
			if meili_healthy "$port"; then
				export TALENT_TEST_MEILI_URL="http://127.0.0.1:$port"
				export TALENT_TEST_MEILI_KEY="$key"
				log "meilisearch $("$bin" --version 2>/dev/null | awk '{print $NF}') on 127.0.0.1:$port ($(elapsed "$t0"))"
				return 0
			fi
			kill -0 "$meili_pid" 2>/dev/null || break
			sleep 0.1
		done

		if kill -0 "$meili_pid" 2>/dev/null; then
			stop_meili
			tail -n 40 "$dir/meili.log" >&2 || true
			die "meilisearch did not answer GET /health on 127.0.0.1:$port within 30s (log tail above)"
		fi
		wait "$meili_pid" 2>/dev/null || true
		meili_pid=""
		if ((attempt < 3)) && grep -qi 'address already in use' "$dir/meili.log"; then
			log "port $port was taken, retrying"
			continue
		fi
		tail -n 40 "$dir/meili.log" >&2 || true
		die "meilisearch exited during startup (log tail above)"
	done
}

stop_meili() {
	[[ -n $meili_pid ]] || return 0
	local i
	kill -TERM "$meili_pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		kill -0 "$meili_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$meili_pid" 2>/dev/null; then
		log "WARNING: meilisearch did not stop on SIGTERM; killing it"
		kill -KILL "$meili_pid" 2>/dev/null || true
	fi
	wait "$meili_pid" 2>/dev/null || true
	meili_pid=""
	log "stopped meilisearch"
}

# --- teardown ----------------------------------------------------------------

cleanup() {
	local status=$?
	trap '' INT TERM
	trap - EXIT
	set +e
	stop_meili
	[[ -n $pg_shared_db ]] && drop_shared_databases
	[[ -n $pg_cluster_dir ]] && stop_private_cluster
	[[ -n $tmp && -d $tmp ]] && rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- main --------------------------------------------------------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/talent-test-env.XXXXXX")
pg_cluster_port=""

if [[ -n ${TALENT_TEST_DATABASE_URL:-} ]]; then
	log "postgres: using TALENT_TEST_DATABASE_URL from the environment"
else
	case ${TALENT_TEST_PG_MODE:-auto} in
	auto)
		if shared_server_usable; then
			use_shared_server
		else
			log "no PostgreSQL with trust auth on 127.0.0.1:5432; starting a private cluster"
			start_private_cluster
		fi
		;;
	shared)
		shared_server_usable || die "TALENT_TEST_PG_MODE=shared but no PostgreSQL answers on 127.0.0.1:5432 with trust auth as user postgres"
		use_shared_server
		;;
	cluster)
		start_private_cluster
		;;
	*)
		die "TALENT_TEST_PG_MODE must be auto, shared or cluster (got '${TALENT_TEST_PG_MODE}')"
		;;
	esac
fi

if [[ -n ${TALENT_TEST_MEILI_URL:-} ]]; then
	log "meilisearch: using TALENT_TEST_MEILI_URL from the environment"
else
	start_meili
fi

# Headless Chromium for the page tests (internal/web/e2e).
if [[ -z ${TALENT_TEST_CHROMIUM:-} ]]; then
	TALENT_TEST_CHROMIUM=$(bash "$repo_root/scripts/browser.sh") || die "could not provide Chromium for the page tests (scripts/browser.sh)"
	export TALENT_TEST_CHROMIUM
fi
log "chromium: $TALENT_TEST_CHROMIUM"

log "running: $*"
# CMD runs as a child we wait for, so a SIGINT/SIGTERM sent to this script
# alone is passed on to it and the teardown happens right away instead of
# after CMD finishes. The subshell restores default signal handling (bash
# would otherwise have CMD ignore SIGINT) and keeps stdin when there is one.
if { : <&0; } 2>/dev/null; then
	(
		trap - INT QUIT TERM
		exec "$@"
	) <&0 &
else
	(
		trap - INT QUIT TERM
		exec "$@"
	) </dev/null &
fi
child=$!
forward() { # forward SIGNAME EXIT_STATUS
	log "got SIG$1: passing it on to the command, then tearing down"
	kill -s "$1" "$child" 2>/dev/null || true
	wait "$child" 2>/dev/null || true
	exit "$2"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
set +e
wait "$child"
status=$?
set -e
exit "$status"
