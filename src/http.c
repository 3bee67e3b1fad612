/*
 * tolkregd's HTTP layer over libmicrohttpd: receiving requests with a
 * bounded body, routing them through route_table[], authenticating the
 * caller's token, one SQLite connection per worker thread (struct store
 * is not thread-safe), one transaction per request, mapping errors to a
 * status and a JSON body, one log line per request, and a graceful stop.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/store.h"
#include "tolkreg/token.h"
#include "tolkreg/validate.h"
#include "tolkreg/writer.h"
#include "tolkreg/xmalloc.h"

/* 413, spelt differently across libmicrohttpd versions. */
#define HTTP_TOO_LARGE	413

/* Largest TLS certificate or key file read. */
#define PEM_MAX		(1024 * 1024)

/* One request's state across the calls of the access handler. */
struct conn_state {
	struct timespec	 t0;
	char		*buf;		/* the body, at most HTTP_BODY_MAX */
	size_t		 len;
	size_t		 cap;
	size_t		 seen;		/* body bytes received */
	int		 toobig;
	unsigned int	 status;	/* answered with; 0: not yet */
	char		 actor[ACTOR_BUFLEN];
	char		 method[12];
	char		 path[160];	/* for the log, personal numbers masked */
	int		 upload;	/* spooling a ROUTE_UPLOAD body */
	int		 spool;		/* its file descriptor, or -1 */
	char		 spool_path[64];
};

static const struct http_config	*cfg;
static pthread_key_t		 store_key;
static pthread_key_t		 cache_key;
static atomic_int		 inflight;
static atomic_int		 stopping;
static struct writer		*writer;	/* every write, group committed */

/* What the writer has done so far. */
void
http_writer_stats(struct writer_stats *out)
{
	if (writer != NULL)
		writer_stats(writer, out);
	else
		memset(out, 0, sizeof(*out));
}

/* Log one line. */
void
http_log(const char *fmt, ...)
{
	va_list		ap;
	char		line[512], now[TIME_BUFLEN];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (cfg != NULL && cfg->use_syslog) {
		syslog(LOG_INFO, "%s", line);
		return;
	}
	tk_time_format(time(NULL), now);
	fprintf(stderr, "%s tolkregd: %s\n", now, line);
}

/* Close a worker thread's store when the thread ends. */
static void
store_destroy(void *p)
{
	store_close(p);
}

/* This worker thread's store, opened on first use. */
static struct store *
thread_store(struct tk_error *err)
{
	struct store	*st;

	if ((st = pthread_getspecific(store_key)) != NULL)
		return (st);
	if (store_open(&st, cfg->dbpath, 0, err) == -1)
		return (NULL);
	if (pthread_setspecific(store_key, st) != 0) {
		store_close(st);
		tk_fail(err, TK_E_UNAVAILABLE, NULL, "cannot keep a database"
		    " connection for this thread");
		return (NULL);
	}
	return (st);
}

/* Free a worker thread's answer cache when the thread ends. */
static void
cache_destroy(void *p)
{
	hcache_free(p);
}

/* This worker thread's answer cache, made on first use. */
static struct hcache *
thread_cache(void)
{
	struct hcache	*hc;

	if ((hc = pthread_getspecific(cache_key)) != NULL)
		return (hc);
	hc = hcache_new(cfg->cache_slots);
	if (pthread_setspecific(cache_key, hc) != 0) {
		hcache_free(hc);
		return (NULL);
	}
	return (hc);
}

/*
 * Copy url into out for the log: printable ASCII only, and every run of
 * eleven or more digits (a personal number typed into a path) masked.
 */
static void
log_path(char *out, size_t len, const char *url)
{
	size_t	i, o, run, k;

	for (i = 0, o = 0, run = 0; url[i] != '\0' && o + 1 < len; i++) {
		out[o++] = url[i] >= 0x20 && url[i] < 0x7f ? url[i] : '?';
		run = url[i] >= '0' && url[i] <= '9' ? run + 1 : 0;
		if (run == 11) {
			for (k = o - 11; k < o; k++)
				out[k] = '*';
		} else if (run > 11)
			out[o - 1] = '*';
	}
	out[o] = '\0';
}

/* A JSON string of s, or a placeholder when s is not valid UTF-8. */
static json_t *
json_text(const char *s)
{
	json_t	*j;

	if ((j = json_string(s)) == NULL)
		j = json_string("(text not valid UTF-8)");
	return (j);
}

/*
 * A response with text (stolen, may be NULL) or else j (stolen, may be
 * NULL) as the body, and the headers for status given; its body length
 * in *lenp. NULL when libmicrohttpd cannot make one.
 */
