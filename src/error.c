/*
 * Error records and their mapping to sysexits(3) statuses.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "tolkreg/error.h"

static const struct {
	const char	*name;
	const char	*text;
	int		 status;
} codes[] = {
	[TK_OK] = { "ok", "no error", EX_OK },
	[TK_E_USAGE] = { "usage", "bad command line", EX_USAGE },
	[TK_E_INVALID] = { "invalid", "invalid data", EX_DATAERR },
	[TK_E_NOTFOUND] = { "not_found", "no such record", EX_NOINPUT },
	[TK_E_CONFLICT] = { "conflict", "conflict with current state",
	    EX_TEMPFAIL },
	[TK_E_STORE] = { "store", "database error", EX_IOERR },
	[TK_E_TRANSFER] = { "transfer", "transfer failed", EX_UNAVAILABLE },
	[TK_E_CONFIG] = { "config", "configuration error", EX_CONFIG },
	[TK_E_IO] = { "io", "input/output error", EX_IOERR },
	[TK_E_BUSY] = { "busy", "database busy", EX_TEMPFAIL },
	[TK_E_PERM] = { "forbidden", "not permitted", EX_NOPERM },
	[TK_E_UNAVAILABLE] = { "unavailable", "unavailable",
	    EX_UNAVAILABLE },
};

#define NCODES	(sizeof(codes) / sizeof(codes[0]))

/* Reset err to "no error". */
void
tk_error_clear(struct tk_error *err)
{
	err->code = TK_OK;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}

/* Record the first error into err and return -1. */
int
tk_fail(struct tk_error *err, enum tk_errcode code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || err->code != TK_OK)
		return (-1);
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s",
	    field != NULL ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return (-1);
}

/* A short static description of code. */
const char *
tk_strerror(enum tk_errcode code)
{
	if ((size_t)code >= NCODES || codes[code].text == NULL)
		return ("unknown error");
	return (codes[code].text);
}

/* A stable token naming code. */
const char *
tk_errname(enum tk_errcode code)
{
	if ((size_t)code >= NCODES || codes[code].name == NULL)
		return ("unknown");
	return (codes[code].name);
}

/* The sysexits(3) status for code. */
int
tk_exit_status(enum tk_errcode code)
{
	if ((size_t)code >= NCODES || codes[code].text == NULL)
		return (EX_SOFTWARE);
	return (codes[code].status);
}
