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
	char		*argv[64];
	va_list		 ap;
	size_t		 olen, elen;
	FILE		*fo, *fe;
	int		 argc = 0, rc;

	free(out);
	free(errs);
	out = errs = NULL;
	argv[argc++] = xstrdup("tolkreg");
	argv[argc++] = xstrdup("--db");
	argv[argc++] = xstrdup(db);
	va_start(ap, arg);
	for (; arg != NULL; arg = va_arg(ap, const char *))
		argv[argc++] = xstrdup(arg);
	va_end(ap);
	argv[argc] = NULL;
	fo = open_memstream(&out, &olen);
	fe = open_memstream(&errs, &elen);
	rc = tolkreg_main(argc, argv, fo, fe);
	fclose(fo);
	fclose(fe);
	while (argc > 0)
		free(argv[--argc]);
	return (rc);
}

START_TEST(test_unknown_command)
{
	ck_assert_int_eq(run("frobnicate", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'frobnicate'\n");
	/* No prefix matching. */
	ck_assert_int_eq(run("ini", NULL), EX_USAGE);
	ck_assert_int_eq(run("interpreter", "ad", NULL), EX_USAGE);
	ck_assert_str_eq(errs, "tolkreg: unknown command 'interpreter ad'\n");
	ck_assert_int_eq(run("interpreter", NULL), EX_USAGE);
	ck_assert_ptr_nonnull(strstr(errs, "needs a subcommand"));
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
	    " [--modality MODALITY] [--format FORMAT]\n");
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

	ck_assert_int_eq(run("help", NULL), 0);
	for (e = cmd_table; *e != NULL; e++)
		ck_assert_ptr_nonnull(strstr(out, (*e)->name));
	ck_assert_int_eq(run("help", "interpreter", "add", NULL), 0);
	ck_assert_str_eq(out, "usage: tolkreg interpreter add --name NAME"
	    " --fnr NUMBER --gender F|M|X --email ADDR --phone NUMBER"
	    " --municipality KNR --availability full|part|occasional"
	    " --modalities LIST\n");
	ck_assert_int_eq(run("search", "--help", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: tolkreg search --lang"));
	ck_assert_int_eq(run("help", "nothing", NULL), EX_USAGE);
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
	tcase_add_test(tc, test_add_prints_only_regno);
	tcase_add_test(tc, test_args_helpers);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unknown_command);
	tcase_add_test(tc, test_no_database);
	tcase_add_test(tc, test_refused_prints_nothing);
	tcase_add_test(tc, test_global_options);
	suite_add_tcase(s, tc);
	return (s);
}
