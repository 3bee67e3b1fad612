/*
 * The helpers every Check suite shares (fixture.h): written once here so
 * that the suites say only what they test.
 */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fixture.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

#define DIR_PREFIX	"/tmp/tolkreg-check."

/* Make a new empty directory under /tmp. */
void
fixture_dir_new(char dir[FIXTURE_DIRLEN])
{
	snprintf(dir, FIXTURE_DIRLEN, "%sXXXXXX", DIR_PREFIX);
	ck_assert_msg(mkdtemp(dir) != NULL, "cannot make %s", dir);
}

/* nftw(3): remove one entry, the directories after what is in them. */
static int
remove_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(p) : unlink(p));
}

/* Remove a directory fixture_dir_new() made, with all that is in it. */
void
fixture_dir_free(const char *dir)
{
	/* Never anything else, whatever a broken test passes. */
	ck_assert_msg(strncmp(dir, DIR_PREFIX, strlen(DIR_PREFIX)) == 0 &&
	    strstr(dir, "..") == NULL && strchr(dir + strlen(DIR_PREFIX),
	    '/') == NULL, "not a test directory: %s", dir);
	ck_assert_msg(nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0,
	    "cannot remove %s", dir);
}

/* A fresh, initialised database in a new temporary directory. */
struct store *
fixture_store_new(char path[256])
{
	struct store	*st;
	struct tk_error	 err;
	char		 dir[FIXTURE_DIRLEN];

	fixture_dir_new(dir);
	snprintf(path, 256, "%s/t.db", dir);
	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st, path, STORE_CREATE, &err), 0);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_msg(store_load_reference(st, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_commit(st, &err), 0);
	store_set_actor(st, "check");
	return (st);
}

/* Another connection to the database at path. */
struct store *
fixture_store_open(const char *path)
{
	struct store	*st;
	struct tk_error	 err;

	tk_error_clear(&err);
	ck_assert_msg(store_open(&st, path, 0, &err) == 0, "%s", err.msg);
	store_set_actor(st, "check");
	return (st);
}

/* Close the store and remove its directory. */
void
fixture_store_free(struct store *st, const char *path)
{
	char	dir[256], *slash;

	store_close(st);
	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	fixture_dir_free(dir);
}

/* A valid fødselsnummer for d/m/yy from individual number ind on. */
void
fixture_fnr(char out[12], int d, int m, int yy, int ind)
{
	static const int	w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int	w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int			i, s, k1, k2;

	for (;; ind++) {
		snprintf(out, 12, "%02u%02u%02u%03u", (unsigned)d % 100,
		    (unsigned)m % 100, (unsigned)yy % 100, (unsigned)ind %
		    1000);
		for (s = 0, i = 0; i < 9; i++)
			s += (out[i] - '0') * w1[i];
		if ((k1 = (11 - s % 11) % 11) == 10)
			continue;
		out[9] = (char)('0' + k1);
		for (s = 0, i = 0; i < 10; i++)
			s += (out[i] - '0') * w2[i];
		if ((k2 = (11 - s % 11) % 11) == 10)
			continue;
		out[10] = (char)('0' + k2);
		out[11] = '\0';
		return;
	}
}

/* Add an interpreter born on day d of January 1980. */
int64_t
fixture_interpreter_add(struct store *st, const struct interpreter_input *in,
    int d, char fnr[12])
{
	struct interpreter_input	copy = *in;
	struct tk_error			err;
	char				pnr[12];
	int64_t				regno;

	fixture_fnr(pnr, d, 1, 80, 100);
	copy.pnr = pnr;
	tk_error_clear(&err);
	ck_assert_msg(interpreter_add(st, &copy, &regno, &err) == 0, "%s",
	    err.msg);
	if (fnr != NULL)
		memcpy(fnr, pnr, sizeof(pnr));
	return (regno);
}

/* Add a woman in Oslo, part time, any modality, born on d January 1980. */
int64_t
fixture_interpreter(struct store *st, const char *name, int d, char fnr[12])
{
	struct interpreter_input	in = { name, NULL, 'F',
	    "tolk@example.no", "91234567", "0301", AVAIL_PART, MOD_ALL };

	return (fixture_interpreter_add(st, &in, d, fnr));
}

/* Record a credential obtained on 2020-01-01. */
void
fixture_credential(struct store *st, int64_t regno, enum cred_kind kind,
    const char *lang)
{
	struct credential_new	c = { regno, kind, lang, "2020-01-01", NULL };
	struct tk_error		err;
	int64_t			id;

	tk_error_clear(&err);
	ck_assert_msg(credential_add(st, &c, &id, &err) == 0, "%s", err.msg);
}

/* Run statements that return nothing. */
void
fixture_exec(struct store *st, const char *sql)
{
	char	*msg = NULL;

	ck_assert_msg(sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) ==
	    SQLITE_OK, "%s: %s", sql, msg != NULL ? msg : "");
}

/* The integer in the one row s returns; s is finalized. */
static long long
one_int(struct store *st, sqlite3_stmt *s, const char *sql)
{
	long long	v;

	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s: no row: %s", sql,
	    sqlite3_errmsg(store_db(st)));
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return (v);
}

/* Prepare sql on st. */
static sqlite3_stmt *
prepare(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;

	ck_assert_msg(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) ==
	    SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(store_db(st)));
	return (s);
}

/* The integer in the one row sql returns. */
long long
fixture_int(struct store *st, const char *sql)
{
	return (one_int(st, prepare(st, sql), sql));
}

/* The same with ?1 bound to an integer. */
long long
fixture_int_id(struct store *st, const char *sql, int64_t p)
{
	sqlite3_stmt	*s = prepare(st, sql);

	sqlite3_bind_int64(s, 1, p);
	return (one_int(st, s, sql));
}

/* The same with ?1 bound to a text. */
long long
fixture_int_text(struct store *st, const char *sql, const char *p)
{
	sqlite3_stmt	*s = prepare(st, sql);

	sqlite3_bind_text(s, 1, p, -1, SQLITE_TRANSIENT);
	return (one_int(st, s, sql));
}

/* Run tolkreg on db with the arguments in ap, its output captured. */
int
fixture_tolkreg(const char *db, char **out, char **errs, const char *arg,
    va_list ap)
{
	char	*argv[32];
	size_t	 olen, elen;
	FILE	*fo, *fe;
	int	 argc = 0, rc;

	free(*out);
	free(*errs);
	*out = *errs = NULL;
	argv[argc++] = xstrdup("tolkreg");
	argv[argc++] = xstrdup("--db");
	argv[argc++] = xstrdup(db);
	for (; arg != NULL; arg = va_arg(ap, const char *)) {
		ck_assert_int_lt(argc, 31);
		argv[argc++] = xstrdup(arg);
	}
	argv[argc] = NULL;
	ck_assert_ptr_nonnull(fo = open_memstream(out, &olen));
	ck_assert_ptr_nonnull(fe = open_memstream(errs, &elen));
	rc = tolkreg_main(argc, argv, fo, fe);
	fclose(fo);
	fclose(fe);
	while (argc > 0)
		free(argv[--argc]);
	return (rc);
}
