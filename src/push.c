/*
 * Delivery of report files with libcurl (push.h): the half-yearly
 * Tolkemonitor SPRÅK export hands the barometer to whoever publishes it
 * for the universities. One PUT per file, retried with exponential
 * backoff on timeouts and server errors; a clear failure naming the
 * HTTP status otherwise. The bearer token stays out of every message.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "tolkreg/error.h"
#include "tolkreg/push.h"
#include "tolkreg/xmalloc.h"

/* Whether host (as curl_url() gives it) is the loopback host. */
static int
loopback(const char *host)
{
	return (strcmp(host, "127.0.0.1") == 0 ||
	    strcmp(host, "[::1]") == 0 || strcasecmp(host, "localhost") == 0);
}

/* Check that url may receive deliveries. */
int
push_url_check(const char *url, struct tk_error *err)
{
	CURLU	*u;
	char	*scheme = NULL, *host = NULL, *user = NULL, *pass = NULL;
	int	 rc = -1;

	if ((u = curl_url()) == NULL)
		return (tk_fail(err, TK_E_INVALID, "push", "out of memory"));
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		tk_fail(err, TK_E_INVALID, "push", "'push' must be an"
		    " absolute https URL");
		goto out;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK) {
		tk_fail(err, TK_E_INVALID, "push", "'push' must not hold a"
		    " user name or password; give the token with"
		    " '--token-file'");
		goto out;
	}
	if (strcmp(scheme, "https") != 0 &&
	    (strcmp(scheme, "http") != 0 || !loopback(host))) {
		tk_fail(err, TK_E_INVALID, "push", "'push' must be an https"
		    " URL; plain http is allowed only to 127.0.0.1, ::1 and"
		    " localhost");
		goto out;
	}
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(pass);
	curl_url_cleanup(u);
	return (rc);
}

/* Read a bearer token from a file only its owner can read. */
int
push_token_read(const char *path, char **token, struct tk_error *err)
{
	struct stat	 sb;
	char		*buf;
	ssize_t		 n;
	size_t		 len = 0, i;
	int		 fd;

	*token = NULL;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return (tk_fail(err, TK_E_CONFIG, "token_file", "cannot open"
		    " token file '%s': %s", path, strerror(errno)));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return (tk_fail(err, TK_E_CONFIG, "token_file", "token file"
		    " '%s' is not a regular file", path));
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return (tk_fail(err, TK_E_CONFIG, "token_file", "token file"
		    " '%s' is open to group or others (mode %03o); make it"
		    " 0600", path, (unsigned)(sb.st_mode & 0777)));
	}
	buf = xmalloc(PUSH_TOKEN_MAX + 1);
	while (len < PUSH_TOKEN_MAX &&
	    (n = read(fd, buf + len, PUSH_TOKEN_MAX - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			close(fd);
			push_token_free(buf);
			return (tk_fail(err, TK_E_CONFIG, "token_file",
			    "cannot read token file '%s': %s", path,
			    strerror(errno)));
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	/* The first line, without trailing blanks. */
	buf[strcspn(buf, "\r\n")] = '\0';
	for (len = strlen(buf); len > 0 && isspace((unsigned char)buf[len -
	    1]); len--)
		buf[len - 1] = '\0';
	for (i = 0; i < len; i++) {
		if (buf[i] < 0x21 || buf[i] > 0x7e)
			break;
	}
	if (len == 0 || i < len) {
		push_token_free(buf);
		return (tk_fail(err, TK_E_CONFIG, "token_file", "token file"
		    " '%s' must hold the token on its first line, printable"
		    " ASCII without spaces", path));
	}
	*token = buf;
	return (0);
}

/* Wipe and free a token. */
void
push_token_free(char *token)
{
	volatile char	*p = token;

	if (token == NULL)
		return;
	while (*p != '\0')
		*p++ = '\0';
	free(token);
}

/* The answer's status line, kept from the header callback. */
struct answer {
	char	reason[64];
};

/* Header callback: keep the reason phrase of the last status line. */
static size_t
on_header(char *buf, size_t size, size_t n, void *arg)
{
	struct answer	*a = arg;
	size_t		 len = size * n, i, o = 0;
	const char	*p;

	if (len > 5 && strncmp(buf, "HTTP/", 5) == 0) {
		/* "HTTP/1.1 403 Forbidden\r\n": skip version and code. */
		p = memchr(buf, ' ', len);
		if (p != NULL)
			p = memchr(p + 1, ' ', len - (size_t)(p + 1 - buf));
		a->reason[0] = '\0';
		for (i = p != NULL ? (size_t)(p + 1 - buf) : len; i < len &&
		    o + 1 < sizeof(a->reason); i++) {
			if (buf[i] >= 0x20 && buf[i] < 0x7f)
				a->reason[o++] = buf[i];
		}
		a->reason[o] = '\0';
	}
	return (len);
}

/* Write callback: the answer's body is not needed. */
static size_t
on_body(char *buf, size_t size, size_t n, void *arg)
{
	(void)buf;
	(void)arg;
	return (size * n);
}

/* Whether a transfer error is worth another attempt. */
static int
transient(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return (1);
	default:
		return (0);
	}
}

/* The URL name is sent to: url's path, a "/" and name. Owned. */
static char *
target(const char *url, const char *name, struct tk_error *err)
{
	CURLU	*u;
	char	*path = NULL, *newpath, *out = NULL;
	size_t	 n;

	if ((u = curl_url()) == NULL)
		return (NULL);
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK) {
		n = strlen(path);
		xasprintf(&newpath, "%s%s%s", path, n > 0 && path[n - 1] ==
		    '/' ? "" : "/", name);
		if (curl_url_set(u, CURLUPART_PATH, newpath, 0) != CURLUE_OK ||
		    curl_url_get(u, CURLUPART_URL, &out, 0) != CURLUE_OK)
			out = NULL;
		free(newpath);
	}
	curl_free(path);
	curl_url_cleanup(u);
	if (out == NULL)
		tk_fail(err, TK_E_INVALID, "push", "'push' must be an"
		    " absolute https URL");
	return (out);
}

