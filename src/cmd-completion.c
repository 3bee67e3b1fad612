/*
 * tolkreg completion bash: a bash completion script for every command,
 * subcommand and option, with the allowed values where they are fixed,
 * written from the command table so that it never lags behind it.
 * "make install" installs it where bash-completion looks.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "tolkreg/error.h"

static int	cmd_completion_run(struct cmd_ctx *);

static const char *const completion_shells[] = { "bash", NULL };

const struct cmd_entry cmd_completion_entry = {
	.name = "completion",
	.summary = "print a bash completion script for tolkreg",
	.args = { NULL, completion_shells, 1, 1 },
	.opts = NULL,
	.flags = 0,
	.run = cmd_completion_run
};

/*
 * The fixed part of the script: find the command among the words typed
 * so far, then complete an option's value, an option or a positional
 * argument from the functions written from the table.
 */
static const char completion_main[] =
"_tolkreg()\n"
"{\n"
"\tlocal cur prev i cmd w subs words\n"
"\n"
"\tCOMPREPLY=()\n"
"\tcur=${COMP_WORDS[COMP_CWORD]}\n"
"\tprev=\n"
"\t[ \"$COMP_CWORD\" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
"\t# \"--opt=VAL\", split at = as COMP_WORDBREAKS asks.\n"
"\tif [ \"$prev\" = = ] && [ \"$COMP_CWORD\" -gt 1 ]; then\n"
"\t\tprev=${COMP_WORDS[COMP_CWORD - 2]}\n"
"\telif [ \"$cur\" = = ]; then\n"
"\t\tcur=\n"
"\tfi\n"
"\n"
"\t# The global options before the command.\n"
"\ti=1\n"
"\twhile [ \"$i\" -lt \"$COMP_CWORD\" ]; do\n"
"\t\tcase ${COMP_WORDS[i]} in\n"
"\t\t--db|--as)\ti=$((i + 2)) ;;\n"
"\t\t-*)\t\ti=$((i + 1)) ;;\n"
"\t\t*)\t\tbreak ;;\n"
"\t\tesac\n"
"\tdone\n"
"\tif [ \"$i\" -gt \"$COMP_CWORD\" ]; then\n"
"\t\t[ \"$prev\" = --db ] &&\n"
"\t\t    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
"\t\treturn 0\n"
"\tfi\n"
"\tif [ \"$i\" -eq \"$COMP_CWORD\" ]; then\n"
"\t\tcase $cur in\n"
"\t\t-*)\twords='--db --as --help --version' ;;\n"
"\t\t*)\twords=$(_tolkreg_commands) ;;\n"
"\t\tesac\n"
"\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
"\t\treturn 0\n"
"\tfi\n"
"\n"
"\t# The command: one word, or a group and its subcommand.\n"
"\tcmd=${COMP_WORDS[i]}\n"
"\ti=$((i + 1))\n"
"\tsubs=$(_tolkreg_subcommands \"$cmd\")\n"
"\tif [ -n \"$subs\" ]; then\n"
"\t\tif [ \"$i\" -eq \"$COMP_CWORD\" ]; then\n"
"\t\t\twords=\"$subs $(_tolkreg_args \"$cmd\")\"\n"
"\t\t\tCOMPREPLY=($(compgen -W \"${words//@*/}\" -- \"$cur\"))\n"
"\t\t\treturn 0\n"
"\t\tfi\n"
"\t\tfor w in $subs; do\n"
"\t\t\tif [ \"${COMP_WORDS[i]}\" = \"$w\" ]; then\n"
"\t\t\t\tcmd=\"$cmd $w\"\n"
"\t\t\t\tbreak\n"
"\t\t\tfi\n"
"\t\tdone\n"
"\tfi\n"
"\n"
"\t# The value of the option before the cursor.\n"
"\tcase $prev in\n"
"\t--*)\n"
"\t\twords=$(_tolkreg_values \"$cmd\" \"$prev\")\n"
"\t\tcase $words in\n"
"\t\t@file)\tCOMPREPLY=($(compgen -f -- \"$cur\")); return 0 ;;\n"
"\t\t@dir)\tCOMPREPLY=($(compgen -d -- \"$cur\")); return 0 ;;\n"
"\t\t@any)\treturn 0 ;;\n"
"\t\t?*)\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
"\t\t\treturn 0 ;;\n"
"\t\tesac\n"
"\t\t;;\n"
"\tesac\n"
"\n"
"\t# An option, or a positional argument.\n"
"\tcase $cur in\n"
"\t-*)\tCOMPREPLY=($(compgen -W \"$(_tolkreg_options \"$cmd\")\" \\\n"
"\t\t    -- \"$cur\")) ;;\n"
"\t*)\twords=$(_tolkreg_args \"$cmd\")\n"
"\t\tcase $words in\n"
"\t\t@file)\t\tCOMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
"\t\t@commands)\tCOMPREPLY=($(compgen -W \\\n"
"\t\t\t\t    \"$(_tolkreg_commands)\" -- \"$cur\")) ;;\n"
"\t\t*)\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\")) ;;\n"
"\t\tesac\n"
"\t\t;;\n"
"\tesac\n"
"\treturn 0\n"
"}\n"
"\n"
"complete -F _tolkreg tolkreg\n";

/*
 * Whether the first word of e's name is the first word of a command
 * before it (of a two-word command before it, with groups set).
 */
