/*
 * Import of tolkreg XML files (tolkreg-xml(5)): the first load from the
 * old register, exchanges with education institutions, and the
 * assignment reports that agencies and public bodies send in for
 * Tolkemonitor (tolkeloven §§ 4, 7 and 8).
 *
 * A file is read twice, streaming, never as a tree. Pass 1 is an
 * xmlTextReader that validates against the schema built into the
 * program and writes nothing. Only a valid file gets pass 2: a SAX
 * parser, with the schema plugged in again, whose callbacks hand each
 * record to the domain modules inside one transaction; every rule they
 * break is a problem of the file, reported with its line, and a file
 * with any problem is rolled back whole.
 *
 * The parsers load no DTD, substitute no entity and open no network
 * connection, and a document type declaration is refused outright: it
 * is the only place the entities of an expansion ("billion laughs") or
 * external entity (XXE) attack can be declared, and the format needs
 * none. Files must be UTF-8.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "audit.h"
#include "embedded.h"
#include "tolkreg/assignment.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"
#include "tolkreg/xml.h"

/*
 * Parser options for both passes. Deliberately absent: XML_PARSE_NOENT
 * (substitute entities), XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
 * XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE (which
 * lifts the parser's limits on depth, names and text).
 */
#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Bytes at the start of a file looked at before any parser runs. */
#define PRESCAN_MAX	65536

/* Attributes of one element (the schema allows at most 18). */
#define MAX_ATTRS	32

/* Children of one interpreter of each kind (the schema: 100, 1000). */
#define MAX_CHILDREN	1000

enum child { CH_CREDENTIAL, CH_LISTING, CH_WARNING, CH_NKINDS };

struct attr {
	const char	*name;		/* borrowed from the parser */
	char		*value;		/* owned */
};

/* The state of importing one file. */
struct imp {
	struct store			*st;
	const char			*path;
	const struct xml_import_opts	*o;
	struct xml_counts		*counts;
	xmlParserCtxtPtr		 ctxt;		/* pass 2 */
	unsigned long			 nproblems;
	int				 stop;
	long				 total[XML_NKINDS]; /* pass 1 */
	long				 done[XML_NKINDS];  /* pass 2 */
	struct tk_error			 fatal;		/* not a data problem */
	int				 depth;
	unsigned long			 last_line;	/* of the last */
	char				 last_msg[768];	/* libxml2 error */
	struct attr			 attrs[MAX_ATTRS];
	size_t				 nattrs;

	/* The interpreter whose children are being read. */
	struct {
		int		 open;
		int		 failed;
		int		 is_new;
		int		 changed;
		int		 history;	/* the file gave listing events */
		int		 events_added;
		int64_t		 regno;
		unsigned long	 line;
		int64_t		 ids[CH_NKINDS][MAX_CHILDREN];
		size_t		 nids[CH_NKINDS];
	} rec;
};

static const char *const kind_names[XML_NKINDS] = {
	[XML_INTERPRETER] = "interpreters",
	[XML_BODY] = "bodies",
	[XML_ASSIGNMENT] = "assignments",
};

/* The name of a kind's section. */
const char *
xml_kind_name(enum xml_kind k)
{
	return ((unsigned int)k < XML_NKINDS ? kind_names[k] : "unknown");
}

/* Report one problem of the file; stop after XML_MAX_PROBLEMS. */
static void
problem(struct imp *im, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct imp *im, unsigned long line, const char *fmt, ...)
{
	va_list	ap;
	char	msg[1024];

	if (im->stop)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	im->nproblems++;
	if (im->o->problem != NULL)
		im->o->problem(im->o->arg, im->path, line, msg);
	if (im->nproblems == XML_MAX_PROBLEMS) {
		if (im->o->problem != NULL)
			im->o->problem(im->o->arg, im->path, 0,
			    "too many problems: stopped reading the file");
		im->stop = 1;
	}
	if (im->stop && im->ctxt != NULL)
		xmlStopParser(im->ctxt);
}

/* Stop for good on a failure that is not the file's (store, memory). */
static void
fatal(struct imp *im, const struct tk_error *e)
{
	if (im->fatal.code == TK_OK)
		im->fatal = *e;
	im->stop = 1;
	if (im->ctxt != NULL)
		xmlStopParser(im->ctxt);
}

/*
 * Report a failed domain call for a record: a broken rule is a problem
 * of the file, anything else ends the import.
 */
static void
record_failed(struct imp *im, unsigned long line, const char *what,
    const struct tk_error *e)
{
	if (e->code == TK_E_INVALID || e->code == TK_E_NOTFOUND ||
	    e->code == TK_E_CONFLICT || e->code == TK_E_USAGE)
		problem(im, line, "%s: %s", what, e->msg);
	else
		fatal(im, e);
}

/* Remove every occurrence of cut from s, in place. */
static void
strip(char *s, const char *cut)
{
	size_t	 n = strlen(cut);
	char	*p;

	while ((p = strstr(s, cut)) != NULL)
		memmove(p, p + n, strlen(p + n) + 1);
}

/*
 * Report a libxml2 error as a problem: without the namespace in names,
 * without a trailing newline, and without the value of a personal
 * number.
 */
