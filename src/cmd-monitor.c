/*
 * tolkreg monitor sprak|lov: Tolkemonitor SPRÅK (language demand and
 * coverage per half-year) and LOV (compliance with tolkeloven §§ 4, 6,
 * 7, 8 and 9) computed from the register's assignments. The indicators
 * are defined in tolkreg-monitor(7). Both are reports: besides table,
 * CSV and JSON they are written as XML (schema/tolkemonitor.xsd) and as
 * an HTML page with charts (tkmon.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/tkmon.h"
#include "tolkreg/validate.h"

static int	cmd_monitor_sprak_run(struct cmd_ctx *);
static int	cmd_monitor_lov_run(struct cmd_ctx *);

static const char *const sprak_by[] = { "sector", "county", NULL };
static const char *const lov_by[] = { "sector", "county", "provider", "body",
	NULL };

static const struct cmd_opt cmd_monitor_sprak_opts[] = {
	{ "period", "YYYYH1|YYYYH2", NULL, CMD_OPT_REQUIRED, "the half-year" },
	{ "by", NULL, sprak_by, 0, "per language and sector or county" },
	{ "hours-full", "H", NULL, 0,
	    "hours a week of a full-time interpreter" },
	{ "hours-part", "H", NULL, 0,
	    "hours a week of a part-time interpreter" },
	{ "hours-occasional", "H", NULL, 0,
	    "hours a week of an occasional interpreter" },
	{ "utilisation", "X", NULL, 0, "the utilisation of their capacity" },
	{ "rising", "X", NULL, 0,
	    "the growth above which a language is rising" },
	{ "rising-min", "N", NULL, 0, "the requests a rising language needs" },
	{ "shortage", "X", NULL, 0,
	    "the coverage below which a language is short" },
	CMD_OPT_REPORT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_monitor_sprak_entry = {
	.name = "monitor sprak",
	.summary = "Tolkemonitor SPRÅK: demand and coverage per language",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_monitor_sprak_opts,
	.flags = CMD_DB_READ,
	.run = cmd_monitor_sprak_run
};

static const struct cmd_opt cmd_monitor_lov_opts[] = {
	{ "year", "YYYY", NULL, CMD_OPT_REQUIRED, "the calendar year" },
	{ "period", "YYYYHn", NULL, CMD_OPT_OR, "or the half-year" },
	{ "by", NULL, lov_by, 0, "per sector, county, provider type or body" },
	CMD_OPT_REPORT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_monitor_lov_entry = {
	.name = "monitor lov",
	.summary = "Tolkemonitor LOV: how bodies follow tolkeloven",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_monitor_lov_opts,
	.flags = CMD_DB_READ,
	.run = cmd_monitor_lov_run
};

/* Parse a number in [lo, hi] for option name. */
static int
parse_num(const char *name, const char *s, double lo, double hi, double *out,
    struct tk_error *err)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return (tk_fail(err, TK_E_INVALID, name, "'%s' must be a"
		    " number from %g to %g", name, lo, hi));
	*out = v;
	return (0);
}

/* Parse --by into *by (BY_NONE if not given). */
static int
parse_by(const char *s, enum monitor_by *by, struct tk_error *err)
{
	*by = BY_NONE;
	if (s != NULL && monitor_by_parse(s, by) == -1)
		return (tk_fail(err, TK_E_INVALID, "by", "'by' must be sector,"
		    " county, provider or body: '%s'", s));
	return (0);
}

static int
cmd_monitor_sprak_run(struct cmd_ctx *ctx)
{
	const char		*period = args_get(ctx, "period");
	const char		*by_s = args_get(ctx, "by");
	const char		*hfull = args_get(ctx, "hours-full");
	const char		*hpart = args_get(ctx, "hours-part");
	const char		*hocc = args_get(ctx, "hours-occasional");
	const char		*util = args_get(ctx, "utilisation");
	const char		*rising = args_get(ctx, "rising");
	const char		*rmin = args_get(ctx, "rising-min");
	const char		*shortage = args_get(ctx, "shortage");
	struct sprak_params	 sp;
	struct monitor_period	 p;
	struct monitor_query	 q;
	enum monitor_by		 by;
	struct store		*st;
	double			 v = 0;
	int			 year, half;

	sprak_params_init(&sp);
	if (args_require("period", period, ctx->err) == -1 ||
	    validate_period("period", period, &year, &half, ctx->err) == -1 ||
	    monitor_period(year, half, &p, ctx->err) == -1 ||
	    parse_by(by_s, &by, ctx->err) == -1 ||
	    (hfull != NULL && parse_num("hours-full", hfull, 0, 168,
	    &sp.hours_full, ctx->err) == -1) ||
	    (hpart != NULL && parse_num("hours-part", hpart, 0, 168,
	    &sp.hours_part, ctx->err) == -1) ||
	    (hocc != NULL && parse_num("hours-occasional", hocc, 0, 168,
	    &sp.hours_occasional, ctx->err) == -1) ||
	    (util != NULL && parse_num("utilisation", util, 0.01, 1,
	    &sp.utilisation, ctx->err) == -1) ||
	    (rising != NULL && parse_num("rising", rising, 0, 100,
	    &sp.rising, ctx->err) == -1) ||
	    (shortage != NULL && parse_num("shortage", shortage, 0, 1,
	    &sp.shortage, ctx->err) == -1))
		return (-1);
	if (rmin != NULL) {
		if (parse_num("rising-min", rmin, 0, 1e9, &v, ctx->err) == -1)
			return (-1);
		sp.rising_min = (int)v;
	}
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	q.period = &p;
	q.by = by;
	q.params = &sp;
	q.generated = time(NULL);
	return (tkmon_sprak_write(st, &q, ctx->format, ctx->out, ctx->err));
}

static int
cmd_monitor_lov_run(struct cmd_ctx *ctx)
{
	const char		*year_s = args_get(ctx, "year");
	const char		*period = args_get(ctx, "period");
	const char		*by_s = args_get(ctx, "by");
	struct monitor_period	 p;
	struct monitor_query	 q;
	enum monitor_by		 by;
	struct store		*st;
	double			 y = 0;
	int			 year, half = 0;

	if ((year_s == NULL) == (period == NULL))
		return (tk_fail(ctx->err, TK_E_USAGE, "period",
		    "give one of '--year' and '--period'"));
	if (year_s != NULL) {
		if (parse_num("year", year_s, 2000, 2199, &y, ctx->err) == -1)
			return (-1);
		year = (int)y;
	} else if (validate_period("period", period, &year, &half,
	    ctx->err) == -1)
		return (-1);
	if (monitor_period(year, half, &p, ctx->err) == -1 ||
	    parse_by(by_s, &by, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	q.period = &p;
	q.by = by;
	q.params = NULL;
	q.generated = time(NULL);
	return (tkmon_lov_write(st, &q, ctx->format, ctx->out, ctx->err));
}
