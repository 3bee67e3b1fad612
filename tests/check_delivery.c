/*
 * The half-yearly delivery of Tolkemonitor SPRÅK (delivery.h): atomic
 * files; the receiver's URL and the token file; delivery against a real
 * HTTP receiver on 127.0.0.1 (http_stub.c) that accepts, fails twice
 * with 500 and then accepts, times out, or answers 403; and "tolkreg
 * export demand" on the register of monitor_fixture.c, delivering each
 * period once unless forced, with the bytes received compared with the
 * files written.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "check_suites.h"
#include "fixture.h"
#include "cmd.h"
#include "http_stub.h"
#include "monitor_fixture.h"
#include "tolkreg/error.h"
#include "tolkreg/delivery.h"
#include "tolkreg/push.h"
#include "tolkreg/store.h"

#define TOKEN	"tok-3f9a.c2_B"

static struct store	*st;
static char		 path[256];
static char		 dir[FIXTURE_DIRLEN];	/* scratch: files, stub dirs, */
					/* token */
static struct tk_error	 err;
static char		*out, *errs;

static void
setup(void)
{
	st = monitor_fixture_new(path);
	tk_error_clear(&err);
	fixture_dir_new(dir);
	out = errs = NULL;
}

static void
teardown(void)
{
	monitor_fixture_free(st, path);
	fixture_dir_free(dir);
	free(out);
	free(errs);
}

/* A new empty directory dir/name; its path in p. */
static void
subdir(const char *name, char p[128])
{
	snprintf(p, 128, "%s/%s", dir, name);
	ck_assert_int_eq(mkdir(p, 0755), 0);
}

/* The whole file at p. Owned; *len its size. */
static char *
slurp(const char *p, size_t *len)
{
	FILE	*f = fopen(p, "rb");
	char	*buf;
	long	 n;

	ck_assert_msg(f != NULL, "cannot open %s", p);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return (buf);
}

/* Write text to file p with mode. */
static void
put(const char *p, const char *text, mode_t mode)
{
	int	fd;

	unlink(p);
	ck_assert((fd = open(p, O_WRONLY | O_CREAT | O_EXCL, mode)) != -1);
	ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
}

/* The number of entries in directory p, "." and ".." not counted. */
static int
entries(const char *p)
{
	DIR		*d = opendir(p);
	struct dirent	*e;
	int		 n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return (n);
}

/* Run tolkreg on the fixture's database with args (NULL-terminated). */
static int
run(const char *arg, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, arg);
	rc = fixture_tolkreg(path, &out, &errs, arg, ap);
	va_end(ap);
	return (rc);
}

/* The number of times needle occurs in s. */
static int
occurs(const char *s, const char *needle)
{
	int	n = 0;

	for (; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return (n);
}

/* Deliveries recorded for period. */
static int
deliveries(const char *period)
{
	return ((int)fixture_int_text(st, "SELECT count(*) FROM delivery"
	    " WHERE period = ?1", period));
}

START_TEST(test_atomic_write)
{
	char	 p[160], *text;
	size_t	 len;

	ck_assert_int_eq(delivery_write_atomic(dir, "a.csv", "one\n", 4, &err),
	    0);
	ck_assert_int_eq(delivery_write_atomic(dir, "a.csv", "two, longer\n",
	    12, &err), 0);
	snprintf(p, sizeof(p), "%s/a.csv", dir);
	text = slurp(p, &len);
	ck_assert_str_eq(text, "two, longer\n");
	free(text);
	ck_assert_int_eq(entries(dir), 1);	/* no temporary file left */
	snprintf(p, sizeof(p), "%s/missing", dir);
	ck_assert_int_eq(delivery_write_atomic(p, "a.csv", "x", 1, &err), -1);
	ck_assert_int_eq(err.code, TK_E_IO);
}
END_TEST

START_TEST(test_url_check)
{
	static const char *const good[] = { "https://tolk.example.no/inn",
	    "https://example.org:8443/a/b/?x=1", "http://127.0.0.1:8080/in",
	    "http://localhost/", "http://[::1]:9/x", "HTTPS://example.org/" };
	static const char *const bad[] = { "http://example.org/in",
	    "http://127.0.0.2/", "ftp://127.0.0.1/", "file:///tmp/x",
	    "https://user:pw@example.org/", "https://user@example.org/",
	    "example.org/in", "" };
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(push_url_check(good[i], &err) == 0, "%s: %s",
		    good[i], err.msg);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tk_error_clear(&err);
		ck_assert_msg(push_url_check(bad[i], &err) == -1, "%s", bad[i]);
		ck_assert_int_eq(err.code, TK_E_INVALID);
	}
	tk_error_clear(&err);
	ck_assert_int_eq(push_url_check("https://u:secret@example.org/",
	    &err), -1);
	ck_assert_ptr_null(strstr(err.msg, "secret"));
}
END_TEST

