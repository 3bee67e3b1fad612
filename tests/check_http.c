/*
 * tolkregd end to end: the built daemon (TOLKREGD) started on a free
 * loopback port with a temporary database, driven with libcurl. Every
 * route, every role boundary, expired and revoked tokens, malformed and
 * oversized bodies, concurrent bookings (exactly one wins), the audit
 * log, the request log, and a graceful stop with a request in flight.
 * Only 127.0.0.1 is ever contacted; every wait is bounded.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/token.h"

#define OUS	"974760673"	/* the body most tests order for */
#define NAV	"988077917"	/* another body */
#define FRESH	"910000004"	/* valid, added through the API */
#define BODY_CAP	(4 * 1024 * 1024)
#define HTTP_BIG	70000	/* bytes: over the 64 KiB limit */
/* tolkregd's threads and answers cached per thread: at most 32 kept. */
#define DAEMON_THREADS	"4"
#define DAEMON_CACHE	"8"
#define CACHE_MAX	(4 * 8)
#define CALLS		12	/* calls of one URL: every thread serves some */

static char	 dbpath[256], dir[256], logpath[300];
static pid_t	 daemon_pid = -1;
static int	 port;
static int64_t	 amina, bashir;
static char	 amina_fnr[12], bashir_fnr[12];
static char	 t_admin[TOKEN_BUFLEN], t_ous[TOKEN_BUFLEN], t_nav[TOKEN_BUFLEN];
static char	 t_amina[TOKEN_BUFLEN], t_bashir[TOKEN_BUFLEN];
static char	 t_expired[TOKEN_BUFLEN], t_revoked[TOKEN_BUFLEN];

/* Sleep ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Make a token. */
static void
add_token(struct store *st, enum tk_role role, const char *body,
    int64_t regno, char out[TOKEN_BUFLEN], int64_t *idp)
{
	struct tk_error	err;
	int64_t		id;

	tk_error_clear(&err);
	ck_assert_msg(token_create(st, role, body, regno, NULL, out, &id,
	    &err) == 0, "%s", err.msg);
	if (idp != NULL)
		*idp = id;
}

/* The integer a query with ?1 bound to p returns, outside the daemon. */
static long long
db_count(const char *sql, const char *p)
{
	struct store	*st = fixture_store_open(dbpath);
	long long	 v;

	v = fixture_int_text(st, sql, p);
	store_close(st);
	return (v);
}

/* Whether body orgnr is in the database, read outside the daemon. */
static int
body_stored(const char *orgnr)
{
	struct store	*st = fixture_store_open(dbpath);
	struct body	 b;
	struct tk_error	 err;
	int		 rc;

	tk_error_clear(&err);
	rc = body_get(st, orgnr, &b, &err);
	store_close(st);
	ck_assert_msg(rc == 0 || err.code == TK_E_NOTFOUND, "%s", err.msg);
	return (rc == 0);
}

/* The number of requests in lang booked for day, outside the daemon. */
static size_t
booked_on(const char *lang, const char *day)
{
	struct request_filter	 f = { NULL, "booked", lang, day, day, 0 };
	struct store		*st = fixture_store_open(dbpath);
	struct table		*t = table_new();
	struct tk_error		 err;
	size_t			 n;

	tk_error_clear(&err);
	ck_assert_msg(request_list(st, &f, NULL, t, &err) == 0, "%s", err.msg);
	n = table_nrows(t);
	table_free(t);
	store_close(st);
	return (n);
}

/* Start tolkregd on the database; wait (bounded) for its port. */
static void
daemon_start(void)
{
	const char	*bin = getenv("TOLKREGD");
	char		 portfile[300], buf[32];
	FILE		*f;
	int		 i, fd;

	ck_assert_msg(bin != NULL && *bin != '\0',
	    "TOLKREGD must name the built tolkregd");
	snprintf(portfile, sizeof(portfile), "%s/port", dir);
	snprintf(logpath, sizeof(logpath), "%s/tolkregd.log", dir);
	daemon_pid = fork();
	ck_assert_int_ne(daemon_pid, -1);
	if (daemon_pid == 0) {
		fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd != -1) {
			dup2(fd, 2);
			close(fd);
		}
		execl(bin, "tolkregd", "--db", dbpath, "--listen",
		    "127.0.0.1:0", "--port-file", portfile, "--threads",
		    DAEMON_THREADS, "--cache", DAEMON_CACHE, "--timeout", "5",
		    "--grace", "5", (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {
		if ((f = fopen(portfile, "r")) != NULL) {
			if (fgets(buf, sizeof(buf), f) != NULL)
				port = atoi(buf);
			fclose(f);
			if (port > 0)
				return;
		}
		if (waitpid(daemon_pid, NULL, WNOHANG) != 0) {
			/* Reaped: its pid must never be signalled again. */
			daemon_pid = -1;
			ck_abort_msg("tolkregd exited at start");
		}
		sleep_ms(50);
	}
	ck_abort_msg("tolkregd did not report its port in 10 s");
}

/* Stop tolkregd with SIGTERM and return its exit status (bounded). */
static int
daemon_stop(void)
{
	int	i, status;

	if (daemon_pid <= 0)
		return (-1);
	kill(daemon_pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(daemon_pid, &status, WNOHANG) == daemon_pid) {
			daemon_pid = -1;
			return (WIFEXITED(status) ? WEXITSTATUS(status) :
			    128 + WTERMSIG(status));
		}
		sleep_ms(50);
	}
	kill(daemon_pid, SIGKILL);
	waitpid(daemon_pid, &status, 0);
	daemon_pid = -1;
	return (-2);
}

/* A register with two bodies, two interpreters and tokens; then serve. */
static void
setup(void)
{
	struct body_input	 b1 = { OUS, "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_FULL };
	struct body_input	 b2 = { NAV, "NAV Grünerløkka", SECTOR_WELFARE,
	    "0301", 1, GUIDE_PARTIAL };
	struct store		*st;
	struct tk_error		 err;
	char			*slash;
	int64_t			 id;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	st = fixture_store_new(dbpath);
	snprintf(dir, sizeof(dir), "%s", dbpath);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	tk_error_clear(&err);
	ck_assert_int_eq(body_add(st, &b1, &err), 0);
	ck_assert_int_eq(body_add(st, &b2, &err), 0);
	amina = fixture_interpreter(st, "Amina Hassan", 1, amina_fnr);
	bashir = fixture_interpreter(st, "Bashir Ali", 2, bashir_fnr);
	/* Amina C in ara and alone in tir, Bashir D in ara. */
	fixture_credential(st, amina, CRED_AUTHORISATION, "ara");
	fixture_credential(st, amina, CRED_AUTHORISATION, "tir");
	fixture_credential(st, bashir, CRED_GRUNNEMNE, "ara");
	add_token(st, ROLE_ADMIN, NULL, 0, t_admin, NULL);
	add_token(st, ROLE_BODY, OUS, 0, t_ous, NULL);
	add_token(st, ROLE_BODY, NAV, 0, t_nav, NULL);
	add_token(st, ROLE_INTERPRETER, NULL, amina, t_amina, NULL);
	add_token(st, ROLE_INTERPRETER, NULL, bashir, t_bashir, NULL);
	add_token(st, ROLE_ADMIN, NULL, 0, t_expired, &id);
	add_token(st, ROLE_ADMIN, NULL, 0, t_revoked, &id);
	ck_assert_int_eq(token_revoke(st, id, &err), 0);
	fixture_exec(st, "UPDATE token SET expires = '2000-01-01'"
	    " WHERE id = 6");
	store_close(st);
	daemon_start();
}

static void
teardown(void)
{
	int	rc;

	/* Exit 0 after SIGTERM: a clean stop, and no leak under ASan. */
	rc = daemon_stop();
	ck_assert_msg(rc == 0 || rc == -1, "tolkregd exited %d", rc);
	fixture_store_free(NULL, dbpath);
	curl_global_cleanup();
}

/* What one HTTP exchange gave. */
struct resp {
	long	 status;
	char	*text;
	size_t	 len;
	json_t	*json;		/* the body parsed, or NULL */
	char	 location[128];
	char	 headers[1024];	/* the header lines but Date, in order */
};

static size_t
write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp	*r = arg;
	size_t		 len = size * n;

	if (r->len + len > BODY_CAP)
		return (0);
	r->text = realloc(r->text, r->len + len + 1);
	ck_assert_ptr_nonnull(r->text);
	memcpy(r->text + r->len, p, len);
	r->len += len;
	r->text[r->len] = '\0';
	return (len);
}

static size_t
header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp	*r = arg;
	size_t		 len = size * n;

	if (len > 10 && strncasecmp(p, "Location: ", 10) == 0)
		snprintf(r->location, sizeof(r->location), "%.*s",
		    (int)(len - 12), p + 10);
	if (strncasecmp(p, "Date:", 5) != 0 &&
	    strlen(r->headers) + len < sizeof(r->headers))
		strncat(r->headers, p, len);
	return (len);
}

