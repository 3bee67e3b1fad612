#!/bin/sh
# Progress of tools/gen, import, export and demo: on a terminal (a
# pseudo-terminal made by script(1)) each phase leaves its final line on
# standard error and nothing reaches standard output; --quiet leaves it
# all out; when standard error is not a terminal it stays empty. Only
# the final lines are checked: the running ones depend on time.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
: "${TOLKREG_BUILDDIR:?}"
GEN=$TOLKREG_BUILDDIR/tools/gen
if ! command -v script >/dev/null 2>&1; then
	echo "progress-terminal: SKIP: no script(1) (Debian: bsdutils)"
	exit 77
fi

# on_tty NAME COMMAND: run COMMAND (a shell command line) with standard
# error on a terminal, standard output to $T/NAME.out and the terminal's
# text in $T/NAME.tty, carriage returns made newlines; sets rc.
on_tty() {
	set +e
	script -qec "$2 >'$T/$1.out'" "$T/$1.raw" </dev/null >/dev/null 2>&1
	rc=$?
	set -e
	tr '\r' '\n' <"$T/$1.raw" >"$T/$1.tty"
	cp "$T/$1.tty" "$T/err"
	cp "$T/$1.out" "$T/out"
}

# The line starting with $1 must (or, with "no", must not) be on the
# terminal of run $2.
tty_has() {
	grep -q "^$1" "$T/$2.tty" || fail "terminal of $2 lacks '$1'"
}
tty_lacks() {
	! grep -q "^$1" "$T/$2.tty" || fail "terminal of $2 has '$1'"
}

# tools/gen.
on_tty gen "'$GEN' --xml '$T/g' --seed 5 --interpreters 40 --bodies 12 \
    --assignments 700 --until 2026-11-23"
[ "$rc" -eq 0 ] || fail "gen on a terminal exited $rc"
tty_has "gen: 40 interpreters in " gen
tty_has "gen: 12 bodies in " gen
tty_has "gen: 700 assignments in " gen
tty_has "gen $T/g-assignments.xml: 700 assignments in " gen
[ ! -s "$T/gen.out" ] || fail "gen wrote progress to standard output"
grep -q "assignments in" "$T/g-assignments.xml" &&
	fail "progress went into the XML"
on_tty genq "'$GEN' --quiet --db '$T/q.db' --interpreters 40 --bodies 12 \
    --assignments 700 --until 2026-11-23"
[ "$rc" -eq 0 ] || fail "gen --quiet exited $rc"
tty_lacks "gen" genq
"$GEN" --db "$T/n.db" --interpreters 40 --bodies 12 --assignments 700 \
    --until 2026-11-23 >"$T/out" 2>"$T/err" || fail "gen exited $?"
[ ! -s "$T/err" ] || fail "gen wrote to standard error off a terminal"

# import: a schema check, then the records of each kind.
init_db
on_tty imp "'$TOLKREG' import '$T/g-register.xml' '$T/g-bodies.xml' \
    '$T/g-assignments.xml'"
[ "$rc" -eq 0 ] || fail "import on a terminal exited $rc"
tty_has "import $T/g-register.xml: 40 interpreters in " imp
tty_has "import $T/g-bodies.xml: 12 bodies in " imp
tty_has "import $T/g-assignments.xml: 700 assignments in " imp
has "applied" "$T/imp.out"
lacks "assignments in" "$T/imp.out"
rm -f "$DB"
init_db
on_tty impq "'$TOLKREG' import --quiet '$T/g-register.xml' \
    '$T/g-bodies.xml' '$T/g-assignments.xml'"
[ "$rc" -eq 0 ] || fail "import --quiet exited $rc"
tty_lacks "import" impq
has "applied" "$T/impq.out"
rm -f "$DB"
init_db
expect 0 import "$T/g-register.xml" "$T/g-bodies.xml" "$T/g-assignments.xml"
[ ! -s "$T/err" ] || fail "import wrote to standard error off a terminal"

# export, to standard output and to a file.
on_tty exp "'$TOLKREG' export assignments"
[ "$rc" -eq 0 ] || fail "export on a terminal exited $rc"
tty_has "export: 700 assignments in " exp
[ "$(grep -c '<assignment ' "$T/exp.out")" = 700 ] ||
	fail "export to standard output lost assignments"
lacks "assignments in" "$T/exp.out"
on_tty expf "'$TOLKREG' export register --out '$T/r.xml'"
tty_has "export: 40 interpreters in " expf
lacks "interpreters in" "$T/r.xml"
on_tty expq "'$TOLKREG' export bodies --quiet --out '$T/b.xml'"
[ "$rc" -eq 0 ] || fail "export --quiet exited $rc"
tty_lacks "export" expq
expect 0 export assignments
[ ! -s "$T/err" ] || fail "export wrote to standard error off a terminal"
# Nothing over the document when it goes to the terminal too.
script -qec "'$TOLKREG' export bodies" "$T/both.raw" </dev/null >/dev/null ||
	fail "export to a terminal failed"
grep -q "<body " "$T/both.raw" || fail "export wrote no bodies to the terminal"
! grep -q "export: " "$T/both.raw" || fail "progress over the document"

# demo, at a small scale.
TOLKREG_DEMO_SCALE=400; export TOLKREG_DEMO_SCALE
mkdir -p "$T/d1" "$T/d2" "$T/d3"
on_tty demo "'$TOLKREG' --db '$T/d1/demo.db' demo --until 2026-11-23"
[ "$rc" -eq 0 ] || fail "demo on a terminal exited $rc"
tty_has "demo: 5 interpreters in " demo
tty_has "demo: 1 675 assignments in " demo
has "tolkreg demo register" "$T/demo.out"
lacks "assignments in" "$T/demo.out"
on_tty demoq "'$TOLKREG' --db '$T/d2/demo.db' demo --quiet \
    --until 2026-11-23"
[ "$rc" -eq 0 ] || fail "demo --quiet exited $rc"
tty_lacks "demo" demoq
expect 0 --db "$T/d3/demo.db" demo --until 2026-11-23
[ ! -s "$T/err" ] || fail "demo wrote to standard error off a terminal"
echo "progress-terminal: ok"
