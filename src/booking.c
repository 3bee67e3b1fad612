/*
 * Booking. The match is re-run inside the booking's IMMEDIATE
 * transaction, unranked (the best is found in one pass), so the check
 * and the write see the same register and two bookers can never both
 * take one interpreter's time. Every booking keeps the ranking it was
 * made from (ranking.h), shown again by booking_ranking().
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "ranking.h"
#include "tolkreg/booking.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

/* The most bytes of a name a ranking shows. */
#define RANKING_NAMELEN	255

/* The ranking as JSON text, as stored before schema 8. */
static char *
ranking_json(const struct match_result *m)
{
	const struct candidate	*c;
	json_t			*a;
	char			*text, cat[2];
	size_t			 i;

	a = json_array();
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		cat[0] = c->category;
		cat[1] = '\0';
		json_array_append_new(a, json_pack("[I,i,s,s,i,i,i]",
		    (json_int_t)c->regno, c->rank, match_rule_name(c->rule),
		    cat, c->travel_minutes, c->booked_minutes, c->continuity));
	}
	text = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return (text);
}

/*
 * Store the ranking a booking was made from: every candidate (in any
 * order) with the figures behind its place; the order, names and
 * reasons are rebuilt when shown.
 * Format 2 (schema 10), JSON text if a figure does not fit it.
 */
static int
ranking_store(struct store *st, const struct request *r,
    const struct match_result *m, struct tk_error *err)
{
	struct match_result	 o;
	unsigned char		*blob;
	char			*text;
	size_t			 len = 0;
	int			 rc;

	if ((blob = ranking_pack(m, &len)) != NULL) {
		rc = ranking_write(st, r->id, blob, len, 2, err);
		free(blob);
		return (rc);
	}
	/* In ranking order, as JSON rankings were always stored. */
	o = *m;
	o.c = xreallocarray(NULL, m->n > 0 ? m->n : 1, sizeof(*o.c));
	if (m->n > 0)
		memcpy(o.c, m->c, m->n * sizeof(*o.c));
	match_rank_order(&o);
	text = ranking_json(&o);
	free(o.c);
	if (text == NULL)
		return (tk_fail(err, TK_E_STORE, NULL,
		    "cannot encode the ranking"));
	rc = ranking_write(st, r->id, text, strlen(text), 1, err);
	free(text);
	return (rc);
}

/* The rule with short name s; RULE_NONE for "eligible" or unknown. */
static enum match_rule
rule_parse(const char *s)
{
	int	i;

	for (i = 0; i < RULE_NRULES; i++) {
		if (strcmp(s, match_rule_name((enum match_rule)i)) == 0)
			return ((enum match_rule)i);
	}
	return (RULE_NONE);
}

/*
 * Book r from its ranking m (candidates in register number order, as
 * match_unranked() leaves them): the best, or regno if it passes every
 * rule.
 */
static int
book_from(struct store *st, const struct request *r,
    const struct match_result *m, int64_t regno, int64_t *booked,
    struct tk_error *err)
{
	const struct candidate	*pick;
	char			 why[512];

	if (regno != 0) {
		pick = match_find(m, regno);
		if (pick == NULL)
			return (tk_fail(err, TK_E_INVALID, "regno",
			    "interpreter %" PRId64 " has no category in '%s'",
			    regno, r->lang));
		if (pick->rule != RULE_NONE)
			return (tk_fail(err, pick->rule == RULE_BOOKED ?
			    TK_E_CONFLICT : TK_E_INVALID, "regno",
			    "interpreter %" PRId64 " cannot take request %"
			    PRId64 ": %s (%s)", regno, r->id,
			    match_rule_text(pick->rule),
			    match_rule_name(pick->rule)));
	} else if ((pick = match_best(m)) == NULL) {
		match_why_none(m, why, sizeof(why));
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL, "no interpreter"
		    " can take request %" PRId64 ": %s", r->id, why));
	}
	if (request_set_booked(st, r, pick->regno, pick->category,
	    pick->travel_minutes, err) == -1 ||
	    ranking_store(st, r, m, err) == -1)
		return (-1);
	*booked = pick->regno;
	return (0);
}

/* Book a request. */
int
booking_book(struct store *st, int64_t id, int64_t regno, int64_t *booked,
    struct tk_error *err)
{
	struct request		 r;
	struct match_result	 m;
	int			 rc;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (r.state != REQ_REQUESTED)
		return (tk_fail(err, TK_E_CONFLICT, "state",
		    "request %" PRId64 " is %s and cannot be booked", id,
		    req_state_name(r.state)));
	if (match_unranked(st, &r, 0, &m, err) == -1)
		return (-1);
	rc = book_from(st, &r, &m, regno, booked, err);
	match_result_release(&m);
	return (rc);
}

