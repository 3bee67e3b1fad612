#!/bin/sh
# tolkreg import --dry-run of several files reports what the real import
# of the same files would do: each file sees the ones before it that
# would have been applied, and not those that would have been refused;
# and the database is left exactly as it was.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

head='<?xml version="1.0" encoding="UTF-8"?>
<tolkreg xmlns="urn:no:imdi:tolkreg:1" version="1">'
# doc NAME BODY...: write $T/NAME.xml holding BODY between root tags.
doc() {
	name=$1; shift
	{ printf '%s\n' "$head"; printf '%s\n' "$@"; echo '</tolkreg>'; } \
	    >"$T/$name.xml"
}

doc register '<interpreters>' \
    '<interpreter regno="10001" name="Amina Hassan" gender="F" municipality="0301" availability="part" modalities="onsite video phone" fnr="31129956715" email="amina@example.no" phone="+47 912 34 567">' \
    '<credential kind="authorisation" lang="ara" obtained="2021-06-01"/>' \
    '</interpreter>' '</interpreters>'
doc bodies '<bodies>' \
    '<body orgnr="974760673" name="Oslo universitetssykehus HF" sector="health" municipality="0301" regular="true" guidelines="partial"/>' \
    '</bodies>'
# Refused: the second body is given twice.
doc badbodies '<bodies>' \
    '<body orgnr="974760673" name="Oslo universitetssykehus HF" sector="health" municipality="0301" regular="true" guidelines="partial"/>' \
    '<body orgnr="988077917" name="Nav Oslo" sector="welfare" municipality="0301" regular="true" guidelines="none"/>' \
    '<body orgnr="988077917" name="Nav Oslo" sector="welfare" municipality="0301" regular="true" guidelines="none"/>' \
    '</bodies>'
# Needs both the interpreter and the body.
assign='<assignment sender="974760673" ref="R-%d" body="974760673" lang="ara" start="2025-03-%02dT10:00" minutes="60" modality="phone" outcome="completed" interpreter="10001"/>'
set -- '<assignments>'
for i in 1 2 3 4 5 6 7 8 9 10; do
	set -- "$@" "$(printf "$assign" "$i" "$i")"
done
set -- "$@" '</assignments>'
doc assign "$@"

# run_both STATUS FILE...: a dry run on $DB, and the real import of the
# same files on a copy of it; each must exit STATUS. Leaves the outputs
# in $T/dry.* and $T/real.*, with "dry-run" written "applied".
run_both() {
	want=$1; shift
	before=$(db_digest)
	cp "$DB" "$T/real.db"
	expect "$want" import --dry-run "$@" --format csv
	sed 's/"dry-run"/"applied"/' "$T/out" >"$T/dry.out"
	grep -v '^tolkreg: import: ' "$T/err" >"$T/dry.err" || true
	[ "$(db_digest)" = "$before" ] || fail "the dry run changed the database"
	set +e
	TOLKREG_DB="$T/real.db" "$TOLKREG" import "$@" --format csv \
	    >"$T/real.out" 2>"$T/real.err.all"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || fail "the real import exited $rc, expected $want"
	grep -v '^tolkreg: import: ' "$T/real.err.all" >"$T/real.err" || true
	cmp -s "$T/dry.out" "$T/real.out" ||
	    fail "the dry run's counts differ from the import's: $(diff "$T/dry.out" "$T/real.out")"
	cmp -s "$T/dry.err" "$T/real.err" ||
	    fail "the dry run's problems differ from the import's: $(diff "$T/dry.err" "$T/real.err")"
}

# On an empty register: the bodies and the interpreter of the first two
# files are there for the third, and all three would be applied.
run_both 0 "$T/register.xml" "$T/bodies.xml" "$T/assign.xml"
has '"applied","interpreters","1","0","0"' "$T/dry.out"
has '"applied","bodies","1","0","0"' "$T/dry.out"
has '"applied","assignments","10","0","0"' "$T/dry.out"
[ ! -s "$T/dry.err" ] || fail "the dry run reported problems"
expect 0 body list --format csv
lacks '974760673'

# A refused file is not seen by the files after it: the assignments
# fail after the bad bodies, and are applied once the good ones come.
run_both 65 "$T/register.xml" "$T/badbodies.xml" "$T/assign.xml" \
    "$T/bodies.xml" "$T/assign.xml"
has "$T/badbodies.xml:6: " "$T/dry.err"
has "$T/assign.xml:4: assignment 974760673 'R-1': no public body" "$T/dry.err"
[ "$(grep -c '"not-applied"' "$T/dry.out")" -eq 6 ] ||
    fail "two files not applied, three rows each"
has '"applied","assignments","10","0","0"' "$T/dry.out"
err_has "2 of 5 files had problems and were not applied"
expect 0 interpreter list --format csv
lacks '10001'
echo "xml-dry-run: ok"
