#!/bin/sh
# tolkreg import: valid files of each kind, idempotent re-import, dry
# runs, several files at once, and every kind of bad or hostile file
# refused with exit 65 and the database left exactly as it was.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db

head='<?xml version="1.0" encoding="UTF-8"?>
<tolkreg xmlns="urn:no:imdi:tolkreg:1" version="1">'
# doc NAME BODY...: write $T/NAME.xml holding BODY between root tags.
doc() {
	name=$1; shift
	{ printf '%s\n' "$head"; printf '%s\n' "$@"; echo '</tolkreg>'; } \
	    >"$T/$name.xml"
}

doc interp '<interpreters>' \
    '<interpreter regno="10001" name="Amina Hassan" gender="F" municipality="0301" availability="part" modalities="onsite video phone" fnr="31129956715" email="amina@example.no" phone="+47 912 34 567">' \
    '<credential kind="authorisation" lang="ara" obtained="2021-06-01"/>' \
    '<credential kind="bachelor" lang="ara" obtained="2022-06-01" ref="B-1"/>' \
    '<listing at="2021-06-02T08:00:00Z" status="listed" reason="added to the register" actor="ola"/>' \
    '<warning date="2024-02-01" reason="case 2024/3"/>' \
    '</interpreter>' '</interpreters>'
doc bodies '<bodies>' \
    '<body orgnr="974760673" name="Oslo universitetssykehus HF" sector="health" municipality="0301" regular="true" guidelines="partial"/>' \
    '</bodies>'
doc assign '<assignments>' \
    '<assignment sender="988077917" ref="2025-1" body="974760673" lang="ara" start="2025-03-04T10:00" minutes="60" modality="phone" outcome="completed" interpreter="10001" provider="private-agency" provider-orgnr="988077917"/>' \
    '<assignment sender="988077917" ref="2025-2" body="974760673" lang="ara" start="2025-03-05T10:00" minutes="60" modality="onsite" municipality="0301" outcome="completed" interpreter="unregistered" exception="emergency" child-used="true"/>' \
    '</assignments>'

# Valid files of each kind.
expect 0 import "$T/interp.xml" --format csv
has '"applied","interpreters","1","0","0"'
expect 0 interpreter show 10001 --format csv
has '"ara:A"'
expect 0 import "$T/bodies.xml" "$T/assign.xml" --format csv
has '"applied","bodies","1","0","0"'
has '"applied","assignments","2","0","0"'
expect 0 request list --format csv
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "two assignments listed"

# The same files again change nothing, the audit log included.
before=$(db_digest)
expect 0 import "$T/interp.xml" "$T/bodies.xml" "$T/assign.xml" --format csv
has '"applied","interpreters","0","0","1"'
has '"applied","bodies","0","0","1"'
has '"applied","assignments","0","0","2"'
[ "$(db_digest)" = "$before" ] || fail "re-import changed the database"

# A dry run reports and writes nothing.
doc more '<bodies>' \
    '<body orgnr="974760673" name="OUS" sector="health" municipality="0301" regular="true" guidelines="full"/>' \
    '<body orgnr="988077917" name="Tolkebyrå AS" sector="other" municipality="4601" regular="false" guidelines="none"/>' \
    '</bodies>'
expect 0 import --dry-run "$T/more.xml" --format csv
has '"dry-run","bodies","1","1","0"'
[ "$(db_digest)" = "$before" ] || fail "dry run changed the database"

# refused FILE TEXT...: import exits 65, stderr has TEXT, nothing changes.
refused() {
	f=$1; shift
	expect 65 import "$f"
	for want in "$@"; do
		err_has "$want"
	done
	[ "$(db_digest)" = "$before" ] ||
		fail "refused import of ${f##*/} changed the database"
}

# Schema error: an unknown element and a bad value, with their lines.
doc schema '<bodies>' \
    '<body orgnr="974760673" name="OUS" sector="hospital" municipality="0301" regular="true" guidelines="full"/>' \
    '<clinic/>' '</bodies>'
refused "$T/schema.xml" "schema.xml:4: Element 'body', attribute 'sector'" \
    "schema.xml:5: Element 'clinic'"

# Domain errors, each on its line; the personal number never echoed.
doc badfnr '<interpreters>' \
    '<interpreter regno="10002" name="B" gender="M" municipality="0301" availability="full" modalities="phone" fnr="15108695089" email="b@example.no" phone="91234567"/>' \
    '</interpreters>'
refused "$T/badfnr.xml" "badfnr.xml:4: interpreter 10002: 'fnr' fails the second control digit check"
lacks 15108695089 "$T/err"
doc badlang '<interpreters>' \
    '<interpreter regno="10001" name="Amina Hassan" gender="F" municipality="0301" availability="part" modalities="onsite video phone">' \
    '<credential kind="bachelor" lang="qqq" obtained="2022-06-01"/>' \
    '</interpreter>' '</interpreters>'
