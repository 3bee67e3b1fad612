#!/bin/sh
# tools/gen writes exactly the interpreters, bodies and assignments asked
# for, into a database and as XML (100 000 assignments among them),
# refuses what it cannot make before writing anything, and has --help.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
: "${TOLKREG_BUILDDIR:?}"
GEN=$TOLKREG_BUILDDIR/tools/gen

# gen ARGS...: run tools/gen; stdout to $T/out, stderr to $T/err; sets rc.
gen() {
	set +e
	"$GEN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}

# count TABLE: the rows of TABLE in $T/c.db.
count() { sqlite3 "$T/c.db" "SELECT count(*) FROM $1"; }

# elements NAME FILE: the <NAME> records in FILE.
elements() { grep -c "<$1 " "$2" || true; }

# --help: the usage and every option, on standard output.
gen --help
[ "$rc" -eq 0 ] || fail "gen --help exited $rc"
has "usage: gen --db PATH | --xml PREFIX"
for o in --db --xml --seed --interpreters --bodies --assignments --years \
    --languages --until --quiet --help; do
	has " $o " "$T/out"
done
[ ! -s "$T/err" ] || fail "gen --help wrote to standard error"
gen -h
[ "$rc" -eq 0 ] || fail "gen -h exited $rc"
has "usage: gen"

# Exact counts in a database, at several sizes.
for n in "1 1 0" "7 3 1" "60 20 999" "250 40 12345"; do
	set -- $n
	rm -f "$T/c.db"
	gen --db "$T/c.db" --interpreters "$1" --bodies "$2" \
	    --assignments "$3" --until 2026-11-23
	[ "$rc" -eq 0 ] || fail "gen $n exited $rc"
	[ "$(count interpreter)" = "$1" ] || fail "gen $n: interpreters"
	[ "$(count body)" = "$2" ] || fail "gen $n: bodies"
	[ "$(count request)" = "$3" ] || fail "gen $n: assignments"
done

# Exact counts in XML: every assignment is one the format carries.
for n in "9 4 1" "30 10 1234" "50 20 100000"; do
	set -- $n
	gen --xml "$T/x$3" --interpreters "$1" --bodies "$2" \
	    --assignments "$3" --until 2026-11-23
	[ "$rc" -eq 0 ] || fail "gen --xml $n exited $rc"
	[ "$(elements interpreter "$T/x$3-register.xml")" = "$1" ] ||
		fail "gen --xml $n: interpreters"
	[ "$(elements body "$T/x$3-bodies.xml")" = "$2" ] ||
		fail "gen --xml $n: bodies"
	[ "$(elements assignment "$T/x$3-assignments.xml")" = "$3" ] ||
		fail "gen --xml $n: assignments"
done

# What cannot be made is refused with the range, and nothing is written.
refused() {	# refused WHAT ARGS...
	what=$1; shift
	rm -f "$T/r.db"
	gen --db "$T/r.db" "$@"
	[ "$rc" -eq 64 ] || fail "gen $* exited $rc, expected 64"
	err_has "$what"
	[ ! -e "$T/r.db" ] || fail "gen $* left a database"
}
refused "'languages' must be from 1 to 98" --languages 99
refused "'languages' must be from 1 to 98" --languages 0
refused "'interpreters' must be from 1 to 1000000" --interpreters 1000001
refused "'interpreters' must be from 1 to 1000000" --interpreters 0
refused "'bodies' must be from 1 to 1000000" --bodies 0
refused "'years' must be from 1 to 50" --years 0
refused "'--assignments' must be a whole number" --assignments -5
refused "'--assignments' must be a whole number" --assignments 1e5
refused "unknown option '--asignments'" --asignments 5
refused "option needs a value: '--until'" --until
refused "unexpected argument 'extra'" extra
gen --interpreters 5
[ "$rc" -eq 64 ] || fail "gen without --db or --xml exited $rc"
err_has "give --db PATH or --xml PREFIX"
gen --db "$T/r.db" --xml "$T/r"
[ "$rc" -eq 64 ] || fail "gen with --db and --xml exited $rc"
gen --db "$T/r.db" --until 2026-02-30
[ "$rc" -eq 65 ] || fail "gen with a bad date exited $rc"
[ ! -e "$T/r.db" ] || fail "gen with a bad date left a database"
echo "gen-counts: ok"
