/*
 * Read views of the register (Nasjonalt tolkeregister, tolkeloven § 17):
 * the public search, which for a language always puts the highest
 * category first and never shows a personal number or contact details,
 * and the administrative lists.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/register.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/*
 * Step s to the end, or with pg to the end of the page (whose key, as
 * key says, follows the ncols columns), copying ncols columns of each
 * row into t.
 */
static int
fill_page(struct store *st, sqlite3_stmt *s, struct page *pg,
    const char *key, struct table *t, int ncols, const char *const *names,
    const enum tcol_type *types, struct tk_error *err)
{
	int	i, rc;

	for (i = 0; i < ncols; i++)
		table_col(t, names[i], types[i]);
	while ((rc = page_step(pg, s, ncols, key)) == SQLITE_ROW) {
		table_row(t);
		for (i = 0; i < ncols; i++)
			table_put(t, store_text(s, i));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* Step s to the end, copying ncols columns of each row into t. */
static int
fill(struct store *st, sqlite3_stmt *s, struct table *t, int ncols,
    const char *const *names, const enum tcol_type *types,
    struct tk_error *err)
{
	return (fill_page(st, s, NULL, NULL, t, ncols, names, types, err));
}

/* Bind an optional text parameter. */
static void
bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Turn the search's text into a query. */
int
search_query_parse(const struct search_text *in, struct search_query *q,
    struct tk_error *err)
{
	memset(q, 0, sizeof(*q));
	q->lang = in->lang;
	q->county = in->county;
	q->municipality = in->municipality;
	if ((in->category != NULL && validate_category("category",
	    in->category, &q->category, err) == -1) ||
	    (in->gender != NULL && gender_parse("gender", in->gender,
	    &q->gender, err) == -1) ||
	    (in->modality != NULL && modalities_parse("modality",
	    in->modality, &q->modality, err) == -1))
		return (-1);
	if (in->modality != NULL && (q->modality & (q->modality - 1)) != 0)
		return (tk_fail(err, TK_E_INVALID, "modality",
		    "'modality' must be one of onsite, video or phone"));
	if ((q->lang != NULL && validate_lang("lang", q->lang, err) == -1) ||
	    (q->county != NULL &&
	    validate_county("county", q->county, err) == -1) ||
	    (q->municipality != NULL && validate_knr("municipality",
	    q->municipality, err) == -1))
		return (-1);
	return (0);
}

/*
 * The public search, by category, name and register number (the
 * cursor's key: ?8, ?9, ?10; the limit ?11).
 */
#define SEARCH_SQL(after) "SELECT i.regno, i.name, i.gender,"		\
    " q.lang, CASE l.name_nb WHEN '' THEN l.name_en ELSE l.name_nb"	\
    " END, q.category, i.municipality, m.name, m.county, c.name,"		\
    " i.availability, tk_modalities(i.modalities),"			\
    " q.category, i.name, i.regno"					\
    " FROM qualification q"						\
    " JOIN interpreter i ON i.regno = q.regno"				\
    " JOIN language l ON l.code = q.lang"				\
    " JOIN municipality m ON m.code = i.municipality"			\
    " JOIN county c ON c.code = m.county"				\
    " WHERE q.lang = ?1 AND q.category <= ?2"				\
    " AND tk_listed(i.status, i.status_until, ?3)"			\
    " AND (?4 IS NULL OR m.county = ?4)"				\
    " AND (?5 IS NULL OR i.municipality = ?5)"				\
    " AND (?6 IS NULL OR i.gender = ?6)"				\
    " AND (?7 = 0 OR i.modalities & ?7)" after				\
    " ORDER BY q.category, i.name, i.regno LIMIT ?11"

/* The public register search. */
int
register_search(struct store *st, const struct search_query *q,
    const char *today, struct page *pg, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = SEARCH_SQL("");
	static const char	 after_sql[] = SEARCH_SQL(" AND (q.category,"
	    " i.name, i.regno) > (?8, ?9, ?10)");
	static const char *const names[] = { "regno", "name", "gender",
	    "language", "language_name", "category", "municipality",
	    "municipality_name", "county", "county_name", "availability",
	    "modalities" };
	static const enum tcol_type types[] = { TCOL_INT, TCOL_STR, TCOL_STR,
	    TCOL_STR, TCOL_STR, TCOL_STR, TCOL_STR, TCOL_STR, TCOL_STR,
	    TCOL_STR, TCOL_STR, TCOL_STR };
	sqlite3_stmt		*s;
	char			 cat[2], g[2];

	if (q->lang == NULL)
		return (tk_fail(err, TK_E_USAGE, "lang", "'--lang' is required"));
	if (language_check(st, "lang", q->lang, err) == -1 ||
	    (q->county != NULL &&
	    geo_county_check(st, "county", q->county, err) == -1) ||
	    (q->municipality != NULL &&
	    geo_municipality_check(st, "municipality", q->municipality,
	    err) == -1))
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 8, "ssi", err) == -1)
		return (-1);
	cat[0] = q->category != 0 ? q->category : 'E';
	cat[1] = '\0';
	g[0] = q->gender;
	g[1] = '\0';
	sqlite3_bind_text(s, 1, q->lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, cat, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, today, -1, SQLITE_TRANSIENT);
	bind_opt(s, 4, q->county);
	bind_opt(s, 5, q->municipality);
	if (q->gender != 0)
		sqlite3_bind_text(s, 6, g, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 7, (int)q->modality);
	return (fill_page(st, s, pg, "ssi", t, 12, names, types, err));
}

