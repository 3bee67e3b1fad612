#ifndef TOLKREG_CMD_H
#define TOLKREG_CMD_H

#include <stdio.h>

#include "tolkreg/output.h"
#include "tolkreg/page.h"

/*
 * What every subcommand gives the dispatcher, and what the dispatcher
 * gives it. A command's entry declares its options and positional
 * arguments; the dispatcher parses the command line against them once
 * (args.c) and answers --help from them, and the same entry gives the
 * usage line, the help text, the suggestions for a mistyped name and
 * the shell completion. run() then reads the values with args_get() and
 * args_has(), gets the store with cmd_store() (which, for CMD_DB_WRITE
 * commands, opens the one transaction the dispatcher commits when run()
 * returns 0 and rolls back when it returns -1), calls one module
 * function and writes the result to ctx->out.
 */

#define CMD_DB_READ	0x1	/* needs an initialised database */
#define CMD_DB_WRITE	0x2	/* changes it: one transaction */
#define CMD_DB_CREATE	0x4	/* may create the database (init) */
#define CMD_DB_SELF	0x8	/* changes it in transactions of its own */
				/* (import: one per file); not held back */

struct cmd_entry;
struct store;
struct tk_error;

struct cmd_ctx {
	const struct cmd_entry	*entry;
	const char		*progname;	/* argv[0]: how it was run */
	const char		*dbpath;
	const char		*actor;
	struct store		*store;		/* NULL until cmd_store() */
	struct tk_error		*err;
	enum tk_format		 format;
	FILE			*out;
	FILE			*errf;		/* notes for people */
	char			**pos;		/* positional arguments */
	int			 npos;
	const char		**optv;		/* per entry option: its value, */
						/* or NULL if not given */
	int			 terminal;	/* out is a terminal */
	struct page		 page;		/* a list's --limit and --after */
};

/*
 * How an option is written in the usage line. An option is optional
 * ("[--until DATE]") unless CMD_OPT_REQUIRED. CMD_OPT_OR and CMD_OPT_AND
 * put it in one group with the option before it: an alternative to it
 * ("[--until DATE | --temporary]"; a required choice is written
 * "--year YYYY|--period YYYYHn") or given together with it
 * ("[--unregistered --unqualified-reason REASON]"). A hidden option is
 * parsed but in no usage, help or completion.
 */
#define CMD_OPT_REQUIRED	0x1
#define CMD_OPT_OR		0x2
#define CMD_OPT_AND		0x4
#define CMD_OPT_HIDDEN		0x8

/*
 * One option of a command, given as --name or --name VALUE. An option
 * without arg and values is a flag; one with values and no arg shows
 * them as its argument: --gender F|M|X.
 */
struct cmd_opt {
	const char		*name;		/* "lang" for --lang */
	const char		*arg;		/* "CODE"; NULL: see values */
	const char *const	*values;	/* the allowed values, NULL- */
						/* terminated; NULL: any */
	unsigned int		 flags;		/* CMD_OPT_* */
	const char		*help;		/* one line */
};

/* The positional arguments, as written in the usage line. */
struct cmd_pos {
	const char		*name;		/* "REQ [REGNO]"; NULL: values */
	const char *const	*values;	/* fixed words, or NULL */
	int			 min;
	int			 max;		/* -1: any number */
};

/* The common option --format, for commands whose output it shapes. */
extern const char *const	 cmd_formats[];		/* table, csv, json */
extern const char *const	 cmd_report_formats[];	/* and xml, html */
#define CMD_OPT_FORMAT \
	{ "format", "FORMAT", cmd_formats, 0, "the output format" }
#define CMD_OPT_REPORT_FORMAT \
	{ "format", "FORMAT", cmd_report_formats, 0, "the output format" }
/* The common option --quiet, for commands that show progress. */
#define CMD_OPT_QUIET \
	{ "quiet", NULL, NULL, 0, "no progress on standard error" }
#define CMD_OPT_END	{ NULL, NULL, NULL, 0, NULL }

/*
 * The paging options of a list of stored rows (page.h). An entry that
 * declares them gets ctx->page from the dispatcher (--limit defaults to
 * PAGE_DEFAULT rows when standard output is a terminal, all rows
 * otherwise), passes it to its list function, and the dispatcher tells
 * the user on standard error how to continue when the page was cut.
 */
#define CMD_OPT_PAGE \
	{ "limit", "N", NULL, 0, \
	    "at most N rows; 0: all (default 100 on a terminal)" }, \
	{ "after", "KEY", NULL, 0, \
	    "continue after the row the previous page ended with" }

struct cmd_entry {
	const char		*name;		/* "search", "interpreter add" */
	const char		*summary;	/* one line for "tolkreg help" */
	struct cmd_pos		 args;
	const struct cmd_opt	*opts;		/* ends with a NULL name */
	unsigned int		 flags;
	int			(*run)(struct cmd_ctx *);
};

/* NULL-terminated table of every command, in cmd.c. */
extern const struct cmd_entry	*cmd_table[];

/* Run the tolkreg program; returns its exit status. */
int		 tolkreg_main(int, char **, FILE *out, FILE *errf);

/* The store for this command, opened (and a transaction begun) once. */
struct store	*cmd_store(struct cmd_ctx *);

/* Write the command's usage line, built from its entry, to f (usage.c). */
void		 cmd_usage(const struct cmd_entry *, FILE *);

/*
 * Write the help for topic to f: for each command named topic or in the
 * group topic, its usage line, summary and options. Returns the number
 * of commands written (0: no such command or group).
 */
int		 cmd_help(const char *topic, FILE *f);

/* Write the option as the usage shows it: "--name ARG" or "--name". */
void		 cmd_opt_write(const struct cmd_opt *, FILE *);

/* Whether name is the first word of a two-word command. */
int		 cmd_is_group(const char *name);

/*
 * The command or group whose first word is nearest to the mistyped word
 * (the suggestion is the first word of the name returned), or, with
 * group set, the nearest subcommand of group; NULL if none is near.
 * Borrowed from the table.
 */
const char	*cmd_suggest(const char *group, const char *word);

extern const struct cmd_entry	cmd_body_add_entry;
extern const struct cmd_entry	cmd_body_list_entry;
extern const struct cmd_entry	cmd_body_show_entry;
extern const struct cmd_entry	cmd_body_update_entry;
extern const struct cmd_entry	cmd_book_entry;
extern const struct cmd_entry	cmd_cancel_entry;
extern const struct cmd_entry	cmd_complete_entry;
extern const struct cmd_entry	cmd_completion_entry;
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
