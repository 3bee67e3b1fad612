/*
 * /v1/me and /v1/interpreters: interpreters in the register.
 *
 * An interpreter token acts for one register number, under /v1/me: it
 * reads the own record, changes the own contact details (e-mail and
 * phone), modalities and availability class, declares and removes
 * unavailability, declares and withdraws conflicts of interest
 * (habilitet, § 16) and lists the own assignments. It cannot change qualifications, status,
 * name, gender, personal number or home municipality, which IMDi keeps
 * (§§ 17 and 21): those fields are refused with 403.
 *
 * An admin token has the routes under /v1/interpreters, which mirror
 * the interpreter, warning, credential, unavailable and conflict
 * commands of tolkreg(1).
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/availability.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/request.h"
#include "tolkreg/validate.h"

static int	route_me_show_run(struct http_req *);
static int	route_me_update_run(struct http_req *);
static int	route_me_unavailable_list_run(struct http_req *);
static int	route_me_unavailable_add_run(struct http_req *);
static int	route_me_unavailable_remove_run(struct http_req *);
static int	route_me_conflict_list_run(struct http_req *);
static int	route_me_conflict_add_run(struct http_req *);
static int	route_me_conflict_remove_run(struct http_req *);
static int	route_me_assignments_run(struct http_req *);
static int	route_interpreter_list_run(struct http_req *);
static int	route_interpreter_add_run(struct http_req *);
static int	route_interpreter_show_run(struct http_req *);
static int	route_interpreter_update_run(struct http_req *);
static int	route_interpreter_exclude_run(struct http_req *);
static int	route_interpreter_reinstate_run(struct http_req *);
static int	route_interpreter_withdraw_run(struct http_req *);
static int	route_warning_list_run(struct http_req *);
static int	route_warning_add_run(struct http_req *);
static int	route_credential_list_run(struct http_req *);
static int	route_credential_add_run(struct http_req *);
static int	route_credential_revoke_run(struct http_req *);
static int	route_unavailable_list_run(struct http_req *);
static int	route_unavailable_add_run(struct http_req *);
static int	route_unavailable_remove_run(struct http_req *);
static int	route_conflict_list_run(struct http_req *);
static int	route_conflict_add_run(struct http_req *);
static int	route_conflict_remove_run(struct http_req *);

#define ROUTE(n, m, p, r, f) const struct route route_##n = { \
	.method = (m), .pattern = (p), .roles = (r), .flags = (f), \
	.run = route_##n##_run }

ROUTE(me_show, "GET", "/v1/me", R_INTERP, 0);
ROUTE(me_update, "PATCH", "/v1/me", R_INTERP, ROUTE_WRITE);
ROUTE(me_unavailable_list, "GET", "/v1/me/unavailability", R_INTERP,
    ROUTE_PAGED);
ROUTE(me_unavailable_add, "POST", "/v1/me/unavailability", R_INTERP,
    ROUTE_WRITE);
ROUTE(me_unavailable_remove, "DELETE", "/v1/me/unavailability/{id}",
    R_INTERP, ROUTE_WRITE);
ROUTE(me_conflict_list, "GET", "/v1/me/conflicts", R_INTERP, ROUTE_PAGED);
ROUTE(me_conflict_add, "POST", "/v1/me/conflicts", R_INTERP, ROUTE_WRITE);
ROUTE(me_conflict_remove, "DELETE", "/v1/me/conflicts/{orgnr}", R_INTERP,
    ROUTE_WRITE);
ROUTE(me_assignments, "GET", "/v1/me/assignments", R_INTERP, ROUTE_PAGED);

ROUTE(interpreter_list, "GET", "/v1/interpreters", R_ADMIN, ROUTE_PAGED);
ROUTE(interpreter_add, "POST", "/v1/interpreters", R_ADMIN, ROUTE_WRITE);
ROUTE(interpreter_show, "GET", "/v1/interpreters/{regno}", R_ADMIN, 0);
ROUTE(interpreter_update, "PATCH", "/v1/interpreters/{regno}", R_ADMIN,
    ROUTE_WRITE);
ROUTE(interpreter_exclude, "POST", "/v1/interpreters/{regno}/exclude",
    R_ADMIN, ROUTE_WRITE);
ROUTE(interpreter_reinstate, "POST", "/v1/interpreters/{regno}/reinstate",
    R_ADMIN, ROUTE_WRITE);
ROUTE(interpreter_withdraw, "POST", "/v1/interpreters/{regno}/withdraw",
    R_ADMIN, ROUTE_WRITE);
ROUTE(warning_list, "GET", "/v1/interpreters/{regno}/warnings", R_ADMIN,
    ROUTE_PAGED);
ROUTE(warning_add, "POST", "/v1/interpreters/{regno}/warnings", R_ADMIN,
    ROUTE_WRITE);
ROUTE(credential_list, "GET", "/v1/interpreters/{regno}/credentials",
    R_ADMIN, ROUTE_PAGED);
ROUTE(credential_add, "POST", "/v1/interpreters/{regno}/credentials",
    R_ADMIN, ROUTE_WRITE);
ROUTE(credential_revoke, "POST",
    "/v1/interpreters/{regno}/credentials/{id}/revoke", R_ADMIN,
    ROUTE_WRITE);
ROUTE(unavailable_list, "GET", "/v1/interpreters/{regno}/unavailability",
    R_ADMIN, ROUTE_PAGED);
ROUTE(unavailable_add, "POST", "/v1/interpreters/{regno}/unavailability",
    R_ADMIN, ROUTE_WRITE);
ROUTE(unavailable_remove, "DELETE",
    "/v1/interpreters/{regno}/unavailability/{id}", R_ADMIN, ROUTE_WRITE);
ROUTE(conflict_list, "GET", "/v1/interpreters/{regno}/conflicts", R_ADMIN,
    ROUTE_PAGED);
ROUTE(conflict_add, "POST", "/v1/interpreters/{regno}/conflicts", R_ADMIN,
    ROUTE_WRITE);
ROUTE(conflict_remove, "DELETE",
    "/v1/interpreters/{regno}/conflicts/{orgnr}", R_ADMIN, ROUTE_WRITE);

static const char *const no_query[] = { NULL };

/*
 * Take an interpreter's fields from the body into in: all of them, each
 * required, for an admin adding one; any of them for an update.
 */
