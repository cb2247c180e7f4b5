/*
 * targets_pages.c — a unit's distance to each target of the resolution in
 * force (/units/{code}/targets, the province's dashboard), the records
 * behind a figure (/units/{code}/targets/{id}), their tables as CSV and
 * XLSX, the quarterly snapshot, the resolutions (/resolutions, loading one)
 * and the API (/api/v1/targets, /api/v1/targets/{id}/records).
 */
#include "targets.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../doc/doc.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../pages.h"
#include "../report.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "targets_pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What every targets page works on. */
struct tctx {
	struct dbc *c;
	struct unit u;
	struct resolution res;
	int year;
	int64_t now;
};

/* The unit (the path's {code}, or ?unit= on the API), the year (?period=,
 * this year by default) and the resolution in force there; false after
 * answering 400/404. */
static bool ctx_or_respond(struct req *r, struct resp *w, const char *code, struct tctx *x)
{
	memset(x, 0, sizeof *x);
	x->now = time(NULL);
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)x->now), &y, &m, &d);
	x->year = y;
	struct problems pr = {.a = r->a};
	const char *ps = req_query(r, "period");
	int64_t py;
	if (ps && *ps) {
		if (str_to_i64(ps, 2000, 2100, &py))
			problems_add(&pr, "period", msg(MSG_TG_BAD_YEAR));
		else
			x->year = (int)py;
	}
	if (!code || !*code)
		problems_add(&pr, "unit", msg(MSG_TG_NEED_UNIT));
	if (pr.n) {
		http_send_problems(r, w, APP_EINVAL, &pr);
		return false;
	}
	if (!(x->c = app_conn_or_respond(r, w)))
		return false;
	enum app_err e = units_get(r->a, x->c, code, &x->u);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_UNIT_NOT_FOUND) : NULL);
		return false;
	}
	if ((e = targets_in_force(r->a, x->c, &x->u, x->year, &x->res))) {
		http_send_error(r, w, e,
				e == APP_ENOTFOUND ? arena_printf(r->a, "%s %d.", msg(MSG_TG_NONE), x->year) : NULL);
		return false;
	}
	return true;
}

/* "87,5 %" (Vietnamese decimal comma), "—" when there is nothing to count. */
static const char *pct(struct arena *a, int64_t permille)
{
	if (permille < 0)
		return "—";
	if (permille % 10)
		return arena_printf(a, "%lld,%lld %%", (long long)(permille / 10), (long long)(permille % 10));
	return arena_printf(a, "%lld %%", (long long)(permille / 10));
}

/* ---- the figures of the children (live, or from the latest snapshot) ---- */

struct crow {
	struct unit u;
	int64_t *num, *den; /* per target of res (den -1: not measured there) */
	int64_t score;      /* for ranking: the chosen target's permille, or the mean */
};
struct children {
	struct crow *v;
	size_t n;
	const char *quarter; /* the snapshot they come from, or NULL when computed now */
	int64_t *own_num, *own_den; /* the unit's own figures in that snapshot (den -1: none), or NULL */
};

static enum app_err children_live(struct req *r, struct tctx *x, struct children *out)
{
	/* the union of the targets' children, in code order */
	struct unit *all = NULL;
	size_t nall = 0, cap = 0;
	for (size_t t = 0; t < x->res.nt; t++) {
		struct unit *k;
		size_t nk;
		enum app_err e = target_children(r->a, x->c, &x->res.t[t], &x->u, &k, &nk);
		if (e)
			return e;
		for (size_t i = 0; i < nk; i++) {
			bool seen = false;
			for (size_t j = 0; j < nall && !seen; j++)
				seen = all[j].id == k[i].id;
			if (!seen) {
				all = arena_grow(r->a, all, nall, &cap, sizeof *all);
				all[nall++] = k[i];
			}
		}
	}
	out->v = arena_alloc(r->a, (nall ? nall : 1) * sizeof *out->v);
	out->n = nall;
	for (size_t i = 0; i < nall; i++) {
		struct crow *cr = &out->v[i];
		cr->u = all[i];
		cr->num = arena_alloc(r->a, (x->res.nt + 1) * sizeof *cr->num);
		cr->den = arena_alloc(r->a, (x->res.nt + 1) * sizeof *cr->den);
		for (size_t t = 0; t < x->res.nt; t++) {
			cr->num[t] = 0;
			cr->den[t] = -1;
			if (!target_applies(&x->res.t[t], cr->u.kind))
				continue;
			struct target_figure f;
			enum app_err e = target_compute(r->a, x->c, &x->res.t[t], &cr->u, x->year, x->now, false, &f);
			if (e)
				return e;
			cr->num[t] = f.num;
			cr->den[t] = f.den;
		}
	}
	return APP_OK;
}

/* From the newest snapshot of the year at u, if there is one. */
static enum app_err children_snapshot(struct req *r, struct tctx *x, struct children *out, bool *found)
{
	*found = false;
	const char **qs;
	size_t nq;
	enum app_err e = targets_snapshot_quarters(r->a, x->c, &x->res, &x->u, 1, &qs, &nq);
	if (e || !nq || strncmp(qs[0], arena_printf(r->a, "%04d-", x->year), 5))
		return e;
	struct target_snap *s;
	size_t ns;
	if ((e = targets_snapshot_rows(r->a, x->c, &x->res, &x->u, qs[0], &s, &ns)))
		return e;
	size_t cap = 0;
	out->v = NULL;
	out->n = 0;
	out->own_num = arena_alloc(r->a, (x->res.nt + 1) * sizeof *out->own_num);
	out->own_den = arena_alloc(r->a, (x->res.nt + 1) * sizeof *out->own_den);
	for (size_t t = 0; t < x->res.nt; t++)
		out->own_num[t] = 0, out->own_den[t] = -1;
	for (size_t i = 0; i < ns; i++) {
		if (!strcmp(s[i].unit, x->u.code)) {
			for (size_t t = 0; t < x->res.nt; t++)
				if (!strcmp(x->res.t[t].id, s[i].target))
					out->own_num[t] = s[i].num, out->own_den[t] = s[i].den;
			continue;
		}
		struct crow *cr = NULL;
		for (size_t j = 0; j < out->n && !cr; j++)
			if (!strcmp(out->v[j].u.code, s[i].unit))
				cr = &out->v[j];
		if (!cr) {
			out->v = arena_grow(r->a, out->v, out->n, &cap, sizeof *out->v);
			cr = &out->v[out->n++];
			memset(cr, 0, sizeof *cr);
			cr->u.code = s[i].unit;
			cr->u.title = s[i].unit_title;
			cr->u.kind = "";
			cr->num = arena_alloc(r->a, (x->res.nt + 1) * sizeof *cr->num);
			cr->den = arena_alloc(r->a, (x->res.nt + 1) * sizeof *cr->den);
			for (size_t t = 0; t < x->res.nt; t++)
				cr->num[t] = 0, cr->den[t] = -1;
		}
		for (size_t t = 0; t < x->res.nt; t++)
			if (!strcmp(x->res.t[t].id, s[i].target))
				cr->num[t] = s[i].num, cr->den[t] = s[i].den;
	}
	/* the kind of each (for the filter) */
	for (size_t j = 0; j < out->n && !e; j++) {
		struct unit u;
		if (!(e = units_get(r->a, x->c, out->v[j].u.code, &u)))
			out->v[j].u = u;
	}
	out->quarter = qs[0];
	*found = true;
	return e;
}

