#ifndef TOLKREG_BODY_H
#define TOLKREG_BODY_H

/*
 * Public bodies that order interpreters: organisation number, sector,
 * municipality, whether they use interpreters regularly, and the state
 * of their tolkeloven § 9 guidelines. Writes run inside the caller's
 * transaction and are audited.
 */

#include "tolkreg/validate.h"

struct store;
struct tk_error;

#define ORGNR_LEN	9
#define BODY_NAME_MAX	200

enum sector {
	SECTOR_HEALTH,
	SECTOR_WELFARE,
	SECTOR_POLICE,
	SECTOR_COURTS,
	SECTOR_IMMIGRATION,
	SECTOR_CHILD_WELFARE,
	SECTOR_EDUCATION,
	SECTOR_MUNICIPAL,
	SECTOR_OTHER,
	SECTOR_NSECTORS
};

enum guidelines {
	GUIDE_FULL,		/* meet tolkeforskriften § 2 */
	GUIDE_PARTIAL,
	GUIDE_NONE,
	GUIDE_NKINDS
};

struct body {
	char		 orgnr[ORGNR_LEN + 1];
	char		 name[BODY_NAME_MAX + 1];
	enum sector	 sector;
	char		 municipality[5];
	int		 regular;	/* uses interpreters regularly (§ 9) */
	enum guidelines	 guidelines;
	char		 created[TIME_BUFLEN];	/* tk_time_format() form */
};

/*
 * Input to body_add() and body_update(); the caller owns the strings.
 * For update, NULL strings and -1 numbers mean "leave unchanged".
 */
struct body_input {
	const char	*orgnr;
	const char	*name;
	int		 sector;	/* enum sector or -1 */
	const char	*municipality;
	int		 regular;	/* 0, 1 or -1 */
	int		 guidelines;	/* enum guidelines or -1 */
};

const char	*sector_name(enum sector);		/* "health", ... */
int		 sector_parse(const char *, enum sector *);
const char	*guidelines_name(enum guidelines);	/* "full", ... */
int		 guidelines_parse(const char *, enum guidelines *);

/*
 * A body's fields as text, as a front end takes them; NULL for a field
 * not given. Borrowed strings.
 */
struct body_text {
	const char	*orgnr, *name, *sector, *municipality, *guidelines;
	int		 regular;	/* 0, 1 or -1 */
};

/*
 * Turn text into a body_input: the sector by sector_parse(), the
 * guidelines by guidelines_parse(), a value that is none of them
 * TK_E_INVALID naming its field, without the value; the other strings
 * are borrowed as they are, to be checked by body_add() or
 * body_update().
 */
int		 body_input_parse(const struct body_text *,
		    struct body_input *, struct tk_error *);

/* Validate and add a body; a known organisation number is a conflict. */
int		 body_add(struct store *, const struct body_input *,
		    struct tk_error *);

/* Load the body with organisation number orgnr. */
int		 body_get(struct store *, const char *orgnr, struct body *,
		    struct tk_error *);

/* Change the given fields of a body (orgnr names it and cannot change). */
int		 body_update(struct store *, const char *orgnr,
		    const struct body_input *, struct tk_error *);

#endif /* TOLKREG_BODY_H */
