/*
 * /v1/requests: a public body's requests for interpreters, from its own
 * case system: ordering, the ranked candidates with the reasons for
 * their places, booking, and closing with what tolkeloven asks to be
 * followed up (§§ 4, 7 and 8). A body token sees and changes only its
 * own body's requests (403 for another's); an admin token any.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/booking.h"
#include "tolkreg/error.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/request.h"

static int	route_request_add_run(struct http_req *);
static int	route_request_list_run(struct http_req *);
static int	route_request_show_run(struct http_req *);
static int	route_request_candidates_run(struct http_req *);
static int	route_request_book_run(struct http_req *);
static int	route_request_cancel_run(struct http_req *);
static int	route_request_complete_run(struct http_req *);
static int	route_request_unfilled_run(struct http_req *);

const struct route route_request_add = {
	.method = "POST",
	.pattern = "/v1/requests",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_request_add_run
};

const struct route route_request_list = {
	.method = "GET",
	.pattern = "/v1/requests",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_PAGED,
	.run = route_request_list_run
};

const struct route route_request_show = {
	.method = "GET",
	.pattern = "/v1/requests/{id}",
	.roles = R_BODY | R_ADMIN,
	.run = route_request_show_run
};

const struct route route_request_candidates = {
	.method = "GET",
	.pattern = "/v1/requests/{id}/candidates",
	.roles = R_BODY | R_ADMIN,
	.run = route_request_candidates_run
};

const struct route route_request_book = {
	.method = "POST",
	.pattern = "/v1/requests/{id}/book",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_request_book_run
};

const struct route route_request_cancel = {
	.method = "POST",
	.pattern = "/v1/requests/{id}/cancel",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_request_cancel_run
};

const struct route route_request_complete = {
	.method = "POST",
	.pattern = "/v1/requests/{id}/complete",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_request_complete_run
};

const struct route route_request_unfilled = {
	.method = "POST",
	.pattern = "/v1/requests/{id}/unfilled",
	.roles = R_BODY | R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_request_unfilled_run
};

static const char *const no_query[] = { NULL };

/* Load the request the path names; refuse another body's. */
static int
own_request(struct http_req *rq, struct request *r)
{
	int64_t	id = http_param_id(rq, "id");

	if (request_get(rq->store, id, r, rq->err) == -1)
		return (-1);
	if (rq->who.role == ROLE_BODY && strcmp(r->body, rq->who.body) != 0)
		return (tk_fail(rq->err, TK_E_PERM, "id", "request %" PRId64
		    " belongs to another public body", id));
	return (0);
}

/* Answer with request id as it is now, with its ranking if asked. */
static int
reply_request(struct http_req *rq, unsigned int status, int64_t id,
    int ranking)
{
	static const char *const names[] = { "ranking" };
	struct request	 r;
	struct table	*t, *rank;
	int		 rc;

	if (request_get(rq->store, id, &r, rq->err) == -1)
		return (-1);
	t = table_new();
	rank = table_new();
	record_request(&r, t);
	rc = ranking ? booking_ranking(rq->store, id, rank, rq->err) : 0;
	if (rc == 0)
		rc = http_reply_record(rq, status, t, names, &rank,
		    ranking ? 1 : 0);
	table_free(rank);
	table_free(t);
	return (rc);
}

static int
route_request_add_run(struct http_req *rq)
{
	static const enum jkind	 kinds[] = { [RK_TEXT] = JF_STR,
	    [RK_NUMBER] = JF_INT, [RK_NUMBERS] = JF_INTLIST,
	    [RK_FLAG] = JF_BOOL };
	struct request_input	 in = { 0 };
	struct jfield		 f[REQ_NFIELDS];
	const char		*v[REQ_NFIELDS], *missing;
	int			 flag[REQ_NFIELDS];
	int64_t			 id;
	size_t			 i;

	for (i = 0; i < REQ_NFIELDS; i++) {
		f[i].name = request_fields[i].name;
		f[i].kind = kinds[request_fields[i].kind];
		f[i].str = &v[i];
		f[i].flag = &flag[i];
		v[i] = NULL;
		flag[i] = 0;
	}
	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, REQ_NFIELDS) == -1)
		return (-1);
	for (i = 0; i < REQ_NFIELDS; i++)
		request_input_set(&in, i, request_fields[i].kind == RK_FLAG ?
		    (flag[i] ? "true" : NULL) : v[i]);
	if (rq->who.role == ROLE_BODY) {
		if (in.body == NULL)
			in.body = rq->who.body;
		else if (strcmp(in.body, rq->who.body) != 0)
			return (tk_fail(rq->err, TK_E_PERM, "body", "this"
			    " token may order only for public body %s",
			    rq->who.body));
	}
	if ((missing = request_input_missing(&in)) != NULL)
		return (http_require(rq, missing, NULL));
	if (request_add(rq->store, &in, &id, rq->err) == -1)
		return (-1);
	snprintf(rq->location, sizeof(rq->location), "/v1/requests/%" PRId64,
	    id);
	return (reply_request(rq, MHD_HTTP_CREATED, id, 0));
}