static int
interpreter_body(struct http_req *rq, int required,
    struct interpreter_input *in)
{
	struct interpreter_text	 v = { 0 };
	const struct jfield	 f[] = {
		JF_S("name", &v.name), JF_S("fnr", &v.fnr),
		JF_S("gender", &v.gender), JF_S("email", &v.email),
		JF_S("phone", &v.phone), JF_S("municipality", &v.municipality),
		JF_S("availability", &v.availability),
		JF_S("modalities", &v.modalities)
	};
	size_t			 i;

	if (http_fields(rq, f, sizeof(f) / sizeof(f[0])) == -1)
		return (-1);
	for (i = 0; required && i < sizeof(f) / sizeof(f[0]); i++) {
		if (http_require(rq, f[i].name, *f[i].str) == -1)
			return (-1);
	}
	return (interpreter_input_parse(&v, in, rq->err));
}

/* Answer with the full record of interpreter regno. */
static int
reply_record(struct http_req *rq, unsigned int status, int64_t regno)
{
	struct table	*t, *sec[RECORD_INTERPRETER_NSECTIONS];
	char		 today[DATE_BUFLEN];
	int		 rc, i;

	tk_today(today);
	t = table_new();
	for (i = 0; i < RECORD_INTERPRETER_NSECTIONS; i++)
		sec[i] = table_new();
	rc = record_interpreter(rq->store, regno, today, t, sec, rq->err);
	if (rc == 0)
		rc = http_reply_record(rq, status, t,
		    record_interpreter_sections, sec,
		    RECORD_INTERPRETER_NSECTIONS);
	for (i = 0; i < RECORD_INTERPRETER_NSECTIONS; i++)
		table_free(sec[i]);
	table_free(t);
	return (rc);
}

/* The interpreter the path names, which must exist. */
static int
path_regno(struct http_req *rq, int64_t *regno)
{
	*regno = http_param_id(rq, "regno");
	return (interpreter_exists(rq->store, *regno, rq->err));
}

/* Answer with a table a module fills for regno. */
static int
reply_list(struct http_req *rq, int64_t regno,
    int (*fn)(struct store *, int64_t, struct page *, struct table *,
    struct tk_error *))
{
	struct table	*t;
	int		 rc;

