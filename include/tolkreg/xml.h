#ifndef TOLKREG_XML_H
#define TOLKREG_XML_H

#include <stdio.h>

#include "tolkreg/progress.h"

/*
 * The XML interchange format (schema/tolkreg.xsd, tolkreg-xml(5)): one
 * namespaced, versioned format for interpreters with their credentials,
 * listing history and warnings, public bodies, and assignments. Import
 * checks a file against the schema built into the program and then
 * against the domain rules, and applies it in one transaction or not at
 * all; export writes the same format in a deterministic order. Both
 * stream: memory does not grow with the size of a file.
 */

struct store;
struct tk_error;

#define XML_NS			"urn:no:imdi:tolkreg:1"
#define XML_VERSION		"1"

/* Problems reported per file before the import of it stops. */
#define XML_MAX_PROBLEMS	100

/* The kinds of record, in the order of their sections. */
enum xml_kind {
	XML_INTERPRETER,
	XML_BODY,
	XML_ASSIGNMENT,
	XML_NKINDS
};

/* What importing a record did. */
enum xml_result {
	XML_ADDED,
	XML_CHANGED,
	XML_UNCHANGED,
	XML_NRESULTS
};

/* Records of each kind by result. */
struct xml_counts {
	unsigned long	 n[XML_NKINDS][XML_NRESULTS];
};

/* The name of a kind's section: "interpreters", "bodies", ... Static. */
const char	*xml_kind_name(enum xml_kind);

/*
 * Called for every problem found in a file: line is the line of the
 * record (0: the file as a whole); msg is one line, without a personal
 * number. Both strings are borrowed for the call.
 */
typedef void	(*xml_problem_fn)(void *arg, const char *file,
		    unsigned long line, const char *msg);

/*
 * Progress of an import: the schema check reports "kB checked" of the
 * file's size, then the records of each kind in the file are reported
 * by their section's name ("assignments") against the number the check
 * counted.
 */
struct xml_import_opts {
	int		 dry_run;	/* check and count, change nothing */
	xml_problem_fn	 problem;	/* may be NULL */
	void		*arg;
	progress_fn	 progress;	/* may be NULL */
	void		*progress_arg;
};

/*
 * Import the file at path into st. First the whole file is checked
 * against the schema (and refused outright when it has a document type
 * declaration, is not UTF-8, or is not a tolkreg file); then, in one
 * transaction, each record is applied through the domain modules, which
 * check their rules. Every problem goes to o->problem, up to
 * XML_MAX_PROBLEMS. The transaction is committed only when the file had
 * no problem and this is no dry run.
 *
 * When st has a transaction open (xml_import_dry_run_begin()), the file
 * is applied in a savepoint of it instead: kept when the file had no
 * problem, dry run or not, so that the files after it see it as they
 * would in a real import, and undone when it had any.
 *
 * Returns 0 with *counts filled (what was, or would have been, done), or
 * -1: TK_E_INVALID when the file had problems, TK_E_NOTFOUND or TK_E_IO
 * when it cannot be read, or the store's error.
 */
int		 xml_import_file(struct store *, const char *path,
		    const struct xml_import_opts *o, struct xml_counts *counts,
		    struct tk_error *);

/*
 * A dry run of several files reports what importing them one after the
 * other would do: xml_import_dry_run_begin() opens one write
 * transaction, each xml_import_file() with o->dry_run keeps what a good
 * file did in it, and xml_import_dry_run_end() rolls it all back. st
 * must have no transaction open; it holds the write lock until the end.
 */
int		 xml_import_dry_run_begin(struct store *, struct tk_error *);
void		 xml_import_dry_run_end(struct store *);

/* What xml_export() writes. */
enum xml_export_what {
	XML_EXPORT_REGISTER,	/* interpreters */
	XML_EXPORT_BODIES,
	XML_EXPORT_ASSIGNMENTS	/* completed, cancelled and unfilled */
};

struct xml_export_opts {
	enum xml_export_what	 what;
	/*
	 * YYYY-MM-DD or NULL. Interpreters and bodies changed (by the audit
	 * log) on or after the day; assignments starting on or after it.
	 * Days begin at midnight Europe/Oslo.
	 */
	const char		*since;
	int			 include_personal; /* fnr, e-mail, phone */
	/*
	 * May be NULL; else called now and then with the records written
	 * ("assignments") of the number the export holds.
	 */
	progress_fn		 progress;
	void			*progress_arg;
};

/*
 * Write one tolkreg document to f: UTF-8, records in order of their key
 * (register number; organisation number; sender and reference), and the
 * parts of each record in a fixed order, so that the same data always
 * gives the same bytes. Reads one snapshot of st, in a read transaction
 * of its own: st must have none open.
 */
int		 xml_export(struct store *, const struct xml_export_opts *,
		    FILE *f, struct tk_error *);

/*
 * xml_export() into path: written to a temporary file beside it (mode
 * 0600) that replaces path only when the whole document is written.
 */
int		 xml_export_file(struct store *, const struct xml_export_opts *,
		    const char *path, struct tk_error *);

#endif /* TOLKREG_XML_H */
