#!/bin/sh
# tools/tolkreg-halfyear: it exports with settings from the environment
# or a configuration file, logs each line with the time it was written,
# in the order tolkreg wrote them, lets only one run at a time do the
# export (flock and mkdir locks alike), passes on a failing export's
# exit status, and answers -h with its usage.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
W="$TOLKREG_SRCDIR/tools/tolkreg-halfyear"
STUB="$TOLKREG_BUILDDIR/tests/http-stub"
init_db
mkdir "$T/files"

# run_w STATUS [VAR=VALUE...]: run the wrapper, check its status.
run_w() {
	want=$1
	shift
	set +e
	env "$@" sh "$W" >"$T/out.w" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || fail "tolkreg-halfyear exited $rc, expected $want"
}

# stamped LOG: every line of LOG has one time stamp, and they never go
# back in time.
stamped() {
	stamp='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z tolkreg-halfyear\[[0-9]+\]: '
	[ -s "$1" ] || fail "$1 is empty"
	! grep -Evq "^$stamp" "$1" || fail "a line without a time stamp in $1"
	! grep -Eq "^$stamp.*$stamp" "$1" || fail "a line stamped twice in $1"
	cut -d' ' -f1 "$1" | sort -c || fail "time stamps out of order in $1"
}

# in_order LOG TEXT...: each TEXT is on a line of LOG after the line of
# the one before it.
in_order() {
	log=$1
	shift
	last=0
	for text in "$@"; do
		n=$(grep -nF -- "$text" "$log" | head -1 | cut -d: -f1)
		[ -n "$n" ] || fail "$log lacks '$text'"
		[ "$n" -gt "$last" ] || fail "'$text' is out of order in $log"
		last=$n
	done
}

# -h: the usage, on standard output, and 0; a bad option: 64.
set +e
sh "$W" -h >"$T/out.w" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "-h exited $rc"
grep -qxF "usage: tolkreg-halfyear [-h] [-c CONFIG]" "$T/out.w" ||
	fail "-h printed no usage"
[ ! -s "$T/err" ] || fail "-h wrote to standard error"
set +e
sh "$W" -x >"$T/out.w" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 64 ] || fail "-x exited $rc, expected 64"
err_has "tolkreg-halfyear: unknown option '-x'"
err_has "usage: tolkreg-halfyear [-h] [-c CONFIG]"
! grep -qi "illegal" "$T/err" || fail "the shell's own message for -x"

# A run from the environment: three files, a time-stamped log.
run_w 0 TOLKREG="$TOLKREG" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
    TOLKREG_PERIOD=2026H1 TOLKREG_HALFYEAR_LOG="$T/log"
for ext in csv xml html; do
	[ -s "$T/files/tolkemonitor-sprak-2026H1.$ext" ] || fail "no $ext file"
done
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z tolkreg-halfyear\[[0-9]+\]: exporting period 2026H1' "$T/log" ||
	fail "log lacks a time-stamped start line"
has "wrote $T/files/tolkemonitor-sprak-2026H1.csv" "$T/log"
has "export done" "$T/log"
stamped "$T/log"
sqlite3 "$DB" "SELECT count(*) FROM audit" >/dev/null

# From a configuration file; the environment wins over it.
cat >"$T/conf" <<CONF
# tolkreg-halfyear settings
TOLKREG=$TOLKREG
TOLKREG_DB="$DB"
TOLKREG_EXPORT_DIR='$T/files'
TOLKREG_PERIOD=2025H2
TOLKREG_HALFYEAR_LOG=$T/log2
CONF
run_w 0 TOLKREG_HALFYEAR_CONF="$T/conf"
[ -s "$T/files/tolkemonitor-sprak-2025H2.xml" ] || fail "config: no file"
run_w 0 TOLKREG_HALFYEAR_CONF="$T/conf" TOLKREG_PERIOD=2025H1
[ -s "$T/files/tolkemonitor-sprak-2025H1.xml" ] || fail "env over config"
echo "TOLKREG_NOPE=1" >>"$T/conf"
run_w 78 TOLKREG_HALFYEAR_CONF="$T/conf"
err_has "unknown setting 'TOLKREG_NOPE'"
run_w 78 TOLKREG="$TOLKREG" TOLKREG_DB= TOLKREG_EXPORT_DIR="$T/files"
err_has "TOLKREG_DB is not set"

# A failing export fails the run, with tolkreg's status (69: no database).
run_w 69 TOLKREG="$TOLKREG" TOLKREG_DB="$T/missing.db" \
    TOLKREG_EXPORT_DIR="$T/files" TOLKREG_HALFYEAR_LOG="$T/log3"
has "export failed with exit status 69" "$T/log3"
in_order "$T/log3" "exporting period" "tolkreg: export demand: " \
    "export failed with exit status 69"
