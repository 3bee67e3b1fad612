/*
 * Argument parsing and dispatch: tolkreg_main() run in-process on a
 * temporary database, checking exit statuses, stdout and stderr.
 */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "args.h"
#include "check_suites.h"
#include "fixture.h"
#include "cmd.h"
#include "tolkreg/error.h"
#include "tolkreg/page.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

static char	 dir[FIXTURE_DIRLEN];
static char	 db[64];
static char	*out, *errs;

static void
setup(void)
{
	fixture_dir_new(dir);
	snprintf(db, sizeof(db), "%s/t.db", dir);
	out = errs = NULL;
}

static void
teardown(void)
{
	free(out);
	free(errs);
	fixture_dir_free(dir);
}

/* Run tolkreg with the given arguments (NULL-terminated). */
static int
run(const char *arg, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, arg);
	rc = fixture_tolkreg(db, &out, &errs, arg, ap);
	va_end(ap);
	return (rc);
}

START_TEST(test_unknown_command)
{
	ck_assert_int_eq(run("frobnicate", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'frobnicate'\n");
	/* No prefix matching. */
	ck_assert_int_eq(run("ini", NULL), EX_USAGE);
	ck_assert_int_eq(run("interpreter", "ad", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interpreter ad';"
	    " did you mean 'interpreter add'?\n");
	ck_assert_int_eq(run("interpreter", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "needs a subcommand"));
}
END_TEST

START_TEST(test_suggestions)
{
	ck_assert_int_eq(run("serach", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'serach'; did you"
	    " mean 'search'?\n");
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(run("interpreter", "lsit", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interpreter lsit';"
	    " did you mean 'interpreter list'?\n");
	/* The group mistyped, the subcommand right. */
	ck_assert_int_eq(run("interprter", "add", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interprter add';"
	    " did you mean 'interpreter add'?\n");
	ck_assert_int_eq(run("interprter", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interprter'; did"
	    " you mean 'interpreter'?\n");
	/* Nothing near: no suggestion. */
	ck_assert_int_eq(run("frobnicate", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'frobnicate'\n");
	ck_assert_int_eq(run("interpreter", "frobnicate", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interpreter"
	    " frobnicate'\n");
	/* Options: a typo, a typo with its value, a known one misused. */
	ck_assert_int_eq(run("search", "--lnag", "ara", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: search: unknown option '--lnag';"
	    " did you mean '--lang'?\nusage: tolkreg search --lang CODE"
	    " [--category X] [--county NN] [--municipality KNR]"
	    " [--gender F|M|X] [--modality MODALITY] [--limit N] [--after KEY]"
	    " [--format FORMAT]\n");
	ck_assert_int_eq(run("search", "--lnag=ara", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--lnag=ara'; did"
	    " you mean '--lang'?\n"));
	ck_assert_int_eq(run("interpreter", "list", "--fromat", "csv", NULL),
	    EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "did you mean '--format'?"));
	ck_assert_int_eq(run("request", "add", "--urgent=yes", NULL),
	    EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--urgent=yes'\n"));
	ck_assert_int_eq(run("search", "--bogus", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--bogus'\n"));
	/* Global options, and help's own lookup. */
	ck_assert_int_eq(run("--verison", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "tolkreg: unknown option"
	    " '--verison'; did you mean '--version'?\n"));
	ck_assert_int_eq(run("help", "serach", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "tolkreg: help: unknown command"
	    " 'serach'; did you mean 'search'?\n"));
}
END_TEST

START_TEST(test_distance)
{
	ck_assert_int_eq(args_distance("serach", "search", 6), 1);
	ck_assert_int_eq(args_distance("lnag", "lang", 4), 1);
	ck_assert_int_eq(args_distance("lsit", "list", 4), 1);
	ck_assert_int_eq(args_distance("ad", "add", 3), 0);	/* prefix */
	ck_assert_int_eq(args_distance("serch", "search", 6), 1);
	ck_assert_int_eq(args_distance("saerhc", "search", 6), 2);
	/* Too far, or too short to say. */
	ck_assert_int_eq(args_distance("frobnicate", "search", 6), -1);
	ck_assert_int_eq(args_distance("x", "as", 2), -1);
	ck_assert_int_eq(args_distance("abc", "xyz", 3), -1);
	/* Only the first n bytes of name count. */
	ck_assert_int_eq(args_distance("intrepreter", "interpreter add", 11),
	    1);
}
END_TEST

START_TEST(test_no_database)
{
	ck_assert_int_eq(run("search", "--lang", "ara", NULL), EX_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(errs, "tolkreg init"));
	/* And nothing was created. */
	ck_assert_int_eq(access(db, F_OK), -1);
}
END_TEST

START_TEST(test_init_and_usage)
{
	ck_assert_int_eq(run("init", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "initialised"));
	ck_assert_int_eq(run("init", NULL), 0);		/* idempotent */
	ck_assert_int_eq(run("init", "extra", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: init: unexpected argument 'extra'\n"
	    "usage: tolkreg init\n");
	ck_assert_int_eq(run("search", "--nope", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--nope'"));
	ck_assert_int_eq(run("search", "--lang", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "needs a value"));
	ck_assert_int_eq(run("search", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "'--lang' is required"));
	ck_assert_int_eq(run("search", "--lang", "ara", "--format", "xml",
	    NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: search: '--format' must be table,"
	    " csv or json\nusage: tolkreg search --lang CODE [--category X]"
	    " [--county NN] [--municipality KNR] [--gender F|M|X]"
	    " [--modality MODALITY] [--limit N] [--after KEY]"
	    " [--format FORMAT]\n");
	ck_assert_int_eq(run("search", "--lang", "ara", "--format=html",
	    NULL), EX_USAGE);
	ck_assert_int_eq(run("search", "--lang", "ara", "--category", "F",
	    NULL), EX_DATAERR);
	ck_assert_int_eq(run("search", "--lang", "ara", "--modality",
	    "onsite,phone", NULL), EX_DATAERR);
	/* Exact option names only; both spellings of a value work. */
	ck_assert_int_eq(run("search", "--la", "ara", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--la'"));
	ck_assert_int_eq(run("search", "--lang=ara", NULL), 0);
	ck_assert_int_eq(run("search", "--lang", "ara", "--cat=b", NULL),
	    EX_USAGE);
}
END_TEST

START_TEST(test_help)
{
	const struct cmd_entry	**e;
	char			 *want;

	ck_assert_int_eq(run("help", NULL), 0);
	for (e = cmd_table; *e != NULL; e++)
		ck_assert_ptr_nonnull(strstr(out, (*e)->name));
	ck_assert_int_eq(run("help", "interpreter", "add", NULL), 0);
	ck_assert_str_eq(out, "usage: tolkreg interpreter add --name NAME"
	    " --fnr NUMBER --gender F|M|X --email ADDR --phone NUMBER"
	    " --municipality KNR --availability full|part|occasional"
	    " --modalities LIST\n"
	    "\n"
	    "add an interpreter; prints the register number\n"
	    "\n"
	    "options:\n"
	    "  --name NAME               full name\n"
	    "  --fnr NUMBER              the f\xc3\xb8" "dselsnummer or"
	    " D-nummer\n"
	    "  --gender F|M|X            gender; lower case is accepted\n"
	    "                            values: F, M, X\n"
	    "  --email ADDR              e-mail address\n"
	    "  --phone NUMBER            Norwegian phone number\n"
	    "  --municipality KNR        the municipality the interpreter"
	    " works from\n"
	    "  --availability full|part|occasional\n"
	    "                            full-time, part-time or occasional"
	    " work\n"
	    "                            values: full, part, occasional\n"
	    "  --modalities LIST         comma-separated: onsite, video,"
	    " phone\n"
	    "\n"
	    "common options:\n"
	    "  --db PATH                 the register database (default"
	    " $TOLKREG_DB)\n"
	    "  --as USER                 the actor for the audit log (default"
	    " $USER)\n"
	    "  --help                    show this help and exit\n");
	/* COMMAND --help says what "help COMMAND" says. */
	want = xstrdup(out);
	ck_assert_int_eq(run("interpreter", "add", "--help", NULL), 0);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(run("interpreter", "add", "-h", NULL), 0);
	ck_assert_str_eq(out, want);
	free(want);
	ck_assert_int_eq(run("search", "--help", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg search --lang"));
	ck_assert_ptr_nonnull(strstr(out, "\n  --modality MODALITY       working"
	    " this way\n                            values: onsite, video,"
	    " phone\n"));
	ck_assert_int_eq(run("help", "nothing", NULL), EX_USAGE);
	/* A mistake after --help is still a mistake. */
	ck_assert_int_eq(run("search", "--help", "--nope", NULL), EX_USAGE);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_group_help)
{
	char	*want;

	ck_assert_int_eq(run("help", "monitor", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg monitor sprak"
	    " --period YYYYH1|YYYYH2 [--by sector|county]"));
	ck_assert_ptr_nonnull(strstr(out, "\n\nusage: tolkreg monitor lov"
	    " --year YYYY|--period YYYYHn [--by sector|county|provider|body]"
	    " [--format FORMAT]\n"));
	ck_assert_ptr_nonnull(strstr(out, "values: table, csv, json, xml,"
	    " html\n"));
	want = xstrdup(out);
	ck_assert_int_eq(run("monitor", "--help", NULL), 0);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(errs, "");
	free(want);
	ck_assert_int_eq(run("interpreter", "-h", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg interpreter add"));
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg interpreter"
	    " withdraw REGNO [--reason TEXT]\n"));
	/* A command that is also a group: the command and the group. */
	ck_assert_int_eq(run("export", "--help", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg export"
	    " register|bodies|assignments"));
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg export demand"));
}
END_TEST

START_TEST(test_version)
{
	ck_assert_int_eq(run("--version", NULL), 0);
	ck_assert_str_eq(out, "tolkreg " PACKAGE_VERSION "\n");
	ck_assert_str_eq(errs, "");
}
END_TEST

START_TEST(test_completion)
{
	ck_assert_int_eq(run("completion", "bash", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "complete -F _tolkreg tolkreg\n"));
	ck_assert_ptr_nonnull(strstr(out, "\t'interpreter')\techo 'add show"
	    " update list exclude reinstate withdraw' ;;\n"));
	ck_assert_int_eq(run("completion", "zsh", NULL), EX_USAGE);
	ck_assert_int_eq(run("completion", NULL), EX_USAGE);
}
END_TEST

/*
 * The table itself: each option is named once per command and has one
 * line of help that fits the help's 80 columns, a group does not start
 * with its continuation, and positional arguments are named.
 */
START_TEST(test_table)
{
	const struct cmd_entry	**e;
	const struct cmd_opt	 *o, *p;

	for (e = cmd_table; *e != NULL; e++) {
		ck_assert_ptr_nonnull((*e)->summary);
		ck_assert(((*e)->args.max == 0) == ((*e)->args.name == NULL &&
		    (*e)->args.values == NULL));
		for (o = (*e)->opts; o != NULL && o->name != NULL; o++) {
			ck_assert_msg(o->help != NULL &&
			    strlen(o->help) <= 80 - 28, "%s --%s: help",
			    (*e)->name, o->name);
			ck_assert_msg(o != (*e)->opts ||
			    !(o->flags & (CMD_OPT_OR | CMD_OPT_AND)),
			    "%s --%s: group", (*e)->name, o->name);
			ck_assert(o->values == NULL || o->values[0] != NULL);
			for (p = (*e)->opts; p != o; p++)
				ck_assert_msg(strcmp(p->name, o->name) != 0,
				    "%s --%s: twice", (*e)->name, o->name);
		}
	}
}
END_TEST

START_TEST(test_add_prints_only_regno)
{
	ck_assert_int_eq(run("init", NULL), 0);
	ck_assert_int_eq(run("interpreter", "add", "--name", "Amina Hassan",
	    "--fnr", "31129956715", "--gender", "f", "--email",
	    "amina@example.no", "--phone", "+47 912 34 567", "--municipality",
	    "0301", "--availability", "full", "--modalities", "onsite,phone",
	    NULL), 0);
	ck_assert_str_eq(out, "10001\n");
	ck_assert_str_eq(errs, "");
	/* Options after the positional argument are fine. */
	ck_assert_int_eq(run("interpreter", "show", "10001", "--format",
	    "csv", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"10001\",\"Amina Hassan\""));
	ck_assert_ptr_null(strstr(out, "31129956715"));
	ck_assert_int_eq(run("interpreter", "show", "abc", NULL), EX_USAGE);
	ck_assert_int_eq(run("interpreter", "show", "99", NULL), EX_NOINPUT);
	ck_assert_str_eq(errs, "tolkreg: interpreter show: no interpreter"
	    " with register number 99\n");
}
END_TEST

START_TEST(test_refused_prints_nothing)
{
	ck_assert_int_eq(run("init", NULL), 0);
	ck_assert_int_eq(run("interpreter", "add", "--name", "X", "--fnr",
	    "31129956716", "--gender", "F", "--email", "x@example.no",
	    "--phone", "91234567", "--municipality", "0301",
	    "--availability", "full", "--modalities", "phone", NULL),
	    EX_DATAERR);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(errs, "'fnr'"));
	ck_assert_ptr_null(strstr(errs, "31129956716"));
}
END_TEST

START_TEST(test_args_helpers)
{
	struct tk_error	err;
	int64_t		v;
	char		g;

	tk_error_clear(&err);
	ck_assert_int_eq(args_regno("regno", "10001", &v, &err), 0);
	ck_assert_int_eq(v, 10001);
	ck_assert_int_eq(args_regno("regno", "0", &v, &err), -1);
	tk_error_clear(&err);
	ck_assert_int_eq(args_regno("regno", "-5", &v, &err), -1);
	tk_error_clear(&err);
	ck_assert_int_eq(args_regno("regno", "12x", &v, &err), -1);
	tk_error_clear(&err);
	ck_assert_int_eq(args_regno("regno", "99999999999999999999", &v,
	    &err), -1);
	ck_assert_str_eq(err.field, "regno");
	tk_error_clear(&err);
	ck_assert_int_eq(gender_parse("gender", "x", &g, &err), 0);
	ck_assert_int_eq(g, 'X');
	ck_assert_int_eq(gender_parse("gender", "K", &g, &err), -1);
	ck_assert_str_eq(err.msg, "'gender' must be F, M or X");
	/* The CLI quotes what was typed; the API does not. */
	ck_assert_int_eq(args_quote_value(&err, "gender", "K"), -1);
	ck_assert_str_eq(err.msg, "'gender' must be F, M or X: 'K'");
	ck_assert_int_eq(args_quote_value(&err, "availability", "x"), -1);
	ck_assert_str_eq(err.msg, "'gender' must be F, M or X: 'K'");
	tk_error_clear(&err);
	ck_assert_int_eq(gender_parse("gender", "FM", &g, &err), -1);
	tk_error_clear(&err);
	ck_assert_int_eq(gender_parse("gender", "", &g, &err), -1);
}
END_TEST

/*
 * Parse the paging options of entry e from the words (after the
 * command's last word), as when standard output is or is not a
 * terminal; 0 or -1 as args_parse(), the page in *pg.
 */
static int
parse_page(const struct cmd_entry *e, int terminal, struct page *pg,
    const char *w1, const char *w2)
{
	struct cmd_ctx	 ctx;
	struct tk_error	 err;
	char		 a0[] = "list", b1[32], b2[32], *argv[4];
	int		 argc = 1, rc;

	tk_error_clear(&err);
	memset(&ctx, 0, sizeof(ctx));
	ctx.entry = e;
	ctx.err = &err;
	ctx.terminal = terminal;
	argv[0] = a0;
	snprintf(b1, sizeof(b1), "%s", w1 != NULL ? w1 : "");
	snprintf(b2, sizeof(b2), "%s", w2 != NULL ? w2 : "");
	if (w1 != NULL)
		argv[argc++] = b1;
	if (w2 != NULL)
		argv[argc++] = b2;
	argv[argc] = NULL;
	rc = args_parse(&ctx, argc, argv);
	if (rc == -1)
		ck_assert_str_eq(err.field, "limit");
	*pg = ctx.page;
	free(ctx.optv);
	return (rc);
}

START_TEST(test_page_options)
{
	struct page	pg;

	/* 100 rows on a terminal, all into a pipe or a file. */
	ck_assert_int_eq(parse_page(&cmd_request_list_entry, 1, &pg, NULL,
	    NULL), 0);
	ck_assert_uint_eq(pg.limit, PAGE_DEFAULT);
	ck_assert_uint_eq(pg.limit, 100);
	ck_assert_int_eq(parse_page(&cmd_request_list_entry, 0, &pg, NULL,
	    NULL), 0);
	ck_assert_uint_eq(pg.limit, 0);
	ck_assert_int_eq(parse_page(&cmd_search_entry, 1, &pg, "--limit",
	    "7"), 0);
	ck_assert_uint_eq(pg.limit, 7);
	ck_assert_int_eq(parse_page(&cmd_token_list_entry, 1, &pg,
	    "--limit=0", NULL), 0);
	ck_assert_uint_eq(pg.limit, 0);
	ck_assert_int_eq(parse_page(&cmd_body_list_entry, 0, &pg, "--after",
	    "974589095"), 0);
	ck_assert_str_eq(pg.after, "974589095");
	ck_assert_int_eq(parse_page(&cmd_language_list_entry, 1, &pg,
	    "--limit", "x"), -1);
	ck_assert_int_eq(parse_page(&cmd_conflict_list_entry, 1, &pg,
	    "--limit", "-3"), -1);
	/* match's --limit cuts a ranking; it is not paging. */
	ck_assert_int_eq(parse_page(&cmd_match_entry, 1, &pg, "--limit=3",
	    "42"), 0);
	ck_assert_uint_eq(pg.limit, 0);
	ck_assert_ptr_null(pg.after);
}
END_TEST

START_TEST(test_global_options)
{
	char	 a0[] = "tolkreg", a1[] = "--bogus";
	char	*argv[] = { a0, a1, NULL };
	FILE	*fo, *fe;
	size_t	 l1, l2;

	fo = open_memstream(&out, &l1);
	fe = open_memstream(&errs, &l2);
	ck_assert_int_eq(tolkreg_main(2, argv, fo, fe), EX_USAGE);
	fclose(fo);
	fclose(fe);
	ck_assert_ptr_nonnull(strstr(errs, "unknown option '--bogus'"));
	ck_assert_int_eq(run(NULL), EX_USAGE);
}
END_TEST

Suite *
args_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("args");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_and_usage);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_group_help);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_completion);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_add_prints_only_regno);
	tcase_add_test(tc, test_args_helpers);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unknown_command);
	tcase_add_test(tc, test_suggestions);
	tcase_add_test(tc, test_no_database);
	tcase_add_test(tc, test_refused_prints_nothing);
	tcase_add_test(tc, test_global_options);
	tcase_add_test(tc, test_page_options);
	suite_add_tcase(s, tc);
	return (s);
}
