/*
 * tolkreg init: create the database (or bring an existing one up to
 * date), apply the migrations and load the built-in reference data:
 * the 2024 counties and municipalities and the ISO 639-3 languages.
 */
#include "config.h"

#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/store.h"

static int	cmd_init_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "init",
	.summary = "create or update the register database",
	.flags = CMD_DB_WRITE | CMD_DB_CREATE,
	.run = cmd_init_run
};

static int
cmd_init_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store	*st;
	int		 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((st = cmd_store(ctx)) == NULL ||
	    store_load_reference(st, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "initialised %s (schema %d)\n", ctx->dbpath,
	    store_schema_version(st));
	return (0);
}
