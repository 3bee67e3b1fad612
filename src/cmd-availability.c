/*
 * tolkreg unavailable add|list|remove and conflict add|list|remove: the
 * periods an interpreter has declared they cannot work, and the public
 * bodies they have declared a conflict of interest with (habilitet,
 * tolkeloven § 16). Matching never offers an interpreter for either.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/availability.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"

static int	cmd_unavailable_add_run(struct cmd_ctx *);
static int	cmd_unavailable_list_run(struct cmd_ctx *);
static int	cmd_unavailable_remove_run(struct cmd_ctx *);
static int	cmd_conflict_add_run(struct cmd_ctx *);
static int	cmd_conflict_list_run(struct cmd_ctx *);
static int	cmd_conflict_remove_run(struct cmd_ctx *);

static const struct cmd_opt cmd_unavailable_add_opts[] = {
	{ "from", "ISO8601", NULL, CMD_OPT_REQUIRED, "the start" },
	{ "to", "ISO8601", NULL, CMD_OPT_REQUIRED,
	    "the end, at most 366 days later" },
	{ "note", "TEXT", NULL, 0, "a remark" },
	CMD_OPT_END
};

const struct cmd_entry cmd_unavailable_add_entry = {
	.name = "unavailable add",
	.summary = "declare a period of unavailability; prints its id",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_unavailable_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_unavailable_add_run
};

static const struct cmd_opt cmd_unavailable_list_opts[] = {
	{ "all", NULL, NULL, 0, "past periods too" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_unavailable_list_entry = {
	.name = "unavailable list",
	.summary = "list an interpreter's periods of unavailability",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_unavailable_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_unavailable_list_run
};

const struct cmd_entry cmd_unavailable_remove_entry = {
	.name = "unavailable remove",
	.summary = "remove a period of unavailability",
	.args = { "REGNO ID", NULL, 2, 2 },
	.opts = NULL,
	.flags = CMD_DB_WRITE,
	.run = cmd_unavailable_remove_run
};

static const struct cmd_opt cmd_conflict_opts[] = {
	{ "body", "ORGNR", NULL, CMD_OPT_REQUIRED,
	    "the public body's organisation number" },
	CMD_OPT_END
};

const struct cmd_entry cmd_conflict_add_entry = {
	.name = "conflict add",
	.summary = "declare a conflict of interest with a public body",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_conflict_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_conflict_add_run
};

static const struct cmd_opt cmd_conflict_list_opts[] = {
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_conflict_list_entry = {
	.name = "conflict list",
	.summary = "list an interpreter's conflicts of interest",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_conflict_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_conflict_list_run
};

const struct cmd_entry cmd_conflict_remove_entry = {
	.name = "conflict remove",
	.summary = "withdraw a conflict of interest",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_conflict_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_conflict_remove_run
};

/* Parse "unavailable add" and declare the period. */
static int
cmd_unavailable_add_run(struct cmd_ctx *ctx)
{
	struct store		*st;
	int64_t			 regno, id;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_required(ctx) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    unavailable_add(st, regno, args_get(ctx, "from"),
	    args_get(ctx, "to"), args_get(ctx, "note"), &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}

/* Parse "unavailable list" and write the periods. */
static int
cmd_unavailable_list_run(struct cmd_ctx *ctx)
{
	int			 all = args_has(ctx, "all");
	struct store		*st;
	struct table		*t;
	int64_t			 regno;
	int			 rc;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = unavailable_list(st, regno, all, &ctx->page, t,
	    ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

/* Parse "unavailable remove" and remove the period. */
static int
cmd_unavailable_remove_run(struct cmd_ctx *ctx)
{
	struct store		*st;
	int64_t			 regno, id;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    args_id("id", ctx->pos[1], &id, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (unavailable_remove(st, regno, id, ctx->err));
}

/* Parse "conflict add" and declare the conflict. */
static int
cmd_conflict_add_run(struct cmd_ctx *ctx)
{
	const char		*body = args_get(ctx, "body");
	struct store		*st;
	int64_t			 regno;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("body", body, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (conflict_add(st, regno, body, ctx->err));
}

/* Parse "conflict list" and write the conflicts. */
static int
cmd_conflict_list_run(struct cmd_ctx *ctx)
{
	struct store		*st;
	struct table		*t;
	int64_t			 regno;
	int			 rc;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = conflict_list(st, regno, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

/* Parse "conflict remove" and withdraw the conflict. */
static int
cmd_conflict_remove_run(struct cmd_ctx *ctx)
{
	const char		*body = args_get(ctx, "body");
	struct store		*st;
	int64_t			 regno;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("body", body, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (conflict_remove(st, regno, body, ctx->err));
}
