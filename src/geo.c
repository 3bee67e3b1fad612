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

	if (validate_knr(st, "municipality", knr1, err) == -1 ||
	    validate_knr(st, "municipality", knr2, err) == -1)
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
