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

#endif /* TOLKREG_GEO_H */
