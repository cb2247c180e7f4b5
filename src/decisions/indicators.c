/*
 * indicators.c — what village decisions contribute to the resolution's
 * targets (indicator.h), computed from the matters themselves.
 */
#include "decisions.h"
#include "mpages.h"
#include "../indicator.h"
#include "../report.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../units/units.h"
#include <string.h>

#define INDICATOR_MATTERS 100000 /* matters of a subtree looked at, newest first */

/* Indicator decisions.results_published (Law 10/2022 Art. 23): of the
 * village and commune matters in the unit's subtree whose vote or meeting
 * closed in [from, to), how many have their result on the commune's
 * disclosure portal. */
enum app_err decisions_indicator_results_published(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
						   int64_t to, int64_t now, struct indicator_value *out)
{
	struct matter *ms;
	size_t n;
	enum app_err e = matter_list(a, c, u->path, INDICATOR_MATTERS, &ms, &n);
	if (e)
		return e;
	int64_t t0 = from * 86400 - 7 * 3600, t1 = to * 86400 - 7 * 3600; /* local midnights (UTC+7) */
	for (size_t i = 0; i < n; i++) {
		const struct matter *m = &ms[i];
		struct decision_rule rule;
		struct matter_result res;
		if ((e = matter_outcome(a, c, m, now, &rule, &res)))
			return e;
		if (!res.closed || m->closes_at < t0 || m->closes_at >= t1)
			continue;
		bool published = matter_posting(c, m->id) != 0;
		out->den++;
		out->num += published;
		indicator_record_add(a, out, arena_printf(a, "/matters/%lld", (long long)m->id),
				     arena_printf(a, "%s — %s", m->unit.title, m->title), published);
	}
	return APP_OK;
}

/* The villages and residential groups at and below u, into a growing array. */
static enum app_err villages_under(struct arena *a, struct dbc *c, const struct unit *u, struct unit **v, size_t *n,
				   size_t *cap)
{
	if (units_kind_is_village(u->kind)) {
		*v = arena_grow(a, *v, *n, cap, sizeof **v);
		(*v)[(*n)++] = *u;
		return APP_OK;
	}
	struct unit *kids;
	size_t nk;
	enum app_err e = units_children(a, c, u->id, &kids, &nk);
	for (size_t i = 0; i < nk && !e; i++)
		e = villages_under(a, c, &kids[i], v, n, cap);
	return e;
}

/* Indicator decisions.conventions (target "every village convention reviewed";
 * Law 10/2022 Art. 15 item 3, Decree 61/2023): of the villages and
 * residential groups in the unit's subtree, how many adopted or amended their
 * convention (hương ước, quy ước) — a matter on item 3 passed — with its vote
 * or meeting closing in [from, to). */
enum app_err decisions_indicator_conventions(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					     int64_t to, int64_t now, struct indicator_value *out)
{
	struct unit *vs = NULL;
	size_t nv = 0, cap = 0;
	enum app_err e = villages_under(a, c, u, &vs, &nv, &cap);
	struct matter *ms;
	size_t n = 0;
	if (!e)
		e = matter_list(a, c, u->path, INDICATOR_MATTERS, &ms, &n);
	if (e)
		return e;
	int64_t t0 = from * 86400 - 7 * 3600, t1 = to * 86400 - 7 * 3600; /* local midnights (UTC+7) */
	const char **adopted = arena_alloc(a, (nv ? nv : 1) * sizeof *adopted);
	memset(adopted, 0, (nv ? nv : 1) * sizeof *adopted);
	for (size_t i = 0; i < n; i++) {
		const struct matter *m = &ms[i];
		if (m->item != 3 || m->closes_at < t0 || m->closes_at >= t1)
			continue;
		struct decision_rule rule;
		struct matter_result res;
		if ((e = matter_outcome(a, c, m, now, &rule, &res)))
			return e;
		if (!res.closed || !res.passed)
			continue;
		for (size_t k = 0; k < nv; k++)
			if (vs[k].id == m->unit.id && !adopted[k])
				adopted[k] = m->title;
	}
	for (size_t k = 0; k < nv; k++) {
		out->den++;
		out->num += adopted[k] != NULL;
		indicator_record_add(a, out, arena_printf(a, "/units/%s/matters", vs[k].code),
				     adopted[k] ? arena_printf(a, "%s — %s", vs[k].title, adopted[k]) : vs[k].title,
				     adopted[k] != NULL);
	}
	return APP_OK;
}

/* Its section of the annual report (report.h): the matters the people
 * decided directly in the year (Law 10/2022 Art. 15), item by item. (The
 * conventions' yearly statistics of Decree 61/2023 Art. 16 come from the
 * conventions module's register.) */
enum app_err decisions_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			      struct report *out)
{
	struct matter *ms;
	size_t n;
	enum app_err e = matter_list(a, c, u->path, INDICATOR_MATTERS, &ms, &n);
	if (e)
		return e;
	int64_t t0 = cal_days_from_civil(year, 1, 1) * 86400 - 7 * 3600, t1 = cal_days_from_civil(year + 1, 1, 1) * 86400 - 7 * 3600;
	int64_t put[7] = {0}, passed[7] = {0};
	for (size_t i = 0; i < n; i++) {
		const struct matter *m = &ms[i];
		if (m->closes_at < t0 || m->closes_at >= t1 || m->item < 1 || m->item > 6)
			continue;
		struct decision_rule rule;
		struct matter_result res;
		if ((e = matter_outcome(a, c, m, now, &rule, &res)))
			return e;
		put[m->item]++;
		passed[m->item] += res.closed && res.passed;
	}
	struct report_section *s = report_section_add(out, msg(MSG_DC_RP_DECIDED));
	static const double w[3] = {60, 15, 15};
	static const bool num[3] = {false, true, true};
	const char **head = arena_alloc(a, 3 * sizeof *head);
	head[0] = msg(MSG_DC_RP_ITEM), head[1] = msg(MSG_DC_RP_PUT), head[2] = msg(MSG_DC_RP_PASSED);
	const char **cell = report_table_add(out, s, msg(MSG_DC_RP_DECIDED_SHEET), 3, head, w, num, 6);
	int64_t tp = 0, tpass = 0;
	for (int k = 1; k <= 6; k++) {
		cell[(k - 1) * 3] = matters_item_label(k);
		cell[(k - 1) * 3 + 1] = arena_printf(a, "%lld", (long long)put[k]);
		cell[(k - 1) * 3 + 2] = arena_printf(a, "%lld", (long long)passed[k]);
		tp += put[k], tpass += passed[k];
	}
	report_para(out, s, "%s %lld, %s %lld.", msg(MSG_DC_RP_MATTERS), (long long)tp, msg(MSG_DC_RP_PASSED_LC),
		    (long long)tpass);
	return APP_OK;
}
