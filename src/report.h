/*
 * report.h — what a module contributes to a unit's annual report on
 * grassroots democracy ("Báo cáo kết quả thực hiện dân chủ ở cơ sở năm
 * YYYY", issue #12): sections, each with paragraphs and tables, computed from
 * records for a unit and a year. The targets module writes the report (PDF
 * through the document writer, XLSX one sheet a table) and asks every
 * registered module for its sections (module.h), naming none of them.
 */
#ifndef COSO_REPORT_H
#define COSO_REPORT_H
#include "app.h"
#include "util/arena.h"
#include "util/sheet.h"
#include <stddef.h>

struct report_section {
	const char *title;   /* "Bồi dưỡng, tập huấn", numbered when printed */
	const char **para;   /* sentences, plain text */
	size_t npara, cpara;
	struct sheet *table; /* each one's name is its caption (at most 31 characters, an XLSX sheet's name) */
	size_t ntable, ctable;
};
struct report {
	struct arena *a;
	struct report_section *v;
	size_t n, cap;
};
struct report_section *report_section_add(struct report *r, const char *title);
void report_para(struct report *r, struct report_section *s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A table of nrow rows under the section: head and widths (relative) of its
 * ncol columns. Returns its cells (nrow * ncol, row by row, all "") for the
 * caller to fill. */
const char **report_table_add(struct report *r, struct report_section *s, const char *name, size_t ncol,
			      const char *const *head, const double *width, const bool *numeric, size_t nrow);
#endif
