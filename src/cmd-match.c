/*
 * tolkreg match and book: the ranked, explained candidates for a
 * request, and booking the best (or a named) one without ever
 * double-booking an interpreter.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/booking.h"
#include "tolkreg/error.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"

static int	cmd_match_run(struct cmd_ctx *);
static int	cmd_book_run(struct cmd_ctx *);

static const struct cmd_opt cmd_match_opts[] = {
	{ "limit", "N", NULL, 0,
	    "only the first N of the ranking (not paging)" },
	{ "explain", NULL, NULL, 0,
	    "every criterion, and who was left out and why" },
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_match_entry = {
	.name = "match",
	.summary = "rank the interpreters who can take a request",
	.args = { "REQ", NULL, 1, 1 },
	.opts = cmd_match_opts,
	.flags = CMD_DB_READ,
	.run = cmd_match_run
};

const struct cmd_entry cmd_book_entry = {
	.name = "book",
	.summary = "book the best or the named interpreter; prints the regno",
	.args = { "REQ [REGNO]", NULL, 1, 2 },
	.opts = NULL,
	.flags = CMD_DB_WRITE,
	.run = cmd_book_run
};

static int
cmd_match_run(struct cmd_ctx *ctx)
{
	const char		*limit = args_get(ctx, "limit");
	int			 explain = args_has(ctx, "explain"), rc;
	struct match_result	 m;
	struct request		 r;
	struct store		*st;
	struct table		*t;
	int64_t			 id, n = 0;
	char			 why[512];

	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    (limit != NULL && args_id("limit", limit, &n, ctx->err) == -1) ||
	    (st = cmd_store(ctx)) == NULL ||
	    request_get(st, id, &r, ctx->err) == -1 ||
	    match_candidates(st, &r, &m, ctx->err) == -1)
		return (-1);
	t = table_new();
	match_table(&r, &m, (size_t)n, explain, t);
	if (m.neligible == 0) {
		match_why_none(&m, why, sizeof(why));
		fprintf(ctx->errf, "tolkreg: match: no candidate: %s\n", why);
	}
	rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	match_result_release(&m);
	return (rc);
}

static int
cmd_book_run(struct cmd_ctx *ctx)
{
	struct store	*st;
	int64_t		 id, regno = 0, booked;

	if (args_id("request", ctx->pos[0], &id, ctx->err) == -1 ||
	    (ctx->npos == 2 &&
	    args_regno("regno", ctx->pos[1], &regno, ctx->err) == -1) ||
	    (st = cmd_store(ctx)) == NULL ||
	    booking_book(st, id, regno, &booked, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", booked);
	return (0);
}