/*
 * The administrative list, by register number (the cursor's key: ?4;
 * the limit ?5).
 */
#define LIST_SQL(after) "SELECT i.regno, i.name, i.gender,"		\
    " i.municipality, i.availability,"					\
    " tk_modalities(i.modalities),"					\
    " i.status, coalesce(i.status_until, ''),"				\
    " coalesce((SELECT group_concat(lang || ':' || category, ' ')"	\
    "  FROM (SELECT lang, category FROM qualification"			\
    "   WHERE regno = i.regno ORDER BY category, lang)), ''),"		\
    " i.regno"								\
    " FROM interpreter i"						\
    " WHERE (?1 IS NULL OR i.status = ?1)"				\
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM qualification"		\
    "  WHERE regno = i.regno AND lang = ?2))"				\
    " AND (?3 IS NULL OR i.municipality = ?3)" after			\
    " ORDER BY i.regno LIMIT ?5"

/* The administrative interpreter list. */
int
register_list(struct store *st, const struct list_query *q,
    struct page *pg, struct table *t, struct tk_error *err)
{
	static const char	 sql[] = LIST_SQL("");
	static const char	 after_sql[] = LIST_SQL(" AND i.regno > ?4");
	static const char *const names[] = { "regno", "name", "gender",
	    "municipality", "availability", "modalities", "status",
	    "status_until", "languages" };
	static const enum tcol_type types[] = { TCOL_INT, TCOL_STR, TCOL_STR,
	    TCOL_STR, TCOL_STR, TCOL_STR, TCOL_STR, TCOL_NSTR, TCOL_STR };
	sqlite3_stmt		*s;

	if (q->status != NULL && strcmp(q->status, "listed") != 0 &&
	    strcmp(q->status, "suspended") != 0 &&
	    strcmp(q->status, "excluded") != 0 &&
	    strcmp(q->status, "withdrawn") != 0)
		return (tk_fail(err, TK_E_INVALID, "status", "'status' must"
		    " be listed, suspended, excluded or withdrawn"));
	if ((q->lang != NULL &&
	    language_check(st, "lang", q->lang, err) == -1) ||
	    (q->municipality != NULL &&
	    geo_municipality_check(st, "municipality", q->municipality,
	    err) == -1))
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 4, "i", err) == -1)
		return (-1);
	bind_opt(s, 1, q->status);
	bind_opt(s, 2, q->lang);
	bind_opt(s, 3, q->municipality);
	return (fill_page(st, s, pg, "i", t, 9, names, types, err));
}

/* One interpreter's languages and derived categories. */
int
register_languages(struct store *st, int64_t regno, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT q.lang, CASE l.name_nb"
	    " WHEN '' THEN l.name_en ELSE l.name_nb END, q.category"
	    " FROM qualification q JOIN language l ON l.code = q.lang"
	    " WHERE q.regno = ?1 ORDER BY q.category, q.lang";
	static const char *const names[] = { "lang", "language_name",
	    "category" };
	static const enum tcol_type types[] = { TCOL_STR, TCOL_STR, TCOL_STR };
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	return (fill(st, s, t, 3, names, types, err));
}

