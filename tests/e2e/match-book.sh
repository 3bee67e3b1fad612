#!/bin/sh
# match ranks and explains; book takes the best or a named interpreter,
# stores the ranking it was made from, and never double-books.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines full --regular
add_interp "Erik Enger" 31129956715 0301 M
E=$REGNO
add_interp "Anne Aas" 15108695088 3205 F
A=$REGNO
expect 0 credential add "$E" --kind bilingual-test --lang ara --date 2020-01-01
expect 0 credential add "$E" --kind tao --date 2020-01-01
expect 0 credential add "$A" --kind authorisation --lang ara --date 2020-01-01

expect 0 request add --body 974760673 --lang ara --start 2030-03-04T10:00 \
    --minutes 60 --modality onsite --municipality 0301 --case K-17
out_is 1
expect 0 match 1 --format csv
head -1 "$T/out" | tr -d '\r' | grep -qx '"rank","regno","name","category","travel_minutes","booked_minutes_30d","continuity","eligible","reasons"' ||
	fail "match csv header"
sed -n 2p "$T/out" | grep -q "^\"1\",\"$A\",\"Anne Aas\",\"C\"" ||
	fail "category C not ranked first"
has "travel band 0"
expect 0 match 1 --limit 1 --format csv
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "--limit"

# Minimum category: only Anne; --explain names the rule for Erik.
expect 0 request add --body 974760673 --lang ara --start 2030-03-04T10:00 \
    --minutes 60 --modality phone --min-category C
out_is 2
expect 0 match 2 --explain --format csv
has "excluded (category)"
expect 65 book 2 "$E"
err_has "category"

expect 0 book 1
out_is "$A"
expect 0 request show 1 --format json
has '"state": "booked"'
has "\"regno\": $A"
expect 0 request show 1 --explain --format json
has '"ranking"'
has '"reasons"'
# Anne is now busy at that time: request 2 has no one (69), match says why.
expect 0 match 2 --format csv
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "expected an empty list"
err_has "booked"
expect 69 book 2
err_has "no interpreter can take request 2"
expect 75 book 1
err_has "is booked"
expect 75 match 1
err_has "request 1 is booked; only an open request has candidates"
expect 66 match 99
expect 66 book 99

# Conflicts and exclusions.
expect 0 request add --body 974760673 --lang ara --start 2030-03-05T10:00 \
    --minutes 60 --modality phone --exclude "$A"
out_is 3
expect 0 match 3 --explain --format csv
has "excluded (excluded)"
expect 0 book 3
out_is "$E"
expect 0 conflict add "$A" --body 974760673
expect 0 request add --body 974760673 --lang ara --start 2030-03-06T10:00 \
    --minutes 60 --modality phone
expect 0 match 4 --explain --format csv
has "excluded (conflict)"
expect 0 request add --body 974760673 --lang rus --start 2030-03-06T10:00 \
    --minutes 60 --modality phone
expect 0 match 5
err_has "no interpreter in the register has a category in the language"
echo "match-book: ok"
