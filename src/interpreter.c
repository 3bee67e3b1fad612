/*
 * Interpreters in the register (tolkeloven § 17): adding, reading,
 * updating, and the listing status with its history, including
 * exclusion and written warnings (§ 21).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* First register number handed out. */
#define REGNO_FIRST	10001

/* The listing status in effect on date today. */
enum listing
interpreter_effective(const struct interpreter *in, const char *today)
{
	return (listing_effective(in->status, in->status_until, today));
}

/* Turn an interpreter's fields as text into an interpreter_input. */
int
interpreter_input_parse(const struct interpreter_text *t,
    struct interpreter_input *in, struct tk_error *err)
{
	enum availability	a;

	memset(in, 0, sizeof(*in));
	in->name = t->name;
	in->pnr = t->fnr;
	in->email = t->email;
	in->phone = t->phone;
	in->municipality = t->municipality;
	in->availability = -1;
	if (t->gender != NULL &&
	    gender_parse("gender", t->gender, &in->gender, err) == -1)
		return (-1);
	if (t->availability != NULL) {
		if (availability_parse(t->availability, &a) == -1)
			return (tk_fail(err, TK_E_INVALID, "availability",
			    "'availability' must be full, part or"
			    " occasional"));
		in->availability = (int)a;
	}
	if (t->modalities != NULL && modalities_parse("modalities",
	    t->modalities, &in->modalities, err) == -1)
		return (-1);
	return (0);
}

/* Validate the fields present in in; required says all must be there. */
static int
input_check(struct store *st, const struct interpreter_input *in,
    int required, char phone[PHONE_BUFLEN], struct tk_error *err)
{
	static const struct {
		size_t		 off;
		const char	*field;
	} strs[] = {
		{ offsetof(struct interpreter_input, name), "name" },
		{ offsetof(struct interpreter_input, pnr), "fnr" },
		{ offsetof(struct interpreter_input, email), "email" },
		{ offsetof(struct interpreter_input, phone), "phone" },
		{ offsetof(struct interpreter_input, municipality),
		    "municipality" },
	};
	size_t	i;

	if (required) {
		for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
			if (*(const char *const *)(const void *)
			    ((const char *)in + strs[i].off) == NULL)
				return (tk_fail(err, TK_E_INVALID,
				    strs[i].field, "'%s' is required",
				    strs[i].field));
		}
		if (in->gender == 0)
			return (tk_fail(err, TK_E_INVALID, "gender",
			    "'gender' is required"));
		if (in->availability < 0)
			return (tk_fail(err, TK_E_INVALID, "availability",
			    "'availability' is required"));
		if (in->modalities == 0)
			return (tk_fail(err, TK_E_INVALID, "modalities",
			    "'modalities' is required"));
	}
	if (in->name != NULL &&
	    validate_text("name", in->name, NAME_MAX_LEN, err) == -1)
		return (-1);
	if (in->pnr != NULL && validate_pnr("fnr", in->pnr, NULL, err) == -1)
		return (-1);
	if (in->gender != 0 && in->gender != 'F' && in->gender != 'M' &&
	    in->gender != 'X')
		return (tk_fail(err, TK_E_INVALID, "gender",
		    "'gender' must be F, M or X"));
	if (in->email != NULL && validate_email("email", in->email, err) == -1)
		return (-1);
	if (in->phone != NULL &&
	    validate_phone("phone", in->phone, phone, err) == -1)
		return (-1);
	if (in->municipality != NULL &&
	    geo_municipality_check(st, "municipality", in->municipality,
	    err) == -1)
		return (-1);
	if (in->availability > AVAIL_OCCASIONAL)
		return (tk_fail(err, TK_E_INVALID, "availability",
		    "'availability' must be full, part or occasional"));
	if ((in->modalities & ~(unsigned int)MOD_ALL) != 0)
		return (tk_fail(err, TK_E_INVALID, "modalities",
		    "'modalities' has an unknown modality"));
	return (0);
}

/*
 * Add a listing_event row for regno at time at (audit_now() form) by
 * actor; *id, when not NULL, gets its id.
 */