static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct imp	*im = arg;
	char		 msg[768], *p;
	const char	*prefix = "";

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message != NULL ? e->message :
	    "unknown error");
	strip(msg, "{" XML_NS "}");
	if ((p = strchr(msg, '\n')) != NULL)
		*p = '\0';
	if ((p = strstr(msg, "attribute 'fnr': ")) != NULL)
		snprintf(p, sizeof(msg) - (size_t)(p - msg), "attribute 'fnr':"
		    " not a personal number of 11 digits (the value is not"
		    " shown)");
	if (e->domain == XML_FROM_SCHEMASV)
		prefix = "";
	else if (e->code == XML_ERR_ENTITY_LOOP ||
	    e->code == XML_ERR_UNDECLARED_ENTITY ||
	    e->code == XML_WAR_UNDECLARED_ENTITY)
		prefix = "entities are refused: ";
	else
		prefix = "not well-formed XML: ";
	/* The parser can raise one error several times over. */
	if ((unsigned long)e->line == im->last_line &&
	    strcmp(msg, im->last_msg) == 0)
		return;
	im->last_line = (unsigned long)e->line;
	snprintf(im->last_msg, sizeof(im->last_msg), "%s", msg);
	problem(im, e->line > 0 ? (unsigned long)e->line : 0, "%s%s", prefix,
	    msg);
}

/*
 * Swallow libxml2's unstructured messages (such as "Unimplemented
 * block") during an import: what matters reaches on_xml_error().
 */
static void
on_generic_error(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* Swallow the messages of the built-in schema's parser. */
static void
on_schema_error(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* The schema built into the program, compiled. Owned by the caller. */
static xmlSchemaPtr
schema_load(struct tk_error *err)
{
	xmlSchemaParserCtxtPtr	pc;
	xmlSchemaPtr		s;

	pc = xmlSchemaNewMemParserCtxt(tk_tolkreg_xsd,
	    (int)strlen(tk_tolkreg_xsd));
	if (pc == NULL) {
		tk_fail(err, TK_E_CONFIG, NULL, "cannot load the built-in"
		    " schema");
		return (NULL);
	}
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, NULL);
	s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (s == NULL)
		tk_fail(err, TK_E_CONFIG, NULL, "the built-in schema does not"
		    " compile");
	return (s);
}

/* Whether the n bytes at p start with the string s. */
static int
starts(const char *p, size_t n, const char *s)
{
	size_t	len = strlen(s);

	return (n >= len && memcmp(p, s, len) == 0);
}

/* Lines (newlines) in the n bytes at p. */
static unsigned long
count_lines(const char *p, size_t n)
{
	unsigned long	c = 0;

	while (n-- > 0) {
		if (*p++ == '\n')
			c++;
	}
	return (c);
}

/*
 * Look at the start of the file before any parser does: refuse UTF-16
 * and UTF-32 (by byte order mark or the first character) and a document
 * type declaration in the prolog. What this cannot settle (a prolog
 * longer than PRESCAN_MAX) is left to the parsers, which refuse the
 * same things, with less helpful messages.
 */
static int
prescan(struct imp *im, int fd)
{
	static const unsigned char	wide[][4] = {
		{ 0xfe, 0xff, 0, 0 }, { 0xff, 0xfe, 0, 0 },
		{ 0, 0, 0xfe, 0xff }, { 0, '<', 0, 0 }, { '<', 0, 0, 0 },
	};
	static const size_t		widelen[] = { 2, 2, 4, 2, 2 };
	char				*buf;
	const char			*p, *end, *q, *close;
	unsigned long			 line = 1;
	size_t				 n = 0, i;
	ssize_t				 r;
	int				 rc = 0;

	buf = xmalloc(PRESCAN_MAX);
	while (n < PRESCAN_MAX) {
		r = read(fd, buf + n, PRESCAN_MAX - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	for (i = 0; i < sizeof(widelen) / sizeof(widelen[0]); i++) {
		if (n >= widelen[i] && memcmp(buf, wide[i], widelen[i]) == 0) {
			problem(im, 0, "the file is not UTF-8 (it looks like"
			    " UTF-16 or UTF-32); tolkreg files are UTF-8");
			free(buf);
			return (-1);
		}
	}
	p = buf;
	end = buf + n;
	if (starts(p, n, "\xef\xbb\xbf"))
		p += 3;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			line += *p++ == '\n';
		if (starts(p, (size_t)(end - p), "<?"))
			close = "?>";
		else if (starts(p, (size_t)(end - p), "<!--"))
			close = "-->";
		else {
			if (starts(p, (size_t)(end - p), "<!DOCTYPE")) {
				problem(im, line, "the file has a document type"
				    " declaration (<!DOCTYPE>): refused, because"
				    " it can declare entities (entity expansion,"
				    " external entities) and tolkreg files have"
				    " none");
				rc = -1;
			}
			break;
		}
		if ((q = memmem(p, (size_t)(end - p), close,
		    strlen(close))) == NULL)
			break;
		line += count_lines(p, (size_t)(q - p));
		p = q + strlen(close);
	}
	free(buf);
	return (rc);
}

/* The value of attribute name of the current element, or NULL. */
static const char *
attr(const struct imp *im, const char *name)
{
	size_t	i;

	for (i = 0; i < im->nattrs; i++) {
		if (strcmp(im->attrs[i].name, name) == 0)
			return (im->attrs[i].value);
	}
	return (NULL);
}

/* Free the attributes of the current element. */
static void
attrs_clear(struct imp *im)
{
	size_t	i;

	for (i = 0; i < im->nattrs; i++)
		free(im->attrs[i].value);
	im->nattrs = 0;
}

/*
 * Copy the unqualified attributes SAX2 gives (localname, prefix, URI,
 * value, end of value) into im->attrs. Without entity substitution the
 * parser passes an '&' in a value as "&#38;"; it is turned back here.
 */
static void
attrs_load(struct imp *im, int n, const xmlChar **a)
{
	const char	*v, *e;
	char		*out;
	size_t		 len;
	int		 i;

	attrs_clear(im);
	for (i = 0; i < n && im->nattrs < MAX_ATTRS; i++, a += 5) {
		if (a[2] != NULL)
			continue;
		v = (const char *)a[3];
		e = (const char *)a[4];
		out = xmalloc((size_t)(e - v) + 1);
		for (len = 0; v < e; ) {
			if (starts(v, (size_t)(e - v), "&#38;")) {
				out[len++] = '&';
				v += 5;
			} else
				out[len++] = *v++;
		}
		out[len] = '\0';
		im->attrs[im->nattrs].name = (const char *)a[0];
		im->attrs[im->nattrs].value = out;
		im->nattrs++;
	}
}

/*
 * Note that a record with this key was in the file at line; 0 the first
 * time, or -1 (a problem reported) when it was there before.
 */
static int
seen(struct imp *im, enum xml_kind kind, const char *key, const char *what,
    unsigned long line)
{
	static const char	 ins[] = "INSERT OR IGNORE INTO import_seen"
	    " (kind, key, line) VALUES (?1, ?2, ?3)";
	static const char	 get[] =
	    "SELECT line FROM import_seen WHERE kind = ?1 AND key = ?2";
	struct tk_error		 e;
	sqlite3_stmt		*s;
	long long		 first = 0;

	tk_error_clear(&e);
	if ((s = store_stmt(im->st, ins, &e)) == NULL) {
		fatal(im, &e);
		return (-1);
	}
	sqlite3_bind_int(s, 1, (int)kind);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)line);
	if (store_step_done(im->st, s, &e) == -1) {
		fatal(im, &e);
		return (-1);
	}
	if (sqlite3_changes(store_db(im->st)) == 1)
		return (0);
	if ((s = store_stmt(im->st, get, &e)) == NULL) {
		fatal(im, &e);
		return (-1);
	}
	sqlite3_bind_int(s, 1, (int)kind);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		first = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	problem(im, line, "%s is in the file twice (first on line %lld)",
	    what, first);
	return (-1);
}

