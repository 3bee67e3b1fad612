#!/bin/sh
# Tokens: made and printed once, alone on stdout; listed without the
# secret; scope options checked against the role; revoked once.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines full --regular
expect 0 token create --role body --body 974760673 --expires 2100-01-01
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "token create printed more than a line"
grep -Eq '^tolkreg_1_[A-Za-z0-9_-]{43}$' "$T/out" || fail "token has the wrong form"
secret=$(sed 's/^tolkreg_1_//' "$T/out")
[ ! -s "$T/err" ] || fail "token create wrote to stderr"
expect 0 token list --format csv
has '"1","body","974760673","","active","2100-01-01"'
lacks "$secret"
sqlite3 "$DB" .dump >"$T/dump"
lacks "$secret" "$T/dump"
expect 64 token create --role body
err_has "needs '--body'"
expect 64 token create --role admin --interpreter 10001
expect 65 token create --role root
expect 66 token create --role interpreter --interpreter 10001
expect 65 token create --role admin --expires 2000-01-01
expect 0 token revoke 1
expect 75 token revoke 1
expect 66 token revoke 7
expect 0 token list --format csv
has '"1","body","974760673","","revoked"'
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE entity = 'token'")
[ "$n" = 2 ] || fail "$n audit rows for tokens, expected 2"
echo "token-basics: ok"
