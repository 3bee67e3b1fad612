/*
 * API tokens for tolkregd(8): making, checking, listing and revoking
 * them. The secret is 32 random bytes from libsodium; the store keeps
 * BLAKE2b-256 of it keyed with a random per-token salt, so a copy of the
 * database is no key to the API, and a presented token is compared with
 * the digest in constant time.
 */
#include "config.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/store.h"
#include "tolkreg/token.h"
#include "tolkreg/validate.h"

#define TOKEN_PREFIX	"tolkreg_"
#define SECRET_BYTES	32
#define SALT_BYTES	32
#define DIGEST_BYTES	32
/* base64url without padding of SECRET_BYTES bytes */
#define SECRET_CHARS	43

static const char *const role_names[] = {
	[ROLE_ANONYMOUS] = "anonymous",
	[ROLE_ADMIN] = "admin",
	[ROLE_BODY] = "body",
	[ROLE_INTERPRETER] = "interpreter",
};

/* The name of a role. */
const char *
role_name(enum tk_role r)
{
	if ((unsigned int)r > ROLE_INTERPRETER)
		return ("unknown");
	return (role_names[r]);
}

/* Parse a role a token can have. */
int
role_parse(const char *s, enum tk_role *out)
{
	unsigned int	i;

	for (i = ROLE_ADMIN; i <= ROLE_INTERPRETER; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum tk_role)i;
			return (0);
		}
	}
	return (-1);
}

/* Fill p as the anonymous caller. */
void
principal_anonymous(struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->role = ROLE_ANONYMOUS;
	snprintf(p->actor, sizeof(p->actor), "anonymous");
}

/* Start libsodium once; it is safe to call from any thread. */
static int
crypto_ready(struct tk_error *err)
{
	if (sodium_init() < 0)
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL,
		    "cannot start the crypto library"));
	return (0);
}

/* The digest of secret under salt. */
static void
token_digest(const unsigned char salt[SALT_BYTES],
    const unsigned char secret[SECRET_BYTES],
    unsigned char out[DIGEST_BYTES])
{
	crypto_generichash(out, DIGEST_BYTES, secret, SECRET_BYTES, salt,
	    SALT_BYTES);
}

