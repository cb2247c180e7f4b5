/*
 * subjects.c — what a unit consults on, as dated data
 * (data/consult/subjects.txt, embedded): each subject with the units it
 * applies to, the shortest period from publication (Law 10/2022 Art. 28(2):
 * 20 days; Decree 61/2023 Art. 9: 30 days for a convention's draft; none
 * stated for agencies, Art. 53) and its article.
 */
#include "consult.h"
#include "../units/units.h"
#include "../util/arena.h"
#include "../util/cal.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"commune", "agency", "village", "province"};

/* The next " | "-separated field of *s, trimmed, in buf (size n); false when none is left. */
static bool field(char **s, char *buf, size_t n)
{
	if (!*s)
		return false;
	char *e = strstr(*s, " | ");
	size_t len = e ? (size_t)(e - *s) : strlen(*s);
	while (len && (*s)[len - 1] == ' ')
		len--;
	char *p = *s;
	while (*p == ' ' && len)
		p++, len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, p, len);
	buf[len] = 0;
	*s = e ? e + 3 : NULL;
	return true;
}

enum app_err consult_subjects_parse(const char *text, size_t n, struct consult_subjects *out,
				    struct import_report *rep)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0, before = rep->nproblem;
	char *copy = xmalloc(n + 1);
	memcpy(copy, text, n);
	copy[n] = 0;
	int line = 0;
	for (char *l = copy, *next; l; l = next) {
		next = strchr(l, '\n');
		if (next)
			*next++ = 0;
		line++;
		size_t len = strlen(l);
		if (len && l[len - 1] == '\r')
			l[len - 1] = 0;
		if (*l == '#' || !*l)
			continue;
		struct consult_subject s = {0};
		char days[16], from[16], *p = l;
		if (!field(&p, s.code, sizeof s.code) || !field(&p, s.kind, sizeof s.kind) || !field(&p, days, sizeof days) ||
		    !field(&p, from, sizeof from) || !field(&p, s.label, sizeof s.label) || !field(&p, s.cite, sizeof s.cite) ||
		    !*s.code || !*s.label || !*s.cite) {
			import_problem(rep, line, "", "thiếu cột (mã | loại đơn vị | số ngày | từ ngày | tên | căn cứ)");
			continue;
		}
		bool kind_ok = false;
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			kind_ok = kind_ok || !strcmp(s.kind, kinds[k]);
		if (!kind_ok)
			import_problem(rep, line, "kind", "loại đơn vị không có (commune, agency, village, province)");
		int64_t d;
		if (str_to_i64(days, 0, 365, &d))
			import_problem(rep, line, "days", "số ngày phải là số nguyên từ 0 đến 365");
		s.min_days = (int)d;
		if (!cal_parse_date(from, &s.from))
			import_problem(rep, line, "from", "ngày hiệu lực không đúng dạng yyyy-mm-dd");
		for (size_t i = 0; i < out->n; i++)
			if (!strcmp(out->v[i].code, s.code) && out->v[i].from == s.from)
				import_problem(rep, line, "code", "mã và ngày hiệu lực trùng một dòng trước");
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		out->v[out->n++] = s;
	}
	free(copy);
	if (rep->nproblem > before || !out->n) {
		if (!out->n && rep->nproblem == before)
			import_problem(rep, 0, "", "tệp không có nội dung nào");
		consult_subjects_free(out);
		return APP_EINVAL;
	}
	return APP_OK;
}

void consult_subjects_free(struct consult_subjects *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void *_Atomic current;

static enum app_err parse_embedded(const char *text, size_t n, void *out, struct import_report *rep)
{
	return consult_subjects_parse(text, n, out, rep);
}

static void free_embedded(void *r)
{
	consult_subjects_free(r);
}

const struct consult_subjects *consult_subjects(void)
{
	return import_embedded(&current, "data/consult/subjects.txt", sizeof(struct consult_subjects), parse_embedded, free_embedded);
}

const struct consult_subject *consult_subject(const char *code, int64_t day)
{
	const struct consult_subjects *s = consult_subjects();
	const struct consult_subject *best = NULL;
	for (size_t i = 0; code && i < s->n; i++)
		if (!strcmp(s->v[i].code, code) && s->v[i].from <= day && (!best || s->v[i].from >= best->from))
			best = &s->v[i];
	return best;
}

const char *consult_unit_kind(const struct unit *u)
{
	if (units_kind_is_commune_level(u->kind))
		return "commune";
	if (units_kind_is_village(u->kind))
		return "village";
	if (!strcmp(u->kind, "province"))
		return "province";
	if (!strcmp(u->kind, "agency") || !strcmp(u->kind, "public_unit") || !strcmp(u->kind, "employer"))
		return "agency";
	return NULL;
}
