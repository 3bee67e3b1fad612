#ifndef TOLKREG_VALIDATE_H
#define TOLKREG_VALIDATE_H

#include <stddef.h>
#include <time.h>

/*
 * Input validation: what a value must look like; nothing here reads
 * the store. Patterns are compiled once (with JIT where PCRE2 has it) on
 * first use. Every function returns 0 when the value is valid and
 * otherwise -1 with err filled: code TK_E_INVALID, field set to the
 * caller's field name, and a message naming the field and the broken
 * rule. Personal numbers are never echoed (pnr_mask() is used instead);
 * other values are quoted in the message.
 */

struct tk_error;

#define PNR_LEN		11	/* digits in a fødselsnummer or D-nummer */
#define PHONE_BUFLEN	12	/* "+47" + 8 digits + NUL */
#define DATE_BUFLEN	11	/* "YYYY-MM-DD" + NUL */

enum pnr_kind {
	PNR_FNR,		/* fødselsnummer */
	PNR_DNR			/* D-nummer: day + 40 */
};

/*
 * A fødselsnummer or D-nummer: 11 digits, a real birth date (D-nummer:
 * day plus 40), century from the individual number, both control digits
 * (mod 11 with the official weights; a remainder giving 10 is invalid).
 * kind may be NULL.
 */
int	 validate_pnr(const char *field, const char *value,
	    enum pnr_kind *kind, struct tk_error *);

/* Mask a personal number for messages and audit: "***********". */
void	 pnr_mask(const char *value, char out[PNR_LEN + 1]);

/* Organisasjonsnummer: 9 digits, first 8 or 9, mod-11 control digit. */
int	 validate_orgnr(const char *field, const char *value,
	    struct tk_error *);

/*
 * The form of a kommunenummer (4 digits), a county number (2 digits) and
 * an ISO 639-3 code (3 lower-case letters). Whether one exists is for
 * the module that owns its table: geo_municipality_check(),
 * geo_county_check() and language_check().
 */
int	 validate_knr(const char *field, const char *value, struct tk_error *);
int	 validate_county(const char *field, const char *value,
	    struct tk_error *);
int	 validate_lang(const char *field, const char *value, struct tk_error *);

/* An e-mail address (local@domain.tld, at most 254 characters). */
int	 validate_email(const char *field, const char *value,
	    struct tk_error *);

/*
 * A Norwegian phone number: optional +47 or 0047, then 8 digits, with
 * spaces, dots or dashes between digit groups tolerated. Writes the
 * normalised form "+47DDDDDDDD" to out.
 */
int	 validate_phone(const char *field, const char *value,
	    char out[PHONE_BUFLEN], struct tk_error *);

/* A category letter A-E (upper or lower case); *out gets the upper case. */
int	 validate_category(const char *field, const char *value, char *out,
	    struct tk_error *);

/* A calendar date YYYY-MM-DD that exists (leap years included). */
int	 validate_date(const char *field, const char *value,
	    struct tk_error *);

/*
 * An ISO 8601 local date and time, "YYYY-MM-DDTHH:MM[:SS]" with an
 * optional "Z" or "+HH:MM"/"-HH:MM" offset (a space may stand for "T").
 * Without an offset the time is Europe/Oslo local time. *out gets the
 * instant as seconds since the epoch.
 */
int	 validate_datetime(const char *field, const char *value, time_t *out,
	    struct tk_error *);

/* A half-year period "YYYYH1" or "YYYYH2". */
int	 validate_period(const char *field, const char *value, int *year,
	    int *half, struct tk_error *);

/* A non-empty line of at most max bytes of valid UTF-8, no control chars. */
int	 validate_text(const char *field, const char *value, size_t max,
	    struct tk_error *);

/* A whole number of minutes from 1 to max; *out gets it. */
int	 validate_minutes(const char *field, const char *value, int max,
	    int *out, struct tk_error *);

#define TIME_BUFLEN	26	/* "YYYY-MM-DDTHH:MM:SS+HH:MM" + NUL */
#define UTC_BUFLEN	21	/* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

/* Seconds Europe/Oslo is ahead of UTC at instant t: 3600 or 7200. */
int	 tk_oslo_offset(time_t t);

/*
 * Format t as Europe/Oslo local time with the offset in force,
 * "YYYY-MM-DDTHH:MM:SS+01:00" in winter and "...+02:00" in summer; in
 * the hour that happens twice when summer time ends the offset tells the
 * two apart. Every time a person reads is written by this function.
 */
void	 tk_time_format(time_t t, char out[TIME_BUFLEN]);

/*
 * Format t in UTC, "YYYY-MM-DDTHH:MM:SSZ": the form the database stores
 * times in (as text, so that they sort) and the form the documents that
 * ask for UTC use, tolkreg-xml(5)'s listing times. Never for people to
 * read: tk_time_format() is.
 */
void	 tk_time_utc(time_t t, char out[UTC_BUFLEN]);

/*
 * Write the time value (any form validate_datetime() accepts, such as
 * the stored UTC "YYYY-MM-DDTHH:MM:SSZ") as tk_time_format() does.
 * Return -1, out holding "", if value is not such a time.
 */
int	 tk_time_text(const char *value, char out[TIME_BUFLEN]);

/* Today's date in Europe/Oslo as "YYYY-MM-DD", whatever the process's zone. */
void	 tk_today(char out[DATE_BUFLEN]);

#endif /* TOLKREG_VALIDATE_H */
