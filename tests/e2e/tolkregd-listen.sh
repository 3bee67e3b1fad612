#!/bin/sh
# tolkregd speaks in its own words: a start with one thread or several
# logs no message of libmicrohttpd's, and an address in use is refused
# with the address the user gave, the reason and exit status 71.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
: "${TOLKREGD:?TOLKREGD must name the built tolkregd}"
init_db
D1=""
D2=""
trap 'for p in $D1 $D2; do kill "$p" 2>/dev/null || true; done
if [ "$FAILED" -eq 0 ]; then rm -rf "$T"; else echo "kept $T"; fi' EXIT

# start NAME ARGS...: start tolkregd in the background, logging to
# $T/NAME.log, and wait (bounded) for its port in $T/NAME.port.
start() {
	name=$1
	shift
	"$TOLKREGD" --db "$DB" --port-file "$T/$name.port" "$@" \
	    2>"$T/$name.log" &
	pid=$!
	i=0
	while [ ! -s "$T/$name.port" ] && [ $i -lt 200 ]; do
		kill -0 "$pid" 2>/dev/null ||
			fail "tolkregd $* exited at start: $(cat "$T/$name.log")"
		sleep 0.05
		i=$((i + 1))
	done
	[ -s "$T/$name.port" ] || fail "tolkregd $* did not report its port"
}

# stop PID NAME: stop a daemon with SIGTERM; it must exit 0.
stop() {
	kill "$1"
	set +e
	wait "$1"
	st=$?
	set -e
	[ "$st" -eq 0 ] || fail "tolkregd $2 exited $st after SIGTERM"
}

# A start with one thread (no pool) and with several.
start one --listen 127.0.0.1:0 --threads 1
D1=$pid
port=$(cat "$T/one.port")
start two --listen 127.0.0.1:0 --threads 2
D2=$pid
for name in one two; do
	grep -q 'tolkregd: listening on 127.0.0.1:0, port [0-9]' \
	    "$T/$name.log" || fail "$name: no 'listening' line"
	# Every line is tolkregd's own, time-stamped.
	if grep -v '^[0-9-]*T[0-9:]*[+-][0-9][0-9]:[0-9][0-9] tolkregd: ' "$T/$name.log" |
	    grep -q .; then
		fail "$name: a line not tolkregd's: $(cat "$T/$name.log")"
	fi
	! grep -qi 'warning\|libmicrohttpd\|thread pool' "$T/$name.log" ||
		fail "$name: a libmicrohttpd message: $(cat "$T/$name.log")"
done
grep -q ', 1 thread,' "$T/one.log" || fail "one: not '1 thread'"

# The port the first one holds: refused, in tolkregd's words.
set +e
"$TOLKREGD" --db "$DB" --listen "127.0.0.1:$port" --threads 1 \
    >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 71 ] || fail "a port in use: exited $rc, expected 71"
err_has "tolkregd: cannot listen on 127.0.0.1:$port: Address already in use"
! grep -q 'Failed to bind\|port 0' "$T/err" ||
	fail "a libmicrohttpd message on a port in use"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "more than one line for a port in use"

stop "$D2" two
D2=""
stop "$D1" one
D1=""
echo "tolkregd-listen: ok"
