/*
 * tolkreg help: list the commands, or show one command's or one group's
 * usage and options. The usage line and the help are built from the
 * command's entry, so they say what the parser accepts; tolkreg(1)
 * repeats them, and tests/man-options.sh holds the two together through
 * "help --dump".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/xmalloc.h"

static int	cmd_help_run(struct cmd_ctx *);

static const struct cmd_opt cmd_help_opts[] = {
	{ "dump", NULL, NULL, CMD_OPT_HIDDEN,
	    "every command's options, one a line, for the tests" },
	CMD_OPT_END
};

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show the commands or one command's usage and options",
	.args = { "[COMMAND]", NULL, 0, 2 },
	.opts = cmd_help_opts,
	.flags = 0,
	.run = cmd_help_run
};

/* The common options every command takes, as the help lists them. */
static const struct cmd_opt common_opts[] = {
	{ "db", "PATH", NULL, 0,
	    "the register database (default $TOLKREG_DB)" },
	{ "as", "USER", NULL, 0, "the actor for the audit log (default $USER)" },
	{ "help", NULL, NULL, 0, "show this help and exit" },
	CMD_OPT_END
};

/* The column at which an option's help starts, and the width. */
#define HELP_COLUMN	28
#define HELP_WIDTH	80

/* Write values joined by sep. */
static void
values_write(const char *const *values, const char *sep, FILE *f)
{
	size_t	i;

	for (i = 0; values[i] != NULL; i++)
		fprintf(f, "%s%s", i == 0 ? "" : sep, values[i]);
}

/* Write the option's argument as the usage shows it. */
void
cmd_opt_arg(const struct cmd_opt *o, FILE *f)
{
	if (o->arg != NULL)
		fputs(o->arg, f);
	else if (o->values != NULL)
		values_write(o->values, "|", f);
}

/* Write "--name ARG" (or "--name" for a flag). */
static void
opt_write(const struct cmd_opt *o, FILE *f)
{
	fprintf(f, "--%s", o->name);
	if (o->arg != NULL || o->values != NULL) {
		fputc(' ', f);
		cmd_opt_arg(o, f);
	}
}

/* Write the usage line of e, built from its entry. */
void
cmd_usage(const struct cmd_entry *e, FILE *f)
{
	const struct cmd_opt	*o, *next;
	int			 req;

	fprintf(f, "usage: tolkreg %s", e->name);
	if (e->args.name != NULL)
		fprintf(f, " %s", e->args.name);
	else if (e->args.values != NULL) {
		fputc(' ', f);
		values_write(e->args.values, "|", f);
	}
	for (o = e->opts; o != NULL && o->name != NULL; o = next) {
		next = o + 1;
		if (o->flags & CMD_OPT_HIDDEN)
			continue;
		req = (o->flags & CMD_OPT_REQUIRED) != 0;
		fputs(req ? " " : " [", f);
		opt_write(o, f);
		for (; next->name != NULL &&
		    (next->flags & (CMD_OPT_OR | CMD_OPT_AND)); next++) {
			if (next->flags & CMD_OPT_OR)
				fputs(req ? "|" : " | ", f);
			else
				fputc(' ', f);
			opt_write(next, f);
		}
		if (!req)
			fputc(']', f);
	}
	fputc('\n', f);
}

/* Write "values: a, b, c" under an option's help, wrapped. */
static void
opt_values(const char *const *values, FILE *f)
{
	size_t	i, col;

	col = (size_t)fprintf(f, "%*svalues: ", HELP_COLUMN, "");
	for (i = 0; values[i] != NULL; i++) {
		if (i > 0 && col + strlen(values[i]) + 3 > HELP_WIDTH) {
			fprintf(f, ",\n%*s", HELP_COLUMN + 8, "");
			col = HELP_COLUMN + 8;
		} else if (i > 0)
			col += (size_t)fprintf(f, ", ");
		col += (size_t)fprintf(f, "%s", values[i]);
	}
	fputc('\n', f);
}

