#!/bin/sh
# Lists that end: --limit and --after on the lists, 100 rows by default
# on a terminal and all rows into a file, the way on told on standard
# error only, a walk page by page while requests are added, and bad
# values refused with nothing printed.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

# Into a file: every row, and nothing on standard error.
expect 0 language list --format csv
cp "$T/out" "$T/all.csv"
[ "$(wc -l <"$T/all.csv")" -gt 7800 ] || fail "a file did not get all rows"
[ ! -s "$T/err" ] || fail "a whole list told of more"

# On a terminal: the first 100 rows, then how to continue.
if command -v script >/dev/null 2>&1; then
	script -qec "'$TOLKREG' language list" /dev/null </dev/null \
	    >"$T/tty" 2>&1 || fail "language list on a terminal failed"
	tr -d '\r' <"$T/tty" >"$T/out"
	[ "$(grep -c ' no$\| yes$' "$T/out")" -eq 100 ] ||
		fail "a terminal did not get 100 rows"
	has "tolkreg: language list: 100 rows shown, more follow; continue with --after "
	expect 0 language list --limit 0
	[ "$(wc -l <"$T/out")" -gt 7800 ] || fail "--limit 0 is not all rows"
else
	echo "list-paging: no script(1); the terminal default is not run"
fi

# Page by page in csv: the pages, headers left out, are the whole list.
after=""
: >"$T/walk.csv"
pages=0
while :; do
	if [ -z "$after" ]; then
		expect 0 language list --format csv --limit 1000
	else
		expect 0 language list --format csv --limit 1000 --after "$after"
	fi
	[ "$pages" -gt 0 ] || head -1 "$T/out" >>"$T/walk.csv"
	tail -n +2 "$T/out" >>"$T/walk.csv"
	pages=$((pages + 1))
	after=$(sed -n 's/.*; continue with --after //p' "$T/err")
	[ -n "$after" ] || break
	lacks "continue with"
done
[ "$pages" -ge 8 ] || fail "only $pages pages"
cmp -s "$T/all.csv" "$T/walk.csv" || fail "the pages are not the list"

# Requests, 5 a page, while one is added after each page: every request
# there was at the start is shown once.
expect 0 body add --orgnr 974760673 --name "Oslo universitetssykehus" \
    --sector health --municipality 0301 --guidelines full
add_request() {
	expect 0 request add --body 974760673 --lang ara --start "$1" \
	    --minutes 60 --modality phone
}
for d in 10 11 12 13 14 15 16 17 18 19 20 21; do
	add_request "2031-03-${d}T09:00"
	add_request "2031-03-${d}T09:00"
done
expect 0 request list --format csv
tail -n +2 "$T/out" | cut -d, -f1 | tr -d '"\r' | sort >"$T/before"
after=""
: >"$T/seen"
n=0
while :; do
	if [ -z "$after" ]; then
		expect 0 request list --format json --limit 5
	else
		expect 0 request list --format json --limit 5 --after "$after"
	fi
	# Standard output stays one JSON array.
	[ "$(head -c 1 "$T/out")" = "[" ] && [ "$(tail -n 1 "$T/out")" = "]" ] ||
		fail "not a JSON array"
	sed -n 's/^    "id": \([0-9]*\),$/\1/p' "$T/out" >>"$T/seen"
	after=$(sed -n 's/^tolkreg: request list: 5 rows shown, more follow; continue with --after //p' "$T/err")
	[ -n "$after" ] || break
	n=$((n + 1))
	# One before the page, one after it.
	add_request "2031-03-0$((n % 9 + 1))T08:00"
	add_request "2031-04-0$((n % 9 + 1))T08:00"
done
[ "$(sort "$T/seen" | uniq -d)" = "" ] || fail "a request shown twice"
[ "$(wc -l <"$T/seen")" -gt "$(wc -l <"$T/before")" ] ||
	fail "no request added after a page was shown"
sort "$T/seen" | join - "$T/before" >"$T/both"
cmp -s "$T/before" "$T/both" || fail "a request was left out"

# Bad values: exit 65, the field named, nothing on standard output.
expect 65 request list --limit ten
err_has "'limit' must be a whole number"
[ ! -s "$T/out" ] || fail "printed for a bad limit"
expect 65 request list --limit -1
expect 65 request list --after "not a key"
err_has "'after' is not a cursor of this list"
[ ! -s "$T/out" ] || fail "printed for a bad cursor"
expect 65 request list --after 974760673
expect 65 body list --after 1.2
expect 64 request list --after
expect 0 body list --limit 1 --after 974760673
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "a row after the last body"

# match --limit is not paging, and says so.
expect 0 help match
has "(not paging)"
expect 0 help "request list"
has "--after KEY"
echo "list-paging: ok"