/* Count one record of kind. */
static void
count(struct imp *im, enum xml_kind kind, enum xml_result r)
{
	im->counts->n[kind][r]++;
}

/* "onsite video phone" as "onsite,video,phone" into out. */
static void
list_to_commas(const char *s, char *out, size_t len)
{
	size_t	i;
	int	sep = 0;

	for (i = 0; *s != '\0' && i + 1 < len; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sep = i > 0;
			continue;
		}
		if (sep) {
			out[i++] = ',';
			sep = 0;
			if (i + 1 >= len)
				break;
		}
		out[i++] = *s;
	}
	out[i] = '\0';
}

/* A register number as in the schema, or 0. */
static int64_t
parse_regno(const char *s)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s < '1' || *s > '9')
		return (0);
	errno = 0;
	v = strtoll(s, &end, 10);
	return (*end == '\0' && errno == 0 ? (int64_t)v : 0);
}

/*
 * The fields of the current <interpreter> into *in; the strings stay
 * borrowed from im->attrs. 0, or -1 with a problem reported.
 */
static int
interpreter_fields(struct imp *im, struct interpreter_input *in,
    char mods[64], unsigned long line)
{
	enum availability	 a;
	struct tk_error		 e;
	const char		*g, *av, *m;

	memset(in, 0, sizeof(*in));
	in->name = attr(im, "name");
	in->pnr = attr(im, "fnr");
	in->email = attr(im, "email");
	in->phone = attr(im, "phone");
	in->municipality = attr(im, "municipality");
	in->availability = -1;
	if ((g = attr(im, "gender")) != NULL)
		in->gender = g[0];
	if ((av = attr(im, "availability")) != NULL) {
		if (availability_parse(av, &a) == -1) {
			problem(im, line, "interpreter %" PRId64 ": 'availability'"
			    " must be full, part or occasional", im->rec.regno);
			return (-1);
		}
		in->availability = (int)a;
	}
	if ((m = attr(im, "modalities")) != NULL) {
		list_to_commas(m, mods, 64);
		tk_error_clear(&e);
		if (modalities_parse("modalities", mods, &in->modalities,
		    &e) == -1) {
			problem(im, line, "interpreter %" PRId64 ": %s",
			    im->rec.regno, e.msg);
			return (-1);
		}
	}
	return (0);
}

