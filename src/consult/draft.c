/*
 * draft.c — a draft's structure from the files officers have: Word (.docx)
 * and LibreOffice (.odt) documents, both zipped XML read with libzip and
 * libxml2, and Markdown or plain text with headings. Every file becomes a
 * list of lines (with what its style says: a heading, a numbered list item)
 * and one classifier finds the parts, chapters, sections, articles
 * (Điều), clauses (khoản "1.") and points (điểm "a)") of Vietnamese legal
 * drafting (Decree 30/2020, Law 80/2015 Art. 61), each with an anchor built
 * from its numbers ("dieu-3-khoan-2") so that it stays the same across
 * revisions. Also where quoted words are, and the difference between two
 * versions word by word.
 */
#include "consult.h"
#include "../i18n/msg.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/str.h"
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

const char *const draft_kind_names[DK__N] = {"part", "chapter", "section", "article", "clause", "point", "paragraph"};

#define PART_MAX (32u << 20) /* bytes of a zipped part, inflated */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODT_MIME "application/vnd.oasis.opendocument.text"

/* One line of the document and what its style says. */
enum line_hint { LH_NONE, LH_HEADING, LH_LIST };
struct line {
	const char *text;
	enum line_hint hint;
	int level; /* a heading's (1 the highest) or a list item's (0 the outermost) */
	int no;    /* the line (text) or paragraph (documents) number, for reports */
};
struct lines {
	struct arena *a;
	struct line *v;
	size_t n, cap;
};

static void line_add(struct lines *l, const char *text, enum line_hint hint, int level)
{
	l->v = arena_grow(l->a, l->v, l->n, &l->cap, sizeof *l->v);
	l->v[l->n] = (struct line){text, hint, level, (int)l->n + 1};
	l->n++;
}

/* The Markdown of one line, read the same in every file (a "#" heading, a
 * "- " item, "**" around a whole line): its text, and the heading's level. */
static char *md_line(char *t, enum line_hint *hint, int *level)
{
	for (;;) {
		/* the blanks around it (spaces, tabs, no-break spaces) */
		while (*t == ' ' || *t == '\t' || ((unsigned char)t[0] == 0xc2 && (unsigned char)t[1] == 0xa0))
			t += *t == ' ' || *t == '\t' ? 1 : 2;
		size_t m = strlen(t);
		while (m && (t[m - 1] == ' ' || t[m - 1] == '\t' || t[m - 1] == '\r'))
			t[--m] = 0;
		char *p = t;
		while (*p == '#')
			p++;
		if (p > t && p - t <= 6 && *p == ' ' && *hint == LH_NONE) {
			*hint = LH_HEADING, *level = (int)(p - t); /* a heading has words after its marks */
			t = p;
		} else if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ')
			t += 2; /* a bullet: its text */
		else if (m >= 4 && !strncmp(t, "**", 2) && !strcmp(t + m - 2, "**"))
			t[m - 2] = 0, t += 2;
		else
			return t;
	}
}

/* ---- zipped parts ---- */

/* The part named name of the zip in data, NUL-terminated in the arena; NULL when absent or too big. */
static char *zip_part(struct arena *a, zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > PART_MAX)
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *buf = arena_alloc(a, (size_t)st.size + 1);
	zip_int64_t got = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size)
		return NULL;
	buf[got] = 0;
	*len = (size_t)got;
	return buf;
}

static zip_t *zip_of(const char *data, size_t n)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &err);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!z && src)
		zip_source_free(src);
	zip_error_fini(&err);
	return z;
}

