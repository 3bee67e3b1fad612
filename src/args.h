#ifndef TOLKREG_ARGS_H
#define TOLKREG_ARGS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Option parsing for commands, over getopt_long(3), from the options a
 * command declares in its entry (cmd.h). Every command also takes
 * --help, --format, --db and --as.
 */

struct cmd_ctx;
struct tk_error;

/*
 * Parse argv (argv[0] is the command name) against ctx->entry: the
 * option values go to ctx->optv (which the caller frees), the
 * positional arguments to ctx->pos. Returns 0, 1 when --help was asked
 * for, or -1 with a usage error in ctx->err.
 */
int		 args_parse(struct cmd_ctx *, int, char **);

/*
 * The value of the command's option --name, or NULL if it was not
 * given. Borrowed from argv. name must be declared in the entry.
 */
const char	*args_get(const struct cmd_ctx *, const char *name);

/* Whether the command's option --name was given. */
int		 args_has(const struct cmd_ctx *, const char *name);

/*
 * Fail with a usage error naming the first option the entry declares
 * required (and not as one of a choice) that was not given.
 */
int		 args_required(const struct cmd_ctx *);

/*
 * How far the mistyped word is from name (its first n bytes): the
 * Damerau-Levenshtein distance, 0 when word is a prefix of name, or -1
 * when they are too far apart for name to be a sensible suggestion.
 */
int		 args_distance(const char *word, const char *name, size_t n);

/*
 * Whether name (its first n bytes) is nearer to the mistyped word than
 * the nearest so far, at distance *best (-1: none yet); if it is, *best
 * becomes its distance.
 */
int		 args_nearer(const char *word, const char *name, size_t n,
		    int *best);

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
