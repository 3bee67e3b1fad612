/*
 * tolkreg request add|show|list, complete, cancel, unfilled: a public
 * body's requests for interpreters and their lifecycle, with what
 * tolkeloven asks to be followed up when an assignment is closed
 * (§§ 4, 7 and 8).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/booking.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/request.h"

static int	cmd_request_add_run(int, char **, struct cmd_ctx *);
static int	cmd_request_show_run(int, char **, struct cmd_ctx *);
static int	cmd_request_list_run(int, char **, struct cmd_ctx *);
static int	cmd_complete_run(int, char **, struct cmd_ctx *);
static int	cmd_cancel_run(int, char **, struct cmd_ctx *);
static int	cmd_unfilled_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_request_add_entry = {
	.name = "request add",
	.usage = "request add --body ORGNR --lang CODE --start ISO8601"
	    " --minutes N --modality onsite|video|phone [--municipality KNR]"
	    " [--min-category A..E] [--gender F|M] [--case REF]"
	    " [--exclude REGNO,...] [--urgent]",
	.summary = "record a request for an interpreter; prints its id",
	.flags = CMD_DB_WRITE,
	.run = cmd_request_add_run
};

const struct cmd_entry cmd_request_show_entry = {
	.name = "request show",
	.usage = "request show REQ [--explain] [--format FORMAT]",
	.summary = "show a request; --explain: the ranking it was booked from",
	.flags = CMD_DB_READ,
	.run = cmd_request_show_run
};

const struct cmd_entry cmd_request_list_entry = {
	.name = "request list",
	.usage = "request list [--body ORGNR] [--state STATE] [--lang CODE]"
	    " [--from DATE] [--to DATE] [--format FORMAT]",
	.summary = "list requests",
	.flags = CMD_DB_READ,
	.run = cmd_request_list_run
};

const struct cmd_entry cmd_complete_entry = {
	.name = "complete",
	.usage = "complete REQ [--minutes N] [--remote] [--child-used]"
	    " [--unregistered --unqualified-reason REASON]",
	.summary = "close a request as done, with the tolkeloven fields",
	.flags = CMD_DB_WRITE,
	.run = cmd_complete_run
};

const struct cmd_entry cmd_cancel_entry = {
	.name = "cancel",
	.usage = "cancel REQ --reason TEXT",
	.summary = "cancel a requested or booked request",
	.flags = CMD_DB_WRITE,
	.run = cmd_cancel_run
};

const struct cmd_entry cmd_unfilled_entry = {
	.name = "unfilled",
	.usage = "unfilled REQ --reason TEXT",
	.summary = "close a request no interpreter was found for",
	.flags = CMD_DB_WRITE,
	.run = cmd_unfilled_run
};

static int
cmd_request_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct request_input	 in = { 0 };
	const struct opt	 opts[] = { OPT_S("body", &in.body),
	    OPT_S("lang", &in.lang), OPT_S("start", &in.start),
	    OPT_S("minutes", &in.minutes), OPT_S("modality", &in.modality),
	    OPT_S("municipality", &in.municipality),
	    OPT_S("min-category", &in.min_category),
	    OPT_S("gender", &in.gender), OPT_S("case", &in.case_ref),
	    OPT_S("exclude", &in.exclude), OPT_F("urgent", &in.urgent) };
	struct store		*st;
	const char		*missing;
	int64_t			 id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 11, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((missing = request_input_missing(&in)) != NULL)
		return (args_require(missing, NULL, ctx->err));
	if ((st = cmd_store(ctx)) == NULL ||
	    request_add(st, &in, &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}

static int
cmd_request_show_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const char *const names[] = { "ranking" };
	int			 explain = 0, rc;
	const struct opt	 opts[] = { OPT_F("explain", &explain) };
	struct request		 r;
	struct store		*st;
	struct table		*t, *rank;
	int64_t			 id;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    request_get(st, id, &r, ctx->err) == -1)
		return (-1);
	t = table_new();
	record_request(&r, t);
	rank = table_new();
	rc = 0;
	if (explain)
		rc = booking_ranking(st, id, rank, ctx->err);
	if (rc == 0)
		rc = table_write_record(t, names, &rank, explain ? 1 : 0,
		    ctx->format, ctx->out, ctx->err);
	table_free(rank);
	table_free(t);
	return (rc);
}

static int
cmd_request_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct request_filter	 f = { 0 };
	const struct opt	 opts[] = { OPT_S("body", &f.body),
	    OPT_S("state", &f.state), OPT_S("lang", &f.lang),
	    OPT_S("from", &f.from), OPT_S("to", &f.to) };
	struct store		*st;
	struct table		*t;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 5, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = request_list(st, &f, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_complete_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct completion	 c = { 0 };
	const struct opt	 opts[] = { OPT_S("minutes", &c.minutes),
	    OPT_F("remote", &c.remote), OPT_F("child-used", &c.child_used),
	    OPT_F("unregistered", &c.unregistered),
	    OPT_S("unqualified-reason", &c.exception) };
	struct store		*st;
	int64_t			 id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 5, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (request_complete(st, id, &c, ctx->err));
}

/* cancel and unfilled: REQ --reason TEXT, then fn. */
static int
close_run(int argc, char **argv, struct cmd_ctx *ctx,
    int (*fn)(struct store *, int64_t, const char *, struct tk_error *))
{
	const char		*reason = NULL;
	const struct opt	 opts[] = { OPT_S("reason", &reason) };
	struct store		*st;
	int64_t			 id;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    args_require("reason", reason, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (fn(st, id, reason, ctx->err));
}

static int
cmd_cancel_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	return (close_run(argc, argv, ctx, request_cancel));
}

static int
cmd_unfilled_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	return (close_run(argc, argv, ctx, request_unfilled));
}
