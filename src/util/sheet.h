/*
 * sheet.h — one table written as CSV (UTF-8 with BOM) or XLSX
 * (libxlsxwriter): a header row, then rows of text cells; the columns marked
 * numeric are written as numbers in XLSX. Every report table of coso that is
 * downloaded goes through here.
 */
#ifndef COSO_SHEET_H
#define COSO_SHEET_H
#include "../app.h"
#include <stdbool.h>
#include <stddef.h>

struct buf;
struct sheet {
	const char *name;         /* the worksheet's name (at most 31 bytes) */
	size_t ncol;
	const char *const *head;  /* ncol titles */
	const double *width;      /* ncol column widths, or NULL */
	const bool *numeric;      /* ncol flags, or NULL */
	const char *const *cell;  /* nrow * ncol cells, row by row ("" for none) */
	size_t nrow;
};
void sheet_csv(const struct sheet *s, struct buf *out);
/* APP_EIO when the file cannot be written. */
enum app_err sheet_xlsx(const struct sheet *s, struct buf *out);
/* A workbook of n sheets (their names distinct, at most 31 characters). */
enum app_err sheet_xlsx_book(const struct sheet *const *s, size_t n, struct buf *out);
/* One sheet written row by row, in constant memory whatever its length:
 * next(arg, cells) fills the ncol cells of the next row (valid until the
 * next call) and returns false after the last. */
typedef bool (*sheet_next_fn)(void *arg, const char **cells);
struct sheet_stream {
	const char *name;
	size_t ncol;
	const char *const *head;
	const double *width;
	const bool *numeric;
	sheet_next_fn next;
	void *arg;
};
enum app_err sheet_xlsx_stream(const struct sheet_stream *s, struct buf *out);
#endif