static struct MHD_Response *
response_new(unsigned int *statusp, char *text, size_t len, json_t *j,
    const char *location, const char *allow, const char *type,
    const struct http_req *rq, size_t *lenp)
{
	struct MHD_Response	*r;
	unsigned int		 status = *statusp;

	if (text == NULL && j != NULL) {
		text = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		if (text == NULL) {
			status = MHD_HTTP_INTERNAL_SERVER_ERROR;
			text = xstrdup("{\"error\":\"store\","
			    "\"message\":\"internal error\"}");
		}
		len = strlen(text);
	} else
		json_decref(j);
	r = MHD_create_response_from_buffer(len, text, text != NULL ?
	    MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (r == NULL) {
		free(text);
		return (NULL);
	}
	if (text != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		    type != NULL ? type : "application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (location != NULL && *location != '\0')
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	if (allow != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	if (rq != NULL && rq->link != NULL) {
		MHD_add_response_header(r, MHD_HTTP_HEADER_LINK, rq->link);
		MHD_add_response_header(r, "Tolkreg-Next", rq->page.next);
	}
	if (status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"tolkreg\"");
	if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	if (atomic_load(&stopping))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	*statusp = status;
	*lenp = len;
	return (r);
}

/*
 * Queue status with text (stolen, may be NULL) or else j (stolen, may be
 * NULL) as the body, and the headers given.
 */
static enum MHD_Result
answer_text(struct MHD_Connection *c, struct conn_state *cs,
    unsigned int status, char *text, size_t len, json_t *j,
    const char *location, const char *allow, const char *type,
    const struct http_req *rq)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = response_new(&status, text, len, j, location, allow, type, rq,
	    &len);
	if (r == NULL)
		return (MHD_NO);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	cs->status = status;
	return (ret);
}

/*
 * Queue a 200 answer of a public route and keep it in this thread's
 * cache under the key http_cache() made.
 */
static enum MHD_Result
answer_cached(struct MHD_Connection *c, struct conn_state *cs,
    struct http_req *rq)
{
	struct MHD_Response	*r;
	struct hcache		*hc;
	enum MHD_Result		 ret;
	unsigned int		 status = MHD_HTTP_OK;
	size_t			 len;

	r = response_new(&status, rq->reply_text, rq->reply_len, rq->reply,
	    NULL, NULL, rq->content_type, rq, &len);
	rq->reply = NULL;
	rq->reply_text = NULL;
	if (r == NULL)
		return (MHD_NO);
	ret = MHD_queue_response(c, status, r);
	cs->status = status;
	if (ret != MHD_YES || status != MHD_HTTP_OK ||
	    atomic_load(&stopping) || (hc = thread_cache()) == NULL ||
	    hcache_put(hc, rq->cache_key, rq->cache_gen, r, len) == -1)
		MHD_destroy_response(r);
	return (ret);
}

/* Queue status with j (stolen, may be NULL) and the headers given. */
static enum MHD_Result
answer(struct MHD_Connection *c, struct conn_state *cs, unsigned int status,
    json_t *j, const char *location, const char *allow)
{
	return (answer_text(c, cs, status, NULL, 0, j, location, allow,
	    NULL, NULL));
}

/* Queue an error answer {"error": code, "message": msg}. */
static enum MHD_Result
answer_error(struct MHD_Connection *c, struct conn_state *cs,
    unsigned int status, const char *code, const char *msg,
    const char *allow)
{
	json_t	*j;

	j = json_object();
	json_object_set_new(j, "error", json_string(code));
	json_object_set_new(j, "message", json_text(msg));
	return (answer(c, cs, status, j, NULL, allow));
}

/* The HTTP status for an error code. */
static unsigned int
status_of(enum tk_errcode code)
{
	switch (code) {
	case TK_E_USAGE:
	case TK_E_INVALID:
		return (MHD_HTTP_BAD_REQUEST);
	case TK_E_NOTFOUND:
		return (MHD_HTTP_NOT_FOUND);
	case TK_E_CONFLICT:
		return (MHD_HTTP_CONFLICT);
	case TK_E_PERM:
		return (MHD_HTTP_FORBIDDEN);
	case TK_E_BUSY:
	case TK_E_UNAVAILABLE:
		return (MHD_HTTP_SERVICE_UNAVAILABLE);
	default:
		return (MHD_HTTP_INTERNAL_SERVER_ERROR);
	}
}

/* Queue the answer for a failure recorded in err. */
static enum MHD_Result
answer_fail(struct MHD_Connection *c, struct conn_state *cs,
    const struct tk_error *err, unsigned int status)
{
	if (err->code == TK_OK)
		return (answer_error(c, cs, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    tk_errname(TK_E_STORE), "internal error", NULL));
	if (status == 0)
		status = status_of(err->code);
	if (status == MHD_HTTP_INTERNAL_SERVER_ERROR) {
		/* Details for the operator only; they name no person. */
		http_log("error: %s %s: %s", cs->method, cs->path, err->msg);
		return (answer_error(c, cs, status, tk_errname(err->code),
		    "internal error", NULL));
	}
	return (answer_error(c, cs, status, tk_errname(err->code), err->msg,
	    NULL));
}

/*
 * Match path against a route pattern, taking each {name} segment (one
 * to eighteen digits, not starting with 0) into rq's parameters.
 */
static int
route_match(const char *pattern, const char *path, struct http_req *rq)
{
	const char	*p = pattern, *u = path, *close;
	size_t		 n, nlen;

	rq->nparams = 0;
	while (*p != '\0') {
		if (*p != '{') {
			if (*p++ != *u++)
				return (0);
			continue;
		}
		close = strchr(p, '}');
		nlen = (size_t)(close - p - 1);
		for (n = 0; u[n] >= '0' && u[n] <= '9'; n++)
			;
		if (n == 0 || n > 18 || u[0] == '0' || (u[n] != '/' &&
		    u[n] != '\0') || rq->nparams == HTTP_MAX_PARAMS ||
		    nlen >= sizeof(rq->pname[0]))
			return (0);
		memcpy(rq->pname[rq->nparams], p + 1, nlen);
		rq->pname[rq->nparams][nlen] = '\0';
		memcpy(rq->pval[rq->nparams], u, n);
		rq->pval[rq->nparams][n] = '\0';
		rq->nparams++;
		p = close + 1;
		u += n;
	}
	return (*u == '\0');
}

/*
 * The route for method and path, or NULL; then allow gets the methods
 * the path has ("" when the path is unknown).
 */
static const struct route *
route_find(const char *method, const char *path, struct http_req *rq,
    char *allow, size_t len)
{
	const struct route	**r;
	const char		 *m;

	allow[0] = '\0';
	m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (r = route_table; *r != NULL; r++) {
		if (!route_match((*r)->pattern, path, rq))
			continue;
		if (strcmp((*r)->method, m) == 0)
			return (*r);
		if (strstr(allow, (*r)->method) == NULL)
			snprintf(allow + strlen(allow), len - strlen(allow),
			    "%s%s", allow[0] != '\0' ? ", " : "",
			    (*r)->method);
	}
	return (NULL);
}

/* Verify the caller's bearer token, if any, into who. */
static int
authenticate(struct MHD_Connection *c, struct store *st,
    struct principal *who, struct tk_error *err)
{
	const char	*h;
	char		 today[DATE_BUFLEN];

	principal_anonymous(who);
	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL)
		return (0);
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return (tk_fail(err, TK_E_PERM, "token", "the Authorization"
		    " header must be 'Bearer TOKEN'"));
	for (h += 7; *h == ' '; h++)
		;
	tk_today(today);
	return (token_verify(st, h, today, who, err));
}

/* Parse the body into a JSON object ({} for none). */
static int
parse_body(struct http_req *rq, const struct conn_state *cs)
{
	json_error_t	jerr;

	if (cs->len == 0) {
		rq->body = json_object();
		return (0);
	}
	rq->body = json_loadb(cs->buf, cs->len, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (rq->body == NULL)
		return (tk_fail(rq->err, TK_E_INVALID, "$", "the body is not"
		    " valid JSON (line %d, column %d)", jerr.line,
		    jerr.column));
	if (!json_is_object(rq->body))
		return (tk_fail(rq->err, TK_E_INVALID, "$",
		    "$ must be a JSON object"));
	return (0);
}

/* Whether method and url name a ROUTE_UPLOAD route. */
static int
upload_route(const char *method, const char *url)
{
	const struct route	**r;

	for (r = route_table; *r != NULL; r++) {
		if (((*r)->flags & ROUTE_UPLOAD) &&
		    strcmp((*r)->method, method) == 0 &&
		    strcmp((*r)->pattern, url) == 0)
			return (1);
	}
	return (0);
}

/*
 * The first call of an upload: only an admin may send one, which is
 * checked before a byte of the body is read; then a spool file.
 */
static enum MHD_Result
upload_begin(struct MHD_Connection *c, struct conn_state *cs,
    const char *length)
{
	struct principal	 who;
	struct tk_error		 err;
	struct store		*st;

	tk_error_clear(&err);
	if ((st = thread_store(&err)) == NULL)
		return (answer_fail(c, cs, &err, 0));
	if (authenticate(c, st, &who, &err) == -1)
		return (err.code == TK_E_PERM ? answer_error(c, cs,
		    MHD_HTTP_UNAUTHORIZED, "unauthorized", err.msg, NULL) :
		    answer_fail(c, cs, &err, 0));
	snprintf(cs->actor, sizeof(cs->actor), "%s", who.actor);
	if (who.role == ROLE_ANONYMOUS)
		return (answer_error(c, cs, MHD_HTTP_UNAUTHORIZED,
		    "unauthorized", "this route needs a token", NULL));
	if (who.role != ROLE_ADMIN) {
		tk_fail(&err, TK_E_PERM, NULL, "the %s role may not use this"
		    " route", role_name(who.role));
		return (answer_fail(c, cs, &err, 0));
	}
	if (length != NULL && (strlen(length) > 12 ||
	    strtoull(length, NULL, 10) > (unsigned long long)HTTP_UPLOAD_MAX))
		return (answer_error(c, cs, HTTP_TOO_LARGE, "too_large",
		    "the file is larger than the upload limit", NULL));
	snprintf(cs->spool_path, sizeof(cs->spool_path), "%s/tolkregd.XXXXXX",
	    getenv("TMPDIR") != NULL && *getenv("TMPDIR") == '/' &&
	    strlen(getenv("TMPDIR")) < 40 ? getenv("TMPDIR") : "/tmp");
	if ((cs->spool = mkstemp(cs->spool_path)) == -1) {
		tk_fail(&err, TK_E_IO, NULL, "cannot make a spool file");
		return (answer_fail(c, cs, &err, 0));
	}
	cs->upload = 1;
	return (MHD_YES);
}

/* Append n bytes of an upload to its spool file. */
static enum MHD_Result
upload_write(struct conn_state *cs, const char *data, size_t n)
{
	ssize_t	w;

	if (cs->toobig || cs->seen > (size_t)HTTP_UPLOAD_MAX) {
		cs->toobig = 1;
		return (MHD_YES);
	}
	while (n > 0) {
		if ((w = write(cs->spool, data, n)) == -1) {
			if (errno == EINTR)
				continue;
			cs->toobig = 1;
			return (MHD_YES);
		}
		data += w;
		n -= (size_t)w;
	}
	return (MHD_YES);
}

/*
 * A writing route, run by the writer thread on its store inside the
 * group's transaction (writer.h). The answer it builds is sent only
 * once the group is committed.
 */
static int
write_job(struct store *st, void *arg, struct tk_error *err)
{
	struct http_req	*rq = arg;

	(void)err;	/* rq->err, the same */
	rq->store = st;
	return (rq->route->run(rq));
}

/* Append s to f, every byte but the unreserved ones as %XX. */
static void
url_encode(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s) != NULL)
			fputc(*s, f);
		else
			fprintf(f, "%%%02X", (unsigned char)*s);
	}
}

