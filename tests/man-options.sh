#!/bin/sh
# Check that tolkreg(1) and the command table agree on every option of
# every command, both ways:
#
#  - each option a command declares ("tolkreg help --dump" lists them,
#    one "COMMAND<TAB>--name ARG" a line) is in the head of the
#    command's item under COMMANDS in the page source, with the same
#    argument;
#  - each option in such a head, and each option described in a list
#    inside the command's item (".It Fl \-name ..."), is one the command
#    declares, with the same argument.
#
# tests/usage-synopsis.sh compares the whole usage lines; this names the
# option that drifted.
#
# Environment: TOLKREG (the built program), TOLKREG_SRCDIR (the source
# directory).

set -eu
set -f

me='man-options'

: "${TOLKREG:?TOLKREG is not set}"
: "${TOLKREG_SRCDIR:?TOLKREG_SRCDIR is not set}"

page=$TOLKREG_SRCDIR/man/tolkreg.1
if [ ! -f "$page" ]; then
	echo "$me: FAIL: no manual page at '$page'" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/man-options.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if ! "$TOLKREG" help --dump >"$tmp/table" 2>"$tmp/err"; then
	echo "$me: FAIL: 'tolkreg help --dump' failed:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
if [ ! -s "$tmp/table" ]; then
	echo "$me: FAIL: 'tolkreg help --dump' lists no options" >&2
	exit 1
fi

# Read the table, then the page source. In the page, a command item is
# an .It at depth 1 under COMMANDS whose head (the .It line, or the
# lines up to .Xc after ".It Xo") starts with .Cm and the command's
# words; the options of its head are the words after "Fl", each with
# its argument (the words after it up to the next Fl, "Ns" joining).
awk -v me="$me" -v page="tolkreg.1" '
	FNR == NR {
		i = index($0, "\t")
		c = substr($0, 1, i - 1)
		o = substr($0, i + 1)
		sp = index(o, " ")
		table[c, sp ? substr(o, 1, sp - 1) : o] = \
		    sp ? substr(o, sp + 1) : ""
		if (!(c in cmds))
			ncmds++
		cmds[c] = 1
		next
	}
	# The option at word k of the macro line in words[]: "--name ARG".
	function option(k, n,	name, arg, nospace, t) {
		name = words[k]
		gsub(/\\-/, "-", name)
		name = "-" name
		arg = ""
		nospace = 0
		for (k++; k <= n && words[k] != "Fl"; k++) {
			t = words[k]
			if (t == "Ns") {
				nospace = 1
				continue
			}
			if (t == "Ar" || t == "Cm" || t == "Li" || t == "Op")
				continue
			gsub(/\\-/, "-", t)
			arg = arg (arg == "" || nospace ? "" : " ") t
			nospace = 0
		}
		sub(/[ |]+$/, "", arg)
		return (name (arg == "" ? "" : " " arg))
	}
	# Record the options of a head line of the current command.
	function head_line(	n, k, o, sp, name) {
		n = split($0, words, /[ \t]+/)
		sub(/^\./, "", words[1])
		for (k = 1; k < n; k++) {
			if (words[k] != "Fl")
				continue
			o = option(k + 1, n)
			sp = index(o, " ")
			name = sp ? substr(o, 1, sp - 1) : o
			man[cmd, name] = sp ? substr(o, sp + 1) : ""
			seen[cmd, name] = FNR
		}
	}
	# The command named by a .Cm line (words from k on).
	function cm_name(k,	n, name) {
		n = split($0, words, /[ \t]+/)
		name = ""
		for (; k <= n && words[k] ~ /^[a-z][a-z0-9-]*$/; k++)
			name = name (name == "" ? "" : " ") words[k]
		return (name)
	}
	function fail(msg) {
		printf "%s: FAIL: %s\n", me, msg >"/dev/stderr"
		bad = 1
	}
	/^\.Sh[ \t]/ {
		insec = $0 ~ /^\.Sh[ \t]+"?COMMANDS"?[ \t]*$/
		depth = 0
		inhead = 0
		cmd = ""
		next
	}
	!insec || /^\.\\"/ { next }
	inhead && /^\.Xc/ { inhead = 0; next }
	inhead {
		if (cmd == "" && $1 == ".Cm")
			cmd = cm_name(2)
		head_line()
		next
	}
	/^\.Bl([ \t]|$)/ { depth++; next }
	/^\.El([ \t]|$)/ { depth--; next }
	/^\.It([ \t]|$)/ && depth == 1 {
		cmd = ""
		if ($2 == "Xo") {
			inhead = 1
			next
		}
		if ($2 == "Cm") {
			cmd = cm_name(3)
			head_line()
		}
		next
	}
	/^\.It[ \t]+Fl[ \t]/ && depth == 2 && cmd != "" {
		n = split($0, words, /[ \t]+/)
		o = option(3, n)
		sp = index(o, " ")
		name = sp ? substr(o, 1, sp - 1) : o
		arg = sp ? substr(o, sp + 1) : ""
		if (!((cmd, name) in table))
			fail(page ":" FNR ": " cmd ": describes " name \
			    ", which the command does not take")
		else if (table[cmd, name] != arg)
			fail(page ":" FNR ": " cmd ": describes " o \
			    ", the table has " name " " table[cmd, name])
		next
	}
	END {
		for (k in seen) {
			split(k, p, SUBSEP)
			if (!((p[1], p[2]) in table))
				fail(page ":" seen[k] ": " p[1] ": " p[2] \
				    " is not an option of the command")
			else if (table[p[1], p[2]] != man[p[1], p[2]])
				fail(page ":" seen[k] ": " p[1] ": " p[2] " " \
				    man[p[1], p[2]] ", the table has " \
				    p[2] " " table[p[1], p[2]])
		}
		for (k in table) {
			split(k, p, SUBSEP)
			if (!((p[1], p[2]) in seen))
				fail(page ": " p[1] ": the usage lacks " p[2] \
				    (table[k] == "" ? "" : " " table[k]))
			nopt++
		}
		if (bad)
			exit 1
		printf "%s: ok: %d options of %d commands agree\n", me, nopt,
		    ncmds
	}
' "$tmp/table" "$page"