static int
listing_event_at(struct store *st, int64_t regno, enum listing status,
    const char *until, const char *reason, const char *at, const char *actor,
    int64_t *id, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO listing_event"
	    " (regno, status, until, reason, at, actor)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, listing_name(status), -1, SQLITE_STATIC);
	if (until != NULL && *until != '\0')
		sqlite3_bind_text(s, 3, until, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, actor, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(store_db(st));
	return (0);
}

/* Add a listing_event row for regno, now, by the store's actor. */
static int
listing_event(struct store *st, int64_t regno, enum listing status,
    const char *until, const char *reason, struct tk_error *err)
{
	char	now[21];

	audit_now(now);
	return (listing_event_at(st, regno, status, until, reason, now,
	    store_actor(st), NULL, err));
}

/* Fail with TK_E_CONFLICT if pnr is already registered (not echoing it). */
static int
pnr_unique(struct store *st, const char *pnr, int64_t self,
    struct tk_error *err)
{
	static const char	 sql[] =
	    "SELECT regno FROM interpreter WHERE pnr = ?1 AND regno <> ?2";
	sqlite3_stmt		*s;
	int64_t			 other;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, pnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, self);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		other = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return (tk_fail(err, TK_E_CONFLICT, "fnr",
		    "'fnr' is already registered, as interpreter %" PRId64,
		    other));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/*
 * Insert a listed interpreter under regno, or the next free number when
 * regno is 0; *out gets the number. Audited; no listing history.
 */
static int
interpreter_insert(struct store *st, const struct interpreter_input *in,
    int64_t regno, int64_t *out, struct tk_error *err)
{
	static const char	 next_sql[] = "INSERT INTO interpreter (regno,"
	    " name, pnr, gender, email, phone, municipality, availability,"
	    " modalities, status, created) VALUES ((SELECT max(coalesce("
	    "(SELECT max(regno) FROM interpreter) + 1, ?1), ?1)),"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'listed', ?10)";
	static const char	 given_sql[] = "INSERT INTO interpreter (regno,"
	    " name, pnr, gender, email, phone, municipality, availability,"
	    " modalities, status, created) VALUES (?1,"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'listed', ?10)";
	struct interpreter	 old;
	struct tk_error		 e2;
	sqlite3_stmt		*s;
	char			 phone[PHONE_BUFLEN], now[21], g[2], id[32];

	if (input_check(st, in, 1, phone, err) == -1 ||
	    pnr_unique(st, in->pnr, -1, err) == -1)
		return (-1);
	if (regno != 0) {
		if (regno < 0)
			return (tk_fail(err, TK_E_INVALID, "regno",
			    "'regno' must be a positive number"));
		tk_error_clear(&e2);
		if (interpreter_get(st, regno, &old, &e2) == 0)
			return (tk_fail(err, TK_E_CONFLICT, "regno",
			    "register number %" PRId64 " is already in use",
			    regno));
		if (e2.code != TK_E_NOTFOUND)
			return (tk_fail(err, e2.code, e2.field, "%s", e2.msg));
	}
	if ((s = store_stmt(st, regno != 0 ? given_sql : next_sql,
	    err)) == NULL)
		return (-1);
	audit_now(now);
	g[0] = in->gender;
	g[1] = '\0';
	sqlite3_bind_int64(s, 1, regno != 0 ? regno : REGNO_FIRST);
	sqlite3_bind_text(s, 2, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, in->pnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, g, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, in->email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, in->municipality, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, availability_name(
	    (enum availability)in->availability), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 9, (int)in->modalities);
	sqlite3_bind_text(s, 10, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*out = sqlite3_last_insert_rowid(store_db(st));
	snprintf(id, sizeof(id), "%" PRId64, *out);
	return (audit_log(st, "interpreter", id, "add", NULL, NULL, in->name,
	    err));
}

/* Fail unless interpreter regno exists. */
int
interpreter_exists(struct store *st, int64_t regno, struct tk_error *err)
{
	static const char	 sql[] =
	    "SELECT 1 FROM interpreter WHERE regno = ?1";
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return (0);
	if (rc != SQLITE_DONE)
		return (store_fail(st, err));
	return (tk_fail(err, TK_E_NOTFOUND, "regno",
	    "no interpreter with register number %" PRId64, regno));
}

/* Validate and add an interpreter as listed. */
int
interpreter_add(struct store *st, const struct interpreter_input *in,
    int64_t *regno, struct tk_error *err)
{
	if (interpreter_insert(st, in, 0, regno, err) == -1)
		return (-1);
	return (listing_event(st, *regno, LIST_LISTED, NULL,
	    "added to the register", err));
}