/* Append one query parameter but after to the next page's URL. */
static enum MHD_Result
link_param_cb(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	FILE	*f = cls;

	(void)kind;
	if (strcmp(key, "after") == 0)
		return (MHD_YES);
	url_encode(f, key);
	if (value != NULL) {
		fputc('=', f);
		url_encode(f, value);
	}
	fputc('&', f);
	return (MHD_YES);
}

/*
 * Set rq->link to the Link header of the next page: the path and the
 * query asked, with after set to the page's next cursor.
 */
static void
page_link(struct http_req *rq, const char *url)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	/* The path matched a route: letters, digits and '/' only. */
	fprintf(f, "<%s?", url);
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND,
	    link_param_cb, f);
	fputs("after=", f);
	url_encode(f, rq->page.next);
	fputs(">; rel=\"next\"", f);
	if (fclose(f) != 0) {
		free(buf);
		return;
	}
	rq->link = buf;
}

/*
 * Authenticate, authorise, run the route (a read in a snapshot of this
 * thread's store, a write through the writer), answer.
 */
static enum MHD_Result
dispatch(struct MHD_Connection *c, struct conn_state *cs, const char *url,
    const char *method)
{
	const struct route	*rt;
	struct http_req		 rq;
	struct tk_error		 err;
	struct store		*st;
	enum MHD_Result		 ret;
	char			 allow[64];
	size_t			 i;
	int			 rc, write;

	memset(&rq, 0, sizeof(rq));
	tk_error_clear(&err);
	rq.err = &err;
	rq.conn = c;
	rq.method = method;
	if ((rt = route_find(method, url, &rq, allow, sizeof(allow))) == NULL) {
		if (allow[0] != '\0')
			return (answer_error(c, cs,
			    MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
			    "this path does not take that method", allow));
		return (answer_error(c, cs, MHD_HTTP_NOT_FOUND,
		    tk_errname(TK_E_NOTFOUND), "no such route", NULL));
	}
	rq.route = rt;
	if ((st = thread_store(&err)) == NULL)
		return (answer_fail(c, cs, &err, 0));
	rq.store = st;
	if (authenticate(c, st, &rq.who, &err) == -1) {
		if (err.code == TK_E_PERM)
			return (answer_error(c, cs, MHD_HTTP_UNAUTHORIZED,
			    "unauthorized", err.msg, NULL));
		return (answer_fail(c, cs, &err, 0));
	}
	snprintf(cs->actor, sizeof(cs->actor), "%s", rq.who.actor);
	if ((rt->roles & ROLE_BIT(rq.who.role)) == 0) {
		if (rq.who.role == ROLE_ANONYMOUS)
			return (answer_error(c, cs, MHD_HTTP_UNAUTHORIZED,
			    "unauthorized", "this route needs a token", NULL));
		tk_fail(&err, TK_E_PERM, NULL, "the %s role may not use"
		    " this route", role_name(rq.who.role));
		return (answer_fail(c, cs, &err, 0));
	}

	if ((rt->flags & ROUTE_PAGED) && page_parse(&rq.page,
	    http_query(&rq, "limit"), http_query(&rq, "after"), PAGE_DEFAULT,
	    PAGE_MAX, &err) == -1)
		return (answer_fail(c, cs, &err, 0));
	write = (rt->flags & ROUTE_WRITE) != 0;
	store_set_actor(st, rq.who.actor);
	if (rt->flags & ROUTE_UPLOAD) {
		/* The route keeps its own transactions. */
		rq.body = json_object();
		rq.upload_path = cs->spool_path;
		rc = rt->run(&rq);
		store_rollback(st);
	} else {
		rc = parse_body(&rq, cs);
		if (rc == 0 && write) {
			rc = writer_run(writer, rq.who.actor, write_job, &rq,
			    &err);
			rq.store = st;
		} else if (rc == 0 && (rc = store_begin_read(st, &err)) == 0) {
			rc = rt->run(&rq);
			store_rollback(st);
		}
	}
	if (rc == 0 && rq.cached == NULL && rq.page.next[0] != '\0')
		page_link(&rq, url);
	if (rc == -1)
		ret = answer_fail(c, cs, &err, rq.fail_status);
	else if (rq.cached != NULL) {
		ret = MHD_queue_response(c, MHD_HTTP_OK, rq.cached);
		cs->status = MHD_HTTP_OK;
	} else if (rq.cache_key[0] != '\0' && (rq.status == 0 ||
	    rq.status == MHD_HTTP_OK) && rq.location[0] == '\0')
		ret = answer_cached(c, cs, &rq);
	else {
		ret = answer_text(c, cs, rq.status != 0 ? rq.status :
		    MHD_HTTP_OK, rq.reply_text, rq.reply_len, rq.reply,
		    rq.location, NULL, rq.content_type, &rq);
		rq.reply = NULL;
		rq.reply_text = NULL;
	}
	json_decref(rq.reply);
	free(rq.reply_text);
	free(rq.link);
	json_decref(rq.body);
	for (i = 0; i < rq.npool; i++)
		free(rq.pool[i]);
	free(rq.pool);
	return (ret);
}

