/* arena.c — region allocator (see arena.h). */
#include "arena.h"
#include "buf.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next; /* older chunk */
	size_t used;              /* bytes used in data */
	size_t cap;               /* bytes available in data */
	_Alignas(16) unsigned char data[];
};

#define CHUNK 8192

/* One spare standard chunk per thread: a request's arena reuses the chunk the
 * thread's previous request freed instead of a malloc/free pair each time. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_make(void)
{
	pthread_key_create(&spare_key, free);
}

static struct arena_chunk *new_chunk(size_t cap)
{
	if (cap == CHUNK) {
		pthread_once(&spare_once, spare_make);
		struct arena_chunk *c = pthread_getspecific(spare_key);
		if (c) {
			pthread_setspecific(spare_key, NULL);
			return c;
		}
	}
	struct arena_chunk *c = xmalloc(sizeof *c + cap);
	c->cap = cap;
	return c;
}

struct arena_cleanup {
	void (*fn)(void *);          /* what to call */
	void *p;                     /* with what */
	struct arena_cleanup *next;  /* older cleanup */
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->cleanups = NULL;
}

void arena_on_free(struct arena *a, void (*fn)(void *), void *p)
{
	struct arena_cleanup *k = arena_alloc(a, sizeof *k);
	k->fn = fn;
	k->p = p;
	k->next = a->cleanups;
	a->cleanups = k;
}

void arena_free(struct arena *a)
{
	for (struct arena_cleanup *k = a->cleanups; k; k = k->next)
		k->fn(k->p);
	a->cleanups = NULL;
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		pthread_once(&spare_once, spare_make);
		if (c->cap == CHUNK && !pthread_getspecific(spare_key))
			pthread_setspecific(spare_key, c);
		else
			free(c);
		c = next;
	}
	a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		c = new_chunk(n > CHUNK ? n : CHUNK);
		c->used = 0;
		/* Big blocks go behind the current chunk so its free space stays usable. */
		if (n > CHUNK / 2 && a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *p = arena_strndup(a, buf_str(&b), b.n);
	buf_reset(&b);
	return p;
}

void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? 2 * *cap : 16;
	void *w = arena_alloc(a, c * size);
	if (n)
		memcpy(w, v, n * size);
	*cap = c;
	return w;
}
