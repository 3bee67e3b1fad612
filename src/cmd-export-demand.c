/*
 * tolkreg export demand: the half-yearly export of the Tolkemonitor
 * SPRÅK barometer (which languages public bodies need interpreters in,
 * and how well the register covers them) as CSV, XML and HTML files,
 * optionally delivered to a receiver and recorded so that a period is
 * delivered once. tools/tolkreg-halfyear runs it from cron.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/delivery.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/push.h"
#include "tolkreg/validate.h"

static int	cmd_export_demand_run(struct cmd_ctx *);

static const struct cmd_opt cmd_export_demand_opts[] = {
	{ "period", "previous|YYYYHn", NULL, CMD_OPT_REQUIRED,
	    "the half-year, or the last complete one" },
	{ "dir", "DIR", NULL, CMD_OPT_REQUIRED, "where to write the files" },
	{ "push", "URL", NULL, 0, "deliver the files to this receiver" },
	{ "token-file", "FILE", NULL, 0,
	    "the bearer token for the receiver" },
	{ "force", NULL, NULL, 0, "deliver a period delivered before" },
	CMD_OPT_END
};

const struct cmd_entry cmd_export_demand_entry = {
	.name = "export demand",
	.summary = "write (and deliver) the half-yearly SPRÅK barometer",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_export_demand_opts,
	.flags = CMD_DB_READ,
	.run = cmd_export_demand_run
};

static int
cmd_export_demand_run(struct cmd_ctx *ctx)
{
	const char		*period = args_get(ctx, "period");
	const char		*dir = args_get(ctx, "dir");
	const char		*url = args_get(ctx, "push");
	const char		*token_file = args_get(ctx, "token-file");
	int			 force = args_has(ctx, "force");
	struct delivery		 d;
	struct monitor_period	 p;
	struct push_opts	 po;
	struct store		*st;
	char			*token = NULL;
	time_t			 now = time(NULL);
	int			 rc, year, half;

	if (args_required(ctx) == -1)
		return (-1);
	if (token_file != NULL && url == NULL)
		return (tk_fail(ctx->err, TK_E_USAGE, "token_file",
		    "'--token-file' needs '--push'"));
	if (force && url == NULL)
		return (tk_fail(ctx->err, TK_E_USAGE, "force",
		    "'--force' needs '--push'"));
	if (strcmp(period, "previous") == 0)
		monitor_period_previous(now, &p);
	else if (validate_period("period", period, &year, &half,
	    ctx->err) == -1 || monitor_period(year, half, &p, ctx->err) == -1)
		return (-1);
	/* Refuse a bad receiver or token before writing anything. */
	if (url != NULL && push_url_check(url, ctx->err) == -1)
		return (-1);
	if (token_file != NULL &&
	    push_token_read(token_file, &token, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL) {
		push_token_free(token);
		return (-1);
	}
	rc = delivery_build(st, &p, now, &d, ctx->err);
	if (rc == 0)
		rc = delivery_write(&d, dir, ctx->out, ctx->err);
	if (rc == 0 && url != NULL) {
		memset(&po, 0, sizeof(po));
		po.url = url;
		po.token = token;
		po.log = ctx->errf;
		rc = delivery_push(st, &d, &po, force, ctx->out, ctx->err);
	}
	delivery_release(&d);
	push_token_free(token);
	return (rc);
}