/* Worst first: by the chosen target's figure (target >= 0) or the mean of
 * all; units with nothing to count last; then by code. */
static void rank(struct crow *v, size_t n, size_t nt, long target)
{
	for (size_t i = 0; i < n; i++) {
		int64_t sum = 0, k = 0;
		for (size_t t = 0; t < nt; t++) {
			if (target >= 0 && (size_t)target != t)
				continue;
			int64_t p = v[i].den[t] > 0 ? target_permille(v[i].num[t], v[i].den[t]) : -1;
			if (p >= 0)
				sum += p, k++;
		}
		v[i].score = k ? sum / k : 1001; /* nothing to count: last */
	}
	for (size_t i = 1; i < n; i++) {
		struct crow c = v[i];
		size_t j = i;
		while (j && (v[j - 1].score > c.score ||
			     (v[j - 1].score == c.score && strcmp(v[j - 1].u.code, c.u.code) > 0))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = c;
	}
}

static enum app_err children_of(struct req *r, struct tctx *x, bool live, struct children *out)
{
	memset(out, 0, sizeof *out);
	bool found = false;
	enum app_err e = APP_OK;
	if (!live && !strcmp(x->u.kind, "province"))
		e = children_snapshot(r, x, out, &found);
	if (!e && !found)
		e = children_live(r, x, out);
	return e;
}

/* ---- the unit's page section ---- */

void targets_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	if (strcmp(u->kind, "province") && !units_kind_is_commune_level(u->kind) && !units_kind_is_village(u->kind))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/targets\">%s</a></li></ul>\n",
		    msg(MSG_TG_SECTION), u->code, msg(MSG_TG_SECTION_LINK));
}

/* ---- /units/{code}/targets ---- */

static void period_form(struct req *r, struct html *h, const struct tctx *x, const char *action)
{
	html_printf(h, "<form method=\"get\" action=\"%s\" class=\"inline noprint\"><label for=\"f-period\">%s</label> "
		       "<select id=\"f-period\" name=\"period\">",
		    action, msg(MSG_TG_YEAR));
	for (int y = x->res.year_to; y >= x->res.year_from; y--)
		html_printf(h, "<option value=\"%d\"%s>%d</option>", y, y == x->year ? " selected" : "", y);
	html_printf(h, "</select> <button type=\"submit\">%s</button></form>\n", msg(MSG_TG_SHOW));
}

static void crumbs(struct req *r, struct html *h, const struct tctx *x, const char *last)
{
	html_printf(h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>", msg(MSG_BREADCRUMB),
		    x->u.code, x->u.title);
	if (last)
		html_printf(h, "<li><a href=\"/units/%s/targets?period=%d\">%s</a></li>", x->u.code, x->year,
			    msg(MSG_TG_TITLE));
	html_lit(h, "</ol></nav>\n");
}

/* The previous quarter's figures at u (from the latest snapshot before this one's). */
static bool previous_figure(struct req *r, const struct tctx *x, const struct target *t, const char **quarter,
			    int64_t *num, int64_t *den)
{
	const char **qs;
	size_t nq;
	if (targets_snapshot_quarters(r->a, x->c, &x->res, &x->u, 1, &qs, &nq) || !nq)
		return false;
	struct target_snap *s;
	size_t ns;
	if (targets_snapshot_rows(r->a, x->c, &x->res, &x->u, qs[0], &s, &ns))
		return false;
	for (size_t i = 0; i < ns; i++)
		if (!strcmp(s[i].unit, x->u.code) && !strcmp(s[i].target, t->id)) {
			*quarter = qs[0];
			*num = s[i].num;
			*den = s[i].den;
			return true;
		}
	return false;
}

static void change_cell(struct req *r, struct html *h, int64_t now_pm, int64_t was_pm)
{
	if (now_pm < 0 || was_pm < 0) {
		html_lit(h, "—");
		return;
	}
	int64_t d = now_pm - was_pm;
	html_printf(h, "%s%s", d > 0 ? "+" : d < 0 ? "−" : "±", pct(r->a, d < 0 ? -d : d));
}

