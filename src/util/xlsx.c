/*
 * xlsx.c — the first worksheet of an XLSX file as CSV text (xlsx.h): the zip
 * read by its central directory and inflated with zlib, the XML parsed with
 * expat. Sizes are bounded (a zip bomb is refused), formulas are never
 * evaluated: a cell gives its stored value.
 */
#include "xlsx.h"
#include "buf.h"
#include "csv.h"
#include <stdio.h>
#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define XLSX_MAX_PART (32u << 20) /* bytes of one part, inflated */
#define XLSX_MAX_COLS 64

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The part named name, inflated into out (caller frees); false when absent or broken. */
static bool zip_part(const unsigned char *z, size_t n, const char *name, char **out, size_t *len)
{
	if (n < 22)
		return false;
	size_t eocd = n - 22;
	while (eocd > 0 && le32(z + eocd) != 0x06054b50 && n - eocd < 22 + 65535)
		eocd--;
	if (le32(z + eocd) != 0x06054b50)
		return false;
	size_t count = le16(z + eocd + 10), p = le32(z + eocd + 16);
	size_t want = strlen(name);
	for (size_t i = 0; i < count; i++) {
		if (p + 46 > n || le32(z + p) != 0x02014b50)
			return false;
		unsigned method = le16(z + p + 10);
		size_t csize = le32(z + p + 20), usize = le32(z + p + 24);
		size_t nlen = le16(z + p + 28), xlen = le16(z + p + 30), clen = le16(z + p + 32), local = le32(z + p + 42);
		if (p + 46 + nlen > n)
			return false;
		if (nlen == want && !memcmp(z + p + 46, name, want)) {
			if (local + 30 > n || le32(z + local) != 0x04034b50)
				return false;
			size_t start = local + 30 + le16(z + local + 26) + le16(z + local + 28);
			if (start > n || csize > n - start || usize > XLSX_MAX_PART)
				return false;
			char *buf = malloc(usize + 1);
			if (!buf)
				return false;
			if (method == 0 && csize == usize) {
				memcpy(buf, z + start, usize);
			} else if (method == 8) {
				z_stream s = {0};
				if (inflateInit2(&s, -15) != Z_OK) {
					free(buf);
					return false;
				}
				s.next_in = (unsigned char *)(uintptr_t)(z + start);
				s.avail_in = (uInt)csize;
				s.next_out = (unsigned char *)buf;
				s.avail_out = (uInt)usize;
				int rc = inflate(&s, Z_FINISH);
				inflateEnd(&s);
				if (rc != Z_STREAM_END || s.total_out != usize) {
					free(buf);
					return false;
				}
			} else {
				free(buf);
				return false;
			}
			buf[usize] = 0;
			*out = buf;
			*len = usize;
			return true;
		}
		p += 46 + nlen + xlen + clen;
	}
	return false;
}

/* ---- shared strings: <si> of <t> (and rich-text runs <r><t>) ---- */
struct sst {
	char **v;
	size_t n, cap;
	struct buf cur;
	int depth_t; /* inside a <t> */
	bool in_si;
	bool bad;
};

static bool is(const char *el, const char *local)
{
	const char *c = strrchr(el, ':'); /* namespaced or not */
	return !strcmp(c ? c + 1 : el, local);
}

static void XMLCALL sst_start(void *u, const XML_Char *el, const XML_Char **attr)
{
	(void)attr;
	struct sst *s = u;
	if (is(el, "si")) {
		s->in_si = true;
		buf_reset(&s->cur);
	} else if (is(el, "t") && s->in_si) {
		s->depth_t++;
	}
}

static void XMLCALL sst_end(void *u, const XML_Char *el)
{
	struct sst *s = u;
	if (is(el, "t") && s->depth_t) {
		s->depth_t--;
	} else if (is(el, "si") && s->in_si) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			char **nv = realloc(s->v, s->cap * sizeof *nv);
			if (!nv) {
				s->bad = true;
				return;
			}
			s->v = nv;
		}
		s->v[s->n++] = strdup(buf_str(&s->cur));
		s->in_si = false;
	}
}

static void XMLCALL sst_text(void *u, const XML_Char *t, int len)
{
	struct sst *s = u;
	if (s->depth_t)
		buf_append(&s->cur, t, (size_t)len);
}

/* ---- the sheet: <row><c r="B3" t="s|inlineStr|str|b|n|e"><v>…</v><is><t>…</t></is></c> ---- */
struct sheet_rd {
	const struct sst *sst;
	struct buf *out;
	char *cell[XLSX_MAX_COLS];
	int ncell;      /* cells of the row so far (the highest column + 1) */
	int col;        /* the current cell's column */
	char type[12];  /* its t attribute */
	struct buf val; /* its <v> or inline <t> text */
	bool in_v, in_t, in_row;
	long rows, last_row;
	bool bad;
};

