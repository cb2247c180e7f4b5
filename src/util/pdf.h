/*
 * pdf.h — A4 pages for printing: paragraphs, blocks side by side and tables
 * flowing over pages, Vietnamese shaped by pango in Liberation Serif (the
 * Times-compatible face the project installs), QR codes from qrencode,
 * written by cairo into memory. Text is plain text (never markup). The
 * official layout (Decree 30/2020) is built on this by src/doc/doc.c.
 */
#ifndef COSO_PDF_H
#define COSO_PDF_H
#include "../app.h"
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pdf;
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY };
/* Styles of a run of text, or-ed. */
enum pdf_style {
	PDF_BOLD = 1 << 0,
	PDF_ITALIC = 1 << 1,
	PDF_INDENT = 1 << 2, /* the first line indented 1 cm (a body paragraph) */
};

struct pdf_opts {
	const char *title;   /* the file's metadata */
	bool landscape;
	double top, bottom, left, right; /* margins in mm; 0 gives 20 mm */
	bool page_numbers;   /* the page number centred in the top margin, from page 2 */
	int64_t created;     /* the creation date in the file (so that the same input
				gives the same bytes); 0 leaves it out */
};

struct pdf *pdf_open(const struct pdf_opts *o);
/* A paragraph wrapped to the text width, continued on new pages as needed;
 * style is enum pdf_style bits. */
void pdf_para(struct pdf *p, const char *text, double size, unsigned style, enum pdf_align align);

/* Blocks side by side from the current line (the two-column head of an
 * administrative document, the signature beside the recipients). Each block
 * has lines; a line may have a short rule under it, rule times its own width
 * (1: as long as the text, 0.4: two fifths of it), centred under it. */
struct pdf_line {
	const char *text;
	double size;
	unsigned style;
	double rule;
	double space; /* points of space before the line */
};
struct pdf_block {
	double x, w; /* fractions of the text width */
	enum pdf_align align;
	const struct pdf_line *lines;
	size_t n;
};
/* Draws the blocks; a block that does not fit on the page moves them all to
 * the next. The current line ends under the tallest. */
void pdf_blocks(struct pdf *p, const struct pdf_block *b, size_t n);

/* Vertical space in points. */
void pdf_space(struct pdf *p, double pt);
/* A table row; widths are fractions of the text width. header rows are bold
 * and repeated at the top of every new page. */
void pdf_row(struct pdf *p, const char *const *cells, const double *widths, size_t n, double size,
	     bool header);
/* A QR code of text (a URL), side pt wide, with a caption on its right. */
void pdf_qr(struct pdf *p, const char *text, double side, const char *caption);
/* Finishes the document into out. APP_EIO if cairo failed. */
enum app_err pdf_finish(struct pdf *p, struct buf *out);
#endif