/* <interpreter>: add it, or bring the registered one up to date. */
static void
interpreter_begin(struct imp *im, unsigned long line)
{
	struct interpreter_input	 in, up;
	struct interpreter		 cur;
	struct tk_error			 e;
	char				 mods[64], phone[PHONE_BUFLEN];
	char				 what[64];

	memset(&im->rec, 0, sizeof(im->rec));
	im->rec.open = 1;
	im->rec.failed = 1;
	im->rec.line = line;
	if ((im->rec.regno = parse_regno(attr(im, "regno"))) == 0) {
		problem(im, line, "interpreter: 'regno' must be a register"
		    " number");
		return;
	}
	snprintf(what, sizeof(what), "interpreter %" PRId64, im->rec.regno);
	if (seen(im, XML_INTERPRETER, what, what, line) == -1 ||
	    interpreter_fields(im, &in, mods, line) == -1)
		return;

	tk_error_clear(&e);
	if (interpreter_get(im->st, im->rec.regno, &cur, &e) == -1) {
		if (e.code != TK_E_NOTFOUND) {
			fatal(im, &e);
			return;
		}
		if (in.pnr == NULL || in.email == NULL || in.phone == NULL) {
			problem(im, line, "%s is not in the register: a new"
			    " interpreter needs 'fnr', 'email' and 'phone'"
			    " (export with --include-personal)", what);
			return;
		}
		tk_error_clear(&e);
		if (interpreter_add_regno(im->st, &in, im->rec.regno,
		    &e) == -1) {
			record_failed(im, line, what, &e);
			return;
		}
		im->rec.is_new = 1;
		im->rec.failed = 0;
		return;
	}

	/* Registered: pass on only what differs, so that nothing else is
	 * written or audited. */
	memset(&up, 0, sizeof(up));
	up.availability = -1;
	if (in.name != NULL && strcmp(in.name, cur.name) != 0)
		up.name = in.name;
	if (in.pnr != NULL && strcmp(in.pnr, cur.pnr) != 0)
		up.pnr = in.pnr;
	if (in.gender != 0 && in.gender != cur.gender)
		up.gender = in.gender;
	if (in.email != NULL && strcmp(in.email, cur.email) != 0)
		up.email = in.email;
	if (in.phone != NULL) {
		tk_error_clear(&e);
		if (validate_phone("phone", in.phone, phone, &e) == -1 ||
		    strcmp(phone, cur.phone) != 0)
			up.phone = in.phone;
	}
	if (in.municipality != NULL &&
	    strcmp(in.municipality, cur.municipality) != 0)
		up.municipality = in.municipality;
	if (in.availability >= 0 &&
	    in.availability != (int)cur.availability)
		up.availability = in.availability;
	if (in.modalities != 0 && in.modalities != cur.modalities)
		up.modalities = in.modalities;
	if (up.name != NULL || up.pnr != NULL || up.gender != 0 ||
	    up.email != NULL || up.phone != NULL || up.municipality != NULL ||
	    up.availability >= 0 || up.modalities != 0) {
		/* Registered: the children can be checked even if this fails. */
		im->rec.failed = 0;
		tk_error_clear(&e);
		if (interpreter_update(im->st, im->rec.regno, &up, &e) == -1) {
			record_failed(im, line, what, &e);
			return;
		}
		im->rec.changed = 1;
	}
	im->rec.failed = 0;
}

/* Remember the id of a child record of the current interpreter. */
static void
child_keep(struct imp *im, enum child c, int64_t id)
{
	if (im->rec.nids[c] < MAX_CHILDREN)
		im->rec.ids[c][im->rec.nids[c]++] = id;
}

/* <credential>, inside an interpreter. */
static void
credential_elem(struct imp *im, unsigned long line)
{
	struct credential_record	 c;
	struct tk_error			 e;
	const char			*kind = attr(im, "kind");
	enum cred_kind			 k;
	char				 what[128];
	int64_t				 id;
	int				 changed;

	memset(&c, 0, sizeof(c));
	c.lang = attr(im, "lang");
	c.date = attr(im, "obtained");
	c.ref = attr(im, "ref");
	c.revoked = attr(im, "revoked");
	c.revoke_reason = attr(im, "revoke-reason");
	snprintf(what, sizeof(what), "interpreter %" PRId64 ", credential"
	    " %s%s%s obtained %s", im->rec.regno, kind != NULL ? kind : "?",
	    c.lang != NULL ? " " : "", c.lang != NULL ? c.lang : "",
	    c.date != NULL ? c.date : "?");
	if (kind == NULL || cred_kind_parse(kind, &k) == -1) {
		problem(im, line, "%s: 'kind' is not a credential kind", what);
		return;
	}
	c.kind = k;
	tk_error_clear(&e);
	if (credential_merge(im->st, im->rec.regno, &c,
	    im->rec.ids[CH_CREDENTIAL], im->rec.nids[CH_CREDENTIAL], &id,
	    &changed, &e) == -1) {
		record_failed(im, line, what, &e);
		return;
	}
	child_keep(im, CH_CREDENTIAL, id);
	im->rec.changed |= changed;
}

