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

static int	cmd_export_demand_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_export_demand_entry = {
	.name = "export demand",
	.usage = "export demand --period previous|YYYYHn --dir DIR"
	    " [--push URL] [--token-file FILE] [--force]",
	.summary = "write (and deliver) the half-yearly SPRÅK barometer",
	.flags = CMD_DB_READ,
	.run = cmd_export_demand_run
};

static int
cmd_export_demand_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*period = NULL, *dir = NULL, *url = NULL;
	const char		*token_file = NULL;
	int			 force = 0;
	const struct opt	 opts[] = { OPT_S("period", &period),
	    OPT_S("dir", &dir), OPT_S("push", &url),
	    OPT_S("token-file", &token_file), OPT_F("force", &force) };
	struct delivery		 d;
	struct monitor_period	 p;
	struct push_opts	 po;
	struct store		*st;
	char			*token = NULL;
	time_t			 now = time(NULL);
	int			 rc, year, half;

	if ((rc = cmd_args(ctx, argc, argv, opts, 5, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_require("period", period, ctx->err) == -1 ||
	    args_require("dir", dir, ctx->err) == -1)
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
