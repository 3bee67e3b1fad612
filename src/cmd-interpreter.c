/*
 * tolkreg interpreter add|show|update|list|exclude|reinstate|withdraw:
 * IMDi's commands for interpreters in the register (tolkeloven §§ 17
 * and 21). Personal numbers are taken in, never printed.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

static int	cmd_interpreter_add_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_show_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_update_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_list_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_exclude_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_reinstate_run(int, char **, struct cmd_ctx *);
static int	cmd_interpreter_withdraw_run(int, char **, struct cmd_ctx *);

const struct cmd_entry cmd_interpreter_add_entry = {
	.name = "interpreter add",
	.usage = "interpreter add --name NAME --fnr NUMBER --gender F|M|X"
	    " --email ADDR --phone NUMBER --municipality KNR"
	    " --availability full|part|occasional --modalities LIST",
	.summary = "add an interpreter; prints the register number",
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_add_run
};

const struct cmd_entry cmd_interpreter_show_entry = {
	.name = "interpreter show",
	.usage = "interpreter show REGNO [--format FORMAT]",
	.summary = "show an interpreter with languages and history",
	.flags = CMD_DB_READ,
	.run = cmd_interpreter_show_run
};

const struct cmd_entry cmd_interpreter_update_entry = {
	.name = "interpreter update",
	.usage = "interpreter update REGNO [--name NAME] [--fnr NUMBER]"
	    " [--gender F|M|X] [--email ADDR] [--phone NUMBER]"
	    " [--municipality KNR] [--availability full|part|occasional]"
	    " [--modalities LIST]",
	.summary = "change an interpreter's details",
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_update_run
};

const struct cmd_entry cmd_interpreter_list_entry = {
	.name = "interpreter list",
	.usage = "interpreter list [--status STATUS] [--lang CODE]"
	    " [--municipality KNR] [--format FORMAT]",
	.summary = "list interpreters, any status",
	.flags = CMD_DB_READ,
	.run = cmd_interpreter_list_run
};

const struct cmd_entry cmd_interpreter_exclude_entry = {
	.name = "interpreter exclude",
	.usage = "interpreter exclude REGNO --reason TEXT"
	    " [--until DATE | --temporary]",
	.summary = "exclude an interpreter from the register",
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_exclude_run
};

const struct cmd_entry cmd_interpreter_reinstate_entry = {
	.name = "interpreter reinstate",
	.usage = "interpreter reinstate REGNO --reason TEXT",
	.summary = "list an excluded, suspended or withdrawn interpreter again",
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_reinstate_run
};

const struct cmd_entry cmd_interpreter_withdraw_entry = {
	.name = "interpreter withdraw",
	.usage = "interpreter withdraw REGNO [--reason TEXT]",
	.summary = "withdraw an interpreter at own request",
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_withdraw_run
};

/* Turn the option strings into an interpreter_input. */
static int
fields_input(const struct interpreter_text *f, struct interpreter_input *in,
    struct tk_error *err)
{
	if (interpreter_input_parse(f, in, err) == 0)
		return (0);
	args_quote_value(err, "gender", f->gender);
	return (args_quote_value(err, "availability", f->availability));
}

#define FIELD_OPTS(f) \
	OPT_S("name", &(f).name), OPT_S("fnr", &(f).fnr), \
	OPT_S("gender", &(f).gender), OPT_S("email", &(f).email), \
	OPT_S("phone", &(f).phone), \
	OPT_S("municipality", &(f).municipality), \
	OPT_S("availability", &(f).availability), \
	OPT_S("modalities", &(f).modalities)

static int
cmd_interpreter_add_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct interpreter_text		 f = { 0 };
	const struct opt		 opts[] = { FIELD_OPTS(f) };
	struct interpreter_input	 in;
	struct store			*st;
	int64_t				 regno;
	int				 rc, i;

	if ((rc = cmd_args(ctx, argc, argv, opts, 8, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	for (i = 0; i < 8; i++) {
		if (args_require(opts[i].name, *opts[i].str, ctx->err) == -1)
			return (-1);
	}
	if (fields_input(&f, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    interpreter_add(st, &in, &regno, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", regno);
	return (0);
}

static int
cmd_interpreter_update_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct interpreter_text		 f = { 0 };
	const struct opt		 opts[] = { FIELD_OPTS(f) };
	struct interpreter_input	 in;
	struct store			*st;
	int64_t				 regno;
	int				 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 8, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    fields_input(&f, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_update(st, regno, &in, ctx->err));
}

static int
cmd_interpreter_show_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct table		*t, *sec[RECORD_INTERPRETER_NSECTIONS];
	struct store		*st;
	char			 today[DATE_BUFLEN];
	int64_t			 regno;
	int			 rc, i;

	if ((rc = cmd_args(ctx, argc, argv, NULL, 0, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	tk_today(today);
	t = table_new();
	for (i = 0; i < RECORD_INTERPRETER_NSECTIONS; i++)
		sec[i] = table_new();
	rc = record_interpreter(st, regno, today, t, sec, ctx->err);
	if (rc == 0)
		rc = table_write_record(t, record_interpreter_sections, sec,
		    RECORD_INTERPRETER_NSECTIONS, ctx->format, ctx->out,
		    ctx->err);
	for (i = 0; i < RECORD_INTERPRETER_NSECTIONS; i++)
		table_free(sec[i]);
	table_free(t);
	return (rc);
}

static int
cmd_interpreter_list_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct list_query	 q = { NULL, NULL, NULL };
	const struct opt	 opts[] = { OPT_S("status", &q.status),
	    OPT_S("lang", &q.lang), OPT_S("municipality", &q.municipality) };
	struct store		*st;
	struct table		*t;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 3, 0, 0)) != 0)
		return (rc == 1 ? 0 : -1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = register_list(st, &q, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_interpreter_exclude_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*reason = NULL, *until = NULL;
	int			 temporary = 0, rc;
	const struct opt	 opts[] = { OPT_S("reason", &reason),
	    OPT_S("until", &until), OPT_F("temporary", &temporary) };
	struct store		*st;
	int64_t			 regno;

	if ((rc = cmd_args(ctx, argc, argv, opts, 3, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_exclude(st, regno, reason, until, temporary,
	    ctx->err));
}

static int
cmd_interpreter_reinstate_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*reason = NULL;
	const struct opt	 opts[] = { OPT_S("reason", &reason) };
	struct store		*st;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_reinstate(st, regno, reason, ctx->err));
}

static int
cmd_interpreter_withdraw_run(int argc, char **argv, struct cmd_ctx *ctx)
{
	const char		*reason = NULL;
	const struct opt	 opts[] = { OPT_S("reason", &reason) };
	struct store		*st;
	int64_t			 regno;
	int			 rc;

	if ((rc = cmd_args(ctx, argc, argv, opts, 1, 1, 1)) != 0)
		return (rc == 1 ? 0 : -1);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_withdraw(st, regno, reason, ctx->err));
}
