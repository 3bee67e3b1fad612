/*
 * A tiny HTTP receiver for the delivery tests (http_stub.h): enough of
 * HTTP/1.1 for libcurl's PUT with a Content-Length, no more.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http_stub.h"

#define HEAD_MAX	16384

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

/* Save len bytes as dir/req-n.ext. */
static void
save(const char *dir, int n, const char *ext, const char *data, size_t len)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/req-%d.%s", dir, n, ext);
	if ((f = fopen(path, "wb")) == NULL)
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

/* The reason phrase of a status. */
static const char *
reason(int status)
{
	switch (status) {
	case 200:
		return ("OK");
	case 201:
		return ("Created");
	case 204:
		return ("No Content");
	case 403:
		return ("Forbidden");
	case 404:
		return ("Not Found");
	case 500:
		return ("Internal Server Error");
	case 503:
		return ("Service Unavailable");
	default:
		return ("Status");
	}
}

/* Read one request from c; save it as number n. */
static void
one(int c, const char *dir, int n)
{
	char		*buf, *end, *p;
	size_t		 have = 0, want, cap = HEAD_MAX, hlen;
	ssize_t		 r;
	long		 clen = 0;

	buf = malloc(cap + 1);
	if (buf == NULL)
		return;
	/* The head, up to the blank line. */
	for (;;) {
		if (have == HEAD_MAX) {
			free(buf);
			return;
		}
		if ((r = read(c, buf + have, HEAD_MAX - have)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			free(buf);
			return;
		}
		have += (size_t)r;
		buf[have] = '\0';
		if ((end = strstr(buf, "\r\n\r\n")) != NULL)
			break;
	}
	end += 4;
	for (p = buf; p < end; p = strstr(p, "\r\n") + 2) {
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			clen = strtol(p + 15, NULL, 10);
		if (strstr(p, "\r\n") == NULL)
			break;
	}
	save(dir, n, "head", buf, (size_t)(end - buf));
	hlen = (size_t)(end - buf);
	want = hlen + (size_t)(clen > 0 ? clen : 0);
	if (want > cap) {
		cap = want;
		if ((p = realloc(buf, cap + 1)) == NULL) {
			free(buf);
			return;
		}
		buf = p;
		end = buf + hlen;
	}
	while (have < want) {
		if ((r = read(c, buf + have, want - have)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			break;
		}
		have += (size_t)r;
	}
	save(dir, n, "body", end, have - (size_t)(end - buf));
	free(buf);
}

/* Serve the script on fd. */
void
http_stub_serve(int fd, const char *dir, const int *statuses, size_t n)
{
	struct pollfd	pfd;
	char		resp[256];
	size_t		i;
	int		c, len;

	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < n; i++) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 60000) <= 0)
			return;		/* nobody came: give up */
		if ((c = accept(fd, NULL, NULL)) == -1)
			return;
		one(c, dir, (int)i + 1);
		if (statuses[i] < 0) {
			sleep((unsigned)-statuses[i]);
			close(c);
			continue;
		}
		len = snprintf(resp, sizeof(resp), "HTTP/1.1 %d %s\r\n"
		    "Content-Type: text/plain\r\nContent-Length: 3\r\n"
		    "Connection: close\r\n\r\nok\n", statuses[i],
		    reason(statuses[i]));
		if (write(c, resp, (size_t)len) == -1)
			(void)0;
		close(c);
	}
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
		close(fd);
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
