#!/bin/sh
# language list finds ISO 639-3 codes by code, English or Norwegian name.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

expect 0 language list --query arabisk --format csv
head -1 "$T/out" | grep -q '^"code","name","name_en","name_nb","sign"' ||
	fail "csv header"
has '"ara","Arabisk","Arabic","Arabisk","no"'

expect 0 language list --query "norwegian sign" --format csv
has '"nsl"'
has '"yes"'

expect 0 language list --query tir --format json
# An exact code comes first.
sed -n 3p "$T/out" | grep -q '"code": "tir"' || fail "exact code not first"

expect 0 language list --query ukrainsk
has "ukr"

expect 0 language list --query zzzzzz --format csv
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "expected only a header"

expect 0 language list
[ "$(wc -l <"$T/out")" -gt 7800 ] || fail "full list too short"
echo "language-list: ok"