/* Write one option of the help: "--name ARG", its help and values. */
static void
opt_help(const struct cmd_opt *o, FILE *f)
{
	char	*left;
	size_t	 len;
	FILE	*m;

	m = open_memstream(&left, &len);
	if (m == NULL)
		return;
	opt_write(o, m);
	fclose(m);
	if (len + 4 > HELP_COLUMN)
		fprintf(f, "  %s\n%*s%s\n", left, HELP_COLUMN, "", o->help);
	else
		fprintf(f, "  %-*s%s\n", HELP_COLUMN - 2, left, o->help);
	free(left);
	if (o->values != NULL)
		opt_values(o->values, f);
}

/* Write the help of one command. */
static void
entry_help(const struct cmd_entry *e, FILE *f)
{
	const struct cmd_opt	*o;
	int			 n = 0;

	cmd_usage(e, f);
	fprintf(f, "\n%s\n", e->summary);
	for (o = e->opts; o != NULL && o->name != NULL; o++) {
		if (o->flags & CMD_OPT_HIDDEN)
			continue;
		if (n++ == 0)
			fputs("\noptions:\n", f);
		opt_help(o, f);
	}
	fputs("\ncommon options:\n", f);
	for (o = common_opts; o->name != NULL; o++)
		opt_help(o, f);
}

/* Write the help for each command named topic or in group topic. */
int
cmd_help(const char *topic, FILE *f)
{
	const struct cmd_entry	**e;
	size_t			  n = strlen(topic);
	int			  found = 0;

	for (e = cmd_table; *e != NULL; e++) {
		if (strncmp((*e)->name, topic, n) != 0 ||
		    ((*e)->name[n] != '\0' && (*e)->name[n] != ' '))
			continue;
		if (found++ > 0)
			fputc('\n', f);
		entry_help(*e, f);
	}
	return (found);
}

/* Write every command's options, "NAME<TAB>--option ARG", one a line. */
static void
dump(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_opt	 *o;

	for (e = cmd_table; *e != NULL; e++) {
		for (o = (*e)->opts; o != NULL && o->name != NULL; o++) {
			if (o->flags & CMD_OPT_HIDDEN)
				continue;
			fprintf(f, "%s\t", (*e)->name);
			opt_write(o, f);
			fputc('\n', f);
		}
	}
}

static int
cmd_help_run(struct cmd_ctx *ctx)
{
	const struct cmd_entry	**e;
	const char		 *near;
	char			 *topic;
	int			  found;

	if (args_has(ctx, "dump")) {
		dump(ctx->out);
		return (0);
	}
	if (ctx->npos == 0) {
		fputs("usage: tolkreg [--db PATH] [--as USER] COMMAND"
		    " [ARGS]\n\ncommands:\n", ctx->out);
		for (e = cmd_table; *e != NULL; e++)
			fprintf(ctx->out, "  %-22s %s\n", (*e)->name,
			    (*e)->summary);
		fputs("\nEvery command takes --help; listings and show take"
		    " --format table|csv|json,\nand the monitor reports also"
		    " xml|html. See tolkreg(1) and tolkreg-monitor(7).\n",
		    ctx->out);
		return (0);
	}
	/* "help interpreter" shows the group; "help interpreter add" one. */
	if (ctx->npos == 2)
		xasprintf(&topic, "%s %s", ctx->pos[0], ctx->pos[1]);
	else
		topic = xstrdup(ctx->pos[0]);
	found = cmd_help(topic, ctx->out);
	free(topic);
	if (found > 0)
		return (0);
	near = ctx->npos == 2 && cmd_is_group(ctx->pos[0]) ?
	    cmd_suggest(ctx->pos[0], ctx->pos[1]) : ctx->npos == 1 ?
	    cmd_suggest(NULL, ctx->pos[0]) : NULL;
	if (near != NULL)
		return (tk_fail(ctx->err, TK_E_USAGE, NULL,
		    "unknown command '%s%s%s'; did you mean '%s%s%.*s'?",
		    ctx->pos[0], ctx->npos == 2 ? " " : "", ctx->npos == 2 ?
		    ctx->pos[1] : "", ctx->npos == 2 ? ctx->pos[0] : "",
		    ctx->npos == 2 ? " " : "", (int)strcspn(near, " "), near));
	return (tk_fail(ctx->err, TK_E_USAGE, NULL,
	    "unknown command '%s%s%s'", ctx->pos[0],
	    ctx->npos == 2 ? " " : "", ctx->npos == 2 ? ctx->pos[1] : ""));
}
