#!/bin/sh
# interpreter add|show|update|list: validation, output, and personal
# numbers never printed.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

add_interp "Amina Hassan" 31129956715
out_is 10001
add_interp "Bashir Ali" 15108695088 4601 M phone
out_is 10002

expect 0 interpreter show 10001
has "name:"
has "Amina Hassan"
has "+4791234567"
lacks 31129956715
expect 0 interpreter show 10001 --format json
has '"regno": 10001'
has '"warning_flag": false'
lacks 31129956715
expect 0 interpreter show 10001 --format csv
head -1 "$T/out" | grep -q '^"regno","name","gender"' || fail "csv header"

# Required fields and rules, each naming the field.
expect 65 interpreter add --name "X" --fnr 31129956716 --gender F \
    --email x@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities phone
err_has "'fnr'"
grep -qF 31129956716 "$T/err" && fail "personal number echoed"
expect 65 interpreter add --name "X" --fnr 01018012345 --gender F \
    --email x@example.no --phone 9123456 --municipality 0301 \
    --availability full --modalities phone
err_has "'fnr'"
expect 65 interpreter add --name "X" --fnr 31129956715 --gender F \
    --email x@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities fax
err_has "'modalities'"
expect 65 interpreter add --name "X" --fnr 31129956715 --gender F \
    --email x@example.no --phone 91234567 --municipality 0301 \
    --availability sometimes --modalities phone
err_has "'availability'"
expect 64 interpreter add --name "X" --gender F --email x@example.no \
    --phone 91234567 --municipality 0301 --availability full \
    --modalities phone
err_has "'--fnr' is required"
# Options are matched exactly, never by abbreviation.
expect 64 interpreter add --nam "X" --fnr 31129956715 --gender F \
    --email x@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities phone
err_has "unknown option '--nam'"
# The same person twice is a conflict.
expect 75 interpreter add --name "Amina H" --fnr 31129956715 --gender F \
    --email x@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities phone
err_has "already registered"
grep -qF 31129956715 "$T/err" && fail "personal number echoed"

expect 0 interpreter update 10001 --phone "0047 22-22-22-22" \
    --municipality 5501
expect 0 interpreter show 10001 --format json
has '"phone": "+4722222222"'
has '"municipality": "5501"'
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE entity_id = '10001'
    AND field = 'municipality' AND old = '0301' AND new = '5501'")" = 1 ] ||
	fail "update not audited"
expect 64 interpreter update 10001
expect 66 interpreter update 10999 --name "Nobody"
expect 65 interpreter update 10001 --email "not an address"
err_has "'email'"

expect 0 interpreter list --format csv
has '"10001","Amina Hassan"'
has '"10002","Bashir Ali"'
lacks 31129956715
lacks 15108695088
expect 0 interpreter list --municipality 4601 --format csv
lacks "Amina"
expect 65 interpreter list --status gone
# The audit actor is --as, else $USER.
expect 0 --as clerk7 interpreter update 10002 --name "Bashir A. Ali"
[ "$(sqlite3 "$DB" "SELECT actor FROM audit WHERE entity_id = '10002'
    AND field = 'name'")" = clerk7 ] || fail "--as not recorded"
echo "interpreter-basics: ok"
