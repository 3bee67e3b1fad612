#ifndef TOLKREG_TOKEN_H
#define TOLKREG_TOKEN_H

#include <stdint.h>

/*
 * API tokens for tolkregd(8). A token is a random secret shown once
 * when it is made ("tolkreg_<id>_<43 base64url characters>"); the store
 * keeps only a BLAKE2b digest of the secret keyed with a per-token
 * random salt (libsodium), and checks a presented token in constant
 * time. Each token has one role: admin (IMDi), body (one public body,
 * by organisation number) or interpreter (one register number).
 * Writes run inside the caller's transaction and are audited.
 */

struct page;
struct store;
struct table;
struct tk_error;

enum tk_role {
	ROLE_ANONYMOUS,		/* no token: the public register only */
	ROLE_ADMIN,
	ROLE_BODY,
	ROLE_INTERPRETER
};

#define TOKEN_BUFLEN	80	/* a token as text, with its NUL */
#define ACTOR_BUFLEN	64

/* Who is calling: a verified token, or nobody. */
struct principal {
	enum tk_role	 role;
	int64_t		 token;			/* token id; 0: anonymous */
	char		 body[10];		/* ROLE_BODY: its orgnr */
	int64_t		 regno;			/* ROLE_INTERPRETER */
	char		 actor[ACTOR_BUFLEN];	/* "token:7 body:974760673" */
};

/* "anonymous", "admin", "body" or "interpreter". Static. */
const char	*role_name(enum tk_role);

/* Parse "admin", "body" or "interpreter" (not anonymous); 0 or -1. */
int		 role_parse(const char *, enum tk_role *);

/* Fill p as the anonymous caller. */
void		 principal_anonymous(struct principal *p);

/*
 * Make a token for role. body (an organisation number) is required for
 * ROLE_BODY and regno for ROLE_INTERPRETER, and each is refused for the
 * other roles; both must exist. expires (YYYY-MM-DD, after today, or
 * NULL for never) is the first day the token is refused. On success
 * out holds the token text, which is never stored, and *id its number.
 */
int		 token_create(struct store *, enum tk_role role,
		    const char *body, int64_t regno, const char *expires,
		    char out[TOKEN_BUFLEN], int64_t *id, struct tk_error *);

/*
 * Check a presented token on date today (YYYY-MM-DD) and fill *p from
 * it. An unknown, malformed, revoked or expired token is TK_E_PERM
 * naming "token"; the message never repeats the token.
 */
int		 token_verify(struct store *, const char *token,
		    const char *today, struct principal *p, struct tk_error *);

/* Revoke token id; one already revoked is TK_E_CONFLICT. */
int		 token_revoke(struct store *, int64_t id, struct tk_error *);

/*
 * A page of the tokens, by id (the cursor's key), without secrets. Columns: id, role, body, regno,
 * state (active, expired or revoked on date today), expires, created,
 * revoked, actor.
 */
int		 token_list(struct store *, const char *today, struct page *,
		    struct table *, struct tk_error *);

#endif /* TOLKREG_TOKEN_H */
