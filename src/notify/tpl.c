/* tpl.c — the templates of messages, as data (data/notify/templates.txt, or
 * a file an administrator loads), their rendering, and SMS segments (see notify.h). */
#include "notify.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../units/units.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* names every template may use besides its kind's own */
static const char *const common_params[] = {"link", "stop", NULL};

/* Whether name (n bytes) is a word of the space-separated list. */
static bool in_list(const char *list, const char *name, size_t n)
{
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !strncmp(p, name, n))
			return true;
		p = e ? e + 1 : p + l;
	}
	return false;
}

static bool param_known(const struct module_message *m, const char *name, size_t n)
{
	for (const char *const *c = common_params; *c; c++)
		if (strlen(*c) == n && !strncmp(*c, name, n))
			return true;
	return in_list(m->params, name, n);
}

size_t notify_name_len(const char *p)
{
	size_t l = 0;
	while ((p[1 + l] >= 'a' && p[1 + l] <= 'z') || (p[1 + l] >= '0' && p[1 + l] <= '9') || p[1 + l] == '_')
		l++;
	return l && p[1 + l] == '}' ? l : 0;
}

/* Checks every {name} of text against the kind's; false with the problem reported. */
static bool check_params(struct import_report *rep, int line, const char *field, const struct module_message *m,
			 const char *text)
{
	for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
		size_t l = notify_name_len(p);
		if (l && !param_known(m, p + 1, l)) {
			import_problem(rep, line, field,
				       arena_printf(rep->a, "%s {%.*s}", msg(MSG_NT_TPL_UNKNOWN), (int)l, p + 1));
			return false;
		}
	}
	return true;
}

/* ---- SMS segments ---- */

/* GSM 03.38: the basic set (one septet) and the extension (two). */
static int gsm_septets(int32_t cp)
{
	static const char basic[] = "@$\n\r_ !\"#%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const int32_t basic_hi[] = {0xA3, 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2, 0xC7, 0xD8, 0xF8, 0xC5, 0xE5,
					   0x394, 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398, 0x39E, 0xC6,
					   0xE6, 0xDF, 0xC9, 0xA4, 0xA1, 0xC4, 0xD6, 0xD1, 0xDC, 0xA7, 0xBF, 0xE4,
					   0xF6, 0xF1, 0xFC, 0xE0};
	if (cp > 0 && cp < 0x80) {
		if (strchr(basic, (int)cp))
			return 1;
		if (strchr("^{}\\[~]|", (int)cp))
			return 2;
		return 0;
	}
	if (cp == 0x20AC)
		return 2;
	for (size_t i = 0; i < sizeof basic_hi / sizeof *basic_hi; i++)
		if (basic_hi[i] == cp)
			return 1;
	return 0;
}

int notify_sms_segments(const char *s, bool *ucs2, size_t *units)
{
	size_t septets = 0, u16 = 0;
	bool gsm = true;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int32_t cp;
		int l = 1;
		if (*p < 0x80)
			cp = *p;
		else if ((*p & 0xE0) == 0xC0 && p[1])
			cp = ((*p & 0x1F) << 6) | (p[1] & 0x3F), l = 2;
		else if ((*p & 0xF0) == 0xE0 && p[1] && p[2])
			cp = ((*p & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F), l = 3;
		else if (p[1] && p[2] && p[3])
			cp = ((*p & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F), l = 4;
		else
			break;
		int k = gsm_septets(cp);
		if (!k)
			gsm = false;
		septets += (size_t)k;
		u16 += cp > 0xFFFF ? 2 : 1;
		p += l;
	}
	if (ucs2)
		*ucs2 = !gsm;
	size_t n = gsm ? septets : u16;
	if (units)
		*units = n;
	size_t one = gsm ? 160 : 70, part = gsm ? 153 : 67;
	return n <= one ? (n ? 1 : 0) : (int)((n + part - 1) / part);
}

/* what a {link} or a {code} will take when sent, for counting */
#define LINK_RESERVE 44

/* The segments text takes when sent: with reserve, {link} and {code} count
 * as what they will be; without, every {name} is left out (the fixed part). */
static int segments_of(const char *text, bool reserve, bool unmark)
{
	struct buf b;
	buf_init(&b);
	for (const char *s = text; *s; s++) {
		const char *e;
		if (reserve && !strncmp(s, "{link}", 6)) {
			for (int i = 0; i < LINK_RESERVE; i++)
				buf_putc(&b, 'x');
			s += 5;
		} else if (reserve && !strncmp(s, "{code}", 6)) {
			buf_puts(&b, "0000");
			s += 5;
		} else if (!reserve && *s == '{' && (e = strchr(s, '}')))
			s = e;
		else
			buf_putc(&b, *s);
	}
	buf_putc(&b, 0);
	char *u = unmark ? str_unmark(b.p) : NULL;
	int k = notify_sms_segments(u ? u : b.p, NULL, NULL);
	free(u);
	buf_reset(&b);
	return k;
}

/* ---- parsing ---- */

struct notify_tpls {
	struct arena a;
	struct notify_tpl *v;
	size_t n, cap;
	int sms_segments;
	struct notify_tpls *prev; /* the set it replaced, kept (a reader may still hold it) */
};

static struct notify_tpl *tpl_add(struct notify_tpls *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct notify_tpl *v = arena_alloc(&t->a, cap * sizeof *v);
		if (t->n)
			memcpy(v, t->v, t->n * sizeof *v);
		t->v = v;
		t->cap = cap;
	}
	struct notify_tpl *x = &t->v[t->n++];
	memset(x, 0, sizeof *x);
	return x;
}

