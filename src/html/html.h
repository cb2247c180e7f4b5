/*
 * html.h — the one HTML writer. Text is escaped by default: html_text and
 * every %s of html_printf escape & < > " ' so the result is safe in element
 * text and in quoted attributes. Markup is written with html_lit, which only
 * accepts string literals (a variable does not compile). url_arg writes a
 * percent-encoded URL component. Only html.c touches the buffer directly.
 */
#ifndef COSO_HTML_H
#define COSO_HTML_H
#include "../util/buf.h"
#include <stdint.h>

struct html {
	struct buf *b;          /* output, borrowed */
	const char *feed_href;  /* an Atom feed the page frame announces in its head, or NULL */
	const char *feed_title;
};

void html_text(struct html *w, const char *s);          /* escaped text */
void html_textn(struct html *w, const char *s, size_t n);
void html_lit_(struct html *w, const char *lit, size_t n); /* use html_lit */
#define html_lit(w, lit) html_lit_((w), "" lit, sizeof(lit) - 1)
/* Format with escaping: supports %s (escaped), %d, %lld, %zu, %%. */
void html_printf(struct html *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_i64(struct html *w, int64_t v);
/* Thousands separated by '.' as Vietnamese writes them: 12.345 */
void html_count(struct html *w, int64_t v);
/* Percent-encoded URL component (RFC 3986 unreserved kept). */
void html_url_arg(struct html *w, const char *s);
/* Markdown (CommonMark, cmark) as HTML, safely: raw HTML is omitted and
 * links with dangerous schemes (javascript:, data:...) are dropped. */
void html_markdown(struct html *w, const char *md);
/* A fragment that our own code rendered and escaped already. */
void html_trusted(struct html *w, const char *frag, size_t n);
#endif
