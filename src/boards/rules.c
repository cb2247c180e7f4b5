/*
 * rules.c — the numbers of the boards' and conferences' rules as dated data
 * (data/boards/rules.txt, embedded): each with the day it takes effect and
 * its article, so that a change of the law is a new line, not a new build.
 */
#include "oversight.h"
#include "../util/cal.h"
#include "../util/embed.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

const char *const ov_rule_names[OR__N] = {
	"commune_min",		"small_commune_max",	"deputies_max",		"agency_min",
	"agency_max",		"agency_no_board",	"agency_term_months",	"village_term_months",
	"recognise_wd",		"by_election_months",	"invest_min",		"invest_residents_max",
	"investor_notice_days", "inspection_notice_wd", "village_notice_days", "staff_conf_months",
	"quorum_thirds",	"exchange_wd",
};

/* The next " | "-separated field of *s into buf (trimmed). */
static bool field(char **s, char *buf, size_t n)
{
	if (!*s)
		return false;
	char *e = strstr(*s, " | ");
	size_t len = e ? (size_t)(e - *s) : strlen(*s);
	char *p = *s;
	while (*p == ' ' && len)
		p++, len--;
	while (len && p[len - 1] == ' ')
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, p, len);
	buf[len] = 0;
	*s = e ? e + 3 : NULL;
	return true;
}

enum app_err ov_rules_parse(const char *text, size_t n, struct ov_rules *out, struct import_report *rep)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0, before = rep->nproblem;
	char *copy = xmalloc(n + 1);
	memcpy(copy, text, n);
	copy[n] = 0;
	int line = 0;
	bool seen[OR__N] = {0};
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
		struct ov_rule_line r = {0};
		char name[32], value[24], from[16], *p = l;
		if (!field(&p, name, sizeof name) || !field(&p, value, sizeof value) || !field(&p, from, sizeof from) ||
		    !field(&p, r.cite, sizeof r.cite) || !*r.cite) {
			import_problem(rep, line, "", "thiếu cột (tên | giá trị | từ ngày | căn cứ)");
			continue;
		}
		int k = -1;
		for (int i = 0; i < OR__N; i++)
			if (!strcmp(name, ov_rule_names[i]))
				k = i;
		if (k < 0)
			import_problem(rep, line, "name", "tên quy tắc không có");
		if (str_to_i64(value, 0, 100000, &r.value))
			import_problem(rep, line, "value", "giá trị phải là số nguyên không âm");
		if (!cal_parse_date(from, &r.from))
			import_problem(rep, line, "from", "ngày hiệu lực không đúng dạng yyyy-mm-dd");
		if (k < 0)
			continue;
		r.rule = (enum ov_rule)k;
		seen[k] = true;
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i].rule == r.rule && out->v[i].from == r.from)
				import_problem(rep, line, "name", "tên và ngày hiệu lực trùng một dòng trước");
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		out->v[out->n++] = r;
	}
	free(copy);
	bool clean = rep->nproblem == before; /* every rule missing named, when the lines themselves read */
	for (int k = 0; k < OR__N && clean; k++)
		if (!seen[k])
			import_problem(rep, 0, ov_rule_names[k], "thiếu quy tắc này");
	if (rep->nproblem > before) {
		ov_rules_free(out);
		return APP_EINVAL;
	}
	return APP_OK;
}

void ov_rules_free(struct ov_rules *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

static void *_Atomic current;

static enum app_err parse_embedded(const char *text, size_t n, void *out, struct import_report *rep)
{
	return ov_rules_parse(text, n, out, rep);
}

static void free_embedded(void *r)
{
	ov_rules_free(r);
}

static const struct ov_rules *rules(void)
{
	return import_embedded(&current, "data/boards/rules.txt", sizeof(struct ov_rules), parse_embedded, free_embedded);
}

/* The line of rule k in force on day: the latest that took effect by then
 * (or the earliest, for a day before any). */
static const struct ov_rule_line *line_of(enum ov_rule k, int64_t day)
{
	const struct ov_rules *r = rules();
	const struct ov_rule_line *best = NULL, *first = NULL;
	for (size_t i = 0; i < r->n; i++) {
		const struct ov_rule_line *l = &r->v[i];
		if (l->rule != k)
			continue;
		if (!first || l->from < first->from)
			first = l;
		if (l->from <= day && (!best || l->from > best->from))
			best = l;
	}
	return best ? best : first;
}

int64_t ov_rule(enum ov_rule k, int64_t day)
{
	const struct ov_rule_line *l = line_of(k, day);
	return l ? l->value : 0;
}

const char *ov_rule_cite(enum ov_rule k, int64_t day)
{
	const struct ov_rule_line *l = line_of(k, day);
	return l ? l->cite : "";
}