void page_unit_targets(struct req *r, struct resp *w)
{
	struct tctx x;
	if (!ctx_or_respond(r, w, r->param[0], &x))
		return;
	bool live = str_eq(req_query(r, "source"), "live");
	const char *kind = req_query(r, "kind"), *sel = req_query(r, "target");
	long sel_t = -1;
	for (size_t t = 0; sel && t < x.res.nt; t++)
		if (!strcmp(sel, x.res.t[t].id))
			sel_t = (long)t;
	struct children ch;
	enum app_err e = children_of(r, &x, live, &ch);
	struct target_figure *own = arena_alloc(r->a, (x.res.nt + 1) * sizeof *own);
	memset(own, 0, (x.res.nt + 1) * sizeof *own);
	for (size_t t = 0; t < x.res.nt && !e; t++) {
		if (!target_applies(&x.res.t[t], x.u.kind))
			continue;
		/* from the snapshot the children come from, when it holds the unit's own figure */
		if (ch.quarter && ch.own_den && ch.own_den[t] >= 0)
			own[t].num = ch.own_num[t], own[t].den = ch.own_den[t];
		else
			e = target_compute(r->a, x.c, &x.res.t[t], &x.u, x.year, x.now, false, &own[t]);
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	rank(ch.v, ch.n, x.res.nt, sel_t);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_TG_TITLE), x.u.title);
	layout_begin(r, &h, title);
	crumbs(r, &h, &x, NULL);
	html_printf(&h, "<h1>%s</h1>\n<p>%s <a href=\"/resolutions/%lld\">%s</a> (%s). %s</p>\n", title, msg(MSG_TG_UNDER),
		    (long long)x.res.id, x.res.title, x.res.issuer_title, msg(MSG_TG_FROM_RECORDS));
	period_form(r, &h, &x, arena_printf(r->a, "/units/%s/targets", x.u.code));
	html_printf(&h, "<h2>%s %d</h2>\n", msg(MSG_TG_FIGURES), x.year);
	if (ch.quarter)
		html_printf(&h, "<p>%s %s (<a href=\"/units/%s/targets?period=%d&amp;source=live\">%s</a>).</p>\n",
			    msg(MSG_TG_FROM_SNAPSHOT), msg_quarter(ch.quarter, arena_alloc(r->a, 24)), x.u.code, x.year,
			    msg(MSG_TG_LIVE));
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_TG_TARGET), msg(MSG_TG_RESULT), msg(MSG_TG_COUNT), msg(MSG_TG_THRESHOLD), msg(MSG_TG_BELOW),
		    msg(MSG_TG_CHANGE));
	for (size_t t = 0; t < x.res.nt; t++) {
		const struct target *tg = &x.res.t[t];
		html_printf(&h, "<tr><th scope=\"row\">%s. %s</th>", tg->id, tg->name);
		if (!target_applies(tg, x.u.kind)) {
			html_printf(&h, "<td colspan=\"5\">%s</td></tr>\n", msg(MSG_TG_NOT_HERE));
			continue;
		}
		int64_t pm = target_permille(own[t].num, own[t].den);
		html_printf(&h, "<td data-label=\"%s\">", msg(MSG_TG_RESULT));
		html_bar(&h, pm, tg->threshold);
		html_printf(&h, "<a href=\"/units/%s/targets/%s?period=%d\"><strong>%s</strong></a>", x.u.code, tg->id, x.year,
			    pct(r->a, pm));
		if (own[t].den && !target_met(tg, own[t].num, own[t].den))
			html_printf(&h, " <a href=\"/units/%s/targets/%s?period=%d&amp;missing=1\">%s %lld</a>", x.u.code, tg->id,
				    x.year, msg(MSG_TG_MISSING_N), (long long)(own[t].den - own[t].num));
		html_printf(&h, "</td><td data-label=\"%s\">%lld/%lld</td><td data-label=\"%s\">%d %%</td><td data-label=\"%s\">",
			    msg(MSG_TG_COUNT), (long long)own[t].num, (long long)own[t].den, msg(MSG_TG_THRESHOLD),
			    tg->threshold, msg(MSG_TG_BELOW));
		/* the roll-up: the share of units below at the threshold, and the weighted mean */
		int64_t at = 0, measured = 0;
		for (size_t i = 0; i < ch.n; i++)
			if (ch.v[i].den[t] > 0) {
				measured++;
				at += target_met(tg, ch.v[i].num[t], ch.v[i].den[t]);
			}
		if (measured) {
			int64_t share = at * 1000 / measured;
			html_printf(&h, "%lld/%lld %s (%s)", (long long)at, (long long)measured, msg(MSG_TG_UNITS_MET),
				    pct(r->a, share));
			if (share != pm)
				html_printf(&h, "; %s %s", msg(MSG_TG_WEIGHTED), pct(r->a, pm));
		} else {
			html_lit(&h, "—");
		}
		html_printf(&h, "</td><td data-label=\"%s\">", msg(MSG_TG_CHANGE));
		const char *q;
		int64_t pn, pd;
		if (previous_figure(r, &x, tg, &q, &pn, &pd)) {
			change_cell(r, &h, pm, target_permille(pn, pd));
			html_printf(&h, " <span class=\"meta\">%s %s</span>", msg(MSG_TG_SINCE), q);
		} else {
			html_lit(&h, "—");
		}
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	html_printf(&h, "<p class=\"noprint\">%s: <a href=\"/units/%s/targets.csv?period=%d\">CSV</a> · "
			"<a href=\"/units/%s/targets.xlsx?period=%d\">XLSX</a></p>\n",
		    msg(MSG_TG_DOWNLOAD), x.u.code, x.year, x.u.code, x.year);
	if (ch.n) {
		html_printf(&h, "<h2>%s</h2>\n<p>%s", msg(MSG_TG_CHILDREN), msg(MSG_TG_RANKED));
		if (ch.quarter)
			html_printf(&h, " %s %s (<a href=\"/units/%s/targets?period=%d&amp;source=live\">%s</a>).", msg(MSG_TG_FROM_SNAPSHOT),
				    msg_quarter(ch.quarter, arena_alloc(r->a, 24)), x.u.code, x.year, msg(MSG_TG_LIVE));
		html_lit(&h, "</p>\n");
		html_printf(&h, "<form method=\"get\" action=\"/units/%s/targets\" class=\"inline noprint\">", x.u.code);
		form_hidden(&h, "period", arena_printf(r->a, "%d", x.year));
		if (live)
			form_hidden(&h, "source", "live");
		html_printf(&h, "<label for=\"f-target\">%s</label> <select id=\"f-target\" name=\"target\"><option value=\"\">%s</option>",
			    msg(MSG_TG_SORT_BY), msg(MSG_TG_ALL_TARGETS));
		for (size_t t = 0; t < x.res.nt; t++)
			html_printf(&h, "<option value=\"%s\"%s>%s</option>", x.res.t[t].id, (long)t == sel_t ? " selected" : "",
				    x.res.t[t].id);
		html_lit(&h, "</select> ");
		if (!strcmp(x.u.kind, "province")) {
			static const char *const kinds[] = {"commune", "ward", "special_zone"};
			static const enum msg_id kl[] = {MSG_KIND_COMMUNE, MSG_KIND_WARD, MSG_KIND_SPECIAL_ZONE};
			html_printf(&h, "<label for=\"f-kind\">%s</label> <select id=\"f-kind\" name=\"kind\"><option value=\"\">%s</option>",
				    msg(MSG_TG_KIND), msg(MSG_TG_ALL_KINDS));
			for (int k = 0; k < 3; k++)
				html_printf(&h, "<option value=\"%s\"%s>%s</option>", kinds[k], str_eq(kind, kinds[k]) ? " selected" : "",
					    msg(kl[k]));
			html_lit(&h, "</select> ");
		}
		html_printf(&h, "<button type=\"submit\">%s</button></form>\n", msg(MSG_TG_SHOW));
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>",
			    msg(MSG_DC_UNIT));
		for (size_t t = 0; t < x.res.nt; t++)
			html_printf(&h, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", x.res.t[t].name, x.res.t[t].id);
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < ch.n; i++) {
			const struct crow *cr = &ch.v[i];
			if (kind && *kind && strcmp(cr->u.kind, kind))
				continue;
			html_printf(&h, "<tr><th scope=\"row\"><a href=\"/units/%s/targets?period=%d\">%s</a></th>", cr->u.code, x.year,
				    cr->u.title);
			for (size_t t = 0; t < x.res.nt; t++) {
				html_printf(&h, "<td data-label=\"%s\">", x.res.t[t].id);
				if (cr->den[t] < 0) {
					html_lit(&h, "—");
				} else {
					int64_t pm = target_permille(cr->num[t], cr->den[t]);
					html_bar(&h, pm, x.res.t[t].threshold);
					html_printf(&h, "<a href=\"/units/%s/targets/%s?period=%d\">%s</a>", cr->u.code, x.res.t[t].id,
						    x.year, pct(r->a, pm));
				}
				html_lit(&h, "</td>");
			}
			html_lit(&h, "</tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	/* the trend: the unit's figures in each stored quarter */
	const char **qs;
	size_t nq;
	if (!targets_snapshot_quarters(r->a, x.c, &x.res, &x.u, 8, &qs, &nq) && nq) {
		html_printf(&h, "<h2>%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th>",
			    msg(MSG_TG_TREND), msg(MSG_TG_QUARTER));
		for (size_t t = 0; t < x.res.nt; t++)
			html_printf(&h, "<th scope=\"col\">%s</th>", x.res.t[t].id);
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (size_t q = 0; q < nq; q++) {
			struct target_snap *s;
			size_t ns;
			if (targets_snapshot_rows(r->a, x.c, &x.res, &x.u, qs[q], &s, &ns))
				break;
			html_printf(&h, "<tr><th scope=\"row\">%s</th>", msg_quarter(qs[q], arena_alloc(r->a, 24)));
			for (size_t t = 0; t < x.res.nt; t++) {
				const char *v = "—";
				for (size_t i = 0; i < ns; i++)
					if (!strcmp(s[i].unit, x.u.code) && !strcmp(s[i].target, x.res.t[t].id))
						v = arena_printf(r->a, "%s (%lld/%lld)", pct(r->a, target_permille(s[i].num, s[i].den)),
								 (long long)s[i].num, (long long)s[i].den);
				html_printf(&h, "<td>%s</td>", v);
			}
			html_lit(&h, "</tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (r->user && (auth_caps_at(r->user, x.u.path) & CAP_MEASURES)) {
		int64_t qstart;
		targets_quarter_of(r->a, cal_today((time_t)x.now), &qstart, NULL);
		const char *last = targets_quarter_of(r->a, qstart - 1, NULL, NULL);
		html_printf(&h, "<h2>%s</h2>\n<p>%s</p>\n", msg(MSG_TG_SNAPSHOT), msg(MSG_TG_SNAPSHOT_HINT));
		form_begin(r, &h, arena_printf(r->a, "/units/%s/targets/snapshot", x.u.code), false);
		form_hidden(&h, "quarter", last);
		html_printf(&h, "<button type=\"submit\">%s %s</button>", msg(MSG_TG_SNAPSHOT_DO), msg_quarter(last, arena_alloc(r->a, 24)));
		form_end(&h);
	}
	layout_end(r, &h);
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* ---- /units/{code}/targets/{id}: the records behind a figure ---- */

void page_unit_target(struct req *r, struct resp *w)
{
	struct tctx x;
	if (!ctx_or_respond(r, w, r->param[0], &x))
		return;
	const struct target *tg = resolution_target(&x.res, r->param[1]);
	if (!tg) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_TG_NO_TARGET));
		return;
	}
	bool missing = str_eq(req_query(r, "missing"), "1");
	struct target_figure f = {0};
	enum app_err e = target_applies(tg, x.u.kind) ? target_compute(r->a, x.c, tg, &x.u, x.year, x.now, true, &f) : APP_OK;
	struct unit *kids = NULL;
	size_t nk = 0;
	if (!e)
		e = target_children(r->a, x.c, tg, &x.u, &kids, &nk);
	struct target_figure *kf = arena_alloc(r->a, (nk ? nk : 1) * sizeof *kf);
	for (size_t i = 0; i < nk && !e; i++)
		e = target_compute(r->a, x.c, tg, &kids[i], x.year, x.now, false, &kf[i]);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s. %s — %s", tg->id, tg->name, x.u.title);
	layout_begin(r, &h, title);
	crumbs(r, &h, &x, title);
	html_printf(&h, "<h1>%s</h1>\n", title);
	int64_t pm = target_permille(f.num, f.den);
	html_printf(&h, "<p class=\"%s\"><strong>", target_met(tg, f.num, f.den) ? "ok" : "error");
	html_bar(&h, pm, tg->threshold);
	html_printf(&h, "%s</strong> (%lld/%lld) %s %d %%, %s %d.</p>\n", pct(r->a, pm), (long long)f.num, (long long)f.den,
		    msg(MSG_TG_AGAINST), tg->threshold, msg(MSG_TG_YEAR_LOWER), x.year);
	html_printf(&h, "<h2>%s</h2>\n<p>%s <code>%s</code>: %s</p>\n<ul>\n", msg(MSG_TG_HOW), msg(MSG_TG_FORMULA),
		    tg->formula, msg(MSG_TG_POOLED));
	for (size_t i = 0; i < tg->nterms; i++)
		html_printf(&h, "<li><code>%s</code> — %s%s</li>\n", tg->terms[i]->name, msg(tg->terms[i]->label),
			    indicator_applies(tg->terms[i], x.u.kind) ? "" : arena_printf(r->a, " (%s)", msg(MSG_TG_NOT_HERE)));
	html_lit(&h, "</ul>\n");
	if (nk) {
		int64_t at = 0, measured = 0;
		for (size_t i = 0; i < nk; i++)
			if (kf[i].den) {
				measured++;
				at += target_met(tg, kf[i].num, kf[i].den);
			}
		html_printf(&h, "<h2>%s</h2>\n<p>%lld/%lld %s (%s); %s %s.</p>\n<ul class=\"cols\">\n", msg(MSG_TG_CHILDREN),
			    (long long)at, (long long)measured, msg(MSG_TG_UNITS_MET),
			    pct(r->a, measured ? at * 1000 / measured : -1), msg(MSG_TG_WEIGHTED), pct(r->a, pm));
		for (size_t i = 0; i < nk; i++)
			html_printf(&h, "<li><a href=\"/units/%s/targets/%s?period=%d\">%s</a>: %s (%lld/%lld)</li>\n", kids[i].code,
				    tg->id, x.year, kids[i].title, pct(r->a, target_permille(kf[i].num, kf[i].den)),
				    (long long)kf[i].num, (long long)kf[i].den);
		html_lit(&h, "</ul>\n");
	}
	html_printf(&h, "<h2>%s</h2>\n<p class=\"noprint\">", missing ? msg(MSG_TG_RECORDS_MISSING) : msg(MSG_TG_RECORDS));
	if (missing)
		html_printf(&h, "<a href=\"/units/%s/targets/%s?period=%d\">%s</a>", x.u.code, tg->id, x.year, msg(MSG_TG_SHOW_ALL));
	else
		html_printf(&h, "<a href=\"/units/%s/targets/%s?period=%d&amp;missing=1\">%s</a>", x.u.code, tg->id, x.year,
			    msg(MSG_TG_SHOW_MISSING));
	html_lit(&h, "</p>\n");
	size_t shown = 0;
	html_lit(&h, "<ol>\n");
	/* the missing first */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < f.nrec; i++) {
			if (f.rec[i].counted != (pass == 1) || (missing && f.rec[i].counted))
				continue;
			html_printf(&h, "<li><a href=\"%s\">%s</a> <strong class=\"badge %s\">%s</strong></li>\n", f.rec[i].href,
				    f.rec[i].title, f.rec[i].counted ? "current" : "withdrawn",
				    f.rec[i].counted ? msg(MSG_TG_COUNTED) : msg(MSG_TG_NOT_COUNTED));
			shown++;
		}
	html_lit(&h, "</ol>\n");
	if (!shown)
		html_printf(&h, "<p>%s</p>\n", missing ? msg(MSG_TG_NONE_MISSING) : msg(MSG_TG_NO_RECORDS));
	if ((int64_t)f.nrec < f.den)
		html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_TG_RECORDS_CUT));
	layout_end(r, &h);
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* ---- CSV and XLSX of a unit's figures and those of the units below ---- */