static xmlDocPtr xml_of(const char *text, size_t n)
{
	/* no network, no entity substitution, no DTD loading */
	return xmlReadMemory(text, (int)n, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool is(const xmlNode *x, const char *ns, const char *name)
{
	return x->type == XML_ELEMENT_NODE && x->ns && !strcmp((const char *)x->ns->href, ns) &&
	       !strcmp((const char *)x->name, name);
}

static const char *attr(const xmlNode *x, const char *ns, const char *name)
{
	for (xmlAttr *at = x->properties; at; at = at->next)
		if (at->ns && !strcmp((const char *)at->ns->href, ns) && !strcmp((const char *)at->name, name) && at->children)
			return (const char *)at->children->content;
	return NULL;
}

/* ---- Word ---- */

static void docx_text(const xmlNode *x, struct buf *b)
{
	for (const xmlNode *k = x; k; k = k->next) {
		if (is(k, W_NS, "t") && k->children && k->children->content)
			buf_puts(b, (const char *)k->children->content);
		else if (is(k, W_NS, "tab") || is(k, W_NS, "br") || is(k, W_NS, "cr"))
			buf_putc(b, ' ');
		else if (is(k, W_NS, "pPr") || is(k, W_NS, "rPr") || is(k, W_NS, "del") || is(k, W_NS, "instrText"))
			continue; /* properties, deleted text, field codes */
		else if (k->type == XML_ELEMENT_NODE)
			docx_text(k->children, b);
	}
}

static void docx_walk(const xmlNode *x, struct lines *out)
{
	for (const xmlNode *k = x; k; k = k->next) {
		if (!is(k, W_NS, "p")) {
			if (k->type == XML_ELEMENT_NODE)
				docx_walk(k->children, out); /* body, tables, cells, content controls */
			continue;
		}
		enum line_hint hint = LH_NONE;
		int level = 0;
		for (const xmlNode *p = k->children; p; p = p->next) {
			if (!is(p, W_NS, "pPr"))
				continue;
			for (const xmlNode *q = p->children; q; q = q->next) {
				const char *v = is(q, W_NS, "pStyle") ? attr(q, W_NS, "val") : NULL;
				if (v && (!strncasecmp(v, "heading", 7) || !strcasecmp(v, "title"))) {
					hint = LH_HEADING;
					level = isdigit((unsigned char)v[strlen(v) - 1]) ? v[strlen(v) - 1] - '0' : 1;
				}
				if (is(q, W_NS, "numPr") && hint == LH_NONE) {
					hint = LH_LIST;
					for (const xmlNode *r = q->children; r; r = r->next)
						if (is(r, W_NS, "ilvl") && attr(r, W_NS, "val"))
							level = atoi(attr(r, W_NS, "val"));
				}
			}
		}
		struct buf b;
		buf_init(&b);
		docx_text(k->children, &b);
		char *t = arena_strdup(out->a, buf_str(&b));
		if (hint == LH_NONE)
			t = md_line(t, &hint, &level);
		line_add(out, t, hint, level);
		buf_reset(&b);
	}
}

/* ---- LibreOffice ---- */

static void odt_text(const xmlNode *x, struct buf *b)
{
	for (const xmlNode *k = x; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content)
			buf_puts(b, (const char *)k->content);
		else if (is(k, TEXT_NS, "s")) {
			const char *c = attr(k, TEXT_NS, "c");
			for (int i = c ? atoi(c) : 1; i > 0 && i < 1000; i--)
				buf_putc(b, ' ');
		} else if (is(k, TEXT_NS, "tab") || is(k, TEXT_NS, "line-break"))
			buf_putc(b, ' ');
		else if (is(k, TEXT_NS, "note") || is(k, TEXT_NS, "tracked-changes"))
			continue; /* footnotes, the record of changes */
		else if (k->type == XML_ELEMENT_NODE)
			odt_text(k->children, b);
	}
}

static void odt_walk(const xmlNode *x, struct lines *out, int list)
{
	for (const xmlNode *k = x; k; k = k->next) {
		bool h = is(k, TEXT_NS, "h");
		if (h || is(k, TEXT_NS, "p")) {
			struct buf b;
			buf_init(&b);
			odt_text(k->children, &b);
			const char *lv = h ? attr(k, TEXT_NS, "outline-level") : NULL;
			enum line_hint hint = h ? LH_HEADING : list ? LH_LIST : LH_NONE;
			int level = h ? (lv ? atoi(lv) : 1) : list ? list - 1 : 0;
			char *t = arena_strdup(out->a, buf_str(&b));
			if (hint == LH_NONE)
				t = md_line(t, &hint, &level);
			line_add(out, t, hint, level);
			buf_reset(&b);
		} else if (is(k, TEXT_NS, "list"))
			odt_walk(k->children, out, list + 1);
		else if (is(k, TEXT_NS, "tracked-changes"))
			continue;
		else if (k->type == XML_ELEMENT_NODE)
			odt_walk(k->children, out, list);
	}
}

/* ---- plain text and Markdown ---- */

static void text_lines(struct arena *a, const char *s, struct lines *out)
{
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *t = arena_strndup(a, s, n);
		if (n && t[n - 1] == '\r')
			t[n - 1] = 0;
		enum line_hint hint = LH_NONE;
		int level = 0;
		t = md_line(t, &hint, &level);
		line_add(out, t, hint, level);
		s = e ? e + 1 : s + n;
	}
}

