#!/bin/sh
# Eight processes book eight requests for the same slot at once; one
# interpreter can take it: exactly one booking may exist afterwards.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines full --regular
add_interp "Anne Aas" 15108695088 0301 F
expect 0 credential add "$REGNO" --kind authorisation --lang ara --date 2020-01-01
i=1
while [ $i -le 8 ]; do
	expect 0 request add --body 974760673 --lang ara \
	    --start 2030-03-04T10:00 --minutes 60 --modality phone
	i=$((i + 1))
done
i=1
while [ $i -le 8 ]; do
	"$TOLKREG" book $i >"$T/book.$i.out" 2>"$T/book.$i.err" &
	i=$((i + 1))
done
wait
n=$(sqlite3 "$DB" "SELECT count(*) FROM request WHERE state = 'booked'")
[ "$n" = 1 ] || fail "$n bookings of one interpreter in one slot"
ok=$(cat "$T"/book.*.out | grep -c . || true)
[ "$ok" = 1 ] || fail "$ok book commands reported success"
echo "book-concurrent: ok"
