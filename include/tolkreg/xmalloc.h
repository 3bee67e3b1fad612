#ifndef TOLKREG_XMALLOC_H
#define TOLKREG_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Allocation that never returns NULL: running out of memory ends the
 * process with a message. Every pointer returned is owned by the caller.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

#endif /* TOLKREG_XMALLOC_H */
