#!/bin/sh
# The complete example file in tolkreg-xml(5) validates against the
# schema (with xmllint, when there) and imports cleanly, twice.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
awk '/^\.Sh EXAMPLES/ { ex = 1 }
    ex && /^\.Bd -literal/ { on = 1; next }
    on && /^\.Ed/ { exit }
    on' "$TOLKREG_SRCDIR/man/tolkreg-xml.5" >"$T/example.xml"
has '</tolkreg>' "$T/example.xml"
if [ -n "${XMLLINT:-}" ]; then
	"$XMLLINT" --noout --schema "$TOLKREG_SRCDIR/schema/tolkreg.xsd" \
	    "$T/example.xml" 2>"$T/err" || fail "the example does not validate"
fi
expect 0 import "$T/example.xml" --format csv
has '"applied","interpreters","1","0","0"'
has '"applied","bodies","1","0","0"'
has '"applied","assignments","3","0","0"'
expect 0 import "$T/example.xml" --format csv
has '"applied","assignments","0","0","3"'
expect 0 search --lang ara --format csv
has '"10001","Kari Nordmann"'
echo "xml-example: ok"
