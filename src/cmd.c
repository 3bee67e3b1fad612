/*
 * The tolkreg command table and dispatcher: global options, exact
 * command lookup (one or two words) with a suggestion for a mistyped
 * name, the command line parsed once against the command's entry, the
 * store opened once per command, one transaction for every command that
 * writes, and the mapping of errors to one stderr line and a sysexits(3)
 * status.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/page.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

const struct cmd_entry *cmd_table[] = {
	&cmd_init_entry,
	&cmd_language_list_entry,
	&cmd_interpreter_add_entry,
	&cmd_interpreter_show_entry,
	&cmd_interpreter_update_entry,
	&cmd_interpreter_list_entry,
	&cmd_interpreter_exclude_entry,
	&cmd_interpreter_reinstate_entry,
	&cmd_interpreter_withdraw_entry,
	&cmd_warning_add_entry,
	&cmd_unavailable_add_entry,
	&cmd_unavailable_list_entry,
	&cmd_unavailable_remove_entry,
	&cmd_conflict_add_entry,
	&cmd_conflict_list_entry,
	&cmd_conflict_remove_entry,
	&cmd_credential_add_entry,
	&cmd_credential_revoke_entry,
	&cmd_body_add_entry,
	&cmd_body_show_entry,
	&cmd_body_update_entry,
	&cmd_body_list_entry,
	&cmd_search_entry,
	&cmd_request_add_entry,
	&cmd_request_show_entry,
	&cmd_request_list_entry,
	&cmd_match_entry,
	&cmd_book_entry,
	&cmd_complete_entry,
	&cmd_cancel_entry,
	&cmd_unfilled_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_monitor_sprak_entry,
	&cmd_monitor_lov_entry,
	&cmd_demo_entry,
	&cmd_token_create_entry,
	&cmd_token_list_entry,
	&cmd_token_revoke_entry,
	&cmd_export_demand_entry,
	&cmd_help_entry,
	&cmd_completion_entry,
	NULL
};

const char *const cmd_formats[] = { "table", "csv", "json", NULL };
const char *const cmd_report_formats[] = { "table", "csv", "json", "xml",
	"html", NULL };

/* Find a command by exact name: two words first, then one. */
static const struct cmd_entry *
cmd_lookup(int argc, char **argv, int *words)
{
	const struct cmd_entry	**e;
	size_t			  n;

	if (argc >= 2) {
		n = strlen(argv[0]);
		for (e = cmd_table; *e != NULL; e++) {
			if (strncmp((*e)->name, argv[0], n) == 0 &&
			    (*e)->name[n] == ' ' &&
			    strcmp((*e)->name + n + 1, argv[1]) == 0) {
				*words = 2;
				return (*e);
			}
		}
	}
	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp((*e)->name, argv[0]) == 0) {
			*words = 1;
			return (*e);
		}
	}
	return (NULL);
}

/* Whether name is the first word of a two-word command. */
int
cmd_is_group(const char *name)
{
	const struct cmd_entry	**e;
	size_t			  n = strlen(name);

	for (e = cmd_table; *e != NULL; e++) {
		if (strncmp((*e)->name, name, n) == 0 && (*e)->name[n] == ' ')
			return (1);
	}
	return (0);
}

/* The nearest one-word name, or the nearest subcommand of group. */
const char *
cmd_suggest(const char *group, const char *word)
{
	const struct cmd_entry	**e;
	const char		 *name, *best = NULL;
	size_t			  glen = group != NULL ? strlen(group) : 0;
	int			  bestd = -1;

	for (e = cmd_table; *e != NULL; e++) {
		name = (*e)->name;
		if (group != NULL) {
			if (strncmp(name, group, glen) != 0 ||
			    name[glen] != ' ')
				continue;
			name += glen + 1;
		}
		if (args_nearer(word, name, strcspn(name, " "), &bestd))
			best = name;
	}
	return (best);
}