/* Sleep ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Deliver one file, retrying what may pass on another attempt. */
int
push_file(const struct push_opts *o, const char *name,
    const char *content_type, const void *data, size_t len,
    struct push_result *res, struct tk_error *err)
{
	static int		 inited;
	struct curl_slist	*hdr = NULL;
	struct answer		 ans;
	CURL			*c;
	CURLcode		 cc = CURLE_OK;
	char			 ebuf[CURL_ERROR_SIZE], *url, *line;
	char			 why[CURL_ERROR_SIZE + 64];
	long			 wait, status = 0;
	int			 max, rc = -1, again = 0;

	res->status = 0;
	res->attempts = 0;
	if (strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") != strlen(name) || *name == '\0' || *name == '.')
		return (tk_fail(err, TK_E_INVALID, "file", "cannot deliver a"
		    " file named '%s'", name));
	if (push_url_check(o->url, err) == -1 ||
	    (url = target(o->url, name, err)) == NULL)
		return (-1);
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			curl_free(url);
			return (tk_fail(err, TK_E_TRANSFER, NULL, "cannot start"
			    " libcurl"));
		}
		inited = 1;
	}
	if ((c = curl_easy_init()) == NULL) {
		curl_free(url);
		return (tk_fail(err, TK_E_TRANSFER, NULL, "cannot start"
		    " libcurl"));
	}
	xasprintf(&line, "Content-Type: %s", content_type);
	hdr = curl_slist_append(hdr, line);
	free(line);
	hdr = curl_slist_append(hdr, "Expect:");
	if (o->token != NULL) {
		xasprintf(&line, "Authorization: Bearer %s", o->token);
		hdr = curl_slist_append(hdr, line);
		push_token_free(line);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)PUSH_CONNECT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s > 0 ? o->timeout_s :
	    (long)PUSH_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE_STRING);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &ans);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);

	max = o->attempts > 0 ? o->attempts : PUSH_ATTEMPTS;
	wait = o->backoff_ms > 0 ? o->backoff_ms : PUSH_BACKOFF_MS;
	for (;;) {
		ebuf[0] = '\0';
		ans.reason[0] = '\0';
		status = 0;
		res->attempts++;
		cc = curl_easy_perform(c);
		if (cc == CURLE_OK) {
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
			res->status = status;
			if (status >= 200 && status < 300) {
				rc = 0;
				break;
			}
			snprintf(why, sizeof(why), "HTTP %ld%s%s", status,
			    ans.reason[0] != '\0' ? " " : "", ans.reason);
			again = status >= 500 || status == 408 || status == 429;
		} else {
			snprintf(why, sizeof(why), "%s", ebuf[0] != '\0' ?
			    ebuf : curl_easy_strerror(cc));
			again = transient(cc);
		}
		if (!again) {
			tk_fail(err, TK_E_TRANSFER, "push", "delivery of '%s'"
			    " refused: %s", name, why);
			break;
		}
		if (res->attempts >= max) {
			tk_fail(err, TK_E_TRANSFER, "push", "delivery of '%s'"
			    " failed after %d attempts: %s", name,
			    res->attempts, why);
			break;
		}
		if (o->log != NULL)
			fprintf(o->log, "tolkreg: delivery of '%s': attempt %d"
			    " of %d failed: %s; trying again in %ld ms\n", name,
			    res->attempts, max, why, wait);
		sleep_ms(wait);
		wait *= 2;
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(hdr);
	curl_free(url);
	return (rc);
}
