/*
 * tolkreg language list: find ISO 639-3 codes by code, English or
 * Norwegian name.
 */
#include "config.h"

#include "args.h"
#include "cmd.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"

static int	cmd_language_list_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_language_list_entry = {
	.name = "language list",
	.usage = "language list [--query TEXT] [--format FORMAT]",
	.summary = "find language codes by name",
	.flags = CMD_DB_READ,
	.run = cmd_language_list_run
};

static int
cmd_language_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char	*query = NULL;
	const struct opt opts[] = { OPT_S("query", &query) };
	struct store	*st;
	struct table	*t;
	int		 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = language_list(st, query, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
