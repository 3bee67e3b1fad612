/*
 * tolkreg search: the public register search (tolkeloven § 17). By
 * language, highest category first; shows what the public register
 * shows and nothing else: no personal numbers, no contact details, and
 * only interpreters listed today.
 */
#include "config.h"

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/register.h"
#include "tolkreg/validate.h"

static int	cmd_search_run(struct cmd_ctx *);

static const char *const categories[] = { "A", "B", "C", "D", "E", NULL };
static const char *const genders[] = { "F", "M", "X", NULL };
static const char *const modalities[] = { "onsite", "video", "phone", NULL };

static const struct cmd_opt cmd_search_opts[] = {
	{ "lang", "CODE", NULL, CMD_OPT_REQUIRED,
	    "the language, an ISO 639-3 code" },
	{ "category", "X", categories, 0, "this category or a better one" },
	{ "county", "NN", NULL, 0, "working in this county" },
	{ "municipality", "KNR", NULL, 0, "working from this municipality" },
	{ "gender", NULL, genders, 0, "of this gender" },
	{ "modality", "MODALITY", modalities, 0, "working this way" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.summary = "search the public register",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_search_opts,
	.flags = CMD_DB_READ,
	.run = cmd_search_run
};

static int
cmd_search_run(struct cmd_ctx *ctx)
{
	struct search_text	 in;
	struct search_query	 q;
	struct store		*st;
	struct table		*t;
	char			 today[DATE_BUFLEN];
	int			 rc;

	in.lang = args_get(ctx, "lang");
	in.category = args_get(ctx, "category");
	in.county = args_get(ctx, "county");
	in.municipality = args_get(ctx, "municipality");
	in.gender = args_get(ctx, "gender");
	in.modality = args_get(ctx, "modality");
	if (args_required(ctx) == -1)
		return (-1);
	if (search_query_parse(&in, &q, ctx->err) == -1)
		return (args_quote_value(ctx->err, "gender", in.gender));
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	tk_today(today);
	t = table_new();
	rc = register_search(st, &q, today, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