/*
 * A ranking stored as JSON text (before schema 8) into *m, in its
 * stored order (names ""); -1, with nothing to free, if it is damaged.
 */
static int
ranking_from_json(const char *text, struct match_result *m)
{
	struct candidate	*c;
	json_t			*j, *o;
	json_int_t		 regno;
	const char		*rule, *cat;
	size_t			 i;

	memset(m, 0, sizeof(*m));
	j = json_loads(text, 0, NULL);
	if (!json_is_array(j)) {
		json_decref(j);
		return (-1);
	}
	m->c = xreallocarray(NULL, json_array_size(j) > 0 ?
	    json_array_size(j) : 1, sizeof(*m->c));
	json_array_foreach(j, i, o) {
		c = &m->c[i];
		memset(c, 0, sizeof(*c));
		if (json_unpack(o, "[I,i,s,s,i,i,i]", &regno, &c->rank, &rule,
		    &cat, &c->travel_minutes, &c->booked_minutes,
		    &c->continuity) == -1) {
			json_decref(j);
			match_result_release(m);
			return (-1);
		}
		c->regno = regno;
		c->name = "";
		c->rule = rule_parse(rule);
		c->category = cat[0];
		c->travel_band = geo_travel_band(c->travel_minutes);
		m->n++;
	}
	json_decref(j);
	return (0);
}

/*
 * Read each candidate's name of a stored ranking from the register
 * into m's names ("" for one no longer there).
 */
static int
ranking_names(struct store *st, struct match_result *m,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT name FROM interpreter"
	    " WHERE regno = ?1";
	sqlite3_stmt		*s;
	const char		*name;
	size_t			 i, len, used = 0, cap = 0, *at;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	at = xreallocarray(NULL, m->n > 0 ? m->n : 1, sizeof(*at));
	for (i = 0; i < m->n; i++) {
		sqlite3_bind_int64(s, 1, m->c[i].regno);
		name = sqlite3_step(s) == SQLITE_ROW ? store_text(s, 0) : "";
		if ((len = strlen(name)) > RANKING_NAMELEN)
			len = RANKING_NAMELEN;
		if (cap - used < len + 1) {
			cap = cap + len + 1 > 2 * cap ? cap + len + 1 : 2 * cap;
			m->names = xrealloc(m->names, cap);
		}
		memcpy(m->names + used, name, len);
		m->names[used + len] = '\0';
		at[i] = used;
		used += len + 1;
		sqlite3_reset(s);
	}
	for (i = 0; i < m->n; i++)
		m->c[i].name = m->names + at[i];
	free(at);
	return (0);
}

/* The stored ranking of request id as a table. */
int
booking_ranking(struct store *st, int64_t id, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT k.ranking, k.format"
	    " FROM ranking k WHERE k.request = ?1";
	struct request		 r;
	struct match_result	 m;
	sqlite3_stmt		*s;
	unsigned char		*blob = NULL;
	char			*text = NULL;
	size_t			 n = 0;
	int			 rc, format;

	memset(&m, 0, sizeof(m));
	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		match_table(&r, &m, 0, 1, t);
		return (0);
	}
	/* Copied: the name lookups below reuse the connection. */
	format = sqlite3_column_int(s, 1);
	if (sqlite3_column_type(s, 0) == SQLITE_BLOB) {
		n = (size_t)sqlite3_column_bytes(s, 0);
		blob = xmalloc(n > 0 ? n : 1);
		if (n > 0)
			memcpy(blob, sqlite3_column_blob(s, 0), n);
	} else
		text = xstrdup(store_text(s, 0));
	sqlite3_reset(s);
	if (text != NULL)
		rc = ranking_from_json(text, &m);
	else
		rc = format == 2 ? ranking_unpack(blob, n, &m) : format == 1 ?
		    ranking_unpack_v1(blob, n, &m) : -1;
	free(text);
	free(blob);
	if (rc == -1)
		return (tk_fail(err, TK_E_STORE, NULL, "the stored ranking of"
		    " request %" PRId64 " is damaged", id));
	if ((rc = ranking_names(st, &m, err)) == 0)
		match_table(&r, &m, 0, 1, t);
	match_result_release(&m);
	return (rc);
}
