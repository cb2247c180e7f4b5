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

static void write_sheet(lxw_workbook *wb, lxw_format *bold, const struct sheet *s, enum app_err *e)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
	if (!ws) {
		*e = APP_EIO;
		return;
	}
	for (size_t k = 0; k < s->ncol; k++) {
		if (s->width)
			worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, s->width[k], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)k, s->head[k], bold);
	}
	for (size_t i = 0; i < s->nrow; i++)
		for (size_t k = 0; k < s->ncol; k++) {
			const char *v = s->cell[i * s->ncol + k];
			lxw_row_t row = (lxw_row_t)(i + 1);
			char *end;
			double d = v && *v ? strtod(v, &end) : 0;
			if (s->numeric && s->numeric[k] && v && *v && !*end)
				worksheet_write_number(ws, row, (lxw_col_t)k, d, NULL);
			else if (v && *v) /* write_string never makes a formula of text */
				worksheet_write_string(ws, row, (lxw_col_t)k, v, NULL);
		}
}

enum app_err sheet_xlsx_book(const struct sheet *const *s, size_t n, struct buf *out)
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

enum app_err sheet_xlsx(const struct sheet *s, struct buf *out)
{
	return sheet_xlsx_book(&s, 1, out);
}
