/* report.c — the sections modules add to an annual report (report.h). */
#include "report.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct report_section *report_section_add(struct report *r, const char *title)
{
	r->v = arena_grow(r->a, r->v, r->n, &r->cap, sizeof *r->v);
	struct report_section *s = &r->v[r->n++];
	memset(s, 0, sizeof *s);
	s->title = arena_strdup(r->a, title);
	return s;
}

void report_para(struct report *r, struct report_section *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(r->a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->para = arena_grow(r->a, s->para, s->npara, &s->cpara, sizeof *s->para);
	s->para[s->npara++] = p;
}

const char **report_table_add(struct report *r, struct report_section *s, const char *name, size_t ncol,
			      const char *const *head, const double *width, const bool *numeric, size_t nrow)
{
	s->table = arena_grow(r->a, s->table, s->ntable, &s->ctable, sizeof *s->table);
	struct sheet *t = &s->table[s->ntable++];
	const char **cell = arena_alloc(r->a, (nrow ? nrow : 1) * ncol * sizeof *cell);
	for (size_t k = 0; k < (nrow ? nrow : 1) * ncol; k++)
		cell[k] = "";
	*t = (struct sheet){.name = arena_strdup(r->a, name), .ncol = ncol, .head = head, .width = width,
			    .numeric = numeric, .cell = cell, .nrow = nrow};
	return cell;
}
