/*
 * pdf.h — A4 documents for printing (notices for the board, registers,
 * minutes): paragraphs and tables flowing over pages, Vietnamese shaped by
 * pango with the DejaVu fonts the project installs, QR codes from qrencode,
 * written by cairo into memory. Text is plain text (never markup).
 */
#ifndef COSO_PDF_H
#define COSO_PDF_H
#include "../app.h"
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>

struct pdf;
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* A new A4 portrait (or landscape) document with the given title (metadata). */
struct pdf *pdf_new(const char *title, bool landscape);
/* A paragraph: wrapped to the text width, continued on new pages as needed.
 * serif selects DejaVu Serif (official documents), else DejaVu Sans. */
void pdf_para(struct pdf *p, const char *text, double size, bool bold, bool serif, enum pdf_align align);
/* Two blocks side by side (the heading of an administrative document:
 * issuing body on the left, national motto on the right). */
void pdf_two_columns(struct pdf *p, const char *left, const char *right, double size, bool bold);
/* Vertical space in points. */
void pdf_space(struct pdf *p, double pt);
/* A table row; widths are fractions of the text width. header rows are bold
 * and repeated at the top of every new page. */
void pdf_row(struct pdf *p, const char *const *cells, const double *widths, size_t n, double size,
	     bool header);
/* A QR code of text (a URL), side pt wide, with a caption on its right. */
void pdf_qr(struct pdf *p, const char *text, double side, const char *caption);
/* Finishes the document into out. APP_EINTERNAL if cairo failed. */
enum app_err pdf_finish(struct pdf *p, struct buf *out);
#endif