/* Add an interpreter under a register number given by the caller. */
int
interpreter_add_regno(struct store *st, const struct interpreter_input *in,
    int64_t regno, struct tk_error *err)
{
	int64_t	out;

	if (regno <= 0)
		return (tk_fail(err, TK_E_INVALID, "regno",
		    "'regno' must be a positive number"));
	return (interpreter_insert(st, in, regno, &out, err));
}

/* Load interpreter regno. */
int
interpreter_get(struct store *st, int64_t regno, struct interpreter *out,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno, name, pnr, gender,"
	    " email, phone, municipality, availability, modalities, status,"
	    " coalesce(status_until, ''), tk_time(created) FROM interpreter"
	    " WHERE regno = ?1";
	sqlite3_stmt		*s;
	enum availability	 a = AVAIL_OCCASIONAL;
	enum listing		 l = LIST_LISTED;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "regno",
		    "no interpreter with register number %" PRId64, regno));
	}
	memset(out, 0, sizeof(*out));
	out->regno = sqlite3_column_int64(s, 0);
	snprintf(out->name, sizeof(out->name), "%s", store_text(s, 1));
	snprintf(out->pnr, sizeof(out->pnr), "%s", store_text(s, 2));
	out->gender = store_text(s, 3)[0];
	snprintf(out->email, sizeof(out->email), "%s", store_text(s, 4));
	snprintf(out->phone, sizeof(out->phone), "%s", store_text(s, 5));
	snprintf(out->municipality, sizeof(out->municipality), "%s",
	    store_text(s, 6));
	availability_parse(store_text(s, 7), &a);
	out->availability = a;
	out->modalities = (unsigned int)sqlite3_column_int(s, 8);
	listing_parse(store_text(s, 9), &l);
	out->status = l;
	snprintf(out->status_until, sizeof(out->status_until), "%s",
	    store_text(s, 10));
	snprintf(out->created, sizeof(out->created), "%s", store_text(s, 11));
	sqlite3_reset(s);
	return (0);
}

/* Audit one changed field; values already masked where personal. */
static int
audit_field(struct store *st, int64_t regno, const char *field,
    const char *old, const char *new_value, struct tk_error *err)
{
	char	id[32];

	if (strcmp(old, new_value) == 0)
		return (0);
	snprintf(id, sizeof(id), "%" PRId64, regno);
	return (audit_log(st, "interpreter", id, "update", field, old,
	    new_value, err));
}

/* Audit a change of personal number: both values masked. */
static int
audit_changed_pnr(struct store *st, int64_t regno,
    const char masked[PNR_LEN + 1], struct tk_error *err)
{
	char	id[32];

	snprintf(id, sizeof(id), "%" PRId64, regno);
	return (audit_log(st, "interpreter", id, "update", "fnr", masked,
	    masked, err));
}

