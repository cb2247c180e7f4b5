/*
 * resolution.c — reading a resolution file (docs/targets.md): header lines
 * (resolution, title, issuer, basis, effective, period), then blocks that
 * begin with "target: ID" or "measure: ID", each followed by its own
 * "key: value" lines. Lines starting with '#' and empty lines are ignored.
 * Every problem is reported with its line, none is fatal to the others.
 */
#include "targets.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RES_MAX_TARGETS 40
#define RES_MAX_MEASURES 40

struct parse {
	struct arena *a;
	struct problems *pr;
	struct resolution *r;
	size_t tcap, mcap;
	enum { IN_HEAD, IN_TARGET, IN_MEASURE } in;
	int line;
};

static void bad(struct parse *p, enum msg_id id, const char *what)
{
	problems_add(p->pr, "file",
		     arena_printf(p->a, "%s %d: %s%s%s%s", msg(MSG_TG_LINE), p->line, msg(id), what ? " «" : "",
				  what ? what : "", what ? "»" : ""));
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

/* An identifier of a target or measure: letters, digits, '.', '-', '_', 1..16 bytes. */
static bool id_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 16)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '-' && *s != '_')
			return false;
	return true;
}

/* "a + b + c": indicator names joined by '+'. */
static void parse_formula(struct parse *p, struct target *t, const char *v)
{
	t->formula = arena_strdup(p->a, v);
	char *s = arena_strdup(p->a, v), *save = NULL;
	if (!*s) {
		bad(p, MSG_TG_FORMULA_EMPTY, NULL);
		return;
	}
	/* a leading, trailing or doubled '+' leaves an empty term */
	const char *q = s;
	bool want_term = true;
	for (; *q; q++) {
		if (*q == '+') {
			if (want_term)
				break;
			want_term = true;
		} else if (*q != ' ' && *q != '\t') {
			want_term = false;
		}
	}
	if (want_term) {
		bad(p, MSG_TG_FORMULA_MALFORMED, v);
		return;
	}
	for (char *tok = strtok_r(s, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
		tok = trim(tok);
		bool word = *tok != 0;
		for (const char *c = tok; *c; c++)
			if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '.' && *c != '_')
				word = false;
		if (!word) {
			bad(p, MSG_TG_FORMULA_MALFORMED, v);
			return;
		}
		const struct indicator *ind = module_indicator(tok);
		if (!ind) {
			bad(p, MSG_TG_UNKNOWN_INDICATOR, tok);
			continue;
		}
		if (t->nterms == TARGET_MAX_TERMS) {
			bad(p, MSG_TG_FORMULA_MALFORMED, v);
			return;
		}
		for (size_t i = 0; i < t->nterms; i++)
			if (t->terms[i] == ind) {
				bad(p, MSG_TG_FORMULA_TWICE, tok);
				return;
			}
		t->terms[t->nterms++] = ind;
	}
}

static void parse_kinds(struct parse *p, struct target *t, const char *v)
{
	char *s = arena_strdup(p->a, v), *save = NULL;
	size_t n = 0;
	for (char *tok = strtok_r(s, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save), n++)
		if (!units_kind_valid(tok))
			bad(p, MSG_TG_UNKNOWN_KIND, tok);
	if (!n)
		bad(p, MSG_TG_KINDS_EMPTY, NULL);
	t->kinds = arena_strdup(p->a, v);
}

