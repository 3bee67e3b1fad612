/*
 * tools/gen: build a synthetic register at any scale (see gen.h) into a
 * new database, or as tolkreg XML (PREFIX-register.xml, -bodies.xml and
 * -assignments.xml, personal data included), with progress on standard
 * error when it is a terminal. It writes exactly the counts asked for,
 * or refuses before writing anything; "tools/gen --help" lists the
 * options.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "tolkreg/error.h"
#include "tolkreg/gen.h"
#include "tolkreg/progress.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xml.h"

static const char	usage_line[] = "usage: gen --db PATH | --xml PREFIX"
    " [--seed N] [--interpreters N] [--bodies N]\n"
    "           [--assignments N] [--years N] [--languages N]"
    " [--until DATE] [--quiet]\n";

/* Write the usage line and, for --help, what each option does. */
static void
usage(FILE *f, int full)
{
	struct gen_params	p;

	fputs(usage_line, f);
	if (!full) {
		fputs("see 'gen --help'\n", f);
		return;
	}
	gen_params_init(&p);
	fprintf(f, "\nBuild a synthetic register that looks like Norway's."
	    " The same options and seed\ngive the same register.\n\n"
	    "  --db PATH          a new database at PATH (it must not exist)\n"
	    "  --xml PREFIX       PREFIX-register.xml (personal data"
	    " included),\n"
	    "                     PREFIX-bodies.xml and"
	    " PREFIX-assignments.xml; the format\n"
	    "                     carries closed assignments only, so all"
	    " of them end\n"
	    "                     before --until\n"
	    "  --seed N           the generator's seed (default %llu)\n"
	    "  --interpreters N   exactly N interpreters, 1 to %d"
	    " (default %d)\n"
	    "  --bodies N         exactly N public bodies, 1 to %d"
	    " (default %d)\n"
	    "  --assignments N    exactly N assignments (default %ld); in a"
	    " database those\n"
	    "                     in the %d days after --until are open or"
	    " booked\n"
	    "  --years N          years of history up to --until, 1 to %d"
	    " (default %d)\n"
	    "  --languages N      languages, 1 to %d (default %d)\n"
	    "  --until DATE       the last day of the history, YYYY-MM-DD"
	    " (default today)\n"
	    "  --quiet            no progress on standard error\n"
	    "  -h, --help         this help\n\n"
	    "Exit status: 0 done, 64 bad options, 65 a bad date, 73 the"
	    " output exists or\ncannot be created, 74 it cannot be"
	    " written.\n", (unsigned long long)p.seed, GEN_MAX_INTERPRETERS,
	    p.interpreters, GEN_MAX_BODIES, p.bodies, p.assignments,
	    p.future_days, GEN_MAX_YEARS, p.years, gen_max_languages(),
	    p.languages);
}

/* Say what is wrong with the command line and exit 64. */
static void __attribute__((noreturn))
bad_usage(const char *fmt, const char *what)
{
	fputs("gen: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	usage(stderr, 0);
	exit(EX_USAGE);
}

/* The whole number option name was given, or exit 64. */
static long
number(const char *name, const char *s, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || v < 0 ||
	    v > max) {
		fprintf(stderr, "gen: '--%s' must be a whole number%s\n",
		    name, errno == ERANGE || v > max ? " that is not so large" :
		    "");
		usage(stderr, 0);
		exit(EX_USAGE);
	}
	return (v);
}

