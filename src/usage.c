/*
 * The usage line and the help of a command, built from its entry (cmd.h):
 * the positional arguments and the options in the order declared, each
 * option bracketed unless required and grouped with the ones that go
 * with it; then, for the help, each option with its line of help and
 * the values it takes, and the options every command takes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* The common options every command takes, as the help lists them. */
static const struct cmd_opt common_opts[] = {
	{ "db", "PATH", NULL, 0,
	    "the register database (default $TOLKREG_DB)" },
	{ "as", "USER", NULL, 0, "the actor for the audit log (default $USER)" },
	{ "help", NULL, NULL, 0, "show this help and exit" },
	CMD_OPT_END
};

/* The column at which an option's help starts, and the width. */
#define HELP_COLUMN	28
#define HELP_WIDTH	80

/* Write values joined by sep. */
static void
values_write(const char *const *values, const char *sep, FILE *f)
{
	size_t	i;

	for (i = 0; values[i] != NULL; i++)
		fprintf(f, "%s%s", i == 0 ? "" : sep, values[i]);
}

/* Write "--name ARG" (or "--name" for a flag), as the usage shows it. */
void
cmd_opt_write(const struct cmd_opt *o, FILE *f)
{
	fprintf(f, "--%s", o->name);
	if (o->arg != NULL)
		fprintf(f, " %s", o->arg);
	else if (o->values != NULL) {
		fputc(' ', f);
		values_write(o->values, "|", f);
	}
}

/* The width of "--name ARG". */
static size_t
opt_width(const struct cmd_opt *o)
{
	size_t	i, n = 2 + strlen(o->name);

	if (o->arg != NULL)
		n += 1 + strlen(o->arg);
	else if (o->values != NULL) {
		for (i = 0; o->values[i] != NULL; i++)
			n += 1 + strlen(o->values[i]);
	}
	return (n);
}

/* Write the usage line of e, built from its entry. */
void
cmd_usage(const struct cmd_entry *e, FILE *f)
{
	const struct cmd_opt	*o, *next;
	int			 req;

	fprintf(f, "usage: tolkreg %s", e->name);
	if (e->args.name != NULL)
		fprintf(f, " %s", e->args.name);
	else if (e->args.values != NULL) {
		fputc(' ', f);
		values_write(e->args.values, "|", f);
	}
	for (o = e->opts; o != NULL && o->name != NULL; o = next) {
		next = o + 1;
		if (o->flags & CMD_OPT_HIDDEN)
			continue;
		req = (o->flags & CMD_OPT_REQUIRED) != 0;
		fputs(req ? " " : " [", f);
		cmd_opt_write(o, f);
		for (; next->name != NULL &&
		    (next->flags & (CMD_OPT_OR | CMD_OPT_AND)); next++) {
			if (next->flags & CMD_OPT_OR)
				fputs(req ? "|" : " | ", f);
			else
				fputc(' ', f);
			cmd_opt_write(next, f);
		}
		if (!req)
			fputc(']', f);
	}
	fputc('\n', f);
}

/* Write "values: a, b, c" under an option's help, wrapped. */
static void
opt_values(const char *const *values, FILE *f)
{
	size_t	i, col;

	col = (size_t)fprintf(f, "%*svalues: ", HELP_COLUMN, "");
	for (i = 0; values[i] != NULL; i++) {
		if (i > 0 && col + strlen(values[i]) + 3 > HELP_WIDTH) {
			fprintf(f, ",\n%*s", HELP_COLUMN + 8, "");
			col = HELP_COLUMN + 8;
		} else if (i > 0)
			col += (size_t)fprintf(f, ", ");
		col += (size_t)fprintf(f, "%s", values[i]);
	}
	fputc('\n', f);
}

/* Write one option of the help: "--name ARG", its help and values. */
static void
opt_help(const struct cmd_opt *o, FILE *f)
{
	size_t	w = opt_width(o);

	fputs("  ", f);
	cmd_opt_write(o, f);
	if (w + 4 > HELP_COLUMN)
		fprintf(f, "\n%*s%s\n", HELP_COLUMN, "", o->help);
	else
		fprintf(f, "%*s%s\n", (int)(HELP_COLUMN - 2 - w), "", o->help);
	if (o->values != NULL)
		opt_values(o->values, f);
}

/* Write the help of one command. */
static void
entry_help(const struct cmd_entry *e, FILE *f)
{
	const struct cmd_opt	*o;
	int			 n = 0;

	cmd_usage(e, f);
	fprintf(f, "\n%s\n", e->summary);
	for (o = e->opts; o != NULL && o->name != NULL; o++) {
		if (o->flags & CMD_OPT_HIDDEN)
			continue;
		if (n++ == 0)
			fputs("\noptions:\n", f);
		opt_help(o, f);
	}
	fputs("\ncommon options:\n", f);
	for (o = common_opts; o->name != NULL; o++)
		opt_help(o, f);
}

/* Write the help for each command named topic or in group topic. */
int
cmd_help(const char *topic, FILE *f)
{
	const struct cmd_entry	**e;
	size_t			  n = strlen(topic);
	int			  found = 0;

	for (e = cmd_table; *e != NULL; e++) {
		if (strncmp((*e)->name, topic, n) != 0 ||
		    ((*e)->name[n] != '\0' && (*e)->name[n] != ' '))
			continue;
		if (found++ > 0)
			fputc('\n', f);
		entry_help(*e, f);
	}
	return (found);
}

