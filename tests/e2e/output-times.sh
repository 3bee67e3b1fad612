#!/bin/sh
# Every time people read, in the table, CSV and JSON output, is Europe/
# Oslo with the offset in force: +01:00 in winter, +02:00 in summer, and
# the hour that happens twice at the end of October told apart by its
# offset, whatever the process's TZ. The database keeps UTC, and so does
# the XML export's listing time, as tolkreg-xml(5) says. A time as shown
# is taken back as input.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
TZ=America/New_York
export TZ
init_db

# No time in the output is written in UTC.
no_utc() {
	! grep -Eq '[0-9]T[0-9:]+Z' "$T/out" || fail "a time in UTC in: $*"
}
# The one CSV data row of the output, without its CR.
csv_row() {
	tr -d '\r' <"$T/out" | sed -n 2p
}

expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines full
add_interp "Amina Hassan" 31129956715
A=$REGNO
# The same wall-clock time twice on 27 October 2030, then as shown.
expect 0 request add --body 974760673 --lang ara \
    --start 2030-10-27T02:30+02:00 --minutes 60 --modality phone
expect 0 request add --body 974760673 --lang ara \
    --start 2030-10-27T02:30+01:00 --minutes 60 --modality phone
expect 0 request add --body 974760673 --lang ara \
    --start 2030-10-27T02:30:00+01:00 --minutes 60 --modality phone
expect 0 conflict add "$A" --body 974760673
expect 0 token create --role admin
expect 0 token revoke 1
expect 0 unavailable add "$A" --from 2030-03-30T12:00 --to 2030-03-31T12:00

# What is stored is UTC.
for q in "SELECT created FROM request WHERE id = 1" \
    "SELECT created FROM body" "SELECT at FROM listing_event" \
    "SELECT created FROM conflict" "SELECT revoked FROM token"; do
	sqlite3 "$DB" "$q" | grep -Eqx '[0-9-]{10}T[0-9:]{8}Z' ||
		fail "$q: not stored in UTC"
done
# Known stored times, either side of the changes of summer time.
sqlite3 "$DB" "UPDATE request SET created = CASE id
    WHEN 1 THEN '2030-10-27T00:30:00Z' WHEN 2 THEN '2030-10-27T01:30:00Z'
    ELSE '2026-12-08T09:15:00Z' END;
    UPDATE body SET created = '2026-07-01T10:00:00Z';
    UPDATE listing_event SET at = '2026-12-08T09:15:00Z';
    UPDATE conflict SET created = '2026-03-29T01:00:00Z';
    UPDATE token SET created = '2026-03-29T00:59:59Z',
        revoked = '2026-10-25T01:00:00Z'"

# Requests: start and created, in each format.
expect 0 request show 1
grep -Eqx 'start: +2030-10-27T02:30:00\+02:00' "$T/out" || fail "start 1"
grep -Eqx 'created: +2030-10-27T02:30:00\+02:00' "$T/out" || fail "created 1"
no_utc request show 1
expect 0 request show 2 --format csv
csv_row | grep -q '^"2","974760673","ara","2030-10-27T02:30:00+01:00",' ||
	fail "start 2 in csv"
csv_row | grep -q ',"2030-10-27T02:30:00+01:00"$' || fail "created 2 in csv"
expect 0 request show 3 --format json
has '"start": "2030-10-27T02:30:00+01:00"'
has '"created": "2026-12-08T10:15:00+01:00"'
no_utc request show 3 --format json
expect 0 request list --format csv
tr -d '\r' <"$T/out" | cut -d, -f4 >"$T/starts"
printf '%s\n' '"start"' '"2030-10-27T02:30:00+02:00"' \
    '"2030-10-27T02:30:00+01:00"' '"2030-10-27T02:30:00+01:00"' >"$T/want"
cmp -s "$T/want" "$T/starts" || fail "request list starts"

# A body's created.
expect 0 body show 974760673
grep -Eqx 'created: +2026-07-01T12:00:00\+02:00' "$T/out" || fail "body table"
expect 0 body show 974760673 --format csv
csv_row | grep -q ',"2026-07-01T12:00:00+02:00"$' || fail "body csv"
expect 0 body show 974760673 --format json
has '"created": "2026-07-01T12:00:00+02:00"'

# An interpreter's history.
expect 0 interpreter show "$A"
grep -Eq '^2026-12-08T10:15:00\+01:00 +listed +added to the register' \
    "$T/out" || fail "history in the table"
no_utc interpreter show
expect 0 interpreter show "$A" --format json
has '"at": "2026-12-08T10:15:00+01:00"'
no_utc interpreter show --format json

# Conflicts, from the first second of summer time.
expect 0 conflict list "$A"
has "2026-03-29T03:00:00+02:00"
expect 0 conflict list "$A" --format csv
csv_row | grep -qx '"974760673","OUS","2026-03-29T03:00:00+02:00"' ||
	fail "conflict csv"
expect 0 conflict list "$A" --format json
has '"created": "2026-03-29T03:00:00+02:00"'

# Tokens: the last second of winter time, and the repeated hour's second
# 02:00.
expect 0 token list --format csv
csv_row | grep -q ',"2026-03-29T01:59:59+01:00","2026-10-25T02:00:00+01:00",' ||
	fail "token csv"
expect 0 token list --format json
has '"revoked": "2026-10-25T02:00:00+01:00"'
expect 0 token list
has "2026-03-29T01:59:59+01:00"
no_utc token list

# Unavailability across the change of 31 March 2030.
expect 0 unavailable list "$A" --format csv
csv_row | grep -q ',"2030-03-30T12:00:00+01:00","2030-03-31T12:00:00+02:00",' ||
	fail "unavailability csv"

# The XML export keeps the listing time in UTC (tolkreg-xml(5)).
expect 0 export register
has 'at="2026-12-08T09:15:00Z"'
echo "output-times: ok"
