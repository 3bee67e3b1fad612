/*
 * Credentials and derived categories (Nasjonalt tolkeregister, kategori
 * A-E). The rule is category_derive() in the rules module, which the SQL
 * function tk_category() calls; qualification_refresh() keeps the
 * qualification table, which search and matching read, equal to it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/language.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/*
 * The categories held on a date: (regno, lang, cat) from the credentials
 * valid on ?2 of the interpreters WHO selects ("regno = ?1" for one, so
 * that the credential index is used; "1" for everyone), by regno.
 * Distinct bits summed are the bits or-ed together.
 */
#define CATEGORIES_AT(WHO) \
	" SELECT regno, lang, cat FROM (" \
	"  SELECT l.regno, l.lang," \
	"   tk_category(l.bits | coalesce(t.bits, 0)) AS cat" \
	"  FROM (SELECT regno, lang, sum(DISTINCT tk_credbit(kind)) AS bits" \
	"   FROM credential WHERE " WHO \
	"   AND lang IS NOT NULL AND obtained <= ?2" \
	"   AND (revoked IS NULL OR revoked > ?2)" \
	"   GROUP BY regno, lang) AS l" \
	"  LEFT JOIN (SELECT regno, max(tk_credbit(kind)) AS bits" \
	"   FROM credential WHERE " WHO " AND kind = 'tao'" \
	"   AND obtained <= ?2 AND (revoked IS NULL OR revoked > ?2)" \
	"   GROUP BY regno) AS t ON t.regno = l.regno)" \
	" WHERE cat IS NOT NULL"
#define ONE	"regno = ?1"
#define ALL	"?1 = 0"

/*
 * Recompute the categories of interpreter regno, or of everyone when
 * regno is 0, from the credentials valid on date today.
 */
