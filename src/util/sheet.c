/* sheet.c — a table as CSV or XLSX (sheet.h). */
#include "sheet.h"
#include "buf.h"
#include "csv.h"
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

void sheet_csv(const struct sheet *s, struct buf *out)
{
	csv_bom(out);
	for (size_t k = 0; k < s->ncol; k++)
		csv_field(out, s->head[k], k == 0);
	csv_end_row(out);
	for (size_t i = 0; i < s->nrow; i++) {
		for (size_t k = 0; k < s->ncol; k++)
			csv_field(out, s->cell[i * s->ncol + k], k == 0);
		csv_end_row(out);
	}
}

/* The rows of a table held whole, one after the other. */
struct cells_cursor {
	const struct sheet *s;
	size_t i;
};

static bool next_cells(void *arg, const char **cells)
{
	struct cells_cursor *k = arg;
	if (k->i == k->s->nrow)
		return false;
	for (size_t j = 0; j < k->s->ncol; j++)
		cells[j] = k->s->cell[k->i * k->s->ncol + j];
	k->i++;
	return true;
}

static void write_stream(lxw_workbook *wb, lxw_format *bold, const struct sheet_stream *s, enum app_err *e)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
	const char **v = calloc(s->ncol ? s->ncol : 1, sizeof *v);
	if (!ws || !v) {
		free(v);
		*e = APP_EIO;
		return;
	}
	for (size_t k = 0; k < s->ncol; k++) {
		if (s->width)
			worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, s->width[k], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)k, s->head[k], bold);
	}
	/* constant memory: each row is written out before the next is read */
	for (lxw_row_t row = 1; s->next(s->arg, v); row++)
		for (size_t k = 0; k < s->ncol; k++) {
			char *end;
			double d = v[k] && *v[k] ? strtod(v[k], &end) : 0;
			if (s->numeric && s->numeric[k] && v[k] && *v[k] && !*end)
				worksheet_write_number(ws, row, (lxw_col_t)k, d, NULL);
			else if (v[k] && *v[k]) /* write_string never makes a formula of text */
				worksheet_write_string(ws, row, (lxw_col_t)k, v[k], NULL);
		}
	free(v);
}

static void write_sheet(lxw_workbook *wb, lxw_format *bold, const struct sheet *s, enum app_err *e)
{
	struct cells_cursor k = {s, 0};
	struct sheet_stream st = {s->name, s->ncol, s->head, s->width, s->numeric, next_cells, &k};
	write_stream(wb, bold, &st, e);
}

/* A workbook of n sheets, or of one sheet written row by row (stream). */
static enum app_err book(const struct sheet *const *s, size_t n, const struct sheet_stream *stream, struct buf *out)
{
	char path[] = "/tmp/coso-sheet-XXXXXX"; /* the pattern mkstemp fills with a unique name */
	int fd = mkstemp(path);
	if (fd < 0)
		return APP_EIO;
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
	enum app_err e = bold ? APP_OK : APP_EIO;
	if (!e)
		format_set_bold(bold);
	for (size_t i = 0; i < n && !e; i++)
		write_sheet(wb, bold, s[i], &e);
	if (stream && !e)
		write_stream(wb, bold, stream, &e);
	if (wb && workbook_close(wb) != LXW_NO_ERROR)
		e = APP_EIO;
	size_t len = 0;
	char *data = e ? NULL : buf_read_file(path, &len);
	unlink(path);
	if (!data)
		return APP_EIO;
	buf_append(out, data, len);
	free(data);
	return APP_OK;
}

enum app_err sheet_xlsx_book(const struct sheet *const *s, size_t n, struct buf *out)
{
	return book(s, n, NULL, out);
}

enum app_err sheet_xlsx_stream(const struct sheet_stream *s, struct buf *out)
{
	return book(NULL, 0, s, out);
}

enum app_err sheet_xlsx(const struct sheet *s, struct buf *out)
{
	return sheet_xlsx_book(&s, 1, out);
}
