/*
 * tools/gen: build a synthetic register at any scale (see gen.h) into a
 * new database, or as tolkreg XML (PREFIX-register.xml, -bodies.xml and
 * -assignments.xml, personal data included), with a progress bar on a
 * terminal.
 *   tools/gen --db PATH | --xml PREFIX [--seed N] [--interpreters N]
 *       [--bodies N] [--assignments N] [--years N] [--languages N]
 *       [--until DATE]
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "tolkreg/error.h"
#include "tolkreg/gen.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xml.h"

/* Draw a progress bar on a terminal. */
static void
progress(void *arg, const char *phase, long done, long total)
{
	int	i, w;

	(void)arg;
	if (!isatty(STDERR_FILENO))
		return;
	w = total > 0 ? (int)(done * 30 / total) : 30;
	fprintf(stderr, "\r%-13s [", phase);
	for (i = 0; i < 30; i++)
		fputc(i < w ? '#' : ' ', stderr);
	fprintf(stderr, "] %3ld%%", total > 0 ? done * 100 / total : 100);
	if (strcmp(phase, "done") == 0)
		fputc('\n', stderr);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: gen --db PATH | --xml PREFIX [--seed N]"
	    " [--interpreters N] [--bodies N] [--assignments N] [--years N]"
	    " [--languages N] [--until DATE]\n");
	exit(EX_USAGE);
}

/* A positive whole number for option name, or usage. */
static long
number(const char *name, const char *s)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "gen: '--%s' must be a whole number\n", name);
		exit(EX_USAGE);
	}
	return (v);
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
		{ NULL, 0, NULL, 0 }
	};
	struct gen_params	 p;
	struct tk_error		 err;
	struct store		*st;
	const char		*db = NULL, *xml = NULL;
	char			 buf[32], tmp[] = "/tmp/tolkreg-gen.XXXXXX";
	char			 path[4096];
	int			 c, fd, rc = EX_OK;
	enum xml_export_what	 w;
	struct xml_export_opts	 xo;
	static const char *const what[] = { "register", "bodies",
	    "assignments" };

	gen_params_init(&p);
	p.progress = progress;
	tk_error_clear(&err);
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'x': xml = optarg; break;
		case 's': p.seed = (uint64_t)number("seed", optarg); break;
		case 'i': p.interpreters = (int)number("interpreters", optarg);
			break;
		case 'b': p.bodies = (int)number("bodies", optarg); break;
		case 'a': p.assignments = number("assignments", optarg); break;
		case 'y': p.years = (int)number("years", optarg); break;
		case 'l': p.languages = (int)number("languages", optarg); break;
		case 'u':
			snprintf(buf, sizeof(buf), "%.10sT12:00", optarg);
			if (validate_date("until", optarg, &err) == -1 ||
			    validate_datetime("until", buf, &p.until,
			    &err) == -1) {
				fprintf(stderr, "gen: %s\n", err.msg);
				return (EX_DATAERR);
			}
			break;
		default: usage();
		}
	}
	if ((db == NULL) == (xml == NULL) || optind != argc)
		usage();
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
	if (store_open(&st, db, STORE_CREATE, &err) == -1 ||
	    store_begin(st, &err) == -1 ||
	    store_load_reference(st, &err) == -1 ||
	    gen_register(st, &p, &err) == -1 ||
	    store_commit(st, &err) == -1) {
		fprintf(stderr, "gen: %s\n", err.msg);
		return (tk_exit_status(err.code));
	}
	sqlite3_exec(store_db(st), "ANALYZE", NULL, NULL, NULL);
	for (w = XML_EXPORT_REGISTER; xml != NULL &&
	    w <= XML_EXPORT_ASSIGNMENTS; w++) {
		memset(&xo, 0, sizeof(xo));
		xo.what = w;
		xo.include_personal = w == XML_EXPORT_REGISTER;
		snprintf(path, sizeof(path), "%s-%s.xml", xml, what[w]);
		if (xml_export_file(st, &xo, path, &err) == -1) {
			fprintf(stderr, "gen: %s: %s\n", path, err.msg);
			rc = tk_exit_status(err.code);
			break;
		}
	}
	store_close(st);
	if (xml != NULL) {
		unlink(tmp);
		snprintf(path, sizeof(path), "%s-wal", tmp);
		unlink(path);
		snprintf(path, sizeof(path), "%s-shm", tmp);
		unlink(path);
	}
	return (rc);
}
