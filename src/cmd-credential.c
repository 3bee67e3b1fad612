/*
 * tolkreg credential add|revoke: record the credentials IMDi has
 * verified, from which the categories A-E are derived, and revoke them
 * (which changes the category at once).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"

static int	cmd_credential_add_run(int, char **, struct cmd_ctx *);
static int	cmd_credential_revoke_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_credential_add_entry = {
	.name = "credential add",
	.usage = "credential add REGNO --kind KIND [--lang CODE] --date DATE"
	    " [--ref TEXT]",
	.summary = "record a credential; prints its id",
	.flags = CMD_DB_WRITE,
	.run = cmd_credential_add_run
};

const struct cmd_entry cmd_credential_revoke_entry = {
	.name = "credential revoke",
	.usage = "credential revoke REGNO CREDENTIAL-ID --reason TEXT",
	.summary = "revoke a credential",
	.flags = CMD_DB_WRITE,
	.run = cmd_credential_revoke_run
};

static int
cmd_credential_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*kind = NULL;
	struct credential_text	 c = { NULL, NULL, NULL, NULL };
	const struct opt	 opts[] = { OPT_S("kind", &kind),
	    OPT_S("lang", &c.lang), OPT_S("date", &c.date),
	    OPT_S("ref", &c.ref) };
	struct credential_new	 cn;
	struct store		*st;
	int64_t			 regno, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 4, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("kind", kind, ctx->err) == -1)
		return (-1);
	c.kind = kind;
	if (credential_input_parse(regno, &c, &cn, ctx->err) == -1)
		return (args_quote_value(ctx->err, "kind", kind));
	if (args_require("date", c.date, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    credential_add(st, &cn, &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}

static int
cmd_credential_revoke_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*reason = NULL;
	const struct opt	 opts[] = { OPT_S("reason", &reason) };
	struct store		*st;
	int64_t			 regno, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 2, 2)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    args_id("credential", ctx->pos[1], &id, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (credential_revoke(st, regno, id, reason, ctx->err));
}
