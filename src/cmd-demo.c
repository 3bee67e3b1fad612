/*
 * tolkreg demo: build a demo register that looks like Norway (see gen.h
 * for the mixes it follows) and show what tolkreg does with it: the
 * public register search, a request matched with its reasons and
 * booked, Tolkemonitor SPRÅK for the last complete half-year with the
 * languages it flags, and the LOV headline figures.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/booking.h"
#include "tolkreg/error.h"
#include "tolkreg/gen.h"
#include "tolkreg/match.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/progress.h"
#include "tolkreg/register.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/tkmon.h"
#include "tolkreg/validate.h"

static int	cmd_demo_run(struct cmd_ctx *);

static const struct cmd_opt cmd_demo_opts[] = {
	{ "seed", "N", NULL, 0, "the seed of the generator" },
	{ "until", "DATE", NULL, 0, "the last day of the two years" },
	CMD_OPT_QUIET,
	CMD_OPT_END
};

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.summary = "build a demo register and show what tolkreg does",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_demo_opts,
	.flags = CMD_DB_WRITE | CMD_DB_CREATE,
	.run = cmd_demo_run
};

/* National volume is about 1.3 million a year: a quarter of two years. */
#define DEMO_INTERPRETERS	2000
#define DEMO_BODIES		300
#define DEMO_LANGUAGES		70
#define DEMO_ASSIGNMENTS	670000L

/* Where the HTML reports go: this directory next to the database. */
#define DEMO_REPORTS		"demo-reports"

/* Write a heading. */
static void
heading(FILE *f, const char *text)
{
	fprintf(f, "\n== %s\n\n", text);
}

/* Write the named columns of t, at most n rows, as a text table. */
static int
show(struct cmd_ctx *ctx, const struct table *t, const char *const *cols,
    size_t ncols, size_t n)
{
	struct table	*p;
	int		 rc;

	p = table_project(t, cols, ncols, n);
	rc = table_write(p, FMT_TABLE, ctx->out, ctx->err);
	table_free(p);
	return (rc);
}

/* The register search for Arabic in Oslo, category C or better. */
static int
tour_search(struct cmd_ctx *ctx, struct store *st, const char *today)
{
	static const char *const cols[] = { "regno", "name", "gender",
	    "category", "municipality_name", "modalities" };
	struct search_query	 q = { "ara", 'C', "03", NULL, 0, 0 };
	struct table		*t;
	int			 rc;

	heading(ctx->out, "The public register: Arabic, category C or better,"
	    " Oslo (tolkreg search --lang ara --category C --county 03)");
	t = table_new();
	rc = register_search(st, &q, today, NULL, t, ctx->err);
	if (rc == 0) {
		fprintf(ctx->out, "%zu interpreters; the first 5:\n\n",
		    table_nrows(t));
		rc = show(ctx, t, cols, 6, 5);
	}
	table_free(t);
	return (rc);
}