#define TG_COLS 9
static bool table_cells(struct req *r, struct resp *w, struct tctx *x, struct sheet *s)
{
	struct children ch;
	enum app_err e = children_of(r, x, str_eq(req_query(r, "source"), "live"), &ch);
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	size_t cap = (ch.n + 1) * x->res.nt * TG_COLS;
	const char **cell = arena_alloc(r->a, (cap ? cap : 1) * sizeof *cell);
	size_t n = 0;
	for (size_t i = 0; i <= ch.n; i++) {
		const struct unit *u = i ? &ch.v[i - 1].u : &x->u;
		for (size_t t = 0; t < x->res.nt; t++) {
			const struct target *tg = &x->res.t[t];
			int64_t num, den;
			if (i) {
				num = ch.v[i - 1].num[t];
				den = ch.v[i - 1].den[t];
			} else {
				struct target_figure f = {0};
				den = -1;
				num = 0;
				if (target_applies(tg, u->kind)) {
					if ((e = target_compute(r->a, x->c, tg, u, x->year, x->now, false, &f))) {
						http_send_error(r, w, e, NULL);
						return false;
					}
					num = f.num;
					den = f.den;
				}
			}
			if (den < 0)
				continue;
			int64_t pm = target_permille(num, den);
			const char **c = &cell[n * TG_COLS];
			c[0] = u->code;
			c[1] = u->title;
			c[2] = tg->id;
			c[3] = tg->name;
			c[4] = arena_printf(r->a, "%lld", (long long)num);
			c[5] = arena_printf(r->a, "%lld", (long long)den);
			c[6] = pm < 0 ? "" : arena_printf(r->a, "%.1f", (double)pm / 10.0);
			c[7] = arena_printf(r->a, "%d", tg->threshold);
			c[8] = target_met(tg, num, den) ? msg(MSG_TG_MET) : msg(MSG_TG_NOT_MET);
			n++;
		}
	}
	static const enum msg_id head[TG_COLS] = {MSG_TG_COL_CODE, MSG_DC_UNIT,   MSG_TG_TARGET,
						  MSG_TG_COL_NAME, MSG_TG_COL_NUM, MSG_TG_COL_DEN,
						  MSG_TG_COL_PCT,  MSG_TG_THRESHOLD, MSG_TG_COL_MET};
	const char **hd = arena_alloc(r->a, TG_COLS * sizeof *hd);
	for (int k = 0; k < TG_COLS; k++)
		hd[k] = msg(head[k]);
	static const double width[TG_COLS] = {10, 30, 8, 60, 10, 10, 10, 10, 12};
	static const bool numeric[TG_COLS] = {false, false, false, false, true, true, true, true, false};
	*s = (struct sheet){.name = arena_printf(r->a, "%d", x->year), .ncol = TG_COLS, .head = hd, .width = width,
			    .numeric = numeric, .cell = cell, .nrow = n};
	return true;
}