	t = table_new();
	rc = fn(rq->store, regno, &rq->page, t, rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

/* GET unavailability of regno; ?all=true includes past periods. */
static int
unavailable_list_of(struct http_req *rq, int64_t regno)
{
	static const char *const names[] = { "all", NULL };
	struct table	*t;
	int		 all, rc;

	if (http_query_only(rq, names) == -1 ||
	    http_query_bool(rq, "all", &all) == -1)
		return (-1);
	t = table_new();
	rc = unavailable_list(rq->store, regno, all, &rq->page, t,
	    rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

/* POST a period of unavailability for regno; 201 with the period. */
static int
unavailable_add_to(struct http_req *rq, int64_t regno)
{
	const char		*from = NULL, *to = NULL, *note = NULL;
	const struct jfield	 f[] = { JF_S("from", &from), JF_S("to", &to),
	    JF_S("note", &note) };
	struct table		*t;
	char			 ids[32];
	int64_t			 id;
	int			 rc;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 3) == -1 ||
	    http_require(rq, "from", from) == -1 ||
	    http_require(rq, "to", to) == -1 ||
	    unavailable_add(rq->store, regno, from, to, note, &id,
	    rq->err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	t = table_new();
	rc = unavailable_list(rq->store, regno, 1, NULL, t, rq->err);
	if (rc == 0)
		rc = http_reply_row(rq, MHD_HTTP_CREATED, t, 0, ids, NULL);
	table_free(t);
	return (rc);
}

/* DELETE period {id} of regno; 204. */
static int
unavailable_remove_of(struct http_req *rq, int64_t regno)
{
	if (http_query_only(rq, no_query) == -1 ||
	    unavailable_remove(rq->store, regno, http_param_id(rq, "id"),
	    rq->err) == -1)
		return (-1);
	return (http_reply(rq, MHD_HTTP_NO_CONTENT, NULL));
}

/* POST a conflict of regno with {"body": ORGNR}; 201 with it. */
static int
conflict_add_to(struct http_req *rq, int64_t regno)
{
	const char		*body = NULL;
	const struct jfield	 f[] = { JF_S("body", &body) };
	struct table		*t;
	int			 rc;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1 ||
	    http_require(rq, "body", body) == -1 ||
	    conflict_add(rq->store, regno, body, rq->err) == -1)
		return (-1);
	t = table_new();
	rc = conflict_list(rq->store, regno, NULL, t, rq->err);
	if (rc == 0)
		rc = http_reply_row(rq, MHD_HTTP_CREATED, t, 0, body, NULL);
	table_free(t);
	return (rc);
}

/*
 * DELETE the conflict of regno with body {orgnr}; 204. A body regno has
 * declared no conflict with is 404, whoever else has.
 */
static int
conflict_remove_of(struct http_req *rq, int64_t regno)
{
	if (http_query_only(rq, no_query) == -1 ||
	    conflict_remove(rq->store, regno, http_param(rq, "orgnr"),
	    rq->err) == -1)
		return (-1);
	return (http_reply(rq, MHD_HTTP_NO_CONTENT, NULL));
}

static int
route_me_show_run(struct http_req *rq)
{
	if (http_query_only(rq, no_query) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, rq->who.regno));
}

static int
route_me_update_run(struct http_req *rq)
{
	/* What IMDi keeps: never changed with an interpreter token. */
	static const char *const kept[] = { "name", "fnr", "gender",
	    "municipality", "status", "status_until", "listed", "languages",
	    "credentials", "category", "regno", "warnings", "history", NULL };
	struct interpreter_text	 v = { 0 };
	const struct jfield	 f[] = { JF_S("email", &v.email),
	    JF_S("phone", &v.phone), JF_S("availability", &v.availability),
	    JF_S("modalities", &v.modalities) };
	struct interpreter_input in;
	size_t			 i;

	if (http_query_only(rq, no_query) == -1)
		return (-1);
	for (i = 0; kept[i] != NULL; i++) {
		if (json_object_get(rq->body, kept[i]) != NULL)
			return (tk_fail(rq->err, TK_E_PERM, kept[i], "'%s' is"
			    " kept by IMDi and cannot be changed with an"
			    " interpreter token", kept[i]));
	}
	if (http_fields(rq, f, sizeof(f) / sizeof(f[0])) == -1 ||
	    interpreter_input_parse(&v, &in, rq->err) == -1 ||
	    interpreter_update(rq->store, rq->who.regno, &in, rq->err) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, rq->who.regno));
}

static int
route_me_unavailable_list_run(struct http_req *rq)
{
	return (unavailable_list_of(rq, rq->who.regno));
}

static int
route_me_unavailable_add_run(struct http_req *rq)
{
	return (unavailable_add_to(rq, rq->who.regno));
}

static int
route_me_unavailable_remove_run(struct http_req *rq)
{
	return (unavailable_remove_of(rq, rq->who.regno));
}

static int
route_me_conflict_list_run(struct http_req *rq)
{
	if (http_query_only(rq, no_query) == -1)
		return (-1);
	return (reply_list(rq, rq->who.regno, conflict_list));
}

static int
route_me_conflict_add_run(struct http_req *rq)
{
	return (conflict_add_to(rq, rq->who.regno));
}

static int
route_me_conflict_remove_run(struct http_req *rq)
{
	return (conflict_remove_of(rq, rq->who.regno));
}

static int
route_me_assignments_run(struct http_req *rq)
{
	static const char *const names[] = { "state", "from", "to", NULL };
	struct request_filter	 f = { 0 };
	struct table		*t;
	int			 rc;

	if (http_query_only(rq, names) == -1)
		return (-1);
	f.state = http_query(rq, "state");
	f.from = http_query(rq, "from");
	f.to = http_query(rq, "to");
	f.regno = rq->who.regno;
	t = table_new();
	rc = request_list(rq->store, &f, &rq->page, t, rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

static int
route_interpreter_list_run(struct http_req *rq)
{
	static const char *const names[] = { "status", "lang",
	    "municipality", NULL };
	struct list_query	 q;
	struct table		*t;
	int			 rc;

	if (http_query_only(rq, names) == -1)
		return (-1);
	q.status = http_query(rq, "status");
	q.lang = http_query(rq, "lang");
	q.municipality = http_query(rq, "municipality");
	t = table_new();
	rc = register_list(rq->store, &q, &rq->page, t, rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

static int
route_interpreter_add_run(struct http_req *rq)
{
	struct interpreter_input	 in;
	int64_t				 regno;

	if (http_query_only(rq, no_query) == -1 ||
	    interpreter_body(rq, 1, &in) == -1 ||
	    interpreter_add(rq->store, &in, &regno, rq->err) == -1)
		return (-1);
	snprintf(rq->location, sizeof(rq->location),
	    "/v1/interpreters/%" PRId64, regno);
	return (reply_record(rq, MHD_HTTP_CREATED, regno));
}

static int
route_interpreter_show_run(struct http_req *rq)
{
	if (http_query_only(rq, no_query) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, http_param_id(rq, "regno")));
}

static int
route_interpreter_update_run(struct http_req *rq)
{
	struct interpreter_input	 in;
	int64_t				 regno = http_param_id(rq, "regno");

	if (http_query_only(rq, no_query) == -1 ||
	    interpreter_body(rq, 0, &in) == -1 ||
	    interpreter_update(rq->store, regno, &in, rq->err) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, regno));
}

static int
route_interpreter_exclude_run(struct http_req *rq)
{
	const char		*reason = NULL, *until = NULL;
	int			 temporary = 0;
	const struct jfield	 f[] = { JF_S("reason", &reason),
	    JF_S("until", &until), JF_B("temporary", &temporary) };
	int64_t			 regno = http_param_id(rq, "regno");

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 3) == -1 ||
	    http_require(rq, "reason", reason) == -1 ||
	    interpreter_exclude(rq->store, regno, reason, until, temporary,
	    rq->err) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, regno));
}

