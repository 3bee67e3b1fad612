#ifndef TOLKREG_RECORD_H
#define TOLKREG_RECORD_H

#include <stdint.h>

/*
 * Single records as tables, built once for every front end, so that
 * "tolkreg ... show --format json" and tolkregd(8) answer with the same
 * fields. None of them ever holds a personal number.
 */

struct body;
struct request;
struct store;
struct table;
struct tk_error;

/*
 * One request as a one-row table. Columns: id, body, lang, start,
 * minutes, modality, municipality, min_category, gender, case_ref,
 * exclude, urgent, state, regno, travel_minutes, unregistered,
 * actual_minutes, remote, child_used, unqualified_reason, close_reason,
 * created.
 */
void		 record_request(const struct request *, struct table *);

/*
 * One public body as a one-row table. Columns: orgnr, name, sector,
 * municipality, regular, guidelines, created.
 */
void		 record_body(const struct body *, struct table *);

/* The sections of an interpreter's full record, in order. */
#define RECORD_INTERPRETER_NSECTIONS	4
extern const char *const record_interpreter_sections[];

/*
 * An interpreter's full record on date today: main gets one row with
 * regno, name, gender, email, phone, municipality, availability,
 * modalities, status, status_until, listed, warnings_5y, warning_flag
 * and languages ("ara:A rus:C"); the sections (empty tables the caller
 * owns) get the languages, credentials, history and warnings.
 */
int		 record_interpreter(struct store *, int64_t regno,
		    const char *today, struct table *main,
		    struct table *const *sections, struct tk_error *);

/*
 * What anyone may see of an interpreter, which is what the tolkebevis
 * QR code shows: main gets one row with regno, name, gender,
 * municipality, availability, modalities, status, listed (on date
 * today) and checked (today); languages (an empty table) gets lang,
 * language_name and category. No contact details, no personal number,
 * no history or warnings.
 */
int		 record_public(struct store *, int64_t regno,
		    const char *today, struct table *main,
		    struct table *languages, struct tk_error *);

#endif /* TOLKREG_RECORD_H */
