/* buf.c — growable byte buffer (see buf.h). */
#include "buf.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b)
{
	b->p = NULL;
	b->n = 0;
	b->cap = 0;
}

void buf_reset(struct buf *b)
{
	free(b->p);
	buf_init(b);
}

void buf_grow(struct buf *b, size_t extra)
{
	if (extra > (size_t)-1 / 2 - b->n)
		abort(); /* size overflow is a programmer error */
	size_t need = b->n + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	b->p[b->n] = '\0'; /* the content stays a string even before the first write */
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char tmp[256];
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n < sizeof tmp) {
		buf_append(b, tmp, (size_t)n);
	} else {
		buf_grow(b, (size_t)n);
		vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap2);
		b->n += (size_t)n;
	}
	va_end(ap2);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *buf_str(struct buf *b)
{
	return b->p ? b->p : "";
}

char *buf_steal(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	buf_init(b);
	return p;
}

char *buf_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_append(&b, "", 0);
	char tmp[65536];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(&b, tmp, k);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_reset(&b);
		return NULL;
	}
	*n = b.n;
	return buf_steal(&b);
}