/* The access handler: called for headers, body pieces, and the end. */
static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct conn_state	*cs = *con_cls;
	const char		*cl;
	size_t			 n;

	(void)cls;
	(void)version;
	if (cs == NULL) {
		cs = xcalloc(1, sizeof(*cs));
		clock_gettime(CLOCK_MONOTONIC, &cs->t0);
		snprintf(cs->method, sizeof(cs->method), "%s", method);
		log_path(cs->path, sizeof(cs->path), url);
		*con_cls = cs;
		atomic_fetch_add(&inflight, 1);
		cs->spool = -1;
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (upload_route(method, url))
			return (upload_begin(c, cs, cl));
		if (cl != NULL && (strlen(cl) > 9 ||
		    strtoul(cl, NULL, 10) > HTTP_BODY_MAX))
			return (answer_error(c, cs,
			    HTTP_TOO_LARGE, "too_large",
			    "the body is larger than 65536 bytes", NULL));
		return (MHD_YES);
	}
	if (*upload_size > 0) {
		n = *upload_size;
		cs->seen += n;
		*upload_size = 0;
		if (cs->status != 0)
			return (MHD_YES);
		if (cs->upload)
			return (upload_write(cs, upload, n));
		if (!cs->toobig && cs->len + n <= HTTP_BODY_MAX) {
			if (cs->len + n > cs->cap) {
				cs->cap = cs->cap == 0 ? 4096 : cs->cap;
				while (cs->cap < cs->len + n)
					cs->cap *= 2;
				cs->buf = xrealloc(cs->buf, cs->cap);
			}
			memcpy(cs->buf + cs->len, upload, n);
			cs->len += n;
		} else
			cs->toobig = 1;
		return (cs->seen > HTTP_BODY_DISCARD_MAX ? MHD_NO : MHD_YES);
	}
	if (cs->status != 0)
		return (MHD_YES);
	if (cs->toobig)
		return (answer_error(c, cs, HTTP_TOO_LARGE, "too_large",
		    cs->upload ? "the file is larger than the upload limit" :
		    "the body is larger than 65536 bytes", NULL));
	return (dispatch(c, cs, url, method));
}