/* ---- the classifier ---- */

struct builder {
	struct arena *a;
	struct draft *d;
	size_t cap;
	/* the current unit of each level: part, chapter, section, article, clause, point */
	long cur[6];
	long last;       /* the unit paragraphs go to */
	int headings;    /* unlabelled headings so far */
	int list_no[8];  /* automatic numbering of list items (documents) */
	const char *why;
};

static const char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || (unsigned char)*s == 0xc2) {
		if ((unsigned char)*s == 0xc2) { /* a non-breaking space, U+00A0 */
			if ((unsigned char)s[1] != 0xa0)
				break;
			s++;
		}
		s++;
	}
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

/* The ASCII slug of a unit's number ("IV" -> "iv", "3a" -> "3a", "đ" -> "dd"). */
static const char *slug(struct arena *a, const char *num)
{
	char *f = str_fold(num);
	struct buf b;
	buf_init(&b);
	if (!strncmp(num, "đ", 2) || !strncmp(num, "Đ", 2))
		buf_puts(&b, "dd");
	else
		for (const char *p = f; *p; p++)
			if (isalnum((unsigned char)*p))
				buf_putc(&b, (char)tolower((unsigned char)*p));
	free(f);
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

/* Whether line s starts with the keyword word (folded: "dieu") as a word of
 * its own, followed by a number (Arabic, or Roman where roman); its number
 * into *num and what follows the separator into *rest. */
static bool keyword(struct arena *a, const char *s, const char *word, bool roman, const char **num, const char **rest)
{
	const char *sp = strchr(s, ' ');
	if (!sp)
		return false;
	char *first = str_fold(arena_strndup(a, s, (size_t)(sp - s)));
	bool ok = !strcmp(first, word);
	free(first);
	if (!ok)
		return false;
	const char *o = sp;
	while (*o == ' ')
		o++;
	const char *ne = o;
	while (*ne && !strchr(" .:-", *ne) && strncmp(ne, "–", 3))
		ne++;
	size_t k = (size_t)(ne - o);
	if (!k || k > 8)
		return false;
	/* 12, 12a (an article inserted later), or IV */
	size_t digits = 0;
	while (digits < k && isdigit((unsigned char)o[digits]))
		digits++;
	if (digits) {
		if (digits < k - 1 || (digits == k - 1 && !islower((unsigned char)o[k - 1])))
			return false;
	} else {
		for (size_t i = 0; i < k; i++)
			if (!roman || !strchr("IVXLCivxlc", o[i]))
				return false;
	}
	*num = arena_strndup(a, o, k);
	while (*ne == ' ' || *ne == '.' || *ne == ':' || *ne == '-')
		ne++;
	if (!strncmp(ne, "–", 3))
		ne += 3;
	while (*ne == ' ')
		ne++;
	*rest = trim(a, ne);
	return true;
}

static long unit_add(struct builder *b, enum draft_kind k, const char *anchor, const char *label, const char *heading,
		     const char *body, int depth)
{
	struct draft *d = b->d;
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].anchor, anchor)) {
			b->why = arena_printf(b->a, "%s: %s", msg(MSG_CS_DRAFT_DUP), *label ? label : anchor);
			return -1;
		}
	if (d->n >= DRAFT_MAX_UNITS) {
		b->why = msg(MSG_CS_DRAFT_TOO_MANY);
		return -1;
	}
	d->v = arena_grow(b->a, d->v, d->n, &b->cap, sizeof *d->v);
	d->v[d->n] = (struct draft_unit){anchor, k, depth, label, heading, body};
	b->last = (long)d->n;
	return (long)d->n++;
}