refused "$T/badlang.xml" "badlang.xml:5: interpreter 10001, credential bachelor qqq obtained 2022-06-01: 'lang' 'qqq' is not an ISO 639-3 language code"
doc badknr '<bodies>' \
    '<body orgnr="988077917" name="X" sector="other" municipality="0000" regular="false" guidelines="none"/>' \
    '</bodies>'
refused "$T/badknr.xml" "badknr.xml:4: body 988077917: 'municipality' '0000' is not a municipality"
doc nolang '<interpreters>' \
    '<interpreter regno="10001" name="Amina Hassan" gender="F" municipality="0301" availability="part" modalities="onsite video phone">' \
    '<credential kind="grunnemne" obtained="2022-06-01"/>' \
    '</interpreter>' '</interpreters>'
refused "$T/nolang.xml" "nolang.xml:5: interpreter 10001, credential grunnemne obtained 2022-06-01: 'lang' is required"
doc future '<interpreters>' \
    '<interpreter regno="10001" name="Amina Hassan" gender="F" municipality="0301" availability="part" modalities="onsite video phone">' \
    '<credential kind="grunnemne" lang="ara" obtained="2099-06-01"/>' \
    '</interpreter>' '</interpreters>'
refused "$T/future.xml" "future.xml:5: interpreter 10001, credential grunnemne ara obtained 2099-06-01: 'date' 2099-06-01 is in the future"
doc unresolved '<assignments>' \
    '<assignment sender="988077917" ref="2025-3" body="988077917" lang="ara" start="2025-03-04T10:00" minutes="60" modality="phone" outcome="unfilled"/>' \
    '<assignment sender="988077917" ref="2025-4" body="974760673" lang="ara" start="2025-03-04T10:00" minutes="60" modality="phone" outcome="completed" interpreter="10077"/>' \
    '</assignments>'
refused "$T/unresolved.xml" "unresolved.xml:4: assignment 988077917 '2025-3': no public body with organisation number '988077917'" \
    "unresolved.xml:5: assignment 988077917 '2025-4': no interpreter with register number 10077"

# Hostile and broken files.
cat >"$T/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE tolkreg [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<tolkreg xmlns="urn:no:imdi:tolkreg:1" version="1"><bodies><body orgnr="988077917" name="&x;" sector="other" municipality="0301" regular="true" guidelines="none"/></bodies></tolkreg>
EOF
refused "$T/xxe.xml" "xxe.xml:2: the file has a document type declaration"
lacks "root:" "$T/err"
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE tolkreg ['
	echo ' <!ENTITY l0 "lol">'
	i=1
	while [ $i -le 9 ]; do
		p=$((i - 1))
		echo " <!ENTITY l$i \"&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;\">"
		i=$((i + 1))
	done
	echo ']>'
	echo '<tolkreg xmlns="urn:no:imdi:tolkreg:1" version="1"><bodies><body orgnr="988077917" name="&l9;" sector="other" municipality="0301" regular="true" guidelines="none"/></bodies></tolkreg>'
} >"$T/laughs.xml"
refused "$T/laughs.xml" "laughs.xml:2: the file has a document type declaration"
head -c 400 "$T/interp.xml" >"$T/truncated.xml"
refused "$T/truncated.xml" "truncated.xml:" "not well-formed XML"
sed 's/encoding="UTF-8"/encoding="ISO-8859-1"/' "$T/more.xml" >"$T/latin1.xml"
refused "$T/latin1.xml" "latin1.xml:1: the file declares encoding 'ISO-8859-1'"
sed 's/encoding="UTF-8"/encoding="UTF-16"/' "$T/more.xml" >"$T/utf16.xml"
refused "$T/utf16.xml" "utf16.xml:1: not well-formed XML"
printf '%s\n<bodies><body orgnr="988077917" name="T\370lkebyr\345" sector="other" municipality="0301" regular="true" guidelines="none"/></bodies></tolkreg>\n' \
    "$head" >"$T/notutf8.xml"
refused "$T/notutf8.xml" "notutf8.xml:3: not well-formed XML: Input is not proper UTF-8"
head -c 1048576 /dev/urandom >"$T/junk.xml"
refused "$T/junk.xml" "junk.xml"
# 2 GB of junk, sparse so that it costs no disk: refused at once.
if truncate -s 2G "$T/huge.xml" 2>/dev/null; then
	printf 'junk' | dd of="$T/huge.xml" conv=notrunc 2>/dev/null
	refused "$T/huge.xml" "huge.xml:1: not well-formed XML"
	rm -f "$T/huge.xml"
fi

# Several files: the good ones are applied, the report says which.
expect 65 import "$T/more.xml" "$T/badfnr.xml" --format csv
has 'more.xml","applied","bodies","1","1","0"'
has 'badfnr.xml","not-applied"'
err_has "badfnr.xml:4: interpreter 10002"
err_has "1 of 2 files had problems and was not applied; the other files were applied"
expect 0 body show 988077917
expect 66 import "$T/no-such-file.xml"
err_has "cannot open"
echo "xml-import: ok"
