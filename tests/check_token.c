/*
 * API tokens: making and checking them, the scope each role carries,
 * revocation and expiry, and that the store never holds the secret.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/store.h"
#include "tolkreg/token.h"
#include "tolkreg/validate.h"

#define OUS	"974760673"
#define UNREG	"988077917"

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;
static char		 today[DATE_BUFLEN];
static int64_t		 regno;

static void
setup(void)
{
	struct body_input		b = { OUS, "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_FULL };

	st = fixture_store_new(path);
	tk_error_clear(&err);
	tk_today(today);
	ck_assert_msg(body_add(st, &b, &err) == 0, "%s", err.msg);
	regno = fixture_interpreter(st, "Amina Hassan", 1, NULL);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

START_TEST(test_roundtrip)
{
	struct principal	p;
	char			tok[TOKEN_BUFLEN], tok2[TOKEN_BUFLEN];
	int64_t			id, id2;

	ck_assert_msg(token_create(st, ROLE_BODY, OUS, 0, NULL, tok, &id,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(strncmp(tok, "tolkreg_", 8), 0);
	ck_assert_int_eq(token_verify(st, tok, today, &p, &err), 0);
	ck_assert_int_eq(p.role, ROLE_BODY);
	ck_assert_int_eq(p.token, id);
	ck_assert_str_eq(p.body, OUS);
	ck_assert_ptr_nonnull(strstr(p.actor, "body:" OUS));

	ck_assert_int_eq(token_create(st, ROLE_INTERPRETER, NULL, regno,
	    "2199-12-31", tok2, &id2, &err), 0);
	ck_assert_str_ne(tok, tok2);
	ck_assert_int_eq(token_verify(st, tok2, today, &p, &err), 0);
	ck_assert_int_eq(p.role, ROLE_INTERPRETER);
	ck_assert_int_eq(p.regno, regno);
	ck_assert_int_eq(p.body[0], '\0');
}
END_TEST

START_TEST(test_bad_tokens)
{
	struct principal	p;
	char			tok[TOKEN_BUFLEN], bad[TOKEN_BUFLEN + 8];
	int64_t			id;
	size_t			n;

	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, NULL, tok, &id,
	    &err), 0);
	/* One character of the secret changed. */
	snprintf(bad, sizeof(bad), "%s", tok);
	n = strlen(bad) - 1;
	bad[n] = bad[n] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(token_verify(st, bad, today, &p, &err), -1);
	ck_assert_int_eq(err.code, TK_E_PERM);
	ck_assert_str_eq(err.field, "token");
	ck_assert_int_eq(p.role, ROLE_ANONYMOUS);
	/* Another id with the same secret. */
	tk_error_clear(&err);
	snprintf(bad, sizeof(bad), "tolkreg_9%s", tok + 8);
	ck_assert_int_eq(token_verify(st, bad, today, &p, &err), -1);
	ck_assert_str_eq(err.msg, "invalid token");
	tk_error_clear(&err);
	ck_assert_int_eq(token_verify(st, "tolkreg_1_short", today, &p, &err),
	    -1);
	ck_assert_str_eq(err.msg, "malformed token");
	tk_error_clear(&err);
	ck_assert_int_eq(token_verify(st, "", today, &p, &err), -1);
	ck_assert_int_eq(err.code, TK_E_PERM);
}
END_TEST

START_TEST(test_revoke_expire)
{
	struct principal	p;
	struct table		*t;
	char			tok[TOKEN_BUFLEN], tok2[TOKEN_BUFLEN];
	int64_t			id, id2;

	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, NULL, tok, &id,
	    &err), 0);
	ck_assert_int_eq(token_revoke(st, id, &err), 0);
	ck_assert_int_eq(token_verify(st, tok, today, &p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "revoked"));
	tk_error_clear(&err);
	ck_assert_int_eq(token_revoke(st, id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	ck_assert_int_eq(token_revoke(st, 999, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	tk_error_clear(&err);

	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, "2199-01-01",
	    tok2, &id2, &err), 0);
	ck_assert_int_eq(token_verify(st, tok2, "2198-12-31", &p, &err), 0);
	ck_assert_int_eq(token_verify(st, tok2, "2199-01-01", &p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "expired"));

	t = table_new();
	ck_assert_int_eq(token_list(st, "2199-06-01", NULL, t, &err), 0);
	ck_assert_uint_eq(table_nrows(t), 2);
	ck_assert_str_eq(table_cell(t, 0, 4), "revoked");
	ck_assert_str_eq(table_cell(t, 1, 4), "expired");
	table_free(t);
}
END_TEST

START_TEST(test_scope_rules)
{
	char	tok[TOKEN_BUFLEN];
	int64_t	id;

	ck_assert_int_eq(token_create(st, ROLE_BODY, NULL, 0, NULL, tok, &id,
	    &err), -1);
	ck_assert_int_eq(err.code, TK_E_USAGE);
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_BODY, UNREG, 0, NULL, tok, &id,
	    &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_ADMIN, OUS, 0, NULL, tok, &id,
	    &err), -1);
	ck_assert_int_eq(err.code, TK_E_USAGE);
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_INTERPRETER, NULL, 99999, NULL,
	    tok, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_BODY, OUS, regno, NULL, tok,
	    &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_USAGE);
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, today, tok, &id,
	    &err), -1);
	ck_assert_str_eq(err.field, "expires");
	tk_error_clear(&err);
	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, "2030-02-30",
	    tok, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(tok, "");
}
END_TEST

START_TEST(test_secret_not_stored)
{
	struct principal	 p;
	char			 tok[TOKEN_BUFLEN];
	const char		*secret;
	int64_t			 id;

	ck_assert_int_eq(token_create(st, ROLE_ADMIN, NULL, 0, NULL, tok, &id,
	    &err), 0);
	/* The secret follows the id; it may itself hold '_' (base64url). */
	secret = strchr(tok + strlen("tolkreg_"), '_') + 1;
	ck_assert_uint_eq(strlen(secret), 43);
	/* Neither the text nor anything containing it is in any row. */
	ck_assert_int_eq(fixture_int_text(st, "SELECT count(*) FROM token"
	    " WHERE instr(CAST(salt AS TEXT), ?1) > 0"
	    " OR instr(CAST(digest AS TEXT), ?1) > 0"
	    " OR instr(actor, ?1) > 0", secret), 0);
	ck_assert_int_eq(fixture_int_text(st, "SELECT count(*) FROM audit"
	    " WHERE instr(coalesce(new, ''), ?1) > 0", secret), 0);
	/* A tampered digest refuses the token. */
	fixture_exec(st, "UPDATE token SET digest = zeroblob(32)");
	ck_assert_int_eq(token_verify(st, tok, today, &p, &err), -1);
	ck_assert_int_eq(err.code, TK_E_PERM);
}
END_TEST

Suite *
token_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("token");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_revoke_expire);
	tcase_add_test(tc, test_secret_not_stored);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bad_tokens);
	tcase_add_test(tc, test_scope_rules);
	suite_add_tcase(s, tc);
	return (s);
}
