#!/bin/sh
# The public register search: columns, order (highest category first),
# filters, only listed interpreters, no personal data.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
add_interp "Erik Enger" 31129956715 0301 M phone
E=$REGNO
add_interp "Anne Aas" 15108695088 4601 F onsite,video
A=$REGNO
expect 0 credential add "$E" --kind bilingual-test --lang ara --date 2020-01-01
expect 0 credential add "$E" --kind tao --date 2020-01-01
expect 0 credential add "$A" --kind authorisation --lang ara --date 2020-01-01
expect 0 credential add "$A" --kind bachelor --lang ara --date 2021-01-01

expect 0 search --lang ara --format csv
head -1 "$T/out" | tr -d '\r' >"$T/header"
grep -qx '"regno","name","gender","language","language_name","category","municipality","municipality_name","county","county_name","availability","modalities"' "$T/header" ||
	fail "search csv header: $(cat "$T/header")"
sed -n 2p "$T/out" | grep -q "^\"$A\",\"Anne Aas\",\"F\",\"ara\",\"Arabisk\",\"A\"" ||
	fail "category A not first"
sed -n 3p "$T/out" | grep -q "\"E\"" || fail "category E not second"
lacks 31129956715
lacks 15108695088
lacks "example.no"
lacks "91234567"

expect 0 search --lang ara --category c --format csv
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "category filter"
expect 0 search --lang ara --county 03 --format csv
has "Erik Enger"
lacks "Anne Aas"
expect 0 search --lang ara --municipality 4601 --format csv
has "Anne Aas"
lacks "Erik Enger"
expect 0 search --lang ara --gender m --format csv
has "Erik Enger"
lacks "Anne Aas"
expect 0 search --lang ara --modality video --format csv
has "Anne Aas"
lacks "Erik Enger"
expect 0 search --lang rus --format csv
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "no one in Russian"

expect 0 interpreter exclude "$A" --reason "case" --temporary
expect 0 search --lang ara --format json
lacks "Anne Aas"
has "Erik Enger"
expect 0 interpreter withdraw "$E"
expect 0 search --lang ara --format json
out_is "[]"

expect 64 search
expect 65 search --lang arabic
err_has "'lang'"
expect 65 search --lang ara --county 3
expect 65 search --lang ara --municipality 0302
expect 65 search --lang ara --gender K
expect 64 search --lang ara --format pdf
echo "search-public: ok"
