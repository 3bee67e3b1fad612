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

static int	cmd_interpreter_add_run(struct cmd_ctx *);
static int	cmd_interpreter_show_run(struct cmd_ctx *);
static int	cmd_interpreter_update_run(struct cmd_ctx *);
static int	cmd_interpreter_list_run(struct cmd_ctx *);
static int	cmd_interpreter_exclude_run(struct cmd_ctx *);
static int	cmd_interpreter_reinstate_run(struct cmd_ctx *);
static int	cmd_interpreter_withdraw_run(struct cmd_ctx *);

static const char *const genders[] = { "F", "M", "X", NULL };
static const char *const availabilities[] = { "full", "part", "occasional",
	NULL };
static const char *const statuses[] = { "listed", "suspended", "excluded",
	"withdrawn", NULL };

/* The fields of add (all required) and update (any of them). */
#define FIELD_OPTS(req) \
	{ "name", "NAME", NULL, (req), "full name" }, \
	{ "fnr", "NUMBER", NULL, (req), \
	    "the fødselsnummer or D-nummer" }, \
	{ "gender", NULL, genders, (req), "gender; lower case is accepted" }, \
	{ "email", "ADDR", NULL, (req), "e-mail address" }, \
	{ "phone", "NUMBER", NULL, (req), "Norwegian phone number" }, \
	{ "municipality", "KNR", NULL, (req), \
	    "the municipality the interpreter works from" }, \
	{ "availability", NULL, availabilities, (req), \
	    "full-time, part-time or occasional work" }, \
	{ "modalities", "LIST", NULL, (req), \
	    "comma-separated: onsite, video, phone" }

