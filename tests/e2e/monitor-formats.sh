#!/bin/sh
# monitor sprak and lov as XML that follows schema/tolkemonitor.xsd (with
# xmllint when configure found it) and as well-formed HTML with its
# charts; only the reports take xml and html; export demand writes and
# delivers the files to a receiver on 127.0.0.1 (tests/http-stub) once.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
XSD="$TOLKREG_SRCDIR/schema/tolkemonitor.xsd"
STUB="$TOLKREG_BUILDDIR/tests/http-stub"
init_db
expect 0 body add --orgnr 974760673 --name "OUS & <Rikshospitalet>" \
    --sector health --municipality 0301 --guidelines none --regular
add_interp "Amina Hassan" 31129956715
A=$REGNO
expect 0 credential add "$A" --kind authorisation --lang ara --date 2020-01-01
# Listed since 2020, as the history would say.
sqlite3 "$DB" "UPDATE listing_event SET at = '2020-01-01T00:00:00Z'"
for d in 02 03 04; do
	expect 0 request add --body 974760673 --lang ara \
	    --start "2026-02-${d}T10:00" --minutes 60 --modality phone
done
expect 0 book 1
expect 0 complete 1
expect 0 complete 2 --unregistered --unqualified-reason emergency --child-used
expect 0 unfilled 3 --reason "no one"

lint() {
	[ -n "${XMLLINT:-}" ] || return 0
	"$XMLLINT" --noout "$@" 2>"$T/lint" || { cat "$T/lint" >&2; fail "xmllint $*"; }
}

for args in "sprak --period 2026H1" "sprak --period 2026H1 --by county" \
    "lov --year 2026" "lov --period 2026H1 --by body"; do
	# shellcheck disable=SC2086
	expect 0 monitor $args --format xml
	cp "$T/out" "$T/report.xml"
	lint --schema "$XSD" "$T/report.xml"
	has 'xmlns="urn:no:imdi:tolkreg:tolkemonitor:1"'
	has 'version="1"'
	# When it was computed: Europe/Oslo time, as the schema says.
	grep -Eq 'generated="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+0[12]:00"' "$T/out" ||
		fail "generated is not Europe/Oslo time with its offset"
	# shellcheck disable=SC2086
	expect 0 monitor $args --format html
	cp "$T/out" "$T/report.html"
	lint "$T/report.html"
	has "<!DOCTYPE html>"
	has "@page { size: A4;"
	lacks "<script"
done
expect 0 monitor sprak --period 2026H1 --format html
for id in chart-demand chart-qualified chart-change chart-flagged; do
	has "id=\"$id\""
done
has "Arabisk"
expect 0 monitor lov --year 2026 --format xml
has "<name>OUS &amp; &lt;Rikshospitalet&gt;</name>"
expect 0 monitor sprak --period 2026H1 --format csv
head -1 "$T/out" | grep -q '^"language","language_name","requests","filled","filled_qualified",' ||
	fail "csv header"
has '"ara","Arabisk","3","2","1","0","0","1","0","0","1","0.500","1.000","3.0","1"'
expect 64 search --lang ara --format xml
err_has "'--format' must be table, csv or json"
expect 64 monitor sprak --period 2026H1 --format pdf
err_has "'--format' must be table, csv, json, xml or html"

# Export and delivery with the real program and a real receiver.
mkdir "$T/files" "$T/stub"
"$STUB" "$T/stub" "$T/port" 201 201 201 &
stub=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/port" ] || fail "the receiver did not start"
url="http://127.0.0.1:$(cat "$T/port")/inn"
expect 0 export demand --period 2026H1 --dir "$T/files" --push "$url"
wait "$stub" || fail "the receiver failed"
n=1
for ext in csv xml html; do
	f="$T/files/tolkemonitor-sprak-2026H1.$ext"
	cmp -s "$f" "$T/stub/req-$n.body" || fail "$ext received differs"
	head -1 "$T/stub/req-$n.head" | grep -q "^PUT /inn/tolkemonitor-sprak-2026H1.$ext HTTP/1.1" ||
		fail "$ext: request line"
	n=$((n + 1))
done
lint --schema "$XSD" "$T/files/tolkemonitor-sprak-2026H1.xml"
has "delivered tolkemonitor-sprak-2026H1.html (HTTP 201, 1 attempt)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE period = '2026H1'")" -eq 3 ] ||
	fail "deliveries not recorded"
# Again: the receiver is gone, and nothing is tried.
expect 0 export demand --period 2026H1 --dir "$T/files" --push "$url"
has "already delivered tolkemonitor-sprak-2026H1.csv"
# When, in Europe/Oslo with its offset, though stored in UTC.
grep -Eqx 'already delivered tolkemonitor-sprak-2026H1\.csv on [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+0[12]:00' "$T/out" ||
	fail "delivery time not shown in Europe/Oslo"
! sqlite3 "$DB" "SELECT at FROM delivery" | grep -Eqvx '[0-9-]{10}T[0-9:]{8}Z' ||
	fail "delivery time not stored in UTC"
expect 69 export demand --period 2026H1 --dir "$T/files" --push "$url" --force
err_has "delivery of 'tolkemonitor-sprak-2026H1.csv' failed after 4 attempts"
echo "monitor-formats: ok"
