/*
 * Option parsing shared by every command. getopt_long(3) does the work;
 * this builds its table from a command's declaration and turns its
 * failures into usage errors that name the option.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/xmalloc.h"

enum {
	COMMON_HELP,
	COMMON_FORMAT,
	COMMON_DB,
	COMMON_AS,
	NCOMMON
};

static const char *const common_names[NCOMMON] = {
	"help", "format", "db", "as"
};

/* Whether arg is "--name" or "--name=..." exactly (no abbreviation). */
static int
exact_name(const char *arg, const char *name)
{
	size_t	n = strlen(name);

	return (strncmp(arg, "--", 2) == 0 && strncmp(arg + 2, name, n) == 0 &&
	    (arg[2 + n] == '\0' || arg[2 + n] == '='));
}

/* Parse argv against opts plus the common options. */
int
cmd_args(struct cmd_ctx *ctx, int argc, char **argv, const struct opt *opts,
    size_t nopts, int minpos, int maxpos)
{
	struct option	*lo;
	const char	*format = NULL;
	size_t		 i, n = nopts + NCOMMON;
	int		 c, idx, help = 0, rc = -1, npos;

	lo = xcalloc(n + 1, sizeof(*lo));
	for (i = 0; i < nopts; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].kind == OPT_STR ? required_argument :
		    no_argument;
		lo[i].val = (int)i + 256;
	}
	for (i = 0; i < NCOMMON; i++) {
		lo[nopts + i].name = common_names[i];
		lo[nopts + i].has_arg = i == COMMON_HELP ? no_argument :
		    required_argument;
		lo[nopts + i].val = (int)(nopts + i) + 256;
	}

	optind = 0;	/* full reinitialisation in glibc */
	opterr = 0;
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, ":h", lo, &idx);
		if (c == -1)
			break;
		if (c == 'h') {
			help = 1;
			continue;
		}
		if (c == '?') {
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "unknown option '%s'", argv[optind - 1]);
			goto out;
		}
		if (c == ':') {
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "option '%s' needs a value", argv[optind - 1]);
			goto out;
		}
		i = (size_t)(c - 256);
		if (!exact_name(argv[optind - 1], lo[i].name) &&
		    (optarg == NULL || optind < 2 ||
		    !exact_name(argv[optind - 2], lo[i].name))) {
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "unknown option '%s'; did you mean '--%s'?",
			    optarg != NULL && optind >= 2 &&
			    strncmp(argv[optind - 1], "--", 2) != 0 ?
			    argv[optind - 2] : argv[optind - 1], lo[i].name);
			goto out;
		}
		if (i < nopts) {
			if (opts[i].kind == OPT_STR)
				*opts[i].str = optarg;
			else
				*opts[i].flag = 1;
			continue;
		}
		switch (i - nopts) {
		case COMMON_HELP:
			help = 1;
			break;
		case COMMON_FORMAT:
			format = optarg;
			break;
		case COMMON_DB:
			ctx->dbpath = optarg;
			break;
		case COMMON_AS:
			ctx->actor = optarg;
			break;
		}
	}
	if (help) {
		cmd_usage(ctx->entry, ctx->out);
		rc = 1;
		goto out;
	}
	if (format != NULL && (format_parse(format, &ctx->format) == -1 ||
	    ((ctx->format == FMT_XML || ctx->format == FMT_HTML) &&
	    !(ctx->entry->flags & CMD_FMT_REPORT)))) {
		if (ctx->entry->flags & CMD_FMT_REPORT)
			tk_fail(ctx->err, TK_E_USAGE, "format", "'--format'"
			    " must be table, csv, json, xml or html");
		else
			tk_fail(ctx->err, TK_E_USAGE, "format", "'--format'"
			    " must be table, csv or json");
		goto out;
	}
	npos = argc - optind;
	if (npos < minpos || (maxpos >= 0 && npos > maxpos)) {
		if (npos > 0 && maxpos >= 0 && npos > maxpos)
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "unexpected argument '%s'", argv[optind + maxpos]);
		else
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "missing argument");
		goto out;
	}
	ctx->pos = argv + optind;
	ctx->npos = npos;
	rc = 0;
out:
	free(lo);
	return (rc);
}

/* Parse a positive decimal id. */
static int
parse_pos(const char *field, const char *what, const char *s, int64_t *out,
    struct tk_error *err)
{
	char		*end;
	long long	 v;

	if (*s < '0' || *s > '9')
		return (tk_fail(err, TK_E_USAGE, field,
		    "'%s' must be a %s (digits): '%s'", field, what, s));
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || v <= 0)
		return (tk_fail(err, TK_E_USAGE, field,
		    "'%s' must be a %s (digits): '%s'", field, what, s));
	*out = v;
	return (0);
}

/* Parse a register number. */
int
args_regno(const char *field, const char *s, int64_t *out,
    struct tk_error *err)
{
	return (parse_pos(field, "register number", s, out, err));
}

/* Parse a positive id. */
int
args_id(const char *field, const char *s, int64_t *out, struct tk_error *err)
{
	return (parse_pos(field, "positive number", s, out, err));
}

/* Quote the value typed after an error that refuses field's value. */
int
args_quote_value(struct tk_error *err, const char *field, const char *value)
{
	size_t	len;

	if (err == NULL || value == NULL || err->code != TK_E_INVALID ||
	    strcmp(err->field, field) != 0)
		return (-1);
	len = strlen(err->msg);
	snprintf(err->msg + len, sizeof(err->msg) - len, ": '%s'", value);
	return (-1);
}

/* Fail with a usage error naming --name unless value is set. */
int
args_require(const char *name, const char *value, struct tk_error *err)
{
	if (value != NULL)
		return (0);
	return (tk_fail(err, TK_E_USAGE, name, "'--%s' is required", name));
}
