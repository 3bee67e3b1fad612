#ifndef TOLKREG_EMBEDDED_H
#define TOLKREG_EMBEDDED_H

/*
 * Files embedded in the binary at build time (see tools/embed): the SQL
 * migrations in order, the reference data loaded by "tolkreg init", and
 * the XML schemas that "tolkreg import" and the Tolkemonitor reports
 * are checked against.
 */
struct tk_blob {
	const char	*name;	/* base name of the source file */
	const char	*text;	/* its contents, NUL-terminated */
};

extern const struct tk_blob	tk_migrations[];	/* ends in NULL name */
extern const char		tk_counties_csv[];
extern const char		tk_municipalities_csv[];
extern const char		tk_languages_tsv[];
extern const char		tk_tolkreg_xsd[];
extern const char		tk_tolkemonitor_xsd[];

#endif /* TOLKREG_EMBEDDED_H */
