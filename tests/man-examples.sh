#!/bin/sh
# The examples of the manuals come from real runs. Every literal block
# (.Bd -literal ... .Ed) of tolkreg(1), tolkregd(8), tolkreg-xml(5),
# tolkreg-monitor(7) and tolkreg-halfyear(8) is named below, by its page
# and first line, as one of:
#
#   run	a shell session: each "$ command" (with its continuation
#	lines) runs in one shell per session root, in page order, and
#	must exit 0; the lines after it up to the next command are its
#	output (standard output and error), compared with what it really
#	printed. A command shown without output is only run.
#   file	a file the examples use, written where the name says.
#   skip	not runnable, with the reason; checked for what can be.
#
# A block not named here, or a name that matches no block, fails the
# test, so a new example has to be run or given a reason.
#
# Normalisation, the only differences allowed between page and run:
#  - paths: /srv/, /etc/tolkreg/ and /usr/local/ in the examples are
#    made under a temporary root, where /usr/local/bin and
#    /usr/local/sbin hold the built programs; the root is taken out of
#    what the commands print;
#  - ports: tolkregd's 127.0.0.1:8080 is a free port (tolkregd listens
#    on port 0 and writes the port it got to a file, waited for), and
#    the receiver https://tolkemonitor.example.no is a test receiver
#    on a free loopback port (tests/http-stub) that answers 201;
#  - clock: "--period previous" is the half-year before today, which
#    the page shows as 2026H1; the real label is written as that;
#  - a shown output line ending in "..." stands for a line that starts
#    with what comes before the dots;
#  - curl is run with -sS -f, so that an HTTP error fails the command.
#
# Environment: TOLKREG, TOLKREGD, TOLKREG_BUILDDIR, TOLKREG_SRCDIR;
# XMLLINT (the xmllint command is skipped without it).

set -u

me='man-examples'

: "${TOLKREG:?TOLKREG is not set}"
: "${TOLKREGD:?TOLKREGD is not set}"
: "${TOLKREG_BUILDDIR:?TOLKREG_BUILDDIR is not set}"
: "${TOLKREG_SRCDIR:?TOLKREG_SRCDIR is not set}"