stamped "$T/log3"
err_has "export failed"
# tolkreg's own error goes to standard error too, for cron's mail.
err_has "tolkreg: export demand: "
# A refused receiver too (65), before anything is written.
run_w 65 TOLKREG="$TOLKREG" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
    TOLKREG_PUSH_URL=http://example.org/in TOLKREG_HALFYEAR_LOG=-

# A delivery tried again: tolkreg's output and its note about the retry
# are logged in the order it wrote them, each line with its own stamp.
mkdir "$T/files5" "$T/stub"
"$STUB" "$T/stub" "$T/port" 201 503 201 201 &
stub=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/port" ] || fail "the receiver did not start"
run_w 0 TOLKREG="$TOLKREG" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files5" \
    TOLKREG_PERIOD=2026H1 TOLKREG_HALFYEAR_LOG="$T/log5" \
    TOLKREG_PUSH_URL="http://127.0.0.1:$(cat "$T/port")/inn"
wait "$stub" || fail "the receiver failed"
p="tolkemonitor-sprak-2026H1"
in_order "$T/log5" "exporting period 2026H1" "wrote $T/files5/$p.csv" \
    "wrote $T/files5/$p.xml" "wrote $T/files5/$p.html" \
    "delivered $p.csv (HTTP 201, 1 attempt)" \
    "tolkreg: delivery of '$p.xml': attempt 1 of 4 failed: HTTP 503" \
    "delivered $p.xml (HTTP 201, 2 attempts)" \
    "delivered $p.html (HTTP 201, 1 attempt)" "export done"
stamped "$T/log5"
[ "$(wc -l <"$T/log5")" -eq 9 ] || fail "log5 is not nine lines"
[ ! -s "$T/err" ] || fail "a retry that passed wrote to standard error"

# Each line is logged when it is written, not when tolkreg is done: a
# stand-in writes a line and a note, and waits until both are in the log.
cat >"$T/talk" <<TALK
#!/bin/sh
echo "wrote the first"
echo "tolkreg: a note" >&2
i=0
while [ ! -e "$T/go" ] && [ \$i -lt 200 ]; do sleep 0.1; i=\$((i + 1)); done
echo "wrote the second"
TALK
chmod +x "$T/talk"
env TOLKREG="$T/talk" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
    TOLKREG_HALFYEAR_LOG="$T/log6" sh "$W" >/dev/null 2>&1 &
talk=$!
i=0
while ! grep -q "a note" "$T/log6" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -e "$T/log6" ] && grep -q "a note" "$T/log6" ||
	fail "the lines were not logged while tolkreg ran"
! grep -q "the second" "$T/log6" || fail "the stand-in did not wait"
touch "$T/go"
wait "$talk" || fail "the run with the stand-in failed"
in_order "$T/log6" "wrote the first" "tolkreg: a note" "wrote the second" \
    "export done"
stamped "$T/log6"

# Two runs at once: the second exits 75 without running the export. A
# stand-in for tolkreg records each call and waits to be released.
cat >"$T/slow" <<SLOW
#!/bin/sh
echo "\$*" >>"$T/calls"
i=0
while [ ! -e "$T/release" ] && [ \$i -lt 200 ]; do sleep 0.1; i=\$((i + 1)); done
exit 0
SLOW
chmod +x "$T/slow"
for flock in "$(command -v flock || true)" ""; do
	rm -f "$T/calls" "$T/release"
	env TOLKREG="$T/slow" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
	    TOLKREG_HALFYEAR_LOG="$T/log4" FLOCK="$flock" sh "$W" \
	    >/dev/null 2>&1 &
	first=$!
	i=0
	while [ ! -s "$T/calls" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$T/calls" ] || fail "first run did not start (FLOCK='$flock')"
	run_w 75 TOLKREG="$T/slow" TOLKREG_DB="$DB" \
	    TOLKREG_EXPORT_DIR="$T/files" TOLKREG_HALFYEAR_LOG="$T/log4" \
	    FLOCK="$flock"
	err_has "another run holds the lock"
	[ "$(wc -l <"$T/calls")" -eq 1 ] || fail "second run exported"
	touch "$T/release"
	wait "$first" || fail "first run failed (FLOCK='$flock')"
	# Once it is done, the next run may go.
	run_w 0 TOLKREG="$T/slow" TOLKREG_DB="$DB" \
	    TOLKREG_EXPORT_DIR="$T/files" TOLKREG_HALFYEAR_LOG="$T/log4" \
	    FLOCK="$flock"
	[ "$(wc -l <"$T/calls")" -eq 2 ] || fail "third run did not export"
	has "--period previous --dir $T/files" "$T/calls"
done
# A mkdir lock left by a run that is gone is taken over.
mkdir "$T/files/.tolkreg-halfyear.lock.d"
echo 999999 >"$T/files/.tolkreg-halfyear.lock.d/pid"
run_w 0 TOLKREG="$T/slow" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
    TOLKREG_HALFYEAR_LOG="$T/log4" FLOCK=
[ ! -d "$T/files/.tolkreg-halfyear.lock.d" ] || fail "stale lock left"
echo "halfyear-wrapper: ok"