static int
route_interpreter_reinstate_run(struct http_req *rq)
{
	const char		*reason = NULL;
	const struct jfield	 f[] = { JF_S("reason", &reason) };
	int64_t			 regno = http_param_id(rq, "regno");

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1 ||
	    http_require(rq, "reason", reason) == -1 ||
	    interpreter_reinstate(rq->store, regno, reason, rq->err) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, regno));
}

static int
route_interpreter_withdraw_run(struct http_req *rq)
{
	const char		*reason = NULL;
	const struct jfield	 f[] = { JF_S("reason", &reason) };
	int64_t			 regno = http_param_id(rq, "regno");

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1 ||
	    interpreter_withdraw(rq->store, regno, reason, rq->err) == -1)
		return (-1);
	return (reply_record(rq, MHD_HTTP_OK, regno));
}

static int
route_warning_list_run(struct http_req *rq)
{
	int64_t	regno;

	if (http_query_only(rq, no_query) == -1 ||
	    path_regno(rq, &regno) == -1)
		return (-1);
	return (reply_list(rq, regno, register_warnings));
}

static int
route_warning_add_run(struct http_req *rq)
{
	const char		*reason = NULL, *date = NULL;
	const struct jfield	 f[] = { JF_S("reason", &reason),
	    JF_S("date", &date) };
	struct table		*t;
	char			 ids[32];
	int64_t			 regno = http_param_id(rq, "regno"), id;
	int			 rc;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 2) == -1 ||
	    http_require(rq, "reason", reason) == -1 ||
	    warning_add(rq->store, regno, date, reason, &id, rq->err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	t = table_new();
	rc = register_warnings(rq->store, regno, NULL, t, rq->err);
	if (rc == 0)
		rc = http_reply_row(rq, MHD_HTTP_CREATED, t, 0, ids, NULL);
	table_free(t);
	return (rc);
}