MAN=$TOLKREG_SRCDIR/man
STUB=$TOLKREG_BUILDDIR/tests/http-stub
W=$(mktemp -d "${TMPDIR:-/tmp}/man-examples.XXXXXX")
FAILED=0
PIDS=
cleanup() {
	for p in $PIDS $(cat "$W"/*/tolkregd.pid 2>/dev/null); do
		kill "$p" 2>/dev/null
	done
	if [ "$FAILED" -eq 0 ]; then
		rm -rf "$W"
	else
		echo "$me: kept $W" >&2
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

fail() {
	FAILED=1
	echo "$me: FAIL: $*" >&2
}

[ -x "$STUB" ] || { fail "no test receiver at '$STUB' (make check builds it)"; exit 1; }

# Every literal block of a page, one line each: the page, the block's
# number in the page, the section, then the block's lines with mdoc's
# escapes undone, each line ended by a \001.
blocks() {
	awk -v page="$1" '
	/^\.Sh / { sec = substr($0, 5) }
	/^\.Bd -literal/ { on = 1; n++; text = ""; next }
	on && /^\.Ed/ {
		printf "%s\t%d\t%s\t%s\n", page, n, sec, text
		on = 0
		next
	}
	on {
		l = $0
		gsub(/\\-/, "-", l)
		gsub(/\\\(oA/, "Å", l)
		gsub(/\\\(->/, "→", l)
		gsub(/\\&/, "", l)
		gsub(/\\e/, "\\", l)
		text = text l "\001"
	}' "$MAN/$1"
}

# The line of block text $1 numbered $2 (from 1).
line_of() {
	printf '%s' "$1" | tr '\001' '\n' | sed -n "${2}p"
}

# How each block is handled: PAGE<TAB>first line<TAB>how<TAB>root or reason.
cat >"$W/plan" <<'PLAN'
tolkreg.1	requested → booked → completed	skip	a diagram of the states of a request, not a command
tolkreg.1	$ source <(tolkreg completion bash)	skip	bash process substitution; tests/e2e/completion-bash.sh sources the same script in bash
tolkreg.1	$ export TOLKREG_DB=/srv/tolkreg/tolkreg.db	run	A
tolkreg.1	$ tolkreg interpreter add --name "Kari Nordmann" \	run	A
tolkreg.1	$ tolkreg search --lang ara --format csv	run	A
tolkreg.1	$ tolkreg --as ola.saksbehandler interpreter exclude 10001 \	run	A
tolkreg.1	$ tolkreg request add --body 974760673 --lang ara \	run	A
tolkreg.1	$ tolkreg monitor sprak --period 2026H1 --format html >sprak.html	run	A
tolkreg.1	$ tolkreg language list --query tigr	run	A
tolkreg.1	tolkreg: request list: 100 rows shown, more follow; continue with --after 1767250800.4711	skip	needs a terminal and a cursor of another register; checked: tests/e2e/list-paging.sh gets this line on a terminal
tolkreg.1	tolkreg: COMMAND: message	skip	the form of an error, with placeholders
tolkreg.1	tolkreg: unknown command 'serach'; did you mean 'search'?	skip	messages on standard error before a usage line; checked: each is the first line tolkreg prints for the mistyped command
tolkreg-halfyear.8	tolkreg --db DB --as ACTOR export demand --period previous \	skip	the command the wrapper runs, with placeholders
tolkreg-halfyear.8	TOLKREG=/usr/local/bin/tolkreg	file	/etc/tolkreg/halfyear.conf
tolkreg-halfyear.8	15 2 1 1 * tolkreg /usr/local/sbin/tolkreg-halfyear	skip	crontab lines; checked: 02:15 on 1 January and 1 July, running the installed wrapper
tolkreg-halfyear.8	[Unit]	skip	systemd unit files; checked: the service runs the installed wrapper and the timer starts it on 1 January and 1 July
tolkreg-halfyear.8	# systemctl daemon-reload	skip	needs root and systemd; checked: it enables the timer shown above
tolkreg-halfyear.8	2027-01-01T01:15:00Z tolkreg-halfyear[812]: exporting period	skip	a log of another run, stamped by syslog's clock; checked: tests/e2e/halfyear-wrapper.sh checks the order and the stamps of the lines
tolkreg-halfyear.8	$ TOLKREG_PERIOD=2026H1 TOLKREG_HALFYEAR_LOG=- tolkreg-halfyear	run	A
tolkreg-monitor.7	$ tolkreg monitor sprak --period 2025H1 --format html >sprak.html	run	D
tolkreg-monitor.7	$ tolkreg monitor sprak --period 2025H1 --utilisation 0.33 \	run	D
tolkreg-xml.5	<?xml version="1.0" encoding="UTF-8"?>	file	reports.xml
tolkreg-xml.5	$ xmllint --noout --schema schema/tolkreg.xsd reports.xml	run	B
tolkregd.8	2026-11-23T10:14:02+01:00 tolkregd: POST /v1/requests/12/book 200 3.1ms	skip	a log line of another run; checked: the example run logs its booking in the same form
tolkregd.8	2026-11-23T10:14:00+01:00 tolkregd: listening on 127.0.0.1:8080, port	skip	a log line of another run; checked: tests/e2e/tolkregd-listen.sh checks the start line tolkregd logs
tolkregd.8	tolkregd: cannot listen on 127.0.0.1:8080: Address already in use	skip	needs a port another program holds; checked: tests/e2e/tolkregd-listen.sh gets this message for a port in use
tolkregd.8	Link: </v1/requests?state=booked&limit=50&after=1767250800.4711>; rel="next"	skip	a header of an answer with a cursor of another register; checked: the http suite's paging test follows these headers
tolkregd.8	$ token=$(tolkreg --db /srv/tolkreg/tolkreg.db token create \	run	C
tolkregd.8	[Unit]	skip	a systemd unit; checked: it runs the installed tolkregd as the example does
tolkregd.8	upstream tolkregd {	skip	an nginx configuration; checked: it proxies to the example's address and lets through a file as large as POST /v1/import takes
PLAN

# Put the blocks of the five pages against the plan: $W/blocks holds
# PAGE N SECTION HOW ARG TEXT for each.
: >"$W/blocks"
: >"$W/used"
for page in tolkreg.1 tolkregd.8 tolkreg-xml.5 tolkreg-monitor.7 \
    tolkreg-halfyear.8; do
	[ -f "$MAN/$page" ] || { fail "no page '$MAN/$page'"; continue; }
	blocks "$page" >"$W/b.$page"
	while IFS='	' read -r p n sec text; do
		first=$(line_of "$text" 1)
		match=$(awk -F '\t' -v p="$p" -v f="$first" \
		    '$1 == p && $2 == f { print NR "\t" $3 "\t" $4; exit }' \
		    "$W/plan")
		if [ -z "$match" ]; then
			fail "$p: block $n ('$first') is neither run nor given a reason"
			continue
		fi
		echo "${match%%	*}" >>"$W/used"
		printf '%s\t%s\t%s\t%s\t%s\n' "$p" "$n" "$sec" \
		    "${match#*	}" "$text" >>"$W/blocks"
	done <"$W/b.$page"
done
nplan=$(wc -l <"$W/plan")
i=1
while [ "$i" -le "$nplan" ]; do
	grep -qx "$i" "$W/used" ||
	    fail "plan line $i matches no block: $(sed -n "${i}p" "$W/plan")"
	i=$((i + 1))
done

# The text of the blocks with first line $2 in page $1.
block_text() {
	awk -F '\t' -v p="$1" -v f="$2" '$1 == p && index($6, f "\001") == 1 {
		t = $6; gsub(/\001/, "\n", t); printf "%s", t }' "$W/blocks"
}

# --- The roots: programs and the files the examples assume. ---------
previous=$(TZ=Europe/Oslo date +%Y:%m | awk -F: '{ m = $2 + 0;
	if (m <= 6) printf "%dH2", $1 - 1; else printf "%dH1", $1 }')
for r in A B C D; do
	R=$W/$r
	mkdir -p "$R/usr/local/bin" "$R/usr/local/sbin" "$R/srv/tolkreg" \
	    "$R/srv/tolkemonitor" "$R/etc/tolkreg" "$R/stub"
	ln -s "$TOLKREG" "$R/usr/local/bin/tolkreg"
	ln -s "$TOLKREGD" "$R/usr/local/sbin/tolkregd"
	ln -s "$TOLKREG_SRCDIR/tools/tolkreg-halfyear" \
	    "$R/usr/local/sbin/tolkreg-halfyear"
	ln -s "$TOLKREG_SRCDIR/schema" "$R/schema"
	(umask 077 && echo 'push-token-for-tests' >"$R/etc/tolkreg/push.token")
	# The receiver: one 201 for each file two exports may deliver.
	"$STUB" "$R/stub" "$R/stub.port" 201 201 201 201 201 201 \
	    2>"$R/stub.err" &
	PIDS="$PIDS $!"
done

# Wait for file $1 to be written, for at most a minute; its content.
wait_file() {
	k=0
	while [ ! -s "$1" ] && [ "$k" -lt 600 ]; do
		sleep 0.1
		k=$((k + 1))
	done
	cat "$1" 2>/dev/null
}

# Rewrite example text on standard input for root $1: paths and ports
# (TK_PORT: tolkregd's, once it runs).
rewrite() {
	sed -e "s|/srv/|$W/$1/srv/|g" \
	    -e "s|/etc/tolkreg/|$W/$1/etc/tolkreg/|g" \
	    -e "s|/usr/local/|$W/$1/usr/local/|g" \
	    -e "s|https://tolkemonitor\\.example\\.no|http://127.0.0.1:$stubport|g" \
	    -e "s|--listen 127\\.0\\.0\\.1:8080|--listen 127.0.0.1:0 --port-file $W/$1/tolkregd.port|" \
	    -e "s|127\\.0\\.0\\.1:8080|127.0.0.1:${TK_PORT:-0}|g"
}

# What a command printed, made comparable: the root taken out, the
# previous half-year written as the page shows it.
normalise() {
	sed -e "s|$W/$1||g" -e "s|sprak-$previous\\.|sprak-2026H1.|g"
}

# Compare shown output $1 with real output $2 (files): equal line for
# line, a shown line ending in "..." matching a real line it begins.
compare() {
	awk 'FNR == NR { want[++n] = $0; next }
	{ got[++m] = $0 }
	END {
		if (n != m)
			exit 1
		for (i = 1; i <= n; i++) {
			w = want[i]
			if (w ~ /\.\.\.$/) {
				w = substr(w, 1, length(w) - 3)
				if (substr(got[i], 1, length(w)) != w)
					exit 1
			} else if (got[i] != w)
				exit 1
		}
	}' "$1" "$2"
}

# Run the "run" blocks of root $1 in page order, after set-up $2 (a
# list of page:first-line blocks run first, unchecked).
run_root() {
	r=$1
	R=$W/$r
	stubport=$(wait_file "$R/stub.port")
	[ -n "$stubport" ] || { fail "root $r: the test receiver did not start"; return; }
	awk -F '\t' -v r="$r" '$4 == "run" && $5 == r' "$W/blocks" \
	    >"$R/run"
	: >"$R/cmds"
	c=0
	while IFS='	' read -r p n sec how arg text; do
		printf '%s' "$text" | tr '\001' '\n' >"$R/block"
		# Split the session into commands and their shown output.
		awk -v dir="$R" -v start="$c" -v p="$p" -v n="$n" '
		function flush() {
			if (cmd != "") {
				printf "%s", cmd >(dir "/cmd." k)
				printf "%s", out >(dir "/want." k)
				close(dir "/cmd." k); close(dir "/want." k)
				print k "\t" p "\t" n >>(dir "/cmds")
			}
			cmd = ""; out = ""
		}
		# Whether the command goes on after line l: it ends in a
		# backslash, or a quote is open (q: the quote open before).
		function more(l,   i, ch) {
			for (i = 1; i <= length(l); i++) {
				ch = substr(l, i, 1)
				if (q == "" && ch == "\\") i++
				else if (q == "" && (ch == "\047" || ch == "\""))
					q = ch
				else if (q != "" && ch == q) q = ""
			}
			return (q != "" || l ~ /\\$/)
		}
		BEGIN { k = start }
		cont { cmd = cmd $0 "\n"; cont = more($0); next }
		/^\$ / {
			flush(); k++; q = ""
			cmd = substr($0, 3) "\n"; cont = more(substr($0, 3))
			next
		}
		{ out = out $0 "\n" }
		END { flush() }' "$R/block"
		c=$(tail -n 1 "$R/cmds" | cut -f 1)
	done <"$R/run"
	(
		cd "$R" || exit 1
		PATH=$R/usr/local/bin:$R/usr/local/sbin:$PATH
		TOLKREG_HALFYEAR_CONF=$R/etc/tolkreg/halfyear.conf
		USER=ola
		export PATH TOLKREG_HALFYEAR_CONF USER
		unset TOLKREG_DB TOLKREG_PERIOD TOLKREG_HALFYEAR_LOG
		curl() { command curl -sS -f "$@"; }
		eval "$2"
		while IFS='	' read -r k p n; do
			echo "$p, block $n: '$(head -n 1 "cmd.$k")'" >current
			rewrite "$r" <"cmd.$k" >"cmd.$k.sh"
			if grep -q '^xmllint ' "cmd.$k.sh" && [ -z "${XMLLINT:-}" ]; then
				echo "$me: $p: skipped xmllint: not installed" >&2
				continue
			fi
			{ . "./cmd.$k.sh"; } >"got.$k" 2>&1
			rc=$?
			if grep -q '^tolkregd ' "cmd.$k.sh"; then
				TK_PORT=$(wait_file "$R/tolkregd.port")
				TK_DAEMON=$!
				echo "$TK_DAEMON" >"$R/tolkregd.pid"
				TK_LOG=$R/got.$k
				[ -n "$TK_PORT" ] || echo "$p: tolkregd did not start" >>fail
			fi
			if [ "$rc" -ne 0 ]; then
				echo "$p, block $n: '$(head -n 1 "cmd.$k")' exited $rc: $(head -n 5 "got.$k")" >>fail
				continue
			fi
			[ -s "want.$k" ] || continue
			normalise "$r" <"got.$k" >"got.$k.n"
			compare "want.$k" "got.$k.n" ||
			    echo "$p, block $n: '$(head -n 1 "cmd.$k")' printed other output:
$(diff "want.$k" "got.$k.n")" >>fail
		done <cmds
		if [ -n "${TK_DAEMON:-}" ]; then
			kill "$TK_DAEMON" 2>/dev/null
			wait "$TK_DAEMON" 2>/dev/null
			rm -f "$R/tolkregd.pid"
			cp "$TK_LOG" "$R/tolkregd.log"
		fi
		rm -f current
		exit 0
	)
	[ ! -f "$R/current" ] ||
	    echo "the session stopped at $(cat "$R/current")" >>"$R/fail"
	if [ -s "$R/fail" ]; then
		while IFS= read -r l; do
			fail "$l"
		done <"$R/fail"
	fi
}

# The "file" blocks, written (paths rewritten) before the sessions.
write_file() {
	page=$1 first=$2 r=$3 dest=$4
	case $dest in
	/*) out=$(echo "$dest" | rewrite "$r") ;;
	*) out=$W/$r/$dest ;;
	esac
	block_text "$page" "$first" | rewrite "$r" >"$out"
}
stubport=$(wait_file "$W/A/stub.port")
write_file tolkreg-halfyear.8 'TOLKREG=/usr/local/bin/tolkreg' A \
    /etc/tolkreg/halfyear.conf
write_file tolkreg-xml.5 '<?xml version="1.0" encoding="UTF-8"?>' B \
    reports.xml
write_file tolkreg-xml.5 '<?xml version="1.0" encoding="UTF-8"?>' D \
    reports.xml

# A: tolkreg(1), then the half-year wrapper on the register it built.
run_root A ''
# B: the file of tolkreg-xml(5) on a new register.
run_root B 'tolkreg --db "$R/srv/tolkreg/tolkreg.db" init >/dev/null &&
    export TOLKREG_DB="$R/srv/tolkreg/tolkreg.db"'
# D: the barometers of tolkreg-monitor(7) from a register holding that
# file.
run_root D 'tolkreg --db "$R/srv/tolkreg/tolkreg.db" init >/dev/null &&
    export TOLKREG_DB="$R/srv/tolkreg/tolkreg.db" &&
    tolkreg import reports.xml >/dev/null'
# C: tolkregd(8), on a register holding the body and interpreter of the
# first two examples of tolkreg(1).
setup_c=$(block_text tolkreg.1 '$ export TOLKREG_DB=/srv/tolkreg/tolkreg.db'
    block_text tolkreg.1 '$ tolkreg interpreter add --name "Kari Nordmann" \')
setup_c=$(printf '%s\n' "$setup_c" |
    awk 'cont || /^\$ / { sub(/^\$ /, ""); print; cont = /\\$/ }' |
    rewrite C)
run_root C "{ $setup_c
} >/dev/null"

# --- Checks of the blocks that are not run. ------------------------

# Mistyped names: the first line of standard error.
block_text tolkreg.1 "tolkreg: unknown command 'serach'; did you mean 'search'?" \
    >"$W/diag.want"
{
	TOLKREG_DB=$W/A/srv/tolkreg/tolkreg.db "$TOLKREG" serach 2>&1 >/dev/null |
	    head -n 1
	TOLKREG_DB=$W/A/srv/tolkreg/tolkreg.db "$TOLKREG" search --lnag ara 2>&1 \
	    >/dev/null | head -n 1
} >"$W/diag.got"
cmp -s "$W/diag.want" "$W/diag.got" ||
    fail "tolkreg.1: DIAGNOSTICS shows other messages than tolkreg prints: $(diff "$W/diag.want" "$W/diag.got")"

# tolkregd's log line: the booking of the example run, in the same form.
log=$(block_text tolkregd.8 '2026-11-23T10:14:02+01:00 tolkregd: POST /v1/requests/12/book 200 3.1ms' |
    tr '\n' ' ' | sed 's/  */ /g; s/ $//')
form=$(printf '%s\n' "$log" | sed -e 's/[0-9][0-9]*/N/g')
real=$(grep ' POST /v1/requests/1/book ' "$W/C/tolkregd.log" 2>/dev/null |
    head -n 1 | sed -e 's/[0-9][0-9]*/N/g')
[ -n "$real" ] && [ "$real" = "$form" ] ||
    fail "tolkregd.8: LOGGING shows '$log'; the example run logged '$(grep ' POST /v1/requests/1/book ' "$W/C/tolkregd.log" 2>/dev/null)'"

# The example's daemon command line, which the unit and nginx follow.
listen=$(block_text tolkregd.8 '$ token=$(tolkreg --db /srv/tolkreg/tolkreg.db token create \' |
    sed -n 's/^\$ tolkregd \(.*\) &$/\1/p')
[ -n "$listen" ] || fail "tolkregd.8: the example starts no tolkregd"
addr=$(printf '%s\n' "$listen" | sed -n 's/.*--listen \([^ ]*\).*/\1/p')
unit=$(block_text tolkregd.8 '[Unit]' | sed -e ':a' -e '/\\$/{N;s/\\\n *//;ba' -e '}' |
    sed -n 's/^ExecStart=//p')
[ "$unit" = "/usr/local/sbin/tolkregd $listen" ] ||
    fail "tolkregd.8: the unit runs '$unit', not '/usr/local/sbin/tolkregd $listen'"

# nginx: the address, and the body size for POST /v1/import, which
# tolkregd takes up to HTTP_UPLOAD_MAX bytes.
limit=$(sed -n 's/^#define HTTP_UPLOAD_MAX[^(]*(\(.*\)).*/\1/p' \
    "$TOLKREG_SRCDIR/src/http.h" | tr -d 'L')
limit=$(($limit))
[ "$limit" -gt 0 ] || fail "no HTTP_UPLOAD_MAX in src/http.h"
block_text tolkregd.8 'upstream tolkregd {' >"$W/nginx.conf"
grep -q "^ *server $addr;" "$W/nginx.conf" ||
    fail "tolkregd.8: nginx does not proxy to $addr"
allowed=$(awk -v uri=/v1/import '
	function bytes(v) {
		if (v ~ /[kK]$/) return v * 1024
		if (v ~ /[mM]$/) return v * 1024 * 1024
		if (v ~ /[gG]$/) return v * 1024 * 1024 * 1024
		return v + 0
	}
	/^ *location / {
		inloc = 1
		if ($2 == "=") { loc = $3; exact = 1 } else { loc = $2; exact = 0 }
		next
	}
	inloc && /^ *}/ { inloc = 0; next }
	/client_max_body_size/ {
		v = $2; sub(/;$/, "", v)
		if (!inloc) { server = bytes(v); next }
		if ((exact && loc == uri) ||
		    (!exact && substr(uri, 1, length(loc)) == loc))
			size[loc] = bytes(v)
		next
	}
	inloc && /proxy_pass/ {
		if ((exact && loc == uri) ||
		    (!exact && substr(uri, 1, length(loc)) == loc)) {
			if (exact) ex = loc
			else if (length(loc) > length(best)) best = loc
		}
	}
	END {
		l = ex != "" ? ex : best
		if (l == "") { print -1; exit }
		print (l in size) ? size[l] : (server != "" ? server : 1048576)
	}' "$W/nginx.conf")
[ "$allowed" -ge "$limit" ] ||
    fail "tolkregd.8: nginx lets through $allowed bytes for POST /v1/import; tolkregd takes up to $limit"

# tolkreg-halfyear(8): cron, the units, systemctl.
block_text tolkreg-halfyear.8 '15 2 1 1 * tolkreg /usr/local/sbin/tolkreg-halfyear' |
    awk '$1 != 15 || $2 != 2 || $3 != 1 || $5 != "*" ||
	$6 != "tolkreg" || $7 != "/usr/local/sbin/tolkreg-halfyear" { bad = 1 }
	{ months = months " " $4 }
	END { exit bad || months != " 1 7" }' ||
    fail "tolkreg-halfyear.8: the crontab lines do not run the installed wrapper at 02:15 on 1 January and 1 July"
units=$(block_text tolkreg-halfyear.8 '[Unit]')
printf '%s\n' "$units" | grep -qx 'ExecStart=/usr/local/sbin/tolkreg-halfyear' ||
    fail "tolkreg-halfyear.8: the service does not run the installed wrapper"
printf '%s\n' "$units" | grep -qx 'OnCalendar=\*-01,07-01 02:15:00' ||
    fail "tolkreg-halfyear.8: the timer does not start it on 1 January and 1 July"
grep -q 'tolkreg-halfyear\.timer ,$' "$MAN/tolkreg-halfyear.8" &&
    block_text tolkreg-halfyear.8 '# systemctl daemon-reload' |
    grep -qx '# systemctl enable --now tolkreg-halfyear.timer' ||
    fail "tolkreg-halfyear.8: systemctl does not enable the timer shown"

[ "$FAILED" -eq 0 ] || exit 1
echo "$me: ok"