static int
route_request_list_run(struct http_req *rq)
{
	static const char *const names[] = { "body", "state", "lang",
	    "from", "to", NULL };
	struct request_filter	 f = { 0 };
	struct table		*t;
	int			 rc;

	if (http_query_only(rq, names) == -1)
		return (-1);
	f.body = http_query(rq, "body");
	f.state = http_query(rq, "state");
	f.lang = http_query(rq, "lang");
	f.from = http_query(rq, "from");
	f.to = http_query(rq, "to");
	if (rq->who.role == ROLE_BODY) {
		if (f.body != NULL && strcmp(f.body, rq->who.body) != 0)
			return (tk_fail(rq->err, TK_E_PERM, "body", "this"
			    " token sees only the requests of public body %s",
			    rq->who.body));
		f.body = rq->who.body;
	}
	t = table_new();
	rc = request_list(rq->store, &f, &rq->page, t, rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

static int
route_request_show_run(struct http_req *rq)
{
	static const char *const names[] = { "explain", NULL };
	struct request	r;
	int		explain;

	if (http_query_only(rq, names) == -1 ||
	    http_query_bool(rq, "explain", &explain) == -1 ||
	    own_request(rq, &r) == -1)
		return (-1);
	return (reply_request(rq, MHD_HTTP_OK, r.id, explain));
}

static int
route_request_candidates_run(struct http_req *rq)
{
	static const char *const names[] = { "limit", "explain", NULL };
	struct match_result	 m;
	struct request		 r;
	struct table		*t;
	const char		*limit;
	char			*end, why[512];
	json_t			*o;
	long			 n = 0;
	int			 explain;

	if (http_query_only(rq, names) == -1 ||
	    http_query_bool(rq, "explain", &explain) == -1)
		return (-1);
	if ((limit = http_query(rq, "limit")) != NULL) {
		n = strtol(limit, &end, 10);
		if (*limit < '0' || *limit > '9' || *end != '\0' || n < 1 ||
		    n > 100000)
			return (tk_fail(rq->err, TK_E_INVALID, "limit",
			    "'limit' must be a whole number from 1 to 100000"));
	}
	if (own_request(rq, &r) == -1 ||
	    match_candidates(rq->store, &r, &m, rq->err) == -1)
		return (-1);
	t = table_new();
	match_table(&r, &m, (size_t)n, explain, t);
	o = json_object();
	json_object_set_new(o, "request", json_integer(r.id));
	json_object_set_new(o, "eligible", json_integer((json_int_t)
	    m.neligible));
	if (m.neligible == 0) {
		match_why_none(&m, why, sizeof(why));
		json_object_set_new(o, "why_none", json_string(why));
	} else
		json_object_set_new(o, "why_none", json_null());
	json_object_set_new(o, "candidates", table_rows_json(t));
	table_free(t);
	match_result_release(&m);
	return (http_reply(rq, MHD_HTTP_OK, o));
}

static int
route_request_book_run(struct http_req *rq)
{
	const char		*regs = NULL;
	const struct jfield	 f[] = { JF_I("regno", &regs) };
	struct request		 r;
	int64_t			 regno = 0, booked;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1)
		return (-1);
	if (regs != NULL && (regno = strtoll(regs, NULL, 10)) <= 0)
		return (tk_fail(rq->err, TK_E_INVALID, "regno",
		    "$.regno must be a positive register number"));
	if (own_request(rq, &r) == -1)
		return (-1);
	if (booking_book(rq->store, r.id, regno, &booked, rq->err) == -1) {
		/* Nobody can take it: the request's state, not the service. */
		if (rq->err->code == TK_E_UNAVAILABLE)
			rq->fail_status = MHD_HTTP_CONFLICT;
		return (-1);
	}
	return (reply_request(rq, MHD_HTTP_OK, r.id, 0));
}

/* cancel and unfilled: {"reason": TEXT}, then fn. */
static int
close_run(struct http_req *rq,
    int (*fn)(struct store *, int64_t, const char *, struct tk_error *))
{
	const char		*reason = NULL;
	const struct jfield	 f[] = { JF_S("reason", &reason) };
	struct request		 r;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1 ||
	    http_require(rq, "reason", reason) == -1 ||
	    own_request(rq, &r) == -1 ||
	    fn(rq->store, r.id, reason, rq->err) == -1)
		return (-1);
	return (reply_request(rq, MHD_HTTP_OK, r.id, 0));
}

static int
route_request_cancel_run(struct http_req *rq)
{
	return (close_run(rq, request_cancel));
}

static int
route_request_unfilled_run(struct http_req *rq)
{
	return (close_run(rq, request_unfilled));
}

static int
route_request_complete_run(struct http_req *rq)
{
	struct completion	 c = { 0 };
	const struct jfield	 f[] = { JF_I("minutes", &c.minutes),
	    JF_B("remote", &c.remote), JF_B("child_used", &c.child_used),
	    JF_B("unregistered", &c.unregistered),
	    JF_S("unqualified_reason", &c.exception) };
	struct request		 r;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, sizeof(f) / sizeof(f[0])) == -1 ||
	    own_request(rq, &r) == -1 ||
	    request_complete(rq->store, r.id, &c, rq->err) == -1)
		return (-1);
	return (reply_request(rq, MHD_HTTP_OK, r.id, 0));
}