START_TEST(test_token_file)
{
	char	 p[128], *tok;

	snprintf(p, sizeof(p), "%s/token", dir);
	put(p, TOKEN "\n", 0600);
	ck_assert_int_eq(push_token_read(p, &tok, &err), 0);
	ck_assert_str_eq(tok, TOKEN);
	push_token_free(tok);
	put(p, TOKEN "  \r\nsecond line\n", 0400);
	ck_assert_int_eq(push_token_read(p, &tok, &err), 0);
	ck_assert_str_eq(tok, TOKEN);
	push_token_free(tok);
	/* Readable by group or others: refused, the token not shown. */
	put(p, TOKEN "\n", 0640);
	ck_assert_int_eq(push_token_read(p, &tok, &err), -1);
	ck_assert_ptr_null(tok);
	ck_assert_int_eq(err.code, TK_E_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "0600"));
	ck_assert_ptr_null(strstr(err.msg, TOKEN));
	tk_error_clear(&err);
	put(p, TOKEN "\n", 0604);
	ck_assert_int_eq(push_token_read(p, &tok, &err), -1);
	tk_error_clear(&err);
	put(p, "\n", 0600);
	ck_assert_int_eq(push_token_read(p, &tok, &err), -1);
	tk_error_clear(&err);
	put(p, "two words\n", 0600);
	ck_assert_int_eq(push_token_read(p, &tok, &err), -1);
	ck_assert_ptr_null(strstr(err.msg, "two"));
	tk_error_clear(&err);
	ck_assert_int_eq(push_token_read(dir, &tok, &err), -1);
	tk_error_clear(&err);
	snprintf(p, sizeof(p), "%s/none", dir);
	ck_assert_int_eq(push_token_read(p, &tok, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFIG);
}
END_TEST

