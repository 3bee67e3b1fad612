/*
 * tolkreg import, tolkreg export: move the register, the public bodies
 * and assignment reports in and out as XML (tolkreg-xml(5)): the first
 * load from the old register, exchanges with education institutions,
 * and the reports agencies and public bodies send in for Tolkemonitor.
 * Each file imported is its own transaction, so that one bad file does
 * not hold back the good ones; every problem is printed as FILE:LINE.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/progress.h"
#include "tolkreg/xml.h"

static int	cmd_import_run(struct cmd_ctx *);
static int	cmd_export_run(struct cmd_ctx *);

static const struct cmd_opt cmd_import_opts[] = {
	{ "dry-run", NULL, NULL, 0, "check and count, change nothing" },
	CMD_OPT_QUIET,
	CMD_OPT_END
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.summary = "import interpreters, bodies and assignments from XML",
	.args = { "FILE...", NULL, 1, -1 },
	.opts = cmd_import_opts,
	.flags = CMD_DB_SELF,
	.run = cmd_import_run
};

static const char *const export_whats[] = { "register", "bodies",
	"assignments", NULL };

static const struct cmd_opt cmd_export_opts[] = {
	{ "since", "DATE", NULL, 0, "only what changed on or after DATE" },
	{ "out", "FILE", NULL, 0, "write to FILE instead of the output" },
	{ "include-personal", NULL, NULL, 0,
	    "with personal numbers and contact details" },
	CMD_OPT_QUIET,
	CMD_OPT_END
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.summary = "write the register, bodies or assignments as XML",
	.args = { NULL, export_whats, 1, 1 },
	.opts = cmd_export_opts,
	.flags = CMD_DB_READ,
	.run = cmd_export_run
};

/* Where the problems of a file go, past the progress line. */
struct problem_out {
	FILE		*f;
	struct progress	*progress;	/* or NULL */
};

/* Print one problem of a file as FILE:LINE: message. */
static void
print_problem(void *arg, const char *file, unsigned long line,
    const char *msg)
{
	struct problem_out	*po = arg;
	FILE			*f = po->f;

	progress_clear(po->progress);
	if (line > 0)
		fprintf(f, "%s:%lu: %s\n", file, line, msg);
	else
		fprintf(f, "%s: %s\n", file, msg);
}

/* Add the rows for one file: its result and, if any, its counts. */
static void
report_file(struct table *t, const char *file, const char *result,
    const struct xml_counts *c)
{
	int	k, r;

	for (k = 0; k < XML_NKINDS; k++) {
		table_row(t);
		table_put(t, file);
		table_put(t, result);
		table_put(t, xml_kind_name((enum xml_kind)k));
		for (r = 0; r < XML_NRESULTS; r++) {
			if (c != NULL)
				table_put_int(t, (long long)c->n[k][r]);
			else
				table_put(t, "");
		}
	}
}

static int
cmd_import_run(struct cmd_ctx *ctx)
{
	struct xml_import_opts	 o;
	struct xml_counts	 counts;
	struct problem_out	 po;
	struct tk_error		 e, first;
	struct table		*t;
	struct store		*st;
	char			 label[256];
	int			 rc, i, ok, nbad = 0, nunread = 0, nok = 0;

	memset(&o, 0, sizeof(o));
	o.dry_run = args_has(ctx, "dry-run");
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	po.f = ctx->errf;
	o.problem = print_problem;
	o.arg = &po;
	o.progress = progress_update;
	tk_error_clear(&first);
	/* Each file of a dry run sees the ones before it. */
	if (o.dry_run && xml_import_dry_run_begin(st, ctx->err) == -1)
		return (-1);
	t = table_new();
	table_col(t, "file", TCOL_STR);
	table_col(t, "result", TCOL_STR);
	table_col(t, "kind", TCOL_STR);
	table_col(t, "added", TCOL_INT);
	table_col(t, "changed", TCOL_INT);
	table_col(t, "unchanged", TCOL_INT);
	rc = 0;
	for (i = 0; i < ctx->npos; i++) {
		tk_error_clear(&e);
		snprintf(label, sizeof(label), "import %s", ctx->pos[i]);
		po.progress = progress_new(ctx->errf, label,
		    args_has(ctx, "quiet"));
		o.progress_arg = po.progress;
		ok = xml_import_file(st, ctx->pos[i], &o, &counts, &e) == 0;
		progress_free(po.progress);
		po.progress = NULL;
		if (ok) {
			report_file(t, ctx->pos[i], o.dry_run ? "dry-run" :
			    "applied", &counts);
			nok++;
			continue;
		}
		if (e.code == TK_E_INVALID) {
			report_file(t, ctx->pos[i], "not-applied", NULL);
			nbad++;
		} else if (e.code == TK_E_NOTFOUND || e.code == TK_E_IO) {
			fprintf(ctx->errf, "tolkreg import: %s\n", e.msg);
			report_file(t, ctx->pos[i], "unreadable", NULL);
			if (first.code == TK_OK)
				first = e;
			nunread++;
		} else {
			/* The store failed: no point in going on. */
			*ctx->err = e;
			rc = -1;
			break;
		}
	}
	if (o.dry_run)
		xml_import_dry_run_end(st);
	if (table_write(t, ctx->format, ctx->out, rc == -1 ? &e :
	    ctx->err) == -1 && rc == 0)
		rc = -1;
	table_free(t);
	if (rc == -1)
		return (-1);
	if (nbad > 0)
		return (tk_fail(ctx->err, TK_E_INVALID, NULL, "%d of %d file%s"
		    " had problems and %s not applied%s", nbad, ctx->npos,
		    ctx->npos == 1 ? "" : "s", nbad == 1 ? "was" : "were",
		    nok > 0 && !o.dry_run ? "; the other files were applied" :
		    ""));
	if (nunread > 0)
		return (tk_fail(ctx->err, first.code, first.field, "%d of %d"
		    " file%s could not be read%s", nunread, ctx->npos,
		    ctx->npos == 1 ? "" : "s", nok > 0 && !o.dry_run ?
		    "; the other files were applied" : ""));
	return (0);
}

static int
cmd_export_run(struct cmd_ctx *ctx)
{
	struct xml_export_opts	 o;
	const char		*out = args_get(ctx, "out");
	struct store		*st;
	int			 i, rc;

	memset(&o, 0, sizeof(o));
	o.since = args_get(ctx, "since");
	o.include_personal = args_has(ctx, "include-personal");
	for (i = 0; i < 3; i++) {
		if (strcmp(ctx->pos[0], export_whats[i]) == 0)
			break;
	}
	if (i == 3)
		return (tk_fail(ctx->err, TK_E_USAGE, NULL, "export what:"
		    " 'register', 'bodies' or 'assignments', not '%s'",
		    ctx->pos[0]));
	o.what = i == 0 ? XML_EXPORT_REGISTER : i == 1 ? XML_EXPORT_BODIES :
	    XML_EXPORT_ASSIGNMENTS;
	if (o.include_personal && o.what != XML_EXPORT_REGISTER)
		return (tk_fail(ctx->err, TK_E_USAGE, "include-personal",
		    "'--include-personal' applies only to 'export register'"));
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	/* Not over the document itself when it goes to the terminal. */
	o.progress = progress_update;
	o.progress_arg = progress_new(ctx->errf, "export",
	    args_has(ctx, "quiet") || (out == NULL &&
	    isatty(fileno(ctx->out))));
	if (out != NULL)
		rc = xml_export_file(st, &o, out, ctx->err);
	else
		rc = xml_export(st, &o, ctx->out, ctx->err);
	progress_free(o.progress_arg);
	return (rc);
}
