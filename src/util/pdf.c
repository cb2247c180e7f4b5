/* pdf.c — A4 documents with cairo, pango and qrencode (see pdf.h). */
#include "pdf.h"
#include "xalloc.h"
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#define MM (72.0 / 25.4) /* points in a millimetre */
#define FAMILY "Liberation Serif"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	struct buf out;
	double w, h;        /* page size */
	double top, bottom, left, right; /* margins, points */
	double y;           /* current position from the top */
	int page;           /* 1-based */
	bool page_numbers;
	/* the header row of the table being written, repeated on new pages */
	char **hdr;
	double *hdr_w;
	size_t nhdr;
	double hdr_size;
	/* table cells reuse one layout per column (and weight): a register of
	 * thousands of rows would otherwise build a layout per cell */
	PangoLayout *cell[2][16];
	double cell_w[2][16], cell_size[2][16];
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

struct pdf *pdf_open(const struct pdf_opts *o)
{
	struct pdf *p = xcalloc(1, sizeof *p);
	buf_init(&p->out);
	p->w = o->landscape ? 841.89 : 595.28;
	p->h = o->landscape ? 595.28 : 841.89;
	p->top = (o->top > 0 ? o->top : 20) * MM;
	p->bottom = (o->bottom > 0 ? o->bottom : 20) * MM;
	p->left = (o->left > 0 ? o->left : 20) * MM;
	p->right = (o->right > 0 ? o->right : 20) * MM;
	p->page_numbers = o->page_numbers;
	p->page = 1;
	p->surface = cairo_pdf_surface_create_for_stream(write_cb, &p->out, p->w, p->h);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, o->title ? o->title : "");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "coso");
	if (o->created) {
		/* the instant in UTC+7, as cairo wants it (ISO 8601) */
		time_t t = (time_t)o->created + 7 * 3600;
		struct tm tm;
		gmtime_r(&t, &tm);
		char iso[32];
		strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	}
	p->cr = cairo_create(p->surface);
	p->y = p->top;
	return p;
}

static double text_width(const struct pdf *p)
{
	return p->w - p->left - p->right;
}

static PangoLayout *layout(struct pdf *p, const char *text, double size, unsigned style, double width,
			   enum pdf_align align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FAMILY);
	pango_font_description_set_weight(fd, style & PDF_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, style & PDF_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == PDF_CENTER  ? PANGO_ALIGN_CENTER
				      : align == PDF_RIGHT ? PANGO_ALIGN_RIGHT
							   : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, align == PDF_JUSTIFY);
	if (style & PDF_INDENT)
		pango_layout_set_indent(l, (int)(10 * MM * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	return l;
}

static void new_page(struct pdf *p);

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws a layout line by line from x, breaking pages between lines. */
static void draw_lines(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double base0 = 0;
	bool first = true;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double lh = (double)logical.height / PANGO_SCALE;
		double ly = (double)logical.y / PANGO_SCALE;
		if (first) {
			base0 = ly;
			first = false;
		}
		if (p->y + (ly - base0) + lh > p->h - p->bottom) {
			new_page(p);
			base0 = ly;
		}
		int baseline = pango_layout_iter_get_baseline(it);
		cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE,
			      p->y + ((double)baseline / PANGO_SCALE - base0));
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		if (!pango_layout_iter_next_line(it)) {
			p->y += ly - base0 + lh;
			break;
		}
	} while (1);
	pango_layout_iter_free(it);
}

void pdf_para(struct pdf *p, const char *text, double size, unsigned style, enum pdf_align align)
{
	PangoLayout *l = layout(p, text, size, style, text_width(p), align);
	draw_lines(p, l, p->left);
	g_object_unref(l);
	p->y += size * 0.45; /* at least 6 pt between paragraphs at 13 pt */
}

void pdf_blocks(struct pdf *p, const struct pdf_block *b, size_t n)
{
	double tw = text_width(p), tallest = 0;
	PangoLayout **ls = xcalloc(n * 16, sizeof *ls);
	double *hs = xcalloc(n, sizeof *hs);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < b[i].n && k < 16; k++) {
			const struct pdf_line *ln = &b[i].lines[k];
			ls[i * 16 + k] = layout(p, ln->text ? ln->text : "", ln->size, ln->style, b[i].w * tw, b[i].align);
			hs[i] += ln->space + layout_height(ls[i * 16 + k]) + (ln->rule > 0 ? 7 : 0);
		}
		if (hs[i] > tallest)
			tallest = hs[i];
	}
	if (p->y + tallest > p->h - p->bottom)
		new_page(p);
	for (size_t i = 0; i < n; i++) {
		double x = p->left + b[i].x * tw, y = p->y;
		for (size_t k = 0; k < b[i].n && k < 16; k++) {
			const struct pdf_line *ln = &b[i].lines[k];
			PangoLayout *l = ls[i * 16 + k];
			y += ln->space;
			cairo_move_to(p->cr, x, y);
			pango_cairo_show_layout(p->cr, l);
			y += layout_height(l);
			if (ln->rule > 0) {
				PangoRectangle ink, logical;
				pango_layout_get_extents(l, &ink, &logical);
				double lx = (double)logical.x / PANGO_SCALE, lw = (double)logical.width / PANGO_SCALE;
				double rw = lw * ln->rule, cx = x + lx + lw / 2;
				cairo_set_line_width(p->cr, 0.6);
				cairo_move_to(p->cr, cx - rw / 2, y + 4);
				cairo_line_to(p->cr, cx + rw / 2, y + 4);
				cairo_stroke(p->cr);
				y += 7;
			}
			g_object_unref(l);
		}
	}
	free(ls);
	free(hs);
	p->y += tallest;
}