/* A request is over: log it and free its state. */
static void
completed_cb(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_state	*cs = *con_cls;
	struct timespec		 t1;
	double			 ms;
	char			 status[16];

	(void)cls;
	(void)c;
	if (cs == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - cs->t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - cs->t0.tv_nsec) / 1e6;
	if (cs->status != 0)
		snprintf(status, sizeof(status), "%u", cs->status);
	else
		snprintf(status, sizeof(status), "-");
	http_log("%s %s %s %.1fms %s%s", cs->method, cs->path, status, ms,
	    cs->actor[0] != '\0' ? cs->actor : "-",
	    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
	if (cs->spool != -1) {
		close(cs->spool);
		unlink(cs->spool_path);
	}
	free(cs->buf);
	free(cs);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
}

/* Take the fields of the body. */
int
http_fields(struct http_req *rq, const struct jfield *f, size_t n)
{
	const char	*key;
	json_t		*v, *e;
	char		*list, num[32];
	size_t		 i, k, len, cap;

	json_object_foreach(rq->body, key, v) {
		for (i = 0; i < n && strcmp(f[i].name, key) != 0; i++)
			;
		if (i == n)
			return (tk_fail(rq->err, TK_E_INVALID, key,
			    "$.%.40s is not a field of this request", key));
		if (json_is_null(v))
			continue;
		switch (f[i].kind) {
		case JF_STR:
			if (!json_is_string(v))
				return (tk_fail(rq->err, TK_E_INVALID, key,
				    "$.%s must be a string", key));
			if (strlen(json_string_value(v)) !=
			    json_string_length(v))
				return (tk_fail(rq->err, TK_E_INVALID, key,
				    "$.%s must not contain NUL", key));
			*f[i].str = json_string_value(v);
			break;
		case JF_INT:
			if (!json_is_integer(v))
				return (tk_fail(rq->err, TK_E_INVALID, key,
				    "$.%s must be an integer", key));
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			*f[i].str = http_strdup(rq, num);
			break;
		case JF_BOOL:
			if (!json_is_boolean(v))
				return (tk_fail(rq->err, TK_E_INVALID, key,
				    "$.%s must be true or false", key));
			*f[i].flag = json_is_true(v);
			break;
		case JF_INTLIST:
			if (!json_is_array(v))
				return (tk_fail(rq->err, TK_E_INVALID, key,
				    "$.%s must be an array of integers", key));
			if (json_array_size(v) == 0)
				break;
			cap = json_array_size(v) * 21 + 1;
			list = xmalloc(cap);
			len = 0;
			list[0] = '\0';
			json_array_foreach(v, k, e) {
				if (!json_is_integer(e)) {
					free(list);
					return (tk_fail(rq->err, TK_E_INVALID,
					    key, "$.%s[%zu] must be an integer",
					    key, k));
				}
				len += (size_t)snprintf(list + len, cap - len,
				    "%s%" JSON_INTEGER_FORMAT, k > 0 ? "," : "",
				    json_integer_value(e));
			}
			*f[i].str = http_strdup(rq, list);
			free(list);
			break;
		}
	}
	return (0);
}

/* Fail unless a required body field is set. */
int
http_require(struct http_req *rq, const char *name, const char *value)
{
	if (value == NULL)
		return (tk_fail(rq->err, TK_E_INVALID, name,
		    "$.%s is required", name));
	return (0);
}

/* A query parameter, or NULL when absent or empty. */
const char *
http_query(struct http_req *rq, const char *name)
{
	const char	*v;

	v = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND,
	    name);
	return (v != NULL && *v != '\0' ? v : NULL);
}