/* Send method path (with body, may be NULL) with token (may be NULL). */
static void
call_len(struct resp *r, const char *method, const char *path,
    const char *token, const char *body, size_t bodylen, int chunked)
{
	struct curl_slist	*h = NULL;
	CURL			*c;
	char			 url[512], auth[TOKEN_BUFLEN + 32];
	CURLcode		 rc;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
	c = curl_easy_init();
	ck_assert_ptr_nonnull(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (token != NULL) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	if (body != NULL) {
		h = curl_slist_append(h, "Content-Type: application/json");
		if (chunked)
			h = curl_slist_append(h, "Transfer-Encoding: chunked");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)bodylen);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c);
	ck_assert_msg(rc == CURLE_OK, "%s %s: %s", method, path,
	    curl_easy_strerror(rc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (r->text != NULL)
		r->json = json_loads(r->text, 0, NULL);
}

static void
call(struct resp *r, const char *method, const char *path,
    const char *token, const char *body)
{
	call_len(r, method, path, token, body, body != NULL ? strlen(body) : 0,
	    0);
}

static void
resp_free(struct resp *r)
{
	json_decref(r->json);
	free(r->text);
}

/* Expect status and, for an error, the error code. */
static void
expect(struct resp *r, long status, const char *code)
{
	const char	*got;

	ck_assert_msg(r->status == status, "status %ld, expected %ld: %s",
	    r->status, status, r->text != NULL ? r->text : "");
	if (code == NULL)
		return;
	ck_assert_msg(json_is_object(r->json), "no JSON error body");
	ck_assert_uint_eq(json_object_size(r->json), 2);
	got = json_string_value(json_object_get(r->json, "error"));
	ck_assert_msg(got != NULL && strcmp(got, code) == 0,
	    "error %s, expected %s", got != NULL ? got : "(none)", code);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(r->json,
	    "message")));
}

/* Call and expect in one go; the response is freed. */
static void
check(const char *method, const char *path, const char *token,
    const char *body, long status, const char *code)
{
	struct resp	r;

	call(&r, method, path, token, body);
	expect(&r, status, code);
	resp_free(&r);
}

/* The error message of r contains s. */
static void
message_has(struct resp *r, const char *s)
{
	const char	*m;

	m = json_string_value(json_object_get(r->json, "message"));
	ck_assert_msg(m != NULL && strstr(m, s) != NULL,
	    "message '%s' lacks '%s'", m != NULL ? m : "", s);
}

/* A string member of r's object. */
static const char *
str_of(struct resp *r, const char *key)
{
	const char	*v = json_string_value(json_object_get(r->json, key));

	ck_assert_msg(v != NULL, "no string '%s' in %s", key, r->text);
	return (v);
}

/* An integer member of r's object. */
static json_int_t
int_of(struct resp *r, const char *key)
{
	json_t	*v = json_object_get(r->json, key);

	ck_assert_msg(json_is_integer(v), "no integer '%s' in %s", key,
	    r->text);
	return (json_integer_value(v));
}

/* Order a request for OUS in language lang at start; its id. */
static int64_t
order(const char *token, const char *lang, const char *start)
{
	struct resp	r;
	char		body[256];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"lang\":\"%s\",\"start\":\"%s\","
	    "\"minutes\":60,\"modality\":\"phone\",\"case\":\"K-1\"}", lang,
	    start);
	call(&r, "POST", "/v1/requests", token, body);
	expect(&r, 201, NULL);
	id = int_of(&r, "id");
	resp_free(&r);
	return (id);
}

START_TEST(test_health)
{
	struct resp	r;

	call(&r, "GET", "/v1/health", NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "status"), "ok");
	ck_assert_int_eq(int_of(&r, "schema"), store_schema_latest());
	resp_free(&r);
	check("GET", "/v1/health?x=1", NULL, NULL, 400, "invalid");
}
END_TEST

START_TEST(test_register_public)
{
	static const char *const personal[] = { "email", "phone", "fnr",
	    "pnr", "warnings", "warnings_5y", "history", "credentials" };
	struct resp	r;
	char		path[64];
	json_t		*row;
	size_t		i, k;

	call(&r, "GET", "/v1/register?lang=ara", NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 2);
	/* The highest category in the language first. */
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_array_get(r.json, 0), "regno")), amina);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(r.json, 1), "category")), "D");
	json_array_foreach(r.json, i, row) {
		for (k = 0; k < sizeof(personal) / sizeof(personal[0]); k++)
			ck_assert_ptr_null(json_object_get(row, personal[k]));
	}
	ck_assert_ptr_null(strstr(r.text, amina_fnr));
	ck_assert_ptr_null(strstr(r.text, "tolk@example.no"));
	resp_free(&r);

	call(&r, "GET", "/v1/register?lang=ara&category=C&gender=f"
	    "&modality=video&county=03&municipality=0301", NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);

	/* What the tolkebevis QR code shows. */
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, amina);
	call(&r, "GET", path, NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert(json_is_true(json_object_get(r.json, "listed")));
	ck_assert_str_eq(str_of(&r, "status"), "listed");
	ck_assert_uint_eq(json_array_size(json_object_get(r.json,
	    "languages")), 2);
	for (k = 0; k < sizeof(personal) / sizeof(personal[0]); k++)
		ck_assert_ptr_null(json_object_get(r.json, personal[k]));
	ck_assert_ptr_null(strstr(r.text, amina_fnr));
	ck_assert_ptr_null(strstr(r.text, "@"));
	resp_free(&r);

	check("GET", "/v1/register/99999", NULL, NULL, 404, "not_found");
	check("GET", "/v1/register", NULL, NULL, 400, "invalid");
	check("GET", "/v1/register?lang=zzz", NULL, NULL, 400, "invalid");
	check("GET", "/v1/register?lang=ara&sort=name", NULL, NULL, 400,
	    "invalid");
	check("GET", "/v1/register?lang=ara&modality=video,phone", NULL, NULL,
	    400, "invalid");
	/* The search works with any token too. */
	check("GET", "/v1/register?lang=ara", t_nav, NULL, 200, NULL);
}
END_TEST

START_TEST(test_anonymous_personal)
{
	char	path[64];

	/* Every route that can show contact details needs a token. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64, amina);
	check("GET", path, NULL, NULL, 401, "unauthorized");
	check("GET", "/v1/interpreters", NULL, NULL, 401, "unauthorized");
	check("GET", "/v1/me", NULL, NULL, 401, "unauthorized");
	check("GET", "/v1/me/assignments", NULL, NULL, 401, "unauthorized");
	check("GET", "/v1/requests", NULL, NULL, 401, "unauthorized");
	check("GET", "/v1/bodies", NULL, NULL, 401, "unauthorized");
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/credentials", amina);
	check("GET", path, NULL, NULL, 401, "unauthorized");
	check("PATCH", "/v1/me", NULL, "{\"email\":\"x@example.no\"}", 401,
	    "unauthorized");
}
END_TEST

START_TEST(test_tokens_refused)
{
	struct resp	r;
	char		bad[TOKEN_BUFLEN];
	size_t		n;

	call(&r, "GET", "/v1/requests", t_expired, NULL);
	expect(&r, 401, "unauthorized");
	message_has(&r, "expired");
	resp_free(&r);
	call(&r, "GET", "/v1/requests", t_revoked, NULL);
	expect(&r, 401, "unauthorized");
	message_has(&r, "revoked");
	resp_free(&r);
	/* Refused on anonymous routes too: a bad token is never ignored. */
	check("GET", "/v1/register?lang=ara", t_revoked, NULL, 401,
	    "unauthorized");
	snprintf(bad, sizeof(bad), "%s", t_admin);
	n = strlen(bad) - 2;
	bad[n] = bad[n] == 'x' ? 'y' : 'x';
	check("GET", "/v1/requests", bad, NULL, 401, "unauthorized");
	check("GET", "/v1/requests", "tolkreg_1_", NULL, 401, "unauthorized");
	check("GET", "/v1/requests", "", NULL, 401, "unauthorized");
	check("GET", "/v1/requests", t_admin, NULL, 200, NULL);
}
END_TEST

