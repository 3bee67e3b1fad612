/*
 * The test receiver of http_stub.h, on libmicrohttpd: one thread runs
 * the daemon's event loop on the listening socket it is given, answers
 * each request with the next status of its script and stops when the
 * script is used up (or after a minute with nothing to do).
 */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <microhttpd.h>

#include "http_stub.h"

#define IDLE_SECONDS	60

/* The script and where it has got to. */
struct script {
	const char	*dir;
	const int	*statuses;
	size_t		 n;
	size_t		 received;	/* requests read in full */
	size_t		 finished;	/* requests answered or dropped */
	time_t		 last;		/* time of the last activity */
};

/* One request being read. */
struct upload {
	char	*head;
	size_t	 hlen;
	char	*body;
	size_t	 blen;
};

/* Listen on 127.0.0.1 at a free port. */
int
http_stub_listen(int *port)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof(sa);
	int			fd, on = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return (-1);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 8) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) == -1) {
		close(fd);
		return (-1);
	}
	*port = ntohs(sa.sin_port);
	return (fd);
}

/* Append len bytes to *buf of *have bytes. */
static int
append(char **buf, size_t *have, const char *data, size_t len)
{
	char	*p;

	if ((p = realloc(*buf, *have + len + 1)) == NULL)
		return (-1);
	memcpy(p + *have, data, len);
	*have += len;
	p[*have] = '\0';
	*buf = p;
	return (0);
}

/* Add one header line to the saved head, as it came. */
static enum MHD_Result
head_line(void *arg, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct upload	*u = arg;

	(void)kind;
	if (append(&u->head, &u->hlen, key, strlen(key)) == -1 ||
	    append(&u->head, &u->hlen, ": ", 2) == -1 ||
	    append(&u->head, &u->hlen, value != NULL ? value : "",
	    value != NULL ? strlen(value) : 0) == -1 ||
	    append(&u->head, &u->hlen, "\r\n", 2) == -1)
		return (MHD_NO);
	return (MHD_YES);
}

/* Save len bytes as dir/req-n.ext. */
static void
save(const char *dir, size_t n, const char *ext, const char *data,
    size_t len)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/req-%zu.%s", dir, n, ext);
	if ((f = fopen(path, "wb")) == NULL)
		return;
	if (len > 0)
		fwrite(data, 1, len, f);
	fclose(f);
}

/* Read each request whole, save it, answer with the script's status. */
static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **state)
{
	struct script		*sc = cls;
	struct upload		*u = *state;
	struct MHD_Response	*resp;
	enum MHD_Result		 rv;
	int			 status;

	sc->last = time(NULL);
	if (u == NULL) {
		if ((u = calloc(1, sizeof(*u))) == NULL)
			return (MHD_NO);
		*state = u;
		if (append(&u->head, &u->hlen, method, strlen(method)) == -1 ||
		    append(&u->head, &u->hlen, " ", 1) == -1 ||
		    append(&u->head, &u->hlen, url, strlen(url)) == -1 ||
		    append(&u->head, &u->hlen, " ", 1) == -1 ||
		    append(&u->head, &u->hlen, version, strlen(version)) ==
		    -1 || append(&u->head, &u->hlen, "\r\n", 2) == -1 ||
		    MHD_get_connection_values(c, MHD_HEADER_KIND, head_line,
		    u) < 0 || append(&u->head, &u->hlen, "\r\n", 2) == -1)
			return (MHD_NO);
		return (MHD_YES);
	}
	if (*size > 0) {
		if (append(&u->body, &u->blen, data, *size) == -1)
			return (MHD_NO);
		*size = 0;
		return (MHD_YES);
	}
	if (sc->received == sc->n)
		return (MHD_NO);	/* beyond the script */
	status = sc->statuses[sc->received++];
	save(sc->dir, sc->received, "head", u->head, u->hlen);
	save(sc->dir, sc->received, "body", u->body, u->blen);
	if (status < 0) {
		/* Read it, keep the client waiting, then hang up. */
		sleep((unsigned int)-status);
		return (MHD_NO);
	}
	resp = MHD_create_response_from_buffer(3, (void *)"ok\n",
	    MHD_RESPMEM_PERSISTENT);
	if (resp == NULL)
		return (MHD_NO);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	rv = MHD_queue_response(c, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	return (rv);
}

/* A request is over, answered or not: free what it held. */
static void
completed(void *cls, struct MHD_Connection *c, void **state,
    enum MHD_RequestTerminationCode why)
{
	struct script	*sc = cls;
	struct upload	*u = *state;

	(void)c;
	(void)why;
	if (u != NULL) {
		free(u->head);
		free(u->body);
		free(u);
		*state = NULL;
	}
	sc->finished = sc->received;
	sc->last = time(NULL);
}

/* Serve the script on fd. */
void
http_stub_serve(int fd, const char *dir, const int *statuses, size_t n)
{
	struct script		 sc;
	struct MHD_Daemon	*d;

	signal(SIGPIPE, SIG_IGN);
	memset(&sc, 0, sizeof(sc));
	sc.dir = dir;
	sc.statuses = statuses;
	sc.n = n;
	sc.last = time(NULL);
	d = MHD_start_daemon(MHD_NO_FLAG, 0, NULL, NULL, handle, &sc,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, &sc,
	    MHD_OPTION_END);
	if (d == NULL)
		return;
	while (sc.finished < n && time(NULL) - sc.last < IDLE_SECONDS) {
		if (MHD_run_wait(d, 100) != MHD_YES)
			break;
	}
	MHD_stop_daemon(d);
}

/* Fork a child that serves the script. */
int
http_stub_start(struct http_stub *s, const char *dir, const int *statuses,
    size_t n)
{
	int	fd;

	if ((fd = http_stub_listen(&s->port)) == -1)
		return (-1);
	if ((s->pid = fork()) == -1) {
		close(fd);
		return (-1);
	}
	if (s->pid == 0) {
		/* Not the test runner's handlers, which stop its group. */
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		http_stub_serve(fd, dir, statuses, n);
		_exit(0);
	}
	close(fd);
	return (0);
}

/* Stop the child and wait for it. */
void
http_stub_stop(struct http_stub *s)
{
	int	st;

	if (s->pid <= 0)
		return;
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &st, 0);
	s->pid = 0;
}

/* How many requests were saved in dir. */
int
http_stub_count(const char *dir)
{
	char	path[512];
	int	n;

	for (n = 0;; n++) {
		snprintf(path, sizeof(path), "%s/req-%d.head", dir, n + 1);
		if (access(path, F_OK) == -1)
			return (n);
	}
}