struct query_check {
	const char *const	*names;
	int			 paged;		/* limit and after too */
	char			 bad[48];
};

/* Remember the first query parameter that is not in the list. */
static enum MHD_Result
query_check_cb(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct query_check	*qc = cls;
	size_t			 i;

	(void)kind;
	(void)value;
	if (qc->paged && (strcmp(key, "limit") == 0 ||
	    strcmp(key, "after") == 0))
		return (MHD_YES);
	for (i = 0; qc->names[i] != NULL; i++) {
		if (strcmp(qc->names[i], key) == 0)
			return (MHD_YES);
	}
	log_path(qc->bad, sizeof(qc->bad), key);
	return (MHD_NO);
}

/* Fail for a query parameter not in names. */
int
http_query_only(struct http_req *rq, const char *const *names)
{
	struct query_check	qc;

	qc.names = names;
	qc.paged = (rq->route->flags & ROUTE_PAGED) != 0;
	qc.bad[0] = '\0';
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND,
	    query_check_cb, &qc);
	if (qc.bad[0] != '\0')
		return (tk_fail(rq->err, TK_E_INVALID, qc.bad,
		    "unknown query parameter '%s'", qc.bad));
	return (0);
}

/* A true/false query parameter. */
int
http_query_bool(struct http_req *rq, const char *name, int *out)
{
	const char	*v;

	*out = 0;
	if ((v = http_query(rq, name)) == NULL)
		return (0);
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "false") != 0 && strcmp(v, "0") != 0)
		return (tk_fail(rq->err, TK_E_INVALID, name,
		    "'%s' must be true or false", name));
	return (0);
}

/* The text of a path parameter. */
const char *
http_param(struct http_req *rq, const char *name)
{
	int	i;

	for (i = 0; i < rq->nparams; i++) {
		if (strcmp(rq->pname[i], name) == 0)
			return (rq->pval[i]);
	}
	return ("");
}

/* A path parameter as a number. */
int64_t
http_param_id(struct http_req *rq, const char *name)
{
	return ((int64_t)strtoll(http_param(rq, name), NULL, 10));
}

/* Set the answer. */
int
http_reply(struct http_req *rq, unsigned int status, json_t *j)
{
	json_decref(rq->reply);
	free(rq->reply_text);
	rq->reply_text = NULL;
	rq->status = status;
	rq->reply = j;
	return (0);
}

/* Answer with the rows of t, written straight as text. */
int
http_reply_table(struct http_req *rq, unsigned int status,
    const struct table *t)
{
	http_reply(rq, status, NULL);
	rq->reply_text = table_rows_json_text(t, &rq->reply_len);
	return (0);
}

/* Answer with a record and its sections. */
int
http_reply_record(struct http_req *rq, unsigned int status,
    const struct table *t, const char *const *names,
    struct table *const *sections, size_t n)
{
	json_t	*o;
	size_t	 i;

	o = table_nrows(t) > 0 ? table_row_json(t, 0) : json_object();
	for (i = 0; i < n; i++)
		json_object_set_new(o, names[i], table_rows_json(sections[i]));
	return (http_reply(rq, status, o));
}