START_TEST(test_request_lifecycle)
{
	struct resp	r;
	char		path[96], actor[64];
	int64_t		id, id2, id3;
	json_t		*c;

	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":\"ara\","
	    "\"start\":\"2030-03-04T10:00\",\"minutes\":60,"
	    "\"modality\":\"onsite\",\"municipality\":\"0301\","
	    "\"min_category\":\"D\",\"gender\":\"F\",\"case\":\"2030/17\","
	    "\"exclude\":[99998,99999],\"urgent\":true}");
	expect(&r, 201, NULL);
	id = int_of(&r, "id");
	ck_assert_str_eq(str_of(&r, "body"), OUS);
	ck_assert_str_eq(str_of(&r, "state"), "requested");
	ck_assert_str_eq(str_of(&r, "exclude"), "99998,99999");
	ck_assert(json_is_true(json_object_get(r.json, "urgent")));
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64, id);
	ck_assert_str_eq(r.location, path);
	resp_free(&r);

	call(&r, "GET", path, t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(int_of(&r, "minutes"), 60);
	resp_free(&r);

	call(&r, "GET", "/v1/requests?state=requested", t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_ge(json_array_size(r.json), 1);
	resp_free(&r);

	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/candidates"
	    "?explain=true", id);
	call(&r, "GET", path, t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(int_of(&r, "eligible"), 2);
	c = json_array_get(json_object_get(r.json, "candidates"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(c, "regno")),
	    amina);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(c,
	    "reasons")));
	resp_free(&r);

	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/book", id);
	call(&r, "POST", path, t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "state"), "booked");
	ck_assert_int_eq(int_of(&r, "regno"), amina);
	resp_free(&r);
	check("POST", path, t_ous, NULL, 409, "conflict");

	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "?explain=true",
	    id);
	call(&r, "GET", path, t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(json_object_get(r.json, "ranking")),
	    2);
	resp_free(&r);

	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/complete", id);
	call(&r, "POST", path, t_ous, "{\"minutes\":75,\"child_used\":false}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "state"), "completed");
	ck_assert_int_eq(int_of(&r, "actual_minutes"), 75);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/cancel", id);
	check("POST", path, t_ous, "{\"reason\":\"too late\"}", 409,
	    "conflict");

	/* Cancelled, and closed unfilled; a reason is required. */
	id2 = order(t_ous, "ara", "2030-03-05T10:00");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/cancel", id2);
	check("POST", path, t_ous, "{}", 400, "invalid");
	call(&r, "POST", path, t_ous, "{\"reason\":\"no longer needed\"}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "state"), "cancelled");
	resp_free(&r);
	id3 = order(t_ous, "ara", "2030-03-06T10:00");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/unfilled", id3);
	call(&r, "POST", path, t_ous, "{\"reason\":\"none free\"}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "state"), "unfilled");
	resp_free(&r);

	/* Unregistered completion needs the § 7 reason. */
	id3 = order(t_ous, "ara", "2030-03-07T10:00");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/complete", id3);
	check("POST", path, t_ous, "{\"unregistered\":true}", 400, "invalid");
	check("POST", path, t_ous, "{\"unregistered\":true,"
	    "\"unqualified_reason\":\"emergency\",\"remote\":true}", 200, NULL);

	/* Admin orders for a named body; without one it is refused. */
	check("POST", "/v1/requests", t_admin, "{\"lang\":\"ara\","
	    "\"start\":\"2030-03-08T10:00\",\"minutes\":30,"
	    "\"modality\":\"video\"}", 400, "invalid");
	check("POST", "/v1/requests", t_admin, "{\"body\":\"" NAV "\","
	    "\"lang\":\"ara\",\"start\":\"2030-03-08T10:00\",\"minutes\":30,"
	    "\"modality\":\"video\"}", 201, NULL);

	/* Every write is in the audit log under the token's principal. */
	snprintf(actor, sizeof(actor), "token:2 body:%s", OUS);
	snprintf(path, sizeof(path), "%" PRId64, id);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE"
	    " entity = 'request' AND entity_id = ?1 AND actor = 'token:2 body:"
	    OUS "'", path), 3);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE"
	    " actor = ?1 AND action = 'unfilled'", actor), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM ranking k JOIN request"
	    " q ON q.id = k.request WHERE k.actor = ?1", actor), 1);
}
END_TEST

