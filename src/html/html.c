/* html.c — the escaping HTML writer (see html.h). */
#include "html.h"
#include "../util/str.h"
#include <assert.h>
#include <cmark.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_textn(struct html *w, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(w->b, s + start, i - start);
		buf_puts(w->b, rep);
		start = i + 1;
	}
	buf_append(w->b, s + start, n - start);
}

void html_text(struct html *w, const char *s)
{
	if (s)
		html_textn(w, s, strlen(s));
}

void html_lit_(struct html *w, const char *lit, size_t n)
{
	buf_append(w->b, lit, n);
}

void html_trusted(struct html *w, const char *frag, size_t n)
{
	buf_append(w->b, frag, n);
}

void html_i64(struct html *w, int64_t v)
{
	buf_printf(w->b, "%lld", (long long)v);
}

void html_count(struct html *w, int64_t v)
{
	char out[STR_COUNT_LEN];
	str_count_vn(v, out);
	buf_puts(w->b, out);
}

void html_url_arg(struct html *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(w->b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(w->b, e, 3);
		}
	}
}

void html_printf(struct html *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(w->b, p);
			break;
		}
		buf_append(w->b, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == 's') {
			html_text(w, va_arg(ap, const char *));
			p++;
		} else if (*p == 'd') {
			buf_printf(w->b, "%d", va_arg(ap, int));
			p++;
		} else if (strncmp(p, "lld", 3) == 0) {
			buf_printf(w->b, "%lld", va_arg(ap, long long));
			p += 3;
		} else if (strncmp(p, "zu", 2) == 0) {
			buf_printf(w->b, "%zu", va_arg(ap, size_t));
			p += 2;
		} else if (*p == '%') {
			buf_putc(w->b, '%');
			p++;
		} else {
			assert(!"html_printf: unsupported conversion");
			break;
		}
	}
	va_end(ap);
}

void html_markdown(struct html *w, const char *md)
{
	/* without CMARK_OPT_UNSAFE, cmark replaces raw HTML with a comment and
	 * drops javascript:, vbscript:, file: and most data: links */
	char *out = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	buf_puts(w->b, out);
	free(out);
}
