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

static int	cmd_token_create_run(int, char **, struct cmd_ctx *);
static int	cmd_token_list_run(int, char **, struct cmd_ctx *);
static int	cmd_token_revoke_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_token_create_entry = {
	.name = "token create",
	.usage = "token create --role admin|body|interpreter"
	    " [--body ORGNR | --interpreter REGNO] [--expires DATE]",
	.summary = "make an API token for tolkregd; prints it once",
	.flags = CMD_DB_WRITE,
	.run = cmd_token_create_run
};

const struct cmd_entry cmd_token_list_entry = {
	.name = "token list",
	.usage = "token list [--format FORMAT]",
	.summary = "list API tokens, without their secrets",
	.flags = CMD_DB_READ,
	.run = cmd_token_list_run
};

const struct cmd_entry cmd_token_revoke_entry = {
	.name = "token revoke",
	.usage = "token revoke ID",
	.summary = "revoke an API token",
	.flags = CMD_DB_WRITE,
	.run = cmd_token_revoke_run
};

static int
cmd_token_create_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*role = NULL, *body = NULL, *interp = NULL;
	const char		*expires = NULL;
	const struct opt	 opts[] = { OPT_S("role", &role),
	    OPT_S("body", &body), OPT_S("interpreter", &interp),
	    OPT_S("expires", &expires) };
	struct store		*st;
	enum tk_role		 r;
	char			 tok[TOKEN_BUFLEN];
	int64_t			 regno = 0, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 4, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_require("role", role, ctx->err) == -1)
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
cmd_token_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store	*st;
	struct table	*t;
	char		 today[DATE_BUFLEN];
	int		 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	tk_today(today);
	t = table_new();
	rc = token_list(st, today, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_token_revoke_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store	*st;
	int64_t		 id;
	int		 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_id("token", ctx->pos[0], &id, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (token_revoke(st, id, ctx->err));
}
