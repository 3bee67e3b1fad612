#ifndef TOLKREG_CMD_H
#define TOLKREG_CMD_H

#include <stdio.h>

#include "tolkreg/output.h"

/*
 * What every subcommand gives the dispatcher, and what the dispatcher
 * gives it. A command parses its arguments with cmd_args(), gets the
 * store with cmd_store() (which, for CMD_DB_WRITE commands, opens the
 * one transaction the dispatcher commits when run() returns 0 and rolls
 * back when it returns -1), calls one module function and writes the
 * result to ctx->out.
 */

#define CMD_DB_READ	0x1	/* needs an initialised database */
#define CMD_DB_WRITE	0x2	/* changes it: one transaction */
#define CMD_DB_CREATE	0x4	/* may create the database (init) */
#define CMD_DB_SELF	0x8	/* changes it in transactions of its own */
				/* (import: one per file); not held back */
#define CMD_FMT_REPORT	0x10	/* a report: also --format xml and html */

struct cmd_entry;
struct store;
struct tk_error;

struct cmd_ctx {
	const struct cmd_entry	*entry;
	const char		*dbpath;
	const char		*actor;
	struct store		*store;		/* NULL until cmd_store() */
	struct tk_error		*err;
	enum tk_format		 format;
	FILE			*out;
	FILE			*errf;		/* notes for people */
	char			**pos;		/* positional arguments */
	int			 npos;
};

struct cmd_entry {
	const char	*name;		/* "search", "interpreter add" */
	const char	*usage;		/* must match tolkreg(1) */
	const char	*summary;	/* one line for "tolkreg help" */
	unsigned int	 flags;
	int		(*run)(int, char **, struct cmd_ctx *);
};

/* NULL-terminated table of every command, in cmd.c. */
extern const struct cmd_entry	*cmd_table[];

/* Run the tolkreg program; returns its exit status. */
int		 tolkreg_main(int, char **, FILE *out, FILE *errf);

/* The store for this command, opened (and a transaction begun) once. */
struct store	*cmd_store(struct cmd_ctx *);

/* Write the command's usage line to f. */
void		 cmd_usage(const struct cmd_entry *, FILE *);

extern const struct cmd_entry	cmd_body_add_entry;
extern const struct cmd_entry	cmd_body_list_entry;
extern const struct cmd_entry	cmd_body_show_entry;
extern const struct cmd_entry	cmd_body_update_entry;
extern const struct cmd_entry	cmd_book_entry;
extern const struct cmd_entry	cmd_cancel_entry;
extern const struct cmd_entry	cmd_complete_entry;
extern const struct cmd_entry	cmd_conflict_add_entry;
extern const struct cmd_entry	cmd_conflict_list_entry;
extern const struct cmd_entry	cmd_conflict_remove_entry;
extern const struct cmd_entry	cmd_credential_add_entry;
extern const struct cmd_entry	cmd_credential_revoke_entry;
extern const struct cmd_entry	cmd_demo_entry;
extern const struct cmd_entry	cmd_export_entry;
extern const struct cmd_entry	cmd_export_demand_entry;
extern const struct cmd_entry	cmd_help_entry;
extern const struct cmd_entry	cmd_import_entry;
extern const struct cmd_entry	cmd_init_entry;
extern const struct cmd_entry	cmd_interpreter_add_entry;
extern const struct cmd_entry	cmd_interpreter_exclude_entry;
extern const struct cmd_entry	cmd_interpreter_list_entry;
extern const struct cmd_entry	cmd_interpreter_reinstate_entry;
extern const struct cmd_entry	cmd_interpreter_show_entry;
extern const struct cmd_entry	cmd_interpreter_update_entry;
extern const struct cmd_entry	cmd_interpreter_withdraw_entry;
extern const struct cmd_entry	cmd_language_list_entry;
extern const struct cmd_entry	cmd_match_entry;
extern const struct cmd_entry	cmd_monitor_lov_entry;
extern const struct cmd_entry	cmd_monitor_sprak_entry;
extern const struct cmd_entry	cmd_request_add_entry;
extern const struct cmd_entry	cmd_request_list_entry;
extern const struct cmd_entry	cmd_request_show_entry;
extern const struct cmd_entry	cmd_search_entry;
extern const struct cmd_entry	cmd_token_create_entry;
extern const struct cmd_entry	cmd_token_list_entry;
extern const struct cmd_entry	cmd_token_revoke_entry;
extern const struct cmd_entry	cmd_unavailable_add_entry;
extern const struct cmd_entry	cmd_unavailable_list_entry;
extern const struct cmd_entry	cmd_unavailable_remove_entry;
extern const struct cmd_entry	cmd_unfilled_entry;
extern const struct cmd_entry	cmd_warning_add_entry;

#endif /* TOLKREG_CMD_H */
