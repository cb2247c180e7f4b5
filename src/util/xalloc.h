/*
 * xalloc.h — allocation that never returns NULL. On out-of-memory the process
 * logs and aborts (as Fossil, Redis and h2o do), so NULL is checked here only.
 */
#ifndef COSO_XALLOC_H
#define COSO_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);               /* caller frees */
void *xcalloc(size_t n, size_t sz);    /* caller frees; zeroed */
void *xrealloc(void *p, size_t n);     /* caller frees the result */
char *xstrdup(const char *s);          /* caller frees */
char *xstrndup(const char *s, size_t n); /* caller frees; NUL-terminated */
#endif
