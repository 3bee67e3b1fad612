#!/bin/sh
# tolkreg demo builds a register (smaller here, TOLKREG_DEMO_SCALE) and
# tours it; the same seed and date give the same register.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
export TOLKREG_DEMO_SCALE=20

expect 0 --db "$T/a.db" demo --seed 7 --until 2026-11-23
has "The public register"
has "A request, matched and booked"
has "booked interpreter"
has "Tolkemonitor SPRÅK 2026H1"
has "Tolkemonitor LOV 2026H1"
has "(NEW"
# The reports go in demo-reports next to the database, and it says so.
has "in $T/demo-reports/:"
has "SPRÅK: $T/demo-reports/tolkemonitor-sprak-2026H1.html"
has "LOV:   $T/demo-reports/tolkemonitor-lov-2026H1.html"
[ -s "$T/demo-reports/tolkemonitor-sprak-2026H1.html" ] ||
	fail "no SPRÅK report"
[ -s "$T/demo-reports/tolkemonitor-lov-2026H1.html" ] || fail "no LOV report"
grep -q "<svg" "$T/demo-reports/tolkemonitor-sprak-2026H1.html" ||
	fail "no charts"
! ls "$T"/*.html >/dev/null 2>&1 || fail "a report next to the database"
has "RISING"
lacks "@example.no"
# The closing hint is a command that works as printed.
has "Explore: $TOLKREG --db $T/a.db help"
hint=$(sed -n 's/^Explore: //p' "$T/out")
[ -n "$hint" ] || fail "no closing hint"
set +e
$hint >"$T/hint.out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "the closing hint '$hint' exited $rc"
has "usage: tolkreg" "$T/hint.out"

expect 75 --db "$T/a.db" demo
err_has "exists"

expect 0 --db "$T/b.db" demo --seed 7 --until 2026-11-23
dump() {
	for t in interpreter credential qualification body listing_event; do
		sqlite3 "$1" "SELECT * FROM $t ORDER BY 1"
	done
	# Every column but the random part of tolkreg's own references.
	sqlite3 "$1" "SELECT id, body, lang, start, minutes, modality,
	    municipality, state, regno, category, busy_from, busy_to,
	    unregistered, actual_minutes, remote, child_used, exception,
	    case_ref FROM request WHERE case_ref IS NOT 'DEMO-1' ORDER BY id"
}
[ "$(dump "$T/a.db" | sha256sum)" = "$(dump "$T/b.db" | sha256sum)" ] ||
	fail "the same seed gave another register"
expect 0 --db "$T/c.db" demo --seed 8 --until 2026-11-23
[ "$(dump "$T/a.db" | sha256sum)" != "$(dump "$T/c.db" | sha256sum)" ] ||
	fail "another seed gave the same register"
expect 65 --db "$T/d.db" demo --until 2026-02-30
[ ! -e "$T/d.db" ] || fail "a refused demo left a database"
echo "demo-tour: ok"
