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

static int	cmd_unavailable_add_run(int, char **, struct cmd_ctx *);
static int	cmd_unavailable_list_run(int, char **, struct cmd_ctx *);
static int	cmd_unavailable_remove_run(int, char **, struct cmd_ctx *);
static int	cmd_conflict_add_run(int, char **, struct cmd_ctx *);
static int	cmd_conflict_list_run(int, char **, struct cmd_ctx *);
static int	cmd_conflict_remove_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_unavailable_add_entry = {
	.name = "unavailable add",
	.usage = "unavailable add REGNO --from ISO8601 --to ISO8601"
	    " [--note TEXT]",
	.summary = "declare a period of unavailability; prints its id",
	.flags = CMD_DB_WRITE,
	.run = cmd_unavailable_add_run
};

const struct cmd_entry cmd_unavailable_list_entry = {
	.name = "unavailable list",
	.usage = "unavailable list REGNO [--all] [--format FORMAT]",
	.summary = "list an interpreter's periods of unavailability",
	.flags = CMD_DB_READ,
	.run = cmd_unavailable_list_run
};

const struct cmd_entry cmd_unavailable_remove_entry = {
	.name = "unavailable remove",
	.usage = "unavailable remove REGNO ID",
	.summary = "remove a period of unavailability",
	.flags = CMD_DB_WRITE,
	.run = cmd_unavailable_remove_run
};

const struct cmd_entry cmd_conflict_add_entry = {
	.name = "conflict add",
	.usage = "conflict add REGNO --body ORGNR",
	.summary = "declare a conflict of interest with a public body",
	.flags = CMD_DB_WRITE,
	.run = cmd_conflict_add_run
};

const struct cmd_entry cmd_conflict_list_entry = {
	.name = "conflict list",
	.usage = "conflict list REGNO [--format FORMAT]",
	.summary = "list an interpreter's conflicts of interest",
	.flags = CMD_DB_READ,
	.run = cmd_conflict_list_run
};

const struct cmd_entry cmd_conflict_remove_entry = {
	.name = "conflict remove",
	.usage = "conflict remove REGNO --body ORGNR",
	.summary = "withdraw a conflict of interest",
	.flags = CMD_DB_WRITE,
	.run = cmd_conflict_remove_run
};

/* Parse "unavailable add" and declare the period. */
static int
cmd_unavailable_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*from = NULL, *to = NULL, *note = NULL;
	const struct opt	 opts[] = { OPT_S("from", &from),
	    OPT_S("to", &to), OPT_S("note", &note) };
	struct store		*st;
	int64_t			 regno, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 3, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("from", from, ctx->err) == -1 ||
	    args_require("to", to, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    unavailable_add(st, regno, from, to, note, &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}

/* Parse "unavailable list" and write the periods. */
static int
cmd_unavailable_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	int			 all = 0;
	const struct opt	 opts[] = { OPT_F("all", &all) };
	struct store		*st;
	struct table		*t;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = unavailable_list(st, regno, all, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

/* Parse "unavailable remove" and remove the period. */
static int
cmd_unavailable_remove_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store		*st;
	int64_t			 regno, id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 2, 2)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    args_id("id", ctx->pos[1], &id, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (unavailable_remove(st, regno, id, ctx->err));
}

/* Parse "conflict add" and declare the conflict. */
static int
cmd_conflict_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*body = NULL;
	const struct opt	 opts[] = { OPT_S("body", &body) };
	struct store		*st;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
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
cmd_conflict_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store		*st;
	struct table		*t;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = conflict_list(st, regno, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

/* Parse "conflict remove" and withdraw the conflict. */
static int
cmd_conflict_remove_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*body = NULL;
	const struct opt	 opts[] = { OPT_S("body", &body) };
	struct store		*st;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("body", body, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (conflict_remove(st, regno, body, ctx->err));
}