static int
refresh(struct store *st, int64_t regno, const char *today,
    struct tk_error *err)
{
	static const char	 del_one[] = "DELETE FROM qualification"
	    " WHERE regno = ?1";
	static const char	 del_all[] = "DELETE FROM qualification"
	    " WHERE ?1 = 0";
	static const char	 ins_one[] = "INSERT INTO qualification"
	    " (regno, lang, category) " CATEGORIES_AT(ONE);
	static const char	 ins_all[] = "INSERT INTO qualification"
	    " (regno, lang, category) " CATEGORIES_AT(ALL);
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, regno != 0 ? del_one : del_all, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	if ((s = store_stmt(st, regno != 0 ? ins_one : ins_all, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
	return (store_step_done(st, s, err));
}

/* Recompute one interpreter's categories from credentials valid today. */
int
qualification_refresh(struct store *st, int64_t regno, const char *today,
    struct tk_error *err)
{
	if (regno <= 0)
		return (tk_fail(err, TK_E_INVALID, "regno",
		    "'regno' must be a register number"));
	return (refresh(st, regno, today, err));
}

/* The category regno held in lang on date, or 0. */
int
category_at(struct store *st, int64_t regno, const char *lang,
    const char *date, char *out, struct tk_error *err)
{
	static const char	 sql[] = "SELECT cat FROM (" CATEGORIES_AT(ONE)
	    ")"
	    " WHERE lang = ?3";
	sqlite3_stmt		*s;
	int			 rc;

	*out = 0;
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, lang, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = store_text(s, 0)[0];
	sqlite3_reset(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(st, err));
}

/* Call fn for every category held on date, ordered by regno. */
int
category_snapshot(struct store *st, const char *date,
    int (*fn)(void *, int64_t, const char *, char), void *arg,
    struct tk_error *err)
{
	static const char	 sql[] = CATEGORIES_AT(ALL)
	    " ORDER BY regno, lang";
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, 0);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn(arg, sqlite3_column_int64(s, 0), store_text(s, 1),
		    store_text(s, 2)[0]) == -1) {
			sqlite3_reset(s);
			return (-1);
		}
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* Recompute every interpreter's categories. */
int
qualification_refresh_all(struct store *st, const char *today,
    struct tk_error *err)
{
	return (refresh(st, 0, today, err));
}

/* Turn a credential's fields as text into a credential_new. */
int
credential_input_parse(int64_t regno, const struct credential_text *t,
    struct credential_new *c, struct tk_error *err)
{
	c->regno = regno;
	c->kind = CRED_TAO;
	c->lang = t->lang;
	c->date = t->date;
	c->ref = t->ref;
	if (t->kind != NULL && cred_kind_parse(t->kind, &c->kind) == -1)
		return (tk_fail(err, TK_E_INVALID, "kind", "'kind' must be"
		    " authorisation, bachelor, grunnemne, bilingual-test,"
		    " translator or tao"));
	return (0);
}

/* Record a credential and refresh the interpreter's categories. */
int
credential_add(struct store *st, const struct credential_new *c,
    int64_t *id, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO credential"
	    " (regno, kind, lang, obtained, ref) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt		*s;
	char			 today[DATE_BUFLEN], idbuf[32], what[64];

	tk_today(today);
	if (interpreter_exists(st, c->regno, err) == -1)
		return (-1);
	if ((unsigned int)c->kind >= CRED_NKINDS)
		return (tk_fail(err, TK_E_INVALID, "kind",
		    "'kind' is not a credential kind"));
	if (c->kind == CRED_TAO) {
		if (c->lang != NULL)
			return (tk_fail(err, TK_E_INVALID, "lang",
			    "'lang' must not be given for the TAO course,"
			    " which is not tied to a language"));
	} else {
		if (c->lang == NULL)
			return (tk_fail(err, TK_E_INVALID, "lang",
			    "'lang' is required for a %s credential",
			    cred_kind_name(c->kind)));
		if (language_check(st, "lang", c->lang, err) == -1)
			return (-1);
	}
	if (validate_date("date", c->date, err) == -1)
		return (-1);
	if (strcmp(c->date, today) > 0)
		return (tk_fail(err, TK_E_INVALID, "date",
		    "'date' %s is in the future; a credential is recorded"
		    " once obtained", c->date));
	if (c->ref != NULL && validate_text("ref", c->ref, 200, err) == -1)
		return (-1);

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, c->regno);
	sqlite3_bind_text(s, 2, cred_kind_name(c->kind), -1, SQLITE_STATIC);
	if (c->lang != NULL)
		sqlite3_bind_text(s, 3, c->lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, c->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, c->ref != NULL ? c->ref : "", -1,
	    SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*id = sqlite3_last_insert_rowid(store_db(st));

	snprintf(idbuf, sizeof(idbuf), "%" PRId64, c->regno);
	snprintf(what, sizeof(what), "%s %s #%" PRId64,
	    cred_kind_name(c->kind), c->lang != NULL ? c->lang : "-", *id);
	if (audit_log(st, "interpreter", idbuf, "credential-add", "credential",
	    NULL, what, err) == -1)
		return (-1);
	return (qualification_refresh(st, c->regno, today, err));
}

/* Revoke a credential as of today and refresh the categories. */
int
credential_revoke(struct store *st, int64_t regno, int64_t id,
    const char *reason, struct tk_error *err)
{
	char	today[DATE_BUFLEN];

	tk_today(today);
	return (credential_revoke_on(st, regno, id, today, reason, err));
}

/* Revoke a credential as of date and refresh the categories. */
int
credential_revoke_on(struct store *st, int64_t regno, int64_t id,
    const char *date, const char *reason, struct tk_error *err)
{
	static const char	 get[] = "SELECT kind, coalesce(lang, '-'),"
	    " revoked, obtained FROM credential WHERE id = ?1 AND regno = ?2";
	static const char	 upd[] = "UPDATE credential SET revoked = ?1,"
	    " revoke_reason = ?2 WHERE id = ?3";
	sqlite3_stmt		*s;
	char			 today[DATE_BUFLEN], idbuf[32], what[64];
	char			 obtained[DATE_BUFLEN];
	int			 rc;

	tk_today(today);
	if (interpreter_exists(st, regno, err) == -1)
		return (-1);
	if (validate_date("revoked", date, err) == -1)
		return (-1);
	if (strcmp(date, today) > 0)
		return (tk_fail(err, TK_E_INVALID, "revoked",
		    "'revoked' %s is in the future", date));
	if (validate_text("reason", reason, 1000, err) == -1)
		return (-1);
	if ((s = store_stmt(st, get, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, regno);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "credential",
		    "interpreter %" PRId64 " has no credential %" PRId64,
		    regno, id));
	}
	if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
		tk_fail(err, TK_E_CONFLICT, "credential",
		    "credential %" PRId64 " was already revoked on %s", id,
		    store_text(s, 2));
		sqlite3_reset(s);
		return (-1);
	}
	snprintf(what, sizeof(what), "%s %s #%" PRId64, store_text(s, 0),
	    store_text(s, 1), id);
	snprintf(obtained, sizeof(obtained), "%s", store_text(s, 3));
	sqlite3_reset(s);
	if (strcmp(date, obtained) < 0)
		return (tk_fail(err, TK_E_INVALID, "revoked",
		    "'revoked' %s is before the credential was obtained (%s)",
		    date, obtained));