/* Change the given fields of an interpreter. */
int
interpreter_update(struct store *st, int64_t regno,
    const struct interpreter_input *in, struct tk_error *err)
{
	static const char	 sql[] = "UPDATE interpreter SET name = ?2,"
	    " pnr = ?3, gender = ?4, email = ?5, phone = ?6,"
	    " municipality = ?7, availability = ?8, modalities = ?9"
	    " WHERE regno = ?1";
	struct interpreter	 old, nw;
	sqlite3_stmt		*s;
	char			 phone[PHONE_BUFLEN], g0[2], g1[2];
	char			 m0[32], m1[32], masked[PNR_LEN + 1];

	if (interpreter_get(st, regno, &old, err) == -1 ||
	    input_check(st, in, 0, phone, err) == -1)
		return (-1);
	if (in->name == NULL && in->pnr == NULL && in->gender == 0 &&
	    in->email == NULL && in->phone == NULL &&
	    in->municipality == NULL && in->availability < 0 &&
	    in->modalities == 0)
		return (tk_fail(err, TK_E_USAGE, NULL,
		    "nothing to update: give at least one field"));
	if (in->pnr != NULL && pnr_unique(st, in->pnr, regno, err) == -1)
		return (-1);
	nw = old;
	if (in->name != NULL)
		snprintf(nw.name, sizeof(nw.name), "%s", in->name);
	if (in->pnr != NULL)
		snprintf(nw.pnr, sizeof(nw.pnr), "%s", in->pnr);
	if (in->gender != 0)
		nw.gender = in->gender;
	if (in->email != NULL)
		snprintf(nw.email, sizeof(nw.email), "%s", in->email);
	if (in->phone != NULL)
		snprintf(nw.phone, sizeof(nw.phone), "%s", phone);
	if (in->municipality != NULL)
		snprintf(nw.municipality, sizeof(nw.municipality), "%s",
		    in->municipality);
	if (in->availability >= 0)
		nw.availability = (enum availability)in->availability;
	if (in->modalities != 0)
		nw.modalities = in->modalities;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	g1[0] = nw.gender;
	g1[1] = '\0';
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, nw.name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, nw.pnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, g1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, nw.email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, nw.phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, nw.municipality, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, availability_name(nw.availability), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(s, 9, (int)nw.modalities);
	if (store_step_done(st, s, err) == -1)
		return (-1);

	g0[0] = old.gender;
	g0[1] = '\0';
	modalities_format(old.modalities, m0, sizeof(m0));
	modalities_format(nw.modalities, m1, sizeof(m1));
	pnr_mask(nw.pnr, masked);
	if (audit_field(st, regno, "name", old.name, nw.name, err) == -1 ||
	    (strcmp(old.pnr, nw.pnr) != 0 &&
	    audit_changed_pnr(st, regno, masked, err) == -1) ||
	    audit_field(st, regno, "gender", g0, g1, err) == -1 ||
	    audit_field(st, regno, "email", old.email, nw.email, err) == -1 ||
	    audit_field(st, regno, "phone", old.phone, nw.phone, err) == -1 ||
	    audit_field(st, regno, "municipality", old.municipality,
	    nw.municipality, err) == -1 ||
	    audit_field(st, regno, "availability",
	    availability_name(old.availability),
	    availability_name(nw.availability), err) == -1 ||
	    audit_field(st, regno, "modalities", m0, m1, err) == -1)
		return (-1);
	return (0);
}

/* Move regno to a new listing status, with history and audit. */
static int
set_status(struct store *st, const struct interpreter *old,
    enum listing status, const char *until, const char *reason,
    struct tk_error *err)
{
	static const char	 sql[] = "UPDATE interpreter SET status = ?2,"
	    " status_until = ?3 WHERE regno = ?1";
	sqlite3_stmt		*s;
	char			 id[32], o[64], n[64];

	if (validate_text("reason", reason, REASON_MAX_LEN, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, old->regno);
	sqlite3_bind_text(s, 2, listing_name(status), -1, SQLITE_STATIC);
	if (until != NULL)
		sqlite3_bind_text(s, 3, until, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1 ||
	    listing_event(st, old->regno, status, until, reason, err) == -1)
		return (-1);
	snprintf(id, sizeof(id), "%" PRId64, old->regno);
	snprintf(o, sizeof(o), "%s%s%s", listing_name(old->status),
	    old->status_until[0] != '\0' ? " until " : "", old->status_until);
	snprintf(n, sizeof(n), "%s%s%s", listing_name(status),
	    until != NULL ? " until " : "", until != NULL ? until : "");
	return (audit_log(st, "interpreter", id, "status", "status", o, n,
	    err));
}

/* Exclude an interpreter (§ 21). */
int
interpreter_exclude(struct store *st, int64_t regno, const char *reason,
    const char *until, int temporary, struct tk_error *err)
{
	struct interpreter	 in;
	enum listing		 cur;
	char			 today[DATE_BUFLEN];

	tk_today(today);
	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	if (temporary && until != NULL)
		return (tk_fail(err, TK_E_USAGE, "until",
		    "'--until' and '--temporary' exclude each other"));
	if (until != NULL) {
		if (validate_date("until", until, err) == -1)
			return (-1);
		if (strcmp(until, today) <= 0)
			return (tk_fail(err, TK_E_INVALID, "until",
			    "'until' must be a date after today (%s)",
			    today));
	}
	cur = interpreter_effective(&in, today);
	if (cur == LIST_WITHDRAWN)
		return (tk_fail(err, TK_E_CONFLICT, "status",
		    "interpreter %" PRId64 " is withdrawn; reinstate before"
		    " excluding", regno));
	if (temporary && cur != LIST_LISTED)
		return (tk_fail(err, TK_E_CONFLICT, "status",
		    "interpreter %" PRId64 " is %s; only a listed interpreter"
		    " can be temporarily excluded", regno, listing_name(cur)));
	return (set_status(st, &in, temporary ? LIST_SUSPENDED :
	    LIST_EXCLUDED, until, reason, err));
}

/* List an excluded, suspended or withdrawn interpreter again. */
int
interpreter_reinstate(struct store *st, int64_t regno, const char *reason,
    struct tk_error *err)
{
	struct interpreter	 in;

	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	if (in.status == LIST_LISTED)
		return (tk_fail(err, TK_E_CONFLICT, "status",
		    "interpreter %" PRId64 " is already listed", regno));
	return (set_status(st, &in, LIST_LISTED, NULL, reason, err));
}

/* Withdraw a listed interpreter at own request. */
int
interpreter_withdraw(struct store *st, int64_t regno, const char *reason,
    struct tk_error *err)
{
	struct interpreter	 in;
	enum listing		 cur;
	char			 today[DATE_BUFLEN];

