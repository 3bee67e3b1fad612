/*
 * Distances between municipalities, from the representative point of
 * each (the centroid of its largest land part). Travel time for on-site
 * assignments is computed from these.
 */
#include "config.h"

#include <math.h>

#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define EARTH_RADIUS_KM	6371.0088	/* mean radius (IUGG) */

/*
 * Whether a municipality or county code is one of the 2024 structure:
 * a row that store_load_reference() loaded into this module's tables.
 */

/* Fail unless value names a row of sql, a what of the 2024 structure. */
static int
geo_check(struct store *st, const char *sql, const char *field,
    const char *value, const char *what, struct tk_error *err)
{
	int	rc;

	if ((rc = store_exists(st, sql, value, err)) == -1)
		return (-1);
	if (rc == 0)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' '%s' is not a %s of the 2024 structure", field,
		    value, what));
	return (0);
}

/* Validate a kommunenummer that names a municipality. */
int
geo_municipality_check(struct store *st, const char *field,
    const char *value, struct tk_error *err)
{
	static const char	 sql[] =
	    "SELECT 1 FROM municipality WHERE code = ?1";

	if (validate_knr(field, value, err) == -1)
		return (-1);
	return (geo_check(st, sql, field, value, "municipality", err));
}

/* Validate a county number that names a county. */
int
geo_county_check(struct store *st, const char *field, const char *value,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT 1 FROM county WHERE code = ?1";

	if (validate_county(field, value, err) == -1)
		return (-1);
	return (geo_check(st, sql, field, value, "county", err));
}

/* Great-circle distance in km (haversine formula). */
double
geo_haversine_km(double lat1, double lon1, double lat2, double lon2)
{
	double	p1, p2, dp, dl, a;

	p1 = lat1 * M_PI / 180.0;
	p2 = lat2 * M_PI / 180.0;
	dp = p2 - p1;
	dl = (lon2 - lon1) * M_PI / 180.0;
	a = sin(dp / 2) * sin(dp / 2) +
	    cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	return (2.0 * EARTH_RADIUS_KM * atan2(sqrt(a), sqrt(1.0 - a)));
}

/* Distance in km between two municipalities. */
int
geo_distance_km(struct store *st, const char *knr1, const char *knr2,
    double *km, struct tk_error *err)
{
	static const char	 sql[] = "SELECT a.lat, a.lon, b.lat, b.lon"
	    " FROM municipality a, municipality b"
	    " WHERE a.code = ?1 AND b.code = ?2";
	sqlite3_stmt		*s;
	int			 rc;

	if (geo_municipality_check(st, "municipality", knr1, err) == -1 ||
	    geo_municipality_check(st, "municipality", knr2, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, knr1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, knr2, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (store_fail(st, err));
	}
	*km = geo_haversine_km(sqlite3_column_double(s, 0),
	    sqlite3_column_double(s, 1), sqlite3_column_double(s, 2),
	    sqlite3_column_double(s, 3));
	sqlite3_reset(s);
	return (0);
}

/* One-way travel minutes for a straight-line distance. */
int
geo_travel_minutes(double km)
{
	double	m;

	m = ceil(km * GEO_ROAD_FACTOR / GEO_SPEED_KMH * 60.0);
	return (m < GEO_TRAVEL_MIN_MIN ? GEO_TRAVEL_MIN_MIN : (int)m);
}

/* The travel band of a one-way travel time. */
int
geo_travel_band(int minutes)
{
	if (minutes <= 30)
		return (0);
	if (minutes <= 60)
		return (1);
	if (minutes <= 120)
		return (2);
	return (3);
}