/* Make a token. */
int
token_create(struct store *st, enum tk_role role, const char *body,
    int64_t regno, const char *expires, char out[TOKEN_BUFLEN], int64_t *id,
    struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO token (role, body, regno,"
	    " salt, digest, expires, created, actor)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	unsigned char		 salt[SALT_BYTES], secret[SECRET_BYTES];
	unsigned char		 digest[DIGEST_BYTES];
	char			 b64[SECRET_CHARS + 1], today[DATE_BUFLEN];
	char			 now[21], ids[32], scope[48];
	struct body		 b;
	sqlite3_stmt		*s;
	int			 rc;

	out[0] = '\0';
	if (crypto_ready(err) == -1)
		return (-1);
	if (role != ROLE_ADMIN && role != ROLE_BODY && role != ROLE_INTERPRETER)
		return (tk_fail(err, TK_E_INVALID, "role",
		    "'role' must be admin, body or interpreter"));
	if (role == ROLE_BODY) {
		if (body == NULL)
			return (tk_fail(err, TK_E_USAGE, "body",
			    "a token for the body role needs '--body'"));
		if (validate_orgnr("body", body, err) == -1 ||
		    body_get(st, body, &b, err) == -1)
			return (-1);
	} else if (body != NULL)
		return (tk_fail(err, TK_E_USAGE, "body",
		    "'--body' applies only to the body role"));
	if (role == ROLE_INTERPRETER) {
		if (regno == 0)
			return (tk_fail(err, TK_E_USAGE, "interpreter",
			    "a token for the interpreter role needs"
			    " '--interpreter'"));
		if (interpreter_exists(st, regno, err) == -1)
			return (-1);
	} else if (regno != 0)
		return (tk_fail(err, TK_E_USAGE, "interpreter",
		    "'--interpreter' applies only to the interpreter role"));
	if (expires != NULL) {
		if (validate_date("expires", expires, err) == -1)
			return (-1);
		tk_today(today);
		if (strcmp(expires, today) <= 0)
			return (tk_fail(err, TK_E_INVALID, "expires",
			    "'expires' must be after today"));
	}

	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(secret, sizeof(secret));
	token_digest(salt, secret, digest);
	if ((s = store_stmt(st, sql, err)) == NULL)
		goto fail;
	audit_now(now);
	sqlite3_bind_text(s, 1, role_name(role), -1, SQLITE_STATIC);
	if (role == ROLE_BODY)
		sqlite3_bind_text(s, 2, body, -1, SQLITE_TRANSIENT);
	if (role == ROLE_INTERPRETER)
		sqlite3_bind_int64(s, 3, regno);
	sqlite3_bind_blob(s, 4, salt, sizeof(salt), SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 5, digest, sizeof(digest), SQLITE_TRANSIENT);
	if (expires != NULL)
		sqlite3_bind_text(s, 6, expires, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, store_actor(st), -1, SQLITE_TRANSIENT);
	rc = store_step_done(st, s, err);
	sqlite3_clear_bindings(s);
	if (rc == -1)
		goto fail;
	*id = sqlite3_last_insert_rowid(store_db(st));

	sodium_bin2base64(b64, sizeof(b64), secret, sizeof(secret),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, TOKEN_BUFLEN, TOKEN_PREFIX "%" PRId64 "_%s", *id, b64);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(b64, sizeof(b64));

	snprintf(ids, sizeof(ids), "%" PRId64, *id);
	if (role == ROLE_BODY)
		snprintf(scope, sizeof(scope), "body:%s", body);
	else if (role == ROLE_INTERPRETER)
		snprintf(scope, sizeof(scope), "interpreter:%" PRId64, regno);
	else
		snprintf(scope, sizeof(scope), "admin");
	if (audit_log(st, "token", ids, "create", "role", NULL, scope,
	    err) == -1) {
		sodium_memzero(out, TOKEN_BUFLEN);
		return (-1);
	}
	return (0);
fail:
	sodium_memzero(secret, sizeof(secret));
	return (-1);
}

/*
 * Split "tolkreg_<id>_<secret>" into id and the decoded secret; 0, or
 * -1 for anything else.
 */
static int
token_parse(const char *tok, int64_t *id, unsigned char secret[SECRET_BYTES])
{
	const char	*p, *b64;
	size_t		 binlen;
	int64_t		 v = 0;

	if (strncmp(tok, TOKEN_PREFIX, strlen(TOKEN_PREFIX)) != 0)
		return (-1);
	p = tok + strlen(TOKEN_PREFIX);
	if (*p < '1' || *p > '9')
		return (-1);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - 9) / 10)
			return (-1);
		v = v * 10 + (*p - '0');
	}
	if (*p != '_')
		return (-1);
	b64 = p + 1;
	if (strlen(b64) != SECRET_CHARS)
		return (-1);
	if (sodium_base642bin(secret, SECRET_BYTES, b64, SECRET_CHARS, NULL,
	    &binlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    binlen != SECRET_BYTES)
		return (-1);
	*id = v;
	return (0);
}

/* Check a presented token. */
int
token_verify(struct store *st, const char *tok, const char *today,
    struct principal *p, struct tk_error *err)
{
	static const char	 sql[] = "SELECT role, coalesce(body, ''),"
	    " coalesce(regno, 0), salt, digest, coalesce(expires, ''),"
	    " revoked IS NOT NULL FROM token WHERE id = ?1";
	unsigned char		 secret[SECRET_BYTES], digest[DIGEST_BYTES];
	unsigned char		 salt[SALT_BYTES], want[DIGEST_BYTES];
	char			 expires[DATE_BUFLEN];
	enum tk_role		 role = ROLE_ANONYMOUS;
	sqlite3_stmt		*s;
	int64_t			 id;
	int			 rc, found, revoked = 0, match;

