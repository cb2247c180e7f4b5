/* problems.c — every problem of an input at once (see problems.h). */
#include "problems.h"
#include <string.h>

void problems_add(struct problems *p, const char *field, const char *message)
{
	p->v = arena_grow(p->a, p->v, p->n, &p->cap, sizeof *p->v);
	p->v[p->n++] = (struct problem){field ? field : "", message};
}

const char *problems_of(const struct problems *p, const char *field)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (!strcmp(p->v[i].field, field))
			return p->v[i].message;
	return NULL;
}