START_TEST(test_body_boundary)
{
	struct resp	r;
	char		path[96];
	int64_t		id;
	json_t		*row;
	size_t		i;

	id = order(t_ous, "ara", "2030-04-01T09:00");
	/* NAV's token never reaches OUS's request. */
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64, id);
	check("GET", path, t_nav, NULL, 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/candidates",
	    id);
	check("GET", path, t_nav, NULL, 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/book", id);
	check("POST", path, t_nav, "{}", 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/cancel", id);
	check("POST", path, t_nav, "{\"reason\":\"x\"}", 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/complete", id);
	check("POST", path, t_nav, "{}", 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/unfilled", id);
	check("POST", path, t_nav, "{\"reason\":\"x\"}", 403, "forbidden");
	check("GET", "/v1/requests?body=" OUS, t_nav, NULL, 403, "forbidden");
	check("POST", "/v1/requests", t_nav, "{\"body\":\"" OUS "\","
	    "\"lang\":\"ara\",\"start\":\"2030-04-01T09:00\",\"minutes\":60,"
	    "\"modality\":\"phone\"}", 403, "forbidden");
	/* Its own list holds none of OUS's. */
	call(&r, "GET", "/v1/requests", t_nav, NULL);
	expect(&r, 200, NULL);
	json_array_foreach(r.json, i, row)
		ck_assert_str_eq(json_string_value(json_object_get(row,
		    "body")), NAV);
	resp_free(&r);
	/* Nothing changed. */
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64, id);
	call(&r, "GET", path, t_ous, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "state"), "requested");
	resp_free(&r);
	/* Bodies have no admin or interpreter routes. */
	check("GET", "/v1/bodies", t_ous, NULL, 403, "forbidden");
	check("GET", "/v1/interpreters", t_ous, NULL, 403, "forbidden");
	check("GET", "/v1/me", t_ous, NULL, 403, "forbidden");
	check("GET", "/v1/requests/999999", t_ous, NULL, 404, "not_found");
}
END_TEST

START_TEST(test_interpreter_boundary)
{
	struct resp	r;
	char		path[96], body[128];
	int64_t		id;

	/* Another interpreter's record is out of reach. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64, bashir);
	check("PATCH", path, t_amina, "{\"email\":\"evil@example.no\"}", 403,
	    "forbidden");
	check("GET", path, t_amina, NULL, 403, "forbidden");
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/unavailability", bashir);
	check("POST", path, t_amina, "{\"from\":\"2030-01-01T00:00\","
	    "\"to\":\"2030-01-02T00:00\"}", 403, "forbidden");
	/* What IMDi keeps cannot be changed through /v1/me. */
	check("PATCH", "/v1/me", t_amina, "{\"name\":\"A\"}", 403,
	    "forbidden");
	check("PATCH", "/v1/me", t_amina, "{\"status\":\"listed\"}", 403,
	    "forbidden");
	check("PATCH", "/v1/me", t_amina, "{\"credentials\":[]}", 403,
	    "forbidden");
	check("PATCH", "/v1/me", t_amina, "{\"municipality\":\"4601\"}", 403,
	    "forbidden");
	check("PATCH", "/v1/me", t_amina, "{\"fnr\":\"15108695088\"}", 403,
	    "forbidden");
	check("PATCH", "/v1/me", t_amina, "{\"colour\":\"red\"}", 400,
	    "invalid");
	check("PATCH", "/v1/me", t_amina, "{}", 400, "usage");
	check("PATCH", "/v1/me", t_amina, "{\"email\":\"not-an-address\"}",
	    400, "invalid");
	/* Bashir is as he was. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64, bashir);
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "email"), "tolk@example.no");
	resp_free(&r);

	/* The own contact details, modalities and availability. */
	call(&r, "PATCH", "/v1/me", t_amina, "{\"email\":\"amina@example.no\","
	    "\"phone\":\"+47 987 65 432\",\"availability\":\"full\","
	    "\"modalities\":\"video,phone\"}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "email"), "amina@example.no");
	ck_assert_str_eq(str_of(&r, "phone"), "+4798765432");
	ck_assert_str_eq(str_of(&r, "availability"), "full");
	ck_assert_str_eq(str_of(&r, "modalities"), "video,phone");
	resp_free(&r);
	call(&r, "GET", "/v1/me", t_amina, NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(int_of(&r, "regno"), amina);
	ck_assert_ptr_null(strstr(r.text, amina_fnr));
	resp_free(&r);
	snprintf(body, sizeof(body), "token:4 interpreter:%" PRId64, amina);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE"
	    " entity = 'interpreter' AND field = 'email' AND actor = ?1",
	    body), 1);

	/* Unavailability: add, list, remove; never another's. */
	call(&r, "POST", "/v1/me/unavailability", t_amina,
	    "{\"from\":\"2030-07-01T00:00\",\"to\":\"2030-07-15T00:00\","
	    "\"note\":\"ferie\"}");
	expect(&r, 201, NULL);
	id = int_of(&r, "id");
	ck_assert_str_eq(str_of(&r, "note"), "ferie");
	resp_free(&r);
	call(&r, "GET", "/v1/me/unavailability?all=true", t_amina, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/me/unavailability/%" PRId64, id);
	check("DELETE", path, t_bashir, NULL, 404, "not_found");
	check("DELETE", path, t_amina, NULL, 204, NULL);
	check("DELETE", path, t_amina, NULL, 404, "not_found");
	check("POST", "/v1/me/unavailability", t_amina,
	    "{\"from\":\"2030-07-15T00:00\",\"to\":\"2030-07-01T00:00\"}",
	    400, "invalid");

	/* Conflicts of interest (§ 16). */
	call(&r, "POST", "/v1/me/conflicts", t_bashir, "{\"body\":\"" NAV "\"}");
	expect(&r, 201, NULL);
	ck_assert_str_eq(str_of(&r, "body"), NAV);
	resp_free(&r);
	check("POST", "/v1/me/conflicts", t_bashir, "{\"body\":\"" NAV "\"}",
	    409, "conflict");
	check("POST", "/v1/me/conflicts", t_bashir, "{\"body\":\"123\"}", 400,
	    "invalid");
	call(&r, "GET", "/v1/me/conflicts", t_bashir, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	/*
	 * Withdrawn only by the interpreter who declared it: another's
	 * is 404, as if it did not exist; a bad number is 400.
	 */
	check("DELETE", "/v1/me/conflicts/" NAV, t_amina, NULL, 404,
	    "not_found");
	check("DELETE", "/v1/me/conflicts/123", t_bashir, NULL, 400,
	    "invalid");
	call(&r, "GET", "/v1/me/conflicts", t_bashir, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	check("DELETE", "/v1/me/conflicts/" NAV, t_bashir, NULL, 204, NULL);
	check("DELETE", "/v1/me/conflicts/" NAV, t_bashir, NULL, 404,
	    "not_found");
	call(&r, "GET", "/v1/me/conflicts", t_bashir, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 0);
	resp_free(&r);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE"
	    " action = 'conflict-remove' AND old = ?1", NAV), 1);
	check("DELETE", "/v1/me/conflicts/" NAV, t_ous, NULL, 403,
	    "forbidden");

	/* Own assignments only. */
	id = order(t_ous, "tir", "2030-05-02T09:00");
	snprintf(path, sizeof(path), "/v1/requests/%" PRId64 "/book", id);
	check("POST", path, t_ous, NULL, 200, NULL);
	call(&r, "GET", "/v1/me/assignments?state=booked", t_amina, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_array_get(r.json, 0), "id")), id);
	resp_free(&r);
	call(&r, "GET", "/v1/me/assignments", t_bashir, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 0);
	resp_free(&r);
	/* No ordering or booking with an interpreter token. */
	check("GET", "/v1/requests", t_amina, NULL, 403, "forbidden");
	check("POST", path, t_amina, NULL, 403, "forbidden");
}
END_TEST

START_TEST(test_admin_routes)
{
	struct resp	r;
	char		path[128];
	int64_t		regno, cred, id;

	/* Bodies. */
	call(&r, "POST", "/v1/bodies", t_admin, "{\"orgnr\":\"" FRESH "\","
	    "\"name\":\"Bydel Gamle Oslo\",\"sector\":\"municipal\","
	    "\"municipality\":\"0301\",\"guidelines\":\"none\"}");
	expect(&r, 201, NULL);
	ck_assert_str_eq(r.location, "/v1/bodies/" FRESH);
	ck_assert(json_is_false(json_object_get(r.json, "regular")));
	resp_free(&r);
	check("POST", "/v1/bodies", t_admin, "{\"orgnr\":\"" FRESH "\","
	    "\"name\":\"Again\",\"sector\":\"municipal\","
	    "\"municipality\":\"0301\",\"guidelines\":\"none\"}", 409,
	    "conflict");
	call(&r, "PATCH", "/v1/bodies/" FRESH, t_admin,
	    "{\"guidelines\":\"partial\",\"regular\":true}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "guidelines"), "partial");
	ck_assert(json_is_true(json_object_get(r.json, "regular")));
	resp_free(&r);
	check("GET", "/v1/bodies/" FRESH, t_admin, NULL, 200, NULL);
	check("GET", "/v1/bodies/920000002", t_admin, NULL, 404, "not_found");
	call(&r, "GET", "/v1/bodies?sector=municipal", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);

	/* Interpreters. */
	call(&r, "POST", "/v1/interpreters", t_admin, "{\"name\":\"Dawit"
	    " Tesfay\",\"fnr\":\"15108695088\",\"gender\":\"M\","
	    "\"email\":\"dawit@example.no\",\"phone\":\"41234567\","
	    "\"municipality\":\"4601\",\"availability\":\"occasional\","
	    "\"modalities\":\"onsite,phone\"}");
	expect(&r, 201, NULL);
	regno = int_of(&r, "regno");
	ck_assert_ptr_null(strstr(r.text, "15108695088"));
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64, regno);
	ck_assert_str_eq(r.location, path);
	resp_free(&r);
	check("POST", "/v1/interpreters", t_admin, "{\"name\":\"X\"}", 400,
	    "invalid");
	call(&r, "PATCH", path, t_admin, "{\"municipality\":\"0301\"}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "municipality"), "0301");
	resp_free(&r);
	call(&r, "GET", "/v1/interpreters?lang=ara", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 2);
	resp_free(&r);

	/* Credentials, from which the category follows. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/credentials", regno);
	call(&r, "POST", path, t_admin, "{\"kind\":\"bachelor\","
	    "\"lang\":\"tir\",\"date\":\"2021-06-15\",\"ref\":\"OsloMet\"}");
	expect(&r, 201, NULL);
	cred = int_of(&r, "id");
	resp_free(&r);
	check("POST", path, t_admin, "{\"kind\":\"phd\",\"date\":"
	    "\"2021-06-15\"}", 400, "invalid");
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, regno);
	call(&r, "GET", path, NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(r.json, "languages"), 0), "category")), "B");
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/credentials/%" PRId64 "/revoke", regno, cred);
	call(&r, "POST", path, t_admin, "{\"reason\":\"entered by mistake\"}");
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(r.json,
	    "revoked")));
	resp_free(&r);
	check("POST", path, t_admin, "{\"reason\":\"again\"}", 409,
	    "conflict");

	/* Warnings (§ 21). */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64 "/warnings",
	    regno);
	call(&r, "POST", path, t_admin, "{\"reason\":\"late twice\","
	    "\"date\":\"2026-01-10\"}");
	expect(&r, 201, NULL);
	ck_assert_str_eq(str_of(&r, "date"), "2026-01-10");
	resp_free(&r);
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	check("GET", "/v1/interpreters/99999/warnings", t_admin, NULL, 404,
	    "not_found");

	/* Listing status: exclude, reinstate, withdraw. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64 "/exclude",
	    regno);
	check("POST", path, t_admin, "{\"temporary\":true}", 400, "invalid");
	call(&r, "POST", path, t_admin, "{\"reason\":\"case 2026/4\","
	    "\"temporary\":true}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "status"), "suspended");
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, regno);
	call(&r, "GET", path, NULL, NULL);
	expect(&r, 200, NULL);
	ck_assert(json_is_false(json_object_get(r.json, "listed")));
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/reinstate", regno);
	check("POST", path, t_admin, "{\"reason\":\"case closed\"}", 200, NULL);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64 "/withdraw",
	    regno);
	call(&r, "POST", path, t_admin, "{}");
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "status"), "withdrawn");
	resp_free(&r);
	call(&r, "GET", "/v1/interpreters?status=withdrawn", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);

	/* Unavailability and conflicts through the admin paths. */
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/unavailability", bashir);
	call(&r, "POST", path, t_admin, "{\"from\":\"2030-08-01T00:00\","
	    "\"to\":\"2030-08-02T00:00\"}");
	expect(&r, 201, NULL);
	id = int_of(&r, "id");
	resp_free(&r);
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/unavailability/%" PRId64, bashir, id);
	check("DELETE", path, t_admin, NULL, 204, NULL);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/conflicts", amina);
	check("POST", path, t_admin, "{\"body\":\"" FRESH "\"}", 201, NULL);
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_uint_eq(json_array_size(r.json), 1);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/conflicts/" FRESH, amina);
	check("DELETE", path, t_admin, NULL, 204, NULL);
	check("DELETE", path, t_admin, NULL, 404, "not_found");
	ck_assert_int_ge(db_count("SELECT count(*) FROM audit WHERE actor"
	    " = 'token:1 admin' AND entity = ?1", "interpreter"), 2);
	ck_assert_int_ge(db_count("SELECT count(*) FROM audit WHERE actor"
	    " = 'token:1 admin' AND entity = ?1", "body"), 2);
}
END_TEST