static int
route_credential_list_run(struct http_req *rq)
{
	int64_t	regno;

	if (http_query_only(rq, no_query) == -1 ||
	    path_regno(rq, &regno) == -1)
		return (-1);
	return (reply_list(rq, regno, register_credentials));
}

static int
route_credential_add_run(struct http_req *rq)
{
	struct credential_text	 v = { NULL, NULL, NULL, NULL };
	const struct jfield	 f[] = { JF_S("kind", &v.kind),
	    JF_S("lang", &v.lang), JF_S("date", &v.date),
	    JF_S("ref", &v.ref) };
	struct credential_new	 c;
	struct table		*t;
	char			 ids[32];
	int64_t			 id;
	int			 rc;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 4) == -1 ||
	    http_require(rq, "kind", v.kind) == -1 ||
	    credential_input_parse(http_param_id(rq, "regno"), &v, &c,
	    rq->err) == -1 ||
	    http_require(rq, "date", v.date) == -1 ||
	    credential_add(rq->store, &c, &id, rq->err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	t = table_new();
	rc = register_credentials(rq->store, c.regno, NULL, t, rq->err);
	if (rc == 0)
		rc = http_reply_row(rq, MHD_HTTP_CREATED, t, 0, ids, NULL);
	table_free(t);
	return (rc);
}

static int
route_credential_revoke_run(struct http_req *rq)
{
	const char		*reason = NULL;
	const struct jfield	 f[] = { JF_S("reason", &reason) };
	struct table		*t;
	int64_t			 regno = http_param_id(rq, "regno");
	int			 rc;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, 1) == -1 ||
	    http_require(rq, "reason", reason) == -1 ||
	    credential_revoke(rq->store, regno, http_param_id(rq, "id"),
	    reason, rq->err) == -1)
		return (-1);
	t = table_new();
	rc = register_credentials(rq->store, regno, NULL, t, rq->err);
	if (rc == 0)
		rc = http_reply_row(rq, MHD_HTTP_OK, t, 0,
		    http_param(rq, "id"), NULL);
	table_free(t);
	return (rc);
}

static int
route_unavailable_list_run(struct http_req *rq)
{
	int64_t	regno;

	if (path_regno(rq, &regno) == -1)
		return (-1);
	return (unavailable_list_of(rq, regno));
}

static int
route_unavailable_add_run(struct http_req *rq)
{
	return (unavailable_add_to(rq, http_param_id(rq, "regno")));
}

static int
route_unavailable_remove_run(struct http_req *rq)
{
	return (unavailable_remove_of(rq, http_param_id(rq, "regno")));
}

static int
route_conflict_list_run(struct http_req *rq)
{
	int64_t	regno;

	if (http_query_only(rq, no_query) == -1 ||
	    path_regno(rq, &regno) == -1)
		return (-1);
	return (reply_list(rq, regno, conflict_list));
}

static int
route_conflict_add_run(struct http_req *rq)
{
	return (conflict_add_to(rq, http_param_id(rq, "regno")));
}

static int
route_conflict_remove_run(struct http_req *rq)
{
	return (conflict_remove_of(rq, http_param_id(rq, "regno")));
}
