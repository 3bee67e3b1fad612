#ifndef TOLKREG_HTTP_H
#define TOLKREG_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "http-cache.h"
#include "tolkreg/page.h"
#include "tolkreg/token.h"

/*
 * tolkregd's HTTP layer: what every route provides to the dispatcher,
 * and what the dispatcher gives it. The route table is shaped like the
 * command table of tolkreg(1): a method and a path pattern instead of a
 * name, the roles allowed instead of usage, ROUTE_WRITE instead of
 * CMD_DB_WRITE. The dispatcher authenticates the caller, checks the
 * role, parses the JSON body, opens the one transaction a writing route
 * runs in (committed when run() returns 0, rolled back on -1), and maps
 * a failure to a status and a {"error", "message"} body.
 */

struct MHD_Connection;
struct json_t;
struct store;
struct table;
struct tk_error;

/* Request bodies larger than this are refused with 413. */
#define HTTP_BODY_MAX		(64 * 1024)
/* Beyond this an oversized body is not even read: the connection drops. */
#define HTTP_BODY_DISCARD_MAX	(1024 * 1024)

/* Roles a route admits, as bits. */
#define ROLE_BIT(r)	(1u << (r))
#define R_ANON		ROLE_BIT(ROLE_ANONYMOUS)
#define R_ADMIN		ROLE_BIT(ROLE_ADMIN)
#define R_BODY		ROLE_BIT(ROLE_BODY)
#define R_INTERP	ROLE_BIT(ROLE_INTERPRETER)
#define R_ANY		(R_ANON | R_ADMIN | R_BODY | R_INTERP)

#define ROUTE_WRITE	0x1	/* changes the register: one transaction */
/*
 * The body is a file of up to HTTP_UPLOAD_MAX bytes, spooled to a
 * temporary file (upload_path) rather than parsed; only an admin token
 * may send one, checked before the body is read; the route runs outside
 * any transaction and keeps its own.
 */
#define ROUTE_UPLOAD	0x2
/*
 * A list of stored rows, paged (page.h): the dispatcher takes the query
 * parameters limit (1 to PAGE_MAX, default PAGE_DEFAULT) and after into
 * page, refusing bad ones with 400, before run(); run() passes page to
 * its list function; when more rows follow, the answer (still a JSON
 * array) gets a Link header with the URL of the next page and a
 * Tolkreg-Next header with its cursor.
 */
#define ROUTE_PAGED	0x4

/* Largest file a ROUTE_UPLOAD route takes. */
#define HTTP_UPLOAD_MAX		(256L * 1024 * 1024)

#define HTTP_MAX_PARAMS	3

struct http_req;

struct route {
	const char	*method;	/* "GET", "POST", "PATCH", "DELETE" */
	const char	*pattern;	/* "/v1/requests/{id}/book" */
	unsigned int	 roles;		/* R_* bits */
	unsigned int	 flags;		/* ROUTE_* bits */
	int		(*run)(struct http_req *);
};

/* NULL-terminated table of every route, in routes.c. */
extern const struct route	*route_table[];

/* What a route's run() gets. */
struct http_req {
	struct MHD_Connection	*conn;
	const struct route	*route;
	const char		*method;
	struct principal	 who;
	struct store		*store;
	struct tk_error		*err;		/* filled when run() fails */
	struct json_t		*body;		/* the JSON object sent, or {} */
	/* Path parameters, in pattern order: {id}, {regno}, {orgnr}. */
	char			 pname[HTTP_MAX_PARAMS][16];
	char			 pval[HTTP_MAX_PARAMS][24];
	int			 nparams;
	/* The answer, set by run() on success. */
	unsigned int		 status;
	struct json_t		*reply;		/* owned; NULL: no body */
	char			*reply_text;	/* owned; used instead of reply */
	size_t			 reply_len;
	char			 location[96];	/* Location of a new object */
	const char		*content_type;	/* of reply_text; NULL: JSON */
	const char		*upload_path;	/* ROUTE_UPLOAD: the body */
	struct page		 page;		/* ROUTE_PAGED: the page asked */
	char			*link;		/* owned; the Link header */
	/* Status to use for a failure instead of the code's own; 0: none. */
	unsigned int		 fail_status;
	/* Strings made from the body, freed with the request. */
	char			**pool;
	size_t			 npool;
	/* Set by http_cache(): the answer's key, its generation, a hit. */
	char			 cache_key[HCACHE_KEY_MAX];
	int64_t			 cache_gen;
	struct MHD_Response	*cached;	/* borrowed from the cache */
};