/* Report an unknown command, with the nearest name if there is one. */
static void
unknown_command(int argc, char **argv, FILE *errf)
{
	const char	*near, *sub = NULL;
	char		*group;

	if (cmd_is_group(argv[0]) && argc > 1) {
		if ((near = cmd_suggest(argv[0], argv[1])) != NULL)
			fprintf(errf, "tolkreg: unknown command '%s %s'; did"
			    " you mean '%s %s'?\n", argv[0], argv[1], argv[0],
			    near);
		else
			fprintf(errf, "tolkreg: unknown command '%s %s'\n",
			    argv[0], argv[1]);
		return;
	}
	if (cmd_is_group(argv[0])) {
		fprintf(errf, "tolkreg: '%s' needs a subcommand; see"
		    " 'tolkreg help %s'\n", argv[0], argv[0]);
		return;
	}
	if ((near = cmd_suggest(NULL, argv[0])) == NULL) {
		fprintf(errf, "tolkreg: unknown command '%s'\n", argv[0]);
		return;
	}
	/* "interprter add": the group mistyped, the subcommand not. */
	group = xstrndup(near, strcspn(near, " "));
	if (argc > 1 && cmd_is_group(group))
		sub = cmd_suggest(group, argv[1]);
	if (sub != NULL)
		fprintf(errf, "tolkreg: unknown command '%s %s'; did you mean"
		    " '%s %s'?\n", argv[0], argv[1], group, sub);
	else
		fprintf(errf, "tolkreg: unknown command '%s'; did you mean"
		    " '%s'?\n", argv[0], group);
	free(group);
}

/* The store for this command, opened once. */
struct store *
cmd_store(struct cmd_ctx *ctx)
{
	unsigned int	flags = ctx->entry->flags;

	if (ctx->store != NULL)
		return (ctx->store);
	if (store_open(&ctx->store, ctx->dbpath,
	    (flags & CMD_DB_CREATE) ? STORE_CREATE : 0, ctx->err) == -1)
		return (NULL);
	store_set_actor(ctx->store, ctx->actor);
	if ((flags & CMD_DB_WRITE) && store_begin(ctx->store, ctx->err) == -1) {
		store_close(ctx->store);
		ctx->store = NULL;
		return (NULL);
	}
	return (ctx->store);
}

/*
 * The value of global option name at argv[*i], given as "name VALUE" or
 * "name=VALUE" (advancing *i past VALUE); NULL if argv[*i] is not name
 * or has no value.
 */
static const char *
global_value(int argc, char **argv, int *i, const char *name)
{
	size_t	n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return (NULL);
	if (argv[*i][n] == '=')
		return (argv[*i] + n + 1);
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return (NULL);
	return (argv[++*i]);
}

/* Print the global usage. */
static void
usage_all(FILE *f)
{
	fputs("usage: tolkreg [--db PATH] [--as USER] COMMAND [ARGS]\n"
	    "       tolkreg help [COMMAND]\n"
	    "       tolkreg --version\n", f);
}

/* Report an unknown global option, with the nearest if there is one. */
static void
unknown_global(const char *arg, FILE *errf)
{
	static const char *const names[] = { "db", "as", "help", "version" };
	const char	*best = NULL;
	size_t		 i;
	int		 bestd = -1;

	for (i = 0; strncmp(arg, "--", 2) == 0 && i < 4; i++) {
		if (args_nearer(arg + 2, names[i], strlen(names[i]), &bestd))
			best = names[i];
	}
	if (best != NULL)
		fprintf(errf, "tolkreg: unknown option '%s'; did you mean"
		    " '--%s'?\n", arg, best);
	else
		fprintf(errf, "tolkreg: unknown option '%s'\n", arg);
}

/* Whether arg asks for help. */
static int
is_help(const char *arg)
{
	return (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0);
}

/*
 * Run command e with its parsed arguments in ctx: a writing command's
 * output is held back until it has committed. Returns 0, -1 with
 * ctx->err filled, or EX_OSERR when nothing could start.
 */