static void body_append(struct builder *b, long u, const char *text)
{
	struct draft_unit *x = &b->d->v[u];
	x->body = *x->body ? arena_printf(b->a, "%s\n%s", x->body, text) : text;
}

/* The anchor of the innermost open unit at levels below `level`, for prefixes. */
static const char *parent_anchor(const struct builder *b, int level)
{
	for (int i = level - 1; i >= 0; i--)
		if (b->cur[i] >= 0)
			return b->d->v[b->cur[i]].anchor;
	return NULL;
}

static void open_level(struct builder *b, int level, long u)
{
	b->cur[level] = u;
	for (int i = level + 1; i < 6; i++)
		b->cur[i] = -1;
}

/* A clause or a point "1." / "a)" at the start of s: its number and the rest. */
static bool numbered(struct arena *a, const char *s, bool point, const char **num, const char **rest)
{
	const char *p = s;
	if (point) {
		size_t l = !strncmp(p, "đ", 2) ? 2 : (*p >= 'a' && *p <= 'z') ? 1 : 0;
		if (!l || p[l] != ')')
			return false;
		*num = arena_strndup(a, p, l);
		*rest = trim(a, p + l + 1);
		return true;
	}
	while (isdigit((unsigned char)*p))
		p++;
	if (p == s || p - s > 3 || *p != '.' || (p[1] != ' ' && p[1] != '\t' && p[1]))
		return false;
	*num = arena_strndup(a, s, (size_t)(p - s));
	*rest = trim(a, p + 1);
	return true;
}

