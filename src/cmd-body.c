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

static int	cmd_body_add_run(int, char **, struct cmd_ctx *);
static int	cmd_body_show_run(int, char **, struct cmd_ctx *);
static int	cmd_body_update_run(int, char **, struct cmd_ctx *);
static int	cmd_body_list_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_body_add_entry = {
	.name = "body add",
	.usage = "body add --orgnr NUMBER --name NAME --sector SECTOR"
	    " --municipality KNR --guidelines full|partial|none [--regular]",
	.summary = "add a public body",
	.flags = CMD_DB_WRITE,
	.run = cmd_body_add_run
};

const struct cmd_entry cmd_body_show_entry = {
	.name = "body show",
	.usage = "body show ORGNR [--format FORMAT]",
	.summary = "show a public body",
	.flags = CMD_DB_READ,
	.run = cmd_body_show_run
};

const struct cmd_entry cmd_body_update_entry = {
	.name = "body update",
	.usage = "body update ORGNR [--name NAME] [--sector SECTOR]"
	    " [--municipality KNR] [--guidelines full|partial|none]"
	    " [--regular | --not-regular]",
	.summary = "change a public body",
	.flags = CMD_DB_WRITE,
	.run = cmd_body_update_run
};

const struct cmd_entry cmd_body_list_entry = {
	.name = "body list",
	.usage = "body list [--sector SECTOR] [--county NN] [--format FORMAT]",
	.summary = "list public bodies",
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

static int
cmd_body_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct body_opts	 o = { 0 };
	const struct opt	 opts[] = { OPT_S("orgnr", &o.orgnr),
	    OPT_S("name", &o.name), OPT_S("sector", &o.sector),
	    OPT_S("municipality", &o.municipality),
	    OPT_S("guidelines", &o.guidelines), OPT_F("regular", &o.regular) };
	struct body_input	 in;
	struct store		*st;
	int			 rc, i;

	if ((rc = cmd_args(ctx, argc, argv, opts, 6, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	for (i = 0; i < 5; i++) {
		if (args_require(opts[i].name, *opts[i].str, ctx->err) == -1)
			return (-1);
	}
	if (body_opts_input(&o, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    body_add(st, &in, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%s\n", o.orgnr);
	return (0);
}

static int
cmd_body_update_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct body_opts	 o = { 0 };
	const struct opt	 opts[] = { OPT_S("name", &o.name),
	    OPT_S("sector", &o.sector), OPT_S("municipality", &o.municipality),
	    OPT_S("guidelines", &o.guidelines), OPT_F("regular", &o.regular),
	    OPT_F("not-regular", &o.not_regular) };
	struct body_input	 in;
	struct store		*st;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 6, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (body_opts_input(&o, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (body_update(st, ctx->pos[0], &in, ctx->err));
}

static int
cmd_body_show_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct body	 b;
	struct store	*st;
	struct table	*t;
	int		 rc;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
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
cmd_body_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*sector = NULL, *county = NULL;
	const struct opt	 opts[] = { OPT_S("sector", &sector),
	    OPT_S("county", &county) };
	enum sector		 s;
	struct store		*st;
	struct table		*t;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 2, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if (sector != NULL && sector_parse(sector, &s) == -1)
		return (tk_fail(ctx->err, TK_E_INVALID, "sector",
		    "'sector' is not a known sector: '%s'", sector));
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = register_bodies(st, sector, county, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}
