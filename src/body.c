/*
 * Public bodies (offentlige organer) that order interpreters, with what
 * tolkeloven § 9 asks of those that use interpreters regularly.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

static const char *const sector_names[SECTOR_NSECTORS] = {
	[SECTOR_HEALTH] = "health",
	[SECTOR_WELFARE] = "welfare",
	[SECTOR_POLICE] = "police",
	[SECTOR_COURTS] = "courts",
	[SECTOR_IMMIGRATION] = "immigration",
	[SECTOR_CHILD_WELFARE] = "child-welfare",
	[SECTOR_EDUCATION] = "education",
	[SECTOR_MUNICIPAL] = "municipal",
	[SECTOR_OTHER] = "other",
};

static const char *const guide_names[GUIDE_NKINDS] = {
	[GUIDE_FULL] = "full",
	[GUIDE_PARTIAL] = "partial",
	[GUIDE_NONE] = "none",
};

/* The CLI spelling of a sector. */
const char *
sector_name(enum sector s)
{
	return ((unsigned int)s < SECTOR_NSECTORS ? sector_names[s] :
	    "unknown");
}

/* Parse a sector name. */
int
sector_parse(const char *s, enum sector *out)
{
	int	i;

	if ((i = tk_name_index(sector_names, SECTOR_NSECTORS, s)) == -1)
		return (-1);
	*out = (enum sector)i;
	return (0);
}

/* The CLI spelling of a guidelines state. */
const char *
guidelines_name(enum guidelines g)
{
	return ((unsigned int)g < GUIDE_NKINDS ? guide_names[g] : "unknown");
}

/* Parse a guidelines state. */
int
guidelines_parse(const char *s, enum guidelines *out)
{
	int	i;

	if ((i = tk_name_index(guide_names, GUIDE_NKINDS, s)) == -1)
		return (-1);
	*out = (enum guidelines)i;
	return (0);
}

/* Turn a body's fields as text into a body_input. */
int
body_input_parse(const struct body_text *t, struct body_input *in,
    struct tk_error *err)
{
	enum sector	s;
	enum guidelines	g;

	in->orgnr = t->orgnr;
	in->name = t->name;
	in->municipality = t->municipality;
	in->regular = t->regular;
	in->sector = -1;
	in->guidelines = -1;
	if (t->sector != NULL) {
		if (sector_parse(t->sector, &s) == -1)
			return (tk_fail(err, TK_E_INVALID, "sector",
			    "'sector' must be health, welfare, police,"
			    " courts, immigration, child-welfare, education,"
			    " municipal or other"));
		in->sector = (int)s;
	}
	if (t->guidelines != NULL) {
		if (guidelines_parse(t->guidelines, &g) == -1)
			return (tk_fail(err, TK_E_INVALID, "guidelines",
			    "'guidelines' must be full, partial or none"));
		in->guidelines = (int)g;
	}
	return (0);
}

/* Validate the fields present in in. */
static int
input_check(struct store *st, const struct body_input *in, int required,
    struct tk_error *err)
{
	if (required) {
		if (in->orgnr == NULL)
			return (tk_fail(err, TK_E_INVALID, "orgnr",
			    "'orgnr' is required"));
		if (in->name == NULL)
			return (tk_fail(err, TK_E_INVALID, "name",
			    "'name' is required"));
		if (in->sector < 0)
			return (tk_fail(err, TK_E_INVALID, "sector",
			    "'sector' is required"));
		if (in->municipality == NULL)
			return (tk_fail(err, TK_E_INVALID, "municipality",
			    "'municipality' is required"));
		if (in->guidelines < 0)
			return (tk_fail(err, TK_E_INVALID, "guidelines",
			    "'guidelines' is required"));
	}
	if (in->orgnr != NULL && validate_orgnr("orgnr", in->orgnr, err) == -1)
		return (-1);
	if (in->name != NULL &&
	    validate_text("name", in->name, BODY_NAME_MAX, err) == -1)
		return (-1);
	if (in->sector >= SECTOR_NSECTORS)
		return (tk_fail(err, TK_E_INVALID, "sector",
		    "'sector' is not a known sector"));
	if (in->municipality != NULL &&
	    geo_municipality_check(st, "municipality", in->municipality,
	    err) == -1)
		return (-1);
	if (in->guidelines >= GUIDE_NKINDS)
		return (tk_fail(err, TK_E_INVALID, "guidelines",
		    "'guidelines' must be full, partial or none"));
	return (0);
}

