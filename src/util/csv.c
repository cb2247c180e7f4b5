/* csv.c — RFC 4180 reader (see csv.h). */
#include "csv.h"
#include "buf.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c, const char *p, size_t n)
{
	memset(c, 0, sizeof *c);
	c->p = p;
	c->n = n;
	c->line = 1;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
}

static void clear(struct csv *c)
{
	for (size_t i = 0; i < c->nfield; i++)
		free(c->field[i]);
	c->nfield = 0;
}

void csv_free(struct csv *c)
{
	clear(c);
}

enum app_err csv_next(struct csv *c)
{
	clear(c);
	/* skip blank lines */
	while (c->pos < c->n && (c->p[c->pos] == '\n' || c->p[c->pos] == '\r')) {
		if (c->p[c->pos] == '\n')
			c->line++;
		c->pos++;
	}
	if (c->pos >= c->n)
		return APP_ENOTFOUND;
	c->rec_line = c->line;
	struct buf f;
	buf_init(&f);
	for (;;) {
		bool quoted = false;
		buf_reset(&f);
		buf_append(&f, "", 0);
		if (c->pos < c->n && c->p[c->pos] == '"') {
			quoted = true;
			c->pos++;
			for (;;) {
				if (c->pos >= c->n) {
					buf_reset(&f);
					return APP_EINVAL;
				}
				char ch = c->p[c->pos++];
				if (ch == '"') {
					if (c->pos < c->n && c->p[c->pos] == '"') {
						buf_putc(&f, '"');
						c->pos++;
						continue;
					}
					break;
				}
				if (ch == '\n')
					c->line++;
				buf_putc(&f, ch);
			}
		}
		while (c->pos < c->n && c->p[c->pos] != ',' && c->p[c->pos] != '\n' &&
		       c->p[c->pos] != '\r') {
			if (quoted) { /* text after a closing quote */
				buf_reset(&f);
				return APP_EINVAL;
			}
			buf_putc(&f, c->p[c->pos++]);
		}
		if (c->nfield == CSV_MAX_FIELDS) {
			buf_reset(&f);
			return APP_EINVAL;
		}
		c->field[c->nfield++] = buf_steal(&f);
		if (c->pos < c->n && c->p[c->pos] == ',') {
			c->pos++;
			continue;
		}
		if (c->pos < c->n && c->p[c->pos] == '\r')
			c->pos++;
		if (c->pos < c->n && c->p[c->pos] == '\n') {
			c->pos++;
			c->line++;
		}
		break;
	}
	buf_reset(&f);
	return APP_OK;
}

void csv_bom(struct buf *b)
{
	buf_append(b, "\xEF\xBB\xBF", 3);
}

static void field(struct buf *b, const char *s, bool first, bool guard)
{
	if (!first)
		buf_putc(b, ',');
	bool formula = guard && (*s == '=' || *s == '+' || *s == '-' || *s == '@');
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void csv_field(struct buf *b, const char *s, bool first)
{
	field(b, s, first, true);
}

void csv_field_as_is(struct buf *b, const char *s, bool first)
{
	field(b, s, first, false);
}

void csv_end_row(struct buf *b)
{
	buf_append(b, "\r\n", 2);
}

enum app_err csv_header(struct csv *c, const char *const *names, size_t n, int *col)
{
	for (size_t m = 0; m < n; m++)
		col[m] = -1;
	enum app_err e = csv_next(c);
	if (e)
		return e;
	for (size_t k = 0; k < c->nfield; k++)
		for (size_t m = 0; m < n; m++)
			if (!strcmp(c->field[k], names[m]))
				col[m] = (int)k;
	return APP_OK;
}
