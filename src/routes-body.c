/*
 * /v1/bodies: IMDi's routes for the public bodies that order
 * interpreters, with their tolkeloven § 9 guidelines; they mirror
 * "tolkreg body add|show|update|list".
 */
#include "config.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/validate.h"

static int	route_body_list_run(struct http_req *);
static int	route_body_add_run(struct http_req *);
static int	route_body_show_run(struct http_req *);
static int	route_body_update_run(struct http_req *);

const struct route route_body_list = {
	.method = "GET",
	.pattern = "/v1/bodies",
	.roles = R_ADMIN,
	.flags = ROUTE_PAGED,
	.run = route_body_list_run
};

const struct route route_body_add = {
	.method = "POST",
	.pattern = "/v1/bodies",
	.roles = R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_body_add_run
};

const struct route route_body_show = {
	.method = "GET",
	.pattern = "/v1/bodies/{orgnr}",
	.roles = R_ADMIN,
	.run = route_body_show_run
};

const struct route route_body_update = {
	.method = "PATCH",
	.pattern = "/v1/bodies/{orgnr}",
	.roles = R_ADMIN,
	.flags = ROUTE_WRITE,
	.run = route_body_update_run
};

static const char *const no_query[] = { NULL };

/* Answer with body orgnr. */
static int
reply_body(struct http_req *rq, unsigned int status, const char *orgnr)
{
	struct body	 b;
	struct table	*t;
	int		 rc;

	if (validate_orgnr("orgnr", orgnr, rq->err) == -1 ||
	    body_get(rq->store, orgnr, &b, rq->err) == -1)
		return (-1);
	t = table_new();
	record_body(&b, t);
	rc = http_reply_record(rq, status, t, NULL, NULL, 0);
	table_free(t);
	return (rc);
}

static int
route_body_list_run(struct http_req *rq)
{
	static const char *const names[] = { "sector", "county", NULL };
	const char	*sector, *county;
	enum sector	 s;
	struct table	*t;
	int		 rc;

	if (http_query_only(rq, names) == -1)
		return (-1);
	sector = http_query(rq, "sector");
	county = http_query(rq, "county");
	if (sector != NULL && sector_parse(sector, &s) == -1)
		return (tk_fail(rq->err, TK_E_INVALID, "sector",
		    "'sector' is not a known sector"));
	t = table_new();
	rc = register_bodies(rq->store, sector, county, &rq->page, t,
	    rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

static int
route_body_add_run(struct http_req *rq)
{
	struct body_text	 v = { NULL, NULL, NULL, NULL, NULL, 0 };
	const struct jfield	 f[] = { JF_S("orgnr", &v.orgnr),
	    JF_S("name", &v.name), JF_S("sector", &v.sector),
	    JF_S("municipality", &v.municipality),
	    JF_S("guidelines", &v.guidelines), JF_B("regular", &v.regular) };
	struct body_input	 in;
	size_t			 i;

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, sizeof(f) / sizeof(f[0])) == -1)
		return (-1);
	for (i = 0; i < 5; i++) {
		if (http_require(rq, f[i].name, *f[i].str) == -1)
			return (-1);
	}
	if (body_input_parse(&v, &in, rq->err) == -1 ||
	    body_add(rq->store, &in, rq->err) == -1)
		return (-1);
	snprintf(rq->location, sizeof(rq->location), "/v1/bodies/%s",
	    v.orgnr);
	return (reply_body(rq, MHD_HTTP_CREATED, v.orgnr));
}

static int
route_body_show_run(struct http_req *rq)
{
	if (http_query_only(rq, no_query) == -1)
		return (-1);
	return (reply_body(rq, MHD_HTTP_OK, http_param(rq, "orgnr")));
}

static int
route_body_update_run(struct http_req *rq)
{
	struct body_text	 v = { NULL, NULL, NULL, NULL, NULL, -1 };
	const struct jfield	 f[] = { JF_S("name", &v.name),
	    JF_S("sector", &v.sector), JF_S("municipality", &v.municipality),
	    JF_S("guidelines", &v.guidelines), JF_B("regular", &v.regular) };
	struct body_input	 in;
	const char		*orgnr = http_param(rq, "orgnr");

	if (http_query_only(rq, no_query) == -1 ||
	    http_fields(rq, f, sizeof(f) / sizeof(f[0])) == -1 ||
	    body_input_parse(&v, &in, rq->err) == -1 ||
	    body_update(rq->store, orgnr, &in, rq->err) == -1)
		return (-1);
	return (reply_body(rq, MHD_HTTP_OK, orgnr));
}
