/*
 * tolkreg help: list the commands, or show one command's usage.
 */
#include "config.h"

#include <string.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"

static int	cmd_help_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "help [COMMAND]",
	.summary = "show the commands or one command's usage",
	.flags = 0,
	.run = cmd_help_run
};

static int
cmd_help_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const struct cmd_entry	**e;
	size_t			  n;
	int			  rc, found = 0;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 0, 2)) != 0)
		return (rc == 1 ? 0 : -1);
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
	/* "help interpreter" lists the group; "help interpreter add" one. */
	n = strlen(ctx->pos[0]);
	for (e = cmd_table; *e != NULL; e++) {
		if (ctx->npos == 2 ?
		    (strncmp((*e)->name, ctx->pos[0], n) == 0 &&
		    (*e)->name[n] == ' ' &&
		    strcmp((*e)->name + n + 1, ctx->pos[1]) == 0) :
		    (strcmp((*e)->name, ctx->pos[0]) == 0 ||
		    (strncmp((*e)->name, ctx->pos[0], n) == 0 &&
		    (*e)->name[n] == ' '))) {
			cmd_usage(*e, ctx->out);
			found = 1;
		}
	}
	if (!found)
		return (tk_fail(ctx->err, TK_E_USAGE, NULL,
		    "unknown command '%s%s%s'", ctx->pos[0],
		    ctx->npos == 2 ? " " : "", ctx->npos == 2 ? ctx->pos[1] :
		    ""));
	return (0);
}
