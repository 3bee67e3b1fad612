#!/bin/sh
# Request lifecycle and the tolkeloven fields; illegal transitions name
# the current state and change nothing.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines full --regular
add_interp "Anne Aas" 15108695088 0301 F
expect 0 credential add "$REGNO" --kind authorisation --lang ara --date 2020-01-01

expect 64 request add --body 974760673 --lang ara --start 2030-03-04T10:00 \
    --modality phone
err_has "'--minutes' is required"
expect 65 request add --body 974760673 --lang ara --start 2030-03-04T10:00 \
    --minutes 60 --modality onsite
err_has "'municipality'"
expect 65 request add --body 974760673 --lang ara --start 2030-03-31T02:30 \
    --minutes 60 --modality phone
err_has "'start'"
expect 66 request add --body 914778271 --lang ara --start 2030-03-04T10:00 \
    --minutes 60 --modality phone
expect 0 request add --body 974760673 --lang ara --start 2030-07-04T10:00 \
    --minutes 60 --modality onsite --municipality 0301 --case "K-1" --urgent
out_is 1
expect 0 request show 1 --format json
has '"start": "2030-07-04T10:00:00+02:00"'
has '"urgent": true'
has '"state": "requested"'

before=$(db_digest)
expect 75 complete 1
err_has "is requested"
expect 65 complete 1 --unregistered
err_has "'unqualified_reason' is required"
[ "$(db_digest)" = "$before" ] || fail "refused complete changed the database"

expect 0 book 1
expect 75 unfilled 1 --reason "x"
err_has "is booked"
expect 0 complete 1 --minutes 90 --child-used
expect 0 request show 1 --format json
has '"state": "completed"'
has '"actual_minutes": 90'
has '"child_used": true'
expect 75 cancel 1 --reason "late"
err_has "is completed"

expect 0 request add --body 974760673 --lang ara --start 2030-07-05T10:00 \
    --minutes 30 --modality phone
expect 0 complete 2 --unregistered --unqualified-reason none-qualified
expect 0 request show 2 --format json
has '"unregistered": true'
has '"unqualified_reason": "none-qualified"'
has '"remote": true'
expect 0 request add --body 974760673 --lang ara --start 2030-07-06T10:00 \
    --minutes 30 --modality phone
expect 64 cancel 3
expect 0 cancel 3 --reason "moved"
expect 0 request add --body 974760673 --lang ara --start 2030-07-07T10:00 \
    --minutes 30 --modality video
expect 0 unfilled 4 --reason "no one free"

expect 0 request list --format csv
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "request list"
expect 0 request list --state cancelled --format csv
has '"3"'
lacks '"4"'
expect 0 request list --from 2030-07-06 --to 2030-07-06 --format csv
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "date range"
expect 65 request list --state open
echo "request-lifecycle: ok"
