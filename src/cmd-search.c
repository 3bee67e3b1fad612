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

static int	cmd_search_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.usage = "search --lang CODE [--category X] [--county NN]"
	    " [--municipality KNR] [--gender F|M|X] [--modality MODALITY]"
	    " [--format FORMAT]",
	.summary = "search the public register",
	.flags = CMD_DB_READ,
	.run = cmd_search_run
};

static int
cmd_search_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct search_query	 q = { 0 };
	const char		*category = NULL, *gender = NULL;
	const char		*modality = NULL;
	const struct opt	 opts[] = { OPT_S("lang", &q.lang),
	    OPT_S("category", &category), OPT_S("county", &q.county),
	    OPT_S("municipality", &q.municipality),
	    OPT_S("gender", &gender), OPT_S("modality", &modality) };
	struct store		*st;
	struct table		*t;
	char			 today[DATE_BUFLEN];
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 6, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_require("lang", q.lang, ctx->err) == -1)
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