static bool classify(struct builder *b, const struct line *ln)
{
	struct arena *a = b->a;
	const char *t = trim(a, ln->text);
	if (!*t) /* an empty line */
		return true;
	if (str_utf8_len(t) > DRAFT_UNIT_MAX) {
		b->why = msg(MSG_CS_DRAFT_LONG);
		return false;
	}
	const char *num, *rest;
	static const struct {
		const char *word;
		enum draft_kind kind;
		int level;
		const char *slug, *label;
		bool roman;
	} kw[] = {
		{"phan", DK_PART, 0, "phan", "Phần", true},
		{"chuong", DK_CHAPTER, 1, "chuong", "Chương", true},
		{"muc", DK_SECTION, 2, "muc", "Mục", false},
		{"dieu", DK_ARTICLE, 3, "dieu", "Điều", false},
	};
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++) {
		if (!keyword(a, t, kw[i].word, kw[i].roman, &num, &rest))
			continue;
		/* a section is numbered within its chapter; the rest across the draft */
		const char *pre = kw[i].kind == DK_SECTION ? parent_anchor(b, 2) : NULL;
		const char *anchor = arena_printf(a, "%s%s%s-%s", pre ? pre : "", pre ? "-" : "", kw[i].slug, slug(a, num));
		const char *label = arena_printf(a, "%s %s.", kw[i].label, num);
		long u = unit_add(b, kw[i].kind, anchor, kw[i].kind == DK_ARTICLE ? label : arena_printf(a, "%s %s", kw[i].label, num),
				  rest, "", kw[i].level);
		if (u < 0)
			return false;
		open_level(b, kw[i].level, u);
		memset(b->list_no, 0, sizeof b->list_no);
		return true;
	}
	/* a heading that is no numbered unit: a chapter's title on its own line, or a heading of its own */
	if (ln->hint == LH_HEADING) {
		long last = b->last;
		if (last >= 0 && b->d->v[last].kind <= DK_SECTION && !*b->d->v[last].heading && !*b->d->v[last].body) {
			b->d->v[last].heading = t;
			return true;
		}
		const char *anchor = arena_printf(a, "tieu-de-%d", ++b->headings);
		long u = unit_add(b, DK_SECTION, anchor, "", t, "", 2);
		if (u < 0)
			return false;
		open_level(b, 2, u);
		return true;
	}
	long art = b->cur[3], cl = b->cur[4];
	/* a point: "a)" in a clause (or in an article without clauses) */
	if ((cl >= 0 || art >= 0) && numbered(a, t, true, &num, &rest)) {
		long in = cl >= 0 ? cl : art;
		const char *anchor = arena_printf(a, "%s-diem-%s", b->d->v[in].anchor, slug(a, num));
		long u = unit_add(b, DK_POINT, anchor, arena_printf(a, "%s)", num), "", rest, 5);
		if (u < 0)
			return false;
		open_level(b, 5, u);
		return true;
	}
	/* a clause: "1." or an item of a numbered list (its number lost with the style) */
	bool listed = ln->hint == LH_LIST && art >= 0;
	if (listed && ln->level > 0 && cl >= 0) {
		/* a list inside a clause: its points, lettered in order */
		int k = ++b->list_no[ln->level < 8 ? ln->level : 7];
		static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"};
		const char *l = k <= 13 ? letters[k - 1] : arena_printf(a, "%d", k);
		long u = unit_add(b, DK_POINT, arena_printf(a, "%s-diem-%s", b->d->v[cl].anchor, slug(a, l)),
				  arena_printf(a, "%s)", l), "", t, 5);
		if (u < 0)
			return false;
		open_level(b, 5, u);
		return true;
	}
	if (numbered(a, t, false, &num, &rest) || listed) {
		if (listed && !numbered(a, t, false, &num, &rest)) {
			num = arena_printf(a, "%d", ++b->list_no[0]);
			rest = t;
		}
		const char *pre = art >= 0 ? b->d->v[art].anchor : NULL;
		const char *anchor = arena_printf(a, "%s%skhoan-%s", pre ? pre : "", pre ? "-" : "", num);
		long u = unit_add(b, DK_CLAUSE, anchor, arena_printf(a, "%s.", num), "", rest, 4);
		if (u < 0)
			return false;
		open_level(b, 4, u);
		memset(b->list_no + 1, 0, sizeof b->list_no - sizeof *b->list_no); /* its points lettered from a) */
		return true;
	}
	/* a paragraph: the text of the unit it follows, or the draft's opening */
	if (b->last < 0) {
		long u = unit_add(b, DK_PARA, "mo-dau", "", "", t, 0);
		return u >= 0;
	}
	body_append(b, b->last, t);
	return true;
}

static enum app_err build(struct arena *a, const struct lines *l, struct draft *out, const char **why)
{
	struct builder b = {.a = a, .d = out, .last = -1};
	for (int i = 0; i < 6; i++)
		b.cur[i] = -1;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < l->n; i++)
		if (!classify(&b, &l->v[i])) {
			*why = arena_printf(a, "%s %d: %s", msg(MSG_CS_LINE), l->v[i].no, b.why);
			memset(out, 0, sizeof *out);
			return APP_EINVAL;
		}
	if (!out->n) {
		*why = msg(MSG_CS_DRAFT_EMPTY);
		return APP_EINVAL;
	}
	/* a text with no structure at all: one unit for each paragraph, so each can be commented on */
	if (out->n == 1 && out->v[0].kind == DK_PARA && strchr(out->v[0].body, '\n')) {
		const char *body = out->v[0].body;
		memset(out, 0, sizeof *out);
		b = (struct builder){.a = a, .d = out, .last = -1};
		int k = 0;
		for (const char *s = body; *s;) {
			const char *e = strchr(s, '\n');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			k++;
			if (unit_add(&b, DK_PARA, arena_printf(a, "doan-%d", k), arena_printf(a, "(%d)", k), "",
				     arena_strndup(a, s, n), 0) < 0) {
				*why = b.why;
				return APP_EINVAL;
			}
			s = e ? e + 1 : s + n;
		}
	}
	return APP_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

