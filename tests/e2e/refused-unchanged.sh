#!/bin/sh
# Every refused command leaves the database exactly as it was.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
add_interp "Amina Hassan" 31129956715
expect 0 credential add 10001 --kind authorisation --lang ara --date 2020-01-01
expect 0 body add --orgnr 974760673 --name "OUS" --sector health \
    --municipality 0301 --guidelines none

before=$(db_digest)
refused() {
	want=$1; shift
	expect "$want" "$@"
	[ "$(db_digest)" = "$before" ] ||
		fail "refused 'tolkreg $*' changed the database"
}
refused 65 interpreter add --name "B" --fnr 15108695089 --gender M \
    --email b@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities phone
refused 75 interpreter add --name "B" --fnr 31129956715 --gender M \
    --email b@example.no --phone 91234567 --municipality 0301 \
    --availability full --modalities phone
refused 65 interpreter update 10001 --name "New name" --municipality 0000
refused 65 interpreter update 10001 --email "bad@" --phone 91234567
refused 65 credential add 10001 --kind tao --lang ara --date 2020-01-01
refused 65 credential add 10001 --kind bachelor --lang ara --date 2099-01-01
refused 75 interpreter reinstate 10001 --reason "not excluded"
refused 65 interpreter exclude 10001 --reason "x" --until 2001-01-01
refused 65 warning add 10001 --reason "x" --date 2019-02-29
refused 75 body add --orgnr 974760673 --name "X" --sector health \
    --municipality 0301 --guidelines none
refused 65 body update 974760673 --name "New" --municipality 9999
refused 64 interpreter exclude 10001
refused 66 credential revoke 10001 77 --reason "x"
echo "refused-unchanged: ok"