void pdf_space(struct pdf *p, double pt)
{
	p->y += pt;
	if (p->y > p->h - p->bottom)
		new_page(p);
}

static void row(struct pdf *p, const char *const *cells, const double *widths, size_t n, double size, bool bold)
{
	double tw = text_width(p), pad = 3;
	PangoLayout *ls[16];
	if (n > 16)
		n = 16;
	double h = 0;
	for (size_t i = 0; i < n; i++) {
		double cw = widths[i] * tw - 2 * pad;
		PangoLayout **c = &p->cell[bold][i];
		if (!*c || p->cell_w[bold][i] != cw || p->cell_size[bold][i] != size) {
			if (*c)
				g_object_unref(*c);
			*c = layout(p, "", size, bold ? PDF_BOLD : 0, cw, PDF_LEFT);
			p->cell_w[bold][i] = cw;
			p->cell_size[bold][i] = size;
		}
		pango_layout_set_text(*c, cells[i] ? cells[i] : "", -1);
		ls[i] = *c;
		double lh = layout_height(ls[i]);
		if (lh > h)
			h = lh;
	}
	h += 2 * pad;
	if (p->y + h > p->h - p->bottom) {
		new_page(p); /* repeats the header row */
	}
	double x = p->left;
	cairo_set_line_width(p->cr, 0.5);
	for (size_t i = 0; i < n; i++) {
		double cw = widths[i] * tw;
		cairo_rectangle(p->cr, x, p->y, cw, h);
		cairo_stroke(p->cr);
		cairo_move_to(p->cr, x + pad, p->y + pad);
		pango_cairo_show_layout(p->cr, ls[i]);
		x += cw;
	}
	p->y += h;
}

void pdf_row(struct pdf *p, const char *const *cells, const double *widths, size_t n, double size, bool header)
{
	if (header) {
		for (size_t i = 0; i < p->nhdr; i++)
			free(p->hdr[i]);
		free(p->hdr);
		free(p->hdr_w);
		p->hdr = xcalloc(n, sizeof *p->hdr);
		p->hdr_w = xcalloc(n, sizeof *p->hdr_w);
		for (size_t i = 0; i < n; i++) {
			p->hdr[i] = xstrdup(cells[i]);
			p->hdr_w[i] = widths[i];
		}
		p->nhdr = n;
		p->hdr_size = size;
	}
	row(p, cells, widths, n, size, header);
}

static void new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
	if (p->page_numbers) {
		/* Decree 30/2020 App. I: the number centred in the top margin, from page 2 */
		char num[16];
		snprintf(num, sizeof num, "%d", p->page);
		PangoLayout *l = layout(p, num, 13, 0, text_width(p), PDF_CENTER);
		cairo_move_to(p->cr, p->left, p->top / 2 - 6);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
	}
	if (p->nhdr)
		row(p, (const char *const *)p->hdr, p->hdr_w, p->nhdr, p->hdr_size, true);
}

void pdf_qr(struct pdf *p, const char *text, double side, const char *caption)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return;
	if (p->y + side > p->h - p->bottom)
		new_page(p);
	int quiet = 4, n = q->width + 2 * quiet;
	double m = side / n;
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_rectangle(p->cr, p->left, p->y, side, side);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				cairo_rectangle(p->cr, p->left + (x + quiet) * m, p->y + (y + quiet) * m, m, m);
	cairo_fill(p->cr);
	QRcode_free(q);
	if (caption) {
		double tw = text_width(p) - side - 12;
		PangoLayout *l = layout(p, caption, 9, 0, tw, PDF_LEFT);
		cairo_move_to(p->cr, p->left + side + 12, p->y + quiet * m);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
	}
	p->y += side + 6;
}

enum app_err pdf_finish(struct pdf *p, struct buf *out)
{
	for (int b = 0; b < 2; b++)
		for (int i = 0; i < 16; i++)
			if (p->cell[b][i])
				g_object_unref(p->cell[b][i]);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	cairo_status_t st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	for (size_t i = 0; i < p->nhdr; i++)
		free(p->hdr[i]);
	free(p->hdr);
	free(p->hdr_w);
	enum app_err e = st == CAIRO_STATUS_SUCCESS ? APP_OK : APP_EIO;
	if (!e) {
		buf_reset(out);
		*out = p->out;
	} else {
		buf_reset(&p->out);
	}
	free(p);
	return e;
}