START_TEST(test_malformed)
{
	struct resp	 r;
	char		*big;
	size_t		 n = HTTP_BIG;

	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":");
	expect(&r, 400, "invalid");
	message_has(&r, "not valid JSON");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "[1,2]");
	expect(&r, 400, "invalid");
	message_has(&r, "$ must be a JSON object");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":\"ara\","
	    "\"start\":\"2030-03-04T10:00\",\"minutes\":\"60\","
	    "\"modality\":\"phone\"}");
	expect(&r, 400, "invalid");
	message_has(&r, "$.minutes must be an integer");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"urgent\":\"yes\"}");
	expect(&r, 400, "invalid");
	message_has(&r, "$.urgent must be true or false");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"exclude\":[10001,\"x\"]}");
	expect(&r, 400, "invalid");
	message_has(&r, "$.exclude[1] must be an integer");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":\"ara\","
	    "\"lang\":\"tir\"}");
	expect(&r, 400, "invalid");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":\"ara\","
	    "\"start\":\"2030-03-04T10:00\",\"minutes\":9999,"
	    "\"modality\":\"phone\"}");
	expect(&r, 400, "invalid");
	message_has(&r, "'minutes'");
	resp_free(&r);
	call(&r, "POST", "/v1/requests", t_ous, "{\"lang\":\"ara\","
	    "\"start\":\"2030-03-04T10:00\",\"minutes\":60,"
	    "\"modality\":\"onsite\"}");
	expect(&r, 400, "invalid");
	message_has(&r, "'municipality'");
	resp_free(&r);

	/* 64 KiB is the limit: announced or chunked, it is refused. */
	big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	call_len(&r, "POST", "/v1/requests", t_ous, big, n, 0);
	expect(&r, 413, "too_large");
	resp_free(&r);
	call_len(&r, "POST", "/v1/requests", t_ous, big, n, 1);
	expect(&r, 413, "too_large");
	resp_free(&r);
	/* Just under the limit is read (and refused for what it says). */
	call_len(&r, "POST", "/v1/requests", t_ous, big, 65536, 0);
	ck_assert_int_ne(r.status, 413);
	resp_free(&r);
	free(big);

	check("GET", "/v1/nothing", NULL, NULL, 404, "not_found");
	check("GET", "/v1/requests/abc", t_ous, NULL, 404, "not_found");
	check("GET", "/v1/requests/0", t_ous, NULL, 404, "not_found");
	check("PUT", "/v1/requests", t_ous, "{}", 405, "method_not_allowed");
	check("GET", "/v1/requests?colour=red", t_ous, NULL, 400, "invalid");
	check("GET", "/v1/requests?from=tomorrow", t_ous, NULL, 400,
	    "invalid");
	check("GET", "/v1/requests/1/candidates?limit=0", t_ous, NULL, 400,
	    "invalid");
}
END_TEST

/* One booking thread's job and result. */
struct booker {
	pthread_barrier_t	*go;
	char			 path[96];
	long			 status;
};

static void *
book_thread(void *arg)
{
	struct booker	*b = arg;
	struct resp	 r;

	pthread_barrier_wait(b->go);
	call(&r, "POST", b->path, t_ous, "{}");
	b->status = r.status;
	resp_free(&r);
	return (NULL);
}

/* Run n bookers at once; return how many got 200 and check the rest. */
static int
book_at_once(struct booker *b, int n)
{
	pthread_barrier_t	go;
	pthread_t		t[8];
	int			i, ok = 0;

	ck_assert_int_le(n, 8);
	pthread_barrier_init(&go, NULL, (unsigned int)n);
	for (i = 0; i < n; i++) {
		b[i].go = &go;
		ck_assert_int_eq(pthread_create(&t[i], NULL, book_thread,
		    &b[i]), 0);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < n; i++) {
		if (b[i].status == 200)
			ok++;
		else
			ck_assert_msg(b[i].status == 409, "booking answered"
			    " %ld", b[i].status);
	}
	return (ok);
}

/* A counter from the health check: section.name. */
static json_int_t
health_count(const char *section, const char *name)
{
	struct resp	r;
	json_t		*v;
	json_int_t	 n;

	call(&r, "GET", "/v1/health", NULL, NULL);
	expect(&r, 200, NULL);
	v = json_object_get(json_object_get(r.json, section), name);
	ck_assert_msg(json_is_integer(v), "no %s.%s in %s", section, name,
	    r.text);
	n = json_integer_value(v);
	resp_free(&r);
	return (n);
}

/* A counter of the answer cache, from the health check. */
static json_int_t
cache_count(const char *name)
{
	return (health_count("cache", name));
}

START_TEST(test_concurrent_booking)
{
	struct booker	b[8];
	int64_t		id;
	json_int_t	jobs, txns;
	int		i;

	jobs = health_count("writes", "jobs");
	txns = health_count("writes", "transactions");
	/* Eight requests for one slot; only Amina has Tigrinya. */
	memset(b, 0, sizeof(b));
	for (i = 0; i < 8; i++) {
		id = order(t_ous, "tir", "2030-06-03T10:00");
		snprintf(b[i].path, sizeof(b[i].path), "/v1/requests/%" PRId64
		    "/book", id);
	}
	ck_assert_int_eq(book_at_once(b, 8), 1);
	ck_assert_int_eq(booked_on("tir", "2030-06-03"), 1);

	/* Eight bookings of one request: one wins. */
	memset(b, 0, sizeof(b));
	id = order(t_ous, "ara", "2030-06-04T10:00");
	for (i = 0; i < 8; i++)
		snprintf(b[i].path, sizeof(b[i].path), "/v1/requests/%" PRId64
		    "/book", id);
	ck_assert_int_eq(book_at_once(b, 8), 1);

	/*
	 * Nine requests made and sixteen bookings tried, all through the
	 * writer, each in one commit or sharing one.
	 */
	ck_assert_int_eq(health_count("writes", "jobs") - jobs, 25);
	txns = health_count("writes", "transactions") - txns;
	ck_assert_msg(txns >= 1 && txns <= 25, "%lld transactions",
	    (long long)txns);
}
END_TEST

