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

static int	cmd_warning_add_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_warning_add_entry = {
	.name = "warning add",
	.usage = "warning add REGNO --reason TEXT [--date DATE]",
	.summary = "record a written warning; prints its id",
	.flags = CMD_DB_WRITE,
	.run = cmd_warning_add_run
};

static int
cmd_warning_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*reason = NULL, *date = NULL;
	const struct opt	 opts[] = { OPT_S("reason", &reason),
	    OPT_S("date", &date) };
	struct store		*st;
	int64_t			 regno, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 2, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
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
