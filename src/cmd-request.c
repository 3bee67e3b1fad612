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

static int	cmd_request_add_run(struct cmd_ctx *);
static int	cmd_request_show_run(struct cmd_ctx *);
static int	cmd_request_list_run(struct cmd_ctx *);
static int	cmd_complete_run(struct cmd_ctx *);
static int	cmd_cancel_run(struct cmd_ctx *);
static int	cmd_unfilled_run(struct cmd_ctx *);

static const char *const modalities[] = { "onsite", "video", "phone", NULL };
static const char *const categories[] = { "A", "B", "C", "D", "E", NULL };
static const char *const genders[] = { "F", "M", "X", NULL };
static const char *const states[] = { "requested", "booked", "completed",
	"cancelled", "unfilled", NULL };
static const char *const exceptions[] = { "not-justifiable-to-wait",
	"emergency", "other-strong-reasons", "none-qualified", NULL };

static const struct cmd_opt cmd_request_add_opts[] = {
	{ "body", "ORGNR", NULL, CMD_OPT_REQUIRED,
	    "the public body that orders the interpreter" },
	{ "lang", "CODE", NULL, CMD_OPT_REQUIRED,
	    "the language, an ISO 639-3 code" },
	{ "start", "ISO8601", NULL, CMD_OPT_REQUIRED,
	    "when the assignment starts" },
	{ "minutes", "N", NULL, CMD_OPT_REQUIRED,
	    "how long it lasts, 1 to 720 minutes" },
	{ "modality", NULL, modalities, CMD_OPT_REQUIRED,
	    "on site, by video or by phone" },
	{ "municipality", "KNR", NULL, 0,
	    "where it takes place; required for onsite" },
	{ "min-category", "A..E", categories, 0,
	    "the lowest category that will do" },
	{ "gender", "F|M", genders, 0,
	    "offer only interpreters of this gender" },
	{ "case", "REF", NULL, 0, "the body's own reference for the case" },
	{ "exclude", "REGNO,...", NULL, 0,
	    "interpreters the body does not want" },
	{ "urgent", NULL, NULL, 0, "mark the request as urgent" },
	CMD_OPT_END
};

const struct cmd_entry cmd_request_add_entry = {
	.name = "request add",
	.summary = "record a request for an interpreter; prints its id",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_request_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_request_add_run
};

static const struct cmd_opt cmd_request_show_opts[] = {
	{ "explain", NULL, NULL, 0, "the ranking it was booked from" },
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_request_show_entry = {
	.name = "request show",
	.summary = "show a request; --explain: the ranking it was booked from",
	.args = { "REQ", NULL, 1, 1 },
	.opts = cmd_request_show_opts,
	.flags = CMD_DB_READ,
	.run = cmd_request_show_run
};

static const struct cmd_opt cmd_request_list_opts[] = {
	{ "body", "ORGNR", NULL, 0, "only this body's requests" },
	{ "state", "STATE", states, 0, "only requests in this state" },
	{ "lang", "CODE", NULL, 0, "only requests for this language" },
	{ "from", "DATE", NULL, 0, "only those starting on or after DATE" },
	{ "to", "DATE", NULL, 0, "only those starting on or before DATE" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_request_list_entry = {
	.name = "request list",
	.summary = "list requests",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_request_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_request_list_run
};

static const struct cmd_opt cmd_complete_opts[] = {
	{ "minutes", "N", NULL, 0, "how long it actually took" },
	{ "remote", NULL, NULL, 0, "the interpreter worked remotely (§ 8)" },
	{ "child-used", NULL, NULL, 0, "a child was used to interpret (§ 4)" },
	{ "unregistered", NULL, NULL, 0,
	    "done by an interpreter not in the register" },
	{ "unqualified-reason", "REASON", exceptions, CMD_OPT_AND,
	    "why one who is not qualified was used (§ 7)" },
	CMD_OPT_END
};

const struct cmd_entry cmd_complete_entry = {
	.name = "complete",
	.summary = "close a request as done, with the tolkeloven fields",
	.args = { "REQ", NULL, 1, 1 },
	.opts = cmd_complete_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_complete_run
};

static const struct cmd_opt cmd_close_opts[] = {
	{ "reason", "TEXT", NULL, CMD_OPT_REQUIRED, "the reason" },
	CMD_OPT_END
};

const struct cmd_entry cmd_cancel_entry = {
	.name = "cancel",
	.summary = "cancel a requested or booked request",
	.args = { "REQ", NULL, 1, 1 },
	.opts = cmd_close_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_cancel_run
};

const struct cmd_entry cmd_unfilled_entry = {
	.name = "unfilled",
	.summary = "close a request no interpreter was found for",
	.args = { "REQ", NULL, 1, 1 },
	.opts = cmd_close_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_unfilled_run
};

static int
cmd_request_add_run(struct cmd_ctx *ctx)
{
	struct request_input	 in;
	struct store		*st;
	int64_t			 id;

	in.body = args_get(ctx, "body");
	in.lang = args_get(ctx, "lang");
	in.start = args_get(ctx, "start");
	in.minutes = args_get(ctx, "minutes");
	in.modality = args_get(ctx, "modality");
	in.municipality = args_get(ctx, "municipality");
	in.min_category = args_get(ctx, "min-category");
	in.gender = args_get(ctx, "gender");
	in.case_ref = args_get(ctx, "case");
	in.exclude = args_get(ctx, "exclude");
	in.urgent = args_has(ctx, "urgent");
	if (args_required(ctx) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL ||
	    request_add(st, &in, &id, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", id);
	return (0);
}

static int
cmd_request_show_run(struct cmd_ctx *ctx)
{
	static const char *const names[] = { "ranking" };
	int			 explain = args_has(ctx, "explain"), rc;
	struct request		 r;
	struct store		*st;
	struct table		*t, *rank;
	int64_t			 id;

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
cmd_request_list_run(struct cmd_ctx *ctx)
{
	struct request_filter	 f = { 0 };
	struct store		*st;
	struct table		*t;
	int			 rc;

	f.body = args_get(ctx, "body");
	f.state = args_get(ctx, "state");
	f.lang = args_get(ctx, "lang");
	f.from = args_get(ctx, "from");
	f.to = args_get(ctx, "to");
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = request_list(st, &f, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_complete_run(struct cmd_ctx *ctx)
{
	struct completion	 c;
	struct store		*st;
	int64_t			 id;

	c.minutes = args_get(ctx, "minutes");
	c.remote = args_has(ctx, "remote");
	c.child_used = args_has(ctx, "child-used");
	c.unregistered = args_has(ctx, "unregistered");
	c.exception = args_get(ctx, "unqualified-reason");
	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (request_complete(st, id, &c, ctx->err));
}

/* cancel and unfilled: REQ --reason TEXT, then fn. */
static int
close_run(struct cmd_ctx *ctx,
    int (*fn)(struct store *, int64_t, const char *, struct tk_error *))
{
	const char		*reason = args_get(ctx, "reason");
	struct store		*st;
	int64_t			 id;

	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    args_require("reason", reason, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (fn(st, id, reason, ctx->err));
}

static int
cmd_cancel_run(struct cmd_ctx *ctx)
{
	return (close_run(ctx, request_cancel));
}

static int
cmd_unfilled_run(struct cmd_ctx *ctx)
{
	return (close_run(ctx, request_unfilled));
}