	if ((s = store_stmt(st, upd, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, id);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, regno);
	if (audit_log(st, "interpreter", idbuf, "credential-revoke",
	    "credential", what, reason, err) == -1)
		return (-1);
	return (qualification_refresh(st, regno, today, err));
}

/* Whether v is one of the n ids in list. */
static int
id_in(int64_t v, const int64_t *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (list[i] == v)
			return (1);
	}
	return (0);
}

/* Make interpreter regno hold credential c. */
int
credential_merge(struct store *st, int64_t regno,
    const struct credential_record *c, const int64_t *skip, size_t nskip,
    int64_t *id, int *changed, struct tk_error *err)
{
	static const char	 find[] = "SELECT id, ref, revoked FROM"
	    " credential WHERE regno = ?1 AND kind = ?2"
	    " AND lang IS ?3 AND obtained = ?4 ORDER BY id";
	static const char	 setref[] =
	    "UPDATE credential SET ref = ?2 WHERE id = ?1";
	struct credential_new	 cn;
	sqlite3_stmt		*s;
	const char		*ref = c->ref != NULL ? c->ref : "";
	char			 oldref[256], revoked[DATE_BUFLEN], idbuf[32];
	char			 what[64];
	int			 rc;

	*changed = 0;
	*id = 0;
	if (c->revoked == NULL && c->revoke_reason != NULL)
		return (tk_fail(err, TK_E_INVALID, "revoke-reason",
		    "'revoke-reason' is given but 'revoked' is not"));
	if (c->revoked != NULL && c->revoke_reason == NULL)
		return (tk_fail(err, TK_E_INVALID, "revoke-reason",
		    "'revoke-reason' is required with 'revoked'"));
	if ((s = store_stmt(st, find, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, cred_kind_name(c->kind), -1, SQLITE_STATIC);
	if (c->lang != NULL)
		sqlite3_bind_text(s, 3, c->lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, c->date != NULL ? c->date : "", -1,
	    SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (id_in(sqlite3_column_int64(s, 0), skip, nskip))
			continue;
		*id = sqlite3_column_int64(s, 0);
		snprintf(oldref, sizeof(oldref), "%s", store_text(s, 1));
		snprintf(revoked, sizeof(revoked), "%s", store_text(s, 2));
		break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(st, err));

	if (*id == 0) {
		cn.regno = regno;
		cn.kind = c->kind;
		cn.lang = c->lang;
		cn.date = c->date;
		cn.ref = c->ref;
		if (credential_add(st, &cn, id, err) == -1)
			return (-1);
		*changed = 1;
		if (c->revoked == NULL)
			return (0);
		return (credential_revoke_on(st, regno, *id, c->revoked,
		    c->revoke_reason, err));
	}

	if (revoked[0] != '\0' && (c->revoked == NULL ||
	    strcmp(c->revoked, revoked) != 0))
		return (tk_fail(err, TK_E_CONFLICT, "revoked",
		    "the register has this credential revoked on %s%s%s;"
		    " a revocation is not undone or moved by an import",
		    revoked, c->revoked != NULL ? ", the file on " : "",
		    c->revoked != NULL ? c->revoked : ""));
	if (strcmp(oldref, ref) != 0) {
		if (*ref != '\0' && validate_text("ref", ref, 200, err) == -1)
			return (-1);
		if ((s = store_stmt(st, setref, err)) == NULL)
			return (-1);
		sqlite3_bind_int64(s, 1, *id);
		sqlite3_bind_text(s, 2, ref, -1, SQLITE_TRANSIENT);
		if (store_step_done(st, s, err) == -1)
			return (-1);
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, regno);
		snprintf(what, sizeof(what), "%s %s #%" PRId64 " ref",
		    cred_kind_name(c->kind), c->lang != NULL ? c->lang : "-",
		    *id);
		if (audit_log(st, "interpreter", idbuf, "credential-update",
		    what, oldref, ref, err) == -1)
			return (-1);
		*changed = 1;
	}
	if (revoked[0] == '\0' && c->revoked != NULL) {
		*changed = 1;
		return (credential_revoke_on(st, regno, *id, c->revoked,
		    c->revoke_reason, err));
	}
	return (0);
}
