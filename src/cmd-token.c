/*
 * tolkreg token create|list|revoke: the API tokens public bodies,
 * interpreters and IMDi present to tolkregd(8). A new token is printed
 * once, alone on standard output; the register keeps only its digest.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/token.h"
#include "tolkreg/validate.h"

static int	cmd_token_create_run(struct cmd_ctx *);
static int	cmd_token_list_run(struct cmd_ctx *);
static int	cmd_token_revoke_run(struct cmd_ctx *);

static const char *const roles[] = { "admin", "body", "interpreter", NULL };

static const struct cmd_opt cmd_token_create_opts[] = {
	{ "role", NULL, roles, CMD_OPT_REQUIRED, "what the token may do" },
	{ "body", "ORGNR", NULL, 0, "the public body of a body token" },
	{ "interpreter", "REGNO", NULL, CMD_OPT_OR,
	    "the interpreter of an interpreter token" },
	{ "expires", "DATE", NULL, 0, "the last day the token works" },
	CMD_OPT_END
};

const struct cmd_entry cmd_token_create_entry = {
	.name = "token create",
	.summary = "make an API token for tolkregd; prints it once",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_token_create_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_token_create_run
};

static const struct cmd_opt cmd_token_list_opts[] = {
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_token_list_entry = {
	.name = "token list",
	.summary = "list API tokens, without their secrets",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_token_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_token_list_run
};

const struct cmd_entry cmd_token_revoke_entry = {
	.name = "token revoke",
	.summary = "revoke an API token",
	.args = { "ID", NULL, 1, 1 },
	.opts = NULL,
	.flags = CMD_DB_WRITE,
	.run = cmd_token_revoke_run
};

static int
cmd_token_create_run(struct cmd_ctx *ctx)
{
	const char		*role = args_get(ctx, "role");
	const char		*body = args_get(ctx, "body");
	const char		*interp = args_get(ctx, "interpreter");
	const char		*expires = args_get(ctx, "expires");
	struct store		*st;
	enum tk_role		 r;
	char			 tok[TOKEN_BUFLEN];
	int64_t			 regno = 0, id;

	if (args_required(ctx) == -1)
		return (-1);
	if (role_parse(role, &r) == -1)
		return (tk_fail(ctx->err, TK_E_INVALID, "role",
		    "'role' must be admin, body or interpreter: '%s'", role));
	if (interp != NULL &&
	    args_regno("interpreter", interp, &regno, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    token_create(st, r, body, regno, expires, tok, &id,
	    ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%s\n", tok);
	return (0);
}

static int
cmd_token_list_run(struct cmd_ctx *ctx)
{
	struct store	*st;
	struct table	*t;
	char		 today[DATE_BUFLEN];
	int		 rc;

	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	tk_today(today);
	t = table_new();
	rc = token_list(st, today, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_token_revoke_run(struct cmd_ctx *ctx)
{
	struct store	*st;
	int64_t		 id;

	if (args_id("token", ctx->pos[0], &id, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (token_revoke(st, id, ctx->err));
}