static int
cmd_run(const struct cmd_entry *e, struct cmd_ctx *ctx)
{
	FILE	*out = ctx->out;
	char	*held = NULL;
	size_t	 heldlen = 0;
	int	 rc;

	if ((e->flags & CMD_DB_WRITE) &&
	    (ctx->out = open_memstream(&held, &heldlen)) == NULL) {
		fprintf(ctx->errf, "tolkreg: %s: out of memory\n", e->name);
		return (EX_OSERR);
	}
	rc = e->run(ctx);
	if (ctx->store != NULL) {
		if (rc == 0 && (e->flags & CMD_DB_WRITE))
			rc = store_commit(ctx->store, ctx->err);
		else
			store_rollback(ctx->store);
		store_close(ctx->store);
	}
	if (ctx->out != out) {
		fclose(ctx->out);
		ctx->out = out;
		if (rc == 0 && heldlen > 0)
			fwrite(held, 1, heldlen, out);
		free(held);
	}
	return (rc);
}

/* Run the tolkreg program. */
int
tolkreg_main(int argc, char **argv, FILE *out, FILE *errf)
{
	const struct cmd_entry	*e;
	struct tk_error		 err;
	struct cmd_ctx		 ctx;
	const char		*env, *val;
	int			 i, words, rc;

	tk_error_clear(&err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.err = &err;
	ctx.out = out;
	ctx.errf = errf;
	ctx.format = FMT_TABLE;
	ctx.terminal = isatty(fileno(out));
	ctx.progname = argc > 0 && argv[0] != NULL ? argv[0] : "tolkreg";
	ctx.dbpath = (env = getenv("TOLKREG_DB")) != NULL && *env != '\0' ?
	    env : "tolkreg.db";
	ctx.actor = (env = getenv("USER")) != NULL && *env != '\0' ? env :
	    "unknown";

	/* Global options before the command: --db and --as. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (is_help(argv[i])) {
			usage_all(out);
			return (EX_OK);
		}
		if (strcmp(argv[i], "--version") == 0) {
			fputs("tolkreg " PACKAGE_VERSION "\n", out);
			return (EX_OK);
		}
		if ((val = global_value(argc, argv, &i, "--db")) != NULL)
			ctx.dbpath = val;
		else if ((val = global_value(argc, argv, &i, "--as")) != NULL)
			ctx.actor = val;
		else {
			if (strcmp(argv[i], "--db") == 0 ||
			    strcmp(argv[i], "--as") == 0)
				fprintf(errf, "tolkreg: option needs a value:"
				    " '%s'\n", argv[i]);
			else
				unknown_global(argv[i], errf);
			usage_all(errf);
			return (EX_USAGE);
		}
	}
	if (i >= argc) {
		usage_all(errf);
		return (EX_USAGE);
	}
	if ((e = cmd_lookup(argc - i, argv + i, &words)) == NULL) {
		/* "tolkreg monitor --help": the group's help. */
		if (i + 1 < argc && is_help(argv[i + 1]) &&
		    cmd_is_group(argv[i])) {
			cmd_help(argv[i], out);
			return (EX_OK);
		}
		unknown_command(argc - i, argv + i, errf);
		return (EX_USAGE);
	}
	ctx.entry = e;
	i += words - 1;
	rc = args_parse(&ctx, argc - i, argv + i);
	if (rc == 1) {
		cmd_help(e->name, out);
		rc = 0;
	} else if (rc == 0)
		rc = cmd_run(e, &ctx);
	free(ctx.optv);
	if (rc == EX_OSERR)
		return (rc);
	if (rc == 0 && (fflush(out) == EOF || ferror(out)))
		rc = tk_fail(&err, TK_E_IO, NULL, "cannot write output");
	if (rc == 0 && ctx.page.next[0] != '\0')
		fprintf(errf, "tolkreg: %s: %zu rows shown, more follow;"
		    " continue with --after %s\n", e->name, ctx.page.n,
		    ctx.page.next);
	if (rc == -1) {
		if (err.code == TK_OK)
			tk_fail(&err, TK_E_STORE, NULL, "internal error");
		/* The output so far comes before the error, as it happened. */
		fflush(out);
		fprintf(errf, "tolkreg: %s: %s\n", e->name, err.msg);
		if (err.code == TK_E_USAGE)
			cmd_usage(e, errf);
		return (tk_exit_status(err.code));
	}
	return (EX_OK);
}