static int
seen_before(const struct cmd_entry **e, int groups)
{
	const struct cmd_entry	**p;
	size_t			  n = strcspn((*e)->name, " ");

	for (p = cmd_table; p != e; p++) {
		if (strncmp((*p)->name, (*e)->name, n) == 0 &&
		    ((*p)->name[n] == ' ' ||
		    (!groups && (*p)->name[n] == '\0')))
			return (1);
	}
	return (0);
}

/* Write the words, space-separated. */
static void
words_write(const char *const *values, FILE *f)
{
	size_t	i;

	for (i = 0; values[i] != NULL; i++)
		fprintf(f, "%s%s", i == 0 ? "" : " ", values[i]);
}

/* What completes the value of option o: its values, @file, @dir, @any. */
static void
value_write(const struct cmd_opt *o, FILE *f)
{
	if (o->values != NULL)
		words_write(o->values, f);
	else if (strcmp(o->arg, "FILE") == 0 || strcmp(o->arg, "PATH") == 0)
		fputs("@file", f);
	else if (strcmp(o->arg, "DIR") == 0)
		fputs("@dir", f);
	else
		fputs("@any", f);
}

/* Write _tolkreg_commands and _tolkreg_subcommands. */
static void
write_commands(FILE *f)
{
	const struct cmd_entry	**e, **p;
	size_t			  n;
	int			  first;

	fputs("_tolkreg_commands()\n{\n\techo '", f);
	first = 1;
	for (e = cmd_table; *e != NULL; e++) {
		if (seen_before(e, 0))
			continue;
		fprintf(f, "%s%.*s", first ? "" : " ",
		    (int)strcspn((*e)->name, " "), (*e)->name);
		first = 0;
	}
	fputs("'\n}\n\n_tolkreg_subcommands()\n{\n\tcase $1 in\n", f);
	for (e = cmd_table; *e != NULL; e++) {
		n = strcspn((*e)->name, " ");
		if ((*e)->name[n] != ' ' || seen_before(e, 1))
			continue;
		fprintf(f, "\t'%.*s')\techo '", (int)n, (*e)->name);
		first = 1;
		for (p = e; *p != NULL; p++) {
			if (strncmp((*p)->name, (*e)->name, n + 1) != 0)
				continue;
			fprintf(f, "%s%s", first ? "" : " ", (*p)->name + n + 1);
			first = 0;
		}
		fputs("' ;;\n", f);
	}
	fputs("\tesac\n}\n\n", f);
}

/* Write _tolkreg_options, _tolkreg_values and _tolkreg_args. */
static void
write_options(FILE *f)
{
	const struct cmd_entry	**e;
	const struct cmd_opt	 *o;
	const char		 *name;
	int			  n;

	fputs("_tolkreg_options()\n{\n\tcase $1 in\n", f);
	for (e = cmd_table; *e != NULL; e++) {
		fprintf(f, "\t'%s')\techo '", (*e)->name);
		for (o = (*e)->opts; o != NULL && o->name != NULL; o++) {
			if (!(o->flags & CMD_OPT_HIDDEN))
				fprintf(f, "--%s ", o->name);
		}
		fputs("--db --as --help' ;;\n", f);
	}
	fputs("\tesac\n}\n\n_tolkreg_values()\n{\n\tcase $1 in\n", f);
	for (e = cmd_table; *e != NULL; e++) {
		n = 0;
		for (o = (*e)->opts; o != NULL && o->name != NULL; o++) {
			if ((o->flags & CMD_OPT_HIDDEN) ||
			    (o->arg == NULL && o->values == NULL))
				continue;
			if (n++ == 0)
				fprintf(f, "\t'%s')\n\t\tcase $2 in\n",
				    (*e)->name);
			fprintf(f, "\t\t--%s)\techo '", o->name);
			value_write(o, f);
			fputs("'; return ;;\n", f);
		}
		if (n > 0)
			fputs("\t\tesac ;;\n", f);
	}
	fputs("\tesac\n\tcase $2 in\n"
	    "\t--db)\t\techo @file ;;\n"
	    "\t--as|--format)\techo @any ;;\n"
	    "\tesac\n}\n\n_tolkreg_args()\n{\n\tcase $1 in\n", f);
	for (e = cmd_table; *e != NULL; e++) {
		if ((*e)->args.max == 0)
			continue;
		fprintf(f, "\t'%s')\techo '", (*e)->name);
		name = (*e)->args.name != NULL ? (*e)->args.name : "";
		if ((*e)->args.values != NULL)
			words_write((*e)->args.values, f);
		else if (strncmp(name, "FILE", 4) == 0)
			fputs("@file", f);
		else if (strcmp(name, "[COMMAND]") == 0)
			fputs("@commands", f);
		fputs("' ;;\n", f);
	}
	fputs("\tesac\n}\n\n", f);
}

/* Write the bash completion script. */
static void
completion_bash(FILE *f)
{
	fputs("# bash completion for tolkreg(1), written by 'tolkreg"
	    " completion bash'\n# from the command table of tolkreg "
	    PACKAGE_VERSION ".\n\n", f);
	write_commands(f);
	write_options(f);
	fputs(completion_main, f);
}

static int
cmd_completion_run(struct cmd_ctx *ctx)
{
	if (strcmp(ctx->pos[0], "bash") != 0)
		return (tk_fail(ctx->err, TK_E_USAGE, NULL, "'%s' is not a"
		    " shell tolkreg completes for: only 'bash'", ctx->pos[0]));
	completion_bash(ctx->out);
	return (0);
}
