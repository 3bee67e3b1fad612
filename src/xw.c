/*
 * The streaming XML writer with a sticky first error (xw.h): a thin
 * layer over libxml2's xmlTextWriter that keeps the first failure and
 * libxml2's message for it, instead of letting libxml2 print to stderr,
 * and turns every later call into a no-op.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "tolkreg/error.h"
#include "tolkreg/xmalloc.h"
#include "xw.h"

/* libxml2 takes const xmlChar * for what it only reads. */
#define XC(s)	((const xmlChar *)(s))

/* Keep libxml2's first message while the writer is open. */
static void
xw_on_error(void *arg, xmlErrorPtr e)
{
	struct xw	*x = arg;
	char		*nl;

	if (x->why[0] != '\0' || e == NULL || e->message == NULL)
		return;
	snprintf(x->why, sizeof(x->why), "%s", e->message);
	if ((nl = strchr(x->why, '\n')) != NULL)
		*nl = '\0';
}

/* Note the result of one libxml2 call: the first failure sticks. */
static void
xw_rc(struct xw *x, int rc)
{
	if (rc < 0 && !x->failed) {
		x->failed = 1;
		x->errnum = errno;
	}
}

/* Start writing to f. */
void
xw_open(struct xw *x, FILE *f, int indent)
{
	xmlOutputBufferPtr	ob;

	memset(x, 0, sizeof(*x));
	x->f = f;
	xmlInitParser();
	if ((ob = xmlOutputBufferCreateFile(f, NULL)) == NULL ||
	    (x->w = xmlNewTextWriter(ob)) == NULL) {
		if (ob != NULL)
			xmlOutputBufferClose(ob);
		x->failed = 1;
		snprintf(x->why, sizeof(x->why), "out of memory");
		return;
	}
	xmlSetStructuredErrorFunc(x, xw_on_error);
	if (indent) {
		xw_rc(x, xmlTextWriterSetIndent(x->w, 1));
		if (!x->failed)
			xw_rc(x, xmlTextWriterSetIndentString(x->w, XC("  ")));
	}
}

/* Free the writer without finishing the document. */
void
xw_free(struct xw *x)
{
	if (x->w == NULL)
		return;
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Finish the document, free the writer and flush the FILE. */
int
xw_close(struct xw *x, const char *what, struct tk_error *err)
{
	const char	*why;

	if (!x->failed)
		xw_rc(x, xmlTextWriterEndDocument(x->w));
	xw_free(x);
	if (!x->failed && (fflush(x->f) == EOF || ferror(x->f))) {
		x->failed = 1;
		x->errnum = errno;
	}
	if (!x->failed)
		return (0);
	if (x->why[0] != '\0')
		why = x->why;
	else if (x->errnum != 0)
		why = strerror(x->errnum);
	else
		why = "write failed";
	return (tk_fail(err, TK_E_IO, NULL, "cannot write %s: %s", what,
	    why));
}

/* Whether a call has failed. */
int
xw_failed(const struct xw *x)
{
	return (x->failed);
}

/* The XML declaration. */
void
xw_document(struct xw *x)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterStartDocument(x->w, NULL, "UTF-8",
		    NULL));
}

/* <!DOCTYPE name>. */
void
xw_dtd(struct xw *x, const char *name)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterWriteDTD(x->w, XC(name), NULL, NULL,
		    NULL));
}

/* Indent what follows, or not. */
void
xw_indent(struct xw *x, int on)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterSetIndent(x->w, on));
}

/* Open element name. */
void
xw_start(struct xw *x, const char *name)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterStartElement(x->w, XC(name)));
}

/* Open element name with attributes: NULL-terminated name, value pairs. */
void
xw_starta(struct xw *x, const char *name, ...)
{
	va_list		 ap;
	const char	*a, *v;

	xw_start(x, name);
	va_start(ap, name);
	while ((a = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		xw_attr(x, a, v);
	}
	va_end(ap);
}

/* An attribute of the open element, unless value is NULL. */
void
xw_attr(struct xw *x, const char *name, const char *value)
{
	if (!x->failed && value != NULL)
		xw_rc(x, xmlTextWriterWriteAttribute(x->w, XC(name),
		    XC(value)));
}

/* Format fmt with ap and write the text with fn (xw_attr, xw_elem). */
static void __attribute__((format(printf, 4, 0)))
xw_vwrite(struct xw *x, void (*fn)(struct xw *, const char *, const char *),
    const char *name, const char *fmt, va_list ap)
{
	char	*s;

	if (x->failed)
		return;
	xvasprintf(&s, fmt, ap);
	fn(x, name, s);
	free(s);
}

/* An attribute of the open element, formatted. */
void
xw_attrf(struct xw *x, const char *name, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xw_vwrite(x, xw_attr, name, fmt, ap);
	va_end(ap);
}

/* Close the open element, as <e/> when it is empty. */
void
xw_end(struct xw *x)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterEndElement(x->w));
}

/* Close the open element with an end tag, always. */
void
xw_fend(struct xw *x)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterFullEndElement(x->w));
}

/* Text content, escaped. */
void
xw_text(struct xw *x, const char *s)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterWriteString(x->w, XC(s)));
}

/* Text as it is. */
void
xw_raw(struct xw *x, const char *s)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterWriteRaw(x->w, XC(s)));
}

/* Element name holding text s. */
void
xw_elem(struct xw *x, const char *name, const char *s)
{
	if (!x->failed)
		xw_rc(x, xmlTextWriterWriteElement(x->w, XC(name), XC(s)));
}

/* Element name holding formatted text. */
void
xw_elemf(struct xw *x, const char *name, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xw_vwrite(x, xw_elem, name, fmt, ap);
	va_end(ap);
}
