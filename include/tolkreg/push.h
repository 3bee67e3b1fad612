#ifndef TOLKREG_PUSH_H
#define TOLKREG_PUSH_H

#include <stddef.h>
#include <stdio.h>

/*
 * Delivering report files to a receiver over HTTPS with libcurl: each
 * file is sent with PUT to the receiver's URL followed by "/" and the
 * file name, with a bearer token read from a file. Certificates and host
 * names are verified, redirects are not followed, and plain http is
 * allowed only to the loopback host (127.0.0.1, ::1 or localhost), for
 * tests and local relays. Timeouts, failed connections and 5xx, 408 and
 * 429 answers are retried with exponential backoff; any other answer
 * outside 2xx fails at once. The token is never written to a message.
 */

struct tk_error;

#define PUSH_ATTEMPTS		4	/* at most, per file */
#define PUSH_BACKOFF_MS		1000	/* the first wait; doubles */
#define PUSH_CONNECT_S		10	/* to connect */
#define PUSH_TIMEOUT_S		120	/* for a whole transfer */
#define PUSH_TOKEN_MAX		4096	/* bytes in a token file */

struct push_opts {
	const char	*url;		/* the receiver; see push_url_check() */
	const char	*token;		/* bearer token, or NULL for none */
	int		 attempts;	/* at most; 0: PUSH_ATTEMPTS */
	long		 backoff_ms;	/* first wait; 0: PUSH_BACKOFF_MS */
	long		 timeout_s;	/* per transfer; 0: PUSH_TIMEOUT_S */
	FILE		*log;		/* a line per failed attempt, or NULL */
};

/* The outcome of a delivery. */
struct push_result {
	long	status;		/* HTTP status of the last answer, or 0 */
	int	attempts;	/* made */
};

/*
 * Check that url may receive deliveries: https, or http to the loopback
 * host; no user name or password in it. Returns 0 or -1 (TK_E_INVALID,
 * field "push").
 */
int	push_url_check(const char *url, struct tk_error *);

/*
 * Read a bearer token from the first line of the file at path, which
 * must be a regular file that neither group nor others may read or
 * write. On success *token is owned by the caller: push_token_free().
 * Fails with TK_E_CONFIG; the message never holds the token.
 */
int	push_token_read(const char *path, char **token, struct tk_error *);

/* Wipe and free a token; NULL is a no-op. */
void	push_token_free(char *);

/*
 * Deliver len bytes at data as file name (letters, digits, '.', '-'
 * and '_') with the given Content-Type. Returns 0 when the receiver
 * answered 2xx, or -1 with TK_E_TRANSFER naming the status or the
 * transfer error; res is filled either way.
 */
int	push_file(const struct push_opts *, const char *name,
	    const char *content_type, const void *data, size_t len,
	    struct push_result *res, struct tk_error *);

#endif /* TOLKREG_PUSH_H */
