/*
 * buf.h — growable byte buffer. Any call that may reallocate takes a
 * struct buf *, never a bare char *, so nobody holds a stale pointer.
 * The content is always NUL-terminated after any append (p may be NULL
 * only while the buffer is empty and was never written).
 */
#ifndef COSO_BUF_H
#define COSO_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;    /* content, NUL-terminated; owned by the buffer */
	size_t n;   /* bytes used, without the terminating NUL */
	size_t cap; /* bytes allocated */
};

void buf_init(struct buf *b);                         /* empty buffer, no allocation */
void buf_reset(struct buf *b);                        /* frees the content, back to empty */
void buf_grow(struct buf *b, size_t extra);           /* room for extra more bytes + NUL */
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
const char *buf_str(struct buf *b);                   /* borrowed, never NULL; valid until next write */
char *buf_steal(struct buf *b);
/* The whole content of a file, NUL-terminated, its length in *n; NULL when
 * it cannot be read. Caller frees. */
char *buf_read_file(const char *path, size_t *n);                       /* caller frees; buffer becomes empty */
#endif
