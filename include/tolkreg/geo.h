#ifndef TOLKREG_GEO_H
#define TOLKREG_GEO_H

/*
 * Geography: the 2024 counties and municipalities, and distances
 * between municipalities from their representative points (Kartverket,
 * CC BY 4.0).
 */

struct store;
struct tk_error;

/*
 * A kommunenummer of one of the 2024 municipalities, and a county
 * number of one of the 2024 counties: the form (validate_knr(),
 * validate_county()), then the row. TK_E_INVALID naming field.
 */
int	geo_municipality_check(struct store *, const char *field,
	    const char *value, struct tk_error *);
int	geo_county_check(struct store *, const char *field,
	    const char *value, struct tk_error *);

/* Great-circle distance in km between two WGS84 points. */
double	geo_haversine_km(double lat1, double lon1, double lat2, double lon2);

/* Distance in km between the points of two municipalities. */
int	geo_distance_km(struct store *, const char *knr1, const char *knr2,
	    double *km, struct tk_error *);

/*
 * Travel time for on-site work, from the straight-line distance between
 * two points: road distance GEO_ROAD_FACTOR times it, driven at
 * GEO_SPEED_KMH door to door, never less than GEO_TRAVEL_MIN_MIN one
 * way. Farther than GEO_TRAVEL_MAX_MIN one way is too far to travel.
 */
#define GEO_SPEED_KMH		60	/* average door-to-door speed */
#define GEO_ROAD_FACTOR		1.3	/* road distance / straight line */
#define GEO_TRAVEL_MIN_MIN	15	/* minimum one-way travel time */
#define GEO_TRAVEL_MAX_MIN	240	/* farther is "too far" */

/* One-way travel minutes for a straight-line distance in km. */
int	geo_travel_minutes(double km);

/*
 * The travel band of a one-way travel time: 0 up to 30 minutes, 1 up
 * to 60, 2 up to 120, 3 beyond.
 */
int	geo_travel_band(int minutes);

#endif /* TOLKREG_GEO_H */