/* <listing>, inside an interpreter. */
static void
listing_elem(struct imp *im, unsigned long line)
{
	struct listing_record	 ev;
	struct tk_error		 e;
	char			 what[128];
	int64_t			 id;
	int			 added;

	ev.status = attr(im, "status");
	ev.until = attr(im, "until");
	ev.reason = attr(im, "reason");
	ev.at = attr(im, "at");
	ev.actor = attr(im, "actor");
	im->rec.history = 1;
	snprintf(what, sizeof(what), "interpreter %" PRId64 ", listing %s"
	    " at %s", im->rec.regno, ev.status != NULL ? ev.status : "?",
	    ev.at != NULL ? ev.at : "?");
	tk_error_clear(&e);
	if (listing_merge(im->st, im->rec.regno, &ev,
	    im->rec.ids[CH_LISTING], im->rec.nids[CH_LISTING], &id, &added,
	    &e) == -1) {
		record_failed(im, line, what, &e);
		return;
	}
	child_keep(im, CH_LISTING, id);
	im->rec.changed |= added;
	im->rec.events_added |= added;
}

/* <warning>, inside an interpreter. */
static void
warning_elem(struct imp *im, unsigned long line)
{
	struct tk_error	 e;
	const char	*date = attr(im, "date");
	char		 what[96];
	int64_t		 id;
	int		 added;

	snprintf(what, sizeof(what), "interpreter %" PRId64 ", warning of %s",
	    im->rec.regno, date != NULL ? date : "?");
	tk_error_clear(&e);
	if (warning_merge(im->st, im->rec.regno, date, attr(im, "reason"),
	    im->rec.ids[CH_WARNING], im->rec.nids[CH_WARNING], &id, &added,
	    &e) == -1) {
		record_failed(im, line, what, &e);
		return;
	}
	child_keep(im, CH_WARNING, id);
	im->rec.changed |= added;
}

/* </interpreter>: complete the listing history and count the record. */
static void
interpreter_end(struct imp *im)
{
	struct listing_record	 ev;
	struct tk_error		 e;
	char			 what[64], now[21];
	int64_t			 id;
	int			 added, changed;

	if (!im->rec.open)
		return;
	im->rec.open = 0;
	if (im->rec.failed || im->stop)
		return;
	snprintf(what, sizeof(what), "interpreter %" PRId64, im->rec.regno);
	tk_error_clear(&e);
	if (im->rec.is_new && !im->rec.history) {
		audit_now(now);
		ev.status = "listed";
		ev.until = NULL;
		ev.reason = "added to the register";
		ev.at = now;
		ev.actor = NULL;
		if (listing_merge(im->st, im->rec.regno, &ev, NULL, 0, &id,
		    &added, &e) == -1) {
			record_failed(im, im->rec.line, what, &e);
			return;
		}
		im->rec.events_added = 1;
	}
	if (im->rec.events_added) {
		if (interpreter_listing_sync(im->st, im->rec.regno, &changed,
		    &e) == -1) {
			record_failed(im, im->rec.line, what, &e);
			return;
		}
		im->rec.changed |= changed;
	}
	count(im, XML_INTERPRETER, im->rec.is_new ? XML_ADDED :
	    im->rec.changed ? XML_CHANGED : XML_UNCHANGED);
}

