#!/bin/sh
# tools/gen writes a register at any scale, into a database or as
# tolkreg XML that validates and imports; the same seed, the same data.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
: "${TOLKREG_BUILDDIR:?}"
GEN=$TOLKREG_BUILDDIR/tools/gen

"$GEN" --xml "$T/g" --seed 3 --interpreters 60 --bodies 20 \
    --assignments 600 --until 2026-11-23 || fail "gen --xml failed"
for k in register bodies assignments; do
	[ -s "$T/g-$k.xml" ] || fail "no $k file"
	if [ -n "${XMLLINT:-}" ]; then
		"$XMLLINT" --noout --schema "$TOLKREG_SRCDIR/schema/tolkreg.xsd" \
		    "$T/g-$k.xml" 2>"$T/err" || fail "g-$k.xml does not validate"
	fi
done
init_db
expect 0 import "$T/g-register.xml" "$T/g-bodies.xml" "$T/g-assignments.xml"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM interpreter')" = 60 ] ||
	fail "interpreters not imported"

"$GEN" --db "$T/a.db" --seed 3 --interpreters 60 --bodies 20 \
    --assignments 600 --until 2026-11-23 || fail "gen --db failed"
[ "$(sqlite3 "$T/a.db" 'SELECT count(*) FROM request')" = 600 ] ||
	fail "wrong number of assignments"
# The register exported from the generated database is the same bytes.
expect 0 --db "$T/a.db" export register --include-personal --out "$T/a.xml"
cmp -s "$T/a.xml" "$T/g-register.xml" || fail "same seed, other register"
"$GEN" --db "$T/a.db" --interpreters 1 >/dev/null 2>&1 &&
	fail "gen overwrote an existing database"
echo "gen-xml: ok"