/* Answer with one row of t. */
int
http_reply_row(struct http_req *rq, unsigned int status,
    const struct table *t, size_t col, const char *key, const char *location)
{
	size_t	r;

	for (r = 0; r < table_nrows(t); r++) {
		if (strcmp(table_cell(t, r, col), key) == 0) {
			if (location != NULL)
				snprintf(rq->location, sizeof(rq->location),
				    "%s", location);
			return (http_reply(rq, status, table_row_json(t, r)));
		}
	}
	return (tk_fail(rq->err, TK_E_STORE, NULL,
	    "the record cannot be read back"));
}

/* A copy of s that lives as long as the request. */
const char *
http_strdup(struct http_req *rq, const char *s)
{
	rq->pool = xreallocarray(rq->pool, rq->npool + 1, sizeof(*rq->pool));
	rq->pool[rq->npool] = xstrdup(s);
	return (rq->pool[rq->npool++]);
}

int
http_cache(struct http_req *rq, const char *today, const char *fmt, ...)
{
	struct hcache	*hc;
	va_list		 ap;
	int64_t		 gen;
	int		 n, k;

	rq->cache_key[0] = '\0';
	rq->cached = NULL;
	if (cfg->cache_slots == 0 || rq->who.role != ROLE_ANONYMOUS ||
	    (rq->route->flags & ROUTE_WRITE) || atomic_load(&stopping))
		return (0);
	n = snprintf(rq->cache_key, sizeof(rq->cache_key), "%s ", today);
	va_start(ap, fmt);
	k = vsnprintf(rq->cache_key + n, sizeof(rq->cache_key) - (size_t)n,
	    fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)(n + k) >= sizeof(rq->cache_key)) {
		/* Too long a query to be a key: answer it uncached. */
		rq->cache_key[0] = '\0';
		return (0);
	}
	if ((gen = store_register_gen(rq->store, rq->err)) == -1) {
		rq->cache_key[0] = '\0';
		return (-1);
	}
	rq->cache_gen = gen;
	if ((hc = thread_cache()) == NULL)
		return (0);
	rq->cached = hcache_get(hc, rq->cache_key, gen);
	return (rq->cached != NULL);
}

/* Read a PEM file into a string; NULL with a log line on failure. */
static char *
read_pem(const char *path)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		http_log("cannot open '%s': %s", path, strerror(errno));
		return (NULL);
	}
	buf = xmalloc(PEM_MAX + 1);
	n = fread(buf, 1, PEM_MAX + 1, f);
	fclose(f);
	if (n == 0 || n > PEM_MAX) {
		http_log("'%s' is empty or larger than %d bytes", path,
		    PEM_MAX);
		free(buf);
		return (NULL);
	}
	buf[n] = '\0';
	return (buf);
}

/* Split "ADDR:PORT" or "[ADDR6]:PORT" and resolve it (numeric port). */
static int
listen_addr(const char *listen, struct addrinfo **ai)
{
	struct addrinfo	 hints;
	const char	*colon, *p;
	char		 host[256];
	size_t		 n;
	int		 rc;

	if (listen[0] == '[') {
		if ((p = strchr(listen, ']')) == NULL || p[1] != ':')
			return (-1);
		n = (size_t)(p - listen - 1);
		colon = p + 1;
		listen++;
	} else {
		if ((colon = strrchr(listen, ':')) == NULL)
			return (-1);
		n = (size_t)(colon - listen);
	}
	if (n == 0 || n >= sizeof(host) || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    strlen(colon + 1) > 5 || atoi(colon + 1) > 65535)
		return (-1);
	memcpy(host, listen, n);
	host[n] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, colon + 1, &hints, ai)) != 0) {
		http_log("cannot resolve '%s': %s", host, gai_strerror(rc));
		return (-1);
	}
	return (0);
}

/*
 * A socket listening on ai, opened here rather than by libmicrohttpd so
 * that a failure names the address the user gave (addr) and the
 * reason. Only SO_REUSEADDR is set: a second daemon on a port in use
 * fails instead of sharing it. Returns the socket, or -1 with a log
 * line.
 */
static int
listen_socket(const char *addr, const struct addrinfo *ai)
{
	int	fd, on = 1, saved;

	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1 ||
	    (ai->ai_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &on, sizeof(on)) == -1) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) == -1 ||
	    listen(fd, SOMAXCONN) == -1) {
		saved = errno;
		if (fd != -1)
			close(fd);
		http_log("cannot listen on %s: %s", addr, strerror(saved));
		return (-1);
	}
	return (fd);
}

/* The port socket fd listens on, or 0 when it cannot be told. */
static unsigned int
listen_port(int fd)
{
	struct sockaddr_storage	ss;
	socklen_t		len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return (0);
	if (ss.ss_family == AF_INET)
		return (ntohs(((struct sockaddr_in *)&ss)->sin_port));
	if (ss.ss_family == AF_INET6)
		return (ntohs(((struct sockaddr_in6 *)&ss)->sin6_port));
	return (0);
}

