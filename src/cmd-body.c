/*
 * tolkreg body add|show|update|list: the public bodies that order
 * interpreters, with their tolkeloven § 9 guidelines.
 */
#include "config.h"

#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/validate.h"

static int	cmd_body_add_run(struct cmd_ctx *);
static int	cmd_body_show_run(struct cmd_ctx *);
static int	cmd_body_update_run(struct cmd_ctx *);
static int	cmd_body_list_run(struct cmd_ctx *);

static const char *const sectors[] = { "health", "welfare", "police",
	"courts", "immigration", "child-welfare", "education", "municipal",
	"other", NULL };
static const char *const guidelines[] = { "full", "partial", "none", NULL };

static const struct cmd_opt cmd_body_add_opts[] = {
	{ "orgnr", "NUMBER", NULL, CMD_OPT_REQUIRED,
	    "the organisation number, nine digits" },
	{ "name", "NAME", NULL, CMD_OPT_REQUIRED, "the body's name" },
	{ "sector", "SECTOR", sectors, CMD_OPT_REQUIRED, "the sector" },
	{ "municipality", "KNR", NULL, CMD_OPT_REQUIRED,
	    "the municipality the body is in" },
	{ "guidelines", NULL, guidelines, CMD_OPT_REQUIRED,
	    "whether it has § 9 guidelines for interpreters" },
	{ "regular", NULL, NULL, 0, "it uses interpreters regularly" },
	CMD_OPT_END
};

const struct cmd_entry cmd_body_add_entry = {
	.name = "body add",
	.summary = "add a public body",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_body_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_body_add_run
};

static const struct cmd_opt cmd_body_show_opts[] = {
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_body_show_entry = {
	.name = "body show",
	.summary = "show a public body",
	.args = { "ORGNR", NULL, 1, 1 },
	.opts = cmd_body_show_opts,
	.flags = CMD_DB_READ,
	.run = cmd_body_show_run
};

static const struct cmd_opt cmd_body_update_opts[] = {
	{ "name", "NAME", NULL, 0, "the body's name" },
	{ "sector", "SECTOR", sectors, 0, "the sector" },
	{ "municipality", "KNR", NULL, 0, "the municipality the body is in" },
	{ "guidelines", NULL, guidelines, 0,
	    "whether it has § 9 guidelines for interpreters" },
	{ "regular", NULL, NULL, 0, "it uses interpreters regularly" },
	{ "not-regular", NULL, NULL, CMD_OPT_OR,
	    "it does not use interpreters regularly" },
	CMD_OPT_END
};

const struct cmd_entry cmd_body_update_entry = {
	.name = "body update",
	.summary = "change a public body",
	.args = { "ORGNR", NULL, 1, 1 },
	.opts = cmd_body_update_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_body_update_run
};

static const struct cmd_opt cmd_body_list_opts[] = {
	{ "sector", "SECTOR", sectors, 0, "only bodies in this sector" },
	{ "county", "NN", NULL, 0, "only bodies in this county" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_body_list_entry = {
	.name = "body list",
	.summary = "list public bodies",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_body_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_body_list_run
};

struct body_opts {
	const char	*orgnr, *name, *sector, *municipality, *guidelines;
	int		 regular, not_regular;
};

/* Turn option strings into a body_input. */
static int
body_opts_input(const struct body_opts *o, struct body_input *in,
    struct tk_error *err)
{
	struct body_text	t;

	if (o->regular && o->not_regular)
		return (tk_fail(err, TK_E_USAGE, "regular",
		    "'--regular' and '--not-regular' exclude each other"));
	t.orgnr = o->orgnr;
	t.name = o->name;
	t.sector = o->sector;
	t.municipality = o->municipality;
	t.guidelines = o->guidelines;
	t.regular = o->regular ? 1 : o->not_regular ? 0 : -1;
	if (body_input_parse(&t, in, err) == 0)
		return (0);
	args_quote_value(err, "sector", o->sector);
	return (args_quote_value(err, "guidelines", o->guidelines));
}

/* Read the options add and update share. */
static void
body_opts_get(const struct cmd_ctx *ctx, struct body_opts *o)
{
	o->name = args_get(ctx, "name");
	o->sector = args_get(ctx, "sector");
	o->municipality = args_get(ctx, "municipality");
	o->guidelines = args_get(ctx, "guidelines");
	o->regular = args_has(ctx, "regular");
}

static int
cmd_body_add_run(struct cmd_ctx *ctx)
{
	struct body_opts	 o = { 0 };
	struct body_input	 in;
	struct store		*st;

	o.orgnr = args_get(ctx, "orgnr");
	body_opts_get(ctx, &o);
	if (args_required(ctx) == -1)
		return (-1);
	if (body_opts_input(&o, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    body_add(st, &in, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%s\n", o.orgnr);
	return (0);
}

static int
cmd_body_update_run(struct cmd_ctx *ctx)
{
	struct body_opts	 o = { 0 };
	struct body_input	 in;
	struct store		*st;

	body_opts_get(ctx, &o);
	o.not_regular = args_has(ctx, "not-regular");
	if (body_opts_input(&o, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (body_update(st, ctx->pos[0], &in, ctx->err));
}

static int
cmd_body_show_run(struct cmd_ctx *ctx)
{
	struct body	 b;
	struct store	*st;
	struct table	*t;
	int		 rc;

	if (validate_orgnr("orgnr", ctx->pos[0], ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    body_get(st, ctx->pos[0], &b, ctx->err) == -1)
		return (-1);
	t = table_new();
	record_body(&b, t);
	rc = table_write_record(t, NULL, NULL, 0, ctx->format, ctx->out,
	    ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_body_list_run(struct cmd_ctx *ctx)
{
	const char		*sector = args_get(ctx, "sector");
	const char		*county = args_get(ctx, "county");
	enum sector		 s;
	struct store		*st;
	struct table		*t;
	int			 rc;

	if (sector != NULL && sector_parse(sector, &s) == -1)
		return (tk_fail(ctx->err, TK_E_INVALID, "sector",
		    "'sector' is not a known sector: '%s'", sector));
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = register_bodies(st, sector, county, &ctx->page, t,
	    ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
