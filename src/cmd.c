/*
 * The tolkreg command table and dispatcher: global options, exact
 * command lookup (one or two words), the store opened once per command,
 * one transaction for every command that writes, and the mapping of
 * errors to one stderr line and a sysexits(3) status.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/store.h"

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
	NULL
};

/* Write the usage line of e. */
void
cmd_usage(const struct cmd_entry *e, FILE *f)
{
	fprintf(f, "usage: tolkreg %s\n", e->usage);
}

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
static int
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
	    "       tolkreg help [COMMAND]\n", f);
}

/* Run the tolkreg program. */
int
tolkreg_main(int argc, char **argv, FILE *out, FILE *errf)
{
	const struct cmd_entry	*e;
	struct tk_error		 err;
	struct cmd_ctx		 ctx;
	const char		*env, *val;
	char			*held = NULL;
	size_t			 heldlen = 0;
	int			 i, words, rc;

	tk_error_clear(&err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.err = &err;
	ctx.out = out;
	ctx.errf = errf;
	ctx.format = FMT_TABLE;
	ctx.dbpath = (env = getenv("TOLKREG_DB")) != NULL && *env != '\0' ?
	    env : "tolkreg.db";
	ctx.actor = (env = getenv("USER")) != NULL && *env != '\0' ? env :
	    "unknown";

	/* Global options before the command: --db and --as. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage_all(out);
			return (EX_OK);
		}
		if ((val = global_value(argc, argv, &i, "--db")) != NULL)
			ctx.dbpath = val;
		else if ((val = global_value(argc, argv, &i, "--as")) != NULL)
			ctx.actor = val;
		else {
			fprintf(errf, "tolkreg: %s '%s'\n",
			    strcmp(argv[i], "--db") == 0 ||
			    strcmp(argv[i], "--as") == 0 ?
			    "option needs a value:" : "unknown option", argv[i]);
			usage_all(errf);
			return (EX_USAGE);
		}
	}
	if (i >= argc) {
		usage_all(errf);
		return (EX_USAGE);
	}
	if ((e = cmd_lookup(argc - i, argv + i, &words)) == NULL) {
		if (cmd_is_group(argv[i]) && i + 1 < argc)
			fprintf(errf, "tolkreg: unknown command '%s %s'\n",
			    argv[i], argv[i + 1]);
		else if (cmd_is_group(argv[i]))
			fprintf(errf, "tolkreg: '%s' needs a subcommand; see"
			    " 'tolkreg help %s'\n", argv[i], argv[i]);
		else
			fprintf(errf, "tolkreg: unknown command '%s'\n",
			    argv[i]);
		return (EX_USAGE);
	}
	ctx.entry = e;
	i += words - 1;
	/* A writing command's output is held back until it has committed. */
	if ((e->flags & CMD_DB_WRITE) &&
	    (ctx.out = open_memstream(&held, &heldlen)) == NULL) {
		fprintf(errf, "tolkreg: %s: out of memory\n", e->name);
		return (EX_OSERR);
	}
	rc = e->run(argc - i, argv + i, &ctx);
	if (ctx.store != NULL) {
		if (rc == 0 && (e->flags & CMD_DB_WRITE))
			rc = store_commit(ctx.store, &err);
		else
			store_rollback(ctx.store);
		store_close(ctx.store);
	}
	if (ctx.out != out) {
		fclose(ctx.out);
		if (rc == 0 && heldlen > 0)
			fwrite(held, 1, heldlen, out);
		free(held);
	}
	if (rc == 0 && (fflush(out) == EOF || ferror(out)))
		rc = tk_fail(&err, TK_E_IO, NULL, "cannot write output");
	if (rc == -1) {
		if (err.code == TK_OK)
			tk_fail(&err, TK_E_STORE, NULL, "internal error");
		fprintf(errf, "tolkreg: %s: %s\n", e->name, err.msg);
		if (err.code == TK_E_USAGE)
			cmd_usage(e, errf);
		return (tk_exit_status(err.code));
	}
	return (EX_OK);
}
