#ifndef TOLKREG_ERROR_H
#define TOLKREG_ERROR_H

/*
 * Errors. Library functions return 0 or -1 and fill a caller-owned
 * struct tk_error; the front ends map the code to an exit status or an
 * HTTP status once.
 */

/*
 * Error codes. Append only: the numbers appear in logs and in the
 * daemon's JSON error bodies.
 */
enum tk_errcode {
	TK_OK = 0,
	TK_E_USAGE = 1,		/* bad command line */
	TK_E_INVALID = 2,	/* input breaks a rule; field is set */
	TK_E_NOTFOUND = 3,	/* no such record */
	TK_E_CONFLICT = 4,	/* state does not allow it; would double-book */
	TK_E_STORE = 5,		/* SQLite failed */
	TK_E_TRANSFER = 6,	/* libcurl transfer failed */
	TK_E_CONFIG = 7,	/* configuration or environment */
	TK_E_IO = 8,		/* local file I/O */
	TK_E_BUSY = 9,		/* database locked by another writer */
	TK_E_PERM = 10,		/* not permitted */
	TK_E_UNAVAILABLE = 11	/* a service or database is not there */
};

#define TK_ERR_FIELDLEN	64
#define TK_ERR_MSGLEN	512

/* Owned by the caller, usually on the stack; never allocated. */
struct tk_error {
	enum tk_errcode	 code;
	char		 field[TK_ERR_FIELDLEN];	/* offending field, or "" */
	char		 msg[TK_ERR_MSGLEN];	/* one line, no personal value */
};

/* Reset err to "no error". */
void		 tk_error_clear(struct tk_error *);

/*
 * Record an error and return -1, so that callers can write
 * "return (tk_fail(err, TK_E_INVALID, "fnr", "..."));". The first error
 * recorded wins; err may be NULL. field may be NULL.
 */
int		 tk_fail(struct tk_error *, enum tk_errcode, const char *,
		    const char *, ...)
		    __attribute__((format(printf, 4, 5)));

/* A short static description of a code; never NULL. */
const char	*tk_strerror(enum tk_errcode);

/* The sysexits(3) status for a code. */
int		 tk_exit_status(enum tk_errcode);

/* A stable lower-case token for a code ("invalid", "not_found", ...). */
const char	*tk_errname(enum tk_errcode);

#endif /* TOLKREG_ERROR_H */
