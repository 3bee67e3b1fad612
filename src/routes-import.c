/*
 * tolkregd: POST /v1/import, the API's "tolkreg import": an admin sends
 * one tolkreg XML file (tolkreg-xml(5)) as the body; it is checked and
 * applied in one transaction, or not at all, exactly as the command
 * does. ?dry_run=true reports what would be done.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/error.h"
#include "tolkreg/xml.h"

static int	route_import_run(struct http_req *);

const struct route route_import = {
	.method = "POST",
	.pattern = "/v1/import",
	.roles = R_ADMIN,
	.flags = ROUTE_WRITE | ROUTE_UPLOAD,
	.run = route_import_run
};

/* The problems of the file, as {"line", "message"} objects. */
static void
problem(void *arg, const char *file, unsigned long line, const char *msg)
{
	json_t	*a = arg;

	(void)file;
	json_array_append_new(a, json_pack("{s:I,s:s}", "line",
	    (json_int_t)line, "message", msg));
}

static int
route_import_run(struct http_req *rq)
{
	static const char *const results[XML_NRESULTS] = { "added",
	    "changed", "unchanged" };
	static const char *const params[] = { "dry_run", NULL };
	struct xml_import_opts	 o;
	struct xml_counts	 counts;
	struct tk_error		 e;
	json_t			*problems, *reply, *kinds, *k;
	int			 i, j;

	memset(&o, 0, sizeof(o));
	if (http_query_only(rq, params) == -1 ||
	    http_query_bool(rq, "dry_run", &o.dry_run) == -1)
		return (-1);
	problems = json_array();
	o.problem = problem;
	o.arg = problems;
	tk_error_clear(&e);
	if (xml_import_file(rq->store, rq->upload_path, &o, &counts,
	    &e) == -1) {
		if (e.code != TK_E_INVALID) {
			json_decref(problems);
			return (tk_fail(rq->err, e.code, e.field, "%s",
			    e.msg));
		}
		/* Bad data: the problems go with the error, 400. */
		reply = json_pack("{s:s,s:s,s:o}", "error",
		    tk_errname(TK_E_INVALID), "message", "the file had"
		    " problems and was not applied", "problems", problems);
		return (http_reply(rq, 400, reply));
	}
	json_decref(problems);
	kinds = json_object();
	for (i = 0; i < XML_NKINDS; i++) {
		k = json_object();
		for (j = 0; j < XML_NRESULTS; j++)
			json_object_set_new(k, results[j],
			    json_integer((json_int_t)counts.n[i][j]));
		json_object_set_new(kinds, xml_kind_name((enum xml_kind)i), k);
	}
	reply = json_pack("{s:s,s:o}", "result", o.dry_run ? "dry-run" :
	    "applied", "counts", kinds);
	return (http_reply(rq, 200, reply));
}