enum app_err draft_read(struct arena *a, const char *name, const char *data, size_t n, struct draft *out,
			const char **why)
{
	struct lines l = {.a = a};
	memset(out, 0, sizeof *out);
	if (n > DRAFT_FILE_MAX) {
		*why = msg(MSG_CS_DRAFT_BIG);
		return APP_EINVAL;
	}
	bool docx = name && ends_with(name, ".docx"), odt = name && ends_with(name, ".odt");
	bool zipped = n >= 4 && !memcmp(data, "PK\003\004", 4);
	if (docx || odt) {
		zip_t *z = zipped ? zip_of(data, n) : NULL;
		size_t len = 0;
		const char *mime = z && odt ? zip_part(a, z, "mimetype", &len) : NULL;
		const char *part = !z ? NULL : docx ? zip_part(a, z, "word/document.xml", &len)
				      : mime && !strncmp(mime, ODT_MIME, strlen(ODT_MIME)) ? zip_part(a, z, "content.xml", &len)
				      : NULL;
		if (z)
			zip_discard(z);
		if (!part) {
			*why = docx ? msg(MSG_CS_DRAFT_NOT_DOCX) : msg(MSG_CS_DRAFT_NOT_ODT);
			return APP_EINVAL;
		}
		xmlDocPtr x = xml_of(part, len);
		if (!x) {
			*why = msg(MSG_CS_DRAFT_BROKEN);
			return APP_EINVAL;
		}
		if (docx)
			docx_walk(xmlDocGetRootElement(x), &l);
		else
			odt_walk(xmlDocGetRootElement(x), &l, 0);
		xmlFreeDoc(x);
		for (size_t i = 0; i < l.n; i++)
			if (!str_utf8_valid(l.v[i].text, strlen(l.v[i].text))) {
				*why = msg(MSG_CS_DRAFT_BROKEN);
				return APP_EINVAL;
			}
	} else {
		/* plain text is read as Markdown too: "#" headings and "- " items are
		 * how people write structure in a text file */
		bool md = !name || ends_with(name, ".md") || ends_with(name, ".markdown") || ends_with(name, ".txt");
		if (!md) {
			*why = msg(MSG_CS_DRAFT_TYPE);
			return APP_EINVAL;
		}
		if (zipped || memchr(data, 0, n) || !str_utf8_valid(data, n)) {
			*why = msg(MSG_CS_DRAFT_NOT_TEXT);
			return APP_EINVAL;
		}
		/* NFC, without control characters (what every typed text gets) */
		char *nfc = NULL;
		if (str_clean(data, n, &nfc)) {
			*why = msg(MSG_CS_DRAFT_NOT_TEXT);
			return APP_EINVAL;
		}
		char *t = arena_strdup(a, nfc);
		free(nfc);
		text_lines(a, t, &l);
	}
	/* every line NFC, without control characters, like everything typed */
	for (size_t i = 0; i < l.n; i++) {
		char *clean = NULL;
		if (!str_clean(l.v[i].text, strlen(l.v[i].text), &clean)) {
			l.v[i].text = arena_strdup(a, clean);
			free(clean);
		}
	}
	return build(a, &l, out, why);
}

