#!/bin/sh
# Declared unavailability and conflicts of interest (§ 16) from the
# command line: ids, listings in Oslo time, exit statuses, and refused
# commands that leave the database as it was.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
add_interp "Amina Hassan" 31129956715
expect 0 body add --orgnr 974760673 --name "Oslo universitetssykehus" \
    --sector health --municipality 0301 --guidelines full --regular
expect 0 body add --orgnr 991012133 --name "NAV Bergen" --sector welfare \
    --municipality 4601 --guidelines partial

# csv_is TEXT: stdout, CR LF line ends removed, is exactly TEXT.
csv_is() {
	tr -d '\r' <"$T/out" >"$T/csv"
	printf '%s\n' "$1" >"$T/want"
	cmp -s "$T/want" "$T/csv" || fail "csv is not: $1"
}

# out_empty: the command printed nothing.
out_empty() { [ ! -s "$T/out" ] || fail "stdout is not empty"; }

# Periods: one long past, two far ahead (added out of order).
expect 0 unavailable add 10001 --from 2099-07-01T08:00 --to 2099-07-15T16:00 \
    --note "summer holiday"
out_is 1
expect 0 unavailable add 10001 --from 2020-01-06T08:00 --to 2020-01-10T16:00
out_is 2
expect 0 unavailable add 10001 --from=2099-01-04T07:00Z --to=2099-01-04T11:00Z \
    --note "course, \"Tolkens ansvar\""
out_is 3

# Only periods not yet over, by start, in Oslo time.
expect 0 unavailable list 10001 --format csv
csv_is '"id","from","to","note"
"3","2099-01-04T08:00:00+01:00","2099-01-04T12:00:00+01:00","course, ""Tolkens ansvar"""
"1","2099-07-01T08:00:00+02:00","2099-07-15T16:00:00+02:00","summer holiday"'
# --all adds the past one, first.
expect 0 unavailable list 10001 --all --format csv
csv_is '"id","from","to","note"
"2","2020-01-06T08:00:00+01:00","2020-01-10T16:00:00+01:00",""
"3","2099-01-04T08:00:00+01:00","2099-01-04T12:00:00+01:00","course, ""Tolkens ansvar"""
"1","2099-07-01T08:00:00+02:00","2099-07-15T16:00:00+02:00","summer holiday"'
expect 0 unavailable list 10001 --all --format json
has '"id": 2'
has '"note": null'
expect 0 unavailable list 10001
has "ID"
has "summer holiday"

# Local time across the change to summer time: 47 hours, two offsets.
expect 0 unavailable add 10001 --from 2026-03-28T12:00 --to 2026-03-30T12:00
DST=$(cat "$T/out")
expect 0 unavailable list 10001 --all --format csv
has "\"$DST\",\"2026-03-28T12:00:00+01:00\",\"2026-03-30T12:00:00+02:00\",\"\""
[ "$(sqlite3 "$DB" "SELECT end - start FROM unavailability
    WHERE id = $DST")" = 169200 ] || fail "DST period is not 47 hours"
expect 0 unavailable remove 10001 "$DST"
out_empty

# Conflicts of interest.
expect 0 conflict add 10001 --body 974760673
out_empty
expect 0 conflict add 10001 --body=991012133
expect 0 conflict list 10001 --format csv
tr -d '\r' <"$T/out" | head -1 | grep -qxF '"body","body_name","created"' ||
	fail "conflict list header"
has '"974760673","Oslo universitetssykehus","'
has '"991012133","NAV Bergen","'
expect 0 conflict remove 10001 --body 991012133
expect 0 conflict list 10001 --format csv
lacks "991012133"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action IN
    ('unavailable-add', 'unavailable-remove', 'conflict-add',
    'conflict-remove')")" = 8 ] || fail "not every change is audited"

# Refused commands change nothing.
before=$(db_digest)
refused() {
	want=$1; shift
	expect "$want" "$@"
	[ "$(db_digest)" = "$before" ] ||
		fail "refused 'tolkreg $*' changed the database"
}
refused 64 unavailable add 10001 --to 2099-08-01T00:00
err_has "'--from' is required"
refused 64 unavailable add 10001 --from 2099-08-01T00:00
err_has "'--to' is required"
refused 64 unavailable add 10001 --from 2099-08-01T00:00 \
    --until 2099-08-02T00:00
refused 64 unavailable add abc --from 2099-08-01T00:00 --to 2099-08-02T00:00
refused 64 unavailable remove 10001
refused 64 unavailable remove 10001 x
refused 64 conflict add 10001
err_has "'--body' is required"
refused 64 conflict remove 10001
refused 65 unavailable add 10001 --from 2099-08-02T00:00 --to 2099-08-01T00:00
err_has "'to' must be after 'from'"
refused 65 unavailable add 10001 --from 2099-08-01T00:00 --to 2099-08-01T00:00
refused 65 unavailable add 10001 --from 2099-01-01T00:00 --to 2100-01-03T00:00
err_has "366 days"
refused 65 unavailable add 10001 --from 2099-08-01 --to 2099-08-02T00:00
err_has "'from'"
refused 65 unavailable add 10001 --from 2027-03-28T02:30 --to 2027-03-28T04:00
err_has "daylight saving"
refused 65 unavailable add 10001 --from 2099-08-01T00:00 \
    --to 2099-08-02T00:00 --note ""
err_has "'note'"
refused 65 conflict add 10001 --body 974760674
err_has "'body'"
refused 66 unavailable add 10999 --from 2099-08-01T00:00 --to 2099-08-02T00:00
err_has "no interpreter with register number 10999"
refused 66 unavailable remove 10001 99
err_has "has no unavailability period 99"
refused 66 unavailable list 10999
refused 66 conflict add 10001 --body 988077917
err_has "no public body"
refused 66 conflict add 10999 --body 974760673
refused 66 conflict remove 10001 --body 991012133
refused 66 conflict list 10999
refused 75 conflict add 10001 --body 974760673
err_has "interpreter 10001 has already declared a conflict with body 974760673"

# Another interpreter's period cannot be removed through them.
expect 0 interpreter add --name "Bashir Ali" --fnr 15076500565 --gender M \
    --email b@example.no --phone 91234568 --municipality 4601 \
    --availability full --modalities phone
BASHIR=$(cat "$T/out")
before=$(db_digest)
refused 66 unavailable remove "$BASHIR" 1
expect 0 unavailable list 10001 --format csv
has '"1","2099-07-01T08:00:00+02:00"'
expect 0 unavailable remove 10001 1
expect 0 unavailable remove 10001 3
expect 0 unavailable list 10001 --format csv
csv_is '"id","from","to","note"'
echo "availability-conflict: ok"