START_TEST(test_import)
{
	static const char	 good[] = "<tolkreg xmlns=\"urn:no:imdi:"
	    "tolkreg:1\" version=\"1\"><bodies><body orgnr=\"914778271\""
	    " name=\"NAV Bergen\" sector=\"welfare\" municipality=\"4601\""
	    " regular=\"true\" guidelines=\"none\"/></bodies></tolkreg>";
	static const char	 bad[] = "<tolkreg xmlns=\"urn:no:imdi:"
	    "tolkreg:1\" version=\"1\"><bodies><body orgnr=\"123456785\""
	    " name=\"X\" sector=\"welfare\" municipality=\"4601\""
	    " regular=\"true\" guidelines=\"none\"/></bodies></tolkreg>";
	struct resp		 r;
	json_t			*b;

	/* Only an admin may send a file; others before it is read. */
	check("POST", "/v1/import", NULL, good, 401, "unauthorized");
	check("POST", "/v1/import", t_ous, good, 403, "forbidden");
	ck_assert_int_eq(body_stored("914778271"), 0);
	/* A dry run counts and changes nothing. */
	call(&r, "POST", "/v1/import?dry_run=true", t_admin, good);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "result"), "dry-run");
	b = json_object_get(json_object_get(r.json, "counts"), "bodies");
	ck_assert_int_eq(json_integer_value(json_object_get(b, "added")), 1);
	resp_free(&r);
	ck_assert_int_eq(body_stored("914778271"), 0);
	call(&r, "POST", "/v1/import", t_admin, good);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "result"), "applied");
	resp_free(&r);
	ck_assert_int_eq(body_stored("914778271"), 1);
	/* Bad data: 400 with every problem, nothing written. */
	call(&r, "POST", "/v1/import", t_admin, bad);
	ck_assert_int_eq(r.status, 400);
	ck_assert_str_eq(str_of(&r, "error"), "invalid");
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "problems")),
	    1);
	resp_free(&r);
	ck_assert_int_eq(body_stored("123456785"), 0);
	check("POST", "/v1/import?force=1", t_admin, good, 400, "invalid");
}
END_TEST

START_TEST(test_monitor)
{
	struct resp	r;

	/* IMDi's reports: an admin token only. */
	check("GET", "/v1/monitor/sprak?period=2026H1", NULL, NULL, 401,
	    "unauthorized");
	check("GET", "/v1/monitor/sprak?period=2026H1", t_ous, NULL, 403,
	    "forbidden");
	call(&r, "GET", "/v1/monitor/sprak?period=2026H1", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert(json_is_array(r.json));
	resp_free(&r);
	call(&r, "GET", "/v1/monitor/sprak?period=2026H1&format=csv", t_admin,
	    NULL);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(r.text, "\"language\",\"language_name\""));
	resp_free(&r);
	call(&r, "GET", "/v1/monitor/lov?year=2026&format=xml", t_admin,
	    NULL);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(r.text,
	    "urn:no:imdi:tolkreg:tolkemonitor:1"));
	resp_free(&r);
	call(&r, "GET", "/v1/monitor/lov?period=2026H1&by=sector&format=html",
	    t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(r.text, "<svg"));
	resp_free(&r);
	call(&r, "GET", "/v1/monitor/lov?year=2026", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert(json_is_array(json_object_get(r.json, "groups")));
	resp_free(&r);
	check("GET", "/v1/monitor/sprak", t_admin, NULL, 400, "invalid");
	check("GET", "/v1/monitor/sprak?period=2026H3", t_admin, NULL, 400,
	    "invalid");
	check("GET", "/v1/monitor/lov?year=2026&period=2026H1", t_admin, NULL,
	    400, "invalid");
	check("GET", "/v1/monitor/lov?year=2026&format=pdf", t_admin, NULL,
	    400, "invalid");
	check("GET", "/v1/monitor/lov?year=2026&by=colour", t_admin, NULL,
	    400, "invalid");
}
END_TEST


/* Whether the register answer r has a row of interpreter regno. */
static json_t *
row_of(struct resp *r, int64_t regno)
{
	json_t	*row;
	size_t	 i;

	ck_assert_msg(json_is_array(r->json), "not an array: %s", r->text);
	json_array_foreach(r->json, i, row) {
		if (json_integer_value(json_object_get(row, "regno")) == regno)
			return (row);
	}
	return (NULL);
}

/*
 * Call the anonymous path CALLS times, on fresh connections, so that
 * every worker serves it and most are served from a cache: each answer
 * must be the first, byte for byte, and have regno's row (has 1) or
 * not (has 0); field, when not NULL, must be want in that row, or in
 * the record when the answer is an object.
 */
static void
same_calls(const char *path, int64_t regno, int has, const char *field,
    const char *want, struct resp *first)
{
	struct resp	r;
	json_t		*o;
	const char	*v;
	int		 i;

	for (i = 0; i < CALLS; i++) {
		call(&r, "GET", path, NULL, NULL);
		expect(&r, 200, NULL);
		if (json_is_object(r.json))
			o = r.json;
		else {
			o = row_of(&r, regno);
			ck_assert_msg((o != NULL) == has, "%s: regno %" PRId64
			    " %s: %s", path, regno, has ? "missing" :
			    "still there", r.text);
		}
		if (field != NULL && o != NULL) {
			v = json_string_value(json_object_get(o, field));
			ck_assert_msg(v != NULL && strcmp(v, want) == 0,
			    "%s: %s is %s, not %s", path, field,
			    v != NULL ? v : "(none)", want);
		}
		if (i == 0) {
			*first = r;
			continue;
		}
		ck_assert_uint_eq(r.len, first->len);
		ck_assert(memcmp(r.text, first->text, r.len) == 0);
		ck_assert_str_eq(r.headers, first->headers);
		resp_free(&r);
	}
}

/* The value of header name in r ("" if absent), into buf. */
static const char *
header_of(struct resp *r, const char *name, char *buf, size_t len)
{
	const char	*p = r->headers, *e;
	size_t		 n = strlen(name);

	buf[0] = '\0';
	for (; *p != '\0'; p = e + (*e != '\0')) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			snprintf(buf, len, "%.*s", (int)(e - p - n - 2),
			    p + n + 2);
			buf[strcspn(buf, "\r")] = '\0';
		}
	}
	return (buf);
}

/*
 * Lists are paged: limit and after, the answer still an array, the next
 * page in a Link and a Tolkreg-Next header; walking the pages by the
 * Link gives the whole list once, in order; bad values are 400.
 */