/* A "true"/"false" attribute as 1/0, or -1 when absent. */
static int
bool_attr(const struct imp *im, const char *name)
{
	const char	*v = attr(im, name);

	if (v == NULL)
		return (-1);
	return (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* <body>: add it, or bring the registered one up to date. */
static void
body_elem(struct imp *im, unsigned long line)
{
	struct body_input	 in, up;
	struct body		 cur;
	struct tk_error		 e;
	enum sector		 sec;
	enum guidelines		 g;
	const char		*v;
	char			 what[64];

	memset(&in, 0, sizeof(in));
	in.orgnr = attr(im, "orgnr");
	in.name = attr(im, "name");
	in.municipality = attr(im, "municipality");
	in.sector = in.guidelines = -1;
	in.regular = bool_attr(im, "regular");
	snprintf(what, sizeof(what), "body %s", in.orgnr != NULL ? in.orgnr :
	    "?");
	if (in.orgnr == NULL) {
		problem(im, line, "body: 'orgnr' is required");
		return;
	}
	if (seen(im, XML_BODY, in.orgnr, what, line) == -1)
		return;
	if ((v = attr(im, "sector")) != NULL) {
		if (sector_parse(v, &sec) == -1) {
			problem(im, line, "%s: 'sector' is not a known sector",
			    what);
			return;
		}
		in.sector = (int)sec;
	}
	if ((v = attr(im, "guidelines")) != NULL) {
		if (guidelines_parse(v, &g) == -1) {
			problem(im, line, "%s: 'guidelines' must be full,"
			    " partial or none", what);
			return;
		}
		in.guidelines = (int)g;
	}
	tk_error_clear(&e);
	if (validate_orgnr("orgnr", in.orgnr, &e) == -1) {
		record_failed(im, line, what, &e);
		return;
	}
	if (body_get(im->st, in.orgnr, &cur, &e) == -1) {
		if (e.code != TK_E_NOTFOUND) {
			fatal(im, &e);
			return;
		}
		tk_error_clear(&e);
		if (body_add(im->st, &in, &e) == -1)
			record_failed(im, line, what, &e);
		else
			count(im, XML_BODY, XML_ADDED);
		return;
	}
	memset(&up, 0, sizeof(up));
	up.sector = up.regular = up.guidelines = -1;
	if (in.name != NULL && strcmp(in.name, cur.name) != 0)
		up.name = in.name;
	if (in.sector >= 0 && in.sector != (int)cur.sector)
		up.sector = in.sector;
	if (in.municipality != NULL &&
	    strcmp(in.municipality, cur.municipality) != 0)
		up.municipality = in.municipality;
	if (in.regular >= 0 && in.regular != cur.regular)
		up.regular = in.regular;
	if (in.guidelines >= 0 && in.guidelines != (int)cur.guidelines)
		up.guidelines = in.guidelines;
	if (up.name == NULL && up.sector < 0 && up.municipality == NULL &&
	    up.regular < 0 && up.guidelines < 0) {
		count(im, XML_BODY, XML_UNCHANGED);
		return;
	}
	if (body_update(im->st, in.orgnr, &up, &e) == -1)
		record_failed(im, line, what, &e);
	else
		count(im, XML_BODY, XML_CHANGED);
}

/* <assignment>: record it through assignment_record(). */
static void
assignment_elem(struct imp *im, unsigned long line)
{
	struct assignment_input	 a;
	struct tk_error		 e;
	enum assignment_result	 result;
	char			 what[128];

	memset(&a, 0, sizeof(a));
	a.sender = attr(im, "sender");
	a.ref = attr(im, "ref");
	a.body = attr(im, "body");
	a.sector = attr(im, "sector");
	a.lang = attr(im, "lang");
	a.start = attr(im, "start");
	a.minutes = attr(im, "minutes");
	a.modality = attr(im, "modality");
	a.municipality = attr(im, "municipality");
	a.outcome = attr(im, "outcome");
	a.interpreter = attr(im, "interpreter");
	a.exception = attr(im, "exception");
	a.actual_minutes = attr(im, "actual-minutes");
	a.remote = bool_attr(im, "remote");
	a.child_used = bool_attr(im, "child-used");
	a.provider = attr(im, "provider");
	a.provider_orgnr = attr(im, "provider-orgnr");
	a.reason = attr(im, "reason");
	snprintf(what, sizeof(what), "assignment %s '%.64s'",
	    a.sender != NULL ? a.sender : "?", a.ref != NULL ? a.ref : "?");
	if (a.sender == NULL || a.ref == NULL) {
		problem(im, line, "%s: 'sender' and 'ref' are required", what);
		return;
	}
	if (seen(im, XML_ASSIGNMENT, what, what, line) == -1)
		return;
	tk_error_clear(&e);
	if (assignment_record(im->st, &a, &result, &e) == -1) {
		record_failed(im, line, what, &e);
		return;
	}
	count(im, XML_ASSIGNMENT, result == ASSIGNMENT_ADDED ? XML_ADDED :
	    result == ASSIGNMENT_CHANGED ? XML_CHANGED : XML_UNCHANGED);
}

/* SAX: the start of an element; records are handled here. */
static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct imp	*im = ctx;
	const char	*name = (const char *)localname;
	unsigned long	 line;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	im->depth++;
	if (im->stop || uri == NULL || strcmp((const char *)uri, XML_NS) != 0)
		return;
	line = (unsigned long)xmlSAX2GetLineNumber(im->ctxt);
	attrs_load(im, nattrs, attrs);
	if (im->depth == 3 && strcmp(name, "interpreter") == 0)
		interpreter_begin(im, line);
	else if (im->depth == 3 && strcmp(name, "body") == 0)
		body_elem(im, line);
	else if (im->depth == 3 && strcmp(name, "assignment") == 0)
		assignment_elem(im, line);
	else if (im->depth == 4 && im->rec.open && !im->rec.failed) {
		if (strcmp(name, "credential") == 0)
			credential_elem(im, line);
		else if (strcmp(name, "listing") == 0)
			listing_elem(im, line);
		else if (strcmp(name, "warning") == 0)
			warning_elem(im, line);
	}
	attrs_clear(im);
}

/* The kind of record an element of this name is, or -1. */
static int
record_kind(const char *name)
{
	if (strcmp(name, "interpreter") == 0)
		return (XML_INTERPRETER);
	if (strcmp(name, "body") == 0)
		return (XML_BODY);
	if (strcmp(name, "assignment") == 0)
		return (XML_ASSIGNMENT);
	return (-1);
}

/* Tell the caller's progress_fn how far pass 2 is, now and then. */
static void
report(struct imp *im, int kind)
{
	long	done = ++im->done[kind], total = im->total[kind];

	if (im->o->progress != NULL && (done % 500 == 0 || done == total))
		im->o->progress(im->o->progress_arg,
		    kind_names[kind], done, total);
}

/* SAX: the end of an element. */
static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct imp	*im = ctx;
	int		 kind;

	(void)prefix;
	(void)uri;
	if (im->depth == 3 && strcmp((const char *)localname,
	    "interpreter") == 0)
		interpreter_end(im);
	if (im->depth == 3 && !im->stop &&
	    (kind = record_kind((const char *)localname)) != -1)
		report(im, kind);
	im->depth--;
}

