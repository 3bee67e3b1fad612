/*
 * tolkreg warning add: record a written warning (tolkeloven § 21). Three
 * warnings in five years flag the interpreter in "interpreter show".
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"

static int	cmd_warning_add_run(struct cmd_ctx *);

static const struct cmd_opt cmd_warning_add_opts[] = {
	{ "reason", "TEXT", NULL, CMD_OPT_REQUIRED, "what the warning is for" },
	{ "date", "DATE", NULL, 0, "when it was given (default today)" },
	CMD_OPT_END
};

const struct cmd_entry cmd_warning_add_entry = {
	.name = "warning add",
	.summary = "record a written warning; prints its id",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_warning_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_warning_add_run
};

static int
cmd_warning_add_run(struct cmd_ctx *ctx)
{
	const char		*reason = args_get(ctx, "reason");
	const char		*date = args_get(ctx, "date");
	struct store		*st;
	int64_t			 regno, id;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    warning_add(st, regno, date, reason, &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}
