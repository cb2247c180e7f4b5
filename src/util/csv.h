/*
 * csv.h — RFC 4180 reader over a whole buffer: quoted fields, doubled quotes,
 * CRLF or LF, a leading UTF-8 BOM skipped. Records carry their starting line
 * number so import reports can name the line.
 */
#ifndef COSO_CSV_H
#define COSO_CSV_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>

#define CSV_MAX_FIELDS 32

struct csv {
	const char *p;     /* input (borrowed) */
	size_t n;          /* input length */
	size_t pos;        /* read position */
	int line;          /* line number of the next record (1-based) */
	char *field[CSV_MAX_FIELDS]; /* fields of the last record; owned, freed on next read */
	size_t nfield;     /* number of fields in the last record */
	int rec_line;      /* line on which the last record started */
};

void csv_init(struct csv *c, const char *p, size_t n);
/* Reads the next record. Returns APP_OK with nfield > 0, APP_ENOTFOUND at end
 * of input, APP_EINVAL on an unterminated quote or too many fields. */
enum app_err csv_next(struct csv *c);
void csv_free(struct csv *c);
/* Reads the header record and finds each of the n names in it: col[k] is the
 * field index of names[k], -1 when absent. APP_ENOTFOUND on empty input. */
enum app_err csv_header(struct csv *c, const char *const *names, size_t n, int *col);

/* Writing: a field, quoted when it holds a comma, quote or line break; a
 * leading = + - @ is prefixed with ' so a spreadsheet does not run it as a
 * formula. csv_bom starts a file Excel opens as UTF-8. */
struct buf;
void csv_bom(struct buf *b);
void csv_field(struct buf *b, const char *s, bool first);
/* The same without the formula guard: text coso reads back itself (an XLSX sheet as CSV). */
void csv_field_as_is(struct buf *b, const char *s, bool first);
void csv_end_row(struct buf *b);
#endif
