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

static int	cmd_credential_add_run(struct cmd_ctx *);
static int	cmd_credential_revoke_run(struct cmd_ctx *);

static const char *const kinds[] = { "authorisation", "bachelor",
	"grunnemne", "bilingual-test", "translator", "tao", NULL };

static const struct cmd_opt cmd_credential_add_opts[] = {
	{ "kind", "KIND", kinds, CMD_OPT_REQUIRED, "what was verified" },
	{ "lang", "CODE", NULL, 0, "the language it is in" },
	{ "date", "DATE", NULL, CMD_OPT_REQUIRED, "when it was obtained" },
	{ "ref", "TEXT", NULL, 0, "a reference, such as a diploma number" },
	CMD_OPT_END
};

const struct cmd_entry cmd_credential_add_entry = {
	.name = "credential add",
	.summary = "record a credential; prints its id",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_credential_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_credential_add_run
};

static const struct cmd_opt cmd_credential_revoke_opts[] = {
	{ "reason", "TEXT", NULL, CMD_OPT_REQUIRED, "the reason" },
	CMD_OPT_END
};

const struct cmd_entry cmd_credential_revoke_entry = {
	.name = "credential revoke",
	.summary = "revoke a credential",
	.args = { "REGNO CREDENTIAL-ID", NULL, 2, 2 },
	.opts = cmd_credential_revoke_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_credential_revoke_run
};

static int
cmd_credential_add_run(struct cmd_ctx *ctx)
{
	const char		*kind = args_get(ctx, "kind");
	struct credential_text	 c = { NULL, NULL, NULL, NULL };
	struct credential_new	 cn;
	struct store		*st;
	int64_t			 regno, id;

	c.lang = args_get(ctx, "lang");
	c.date = args_get(ctx, "date");
	c.ref = args_get(ctx, "ref");
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
cmd_credential_revoke_run(struct cmd_ctx *ctx)
{
	const char		*reason = args_get(ctx, "reason");
	struct store		*st;
	int64_t			 regno, id;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    args_id("credential", ctx->pos[1], &id, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (credential_revoke(st, regno, id, reason, ctx->err));
}