enum app_err notify_tpls_parse(const char *text, size_t len, struct notify_tpls **out, struct import_report *rep)
{
	struct notify_tpls *t = xcalloc(1, sizeof *t);
	arena_init(&t->a);
	t->sms_segments = 3;
	char *copy = str_nfc(text, len);
	if (!copy) {
		import_problem(rep, 0, "", msg(MSG_IMPORT_BAD_UTF8));
		notify_tpls_free(t);
		return APP_EINVAL;
	}
	size_t before = rep->nproblem;
	struct notify_tpl *cur = NULL;
	int line = 0;
	for (char *l = copy, *next; l; l = next) {
		next = strchr(l, '\n');
		if (next)
			*next++ = 0;
		line++;
		size_t n = strlen(l);
		while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
			l[--n] = 0;
		if (!n || l[0] == '#')
			continue;
		char *colon = strchr(l, ':');
		if (!colon) {
			import_problem(rep, line, "", msg(MSG_NT_TPL_LINE));
			continue;
		}
		*colon = 0;
		/* the key outlives the text (a problem names it) */
		const char *key = arena_strdup(rep->a, l), *val = colon + 1;
		while (*val == ' ')
			val++;
		const char *v = arena_strdup(&t->a, val);
		if (!strcmp(key, "kind")) {
			const struct module_message *m = module_message(v);
			if (!m) {
				import_problem(rep, line, "kind", arena_printf(rep->a, "%s: %s", msg(MSG_NT_TPL_KIND), v));
				cur = NULL;
				continue;
			}
			if (notify_tpl_of(t, v)) {
				import_problem(rep, line, "kind", msg(MSG_NT_TPL_TWICE));
				cur = NULL;
				continue;
			}
			cur = tpl_add(t);
			cur->kind = m->kind;
			cur->m = m;
		} else if (!strcmp(key, "sms_segments")) {
			int64_t k;
			if (str_to_i64(v, 1, 10, &k))
				import_problem(rep, line, key, msg(MSG_NT_TPL_SEGMENTS));
			else
				t->sms_segments = (int)k;
		} else if (!cur) {
			import_problem(rep, line, key, msg(MSG_NT_TPL_NO_KIND));
		} else if (!strcmp(key, "title") || !strcmp(key, "body") || !strcmp(key, "sms")) {
			if (!check_params(rep, line, key, cur->m, v))
				continue;
			if (!strcmp(key, "title"))
				cur->title = v;
			else if (!strcmp(key, "body"))
				cur->body = v;
			else if (segments_of(v, false, false) > t->sms_segments &&
				 segments_of(v, false, true) > t->sms_segments)
				import_problem(rep, line, key, msg(MSG_NT_TPL_TOO_LONG));
			else
				cur->sms = v;
		} else if (!strcmp(key, "zalo")) {
			/* "301201 name=value name=value": the approved template id, its parameters */
			const char *sp = strchr(v, ' ');
			cur->zalo_id = sp ? arena_strndup(&t->a, v, (size_t)(sp - v)) : v;
			cur->zalo_params = sp ? sp + 1 : "";
			bool ok = *cur->zalo_id && strspn(cur->zalo_id, "0123456789") == strlen(cur->zalo_id);
			for (const char *p = cur->zalo_params; ok && *p;) {
				const char *e = strchr(p, ' ');
				size_t l = e ? (size_t)(e - p) : strlen(p);
				const char *eq = memchr(p, '=', l);
				if (!eq || eq == p)
					ok = false;
				p = e ? e + 1 : p + l;
			}
			if (!ok)
				import_problem(rep, line, key, msg(MSG_NT_TPL_ZALO));
			else
				check_params(rep, line, key, cur->m, cur->zalo_params);
		} else
			import_problem(rep, line, key, msg(MSG_NT_TPL_KEY));
	}
	free(copy);
	for (size_t i = 0; i < t->n; i++)
		if (!t->v[i].title || !t->v[i].body || !t->v[i].sms)
			import_problem(rep, 0, t->v[i].kind, msg(MSG_NT_TPL_MISSING));
	if (rep->nproblem > before) {
		notify_tpls_free(t);
		return APP_EINVAL;
	}
	*out = t;
	return APP_OK;
}