/* Remove a database this run created, with its WAL files. */
static void
remove_db(const char *db)
{
	char	path[4096];

	unlink(db);
	snprintf(path, sizeof(path), "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", db);
	unlink(path);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "interpreters", required_argument, NULL, 'i' },
		{ "bodies", required_argument, NULL, 'b' },
		{ "assignments", required_argument, NULL, 'a' },
		{ "years", required_argument, NULL, 'y' },
		{ "languages", required_argument, NULL, 'l' },
		{ "until", required_argument, NULL, 'u' },
		{ "xml", required_argument, NULL, 'x' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const what[] = { "register", "bodies",
	    "assignments" };
	struct gen_params	 p;
	struct tk_error		 err;
	struct store		*st;
	struct progress		*pr;
	struct xml_export_opts	 xo;
	enum xml_export_what	 w;
	const char		*db = NULL, *xml = NULL;
	char			 buf[32], tmp[] = "/tmp/tolkreg-gen.XXXXXX";
	char			 path[4096], label[4200];
	int			 c, fd, quiet = 0, rc = EX_OK;

	gen_params_init(&p);
	tk_error_clear(&err);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'x': xml = optarg; break;
		case 's': p.seed = (uint64_t)number("seed", optarg, LONG_MAX);
			break;
		case 'i': p.interpreters = (int)number("interpreters", optarg,
			    INT_MAX);
			break;
		case 'b': p.bodies = (int)number("bodies", optarg, INT_MAX);
			break;
		case 'a': p.assignments = number("assignments", optarg,
			    LONG_MAX);
			break;
		case 'y': p.years = (int)number("years", optarg, INT_MAX);
			break;
		case 'l': p.languages = (int)number("languages", optarg,
			    INT_MAX);
			break;
		case 'u':
			snprintf(buf, sizeof(buf), "%.10sT12:00", optarg);
			if (validate_date("until", optarg, &err) == -1 ||
			    validate_datetime("until", buf, &p.until,
			    &err) == -1) {
				fprintf(stderr, "gen: %s\n", err.msg);
				return (EX_DATAERR);
			}
			break;
		case 'q': quiet = 1; break;
		case 'h':
			usage(stdout, 1);
			return (fflush(stdout) == EOF ? EX_IOERR : EX_OK);
		case ':':
			bad_usage("option needs a value: '%s'",
			    argv[optind - 1]);
		default:
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
	if (db != NULL && xml != NULL)
		bad_usage("give one of --db and --xml, not both%s", "");
	if (db == NULL && xml == NULL)
		bad_usage("give --db PATH or --xml PREFIX%s", "");
	/* The XML format carries closed assignments only: none after until. */
	if (xml != NULL)
		p.future_days = 0;
	if (gen_params_check(&p, &err) == -1) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return (tk_exit_status(err.code));
	}
	if (xml != NULL) {
		/* Generate into a scratch database, then export it. */
		if ((fd = mkstemp(tmp)) == -1) {
			perror("gen: mkstemp");
			return (EX_CANTCREAT);
		}
		close(fd);
		unlink(tmp);
		db = tmp;
	}
	if (access(db, F_OK) == 0) {
		fprintf(stderr, "gen: '%s' exists; give a new file\n", db);
		return (EX_CANTCREAT);
	}
	p.progress = progress_update;
	p.arg = pr = progress_new(stderr, "gen", quiet);
	if (store_open(&st, db, STORE_CREATE, &err) == -1) {
		progress_free(pr);
		fprintf(stderr, "gen: %s\n", err.msg);
		return (tk_exit_status(err.code));
	}
	if (store_begin(st, &err) == -1 ||
	    store_load_reference(st, &err) == -1 ||
	    gen_register(st, &p, &err) == -1 ||
	    store_commit(st, &err) == -1) {
		progress_free(pr);
		fprintf(stderr, "gen: %s\n", err.msg);
		store_close(st);
		remove_db(db);
		return (tk_exit_status(err.code));
	}
	progress_free(pr);
	sqlite3_exec(store_db(st), "ANALYZE", NULL, NULL, NULL);
	for (w = XML_EXPORT_REGISTER; xml != NULL &&
	    w <= XML_EXPORT_ASSIGNMENTS; w++) {
		memset(&xo, 0, sizeof(xo));
		xo.what = w;
		xo.include_personal = w == XML_EXPORT_REGISTER;
		snprintf(path, sizeof(path), "%s-%s.xml", xml, what[w]);
		snprintf(label, sizeof(label), "gen %s", path);
		xo.progress = progress_update;
		xo.progress_arg = pr = progress_new(stderr, label, quiet);
		if (xml_export_file(st, &xo, path, &err) == -1) {
			progress_free(pr);
			fprintf(stderr, "gen: %s: %s\n", path, err.msg);
			rc = tk_exit_status(err.code);
			/* All three files or none. */
			while (w-- > XML_EXPORT_REGISTER) {
				snprintf(path, sizeof(path), "%s-%s.xml", xml,
				    what[w]);
				unlink(path);
			}
			break;
		}
		progress_free(pr);
	}
	store_close(st);
	if (xml != NULL)
		remove_db(tmp);
	return (rc);
}