static const struct cmd_opt cmd_interpreter_add_opts[] = {
	FIELD_OPTS(CMD_OPT_REQUIRED),
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_add_entry = {
	.name = "interpreter add",
	.summary = "add an interpreter; prints the register number",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_interpreter_add_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_add_run
};

static const struct cmd_opt cmd_interpreter_show_opts[] = {
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_show_entry = {
	.name = "interpreter show",
	.summary = "show an interpreter with languages and history",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_interpreter_show_opts,
	.flags = CMD_DB_READ,
	.run = cmd_interpreter_show_run
};

static const struct cmd_opt cmd_interpreter_update_opts[] = {
	FIELD_OPTS(0),
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_update_entry = {
	.name = "interpreter update",
	.summary = "change an interpreter's details",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_interpreter_update_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_update_run
};

static const struct cmd_opt cmd_interpreter_list_opts[] = {
	{ "status", "STATUS", statuses, 0, "only those with this status" },
	{ "lang", "CODE", NULL, 0, "only those with a category in it" },
	{ "municipality", "KNR", NULL, 0,
	    "only those working from this municipality" },
	CMD_OPT_PAGE,
	CMD_OPT_FORMAT,
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_list_entry = {
	.name = "interpreter list",
	.summary = "list interpreters, any status",
	.args = { NULL, NULL, 0, 0 },
	.opts = cmd_interpreter_list_opts,
	.flags = CMD_DB_READ,
	.run = cmd_interpreter_list_run
};

static const struct cmd_opt cmd_interpreter_exclude_opts[] = {
	{ "reason", "TEXT", NULL, CMD_OPT_REQUIRED, "the reason" },
	{ "until", "DATE", NULL, 0, "the last day of the exclusion" },
	{ "temporary", NULL, NULL, CMD_OPT_OR,
	    "suspend while a case is processed" },
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_exclude_entry = {
	.name = "interpreter exclude",
	.summary = "exclude an interpreter from the register",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_interpreter_exclude_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_exclude_run
};

static const struct cmd_opt cmd_interpreter_reinstate_opts[] = {
	{ "reason", "TEXT", NULL, CMD_OPT_REQUIRED, "the reason" },
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_reinstate_entry = {
	.name = "interpreter reinstate",
	.summary = "list an excluded, suspended or withdrawn interpreter again",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_interpreter_reinstate_opts,
	.flags = CMD_DB_WRITE,
	.run = cmd_interpreter_reinstate_run
};

static const struct cmd_opt cmd_interpreter_withdraw_opts[] = {
	{ "reason", "TEXT", NULL, 0,
	    "the reason (default \"withdrawn at own request\")" },
	CMD_OPT_END
};

const struct cmd_entry cmd_interpreter_withdraw_entry = {
	.name = "interpreter withdraw",
	.summary = "withdraw an interpreter at own request",
	.args = { "REGNO", NULL, 1, 1 },
	.opts = cmd_interpreter_withdraw_opts,
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

/* Read the options shared by add and update. */
static void
fields_get(const struct cmd_ctx *ctx, struct interpreter_text *f)
{
	f->name = args_get(ctx, "name");
	f->fnr = args_get(ctx, "fnr");
	f->gender = args_get(ctx, "gender");
	f->email = args_get(ctx, "email");
	f->phone = args_get(ctx, "phone");
	f->municipality = args_get(ctx, "municipality");
	f->availability = args_get(ctx, "availability");
	f->modalities = args_get(ctx, "modalities");
}

static int
cmd_interpreter_add_run(struct cmd_ctx *ctx)
{
	struct interpreter_text		 f;
	struct interpreter_input	 in;
	struct store			*st;
	int64_t				 regno;

	fields_get(ctx, &f);
	if (args_required(ctx) == -1)
		return (-1);
	if (fields_input(&f, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL ||
	    interpreter_add(st, &in, &regno, ctx->err) == -1)
		return (-1);
	fprintf(ctx->out, "%" PRId64 "\n", regno);
	return (0);
}

static int
cmd_interpreter_update_run(struct cmd_ctx *ctx)
{
	struct interpreter_text		 f;
	struct interpreter_input	 in;
	struct store			*st;
	int64_t				 regno;

	fields_get(ctx, &f);
	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    fields_input(&f, &in, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_update(st, regno, &in, ctx->err));
}

static int
cmd_interpreter_show_run(struct cmd_ctx *ctx)
{
	struct table		*t, *sec[RECORD_INTERPRETER_NSECTIONS];
	struct store		*st;
	char			 today[DATE_BUFLEN];
	int64_t			 regno;
	int			 rc, i;

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
cmd_interpreter_list_run(struct cmd_ctx *ctx)
{
	struct list_query	 q;
	struct store		*st;
	struct table		*t;
	int			 rc;

	q.status = args_get(ctx, "status");
	q.lang = args_get(ctx, "lang");
	q.municipality = args_get(ctx, "municipality");
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	t = table_new();
	rc = register_list(st, &q, &ctx->page, t, ctx->err);
	if (rc == 0)
		rc = table_write(t, ctx->format, ctx->out, ctx->err);
	table_free(t);
	return (rc);
}

static int
cmd_interpreter_exclude_run(struct cmd_ctx *ctx)
{
	const char		*reason = args_get(ctx, "reason");
	const char		*until = args_get(ctx, "until");
	int			 temporary = args_has(ctx, "temporary");
	struct store		*st;
	int64_t			 regno;

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
cmd_interpreter_reinstate_run(struct cmd_ctx *ctx)
{
	const char		*reason = args_get(ctx, "reason");
	struct store		*st;
	int64_t			 regno;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1)
		return (-1);
	if (args_require("reason", reason, ctx->err) == -1)
		return (-1);
	if ((st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_reinstate(st, regno, reason, ctx->err));
}

static int
cmd_interpreter_withdraw_run(struct cmd_ctx *ctx)
{
	const char		*reason = args_get(ctx, "reason");
	struct store		*st;
	int64_t			 regno;

	if (args_regno("regno", ctx->pos[0], &regno, ctx->err) == -1 ||
	    (st = cmd_store(ctx)) == NULL)
		return (-1);
	return (interpreter_withdraw(st, regno, reason, ctx->err));
}