/* Add a body. */
int
body_add(struct store *st, const struct body_input *in, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO body (orgnr, name,"
	    " sector, municipality, regular, guidelines, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	struct body		 old;
	struct tk_error		 e2;
	sqlite3_stmt		*s;
	char			 now[21];

	if (input_check(st, in, 1, err) == -1)
		return (-1);
	tk_error_clear(&e2);
	if (body_get(st, in->orgnr, &old, &e2) == 0)
		return (tk_fail(err, TK_E_CONFLICT, "orgnr",
		    "'orgnr' %s is already registered, as '%s'", in->orgnr,
		    old.name));
	if (e2.code != TK_E_NOTFOUND)
		return (tk_fail(err, e2.code, e2.field, "%s", e2.msg));
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(now);
	sqlite3_bind_text(s, 1, in->orgnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, sector_name((enum sector)in->sector), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(s, 4, in->municipality, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, in->regular > 0);
	sqlite3_bind_text(s, 6, guidelines_name((enum guidelines)
	    in->guidelines), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	return (audit_log(st, "body", in->orgnr, "add", NULL, NULL, in->name,
	    err));
}

/* Load a body by organisation number. */
int
body_get(struct store *st, const char *orgnr, struct body *out,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT orgnr, name, sector,"
	    " municipality, regular, guidelines, tk_time(created) FROM body"
	    " WHERE orgnr = ?1";
	sqlite3_stmt		*s;
	enum sector		 sec = SECTOR_OTHER;
	enum guidelines		 g = GUIDE_NONE;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, orgnr, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "orgnr",
		    "no public body with organisation number '%s'", orgnr));
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->orgnr, sizeof(out->orgnr), "%s", store_text(s, 0));
	snprintf(out->name, sizeof(out->name), "%s", store_text(s, 1));
	sector_parse(store_text(s, 2), &sec);
	out->sector = sec;
	snprintf(out->municipality, sizeof(out->municipality), "%s",
	    store_text(s, 3));
	out->regular = sqlite3_column_int(s, 4);
	guidelines_parse(store_text(s, 5), &g);
	out->guidelines = g;
	snprintf(out->created, sizeof(out->created), "%s", store_text(s, 6));
	sqlite3_reset(s);
	return (0);
}

/* Audit one changed field of a body. */
static int
audit_field(struct store *st, const char *orgnr, const char *field,
    const char *old, const char *new_value, struct tk_error *err)
{
	if (strcmp(old, new_value) == 0)
		return (0);
	return (audit_log(st, "body", orgnr, "update", field, old, new_value,
	    err));
}

/* Change the given fields of a body. */
int
body_update(struct store *st, const char *orgnr, const struct body_input *in,
    struct tk_error *err)
{
	static const char	 sql[] = "UPDATE body SET name = ?2,"
	    " sector = ?3, municipality = ?4, regular = ?5, guidelines = ?6"
	    " WHERE orgnr = ?1";
	struct body		 old, nw;
	sqlite3_stmt		*s;

	if (validate_orgnr("orgnr", orgnr, err) == -1 ||
	    body_get(st, orgnr, &old, err) == -1)
		return (-1);
	if (in->orgnr != NULL && strcmp(in->orgnr, orgnr) != 0)
		return (tk_fail(err, TK_E_INVALID, "orgnr",
		    "'orgnr' names the body and cannot be changed"));
	if (input_check(st, in, 0, err) == -1)
		return (-1);
	if (in->name == NULL && in->sector < 0 && in->municipality == NULL &&
	    in->regular < 0 && in->guidelines < 0)
		return (tk_fail(err, TK_E_USAGE, NULL,
		    "nothing to update: give at least one field"));
	nw = old;
	if (in->name != NULL)
		snprintf(nw.name, sizeof(nw.name), "%s", in->name);
	if (in->sector >= 0)
		nw.sector = (enum sector)in->sector;
	if (in->municipality != NULL)
		snprintf(nw.municipality, sizeof(nw.municipality), "%s",
		    in->municipality);
	if (in->regular >= 0)
		nw.regular = in->regular;
	if (in->guidelines >= 0)
		nw.guidelines = (enum guidelines)in->guidelines;
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, orgnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, nw.name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, sector_name(nw.sector), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, nw.municipality, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, nw.regular);
	sqlite3_bind_text(s, 6, guidelines_name(nw.guidelines), -1,
	    SQLITE_STATIC);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	if (audit_field(st, orgnr, "name", old.name, nw.name, err) == -1 ||
	    audit_field(st, orgnr, "sector", sector_name(old.sector),
	    sector_name(nw.sector), err) == -1 ||
	    audit_field(st, orgnr, "municipality", old.municipality,
	    nw.municipality, err) == -1 ||
	    audit_field(st, orgnr, "regular", old.regular ? "yes" : "no",
	    nw.regular ? "yes" : "no", err) == -1 ||
	    audit_field(st, orgnr, "guidelines",
	    guidelines_name(old.guidelines), guidelines_name(nw.guidelines),
	    err) == -1)
		return (-1);
	return (0);
}
