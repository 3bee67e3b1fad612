#ifndef TOLKREG_ARGS_H
#define TOLKREG_ARGS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Declarative option parsing for commands, over getopt_long(3). Every
 * command also takes --help, --format, --db and --as.
 */

struct cmd_ctx;
struct tk_error;

enum opt_kind {
	OPT_STR,	/* --name VALUE; *str gets VALUE */
	OPT_FLAG	/* --name; *flag gets 1 */
};

struct opt {
	const char	*name;
	enum opt_kind	 kind;
	const char	**str;
	int		*flag;
};

#define OPT_S(n, p)	{ (n), OPT_STR, (p), NULL }
#define OPT_F(n, p)	{ (n), OPT_FLAG, NULL, (p) }

/*
 * Parse argv (argv[0] is the command name) against opts; between minpos
 * and maxpos positional arguments (maxpos -1: any) are left in ctx->pos.
 * Returns 0, 1 when --help was answered (the command returns 0), or -1
 * with a usage error in ctx->err.
 */
int	cmd_args(struct cmd_ctx *, int, char **, const struct opt *, size_t,
	    int minpos, int maxpos);

/* Parse a register number (positive decimal integer) named field. */
int	args_regno(const char *field, const char *, int64_t *,
	    struct tk_error *);

/* Parse a positive id (credential, request, ...) named field. */
int	args_id(const char *field, const char *, int64_t *,
	    struct tk_error *);

/* Fail with a usage error naming --name unless value is set. */
int	args_require(const char *name, const char *value, struct tk_error *);

/*
 * The CLI's words for a value a domain parser refused: the rule, then
 * the value as typed ("'gender' must be F, M or X: 'K'"). When err is
 * TK_E_INVALID naming field, append ": 'value'" to its message. The
 * API answers with the rule alone. Returns -1.
 */
int	args_quote_value(struct tk_error *, const char *field,
	    const char *value);

#endif /* TOLKREG_ARGS_H */