/*
 * Take a message of libmicrohttpd's into tolkregd's log, as one line
 * named as the library's, with personal numbers masked as in a path.
 */
static void __attribute__((format(printf, 2, 0)))
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char	msg[400], line[400];
	size_t	n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' ||
	    msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (n == 0)
		return;
	log_path(line, sizeof(line), msg);
	http_log("libmicrohttpd: %s", line);
}

/* Write the bound port to path, atomically. */
static int
write_port_file(const char *path, unsigned int port)
{
	char	 tmp[4096];
	FILE	*f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return (-1);
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return (-1);
	}
	return (0);
}

/* Serve until SIGTERM or SIGINT. */
int
http_serve(const struct http_config *c)
{
	struct MHD_OptionItem		 opts[10];
	struct MHD_Daemon		*d;
	struct addrinfo			*ai = NULL;
	struct store			*st;
	struct tk_error			 err;
	sigset_t			 set;
	MHD_socket			 fd;
	unsigned int			 flags, port, waited;
	char				*cert = NULL, *key = NULL;
	int				 sig, lfd, n = 0, status = EX_OK;

	cfg = c;
	tk_error_clear(&err);
	json_object_seed(0);
	/* Open once: fail early, and apply any migration before workers. */
	if (store_open(&st, c->dbpath, 0, &err) == -1) {
		http_log("%s", err.msg);
		return (tk_exit_status(err.code));
	}
	store_close(st);
	if (listen_addr(c->listen, &ai) == -1) {
		http_log("'--listen' must be ADDR:PORT or [ADDR6]:PORT");
		return (EX_USAGE);
	}
	if (writer_open(&writer, c->dbpath, &err) == -1) {
		http_log("%s", err.msg);
		freeaddrinfo(ai);
		return (tk_exit_status(err.code));
	}
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
	    MHD_USE_ERROR_LOG;
	if (c->tls_cert != NULL) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			http_log("this libmicrohttpd is built without TLS");
			status = EX_CONFIG;
			goto out;
		}
		if ((cert = read_pem(c->tls_cert)) == NULL ||
		    (key = read_pem(c->tls_key)) == NULL) {
			status = EX_CONFIG;
			goto out;
		}
		flags |= MHD_USE_TLS;
		opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT,
		    0, cert };
		opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY,
		    0, key };
	}
	/* One thread is the polling thread itself: no pool to ask for. */
	if (c->threads > 1)
		opts[n++] = (struct MHD_OptionItem){
		    MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)c->threads, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT,
	    (intptr_t)c->max_connections, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT,
	    (intptr_t)c->timeout, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED,
	    (intptr_t)completed_cb, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };

	if (pthread_key_create(&store_key, store_destroy) != 0) {
		http_log("cannot make a thread key");
		status = EX_OSERR;
		goto out;
	}
	if (pthread_key_create(&cache_key, cache_destroy) != 0) {
		http_log("cannot make a thread key");
		pthread_key_delete(store_key);
		status = EX_OSERR;
		goto out;
	}
	/* Workers inherit the mask: only this thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((lfd = listen_socket(c->listen, ai)) == -1) {
		status = EX_OSERR;
		goto out_key;
	}
	port = listen_port(lfd);
	/* The logger first, so that no message bypasses it. */
	d = MHD_start_daemon(flags, 0, NULL, NULL, access_cb, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, (MHD_socket)lfd,
	    MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (d == NULL) {
		/* Its own message says why; whether it closed lfd varies. */
		http_log("cannot serve on %s", c->listen);
		status = EX_OSERR;
		goto out_key;
	}
	if (c->port_file != NULL && write_port_file(c->port_file, port) == -1) {
		http_log("cannot write '%s': %s", c->port_file,
		    strerror(errno));
		MHD_stop_daemon(d);
		status = EX_CANTCREAT;
		goto out_key;
	}
	http_log("listening on %s, port %u, %u thread%s%s, cache of %u"
	    " answers per thread", c->listen, port, c->threads,
	    c->threads == 1 ? "" : "s", c->tls_cert != NULL ? ", TLS" : "",
	    c->cache_slots);

	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig != SIGHUP)
			break;
		http_log("SIGHUP ignored: tolkregd reloads nothing; restart"
		    " it to change its settings");
	}
	http_log("stopping on %s: %d requests in flight", sig == SIGTERM ?
	    "SIGTERM" : "SIGINT", atomic_load(&inflight));
	atomic_store(&stopping, 1);
	if ((fd = MHD_quiesce_daemon(d)) != MHD_INVALID_SOCKET)
		close(fd);
	for (waited = 0; atomic_load(&inflight) > 0 &&
	    waited < c->grace * 10; waited++)
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
	if (atomic_load(&inflight) > 0)
		http_log("%d requests still in flight after %u s; closing"
		    " them", atomic_load(&inflight), c->grace);
	MHD_stop_daemon(d);
	http_log("stopped");
out_key:
	pthread_key_delete(cache_key);
	pthread_key_delete(store_key);
out:
	writer_close(writer);
	writer = NULL;
	free(cert);
	free(key);
	freeaddrinfo(ai);
	return (status);
}
