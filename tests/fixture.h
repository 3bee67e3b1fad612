#ifndef TOLKREG_FIXTURE_H
#define TOLKREG_FIXTURE_H

/*
 * What every Check suite needs around the code under test: temporary
 * directories, a fresh database, valid personal numbers, interpreters
 * and credentials added in one call, and the plain queries a test uses
 * where no module function answers the question (the audit log, the
 * stored bytes, nothing half-written). Each function fails the running
 * test instead of returning an error.
 */

#include <stdarg.h>
#include <stdint.h>

#include "tolkreg/category.h"

struct interpreter_input;
struct store;

/* "/tmp/tolkreg-check.XXXXXX" and its NUL, with room to spare. */
#define FIXTURE_DIRLEN	32

/* Make a new empty directory under /tmp; its path in dir. */
void		 fixture_dir_new(char dir[FIXTURE_DIRLEN]);

/* Remove a directory made by fixture_dir_new() and all that is in it. */
void		 fixture_dir_free(const char *dir);

/*
 * A fresh database with its reference data, "t.db" in a new temporary
 * directory, its actor "check"; its path in path. Owned.
 */
struct store	*fixture_store_new(char path[256]);

/* Another connection to the database at path, its actor "check". Owned. */
struct store	*fixture_store_open(const char *path);

/* Close st (NULL: closed already) and remove the directory of path. */
void		 fixture_store_free(struct store *, const char *path);

/*
 * A valid fødselsnummer for d/m/yy: the first individual number from
 * ind on that gives valid control digits.
 */
void		 fixture_fnr(char out[12], int d, int m, int yy, int ind);

/*
 * Add the interpreter in (its pnr is not read) with the fødselsnummer
 * for day d of January 1980, copied to fnr unless NULL; its regno.
 */
int64_t		 fixture_interpreter_add(struct store *,
		    const struct interpreter_input *, int d, char fnr[12]);

/* fixture_interpreter_add() of a woman in Oslo, part time, any modality. */
int64_t		 fixture_interpreter(struct store *, const char *name, int d,
		    char fnr[12]);

/* Record a credential of kind (in lang) obtained on 2020-01-01. */
void		 fixture_credential(struct store *, int64_t regno,
		    enum cred_kind, const char *lang);

/*
 * Run tolkreg --db db with the NULL-terminated arguments in ap (at most
 * 28); what it wrote to standard output and standard error in *out and
 * *errs, whose earlier contents are freed. Its exit status.
 */
int		 fixture_tolkreg(const char *db, char **out, char **errs,
		    const char *arg, va_list ap);

/* Run statements that return nothing. */
void		 fixture_exec(struct store *, const char *sql);

/* The integer in the one row sql returns. */
long long	 fixture_int(struct store *, const char *sql);

/* The same with ?1 bound to an integer or to a text. */
long long	 fixture_int_id(struct store *, const char *sql, int64_t);
long long	 fixture_int_text(struct store *, const char *sql,
		    const char *);

#endif /* TOLKREG_FIXTURE_H */
