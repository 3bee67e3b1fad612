/*
 * tolkreg init: create the database (or bring an existing one up to
 * date), apply the migrations and load the built-in reference data:
 * the 2024 counties and municipalities and the ISO 639-3 languages.
 */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "tolkreg/store.h"

static int	cmd_init_run(struct cmd_ctx *);

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.summary = "create or update the register database",
	.args = { NULL, NULL, 0, 0 },
	.opts = NULL,
	.flags = CMD_DB_WRITE | CMD_DB_CREATE,
	.run = cmd_init_run
};

static int
cmd_init_run(struct cmd_ctx *ctx)
{
	struct store	*st;

	if ((st = cmd_store(ctx)) == NULL ||
	    store_load_reference(st, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "initialised %s (schema %d)\n", ctx->dbpath,
	    store_schema_version(st));
	return (0);
}
