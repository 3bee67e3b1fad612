#!/bin/sh
# Credentials in, categories out: derived at once, changed at once by
# revocation, and rules on languages and dates.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
add_interp "Amina Hassan" 31129956715

cat_of() {	# category of 10001 in language $1 per interpreter show, or -
	expect 0 interpreter show 10001 --format json
	python_free=$(grep -A2 "\"lang\": \"$1\"" "$T/out" |
	    sed -n 's/.*"category": "\([A-E]\)".*/\1/p')
	echo "${python_free:--}"
}

expect 0 credential add 10001 --kind bilingual-test --lang ara --date 2019-05-01
out_is 1
[ "$(cat_of ara)" = - ] || fail "bilingual test alone gave a category"
expect 0 credential add 10001 --kind tao --date 2019-06-01 --ref "TAO-2019-17"
out_is 2
[ "$(cat_of ara)" = E ] || fail "test + TAO is not E"
expect 0 credential add 10001 --kind grunnemne --lang ara --date 2020-06-01
[ "$(cat_of ara)" = D ] || fail "grunnemne is not D"
expect 0 credential add 10001 --kind authorisation --lang ara --date 2021-06-01
AUTH=$(cat "$T/out")
[ "$(cat_of ara)" = B ] || fail "authorisation + grunnemne is not B"
expect 0 credential add 10001 --kind bachelor --lang ara --date 2022-06-01
[ "$(cat_of ara)" = A ] || fail "authorisation + bachelor is not A"
expect 0 credential add 10001 --kind translator --lang fas --date 2018-01-01
[ "$(cat_of fas)" = E ] || fail "translator + TAO is not E"

expect 0 credential revoke 10001 "$AUTH" --reason "authorisation revoked"
[ "$(cat_of ara)" = B ] || fail "bachelor alone is not B"
expect 75 credential revoke 10001 "$AUTH" --reason "again"
err_has "already revoked"
expect 0 credential revoke 10001 2 --reason "TAO certificate withdrawn"
[ "$(cat_of fas)" = - ] || fail "revoking TAO kept E"

expect 0 interpreter show 10001
has "credentials:"
has "authorisation revoked"

# Rules.
expect 65 credential add 10001 --kind authorisation --date 2020-01-01
err_has "'lang' is required"
expect 65 credential add 10001 --kind tao --lang ara --date 2020-01-01
err_has "'lang' must not be given"
expect 65 credential add 10001 --kind bachelor --lang xx1 --date 2020-01-01
err_has "'lang'"
expect 65 credential add 10001 --kind bachelor --lang ara --date 2099-01-01
err_has "future"
expect 65 credential add 10001 --kind phd --lang ara --date 2020-01-01
err_has "'kind'"
expect 64 credential add 10001 --kind bachelor --lang ara
expect 66 credential add 10999 --kind bachelor --lang ara --date 2020-01-01
expect 66 credential revoke 10001 999 --reason "x"
echo "credential-category: ok"
