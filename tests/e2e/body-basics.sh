#!/bin/sh
# Public bodies: add, show, update, list, with organisation number rules.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

expect 0 body add --orgnr 974760673 --name "Oslo universitetssykehus HF" \
    --sector health --municipality 0301 --guidelines partial --regular
out_is 974760673
expect 0 body add --orgnr 988077917 --name "NAV Bergen" --sector welfare \
    --municipality 4601 --guidelines none
expect 75 body add --orgnr 974760673 --name "Again" --sector health \
    --municipality 0301 --guidelines none
err_has "already registered"
expect 65 body add --orgnr 123456785 --name "X" --sector health \
    --municipality 0301 --guidelines none
err_has "'orgnr'"
expect 65 body add --orgnr 974760674 --name "X" --sector health \
    --municipality 0301 --guidelines none
err_has "'orgnr'"
expect 65 body add --orgnr 999999999 --name "X" --sector hospital \
    --municipality 0301 --guidelines none
err_has "'sector'"
expect 65 body add --orgnr 999999999 --name "X" --sector health \
    --municipality 0301 --guidelines some
err_has "'guidelines'"

expect 0 body show 974760673 --format json
has '"regular": true'
has '"guidelines": "partial"'
expect 0 body update 974760673 --guidelines full --not-regular
expect 0 body show 974760673 --format json
has '"regular": false'
has '"guidelines": "full"'
expect 64 body update 974760673 --regular --not-regular
expect 66 body show 914778271

expect 0 body list --format csv
head -1 "$T/out" | grep -q '^"orgnr","name","sector","municipality"' ||
	fail "csv header"
has '"974760673"'
has '"988077917"'
expect 0 body list --county 46 --format csv
lacks "974760673"
has "988077917"
expect 0 body list --sector health --format csv
lacks "988077917"
expect 65 body list --county 99
echo "body-basics: ok"
