/*
 * arena.h — region allocator for request-scoped memory (h2o pools). Every
 * allocation lives until arena_free; nothing inside is freed on its own.
 */
#ifndef COSO_ARENA_H
#define COSO_ARENA_H
#include <stddef.h>

struct arena_chunk;
struct arena_cleanup;
struct arena {
	struct arena_chunk *head;       /* newest chunk first */
	struct arena_cleanup *cleanups; /* run by arena_free, newest first */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);                 /* frees every allocation */
void *arena_alloc(struct arena *a, size_t n);     /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
/* Room for one more element in an arena array v of n elements of size bytes
 * with capacity *cap: v itself, or a copy twice as large. */
void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Calls fn(p) when the arena is freed (for objects of other libraries). */
void arena_on_free(struct arena *a, void (*fn)(void *), void *p);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