const char *draft_text(struct arena *a, const struct draft *d)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		const struct draft_unit *u = &d->v[i];
		if (i && u->kind <= DK_ARTICLE)
			buf_putc(&b, '\n');
		if (u->kind <= DK_SECTION) {
			/* a heading line of its own so that it reads back as one */
			buf_puts(&b, "# ");
			if (*u->label)
				buf_printf(&b, "%s%s", u->label, *u->heading ? ". " : "");
			buf_printf(&b, "%s\n", u->heading);
		} else if (u->kind == DK_ARTICLE)
			buf_printf(&b, "%s%s%s\n", u->label, *u->heading ? " " : "", u->heading);
		else if (*u->label && u->kind != DK_PARA)
			buf_printf(&b, "%s %s\n", u->label, u->body);
		else
			buf_printf(&b, "%s\n", u->body);
		if ((u->kind <= DK_ARTICLE) && *u->body)
			buf_printf(&b, "%s\n", u->body);
		else if (u->kind > DK_ARTICLE && u->kind != DK_PARA && !*u->label)
			buf_printf(&b, "%s\n", u->body);
	}
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

/* ---- finding quoted words ---- */

/* Folded with runs of space as one (case, marks, spacing forgiven); caller frees. */
static char *norm(const char *s)
{
	return str_fold(s ? s : "");
}

/* Whether the unit's text holds q (folded), and how well the context matches. */
static bool holds(const struct draft_unit *u, const char *q, const char *before, const char *after, int *score)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s %s", u->heading, u->body);
	char *t = norm(buf_str(&b));
	buf_reset(&b);
	bool ok = *q && strstr(t, q);
	*score = ok ? 1 + (*before && strstr(t, before) ? 1 : 0) + (*after && strstr(t, after) ? 1 : 0) : 0;
	free(t);
	return ok;
}

const char *draft_anchor_words(struct arena *a, const char *anchor)
{
	static const struct {
		const char *slug, *word;
		bool upper; /* the number in capitals: a chapter's or part's Roman numeral */
	} parts[] = {{"phan", "Phần", true},	{"chuong", "Chương", true}, {"muc", "mục", false},   {"dieu", "Điều", false},
		     {"khoan", "khoản", false}, {"diem", "điểm", false},    {"doan", "Đoạn", false}, {"tieu-de", "Tiêu đề", false}};
	if (!strcmp(anchor, "mo-dau"))
		return msg(MSG_CS_PREAMBLE);
	struct buf b;
	buf_init(&b);
	const char *p = anchor;
	while (*p) {
		size_t i, n = 0;
		for (i = 0; i < sizeof parts / sizeof *parts; i++)
			if (str_starts(p, parts[i].slug) && p[n = strlen(parts[i].slug)] == '-')
				break;
		if (i == sizeof parts / sizeof *parts) { /* not one of ours: as it is */
			buf_puts(&b, p);
			break;
		}
		p += n + 1;
		const char *e = strchr(p, '-');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		buf_printf(&b, "%s%s ", b.n ? " " : "", b.n && i == 3 ? "điều" : parts[i].word);
		if (!strncmp(p, "dd", len) && len == 2)
			buf_puts(&b, "đ");
		else
			for (size_t k = 0; k < len; k++)
				buf_putc(&b, parts[i].upper ? (char)toupper((unsigned char)p[k]) : p[k]);
		p += len + (e ? 1 : 0);
	}
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

long draft_anchor(const struct draft *d, const char *anchor)
{
	for (size_t i = 0; anchor && i < d->n; i++)
		if (!strcmp(d->v[i].anchor, anchor))
			return (long)i;
	return -1;
}

long draft_find(const struct draft *d, const char *prefer, const char *quote, const char *before, const char *after)
{
	char *q = norm(quote), *bf = norm(before), *af = norm(after);
	long best = -1;
	int best_score = 0, score;
	long p = draft_anchor(d, prefer);
	if (*q && p >= 0 && holds(&d->v[p], q, bf, af, &score))
		best = p;
	for (size_t i = 0; *q && best < 0 && i < d->n; i++)
		if (holds(&d->v[i], q, bf, af, &score) && score > best_score)
			best = (long)i, best_score = score;
	free(q);
	free(bf);
	free(af);
	return best;
}

/* ---- the difference between two versions ---- */

/* Words of s (split at spaces, each keeping the space after it). */
static size_t words(struct arena *a, const char *s, const char ***out)
{
	size_t n = 0, cap = 0;
	const char **v = NULL;
	while (*s) {
		const char *e = s;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		while (*e == ' ' || *e == '\n')
			e++;
		v = arena_grow(a, v, n, &cap, sizeof *v);
		v[n++] = arena_strndup(a, s, (size_t)(e - s));
		s = e;
	}
	*out = v;
	return n;
}

static bool word_eq(const char *x, const char *y)
{
	size_t n = strcspn(x, " \n"), m = strcspn(y, " \n");
	return n == m && !memcmp(x, y, n);
}

#define DIFF_CELLS (4u << 20) /* the longest common subsequence table, at most */

static void piece(struct arena *a, struct diff_unit *u, size_t *cap, enum diff_op op, const char *w)
{
	if (u->npieces && u->pieces[u->npieces - 1].op == op) {
		struct diff_piece *p = &u->pieces[u->npieces - 1];
		p->text = arena_printf(a, "%s%s", p->text, w);
		return;
	}
	u->pieces = arena_grow(a, u->pieces, u->npieces, cap, sizeof *u->pieces);
	u->pieces[u->npieces++] = (struct diff_piece){op, w};
}

/* Word by word (the longest common subsequence); a text too long for the
 * table is shown as removed then inserted whole. */
static void diff_words(struct arena *a, const char *x, const char *y, struct diff_unit *u)
{
	const char **xv, **yv;
	size_t n = words(a, x, &xv), m = words(a, y, &yv), cap = 0;
	if ((n + 1) * (m + 1) > DIFF_CELLS) {
		if (*x)
			piece(a, u, &cap, DIFF_DEL, x);
		if (*y)
			piece(a, u, &cap, DIFF_INS, y);
		return;
	}
	uint32_t *t = calloc((n + 1) * (m + 1), sizeof *t);
	if (!t)
		return;
#define T(i, j) t[(size_t)(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = word_eq(xv[i], yv[j]) ? T(i + 1, j + 1) + 1 : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && word_eq(xv[i], yv[j]))
			piece(a, u, &cap, DIFF_SAME, yv[j]), i++, j++;
		else if (j < m && (i == n || T(i, j + 1) >= T(i + 1, j)))
			piece(a, u, &cap, DIFF_INS, yv[j++]);
		else
			piece(a, u, &cap, DIFF_DEL, xv[i++]);
	}
#undef T
	free(t);
}