START_TEST(test_paging)
{
	struct resp	 r, all;
	char		 path[1200], link[1200], next[1100], want[128];
	size_t		 i, n = 0, pages = 0;
	json_t		*row;
	const char	*p;

	for (i = 0; i < 101; i++)
		order(t_ous, "ara", i % 2 ? "2031-01-01T09:00" :
		    "2031-01-01T10:00");
	/* The default: 100 rows, and where the rest begin. */
	call(&all, "GET", "/v1/requests", t_admin, NULL);
	expect(&all, 200, NULL);
	ck_assert(json_is_array(all.json));
	ck_assert_uint_eq(json_array_size(all.json), 100);
	ck_assert_str_ne(header_of(&all, "Link", link, sizeof(link)), "");
	resp_free(&all);
	call(&all, "GET", "/v1/requests?limit=1000", t_admin, NULL);
	expect(&all, 200, NULL);
	ck_assert_uint_gt(json_array_size(all.json), 101);
	ck_assert_str_eq(header_of(&all, "Link", link, sizeof(link)), "");
	ck_assert_str_eq(header_of(&all, "Tolkreg-Next", next, sizeof(next)),
	    "");
	/* Walk by the Link, 7 at a time: the same rows in the same order. */
	snprintf(path, sizeof(path), "/v1/requests?limit=7");
	for (;;) {
		call(&r, "GET", path, t_admin, NULL);
		expect(&r, 200, NULL);
		ck_assert(json_is_array(r.json));
		ck_assert_uint_le(json_array_size(r.json), 7);
		json_array_foreach(r.json, i, row) {
			ck_assert_int_eq(json_integer_value(json_object_get(row,
			    "id")), json_integer_value(json_object_get(
			    json_array_get(all.json, n), "id")));
			n++;
		}
		pages++;
		header_of(&r, "Link", link, sizeof(link));
		header_of(&r, "Tolkreg-Next", next, sizeof(next));
		resp_free(&r);
		if (link[0] == '\0') {
			ck_assert_str_eq(next, "");
			break;
		}
		snprintf(want, sizeof(want), "</v1/requests?limit=7&after=");
		ck_assert_msg(strncmp(link, want, strlen(want)) == 0 &&
		    strstr(link, next) != NULL && strcmp(link + strlen(link) -
		    13, ">; rel=\"next\"") == 0, "Link: %s", link);
		p = link + 1;
		snprintf(path, sizeof(path), "%.*s", (int)(strchr(p, '>') - p),
		    p);
	}
	ck_assert_uint_eq(n, json_array_size(all.json));
	ck_assert_uint_eq(pages, (n + 6) / 7);
	resp_free(&all);
	/* The other parameters go on to the next page. */
	call(&r, "GET", "/v1/requests?state=requested&limit=1", t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(header_of(&r, "Link", link,
	    sizeof(link)), "</v1/requests?state=requested&limit=1&after="));
	resp_free(&r);
	/* Every list route takes them. */
	check("GET", "/v1/bodies?limit=1", t_admin, NULL, 200, NULL);
	check("GET", "/v1/interpreters?limit=1", t_admin, NULL, 200, NULL);
	check("GET", "/v1/register?lang=ara&limit=1", NULL, NULL, 200, NULL);
	check("GET", "/v1/me/conflicts?limit=1", t_amina, NULL, 200, NULL);
	check("GET", "/v1/me/unavailability?limit=1", t_amina, NULL, 200,
	    NULL);
	check("GET", "/v1/me/assignments?limit=1", t_amina, NULL, 200, NULL);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/warnings?limit=1&after=2020-01-01.1", amina);
	check("GET", path, t_admin, NULL, 200, NULL);
	/* Bad limits and cursors, named. */
	call(&r, "GET", "/v1/requests?limit=0", t_admin, NULL);
	expect(&r, 400, "invalid");
	message_has(&r, "'limit' must be a whole number from 1 to 1000");
	resp_free(&r);
	check("GET", "/v1/requests?limit=1001", t_admin, NULL, 400, "invalid");
	check("GET", "/v1/requests?limit=ten", t_admin, NULL, 400, "invalid");
	call(&r, "GET", "/v1/requests?after=a%20b", t_admin, NULL);
	expect(&r, 400, "invalid");
	message_has(&r, "'after' is not a cursor of this list");
	resp_free(&r);
	check("GET", "/v1/requests?after=974760673", t_admin, NULL, 400,
	    "invalid");
	check("GET", "/v1/bodies?after=1.2", t_admin, NULL, 400, "invalid");
	/* A route that is no list still knows no limit. */
	check("GET", "/v1/me?limit=1", t_amina, NULL, 400, "invalid");
}
END_TEST

/* Whether s is a time as tk_time_format() writes it, with its offset. */
static int
oslo_form(const char *s)
{
	return (s != NULL && strlen(s) == 25 && s[10] == 'T' &&
	    (strcmp(s + 19, "+01:00") == 0 || strcmp(s + 19, "+02:00") == 0));
}

/* Run sql (an UPDATE of stored times) outside the daemon. */
static void
db_exec(const char *sql)
{
	struct store	*st = fixture_store_open(dbpath);

	fixture_exec(st, sql);
	store_close(st);
}

/* The string member key of the first object in array member arr of r. */
static const char *
first_str(struct resp *r, const char *arr, const char *key)
{
	json_t		*o;
	const char	*v;

	o = json_array_get(arr != NULL ? json_object_get(r->json, arr) :
	    r->json, 0);
	v = json_string_value(json_object_get(o, key));
	ck_assert_msg(v != NULL, "no '%s' in %s", key, r->text);
	return (v);
}

START_TEST(test_times)
{
	static const struct {
		const char	*start;		/* as ordered */
		const char	*shown;		/* as answered */
		const char	*created;	/* as stored, UTC */
		const char	*created_shown;
	} req[] = {
		/* The hour that happens twice: first summer, then winter. */
		{ "2030-10-27T02:30+02:00", "2030-10-27T02:30:00+02:00",
		    "2030-10-27T00:30:00Z", "2030-10-27T02:30:00+02:00" },
		{ "2030-10-27T02:30+01:00", "2030-10-27T02:30:00+01:00",
		    "2030-10-27T01:30:00Z", "2030-10-27T02:30:00+01:00" },
		{ "2030-07-01T10:00", "2030-07-01T10:00:00+02:00",
		    "2026-07-01T10:00:00Z", "2026-07-01T12:00:00+02:00" },
		{ "2030-12-02T10:00Z", "2030-12-02T11:00:00+01:00",
		    "2026-12-08T09:15:00Z", "2026-12-08T10:15:00+01:00" },
	};
	struct resp	 r;
	FILE		*f;
	char		 path[96], sql[256], line[512];
	int64_t		 id;
	size_t		 i, n = 0;

	/* A request's start and created, in the answer to each call. */
	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		snprintf(sql, sizeof(sql), "{\"lang\":\"ara\",\"start\":"
		    "\"%s\",\"minutes\":60,\"modality\":\"phone\"}",
		    req[i].start);
		call(&r, "POST", "/v1/requests", t_ous, sql);
		expect(&r, 201, NULL);
		id = int_of(&r, "id");
		ck_assert_str_eq(str_of(&r, "start"), req[i].shown);
		ck_assert_msg(oslo_form(str_of(&r, "created")), "%s", r.text);
		resp_free(&r);
		snprintf(sql, sizeof(sql), "UPDATE request SET created = '%s'"
		    " WHERE id = %" PRId64, req[i].created, id);
		db_exec(sql);
		snprintf(path, sizeof(path), "/v1/requests/%" PRId64, id);
		call(&r, "GET", path, t_ous, NULL);
		expect(&r, 200, NULL);
		ck_assert_str_eq(str_of(&r, "start"), req[i].shown);
		ck_assert_str_eq(str_of(&r, "created"), req[i].created_shown);
		resp_free(&r);
	}

	/* A body's created. */
	db_exec("UPDATE body SET created = '2026-07-01T10:00:00Z'"
	    " WHERE orgnr = '" NAV "'");
	call(&r, "GET", "/v1/bodies/" NAV, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(str_of(&r, "created"), "2026-07-01T12:00:00+02:00");
	resp_free(&r);

	/* An interpreter's history. */
	snprintf(sql, sizeof(sql), "UPDATE listing_event SET at ="
	    " '2026-12-08T09:15:00Z' WHERE regno = %" PRId64, bashir);
	db_exec(sql);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64, bashir);
	call(&r, "GET", path, t_admin, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(first_str(&r, "history", "at"),
	    "2026-12-08T10:15:00+01:00");
	resp_free(&r);

	/* A declared conflict. */
	call(&r, "POST", "/v1/me/conflicts", t_amina, "{\"body\":\"" NAV
	    "\"}");
	expect(&r, 201, NULL);
	ck_assert_msg(oslo_form(str_of(&r, "created")), "%s", r.text);
	resp_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE conflict SET created ="
	    " '2030-10-27T01:59:59Z' WHERE regno = %" PRId64, amina);
	db_exec(sql);
	call(&r, "GET", "/v1/me/conflicts", t_amina, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(first_str(&r, NULL, "created"),
	    "2030-10-27T02:59:59+01:00");
	resp_free(&r);

	/* tolkregd's own log lines carry the same form. */
	f = fopen(logpath, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, " tolkregd: ") == NULL)
			continue;
		line[25] = '\0';
		ck_assert_msg(oslo_form(line), "log line begins '%s'", line);
		n++;
	}
	fclose(f);
	ck_assert_uint_gt(n, 0);
}
END_TEST