static void targets_sheet(struct req *r, struct resp *w, bool xlsx)
{
	struct tctx x;
	struct sheet s;
	if (ctx_or_respond(r, w, r->param[0], &x) && table_cells(r, w, &x, &s))
		http_send_sheet(r, w, &s, arena_printf(r->a, "muc-tieu-%s-%d", x.u.code, x.year), xlsx);
}

/* GET /units/{code}/targets.csv?period= */
void page_unit_targets_csv(struct req *r, struct resp *w)
{
	targets_sheet(r, w, false);
}

/* GET /units/{code}/targets.xlsx?period= */
void page_unit_targets_xlsx(struct req *r, struct resp *w)
{
	targets_sheet(r, w, true);
}

/* POST /units/{code}/targets/snapshot — quarter=YYYY-Qn (ended) */
void page_targets_snapshot(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_get(r->a, c, r->param[0], &u);
	struct problems pr = {.a = r->a};
	if (!e && !(auth_caps_at(r->user, u.path) & CAP_MEASURES)) {
		problems_add(&pr, "", msg(MSG_TG_WHO_SNAPSHOTS));
		e = APP_EFORBID;
	}
	const char *q = req_form(r, "quarter");
	int64_t taken = 0;
	if (!e) {
		e = targets_snapshot(r->app->db, &u, q ? q : "", time(NULL), &taken);
		if (e == APP_EINVAL)
			problems_add(&pr, "quarter", msg(MSG_TG_BAD_QUARTER));
		else if (e == APP_ECONFLICT)
			problems_add(&pr, "quarter", msg(MSG_TG_QUARTER_OPEN));
		else if (e == APP_ENOTFOUND)
			problems_add(&pr, "", msg(MSG_TG_NONE));
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/units/%s/targets", u.code));
}

/* ---- resolutions ---- */

static void resolution_list(struct req *r, struct html *h, const struct resolution *v, size_t n)
{
	html_printf(h, "<table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_TG_RES_TITLE), msg(MSG_TG_ISSUER), msg(MSG_TG_EFFECTIVE), msg(MSG_TG_PERIOD), msg(MSG_TG_TARGETS_N));
	for (size_t i = 0; i < n; i++) {
		char eff[11];
		cal_format_vn(v[i].effective, eff);
		html_printf(h, "<tr><td data-label=\"%s\"><a href=\"/resolutions/%lld\">%s</a></td><td data-label=\"%s\">%s</td>"
			       "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%d–%d</td><td data-label=\"%s\">%zu</td></tr>\n",
			    msg(MSG_TG_RES_TITLE), (long long)v[i].id, v[i].title, msg(MSG_TG_ISSUER), v[i].issuer_title,
			    msg(MSG_TG_EFFECTIVE), eff, msg(MSG_TG_PERIOD), v[i].year_from, v[i].year_to, msg(MSG_TG_TARGETS_N),
			    v[i].nt);
	}
	html_lit(h, "</tbody>\n</table>\n");
}

static void resolutions_page(struct req *r, struct resp *w, const struct problems *pr, const char *typed)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct resolution *v;
	size_t n;
	enum app_err e = targets_resolutions(r->a, c, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_TG_RESOLUTIONS));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_TG_RESOLUTIONS), msg(MSG_TG_RESOLUTIONS_LEAD));
	resolution_list(r, &h, v, n);
	if (r->user && auth_has_cap(r->user, CAP_MEASURES)) {
		html_printf(&h, "<h2>%s</h2>\n<p>%s</p>\n", msg(MSG_TG_LOAD), msg(MSG_TG_LOAD_HINT));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, "/resolutions", true);
		form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_TG_FILE), .type = "file", .accept = ".txt,text/plain"},
			   pr);
		form_field(&h, &(struct form_field){.name = "text", .label = msg(MSG_TG_TEXT), .type = "textarea", .value = typed,
						    .hint = msg(MSG_TG_TEXT_HINT)},
			   NULL);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_TG_LOAD_DO));
		form_end(&h);
	}
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /resolutions */
void page_resolutions(struct req *r, struct resp *w)
{
	resolutions_page(r, w, NULL, NULL);
}