static void head_line(struct parse *p, const char *k, const char *v)
{
	struct resolution *r = p->r;
	if (!strcmp(k, "resolution")) {
		/* a code: letters, digits and '-', at most 40 */
		bool ok = *v && strlen(v) <= 40;
		for (const char *c = v; *c; c++)
			if (!isalnum((unsigned char)*c) && *c != '-')
				ok = false;
		if (!ok)
			bad(p, MSG_TG_BAD_CODE, v);
		r->code = arena_strdup(p->a, v);
	} else if (!strcmp(k, "title")) {
		r->title = arena_strdup(p->a, v);
	} else if (!strcmp(k, "issuer")) {
		r->issuer = arena_strdup(p->a, v);
	} else if (!strcmp(k, "basis")) {
		r->basis = arena_strdup(p->a, v);
	} else if (!strcmp(k, "effective")) {
		if (!cal_parse_date(v, &r->effective))
			bad(p, MSG_TG_BAD_DATE, v);
	} else if (!strcmp(k, "period")) {
		int y0, y1;
		char tail;
		if (sscanf(v, "%d-%d%c", &y0, &y1, &tail) != 2 || y0 < 2000 || y1 > 2100 || y1 < y0)
			bad(p, MSG_TG_BAD_PERIOD, v);
		else
			r->year_from = y0, r->year_to = y1;
	} else {
		bad(p, MSG_TG_UNKNOWN_KEY, k);
	}
}

static void target_line(struct parse *p, const char *k, const char *v)
{
	struct target *t = &p->r->t[p->r->nt - 1];
	if (!strcmp(k, "name")) {
		t->name = arena_strdup(p->a, v);
	} else if (!strcmp(k, "formula")) {
		parse_formula(p, t, v);
	} else if (!strcmp(k, "units")) {
		parse_kinds(p, t, v);
	} else if (!strcmp(k, "threshold")) {
		int64_t th;
		if (str_to_i64(v, 1, 100, &th))
			bad(p, MSG_TG_BAD_THRESHOLD, v);
		else
			t->threshold = (int)th;
	} else if (!strcmp(k, "measures")) {
		t->measures = arena_strdup(p->a, v);
	} else {
		bad(p, MSG_TG_UNKNOWN_KEY, k);
	}
}

static void measure_line(struct parse *p, const char *k, const char *v)
{
	struct measure *m = &p->r->m[p->r->nm - 1];
	if (!strcmp(k, "name"))
		m->name = arena_strdup(p->a, v);
	else if (!strcmp(k, "detail"))
		m->detail = arena_strdup(p->a, v);
	else
		bad(p, MSG_TG_UNKNOWN_KEY, k);
}

