#!/bin/sh
# tools/tolkreg-halfyear: it exports with settings from the environment
# or a configuration file, logs with time stamps, lets only one run at a
# time do the export (flock and mkdir locks alike), and passes on a
# failing export's exit status.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
W="$TOLKREG_SRCDIR/tools/tolkreg-halfyear"
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
err_has "export failed"
# A refused receiver too (65), before anything is written.
run_w 65 TOLKREG="$TOLKREG" TOLKREG_DB="$DB" TOLKREG_EXPORT_DIR="$T/files" \
    TOLKREG_PUSH_URL=http://example.org/in TOLKREG_HALFYEAR_LOG=-

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
