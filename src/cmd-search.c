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
#include "tolkreg/rules.h"
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
	struct search_query	 q = { 0 };
	const char		*category = args_get(ctx, "category");
	const char		*gender = args_get(ctx, "gender");
	const char		*modality = args_get(ctx, "modality");
	struct store		*st;
	struct table		*t;
	char			 today[DATE_BUFLEN];
	int			 rc;

	q.lang = args_get(ctx, "lang");
	q.county = args_get(ctx, "county");
	q.municipality = args_get(ctx, "municipality");
	if (args_required(ctx) == -1)
		return (-1);
	if ((category != NULL &&
	    validate_category("category", category, &q.category,
	    ctx->err) == -1) ||
	    (gender != NULL &&
	    gender_parse("gender", gender, &q.gender, ctx->err) == -1 &&
	    args_quote_value(ctx->err, "gender", gender) == -1) ||
	    (modality != NULL &&
	    modalities_parse("modality", modality, &q.modality,
	    ctx->err) == -1))
		return (-1);
	if (modality != NULL && (q.modality & (q.modality - 1)) != 0)
		return (tk_fail(ctx->err, TK_E_INVALID, "modality",
		    "'modality' must be one of onsite, video or phone"));
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	tk_today(today);
	t = table_new();
	rc = register_search(st, &q, today, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