/* A hospital in Oslo asks for Arabic on site; match and book. */
static int
tour_booking(struct cmd_ctx *ctx, struct store *st, time_t until)
{
	static const char *const cols[] = { "rank", "regno", "name",
	    "category", "travel_minutes", "booked_minutes_30d", "reasons" };
	struct request_input	 in = { 0 };
	struct match_result	 m;
	struct request		 r;
	struct table		*t;
	char			 body[10], name[201], start[40], why[512];
	int64_t			 id, booked;
	int			 rc;

	/* The first hospital in Oslo (county 03 is the one municipality). */
	t = table_new();
	if (register_bodies(st, "health", "03", NULL, t, ctx->err) == -1) {
		table_free(t);
		return (-1);
	}
	if (table_nrows(t) == 0) {
		table_free(t);
		return (tk_fail(ctx->err, TK_E_STORE, NULL,
		    "the demo register has no hospital in Oslo"));
	}
	snprintf(body, sizeof(body), "%s", table_cell(t, 0, 0));
	snprintf(name, sizeof(name), "%s", table_cell(t, 0, 1));
	table_free(t);
	tk_time_format(until + 86400, start);
	snprintf(start + 11, sizeof(start) - 11, "10:00");
	in.body = body;
	in.lang = "ara";
	in.start = start;
	in.minutes = "60";
	in.modality = "onsite";
	in.municipality = "0301";
	in.min_category = "C";
	in.case_ref = "DEMO-1";
	if (request_add(st, &in, &id, ctx->err) == -1 ||
	    request_get(st, id, &r, ctx->err) == -1)
		return (-1);
	heading(ctx->out, "A request, matched and booked");
	fprintf(ctx->out, "%s asks for an Arabic interpreter, category C or"
	    " better,\non site in Oslo on %s for 60 minutes: request %" PRId64
	    ".\n\ntolkreg match %" PRId64 " --limit 5:\n\n", name, start, id,
	    id);
	if (match_candidates(st, &r, &m, ctx->err) == -1)
		return (-1);
	t = table_new();
	match_table(&r, &m, 5, 0, t);
	fprintf(ctx->out, "%zu of %zu interpreters in the language are"
	    " eligible.\n", m.neligible, m.n);
	rc = show(ctx, t, cols, 7, 5);
	table_free(t);
	if (rc == 0 && m.neligible == 0) {
		match_why_none(&m, why, sizeof(why));
		fprintf(ctx->out, "\nNo one can take it (%s): tolkreg book"
		    " would exit 69, and the body would order elsewhere.\n",
		    why);
		match_result_release(&m);
		return (0);
	}
	match_result_release(&m);
	if (rc == -1 || booking_book(st, id, 0, &booked, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "\ntolkreg book %" PRId64 ": booked interpreter %"
	    PRId64 "; 'tolkreg request show %" PRId64 " --explain' shows the"
	    " ranking it was made from.\n", id, booked, id);
	return (0);
}

/* SPRÅK for the last complete half-year: top languages and flags. */
static int
tour_sprak(struct cmd_ctx *ctx, struct store *st,
    const struct monitor_period *p)
{
	static const char *const cols[] = { "language", "language_name",
	    "requests", "qualified_share", "coverage", "change_prev",
	    "flag" };
	struct sprak_params	 sp;
	struct table		*t;
	char			 title[128];
	size_t			 i;
	int			 rc;

	sprak_params_init(&sp);
	snprintf(title, sizeof(title), "Tolkemonitor SPRÅK %s (tolkreg"
	    " monitor sprak --period %s)", p->label, p->label);
	heading(ctx->out, title);
	t = table_new();
	if ((rc = monitor_sprak(st, p, BY_NONE, &sp, t, ctx->err)) == 0) {
		fprintf(ctx->out, "The ten languages most in demand:\n\n");
		rc = show(ctx, t, cols, 7, 10);
	}
	if (rc == 0) {
		fprintf(ctx->out, "\nFlagged:");
		for (i = 0; i < table_nrows(t); i++) {
			if (*table_cell(t, i, 25) != '\0')
				fprintf(ctx->out, " %s (%s)",
				    table_cell(t, i, 1), table_cell(t, i, 25));
		}
		fputc('\n', ctx->out);
	}
	table_free(t);
	return (rc);
}

/*
 * Write the SPRÅK and LOV reports for period p as HTML in DEMO_REPORTS
 * next to the database, made if need be, and say where.
 */
static int
tour_reports(struct cmd_ctx *ctx, struct store *st,
    const struct monitor_period *p)
{
	struct sprak_params	 sp;
	struct monitor_query	 q;
	char			 base[4096], dir[4200], path[4300], *slash;
	FILE			*f;
	int			 rc, i;

	snprintf(base, sizeof(base), "%s", ctx->dbpath);
	if ((slash = strrchr(base, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(base, sizeof(base), ".");
	snprintf(dir, sizeof(dir), "%s/%s", base, DEMO_REPORTS);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		return (tk_fail(ctx->err, TK_E_IO, NULL, "cannot make"
		    " directory '%s': %s", dir, strerror(errno)));
	sprak_params_init(&sp);
	q.period = p;
	q.by = BY_NONE;
	q.params = &sp;
	q.generated = time(NULL);
	heading(ctx->out, "Reports");
	fprintf(ctx->out, "The two half-year reports as web pages, in %s/:\n\n",
	    dir);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/tolkemonitor-%s-%s.html", dir,
		    i == 0 ? "sprak" : "lov", p->label);
		if ((f = fopen(path, "w")) == NULL)
			return (tk_fail(ctx->err, TK_E_IO, NULL, "cannot write"
			    " '%s'", path));
		if (i == 0)
			rc = tkmon_sprak_write(st, &q, FMT_HTML, f, ctx->err);
		else {
			q.params = NULL;
			rc = tkmon_lov_write(st, &q, FMT_HTML, f, ctx->err);
		}
		if (fclose(f) == EOF && rc == 0)
			rc = tk_fail(ctx->err, TK_E_IO, NULL, "cannot write"
			    " '%s'", path);
		if (rc == -1)
			return (-1);
		fprintf(ctx->out, "%s %s\n", i == 0 ? "SPRÅK:" : "LOV:  ",
		    path);
	}
	return (0);
}

/* LOV headline figures for the last complete half-year. */
static int
tour_lov(struct cmd_ctx *ctx, struct store *st,
    const struct monitor_period *p)
{
	struct table	*t;
	char		 title[128];
	int		 rc;

	snprintf(title, sizeof(title), "Tolkemonitor LOV %s (tolkreg monitor"
	    " lov --period %s)", p->label, p->label);
	heading(ctx->out, title);
	t = table_new();
	rc = monitor_lov(st, p, BY_NONE, t, NULL, ctx->err);
	if (rc == 0 && table_nrows(t) == 1)
		fprintf(ctx->out,
		    "assignments completed            %s\n"
		    "qualified interpreter (§ 7)      %s (share %s)\n"
		    "§ 7 exceptions                   %s not justifiable to"
		    " wait, %s emergency, %s other strong reasons, %s none"
		    " qualified\n"
		    "a child interpreted (§ 4)        %s\n"
		    "left unfilled (§ 6)              %s\n"
		    "remote interpreting (§ 8)        share %s\n"
		    "bodies using interpreters        %s regularly: guidelines"
		    " (§ 9) full %s, partial %s, none %s\n",
		    table_cell(t, 0, 1), table_cell(t, 0, 2),
		    table_cell(t, 0, 3), table_cell(t, 0, 4),
		    table_cell(t, 0, 5), table_cell(t, 0, 6),
		    table_cell(t, 0, 7), table_cell(t, 0, 8),
		    table_cell(t, 0, 9), table_cell(t, 0, 10),
		    table_cell(t, 0, 11), table_cell(t, 0, 12),
		    table_cell(t, 0, 13), table_cell(t, 0, 14));
	table_free(t);
	return (rc);
}

static int
cmd_demo_run(struct cmd_ctx *ctx)
{
	const char		*seed = args_get(ctx, "seed");
	const char		*until = args_get(ctx, "until"), *scale;
	struct gen_params	 p;
	struct monitor_period	 period;
	struct store		*st;
	char			 buf[32], today[DATE_BUFLEN];
	int64_t			 n;
	int			 rc;

	gen_params_init(&p);
	p.interpreters = DEMO_INTERPRETERS;
	p.bodies = DEMO_BODIES;
	p.languages = DEMO_LANGUAGES;
	p.assignments = DEMO_ASSIGNMENTS;
	p.progress = progress_update;
	/* TOLKREG_DEMO_SCALE: a smaller demo for quick runs (tolkreg(1)). */
	if ((scale = getenv("TOLKREG_DEMO_SCALE")) != NULL &&
	    (n = atol(scale)) > 1) {
		p.interpreters /= (int)n;
		p.bodies = p.bodies / (int)n > 20 ? p.bodies / (int)n : 20;
		p.assignments /= n;
	}
	if (seed != NULL) {
		if (args_id("seed", seed, &n, ctx->err) == -1)
			return (-1);
		p.seed = (uint64_t)n;
	}
	if (until != NULL) {
		snprintf(buf, sizeof(buf), "%.10sT12:00", until);
		if (validate_date("until", until, ctx->err) == -1 ||
		    validate_datetime("until", buf, &p.until, ctx->err) == -1)
			return (-1);
	}
	if (access(ctx->dbpath, F_OK) == 0)
		return (tk_fail(ctx->err, TK_E_CONFLICT, "db", "'%s' exists;"
		    " the demo builds a new database: remove it or give"
		    " another --db", ctx->dbpath));
	if ((st = cmd_store(ctx)) == NULL ||
	    store_load_reference(st, ctx->err) == -1)
		return (-1);
	p.arg = progress_new(ctx->errf, "demo", args_has(ctx, "quiet"));
	rc = gen_register(st, &p, ctx->err);
	progress_free(p.arg);
	if (rc == -1)
		return (-1);
	tk_time_format(p.until, buf);
	snprintf(today, sizeof(today), "%.10s", buf);
	monitor_period_previous(p.until, &period);
	fprintf(ctx->out, "tolkreg demo register %s: %d interpreters in %d"
	    " languages, %d public bodies,\n%ld assignments over two years"
	    " up to %s (seed %" PRIu64 ").\n", ctx->dbpath, p.interpreters,
	    p.languages, p.bodies, p.assignments, today, p.seed);
	if (tour_search(ctx, st, today) == -1 ||
	    tour_booking(ctx, st, p.until) == -1 ||
	    tour_sprak(ctx, st, &period) == -1 ||
	    tour_lov(ctx, st, &period) == -1 ||
	    tour_reports(ctx, st, &period) == -1)
		return (-1);
	fprintf(ctx->out, "\nExplore: %s --db %s help\n", ctx->progname,
	    ctx->dbpath);
	return (0);
}