/* Kinds of JSON body field. */
enum jkind {
	JF_STR,		/* a string */
	JF_INT,		/* an integer, handed on as its decimal text */
	JF_BOOL,	/* true or false, into an int */
	JF_INTLIST	/* an array of integers, handed on as "1,2,3" */
};

/* One field a route accepts in its JSON body. */
struct jfield {
	const char	*name;
	enum jkind	 kind;
	const char	**str;		/* JF_STR, JF_INT, JF_INTLIST */
	int		*flag;		/* JF_BOOL; untouched when absent */
};

#define JF_S(n, p)	{ (n), JF_STR, (p), NULL }
#define JF_I(n, p)	{ (n), JF_INT, (p), NULL }
#define JF_B(n, p)	{ (n), JF_BOOL, NULL, (p) }
#define JF_L(n, p)	{ (n), JF_INTLIST, (p), NULL }

/*
 * Take the fields of the body into the pointers of fields (NULL or
 * untouched when a field is absent or null). Any other field, or a
 * field of the wrong type, fails with TK_E_INVALID naming its path
 * ("$.minutes must be an integer").
 */
int		 http_fields(struct http_req *, const struct jfield *, size_t);

/* Fail with TK_E_INVALID "$.name is required" unless value is set. */
int		 http_require(struct http_req *, const char *name,
		    const char *value);

/*
 * A query parameter, or NULL when it is absent or empty. Borrowed: valid
 * during run().
 */
const char	*http_query(struct http_req *, const char *name);

/*
 * Fail with TK_E_INVALID for a query parameter not in the NULL-ended
 * list (nor, for a ROUTE_PAGED route, limit or after).
 */
int		 http_query_only(struct http_req *, const char *const *names);

/* A true/false query parameter into *out (0 when absent). */
int		 http_query_bool(struct http_req *, const char *name, int *out);

/* The text of path parameter name. Borrowed. */
const char	*http_param(struct http_req *, const char *name);

/* Path parameter name as a positive integer (the pattern admits digits). */
int64_t		 http_param_id(struct http_req *, const char *name);

/* Set the answer: status and a JSON value (stolen; may be NULL). */
int		 http_reply(struct http_req *, unsigned int status,
		    struct json_t *);

/* Answer with the rows of t as a JSON array. */
int		 http_reply_table(struct http_req *, unsigned int status,
		    const struct table *);

/* Answer with row 0 of t as an object, with sections as arrays. */
int		 http_reply_record(struct http_req *, unsigned int status,
		    const struct table *, const char *const *names,
		    struct table *const *sections, size_t nsections);

/*
 * Answer with the row of t whose column col is key as an object, and a
 * Location of where it can be read (NULL: none).
 */
int		 http_reply_row(struct http_req *, unsigned int status,
		    const struct table *, size_t col, const char *key,
		    const char *location);

/* A copy of s that lives as long as the request. */
const char	*http_strdup(struct http_req *, const char *s);

/*
 * For a public GET (R_ANY, no ROUTE_WRITE) whose parameters are parsed
 * and valid, before it reads anything: the key of its answer is today
 * and the printf-style rest, which must name the route and every
 * parameter in a canonical form. Reads the generation of the register
 * as the first read of the route's snapshot. Returns 1 when this
 * thread's cache holds the answer (run() returns 0 at once and the
 * dispatcher sends it), 0 to answer as usual (a 200 answer is then
 * kept), -1 on failure. Only anonymous callers are served from the
 * cache, and nothing is cached with --cache 0 or during a stop.
 */
int		 http_cache(struct http_req *, const char *today,
		    const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* Server settings, from tolkregd's options. */
struct http_config {
	const char	*dbpath;
	const char	*listen;	/* ADDR:PORT or [ADDR6]:PORT */
	unsigned int	 threads;
	unsigned int	 max_connections;
	unsigned int	 timeout;	/* seconds a connection may idle */
	unsigned int	 grace;		/* seconds to let requests finish */
	const char	*tls_cert;
	const char	*tls_key;
	int		 use_syslog;
	const char	*port_file;
	unsigned int	 cache_slots;	/* answers cached per thread; 0: off */
};

/*
 * Serve until SIGTERM or SIGINT, then stop taking connections, let the
 * requests in flight finish (at most grace seconds) and return. Returns
 * a sysexits(3) status.
 */
int		 http_serve(const struct http_config *);

/* The group commit's counters (writer.h). */
struct writer_stats;
void		 http_writer_stats(struct writer_stats *);

/* Log one line: to stderr with a timestamp, or to syslog. */
void		 http_log(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

#endif /* TOLKREG_HTTP_H */