/* SAX: a document type declaration, refused before its subset is read. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys)
{
	struct imp	*im = ctx;

	(void)name;
	(void)pub;
	(void)sys;
	problem(im, (unsigned long)xmlSAX2GetLineNumber(im->ctxt),
	    "the file has a document type declaration (<!DOCTYPE>): refused");
	im->stop = 1;
	xmlStopParser(im->ctxt);
}

/*
 * Pass 1: check the whole file (size bytes) against the schema, writing
 * nothing, and count its records of each kind for the progress of pass
 * 2.
 */
static void
pass_validate(struct imp *im, int fd, xmlSchemaPtr schema, off_t size)
{
	xmlTextReaderPtr	 r;
	const xmlChar		*enc, *ns;
	xmlChar			*version;
	unsigned long		 line, nodes = 0;
	long			 kb = (long)(size / 1024);
	int			 rc = 0, type, root = 0, kind;

	if ((r = xmlReaderForFd(fd, im->path, NULL, PARSE_OPTIONS)) == NULL) {
		problem(im, 0, "cannot read the file as XML");
		return;
	}
	/*
	 * Errors go to the thread's structured error handler: in libxml2
	 * 2.9 the reader's own (xmlTextReaderSetStructuredErrorHandler())
	 * loses parser errors, or worse, once a schema is plugged in.
	 */
	xmlSetStructuredErrorFunc(im, on_xml_error);
	if (xmlTextReaderSetSchema(r, schema) != 0) {
		problem(im, 0, "cannot validate against the schema");
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlFreeTextReader(r);
		return;
	}
	while (!im->stop && (rc = xmlTextReaderRead(r)) == 1) {
		type = xmlTextReaderNodeType(r);
		if (im->o->progress != NULL && ++nodes % 4096 == 0)
			im->o->progress(im->o->progress_arg, "kB checked",
			    (long)(xmlTextReaderByteConsumed(r) / 1024), kb);
		if (type == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderDepth(r) == 2 && (kind = record_kind(
		    (const char *)xmlTextReaderConstLocalName(r))) != -1)
			im->total[kind]++;
		line = (unsigned long)xmlTextReaderGetParserLineNumber(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			problem(im, 0, "the file has a document type"
			    " declaration (<!DOCTYPE>): refused, because it can"
			    " declare entities and tolkreg files have none");
			break;
		}
		if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
			problem(im, line, "entity references are refused");
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT || root)
			continue;
		root = 1;
		line = (unsigned long)xmlGetLineNo(xmlTextReaderCurrentNode(r));
		enc = xmlTextReaderConstEncoding(r);
		if (enc != NULL && strcasecmp((const char *)enc, "UTF-8") != 0) {
			problem(im, 1, "the file declares encoding '%.40s';"
			    " tolkreg files are UTF-8", (const char *)enc);
			break;
		}
		ns = xmlTextReaderConstNamespaceUri(r);
		if (strcmp((const char *)xmlTextReaderConstLocalName(r),
		    "tolkreg") != 0 || ns == NULL ||
		    strcmp((const char *)ns, XML_NS) != 0) {
			problem(im, line, "not a tolkreg file: the root element"
			    " must be <tolkreg> in namespace %s", XML_NS);
			break;
		}
		version = xmlTextReaderGetAttribute(r, BAD_CAST "version");
		if (version != NULL && strcmp((const char *)version,
		    XML_VERSION) != 0) {
			problem(im, line, "the file is in version '%.20s' of"
			    " the format; this tolkreg reads version %s",
			    (const char *)version, XML_VERSION);
			xmlFree(version);
			break;
		}
		xmlFree(version);
	}
	if (!im->stop && im->nproblems == 0 && (rc != 0 ||
	    xmlTextReaderIsValid(r) != 1))
		problem(im, 0, "the file is not a valid tolkreg document");
	if (im->o->progress != NULL && im->nproblems == 0 && kb > 0)
		im->o->progress(im->o->progress_arg, "kB checked", kb, kb);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeTextReader(r);
}

/* Read callback for the pass 2 parser: the file descriptor in ctx. */
static int
read_fd(void *ctx, char *buf, int len)
{
	ssize_t	n;

	do
		n = read(*(int *)ctx, buf, (size_t)len);
	while (n == -1 && errno == EINTR);
	return (n < 0 ? -1 : (int)n);
}