/* POST /resolutions — file (multipart) or text */
void page_resolution_load(struct req *r, struct resp *w)
{
	const struct upload *f = req_file(r, "file");
	const char *text = req_form(r, "text");
	const char *data = f && f->len ? f->data : text;
	size_t len = f && f->len ? f->len : text ? strlen(text) : 0;
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e;
	if (!len) {
		problems_add(&pr, "file", msg(MSG_TG_NO_FILE));
		e = APP_EINVAL;
	} else {
		e = targets_load(r->app->db, r->user, data, len, time(NULL), &id, &pr);
	}
	if (e == APP_EINVAL || e == APP_ECONFLICT || e == APP_EFORBID) {
		if (r->is_api) {
			http_send_problems(r, w, e, &pr);
			return;
		}
		resolutions_page(r, w, &pr, text);
		if (e != APP_EINVAL)
			w->status = http_status_of(e);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/resolutions/%lld", (long long)id));
}

/* GET /resolutions/{id} — the resolution as loaded: targets, measures, the file */
void page_resolution(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	int64_t id;
	struct resolution res;
	enum app_err e = str_to_i64(r->param[0], 1, INT64_MAX, &id) ? APP_ENOTFOUND : targets_resolution_get(r->a, c, id, &res);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_TG_NO_RESOLUTION) : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, res.title);
	char eff[11];
	cal_format_vn(res.effective, eff);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/resolutions\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s: <a href=\"/units/%s/targets\">%s</a>. %s: %s. %s: %d–%d.",
		    msg(MSG_BREADCRUMB), msg(MSG_TG_RESOLUTIONS), res.title, msg(MSG_TG_ISSUER), res.issuer, res.issuer_title,
		    msg(MSG_TG_EFFECTIVE), eff, msg(MSG_TG_PERIOD), res.year_from, res.year_to);
	if (*res.basis)
		html_printf(&h, " %s", res.basis);
	html_printf(&h, "</p>\n<h2>%s</h2>\n<table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_TG_TARGETS), msg(MSG_TG_TARGET), msg(MSG_TG_FORMULA), msg(MSG_TG_KINDS), msg(MSG_TG_THRESHOLD));
	for (size_t t = 0; t < res.nt; t++) {
		const struct target *tg = &res.t[t];
		html_printf(&h, "<tr><td data-label=\"%s\"><strong>%s</strong>. %s</td><td data-label=\"%s\">", msg(MSG_TG_TARGET),
			    tg->id, tg->name, msg(MSG_TG_FORMULA));
		for (size_t i = 0; i < tg->nterms; i++)
			html_printf(&h, "%s%s", i ? " + " : "", msg(tg->terms[i]->label));
		html_printf(&h, "</td><td data-label=\"%s\">", msg(MSG_TG_KINDS));
		for (size_t k = 0; k < units_nkinds; k++)
			if (target_applies(tg, units_kinds[k]))
				html_printf(&h, "<span class=\"badge\">%s</span> ", msg_kind(units_kinds[k]));
		html_printf(&h, "</td><td data-label=\"%s\">%d %%</td></tr>\n", msg(MSG_TG_THRESHOLD), tg->threshold);
	}
	html_printf(&h, "</tbody>\n</table>\n<h2>%s</h2>\n<ol>\n", msg(MSG_TG_MEASURES));
	for (size_t i = 0; i < res.nm; i++) {
		html_printf(&h, "<li><strong>%s</strong>", res.m[i].name);
		if (*res.m[i].detail)
			html_printf(&h, " — %s", res.m[i].detail);
		html_lit(&h, "</li>\n");
	}
	html_printf(&h, "</ol>\n<details><summary>%s</summary>\n<pre>", msg(MSG_TG_SOURCE));
	html_text(&h, res.source);
	html_lit(&h, "</pre></details>\n");
	layout_end(r, &h);
	w->max_age = 60;
	w->cache_public = true;
}

/* ---- API ---- */

/* GET /api/v1/targets?unit=CODE&period=YYYY — each target's figure at the unit */
void api_targets(struct req *r, struct resp *w)
{
	struct tctx x;
	if (!ctx_or_respond(r, w, req_query(r, "unit"), &x))
		return;
	json_t *items = json_array();
	for (size_t t = 0; t < x.res.nt; t++) {
		const struct target *tg = &x.res.t[t];
		if (!target_applies(tg, x.u.kind))
			continue;
		struct target_figure f;
		enum app_err e = target_compute(r->a, x.c, tg, &x.u, x.year, x.now, false, &f);
		struct unit *kids = NULL;
		size_t nk = 0;
		if (!e)
			e = target_children(r->a, x.c, tg, &x.u, &kids, &nk);
		int64_t at = 0, measured = 0;
		for (size_t i = 0; i < nk && !e; i++) {
			struct target_figure kf;
			if (!(e = target_compute(r->a, x.c, tg, &kids[i], x.year, x.now, false, &kf)) && kf.den) {
				measured++;
				at += target_met(tg, kf.num, kf.den);
			}
		}
		if (e) {
			json_decref(items);
			http_send_error(r, w, e, NULL);
			return;
		}
		json_t *terms = json_array();
		for (size_t i = 0; i < tg->nterms; i++)
			json_array_append_new(terms, json_string(tg->terms[i]->name));
		int64_t pm = target_permille(f.num, f.den);
		json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:I, s:I, s:I, s:b}", "id", tg->id, "name", tg->name, "formula",
				      tg->formula, "indicators", terms, "numerator", (json_int_t)f.num, "denominator",
				      (json_int_t)f.den, "threshold", (json_int_t)tg->threshold, "met",
				      target_met(tg, f.num, f.den));
		json_object_set_new(o, "value", pm < 0 ? json_null() : json_real((double)pm / 10.0));
		if (nk)
			json_object_set_new(o, "units_below",
					    json_pack("{s:I, s:I, s:o}", "measured", (json_int_t)measured, "at_threshold",
						      (json_int_t)at, "share",
						      measured ? json_real((double)(at * 1000 / measured) / 10.0) : json_null()));
		json_array_append_new(items, o);
	}
	char eff[11];
	cal_format_iso(x.res.effective, eff);
	json_t *extra = json_pack("{s:s, s:i, s:{s:I, s:s, s:s, s:s, s:s}}", "unit", x.u.code, "period", x.year, "resolution",
				  "id", (json_int_t)x.res.id, "code", x.res.code, "title", x.res.title, "issuer", x.res.issuer,
				  "effective", eff);
	http_send_array_page(r, w, items, extra);
	w->max_age = 60;
}

/* GET /api/v1/targets/{id}/records?unit=CODE&period=YYYY&missing=1 — the records behind a figure */
void api_target_records(struct req *r, struct resp *w)
{
	struct tctx x;
	if (!ctx_or_respond(r, w, req_query(r, "unit"), &x))
		return;
	const struct target *tg = resolution_target(&x.res, r->param[0]);
	if (!tg) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_TG_NO_TARGET));
		return;
	}
	int limit;
	const char *cs;
	if (!http_list_args(r, w, &limit, &cs))
		return;
	int64_t off = 0;
	if (cs && str_to_i64(cs, 0, 1000000000, &off)) {
		http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
		return;
	}
	bool missing = str_eq(req_query(r, "missing"), "1");
	struct target_figure f = {0};
	enum app_err e = target_applies(tg, x.u.kind) ? target_compute(r->a, x.c, tg, &x.u, x.year, x.now, true, &f) : APP_OK;
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	int64_t total = 0;
	for (size_t i = 0; i < f.nrec; i++) {
		if (missing && f.rec[i].counted)
			continue;
		if (total++ < off || (int64_t)json_array_size(items) >= limit)
			continue;
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "indicator", f.rec_ind[i], "href", f.rec[i].href,
						       "title", f.rec[i].title, "counted", f.rec[i].counted));
	}
	const char *next = off + (int64_t)json_array_size(items) < total
				   ? arena_printf(r->a, "%lld", (long long)(off + (int64_t)json_array_size(items)))
				   : NULL;
	json_t *extra = json_pack("{s:s, s:s, s:i, s:I, s:I, s:b}", "target", tg->id, "unit", x.u.code, "period", x.year,
				  "numerator", (json_int_t)f.num, "denominator", (json_int_t)f.den, "complete",
				  (int64_t)f.nrec == f.den);
	http_send_list(w, items, total, next, extra);
	w->max_age = 60;
}