	principal_anonymous(p);
	if (crypto_ready(err) == -1)
		return (-1);
	if (token_parse(tok, &id, secret) == -1)
		return (tk_fail(err, TK_E_PERM, "token", "malformed token"));
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return (store_fail(st, err));
	}
	/* Hash even for an unknown id, so both take the same time. */
	memset(salt, 0, sizeof(salt));
	memset(want, 0xff, sizeof(want));
	expires[0] = '\0';
	found = rc == SQLITE_ROW && sqlite3_column_bytes(s, 3) == SALT_BYTES &&
	    sqlite3_column_bytes(s, 4) == DIGEST_BYTES;
	if (found) {
		role_parse(store_text(s, 0), &role);
		p->role = role;
		p->token = id;
		snprintf(p->body, sizeof(p->body), "%s", store_text(s, 1));
		p->regno = sqlite3_column_int64(s, 2);
		memcpy(salt, sqlite3_column_blob(s, 3), SALT_BYTES);
		memcpy(want, sqlite3_column_blob(s, 4), DIGEST_BYTES);
		snprintf(expires, sizeof(expires), "%s", store_text(s, 5));
		revoked = sqlite3_column_int(s, 6);
	}
	sqlite3_reset(s);
	token_digest(salt, secret, digest);
	match = sodium_memcmp(digest, want, DIGEST_BYTES) == 0;
	sodium_memzero(secret, sizeof(secret));
	if (!found || !match) {
		principal_anonymous(p);
		return (tk_fail(err, TK_E_PERM, "token", "invalid token"));
	}
	if (revoked) {
		principal_anonymous(p);
		return (tk_fail(err, TK_E_PERM, "token",
		    "token %" PRId64 " has been revoked", id));
	}
	if (expires[0] != '\0' && strcmp(expires, today) <= 0) {
		principal_anonymous(p);
		return (tk_fail(err, TK_E_PERM, "token",
		    "token %" PRId64 " expired on %s", id, expires));
	}
	switch (p->role) {
	case ROLE_BODY:
		snprintf(p->actor, sizeof(p->actor), "token:%" PRId64
		    " body:%s", id, p->body);
		break;
	case ROLE_INTERPRETER:
		snprintf(p->actor, sizeof(p->actor), "token:%" PRId64
		    " interpreter:%" PRId64, id, p->regno);
		break;
	default:
		snprintf(p->actor, sizeof(p->actor), "token:%" PRId64
		    " admin", id);
		break;
	}
	return (0);
}

/* Revoke token id. */
int
token_revoke(struct store *st, int64_t id, struct tk_error *err)
{
	static const char	 get[] = "SELECT revoked IS NOT NULL FROM token"
	    " WHERE id = ?1";
	static const char	 upd[] = "UPDATE token SET revoked = ?2"
	    " WHERE id = ?1";
	sqlite3_stmt		*s;
	char			 now[21], ids[32];
	int			 rc, revoked;

	if ((s = store_stmt(st, get, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	revoked = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return (tk_fail(err, TK_E_NOTFOUND, "id",
		    "no token %" PRId64, id));
	if (rc != SQLITE_ROW)
		return (store_fail(st, err));
	if (revoked)
		return (tk_fail(err, TK_E_CONFLICT, "id",
		    "token %" PRId64 " is already revoked", id));
	if ((s = store_stmt(st, upd, err)) == NULL)
		return (-1);
	audit_now(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	return (audit_log(st, "token", ids, "revoke", NULL, NULL, NULL, err));
}

/* The tokens by id (the cursor's key: ?2; the limit ?3). */
#define TOKEN_LIST_SQL(after) "SELECT id, role, coalesce(body, ''),"	\
    " coalesce(regno, ''), CASE WHEN revoked IS NOT NULL"		\
    " THEN 'revoked' WHEN expires IS NOT NULL AND expires <= ?1"	\
    " THEN 'expired' ELSE 'active' END, coalesce(expires, ''),"	\
    " tk_time(created), coalesce(tk_time(revoked), ''), actor, id"	\
    " FROM token" after						\
    " ORDER BY id LIMIT ?3"

/* A page of the tokens, without secrets. */
int
token_list(struct store *st, const char *today, struct page *pg,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = TOKEN_LIST_SQL("");
	static const char	 after_sql[] = TOKEN_LIST_SQL(" WHERE id > ?2");
	static const char *const names[] = { "id", "role", "body", "regno",
	    "state", "expires", "created", "revoked", "actor" };
	static const enum tcol_type types[] = { TCOL_INT, TCOL_STR, TCOL_NSTR,
	    TCOL_INT, TCOL_STR, TCOL_NSTR, TCOL_STR, TCOL_NSTR, TCOL_STR };
	sqlite3_stmt		*s;
	size_t			 i;
	int			 rc;

	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 2, "i", err) == -1)
		return (-1);
	sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		table_col(t, names[i], types[i]);
	while ((rc = page_step(pg, s, 9, "i")) == SQLITE_ROW) {
		table_row(t);
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			table_put(t, store_text(s, (int)i));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}
