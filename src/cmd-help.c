/*
 * tolkreg help: list the commands, or show one command's or one group's
 * usage and options (usage.c builds them from the entries, so they say
 * what the parser accepts). tolkreg(1) repeats them, and
 * tests/man-options.sh holds the two together through "help --dump".
 */
#include "config.h"

#include <stdio.h>
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
			cmd_opt_write(o, f);
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