/* GET /api/v1/resolutions — every resolution loaded */
void api_resolutions(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct resolution *v;
	size_t n;
	enum app_err e = targets_resolutions(r->a, c, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++) {
		char eff[11];
		cal_format_iso(v[i].effective, eff);
		json_t *ts = json_array();
		for (size_t t = 0; t < v[i].nt; t++)
			json_array_append_new(ts, json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", v[i].t[t].id, "name", v[i].t[t].name,
							    "formula", v[i].t[t].formula, "units", v[i].t[t].kinds, "threshold",
							    v[i].t[t].threshold));
		json_t *ms = json_array();
		for (size_t k = 0; k < v[i].nm; k++)
			json_array_append_new(ms, json_pack("{s:s, s:s}", "id", v[i].m[k].id, "name", v[i].m[k].name));
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o}", "id", (json_int_t)v[i].id,
						     "code", v[i].code, "title", v[i].title, "unit", v[i].issuer, "effective",
						     eff, "year_from", v[i].year_from, "year_to", v[i].year_to, "targets", ts,
						     "measures", ms));
	}
	http_send_array_page(r, w, all, NULL);
	w->max_age = 60;
}

/* ---- the annual report ---- */

/* "Báo cáo kết quả thực hiện dân chủ ở cơ sở năm YYYY" of a province or a
 * commune: the targets of the resolution in force with their figures (for a
 * province, how many communes reach each), then every module's sections
 * (report.h): the measures carried out, contests, the matters decided and
 * the conventions' statistics. */
struct annual {
	struct tctx x;
	struct report rep;
	bool year_over;
	int64_t day; /* the report's date: 31 December, or today while the year runs */
};

#define TR_COLS 7
static enum app_err report_targets(struct req *r, struct annual *an)
{
	struct tctx *x = &an->x;
	struct report_section *s = report_section_add(&an->rep, msg(MSG_TG_RP_TARGETS));
	if (!x->res.nt) {
		report_para(&an->rep, s, "%s", msg(MSG_TG_RP_NO_RESOLUTION));
		return APP_OK;
	}
	size_t bl = strlen(x->res.basis);
	while (bl && (x->res.basis[bl - 1] == '.' || x->res.basis[bl - 1] == ' '))
		bl--; /* the sentence ends with one full stop */
	report_para(&an->rep, s, "%s %s%s%.*s.", msg(MSG_TG_RP_RESOLUTION), x->res.title, bl ? " — " : "", (int)bl,
		    x->res.basis);
	bool province = !strcmp(x->u.kind, "province");
	static const double w[TR_COLS] = {6, 52, 11, 11, 10, 10, 14};
	static const bool num[TR_COLS] = {false, false, true, true, true, true, false};
	const char **head = arena_alloc(r->a, TR_COLS * sizeof *head);
	head[0] = msg(MSG_TG_TARGET), head[1] = msg(MSG_TG_COL_NAME), head[2] = msg(MSG_TG_COL_NUM);
	head[3] = msg(MSG_TG_COL_DEN), head[4] = msg(MSG_TG_COL_PCT), head[5] = msg(MSG_TG_THRESHOLD);
	head[6] = province ? msg(MSG_TG_RP_UNITS_MET) : msg(MSG_TG_COL_MET);
	const char **cell = report_table_add(&an->rep, s, msg(MSG_TG_RP_TARGETS_SHEET), TR_COLS, head, w, num, x->res.nt);
	size_t met = 0, measured = 0;
	for (size_t i = 0; i < x->res.nt; i++) {
		const struct target *t = &x->res.t[i];
		const char **row = &cell[i * TR_COLS];
		row[0] = t->id;
		row[1] = t->name;
		row[5] = arena_printf(r->a, "%d", t->threshold);
		struct target_figure f = {0};
		struct unit *kids = NULL;
		size_t nk = 0;
		enum app_err e = APP_OK;
		if (target_applies(t, x->u.kind) || province)
			e = target_compute(r->a, x->c, t, &x->u, x->year, x->now, false, &f);
		if (!e && province)
			e = target_children(r->a, x->c, t, &x->u, &kids, &nk);
		if (e)
			return e;
		int64_t pm = target_permille(f.num, f.den);
		row[2] = arena_printf(r->a, "%lld", (long long)f.num);
		row[3] = arena_printf(r->a, "%lld", (long long)f.den);
		row[4] = pm < 0 ? "" : arena_printf(r->a, "%.1f", (double)pm / 10.0);
		if (!province) {
			row[6] = target_met(t, f.num, f.den) ? msg(MSG_TG_MET) : msg(MSG_TG_NOT_MET);
			measured++;
			met += target_met(t, f.num, f.den);
			continue;
		}
		size_t ok = 0;
		for (size_t k = 0; k < nk; k++) {
			struct target_figure g;
			if ((e = target_compute(r->a, x->c, t, &kids[k], x->year, x->now, false, &g)))
				return e;
			ok += target_met(t, g.num, g.den);
		}
		row[6] = arena_printf(r->a, "%zu/%zu", ok, nk);
		measured++;
		met += target_met(t, f.num, f.den);
	}
	report_para(&an->rep, s, "%s %zu/%zu.", msg(MSG_TG_RP_MET_COUNT), met, measured);
	return APP_OK;
}

static bool annual_or_respond(struct req *r, struct resp *w, struct annual *an)
{
	memset(an, 0, sizeof *an);
	struct tctx *x = &an->x;
	x->now = time(NULL);
	int y, m, d;
	int64_t today = cal_today((time_t)x->now), year;
	cal_civil_from_days(today, &y, &m, &d);
	if (!(x->c = units_path_unit_or_respond(r, w, false, &x->u)))
		return false;
	if (str_to_i64(r->param[1], 2000, y, &year)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_TG_RP_BAD_YEAR));
		return false;
	}
	if (strcmp(x->u.kind, "province") && !units_kind_is_commune_level(x->u.kind)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_TG_RP_WHERE));
		return false;
	}
	x->year = (int)year;
	an->year_over = year < y;
	an->day = an->year_over ? cal_days_from_civil((int)year, 12, 31) : today;
	enum app_err e = targets_in_force(r->a, x->c, &x->u, x->year, &x->res);
	if (e == APP_ENOTFOUND)
		x->res = (struct resolution){0}, e = APP_OK;
	an->rep.a = r->a;
	if (!e)
		e = report_targets(r, an);
	for (size_t i = 0; i < app_nmodules && !e; i++)
		if (app_modules[i]->report)
			e = app_modules[i]->report(r->a, x->c, &x->u, x->year, x->now, &an->rep);
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	return true;
}

static const char *roman(int k)
{
	static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"};
	return k < 15 ? r[k] : "";
}