/* Push "payload" as x.csv to a stub answering statuses. */
static int
push_to(const int *statuses, size_t n, int attempts, long timeout_s,
    long backoff_ms, struct push_result *res, char sd[128])
{
	struct http_stub	 s;
	struct push_opts	 o;
	char			 url[96];
	int			 rc;

	subdir("stub", sd);
	ck_assert_int_eq(http_stub_start(&s, sd, statuses, n), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/inn/", s.port);
	memset(&o, 0, sizeof(o));
	o.url = url;
	o.token = TOKEN;
	o.attempts = attempts;
	o.timeout_s = timeout_s;
	o.backoff_ms = backoff_ms;
	rc = push_file(&o, "x.csv", "text/csv; charset=utf-8",
	    "payload,\xc3\xa6\r\n", 11, res, &err);
	http_stub_stop(&s);
	return (rc);
}

START_TEST(test_push_accepted)
{
	static const int	 script[] = { 201 };
	struct push_result	 res;
	char			 sd[128], p[160], *text;
	size_t			 len;

	ck_assert_msg(push_to(script, 1, 0, 0, 0, &res, sd) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(res.status, 201);
	ck_assert_int_eq(res.attempts, 1);
	ck_assert_int_eq(http_stub_count(sd), 1);
	snprintf(p, sizeof(p), "%s/req-1.body", sd);
	text = slurp(p, &len);
	ck_assert_uint_eq(len, 11);
	ck_assert(memcmp(text, "payload,\xc3\xa6\r\n", 11) == 0);
	free(text);
	snprintf(p, sizeof(p), "%s/req-1.head", sd);
	text = slurp(p, &len);
	ck_assert(strncmp(text, "PUT /inn/x.csv HTTP/1.1\r\n", 25) == 0);
	ck_assert_ptr_nonnull(strstr(text, "\r\nAuthorization: Bearer " TOKEN
	    "\r\n"));
	ck_assert_ptr_nonnull(strstr(text, "\r\nContent-Type: text/csv;"
	    " charset=utf-8\r\n"));
	ck_assert_ptr_nonnull(strstr(text, "\r\nContent-Length: 11\r\n"));
	free(text);
}
END_TEST

START_TEST(test_push_retries_5xx)
{
	static const int	 script[] = { 500, 500, 201 };
	struct push_result	 res;
	char			 sd[128], p[160], *text;
	size_t			 len;

	ck_assert_msg(push_to(script, 3, 0, 0, 10, &res, sd) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(res.status, 201);
	ck_assert_int_eq(res.attempts, 3);
	ck_assert_int_eq(http_stub_count(sd), 3);
	snprintf(p, sizeof(p), "%s/req-3.body", sd);
	text = slurp(p, &len);
	ck_assert(len == 11 && memcmp(text, "payload,", 8) == 0);
	free(text);
}
END_TEST

START_TEST(test_push_retries_timeout)
{
	static const int	 script[] = { -2, 201 };
	struct push_result	 res;
	char			 sd[128];

	/* The first answer never comes within the 1 s allowed. */
	ck_assert_msg(push_to(script, 2, 0, 1, 1500, &res, sd) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(res.attempts, 2);
	ck_assert_int_eq(res.status, 201);
}
END_TEST

START_TEST(test_push_gives_up)
{
	static const int	 script[] = { 503, 503, 503 };
	struct push_result	 res;
	char			 sd[128];

	ck_assert_int_eq(push_to(script, 3, 3, 0, 10, &res, sd), -1);
	ck_assert_int_eq(err.code, TK_E_TRANSFER);
	ck_assert_int_eq(res.attempts, 3);
	ck_assert_str_eq(err.msg, "delivery of 'x.csv' failed after 3"
	    " attempts: HTTP 503 Service Unavailable");
}
END_TEST

START_TEST(test_push_refused_4xx)
{
	static const int	 script[] = { 403, 201 };
	struct push_result	 res;
	char			 sd[128];

	ck_assert_int_eq(push_to(script, 2, 0, 0, 10, &res, sd), -1);
	ck_assert_int_eq(err.code, TK_E_TRANSFER);
	ck_assert_int_eq(res.attempts, 1);		/* not retried */
	ck_assert_int_eq(res.status, 403);
	ck_assert_str_eq(err.msg, "delivery of 'x.csv' refused: HTTP 403"
	    " Forbidden");
	ck_assert_int_eq(http_stub_count(sd), 1);
}
END_TEST

/* Start a stub for the CLI tests; url gets the receiver's address. */
static void
cli_stub(struct http_stub *s, const char *name, const int *script,
    size_t n, char sd[128], char url[96])
{
	subdir(name, sd);
	ck_assert_int_eq(http_stub_start(s, sd, script, n), 0);
	snprintf(url, 96, "http://127.0.0.1:%d/tolkemonitor", s->port);
}

/* Check that request i of stub dir sd carried file name of files dir fd. */
static void
received(const char *sd, int i, const char *fd, const char *name)
{
	char	 p[192], want[128], *got, *file;
	size_t	 glen, flen;

	snprintf(p, sizeof(p), "%s/req-%d.head", sd, i);
	got = slurp(p, &glen);
	snprintf(want, sizeof(want), "PUT /tolkemonitor/%s HTTP/1.1\r\n",
	    name);
	ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "%s", got);
	ck_assert_ptr_nonnull(strstr(got, "Authorization: Bearer " TOKEN));
	free(got);
	snprintf(p, sizeof(p), "%s/req-%d.body", sd, i);
	got = slurp(p, &glen);
	snprintf(p, sizeof(p), "%s/%s", fd, name);
	file = slurp(p, &flen);
	ck_assert_uint_eq(glen, flen);
	ck_assert_msg(memcmp(got, file, flen) == 0, "%s differs", name);
	free(got);
	free(file);
}

START_TEST(test_cli_delivers_once)
{
	static const int	 six[] = { 201, 201, 201, 201, 201, 201 };
	struct http_stub	 s;
	char			 fd[128], sd[128], url[96], tf[128];

	subdir("files", fd);
	snprintf(tf, sizeof(tf), "%s/token", dir);
	put(tf, TOKEN "\n", 0600);
	/* One receiver at one URL for all three runs. */
	cli_stub(&s, "stub", six, 6, sd, url);
	ck_assert_msg(run("export", "demand", "--period", "2026H1", "--dir",
	    fd, "--push", url, "--token-file", tf, NULL) == 0, "%s", errs);
	ck_assert_int_eq(occurs(out, "wrote "), 3);
	ck_assert_int_eq(occurs(out, "\ndelivered"
	    " tolkemonitor-sprak-2026H1."), 3);
	ck_assert_ptr_nonnull(strstr(out, "delivered"
	    " tolkemonitor-sprak-2026H1.csv (HTTP 201, 1 attempt)\n"));
	ck_assert_int_eq(entries(fd), 3);
	ck_assert_int_eq(http_stub_count(sd), 3);
	received(sd, 1, fd, "tolkemonitor-sprak-2026H1.csv");
	received(sd, 2, fd, "tolkemonitor-sprak-2026H1.xml");
	received(sd, 3, fd, "tolkemonitor-sprak-2026H1.html");
	ck_assert_int_eq(deliveries("2026H1"), 3);
	ck_assert_ptr_null(strstr(out, TOKEN));
	ck_assert_ptr_null(strstr(errs, TOKEN));

	/* Again: nothing is sent, and it says so. */
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--push", url, "--token-file", tf, NULL), 0);
	ck_assert_int_eq(occurs(out, "already delivered"
	    " tolkemonitor-sprak-2026H1."), 3);
	ck_assert_int_eq(occurs(out, "\ndelivered"), 0);
	ck_assert_int_eq(http_stub_count(sd), 3);
	ck_assert_int_eq(deliveries("2026H1"), 3);

	/* --force delivers all three again, and records them. */
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--push", url, "--token-file", tf, "--force", NULL),
	    0);
	ck_assert_int_eq(occurs(out, "\ndelivered"), 3);
	http_stub_stop(&s);
	ck_assert_int_eq(http_stub_count(sd), 6);
	received(sd, 6, fd, "tolkemonitor-sprak-2026H1.html");
	ck_assert_int_eq(deliveries("2026H1"), 6);
}
END_TEST

START_TEST(test_cli_retries_then_delivers)
{
	static const int	 script[] = { 500, 500, 201, 201, 201 };
	struct http_stub	 s;
	char			 fd[128], sd[128], url[96], tf[128];

	subdir("files", fd);
	snprintf(tf, sizeof(tf), "%s/token", dir);
	put(tf, TOKEN "\n", 0600);
	cli_stub(&s, "stub", script, 5, sd, url);
	ck_assert_msg(run("export", "demand", "--period", "2026H1", "--dir",
	    fd, "--push", url, "--token-file", tf, NULL) == 0, "%s", errs);
	http_stub_stop(&s);
	ck_assert_ptr_nonnull(strstr(out, "delivered"
	    " tolkemonitor-sprak-2026H1.csv (HTTP 201, 3 attempts)\n"));
	ck_assert_int_eq(occurs(errs, "attempt"), 2);
	ck_assert_ptr_nonnull(strstr(errs, "HTTP 500 Internal Server"
	    " Error"));
	ck_assert_int_eq(http_stub_count(sd), 5);
	received(sd, 3, fd, "tolkemonitor-sprak-2026H1.csv");
	received(sd, 5, fd, "tolkemonitor-sprak-2026H1.html");
	ck_assert_int_eq(deliveries("2026H1"), 3);
}
END_TEST

START_TEST(test_cli_refused)
{
	static const int	 script[] = { 403 };
	struct http_stub	 s;
	char			 fd[128], sd[128], url[96], tf[128];

	subdir("files", fd);
	snprintf(tf, sizeof(tf), "%s/token", dir);
	put(tf, TOKEN "\n", 0600);
	cli_stub(&s, "stub", script, 1, sd, url);
	ck_assert_int_eq(run("export", "demand", "--period", "2025H2",
	    "--dir", fd, "--push", url, "--token-file", tf, NULL),
	    EX_UNAVAILABLE);
	http_stub_stop(&s);
	ck_assert_str_eq(errs, "tolkreg: export demand: delivery of"
	    " 'tolkemonitor-sprak-2025H2.csv' refused: HTTP 403 Forbidden\n");
	ck_assert_int_eq(http_stub_count(sd), 1);
	ck_assert_int_eq(deliveries("2025H2"), 0);	/* not recorded */
	ck_assert_int_eq(entries(fd), 3);		/* files are kept */
}
END_TEST

START_TEST(test_cli_errors)
{
	char	fd[128], tf[128];

	subdir("files", fd);
	snprintf(tf, sizeof(tf), "%s/token", dir);
	put(tf, TOKEN "\n", 0644);
	/* Nothing is written when the receiver or token is refused. */
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--push", "http://example.org/in", NULL),
	    EX_DATAERR);
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--push", "https://example.org/in", "--token-file",
	    tf, NULL), EX_CONFIG);
	ck_assert_ptr_null(strstr(errs, TOKEN));
	ck_assert_int_eq(entries(fd), 0);
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--token-file", tf, NULL), EX_USAGE);
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--force", NULL), EX_USAGE);
	ck_assert_int_eq(run("export", "demand", "--dir", fd, NULL), EX_USAGE);
	ck_assert_int_eq(run("export", "demand", "--period", "2026", "--dir",
	    fd, NULL), EX_DATAERR);
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", "/nonexistent/dir", NULL), EX_IOERR);
	ck_assert_int_eq(run("export", "demand", "--period", "2026H1",
	    "--dir", fd, "--format", "xml", NULL), EX_USAGE);
	/* Without --push it only writes, and 'previous' is a period. */
	ck_assert_int_eq(run("export", "demand", "--period", "previous",
	    "--dir", fd, NULL), 0);
	ck_assert_int_eq(occurs(out, "wrote "), 3);
	ck_assert_int_eq(entries(fd), 3);
	ck_assert_int_eq(deliveries("2026H1") + deliveries("2025H2") +
	    deliveries("2026H2"), 0);
}
END_TEST

Suite *
delivery_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("delivery");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_atomic_write);
	tcase_add_test(tc, test_url_check);
	tcase_add_test(tc, test_token_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("delivery");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_push_accepted);
	tcase_add_test(tc, test_push_retries_5xx);
	tcase_add_test(tc, test_push_retries_timeout);
	tcase_add_test(tc, test_push_gives_up);
	tcase_add_test(tc, test_push_refused_4xx);
	suite_add_tcase(s, tc);
	tc = tcase_create("command");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_cli_delivers_once);
	tcase_add_test(tc, test_cli_retries_then_delivers);
	tcase_add_test(tc, test_cli_refused);
	tcase_add_test(tc, test_cli_errors);
	suite_add_tcase(s, tc);
	return (s);
}