/* Closes the block being read: what it lacks, reported at its first line. */
static void block_end(struct parse *p, int first_line)
{
	int line = p->line;
	p->line = first_line;
	struct resolution *r = p->r;
	if (p->in == IN_TARGET) {
		struct target *t = &r->t[r->nt - 1];
		if (!t->name || !*t->name)
			bad(p, MSG_TG_MISSING, "name");
		if (!t->formula)
			bad(p, MSG_TG_MISSING, "formula");
		if (!t->kinds)
			bad(p, MSG_TG_MISSING, "units");
		if (!t->threshold)
			t->threshold = 100; /* the resolutions set every target at 100 % */
		/* a kind none of its indicators is computed for */
		if (t->kinds && t->nterms) {
			char *s = arena_strdup(p->a, t->kinds), *save = NULL;
			for (char *tok = strtok_r(s, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
				bool any = false;
				for (size_t i = 0; i < t->nterms; i++)
					any |= indicator_applies(t->terms[i], tok);
				if (units_kind_valid(tok) && !any)
					bad(p, MSG_TG_KIND_NOT_COMPUTED, tok);
			}
		}
	} else if (p->in == IN_MEASURE) {
		struct measure *m = &r->m[r->nm - 1];
		if (!m->name || !*m->name)
			bad(p, MSG_TG_MISSING, "name");
	}
	p->line = line;
}

enum app_err resolution_parse(struct arena *a, const char *text, size_t len, struct resolution *out, struct problems *pr)
{
	memset(out, 0, sizeof *out);
	out->basis = "";
	size_t before = pr->n;
	if (!str_utf8_valid(text, len) || memchr(text, 0, len)) {
		problems_add(pr, "file", msg(MSG_TG_NOT_TEXT));
		return APP_EINVAL;
	}
	char *nfc = str_nfc(text, len);
	if (!nfc) {
		problems_add(pr, "file", msg(MSG_TG_NOT_TEXT));
		return APP_EINVAL;
	}
	char *buf = arena_strdup(a, nfc);
	free(nfc);
	out->source = arena_strdup(a, buf);
	struct parse p = {.a = a, .pr = pr, .r = out, .in = IN_HEAD};
	int block_line = 0;
	/* by hand, not strtok_r, which would skip empty lines and miscount */
	for (char *s = buf; s && *s;) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		p.line++;
		char *l = trim(s);
		s = nl ? nl + 1 : NULL;
		if (!*l || *l == '#')
			continue;
		char *colon = strchr(l, ':');
		if (!colon) {
			bad(&p, MSG_TG_NO_COLON, l);
			continue;
		}
		*colon = 0;
		char *k = trim(l), *v = trim(colon + 1);
		if (!strcmp(k, "target") || !strcmp(k, "measure")) {
			block_end(&p, block_line);
			block_line = p.line;
			bool is_t = !strcmp(k, "target");
			if (!id_ok(v))
				bad(&p, MSG_TG_BAD_ID, v);
			size_t n = is_t ? out->nt : out->nm;
			if (n == (is_t ? RES_MAX_TARGETS : RES_MAX_MEASURES)) {
				bad(&p, MSG_TG_TOO_MANY, v);
				p.in = IN_HEAD;
				break;
			}
			for (size_t i = 0; i < n; i++)
				if (!strcmp(is_t ? out->t[i].id : out->m[i].id, v))
					bad(&p, MSG_TG_DUP_ID, v);
			if (is_t) {
				out->t = arena_grow(a, out->t, out->nt, &p.tcap, sizeof *out->t);
				out->t[out->nt++] = (struct target){.id = arena_strdup(a, v), .measures = ""};
				p.in = IN_TARGET;
			} else {
				out->m = arena_grow(a, out->m, out->nm, &p.mcap, sizeof *out->m);
				out->m[out->nm++] = (struct measure){.id = arena_strdup(a, v), .detail = ""};
				p.in = IN_MEASURE;
			}
			continue;
		}
		if (p.in == IN_HEAD)
			head_line(&p, k, v);
		else if (p.in == IN_TARGET)
			target_line(&p, k, v);
		else
			measure_line(&p, k, v);
	}
	block_end(&p, block_line);
	p.line = 1;
	if (!out->code)
		bad(&p, MSG_TG_MISSING, "resolution");
	if (!out->title || !*out->title)
		bad(&p, MSG_TG_MISSING, "title");
	if (!out->issuer || !*out->issuer)
		bad(&p, MSG_TG_MISSING, "issuer");
	if (!out->effective)
		bad(&p, MSG_TG_MISSING, "effective");
	if (!out->year_from)
		bad(&p, MSG_TG_MISSING, "period");
	if (!out->nt)
		bad(&p, MSG_TG_NO_TARGETS, NULL);
	/* a target naming a measure the file does not list */
	for (size_t i = 0; i < out->nt; i++) {
		char *s2 = arena_strdup(a, out->t[i].measures), *sv = NULL;
		for (char *tok = strtok_r(s2, " ,\t", &sv); tok; tok = strtok_r(NULL, " ,\t", &sv)) {
			bool found = false;
			for (size_t k = 0; k < out->nm; k++)
				found |= !strcmp(out->m[k].id, tok);
			if (!found)
				problems_add(pr, "file",
					     arena_printf(a, "%s %s: %s «%s»", msg(MSG_TG_TARGET), out->t[i].id,
							  msg(MSG_TG_UNKNOWN_MEASURE), tok));
		}
	}
	return pr->n > before ? APP_EINVAL : APP_OK;
}

bool target_applies(const struct target *t, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *s = t->kinds; (s = strstr(s, kind)); s += n)
		if ((s == t->kinds || s[-1] == ' ' || s[-1] == ',') && (!s[n] || s[n] == ' ' || s[n] == ','))
			return true;
	return false;
}

const struct target *resolution_target(const struct resolution *res, const char *id)
{
	for (size_t i = 0; i < res->nt; i++)
		if (!strcmp(res->t[i].id, id))
			return &res->t[i];
	return NULL;
}