static int column_of(const char *ref)
{
	int c = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c - 1;
}

static void row_flush(struct sheet_rd *r)
{
	for (int k = 0; k < r->ncell; k++) {
		csv_field_as_is(r->out, r->cell[k] ? r->cell[k] : "", k == 0);
		free(r->cell[k]);
		r->cell[k] = NULL;
	}
	buf_puts(r->out, "\r\n");
	r->ncell = 0;
}

static void XMLCALL sheet_start(void *u, const XML_Char *el, const XML_Char **attr)
{
	struct sheet_rd *r = u;
	if (is(el, "row")) {
		r->in_row = true;
		r->ncell = 0;
		long n = 0;
		for (int i = 0; attr[i]; i += 2)
			if (!strcmp(attr[i], "r"))
				n = strtol(attr[i + 1], NULL, 10);
		/* empty rows between keep their place: a line number stays the sheet's */
		for (long k = r->last_row + 1; n && k < n; k++)
			buf_puts(r->out, "\r\n");
		r->last_row = n ? n : r->last_row + 1;
	} else if (is(el, "c") && r->in_row) {
		r->col = r->ncell;
		r->type[0] = 0;
		for (int i = 0; attr[i]; i += 2) {
			if (!strcmp(attr[i], "r"))
				r->col = column_of(attr[i + 1]);
			else if (!strcmp(attr[i], "t"))
				snprintf(r->type, sizeof r->type, "%s", attr[i + 1]);
		}
		buf_reset(&r->val);
		if (r->col < 0 || r->col >= XLSX_MAX_COLS)
			r->bad = true;
	} else if (is(el, "v")) {
		r->in_v = true;
	} else if (is(el, "t")) {
		r->in_t = true;
	}
}

static void XMLCALL sheet_end(void *u, const XML_Char *el)
{
	struct sheet_rd *r = u;
	if (is(el, "v")) {
		r->in_v = false;
	} else if (is(el, "t")) {
		r->in_t = false;
	} else if (is(el, "c") && r->in_row && !r->bad) {
		const char *v = buf_str(&r->val);
		char *text;
		if (!strcmp(r->type, "s")) {
			long i = strtol(v, NULL, 10);
			text = strdup(i >= 0 && (size_t)i < r->sst->n ? r->sst->v[i] : "");
		} else {
			text = strdup(v);
		}
		free(r->cell[r->col]);
		r->cell[r->col] = text;
		if (r->col + 1 > r->ncell)
			r->ncell = r->col + 1;
	} else if (is(el, "row")) {
		row_flush(r);
		r->in_row = false;
		r->rows++;
	}
}

static void XMLCALL sheet_text(void *u, const XML_Char *t, int len)
{
	struct sheet_rd *r = u;
	if (r->in_v || r->in_t)
		buf_append(&r->val, t, (size_t)len);
}

static bool parse(const char *xml, size_t n, void *ud, XML_StartElementHandler st, XML_EndElementHandler en,
		  XML_CharacterDataHandler tx)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		return false;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	XML_SetCharacterDataHandler(p, tx);
	bool ok = XML_Parse(p, xml, (int)n, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok;
}

bool xlsx_is(const void *p, size_t n)
{
	return n >= 4 && !memcmp(p, "PK\x03\x04", 4);
}

enum app_err xlsx_first_sheet_csv(const void *p, size_t n, struct buf *csv)
{
	const unsigned char *z = p;
	char *sheet = NULL, *strings = NULL;
	size_t ns = 0, nstr = 0;
	if (!zip_part(z, n, "xl/worksheets/sheet1.xml", &sheet, &ns))
		return APP_EINVAL;
	struct sst sst = {0};
	enum app_err e = APP_OK;
	if (zip_part(z, n, "xl/sharedStrings.xml", &strings, &nstr) &&
	    (!parse(strings, nstr, &sst, sst_start, sst_end, sst_text) || sst.bad))
		e = APP_EINVAL;
	struct sheet_rd rd = {.sst = &sst, .out = csv};
	if (!e && (!parse(sheet, ns, &rd, sheet_start, sheet_end, sheet_text) || rd.bad))
		e = APP_EINVAL;
	for (int k = 0; k < XLSX_MAX_COLS; k++)
		free(rd.cell[k]);
	buf_reset(&rd.val);
	for (size_t i = 0; i < sst.n; i++)
		free(sst.v[i]);
	free(sst.v);
	buf_reset(&sst.cur);
	free(sheet);
	free(strings);
	return e;
}
