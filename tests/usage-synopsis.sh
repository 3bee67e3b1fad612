#!/bin/sh
# Check that tolkreg(1) documents exactly the commands the program has,
# each under its own usage line:
#
#  - for every command that "tolkreg help" lists, the usage that
#    "tolkreg help NAME" prints must be the head of an item in the
#    rendered page (whitespace collapsed on both sides);
#  - every command item under COMMANDS in the page source (an .It whose
#    head starts with .Cm) must name a command that "tolkreg help" lists.
#
# Environment: TOLKREG (the built program), TOLKREG_SRCDIR (the source
# directory), MANDOC (path of mandoc, may be empty: the test is skipped).

set -eu
set -f

me='usage-synopsis'

if [ -z "${MANDOC:-}" ]; then
	echo "$me: SKIP: mandoc not found (configure found no MANDOC)"
	exit 77
fi
: "${TOLKREG:?TOLKREG is not set}"
: "${TOLKREG_SRCDIR:?TOLKREG_SRCDIR is not set}"

page=$TOLKREG_SRCDIR/man/tolkreg.1
if [ ! -x "$TOLKREG" ]; then
	echo "$me: FAIL: no program at '$TOLKREG'" >&2
	exit 1
fi
if [ ! -f "$page" ]; then
	echo "$me: FAIL: no manual page at '$page'" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/usage-synopsis.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Collapse runs of blanks to one space and trim both ends, per line.
squeeze() {
	awk '{ gsub(/[ \t]+/, " "); sub(/^ /, ""); sub(/ $/, ""); print }'
}

# --- The page as rendered: one line per item head. -------------------

if ! "$MANDOC" -Tascii -O width=400 "$page" >"$tmp/raw" 2>"$tmp/err"
then
	echo "$me: FAIL: $MANDOC cannot render ${page##*/}:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
# Strip backspace overstrikes (bold, underline) and expand tabs.
if command -v col >/dev/null 2>&1; then
	col -bx <"$tmp/raw" >"$tmp/rendered"
else
	bs=$(printf '\b')
	sed "s/.$bs//g" <"$tmp/raw" >"$tmp/rendered"
fi
# A tag item's head is either a line of its own or, when it is short,
# followed on the same line by its body after two or more blanks; a
# sentence in running text is also followed by two blanks. So the first
# part of each line up to a run of two blanks is a candidate head.
awk '{
	sub(/^[ \t]+/, "")
	split($0, f, /[ \t][ \t]+|\t/)
	print f[1]
}' <"$tmp/rendered" | squeeze >"$tmp/heads"

# --- The commands "tolkreg help" lists. -------------------------------

if ! "$TOLKREG" help >"$tmp/help" 2>"$tmp/err"; then
	echo "$me: FAIL: '$TOLKREG help' failed:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
# The two-column list after "commands:", up to the first blank line.
awk '/^commands:/ { on = 1; next } on && /^[ \t]*$/ { exit } on' \
    <"$tmp/help" >"$tmp/list"

# The line of "tolkreg help ..." output giving the usage of command $1.
usage_of() {
	awk -v p="usage: tolkreg $1" '
	    $0 == p || index($0, p " ") == 1 {
		print substr($0, length("usage: tolkreg ") + 1)
		exit
	    }'
}

fail=0
ncmd=0
: >"$tmp/names"
while IFS= read -r line; do
	# shellcheck disable=SC2086
	set -- $line
	[ $# -gt 0 ] || continue
	# A name is one or two words; the summary follows it. Two words
	# name a command only if "help W1 W2" knows them.
	name=
	usage=
	if [ $# -ge 2 ] &&
	    out=$("$TOLKREG" help "$1" "$2" 2>/dev/null); then
		usage=$(printf '%s\n' "$out" | usage_of "$1 $2")
		[ -z "$usage" ] || name="$1 $2"
	fi
	if [ -z "$name" ]; then
		if ! out=$("$TOLKREG" help "$1" 2>&1); then
			echo "$me: FAIL: 'tolkreg help $1' failed: $out" >&2
			fail=1
			continue
		fi
		usage=$(printf '%s\n' "$out" | usage_of "$1")
		name=$1
	fi
	ncmd=$((ncmd + 1))
	printf '%s\n' "$name" >>"$tmp/names"
	if [ -z "$usage" ]; then
		echo "$me: FAIL: 'tolkreg help $name' prints no usage line" >&2
		fail=1
		continue
	fi
	usage=$(printf '%s\n' "$usage" | squeeze)
	if ! grep -Fxq -- "$usage" "$tmp/heads"; then
		echo "$me: FAIL: $usage: not in tolkreg.1" >&2
		fail=1
	fi
done <"$tmp/list"

if [ "$ncmd" -eq 0 ]; then
	echo "$me: FAIL: found no commands in the output of 'tolkreg help'" >&2
	exit 1
fi

# --- The command items of the page source. ---------------------------

# Print "LINE NAME" for each item head of the top-level lists under
# COMMANDS ("LINE !" for a head that does not start with .Cm); a head is
# ".It Cm name ..." or ".It Xo" followed by ".Cm name ...".
awk '
	function emit(k,	name) {
		name = ""
		for (; k <= NF && $k ~ /^[a-z][a-z0-9-]*$/; k++)
			name = name (name == "" ? "" : " ") $k
		print itline, (name == "" ? "!" : name)
	}
	/^\.Sh[ \t]/ {
		insec = $0 ~ /^\.Sh[ \t]+"?COMMANDS"?[ \t]*$/
		depth = 0
		want = 0
		if (insec)
			seen = 1
		next
	}
	!insec || /^\.\\"/ { next }
	want {
		want = 0
		if ($1 == ".Cm")
			emit(2)
		else
			print itline, "!"
		next
	}
	/^\.Bl([ \t]|$)/ { depth++; next }
	/^\.El([ \t]|$)/ { depth--; next }
	/^\.It([ \t]|$)/ && depth == 1 {
		itline = NR
		if ($2 == "Xo" && NF == 2)
			want = 1
		else if ($2 == "Cm")
			emit(3)
		else
			print itline, "!"
	}
	END { if (!seen) print 0, "!" }
' "$page" >"$tmp/documented"

ndoc=0
: >"$tmp/seen"
while read -r lineno name; do
	if [ "$lineno" = 0 ]; then
		echo "$me: FAIL: tolkreg.1 has no COMMANDS section" >&2
		fail=1
		continue
	fi
	if [ "$name" = "!" ]; then
		echo "$me: FAIL: tolkreg.1:$lineno: item under COMMANDS does" \
		    "not start with a .Cm command name" >&2
		fail=1
		continue
	fi
	ndoc=$((ndoc + 1))
	if ! grep -Fxq -- "$name" "$tmp/names"; then
		echo "$me: FAIL: tolkreg.1:$lineno: documented command" \
		    "'$name' is not in 'tolkreg help'" >&2
		fail=1
	fi
	if grep -Fxq -- "$name" "$tmp/seen"; then
		echo "$me: FAIL: tolkreg.1:$lineno: command '$name' is" \
		    "documented twice" >&2
		fail=1
	fi
	printf '%s\n' "$name" >>"$tmp/seen"
done <"$tmp/documented"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "$me: ok: $ncmd commands in 'tolkreg help', $ndoc items in" \
    "tolkreg.1, usage lines match"
exit 0