void notify_tpls_free(struct notify_tpls *t)
{
	if (!t)
		return;
	arena_free(&t->a);
	free(t);
}

const struct notify_tpl *notify_tpl_of(const struct notify_tpls *t, const char *kind)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (!strcmp(t->v[i].kind, kind))
			return &t->v[i];
	return NULL;
}

size_t notify_tpls_count(const struct notify_tpls *t)
{
	return t ? t->n : 0;
}

const struct notify_tpl *notify_tpl_at(const struct notify_tpls *t, size_t i)
{
	return t && i < t->n ? &t->v[i] : NULL;
}

int notify_tpls_segments(const struct notify_tpls *t)
{
	return t ? t->sms_segments : 3;
}

/* The templates in force: the shipped file, or the one an administrator
 * loaded. Replaced sets are kept (a reader may still hold one); they are few. */
static _Atomic(struct notify_tpls *) current;

const struct notify_tpls *notify_templates(void)
{
	struct notify_tpls *t = atomic_load(&current);
	if (t)
		return t;
	const struct embed_file *f = embed_find("data/notify/templates.txt");
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	if (f && !notify_tpls_parse(f->data, f->len, &t, &rep)) {
		struct notify_tpls *none = NULL;
		if (!atomic_compare_exchange_strong(&current, &none, t)) {
			notify_tpls_free(t);
			t = none;
		}
	}
	arena_free(&a);
	return t;
}

void notify_templates_use(struct notify_tpls *t)
{
	t->prev = atomic_exchange(&current, t);
}

/* ---- rendering ---- */

static const char *param_of(const struct notify_param *p, size_t n, const char *name, size_t l)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(p[i].name) == l && !strncmp(p[i].name, name, l))
			return p[i].value;
	return NULL;
}

/* text with the params put in; names without a value ({link}, {code},
 * {stop}: filled when sent) are kept; a param cut to at most cut bytes
 * (on a character boundary, with "…") when cut_name names it. */
static void render_into(struct buf *b, const char *text, const struct notify_param *p, size_t n,
			const char *cut_name, size_t cut, const char *ellipsis)
{
	for (const char *s = text; *s; s++) {
		const char *e;
		if (*s == '{' && (e = strchr(s, '}'))) {
			size_t l = (size_t)(e - s - 1);
			const char *v = param_of(p, n, s + 1, l);
			if (v) {
				size_t vl = strlen(v);
				if (cut_name && strlen(cut_name) == l && !strncmp(cut_name, s + 1, l) && vl > cut) {
					size_t k = cut;
					while (k && ((unsigned char)v[k] & 0xC0) == 0x80)
						k--;
					buf_append(b, v, k);
					buf_puts(b, ellipsis);
				} else
					buf_puts(b, v);
				s = e;
				continue;
			}
		}
		buf_putc(b, *s);
	}
}

char *notify_render(struct arena *a, const char *text, const struct notify_param *p, size_t n)
{
	struct buf b;
	buf_init(&b);
	render_into(&b, text, p, n, NULL, 0, "");
	buf_putc(&b, 0);
	char *r = arena_strdup(a, b.p);
	buf_reset(&b);
	return r;
}

char *notify_render_sms(struct arena *a, const struct notify_tpls *t, const char *text, const struct notify_param *p,
			size_t n, bool unicode)
{
	int cap = notify_tpls_segments(t);
	/* the longest value is the one cut, until the message fits */
	const char *longest = NULL;
	size_t ll = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(p[i].value) > ll)
			ll = strlen(p[i].value), longest = p[i].name;
	size_t cut = ll;
	char *out = NULL;
	for (int round = 0; round < 64; round++) {
		struct buf b;
		buf_init(&b);
		/* without diacritics, "..." (an ellipsis character would make it UCS-2) */
		render_into(&b, text, p, n, longest, cut, unicode ? "…" : "...");
		buf_putc(&b, 0);
		char *u = unicode ? NULL : str_unmark(b.p);
		out = arena_strdup(a, u ? u : b.p);
		free(u);
		buf_reset(&b);
		if (segments_of(out, true, false) <= cap || !cut)
			break;
		cut = cut > 8 ? cut - cut / 8 - 1 : 0;
	}
	return out;
}
