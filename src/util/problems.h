/*
 * problems.h — what is wrong with an input: every problem at once, each a
 * field name and a Vietnamese sentence. Domain validation fills it; pages
 * re-render the form with a summary and each message beside its field
 * (layout.h), the API answers 400/409 with
 * {"error": {"code", "message", "fields": [{"field", "message"}]}} (http.h).
 */
#ifndef COSO_PROBLEMS_H
#define COSO_PROBLEMS_H
#include "arena.h"
#include <stddef.h>

struct problem {
	const char *field;   /* form field or JSON member, "" for the input as a whole */
	const char *message; /* a Vietnamese sentence */
};

struct problems {
	struct arena *a; /* where the list grows */
	struct problem *v;
	size_t n, cap;
};

void problems_add(struct problems *p, const char *field, const char *message);
/* The message of a field, or NULL when it has none. */
const char *problems_of(const struct problems *p, const char *field);
#endif
