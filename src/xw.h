/*
 * The one streaming XML writer: libxml2's xmlTextWriter on a FILE, for
 * the XML interchange export (xml-export.c) and the Tolkemonitor XML and
 * HTML (tkmon-*.c). Every text and attribute value is escaped by
 * libxml2; nothing is escaped by hand.
 *
 * The first failure is sticky, as the error flag of a stdio FILE: it is
 * kept, with libxml2's message for it, and every later call does
 * nothing, so that callers write a whole document without checking each
 * call and look once, at xw_close(). Memory does not grow with the size
 * of the document.
 */
#ifndef TOLKREG_XW_H
#define TOLKREG_XW_H

#include <stdio.h>

#include <libxml/xmlwriter.h>

struct tk_error;

/* A writer; on the caller's stack, between xw_open() and xw_close(). */
struct xw {
	xmlTextWriterPtr	 w;
	FILE			*f;
	int			 failed;	/* sticky: the first failure */
	int			 errnum;	/* errno at the first failure */
	char			 why[256];	/* libxml2's message for it */
};

/*
 * Start writing to f, with every element on a line of its own indented
 * by two spaces if indent. Never fails: a writer that cannot be made is
 * failed from the start, and xw_close() says so.
 */
void	xw_open(struct xw *, FILE *f, int indent);

/*
 * Finish the document, free the writer and flush f. Returns 0, or -1
 * with TK_E_IO and "cannot write WHAT: REASON" when any call failed or
 * f cannot be written.
 */
int	xw_close(struct xw *, const char *what, struct tk_error *);

/* Free the writer without finishing the document, after another error. */
void	xw_free(struct xw *);

/* Whether a call has failed: a long writer can stop early. */
int	xw_failed(const struct xw *);

/* The XML declaration, <?xml version="1.0" encoding="UTF-8"?>. */
void	xw_document(struct xw *);

/* A document type declaration without identifiers: <!DOCTYPE name>. */
void	xw_dtd(struct xw *, const char *name);

/* Indent what follows, or not (for mixed content). */
void	xw_indent(struct xw *, int);

/* Open element name. */
void	xw_start(struct xw *, const char *name);

/* Open element name with attributes: NULL-terminated name, value pairs. */
void	xw_starta(struct xw *, const char *name, ...);

/* An attribute of the open element; none when value is NULL. */
void	xw_attr(struct xw *, const char *name, const char *value);

/* An attribute of the open element, formatted. */
void	xw_attrf(struct xw *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Close the open element, as <e/> when it is empty (XML and SVG). */
void	xw_end(struct xw *);

/* Close the open element with an end tag, always (HTML elements). */
void	xw_fend(struct xw *);

/* Text content. */
void	xw_text(struct xw *, const char *);

/* Text written as it is, unescaped: only for fixed text of our own. */
void	xw_raw(struct xw *, const char *);

/* Element name holding text s. */
void	xw_elem(struct xw *, const char *name, const char *s);

/* Element name holding formatted text. */
void	xw_elemf(struct xw *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif /* TOLKREG_XW_H */