/* Credentials by id (the cursor's key: ?2; the limit ?3). */
#define CREDENTIALS_SQL(after) "SELECT id, kind, coalesce(lang, ''),"	\
    " obtained, ref, coalesce(revoked, ''),"				\
    " coalesce(revoke_reason, ''), id FROM credential WHERE regno = ?1"	\
    after " ORDER BY id LIMIT ?3"

/* One interpreter's credentials. */
int
register_credentials(struct store *st, int64_t regno, struct page *pg,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = CREDENTIALS_SQL("");
	static const char	 after_sql[] = CREDENTIALS_SQL(" AND id > ?2");
	static const char *const names[] = { "id", "kind", "lang",
	    "obtained", "ref", "revoked", "revoke_reason" };
	static const enum tcol_type types[] = { TCOL_INT, TCOL_STR, TCOL_NSTR,
	    TCOL_STR, TCOL_STR, TCOL_NSTR, TCOL_NSTR };
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 2, "i", err) == -1)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	return (fill_page(st, s, pg, "i", t, 7, names, types, err));
}

/* One interpreter's listing history. */
int
register_history(struct store *st, int64_t regno, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT tk_time(at), status,"
	    " coalesce(until, ''), reason, actor FROM listing_event"
	    " WHERE regno = ?1 ORDER BY id";
	static const char *const names[] = { "at", "status", "until",
	    "reason", "actor" };
	static const enum tcol_type types[] = { TCOL_STR, TCOL_STR, TCOL_NSTR,
	    TCOL_STR, TCOL_STR };
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	return (fill(st, s, t, 5, names, types, err));
}

/* Warnings by date and id (the cursor's key: ?2, ?3; the limit ?4). */
#define WARNINGS_SQL(after) "SELECT id, date, reason, date, id"		\
    " FROM warning WHERE regno = ?1" after " ORDER BY date, id LIMIT ?4"

/* One interpreter's written warnings. */
int
register_warnings(struct store *st, int64_t regno, struct page *pg,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = WARNINGS_SQL("");
	static const char	 after_sql[] = WARNINGS_SQL(" AND (date, id) >"
	    " (?2, ?3)");
	static const char *const names[] = { "id", "date", "reason" };
	static const enum tcol_type types[] = { TCOL_INT, TCOL_STR, TCOL_STR };
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 2, "si", err) == -1)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	return (fill_page(st, s, pg, "si", t, 3, names, types, err));
}

/*
 * Public bodies, by organisation number (the cursor's key: ?3; the
 * limit ?4).
 */
#define BODIES_SQL(after) "SELECT b.orgnr, b.name, b.sector,"		\
    " b.municipality, m.name, m.county,"				\
    " CASE b.regular WHEN 1 THEN 'yes' ELSE 'no' END, b.guidelines,"	\
    " b.orgnr"								\
    " FROM body b JOIN municipality m ON m.code = b.municipality"	\
    " WHERE (?1 IS NULL OR b.sector = ?1)"				\
    " AND (?2 IS NULL OR m.county = ?2)" after				\
    " ORDER BY b.orgnr LIMIT ?4"

/* Public bodies. */
int
register_bodies(struct store *st, const char *sector, const char *county,
    struct page *pg, struct table *t, struct tk_error *err)
{
	static const char	 sql[] = BODIES_SQL("");
	static const char	 after_sql[] = BODIES_SQL(" AND b.orgnr > ?3");
	static const char *const names[] = { "orgnr", "name", "sector",
	    "municipality", "municipality_name", "county", "regular",
	    "guidelines" };
	static const enum tcol_type types[] = { TCOL_STR, TCOL_STR, TCOL_STR,
	    TCOL_STR, TCOL_STR, TCOL_STR, TCOL_BOOL, TCOL_STR };
	sqlite3_stmt		*s;

	if (county != NULL && geo_county_check(st, "county", county, err) == -1)
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 3, "s", err) == -1)
		return (-1);
	bind_opt(s, 1, sector);
	bind_opt(s, 2, county);
	return (fill_page(st, s, pg, "s", t, 8, names, types, err));
}