	tk_today(today);
	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	cur = interpreter_effective(&in, today);
	if (cur != LIST_LISTED)
		return (tk_fail(err, TK_E_CONFLICT, "status",
		    "interpreter %" PRId64 " is %s; only a listed interpreter"
		    " can withdraw", regno, listing_name(cur)));
	return (set_status(st, &in, LIST_WITHDRAWN, NULL,
	    reason != NULL ? reason : "withdrawn at own request", err));
}

/* Record a written warning (§ 21). */
int
warning_add(struct store *st, int64_t regno, const char *date,
    const char *reason, int64_t *id, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO warning"
	    " (regno, date, reason, at, actor) VALUES (?1, ?2, ?3, ?4, ?5)";
	struct interpreter	 in;
	sqlite3_stmt		*s;
	char			 today[DATE_BUFLEN], now[21], rid[32];

	tk_today(today);
	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	if (date == NULL)
		date = today;
	else if (validate_date("date", date, err) == -1)
		return (-1);
	if (strcmp(date, today) > 0)
		return (tk_fail(err, TK_E_INVALID, "date",
		    "'date' %s is in the future", date));
	if (validate_text("reason", reason, REASON_MAX_LEN, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(now);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, store_actor(st), -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*id = sqlite3_last_insert_rowid(store_db(st));
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	return (audit_log(st, "interpreter", rid, "warning", "warning", NULL,
	    date, err));
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

/*
 * The first id that sql (bound by the caller, one id column) returns and
 * that is not in skip; 0 for none, -1 on error.
 */
static int
first_unskipped(struct store *st, sqlite3_stmt *s, const int64_t *skip,
    size_t nskip, int64_t *id, struct tk_error *err)
{
	int	rc;

	*id = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!id_in(sqlite3_column_int64(s, 0), skip, nskip)) {
			*id = sqlite3_column_int64(s, 0);
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(st, err));
	return (0);
}

/* Make the listing history of regno hold event ev. */
int
listing_merge(struct store *st, int64_t regno, const struct listing_record *ev,
    const int64_t *skip, size_t nskip, int64_t *id, int *added,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT id FROM listing_event"
	    " WHERE regno = ?1 AND at = ?2 AND status = ?3 ORDER BY id";
	struct interpreter	 in;
	enum listing		 l;
	sqlite3_stmt		*s;
	time_t			 t;
	const char		*actor;
	char			 at[UTC_BUFLEN], rid[32], what[96];

	*added = 0;
	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	if (ev->status == NULL)
		return (tk_fail(err, TK_E_INVALID, "status",
		    "'status' is required"));
	if (listing_parse(ev->status, &l) == -1)
		return (tk_fail(err, TK_E_INVALID, "status", "'status' must be"
		    " listed, suspended, excluded or withdrawn"));
	if (ev->until != NULL) {
		if (l != LIST_EXCLUDED)
			return (tk_fail(err, TK_E_INVALID, "until",
			    "'until' applies only to an exclusion, not to"
			    " status %s", listing_name(l)));
		if (validate_date("until", ev->until, err) == -1)
			return (-1);
	}
	if (ev->reason == NULL)
		return (tk_fail(err, TK_E_INVALID, "reason",
		    "'reason' is required"));
	if (validate_text("reason", ev->reason, REASON_MAX_LEN, err) == -1)
		return (-1);
	if (ev->at == NULL)
		return (tk_fail(err, TK_E_INVALID, "at", "'at' is required"));
	if (validate_datetime("at", ev->at, &t, err) == -1)
		return (-1);
	if (t > time(NULL))
		return (tk_fail(err, TK_E_INVALID, "at",
		    "'at' %s is in the future; the history records decisions"
		    " taken", ev->at));
	tk_time_utc(t, at);
	actor = store_actor(st);
	if (ev->actor != NULL) {
		if (validate_text("actor", ev->actor, NAME_MAX_LEN, err) == -1)
			return (-1);
		actor = ev->actor;
	}

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, listing_name(l), -1, SQLITE_STATIC);
	if (first_unskipped(st, s, skip, nskip, id, err) == -1)
		return (-1);
	if (*id != 0)
		return (0);
	if (listing_event_at(st, regno, l, ev->until, ev->reason, at, actor,
	    id, err) == -1)
		return (-1);
	*added = 1;
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	snprintf(what, sizeof(what), "%s%s%s at %s", listing_name(l),
	    ev->until != NULL ? " until " : "",
	    ev->until != NULL ? ev->until : "", at);
	return (audit_log(st, "interpreter", rid, "listing", "history", NULL,
	    what, err));
}

/* Set the listing status of regno to that of its latest event. */
int
interpreter_listing_sync(struct store *st, int64_t regno, int *changed,
    struct tk_error *err)
{
	static const char	 last[] = "SELECT status, coalesce(until, '')"
	    " FROM listing_event WHERE regno = ?1"
	    " ORDER BY at DESC, id DESC LIMIT 1";
	static const char	 upd[] = "UPDATE interpreter SET status = ?2,"
	    " status_until = ?3 WHERE regno = ?1";
	struct interpreter	 in;
	sqlite3_stmt		*s;
	enum listing		 l = LIST_LISTED;
	char			 until[DATE_BUFLEN], id[32], o[64], n[64];
	int			 rc;

	*changed = 0;
	if (interpreter_get(st, regno, &in, err) == -1)
		return (-1);
	if ((s = store_stmt(st, last, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
	}
	listing_parse(store_text(s, 0), &l);
	snprintf(until, sizeof(until), "%s", store_text(s, 1));
	sqlite3_reset(s);
	if (l == in.status && strcmp(until, in.status_until) == 0)
		return (0);

	if ((s = store_stmt(st, upd, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, listing_name(l), -1, SQLITE_STATIC);
	if (until[0] != '\0')
		sqlite3_bind_text(s, 3, until, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*changed = 1;
	snprintf(id, sizeof(id), "%" PRId64, regno);
	snprintf(o, sizeof(o), "%s%s%s", listing_name(in.status),
	    in.status_until[0] != '\0' ? " until " : "", in.status_until);
	snprintf(n, sizeof(n), "%s%s%s", listing_name(l),
	    until[0] != '\0' ? " until " : "", until);
	return (audit_log(st, "interpreter", id, "status", "status", o, n,
	    err));
}

/* Make regno hold a warning dated date with reason. */
int
warning_merge(struct store *st, int64_t regno, const char *date,
    const char *reason, const int64_t *skip, size_t nskip, int64_t *id,
    int *added, struct tk_error *err)
{
	static const char	 sql[] = "SELECT id FROM warning"
	    " WHERE regno = ?1 AND date = ?2 AND reason = ?3 ORDER BY id";
	sqlite3_stmt		*s;

	*added = 0;
	if (date == NULL)
		return (tk_fail(err, TK_E_INVALID, "date",
		    "'date' is required"));
	if (reason == NULL)
		return (tk_fail(err, TK_E_INVALID, "reason",
		    "'reason' is required"));
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	if (first_unskipped(st, s, skip, nskip, id, err) == -1)
		return (-1);
	if (*id != 0)
		return (0);
	if (warning_add(st, regno, date, reason, id, err) == -1)
		return (-1);
	*added = 1;
	return (0);
}

/* Number of warnings in the five years up to today. */
int
warning_count_5y(struct store *st, int64_t regno, const char *today,
    int *count, struct tk_error *err)
{
	static const char	 sql[] = "SELECT count(*) FROM warning"
	    " WHERE regno = ?1 AND date > date(?2, '-5 years')"
	    " AND date <= ?2";
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (store_fail(st, err));
	}
	*count = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return (0);
}
