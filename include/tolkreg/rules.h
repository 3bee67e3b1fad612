#ifndef TOLKREG_RULES_H
#define TOLKREG_RULES_H

#include <stddef.h>

#include <sqlite3.h>

/*
 * The register's shared vocabulary: credential kinds and the category
 * rule (kategori A-E), availability classes, listing statuses and when
 * an exclusion has run out, modalities, gender, and the SQL functions
 * that give every connection's queries the same rules. It lies below
 * the store and reads no table: store_open() registers the functions,
 * and the modules above it (category, interpreter, request, the front
 * ends) parse and name things with it.
 */

struct tk_error;

/*
 * The index of s in the n spellings of names, or -1: the parse of every
 * enumeration spelled by a table of names.
 */
int		 tk_name_index(const char *const *names, int n, const char *s);

enum cred_kind {
	CRED_AUTHORISATION,	/* statsautorisasjon */
	CRED_BACHELOR,		/* bachelor in interpreting */
	CRED_GRUNNEMNE,		/* 30 ECTS tolking i offentlig sektor */
	CRED_BILINGUAL_TEST,	/* Tospråktesten */
	CRED_TRANSLATOR,	/* state-authorised translator */
	CRED_TAO,		/* Tolkens ansvarsområde; no language */
	CRED_NKINDS
};

#define CRED_BIT(k)	(1u << (k))

/* The CLI spelling of a kind ("authorisation", ...). Static. */
const char	*cred_kind_name(enum cred_kind);

/* Parse a CLI spelling; 0, or -1 if unknown. */
int		 cred_kind_parse(const char *, enum cred_kind *);

/*
 * The category given by a set of valid credential kinds (CRED_BIT()s of
 * the kinds held in one language, plus CRED_BIT(CRED_TAO) if the TAO
 * course is held): 'A' to 'E', or 0 for none.
 *   A  authorisation and bachelor
 *   B  bachelor, or authorisation and grunnemne
 *   C  authorisation
 *   D  grunnemne
 *   E  (bilingual test or translator) and TAO
 */
char		 category_derive(unsigned int kinds);

#define MOD_ONSITE	0x1	/* oppmøte */
#define MOD_VIDEO	0x2	/* skjerm */
#define MOD_PHONE	0x4	/* telefon */
#define MOD_ALL		0x7

/*
 * Parse a comma-separated modality list ("onsite,video,phone") into
 * MOD_* bits; 0 or -1 with err naming field.
 */
int		 modalities_parse(const char *field, const char *,
		    unsigned int *, struct tk_error *);

/* Format MOD_* bits as "onsite,video,phone" into buf. */
void		 modalities_format(unsigned int, char *buf, size_t len);

enum availability {
	AVAIL_FULL,		/* heltid */
	AVAIL_PART,		/* deltid */
	AVAIL_OCCASIONAL	/* sporadisk */
};

const char	*availability_name(enum availability);	/* "full", ... */
int		 availability_parse(const char *, enum availability *);

enum listing {
	LIST_LISTED,		/* in the public register */
	LIST_SUSPENDED,		/* temporarily excluded while a case runs */
	LIST_EXCLUDED,		/* excluded until a date or permanently */
	LIST_WITHDRAWN		/* withdrawn at own request */
};

const char	*listing_name(enum listing);	/* "listed", ... */
int		 listing_parse(const char *, enum listing *);

/*
 * The listing status in effect on date today (YYYY-MM-DD) for status,
 * held until date until ("" or NULL: no end): an exclusion whose end
 * date has passed counts as listed.
 */
enum listing	 listing_effective(enum listing status, const char *until,
		    const char *today);

/*
 * Parse a gender F, M or X (either case) named field into *out, in
 * upper case; 0 or -1 with err naming field.
 */
int		 gender_parse(const char *field, const char *, char *out,
		    struct tk_error *);

/*
 * Register on db the SQL functions the schema and the queries use:
 *   tk_credbit(kind)		the CRED_BIT of a kind name, 0 if unknown
 *   tk_category(kinds)		category_derive(), NULL for none
 *   tk_listed(status, until, today)
 *				1 when listing_effective() says listed
 *   tk_modalities(bits)	the text modalities_format() writes
 *   tk_time(t)			tk_time_format() of seconds since the
 *				epoch or of a time as text (stored times
 *				are UTC, "...Z"): Europe/Oslo with its
 *				offset; NULL stays NULL
 */
int		 rules_register_sql(sqlite3 *, struct tk_error *);

#endif /* TOLKREG_RULES_H */