static const char *whole(struct arena *a, const struct draft_unit *u)
{
	return *u->heading ? arena_printf(a, "%s\n%s", u->heading, u->body) : u->body;
}

void draft_diff(struct arena *a, const struct draft *old, const struct draft *new, struct diff_unit **out, size_t *n)
{
	size_t cap = 0, k = 0;
	struct diff_unit *v = NULL;
	bool *seen = arena_alloc(a, old->n + 1);
	size_t oi = 0; /* the original's units not in the revision are shown where they stood */
	for (size_t i = 0; i <= new->n; i++) {
		long o = i < new->n ? draft_anchor(old, new->v[i].anchor) : (long)old->n;
		for (; o >= 0 && oi < (size_t)o; oi++)
			if (!seen[oi] && draft_anchor(new, old->v[oi].anchor) < 0) {
				v = arena_grow(a, v, k, &cap, sizeof *v);
				v[k++] = (struct diff_unit){.old = &old->v[oi], .changed = true};
				seen[oi] = true;
			}
		if (i == new->n)
			break;
		v = arena_grow(a, v, k, &cap, sizeof *v);
		struct diff_unit *u = &v[k++];
		*u = (struct diff_unit){.new = &new->v[i]};
		if (o < 0) {
			u->changed = true;
			continue;
		}
		seen[o] = true;
		u->old = &old->v[o];
		const char *x = whole(a, u->old), *y = whole(a, u->new);
		if (strcmp(x, y) || strcmp(u->old->label, u->new->label)) {
			u->changed = true;
			diff_words(a, x, y, u);
		}
	}
	*out = v;
	*n = k;
}
