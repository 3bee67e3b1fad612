/*
 * Option parsing shared by every command. getopt_long(3) does the work;
 * this builds its table from the options a command declares in its
 * entry and turns its failures into usage errors that name the option
 * and, for a mistyped one, suggest the nearest.
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
#include "tolkreg/page.h"
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

/* Words longer than this are never near anything. */
#define DISTANCE_MAXLEN	64

/* The Damerau-Levenshtein distance, or -1 if too far to suggest. */
int
args_distance(const char *word, const char *name, size_t n)
{
	int	d[DISTANCE_MAXLEN + 1][DISTANCE_MAXLEN + 1];
	size_t	m = strlen(word), i, j;
	int	cost, v;

	if (m >= 2 && m < n && strncmp(word, name, m) == 0)
		return (0);
	if (m > DISTANCE_MAXLEN || n > DISTANCE_MAXLEN)
		return (-1);
	for (i = 0; i <= m; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= n; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= m; i++) {
		for (j = 1; j <= n; j++) {
			cost = word[i - 1] == name[j - 1] ? 0 : 1;
			v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && word[i - 1] == name[j - 2] &&
			    word[i - 2] == name[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	/* At most two edits, and at most one for every two letters typed. */
	v = d[m][n];
	if (v > 2 || (size_t)v * 2 > m)
		return (-1);
	return (v);
}

/* Whether name is nearer to word than the nearest so far. */
int
args_nearer(const char *word, const char *name, size_t n, int *best)
{
	int	d;

	if ((d = args_distance(word, name, n)) == -1 ||
	    (*best != -1 && d >= *best))
		return (0);
	*best = d;
	return (1);
}

/* Whether arg is "--name" or "--name=..." exactly (no abbreviation). */
static int
exact_name(const char *arg, const char *name)
{
	size_t	n = strlen(name);

	return (strncmp(arg, "--", 2) == 0 && strncmp(arg + 2, name, n) == 0 &&
	    (arg[2 + n] == '\0' || arg[2 + n] == '='));
}

/* The option in lo nearest to the mistyped "--word[=value]", or NULL. */
static const char *
nearest_option(const char *arg, const struct option *lo, size_t n)
{
	const char	*best = NULL;
	char		*word;
	size_t		 i;
	int		 bestd = -1;

	if (strncmp(arg, "--", 2) != 0)
		return (NULL);
	word = xstrndup(arg + 2, strcspn(arg + 2, "="));
	for (i = 0; i < n; i++) {
		if (strcmp(word, lo[i].name) == 0) {
			/* Known, but misused: no suggestion. */
			best = NULL;
			break;
		}
		if (args_nearer(word, lo[i].name, strlen(lo[i].name), &bestd))
			best = lo[i].name;
	}
	free(word);
	return (best);
}

/* The index of option name in the entry, or -1. */
static int
opt_index(const struct cmd_entry *e, const char *name)
{
	int	i;

	for (i = 0; e->opts != NULL && e->opts[i].name != NULL; i++) {
		if (strcmp(e->opts[i].name, name) == 0)
			return (i);
	}
	return (-1);
}

/* Whether s is one of the NULL-terminated values. */
static int
is_value(const char *const *values, const char *s)
{
	for (; *values != NULL; values++) {
		if (strcmp(*values, s) == 0)
			return (1);
	}
	return (0);
}

/* Fail with "'--format' must be a, b or c" for the allowed formats. */
static int
bad_format(struct tk_error *err, const char *const *values)
{
	char	msg[128];
	size_t	i, len = 0;

	msg[0] = '\0';
	for (i = 0; values[i] != NULL; i++)
		len += (size_t)snprintf(msg + len, len < sizeof(msg) ?
		    sizeof(msg) - len : 0, "%s%s", i == 0 ? "" :
		    values[i + 1] == NULL ? " or " : ", ", values[i]);
	return (tk_fail(err, TK_E_USAGE, "format", "'--format' must be %s",
	    msg));
}

/*
 * For an entry that declares the paging options, the page they ask for:
 * by default PAGE_DEFAULT rows on a terminal and all rows otherwise.
 */
static int
page_opts(struct cmd_ctx *ctx)
{
	int	l = opt_index(ctx->entry, "limit");
	int	a = opt_index(ctx->entry, "after");

	if (a == -1)
		return (0);
	return (page_parse(&ctx->page, l != -1 ? ctx->optv[l] : NULL,
	    ctx->optv[a], ctx->terminal ? PAGE_DEFAULT : 0, 0, ctx->err));
}

/* Parse argv against the entry's options plus the common options. */
int
args_parse(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct cmd_opt	*opts = e->opts;
	const char *const	*formats = cmd_formats;
	struct option		*lo;
	const char		*format = NULL, *near, *name;
	size_t			 i, nopts = 0, n;
	int			 c, help = 0, rc = -1, npos, k;
	int			 minpos = e->args.min, maxpos = e->args.max;

	while (opts != NULL && opts[nopts].name != NULL)
		nopts++;
	ctx->optv = xcalloc(nopts + 1, sizeof(*ctx->optv));
	lo = xcalloc(nopts + NCOMMON + 1, sizeof(*lo));
	for (i = 0; i < nopts; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].arg != NULL ||
		    opts[i].values != NULL ? required_argument : no_argument;
		lo[i].val = (int)i + 256;
	}
	/*
	 * The common options; --format, where the entry declares it (with
	 * the formats the command writes), is parsed as declared.
	 */
	for (i = 0, n = nopts; i < NCOMMON; i++) {
		if (opt_index(e, common_names[i]) != -1)
			continue;
		lo[n].name = common_names[i];
		lo[n].has_arg = i == COMMON_HELP ? no_argument :
		    required_argument;
		lo[n].val = (int)(nopts + i) + 256;
		n++;
	}

	optind = 0;	/* full reinitialisation in glibc */
	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, ":h", lo, NULL);
		if (c == -1)
			break;
		if (c == 'h') {
			help = 1;
			continue;
		}
		if (c == '?') {
			if ((near = nearest_option(argv[optind - 1], lo,
			    n)) != NULL)
				tk_fail(ctx->err, TK_E_USAGE, NULL,
				    "unknown option '%s'; did you mean '--%s'?",
				    argv[optind - 1], near);
			else
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
		name = i < nopts ? opts[i].name : common_names[i - nopts];
		if (!exact_name(argv[optind - 1], name) &&
		    (optarg == NULL || optind < 2 ||
		    !exact_name(argv[optind - 2], name))) {
			tk_fail(ctx->err, TK_E_USAGE, NULL,
			    "unknown option '%s'; did you mean '--%s'?",
			    optarg != NULL && optind >= 2 &&
			    strncmp(argv[optind - 1], "--", 2) != 0 ?
			    argv[optind - 2] : argv[optind - 1], name);
			goto out;
		}
		if (i < nopts) {
			ctx->optv[i] = optarg != NULL ? optarg :
			    argv[optind - 1];
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
		rc = 1;
		goto out;
	}
	if ((k = opt_index(e, "format")) != -1) {
		format = ctx->optv[k];
		formats = opts[k].values;
	}
	if (format != NULL && (format_parse(format, &ctx->format) == -1 ||
	    !is_value(formats, format))) {
		bad_format(ctx->err, formats);
		goto out;
	}
	if (page_opts(ctx) == -1)
		goto out;
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

/* The value of option name, or NULL. */
const char *
args_get(const struct cmd_ctx *ctx, const char *name)
{
	int	i;

	if ((i = opt_index(ctx->entry, name)) == -1) {
		fprintf(stderr, "tolkreg: %s: no option '--%s' in the table\n",
		    ctx->entry->name, name);
		abort();
	}
	return (ctx->optv[i]);
}

/* Whether option name was given. */
int
args_has(const struct cmd_ctx *ctx, const char *name)
{
	return (args_get(ctx, name) != NULL);
}

/* Fail naming the first required option that was not given. */
int
args_required(const struct cmd_ctx *ctx)
{
	const struct cmd_opt	*o = ctx->entry->opts;
	int			 i;

	for (i = 0; o != NULL && o[i].name != NULL; i++) {
		if (!(o[i].flags & CMD_OPT_REQUIRED) ||
		    (o[i + 1].name != NULL && (o[i + 1].flags & CMD_OPT_OR)))
			continue;
		if (args_require(o[i].name, ctx->optv[i], ctx->err) == -1)
			return (-1);
	}
	return (0);
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