START_TEST(test_register_cache)
{
	struct resp	 a, b;
	struct store	*st;
	struct table	*t;
	struct tk_error	 err;
	char		 path[128], search[64], was[32];
	json_int_t	 hits, misses, n;
	const char	*mods;
	int		 nlang;

	/* Served from the caches, the answer is the one built afresh. */
	hits = cache_count("hits");
	same_calls("/v1/register?lang=ara", amina, 1, NULL, NULL, &a);
	ck_assert_int_ge(cache_count("hits"), hits + CALLS - 4);
	call(&b, "GET", "/v1/register?lang=ara", t_nav, NULL);	/* uncached */
	expect(&b, 200, NULL);
	ck_assert_uint_eq(b.len, a.len);
	ck_assert(memcmp(b.text, a.text, a.len) == 0);
	ck_assert_str_eq(b.headers, a.headers);
	resp_free(&b);
	resp_free(&a);

	/* A suspension takes the interpreter out of every cached answer. */
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, amina);
	same_calls(path, amina, 1, "status", "listed", &a);
	resp_free(&a);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64 "/exclude",
	    amina);
	check("POST", path, t_admin, "{\"reason\":\"case 2026/9\","
	    "\"temporary\":true}", 200, NULL);
	same_calls("/v1/register?lang=ara", amina, 0, NULL, NULL, &a);
	resp_free(&a);
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, amina);
	same_calls(path, amina, 1, "status", "suspended", &a);
	ck_assert(json_is_false(json_object_get(a.json, "listed")));
	resp_free(&a);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/reinstate", amina);
	check("POST", path, t_admin, "{\"reason\":\"case closed\"}", 200,
	    NULL);
	same_calls("/v1/register?lang=ara", amina, 1, NULL, NULL, &a);
	resp_free(&a);

	/* A new credential raises the category the search filters on. */
	snprintf(search, sizeof(search), "/v1/register?lang=ara&category=C");
	same_calls(search, bashir, 0, NULL, NULL, &a);
	resp_free(&a);
	snprintf(path, sizeof(path), "/v1/interpreters/%" PRId64
	    "/credentials", bashir);
	call(&a, "POST", path, t_admin, "{\"kind\":\"authorisation\","
	    "\"lang\":\"ara\",\"date\":\"2024-03-01\",\"ref\":\"IMDi\"}");
	expect(&a, 201, NULL);
	resp_free(&a);
	same_calls(search, bashir, 1, NULL, NULL, &a);
	resp_free(&a);

	/* A public field the interpreter changes through /v1/me. */
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, amina);
	call(&a, "GET", path, NULL, NULL);
	expect(&a, 200, NULL);
	snprintf(was, sizeof(was), "%s", str_of(&a, "modalities"));
	mods = strcmp(was, "phone") == 0 ? "video" : "phone";
	resp_free(&a);
	same_calls(path, amina, 1, "modalities", was, &a);
	resp_free(&a);
	snprintf(search, sizeof(search), "{\"modalities\":\"%s\"}", mods);
	check("PATCH", "/v1/me", t_amina, search, 200, NULL);
	same_calls(path, amina, 1, "modalities", mods, &a);
	resp_free(&a);
	same_calls("/v1/register?lang=ara", amina, 1, "modalities", mods,
	    &a);
	resp_free(&a);

	/* Many distinct searches: the caches stay within their slots. */
	misses = cache_count("misses");
	st = fixture_store_open(dbpath);
	t = table_new();
	tk_error_clear(&err);
	ck_assert_int_eq(language_list(st, NULL, NULL, t, &err), 0);
	store_close(st);
	for (nlang = 0; nlang < 150 && nlang < (int)table_nrows(t); nlang++) {
		snprintf(path, sizeof(path), "/v1/register?lang=%s&gender=%c",
		    table_cell(t, (size_t)nlang, 0), nlang % 2 ? 'F' : 'M');
		check("GET", path, NULL, NULL, 200, NULL);
	}
	table_free(t);
	ck_assert_int_eq(nlang, 150);
	ck_assert_int_ge(cache_count("misses"), misses + nlang);
	n = cache_count("entries");
	ck_assert_int_gt(n, 0);
	ck_assert_int_le(n, CACHE_MAX);
	ck_assert_int_le(cache_count("bytes"), n * 64 * 1024);
	/* Errors are never kept. */
	check("GET", "/v1/register?lang=zzz", NULL, NULL, 400, "invalid");
	check("GET", "/v1/register?lang=zzz", NULL, NULL, 400, "invalid");
	ck_assert_int_eq(cache_count("entries"), n);
}
END_TEST

START_TEST(test_graceful_stop)
{
	struct sockaddr_in	 sa;
	char			 req[512], reply[1024], path[64];
	const char		*body = "{\"reason\":\"x\"}";
	FILE			*f;
	char			 line[512];
	ssize_t			 n;
	int			 fd, fd2, i, status;
	size_t			 half;

	/* A personal number typed into a path never reaches the log. */
	check("GET", "/v1/register/15108695088", NULL, NULL, 404,
	    "not_found");
	snprintf(path, sizeof(path), "/v1/register/%" PRId64, amina);
	check("GET", path, NULL, NULL, 200, NULL);

	/* A request in flight: headers and half its body sent. */
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	snprintf(req, sizeof(req), "POST /v1/requests/999/cancel HTTP/1.1\r\n"
	    "Host: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	    t_ous, strlen(body));
	half = strlen(body) / 2;
	ck_assert_int_eq(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	ck_assert_int_eq(write(fd, body, half), (ssize_t)half);
	sleep_ms(300);

	kill(daemon_pid, SIGTERM);
	sleep_ms(500);
	/* Still there, finishing; no longer taking connections. */
	ck_assert_int_eq(waitpid(daemon_pid, &status, WNOHANG), 0);
	fd2 = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ne(connect(fd2, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd2);
	ck_assert_int_eq(write(fd, body + half, strlen(body) - half),
	    (ssize_t)(strlen(body) - half));
	n = read(fd, reply, sizeof(reply) - 1);
	ck_assert_int_gt(n, 0);
	reply[n] = '\0';
	ck_assert_msg(strncmp(reply, "HTTP/1.1 404", 12) == 0, "%s", reply);
	close(fd);

	for (i = 0; i < 200 && waitpid(daemon_pid, &status, WNOHANG) == 0; i++)
		sleep_ms(50);
	ck_assert_msg(i < 200, "tolkregd did not stop");
	daemon_pid = -1;
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);

	/* One line per request, and no personal data in any. */
	f = fopen(logpath, "r");
	ck_assert_ptr_nonnull(f);
	i = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		ck_assert_msg(strstr(line, "15108695088") == NULL, "%s", line);
		ck_assert_msg(strstr(line, amina_fnr) == NULL, "%s", line);
		ck_assert_msg(strstr(line, "@") == NULL, "%s", line);
		ck_assert_msg(strstr(line, "tolkreg_") == NULL, "%s", line);
		if (strstr(line, " /v1/") != NULL)
			i++;
	}
	fclose(f);
	ck_assert_int_eq(i, 3);
}
END_TEST

Suite *
http_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("http");
	tc = tcase_create("api");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_health);
	tcase_add_test(tc, test_register_public);
	tcase_add_test(tc, test_anonymous_personal);
	tcase_add_test(tc, test_tokens_refused);
	tcase_add_test(tc, test_request_lifecycle);
	tcase_add_test(tc, test_body_boundary);
	tcase_add_test(tc, test_interpreter_boundary);
	tcase_add_test(tc, test_admin_routes);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_concurrent_booking);
	tcase_add_test(tc, test_import);
	tcase_add_test(tc, test_monitor);
	tcase_add_test(tc, test_paging);
	tcase_add_test(tc, test_times);
	/* Last: it suspends, reinstates and changes what others count. */
	tcase_add_test(tc, test_register_cache);
	suite_add_tcase(s, tc);

	tc = tcase_create("shutdown");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_graceful_stop);
	suite_add_tcase(s, tc);
	return (s);
}
