/*
 * tolkreg language list: find ISO 639-3 codes by code, English or
 * Norwegian name.
 */
#include "config.h"

#include "args.h"
#include "cmd.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"

static int	cmd_language_list_run(struct cmd_ctx *);

static const struct cmd_opt cmd_language_list_opts[] = {
	{ "query", "TEXT", NULL, 0,
	    "a code, or part of an English or Norwegian name" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_language_list_entry = {
	.name = "language list",
	.summary = "find language codes by name",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_language_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_language_list_run
};

static int
cmd_language_list_run(struct cmd_ctx *ctx)
{
	const char	*query = args_get(ctx, "query");
	struct store	*st;
	struct table	*t;
	int		 rc;

	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = language_list(st, query, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