static void report_pdf_table(struct pdf *d, const struct sheet *t)
{
	double sum = 0, w[16];
	size_t nc = t->ncol < 16 ? t->ncol : 16;
	for (size_t k = 0; k < nc; k++)
		sum += t->width ? t->width[k] : 1;
	for (size_t k = 0; k < nc; k++)
		w[k] = (t->width ? t->width[k] : 1) / sum;
	pdf_row(d, t->head, w, nc, 9, true);
	for (size_t i = 0; i < t->nrow; i++)
		pdf_row(d, &t->cell[i * t->ncol], w, nc, 9, false);
	pdf_space(d, 6);
}

/* GET /units/{code}/report/{year}.pdf */
void page_unit_report_pdf(struct req *r, struct resp *w)
{
	struct annual an;
	if (!annual_or_respond(r, w, &an))
		return;
	struct doc_issuer is;
	struct doc_signer sg;
	unit_doc_issuer(r, an.x.c, &an.x.u, &is, &sg);
	char asof[11];
	cal_format_vn(an.day, asof);
	struct doc_head h = {.type = DOC_REPORT, .issuer = &is, .day = an.day, .title = msg(MSG_TG_RP_TITLE_UPPER),
			     .subject = arena_printf(r->a, "%s %d", msg(MSG_TG_RP_SUBJECT), an.x.year),
			     .mark = an.year_over ? NULL : arena_printf(r->a, "%s %s", msg(MSG_TG_RP_PROVISIONAL), asof)};
	struct pdf *d = doc_begin(&h, arena_printf(r->a, "%s %d — %s", msg(MSG_TG_RP_TITLE), an.x.year, an.x.u.title));
	doc_para(d, msg(MSG_TG_RP_BASIS));
	for (size_t i = 0; i < an.rep.n; i++) {
		const struct report_section *s = &an.rep.v[i];
		doc_para_style(d, arena_printf(r->a, "%s. %s", roman((int)i), s->title), PDF_BOLD);
		for (size_t k = 0; k < s->npara; k++)
			doc_para(d, s->para[k]);
		for (size_t k = 0; k < s->ntable; k++)
			report_pdf_table(d, &s->table[k]);
	}
	doc_para(d, arena_printf(r->a, "%s %s/units/%s/report/%d.xlsx", msg(MSG_TG_RP_DETAIL), app_public_url(r), an.x.u.code,
				 an.x.year));
	const char *to[3] = {arena_printf(r->a, "%s %s %s", msg(MSG_DOC_TO_COUNCIL), is.level, msg(MSG_TG_RP_FOR_SESSION)),
			     arena_printf(r->a, "%s %s", msg(MSG_DOC_TO_FRONT), is.level),
			     arena_printf(r->a, "%s %s", msg(MSG_DOC_TO_PORTAL), is.level)};
	doc_end(d, &sg, to, 3);
	if (pdf_finish(d, &w->body)) {
		http_send_error(r, w, APP_EIO, NULL);
		return;
	}
	w->ctype = "application/pdf";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"bao-cao-dan-chu-%s-%d.pdf\"", an.x.u.code, an.x.year));
	w->max_age = 300;
}

/* GET /units/{code}/report/{year}.xlsx — a summary sheet, then one sheet a table */
void page_unit_report_xlsx(struct req *r, struct resp *w)
{
	struct annual an;
	if (!annual_or_respond(r, w, &an))
		return;
	size_t np = 0, nt = 0;
	for (size_t i = 0; i < an.rep.n; i++)
		np += an.rep.v[i].npara, nt += an.rep.v[i].ntable;
	static const double sw[2] = {40, 120};
	const char **shead = arena_alloc(r->a, 2 * sizeof *shead);
	shead[0] = msg(MSG_TG_RP_SECTION), shead[1] = msg(MSG_TG_RP_CONTENT);
	const char **sc = arena_alloc(r->a, (np ? np : 1) * 2 * sizeof *sc);
	const struct sheet **book = arena_alloc(r->a, (nt + 1) * sizeof *book);
	struct sheet summary = {.name = msg(MSG_TG_RP_SUMMARY_SHEET), .ncol = 2, .head = shead, .width = sw, .cell = sc, .nrow = np};
	book[0] = &summary;
	size_t k = 0, b = 1;
	const char **names = arena_alloc(r->a, (nt + 1) * sizeof *names);
	names[0] = summary.name;
	for (size_t i = 0; i < an.rep.n; i++) {
		struct report_section *s = &an.rep.v[i];
		for (size_t p = 0; p < s->npara; p++, k++) {
			sc[k * 2] = arena_printf(r->a, "%s. %s", roman((int)i), s->title);
			sc[k * 2 + 1] = s->para[p];
		}
		for (size_t t = 0; t < s->ntable; t++) {
			/* sheet names are distinct: a second one of the same name is numbered */
			const char *name = s->table[t].name;
			for (size_t q = 0, again = 2; q < b; q++)
				if (!strcmp(names[q], name))
					name = arena_printf(r->a, "%s %zu", s->table[t].name, again++), q = (size_t)-1;
			s->table[t].name = names[b] = name;
			book[b++] = &s->table[t];
		}
	}
	if (sheet_xlsx_book(book, b, &w->body)) {
		http_send_error(r, w, APP_EIO, NULL);
		return;
	}
	w->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"bao-cao-dan-chu-%s-%d.xlsx\"", an.x.u.code, an.x.year));
	w->max_age = 300;
}

/* ---- tasks on /me ---- */

#define TASKS_BEHIND 5 /* the communes furthest behind, for a province's administrator */

/* A province administrator's (CAP_MEASURES held at a province): the units
 * furthest from the targets of the resolution in force, worst first, from
 * the latest snapshot of the year or computed now (the dashboard's ranking). */
enum app_err targets_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	for (size_t i = 0; r->user && i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		if (!*ro->unit_code || !(auth_caps_own(r->user, ro->unit_path) & CAP_MEASURES))
			continue;
		struct tctx x = {.c = c, .now = now};
		int m, d;
		cal_civil_from_days(cal_today((time_t)now), &x.year, &m, &d);
		if (units_get(r->a, c, ro->unit_code, &x.u) || strcmp(x.u.kind, "province") ||
		    targets_in_force(r->a, c, &x.u, x.year, &x.res))
			continue;
		struct children ch;
		enum app_err e = children_of(r, &x, false, &ch);
		if (e)
			return e;
		rank(ch.v, ch.n, x.res.nt, -1);
		for (size_t k = 0; k < ch.n && k < TASKS_BEHIND && ch.v[k].score <= 1000; k++) {
			const struct crow *cr = &ch.v[k];
			size_t met = 0, measured = 0;
			for (size_t t = 0; t < x.res.nt; t++)
				if (cr->den[t] >= 0) {
					measured++;
					met += target_met(&x.res.t[t], cr->num[t], cr->den[t]);
				}
			module_task_add(out, &(struct module_task){
				arena_printf(r->a, "/units/%s/targets", cr->u.code), cr->u.title, x.u.title,
				arena_printf(r->a, "%s %s, %s %zu/%zu %s%s%s", msg(MSG_TD_TG_BEHIND), pct(r->a, cr->score),
					     msg(MSG_TD_TG_MET), met, measured, msg(MSG_TD_TG_TARGETS),
					     ch.quarter ? " · " : "", ch.quarter ? msg_quarter(ch.quarter, arena_alloc(r->a, 24)) : ""),
				0, false});
		}
	}
	return APP_OK;
}
