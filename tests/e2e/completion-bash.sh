#!/bin/sh
# Check the bash completion script that "tolkreg completion bash"
# writes: source it in bash, set COMP_WORDS and COMP_CWORD as bash does
# for a command line being completed, call _tolkreg and compare
# COMPREPLY with what the command table says.
#
# Environment: TOLKREG (the built program). Skipped without bash.

set -eu

me='completion-bash'

: "${TOLKREG:?TOLKREG is not set}"
if ! command -v bash >/dev/null 2>&1; then
	echo "$me: SKIP: no bash"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/completion-bash.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if ! "$TOLKREG" completion bash >"$tmp/tolkreg.bash"; then
	echo "$me: FAIL: 'tolkreg completion bash' failed" >&2
	exit 1
fi
if ! bash -n "$tmp/tolkreg.bash"; then
	echo "$me: FAIL: the script is not valid bash" >&2
	exit 1
fi

# Complete the words given, the last being the one under the cursor,
# and print COMPREPLY on one line.
cat >"$tmp/complete.bash" <<'EOF'
source "$1" || exit 1
shift
complete -p tolkreg >/dev/null || exit 1
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_tolkreg
printf '%s\n' "${COMPREPLY[*]}"
EOF

fail=0
n=0
# expect WANT WORD...: completing WORD... gives WANT.
expect() {
	want=$1
	shift
	n=$((n + 1))
	got=$(cd "$tmp/cwd" && bash "$tmp/complete.bash" "$tmp/tolkreg.bash" \
	    "$@") || got="(failed)"
	if [ "$got" != "$want" ]; then
		echo "$me: FAIL: '$*': got '$got', want '$want'" >&2
		fail=1
	fi
}

mkdir "$tmp/cwd" "$tmp/cwd/reports"
: >"$tmp/cwd/register.xml"

# Commands, groups and subcommands.
expect 'search' tolkreg sea
expect 'interpreter' tolkreg interp
expect 'add' tolkreg interpreter a
expect 'sprak lov' tolkreg monitor ''
expect 'search' tolkreg --db x.db --as kari se
expect '--version' tolkreg --vers
# A command that is a group too: its subcommand and its arguments.
expect 'demand register bodies assignments' tolkreg export ''
expect 'bash' tolkreg completion ''
expect 'interpreter' tolkreg help int
# Options, with the common ones.
expect '--gender' tolkreg interpreter add --gen
expect '--format' tolkreg interpreter show 10001 --fo
expect '--dry-run --db' tolkreg import --d
expect '--help' tolkreg token list --h
# Fixed values, given apart or after "=" (which bash splits off).
expect 'F M X' tolkreg interpreter add --gender ''
expect 'health' tolkreg body add --sector h
expect 'table csv json' tolkreg search --format ''
expect 'table csv json xml html' tolkreg monitor lov --format ''
expect 'onsite video phone' tolkreg request add --modality = ''
expect 'sector county' tolkreg monitor sprak --by ''
# Free values: nothing; files and directories where they are asked for.
expect '' tolkreg search --lang ''
expect 'reports' tolkreg export demand --dir r
expect 'register.xml' tolkreg import reg
expect 'register.xml' tolkreg --db reg

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "$me: ok: $n completions"
exit 0