/* Pass 2: apply every record, with the schema plugged in again. */
static void
pass_apply(struct imp *im, int fd, xmlSchemaPtr schema)
{
	xmlSAXHandler		 sax;
	xmlSchemaValidCtxtPtr	 v;
	xmlSchemaSAXPlugPtr	 plug;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.internalSubset = on_doctype;
	im->ctxt = xmlCreateIOParserCtxt(&sax, im, read_fd, NULL, &fd,
	    XML_CHAR_ENCODING_NONE);
	if (im->ctxt == NULL) {
		problem(im, 0, "cannot read the file as XML");
		return;
	}
	xmlCtxtUseOptions(im->ctxt, PARSE_OPTIONS);
	if ((v = xmlSchemaNewValidCtxt(schema)) == NULL) {
		problem(im, 0, "cannot validate against the schema");
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(v, on_xml_error, im);
	plug = xmlSchemaSAXPlug(v, &im->ctxt->sax, &im->ctxt->userData);
	if (plug == NULL) {
		problem(im, 0, "cannot validate against the schema");
		xmlSchemaFreeValidCtxt(v);
		goto out;
	}
	/* The plug owns ctxt->userData now: parser errors come here. */
	xmlSetStructuredErrorFunc(im, on_xml_error);
	xmlParseDocument(im->ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSchemaSAXUnplug(plug);
	if (!im->stop && im->nproblems == 0 &&
	    (!im->ctxt->wellFormed || xmlSchemaIsValid(v) != 1))
		problem(im, 0, "the file is not a valid tolkreg document");
	xmlSchemaFreeValidCtxt(v);
out:
	attrs_clear(im);
	xmlFreeParserCtxt(im->ctxt);
	im->ctxt = NULL;
}

/* Begin the transaction every file of a dry run is imported in. */
int
xml_import_dry_run_begin(struct store *st, struct tk_error *err)
{
	return (store_begin(st, err));
}

/* Undo everything the files of a dry run did. */
void
xml_import_dry_run_end(struct store *st)
{
	store_rollback(st);
}

/* Run one statement on st outside the statement cache. */
static int
exec_sql(struct store *st, const char *sql, struct tk_error *err)
{
	if (sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK)
		return (store_fail(st, err));
	return (0);
}

/* Import one file, in a transaction or a savepoint of the caller's. */
int
xml_import_file(struct store *st, const char *path,
    const struct xml_import_opts *o, struct xml_counts *counts,
    struct tk_error *err)
{
	struct imp	*im;
	struct stat	 sb, sb2;
	xmlSchemaPtr	 schema;
	int		 fd, rc = -1, began = 0, nested;

	memset(counts, 0, sizeof(*counts));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (tk_fail(err, errno == ENOENT ? TK_E_NOTFOUND :
		    TK_E_IO, "file", "cannot open '%s': %s", path,
		    strerror(errno)));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return (tk_fail(err, TK_E_IO, "file", "'%s' is not a regular"
		    " file", path));
	}
	xmlInitParser();
	if ((schema = schema_load(err)) == NULL) {
		close(fd);
		return (-1);
	}
	xmlSetGenericErrorFunc(NULL, on_generic_error);
	im = xcalloc(1, sizeof(*im));
	im->st = st;
	im->path = path;
	im->o = o;
	im->counts = counts;
	tk_error_clear(&im->fatal);

	if (sb.st_size == 0)
		problem(im, 0, "the file is empty");
	else if (prescan(im, fd) == 0 && lseek(fd, 0, SEEK_SET) == 0)
		pass_validate(im, fd, schema, sb.st_size);
	if (im->nproblems > 0 || im->stop)
		goto out;

	/*
	 * Inside the caller's transaction (a dry run of several files), the
	 * file gets a savepoint of it instead of a transaction of its own.
	 */
	nested = !sqlite3_get_autocommit(store_db(st));
	if ((nested ? store_savepoint(st, err) : store_begin(st, err)) == -1)
		goto out;
	began = 1;
	if (exec_sql(st, "DELETE FROM import_seen", err) == -1)
		goto out;
	if (lseek(fd, 0, SEEK_SET) != 0) {
		tk_fail(err, TK_E_IO, "file", "cannot read '%s' again: %s",
		    path, strerror(errno));
		goto out;
	}
	pass_apply(im, fd, schema);
	if (im->fatal.code == TK_OK && im->nproblems == 0 &&
	    (fstat(fd, &sb2) == -1 || sb2.st_size != sb.st_size ||
	    sb2.st_mtim.tv_sec != sb.st_mtim.tv_sec ||
	    sb2.st_mtim.tv_nsec != sb.st_mtim.tv_nsec))
		problem(im, 0, "the file changed while it was being read");
	if (im->fatal.code != TK_OK) {
		*err = im->fatal;
		goto out;
	}
	if (im->nproblems == 0) {
		/* Kept in the caller's transaction, dry run or not. */
		if (nested) {
			if (exec_sql(st, "DELETE FROM import_seen", err) == -1 ||
			    store_release(st, err) == -1)
				goto out;
		} else if (o->dry_run)
			store_rollback(st);
		else if (exec_sql(st, "DELETE FROM import_seen", err) == -1 ||
		    store_commit(st, err) == -1)
			goto out;
		began = 0;
		rc = 0;
	}
out:
	if (began && nested)
		store_rollback_to(st);
	else if (began)
		store_rollback(st);
	if (rc == -1 && err->code == TK_OK)
		tk_fail(err, TK_E_INVALID, NULL, "'%s' has %lu problem%s;"
		    " nothing in it was applied", path, im->nproblems,
		    im->nproblems == 1 ? "" : "s");
	if (rc == -1)
		memset(counts, 0, sizeof(*counts));
	xmlSchemaFree(schema);
	xmlSetGenericErrorFunc(NULL, NULL);
	free(im);
	close(fd);
	return (rc);
}
