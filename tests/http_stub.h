#ifndef TOLKREG_HTTP_STUB_H
#define TOLKREG_HTTP_STUB_H

#include <stddef.h>
#include <sys/types.h>

/*
 * A small HTTP/1.1 receiver on 127.0.0.1 for the delivery tests, on
 * libmicrohttpd: it answers one request per connection with the next
 * status of a script, and saves each request's head and body as
 * DIR/req-N.head and DIR/req-N.body (N from 1). A negative status -S
 * reads the request, then waits S seconds and closes without answering,
 * for timeouts. Once the script is used up it stops.
 */

#define HTTP_STUB_MAX	16	/* statuses in a script */

/* Listen on 127.0.0.1 at a free port; *port gets it. Returns the fd. */
int	http_stub_listen(int *port);

/* Serve the script on listening socket fd; returns when it is used up. */
void	http_stub_serve(int fd, const char *dir, const int *statuses,
	    size_t n);

struct http_stub {
	pid_t	pid;
	int	port;
};

/* Fork a child that serves the script; 0 or -1. */
int	http_stub_start(struct http_stub *, const char *dir,
	    const int *statuses, size_t n);

/* Stop the child (if still serving) and wait for it. */
void	http_stub_stop(struct http_stub *);

/* How many requests were saved in dir. */
int	http_stub_count(const char *dir);

#endif /* TOLKREG_HTTP_STUB_H */
