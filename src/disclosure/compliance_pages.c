/*
 * compliance_pages.c — computed compliance (per unit, rolled up for a
 * province) and the quarterly disclosure register (Art. 13(2)) as a page,
 * CSV, XLSX and PDF, with their JSON API.
 */
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/csv.h"
#include "../util/log.h"
#include "../doc/doc.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/pdf.h"
#include "../util/str.h"
#include "compliance.h"
#include "dpages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define REGISTER_PAGE_ROWS 1000

/* The unit of the path (any kind with disclosing units in or below it) and
 * the period: ?quarter=YYYY-QN, or ?from=&to= dates. */
static bool period_or_respond(struct req *r, struct resp *w, struct dbc **c, struct unit *u, char from[11],
			      char to[11], char name[24])
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	enum app_err e = units_get(r->a, *c, r->param[0], u);
	if (!e && units_kind_is_village(u->kind))
		e = APP_ENOTFOUND;
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_DP_NO_DISCLOSURES) : NULL);
		return false;
	}
	int64_t today = cal_today(time(NULL)), a, b;
	const char *q = req_query(r, "quarter"), *f = req_query(r, "from"), *t = req_query(r, "to");
	char qn[8];
	if (f && *f && t && *t) {
		if (!cal_parse_date(f, &a) || !cal_parse_date(t, &b) || b < a || b - a > 3660) {
			if (r->is_api)
				http_send_json_error(r, w, APP_EINVAL, "from", msg(MSG_DC_BAD_PERIOD));
			else
				http_send_error(r, w, APP_EINVAL, msg(MSG_DC_BAD_PERIOD));
			return false;
		}
		cal_format_iso(a, from);
		cal_format_iso(b, to);
		snprintf(name, 24, "%s_%s", from, to);
		return true;
	}
	if (!quarter_parse(q, today, from, to, qn)) {
		if (r->is_api)
			http_send_json_error(r, w, APP_EINVAL, "quarter", msg(MSG_DC_BAD_QUARTER));
		else
			http_send_error(r, w, APP_EINVAL, msg(MSG_DC_BAD_QUARTER));
		return false;
	}
	snprintf(name, 24, "%s", qn);
	return true;
}

static const char *kind_label(enum compliance_kind k)
{
	static const enum msg_id ids[CK__N] = {MSG_DC_LATE, MSG_DC_OVERDUE, MSG_DC_SHORT, MSG_DC_RADIO, MSG_DC_MISSING};
	return msg(ids[k]);
}

static void period_form(struct req *r, struct html *h, const char *action, const char *name)
{
	html_printf(h, "<form method=\"get\" action=\"%s\" class=\"search noprint\">\n<label for=\"quarter\">%s</label>\n"
		       "<input id=\"quarter\" name=\"quarter\" type=\"text\" value=\"%s\" pattern=\"[0-9]{4}-Q[1-4]\" "
		       "placeholder=\"2026-Q4\">\n<button type=\"submit\">%s</button>\n</form>\n",
		    action, msg(MSG_DC_QUARTER), strchr(name, 'Q') ? name : "", msg(MSG_DITEM_SHOW));
}

/* Describes one issue (page and API share the words). The formats are
 * catalogue constants (vi.def), checked by the unit tests. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static const char *issue_text(struct req *r, const struct compliance_issue *is)
{
	switch (is->kind) {
	case CK_LATE:
		return arena_printf(r->a, msg(MSG_DC_LATE_FMT), dp_date_vn(r, is->deadline), dp_date_vn(r, is->p->start_date),
				    is->days, is->working_days);
	case CK_OVERDUE:
		return arena_printf(r->a, msg(MSG_DC_OVERDUE_FMT), dp_date_vn(r, is->deadline), is->days, is->working_days);
	case CK_SHORT:
		return arena_printf(r->a, msg(MSG_DC_SHORT_FMT), is->days, is->required,
				    *is->reason ? is->reason : msg(MSG_DC_NO_REASON));
	case CK_RADIO:
		return arena_printf(r->a, msg(MSG_DC_RADIO_FMT), is->days, is->required);
	default:
		return msg(MSG_DC_MISSING_TEXT);
	}
}
#pragma GCC diagnostic pop

/* The title of an issue's posting as the caller may see it. */
static const char *issue_title(struct req *r, const struct compliance_issue *is)
{
	if (!is->p)
		return "";
	if (posting_visible(r->user, is->p))
		return is->p->title;
	return is->p->status == POSTING_DRAFT ? msg(MSG_DC_DRAFT_HIDDEN) : msg(MSG_DP_STAFF_BADGE);
}

/* The unit and period of the request, computed; false after an error response. */
static bool compliance_or_respond(struct req *r, struct resp *w, struct unit *u, char name[24], struct compliance *cp)
{
	struct dbc *c;
	char from[11], to[11];
	if (!period_or_respond(r, w, &c, u, from, to, name))
		return false;
	enum app_err e = compliance_compute(r->a, c, u, arena_strdup(r->a, from), arena_strdup(r->a, to),
					    cal_today(time(NULL)), cp);
	if (e)
		http_send_error(r, w, e, NULL);
	return !e;
}

/* One unit's problems, each with its posting linked where the caller may see it. */
static void issues_list(struct req *r, struct html *h, const struct compliance_unit *cu, bool named)
{
	if (named)
		html_printf(h, "<h2>%s — %s</h2>\n<ul class=\"postings\">\n", msg(MSG_DC_ISSUES), cu->unit.title);
	else
		html_printf(h, "<h2>%s</h2>\n<ul class=\"postings\">\n", msg(MSG_DC_ISSUES));
	for (size_t i = 0; i < cu->nissue; i++) {
		const struct compliance_issue *is = &cu->issues[i];
		html_printf(h, "<li><span class=\"badge withdrawn\">%s</span> ", kind_label(is->kind));
		if (is->p && posting_visible(r->user, is->p))
			html_printf(h, "<a href=\"/disclosures/%lld\">%s</a>", (long long)is->p->id, issue_title(r, is));
		else if (is->p)
			html_text(h, issue_title(r, is));
		html_printf(h, "<br><span class=\"meta\">%s %d: %s</span><br>%s</li>\n", msg(MSG_DP_ITEM), is->item, is->item_title,
			    issue_text(r, is));
	}
	html_lit(h, "</ul>\n");
}

/* A rate in tenths of a percent for the bars, -1 when nothing was due. */
static long long permille(int64_t due, int64_t on_time)
{
	return due > 0 ? (long long)(on_time * 1000 / due) : -1;
}

static void rate_cell(struct html *h, int64_t due, int64_t on_time)
{
	int ur = compliance_rate(due, on_time);
	html_bar(h, permille(due, on_time), 100);
	if (ur >= 0)
		html_printf(h, "%d%%", ur);
	else
		html_lit(h, "—");
}

/* Every unit of the subtree, the furthest behind first (by rate, then by
 * what is overdue; nothing due last), ?show=behind keeping those below 100 %
 * or with a problem, and a total row that is the headline's figures. */
static void units_table(struct req *r, struct html *h, const struct compliance *cp, const char *name)
{
	bool behind = str_eq(req_query(r, "show"), "behind");
	size_t *o = arena_alloc(r->a, cp->nunit * sizeof *o), n = 0, nbehind = 0;
	for (size_t i = 0; i < cp->nunit; i++) {
		const struct compliance_unit *cu = &cp->units[i];
		bool late = compliance_rate(cu->due, cu->on_time) < 100 && cu->due > 0;
		for (int k = 0; k < CK__N; k++)
			late |= cu->count[k] > 0;
		nbehind += late;
		if (behind && !late)
			continue;
		long long pm = permille(cu->due, cu->on_time);
		int64_t bad = cu->count[CK_OVERDUE] + cu->count[CK_MISSING];
		size_t j = n++;
		for (; j > 0; j--) {
			const struct compliance_unit *p = &cp->units[o[j - 1]];
			long long ppm = permille(p->due, p->on_time);
			int64_t pbad = p->count[CK_OVERDUE] + p->count[CK_MISSING];
			/* nothing due counts as 1001: after every rate */
			long long a = pm < 0 ? 1001 : pm, b = ppm < 0 ? 1001 : ppm;
			if (b < a || (b == a && pbad >= bad))
				break;
			o[j] = o[j - 1];
		}
		o[j] = i;
	}
	html_printf(h, "<h2 id=\"by-unit\">%s</h2>\n<p>%s</p>\n", msg(MSG_DC_BY_UNIT), msg(MSG_DC_WORST_FIRST));
	/* the filter: the one shown in bold, the other a link */
	const char *q = strchr(name, 'Q') ? name : "";
	html_printf(h, "<p class=\"menu-inline\">%s ", msg(MSG_DC_SHOW));
	if (behind)
		html_printf(h, "<a href=\"?quarter=%s#by-unit\">%s (%zu)</a> · <strong>%s (%zu)</strong></p>\n", q, msg(MSG_DC_SHOW_ALL),
			    cp->nunit, msg(MSG_DC_SHOW_BEHIND), nbehind);
	else
		html_printf(h, "<strong>%s (%zu)</strong> · <a href=\"?quarter=%s&amp;show=behind#by-unit\">%s (%zu)</a></p>\n",
			    msg(MSG_DC_SHOW_ALL), cp->nunit, q, msg(MSG_DC_SHOW_BEHIND), nbehind);
	html_printf(h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		    msg(MSG_DC_UNIT), msg(MSG_DC_DUE), msg(MSG_DC_ON_TIME), msg(MSG_DC_RATE));
	for (int k = 0; k < CK__N; k++)
		html_printf(h, "<th scope=\"col\">%s</th>", kind_label(k));
	html_lit(h, "</tr></thead>\n<tbody>\n");
	for (size_t x = 0; x < n; x++) {
		const struct compliance_unit *cu = &cp->units[o[x]];
		html_printf(h, "<tr><th scope=\"row\"><a href=\"/units/%s/disclosure-compliance?quarter=%s\">%s</a></th>"
			       "<td data-label=\"%s\">%lld</td><td data-label=\"%s\">%lld</td><td data-label=\"%s\">",
			    cu->unit.code, strchr(name, 'Q') ? name : "", cu->unit.title, msg(MSG_DC_DUE), (long long)cu->due,
			    msg(MSG_DC_ON_TIME), (long long)cu->on_time, msg(MSG_DC_RATE));
		rate_cell(h, cu->due, cu->on_time);
		html_lit(h, "</td>");
		for (int k = 0; k < CK__N; k++)
			html_printf(h, "<td data-label=\"%s\">%lld</td>", kind_label(k), (long long)cu->count[k]);
		html_lit(h, "</tr>\n");
	}
	/* the headline's figures: the pooled total of every unit, whatever the filter */
	html_printf(h, "</tbody>\n<tfoot><tr><th scope=\"row\">%s (%zu)</th><td data-label=\"%s\">%lld</td><td data-label=\"%s\">%lld</td><td data-label=\"%s\">",
		    msg(MSG_DC_TOTAL), cp->nunit, msg(MSG_DC_DUE), (long long)cp->due, msg(MSG_DC_ON_TIME),
		    (long long)cp->on_time, msg(MSG_DC_RATE));
	rate_cell(h, cp->due, cp->on_time);
	html_lit(h, "</td>");
	for (int k = 0; k < CK__N; k++)
		html_printf(h, "<td data-label=\"%s\">%lld</td>", kind_label(k), (long long)cp->count[k]);
	html_lit(h, "</tr></tfoot>\n</table></div>\n");
}

/* GET /units/{code}/disclosure-compliance?quarter= */
void page_disclosure_compliance(struct req *r, struct resp *w)
{
	struct unit u;
	char name[24];
	struct compliance cp;
	if (!compliance_or_respond(r, w, &u, name, &cp))
		return;
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_DC_TITLE), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, title);
	if (catalogue_scope_of_kind(u.kind))
		dp_unit_links(r, &h, &u);
	html_printf(&h, "<p>%s %s %s %s. %s</p>\n", msg(MSG_DC_LEAD), dp_date_vn(r, cp.from), msg(MSG_DP_TO_DATE),
		    dp_date_vn(r, cp.to), msg(MSG_DC_HOW));
	period_form(r, &h, arena_printf(r->a, "/units/%s/disclosure-compliance", u.code), name);
	int rate = compliance_rate(cp.due, cp.on_time);
	if (cp.nunit > 1)
		html_printf(&h, "<p>%s %zu %s</p>\n", msg(MSG_DC_POOLED_LEAD), cp.nunit, msg(MSG_DC_POOLED_UNITS));
	html_printf(&h, "<ul class=\"stats\">\n<li><span>%s</span> <strong>%lld</strong></li>\n", msg(MSG_DC_DUE), (long long)cp.due);
	html_printf(&h, "<li><span>%s</span> <strong>%lld</strong></li>\n", msg(MSG_DC_ON_TIME), (long long)cp.on_time);
	if (rate >= 0)
		html_printf(&h, "<li><span>%s</span> <strong>%d%%</strong></li>\n", msg(MSG_DC_RATE), rate);
	for (int k = 0; k < CK__N; k++)
		html_printf(&h, "<li><span>%s</span> <strong>%lld</strong></li>\n", kind_label(k), (long long)cp.count[k]);
	html_lit(&h, "</ul>\n");
	if (cp.nunit > 1) {
		units_table(r, &h, &cp, name);
	}
	/* what is wrong, posting by posting, with links: at a commune or an
	 * agency (a province's list is every commune's: it links to them) */
	if (strcmp(u.kind, "province")) {
		bool any = false;
		for (size_t i = 0; i < cp.nunit; i++)
			if (cp.units[i].nissue) {
				issues_list(r, &h, &cp.units[i], cp.nunit > 1);
				any = true;
			}
		if (!any)
			html_printf(&h, "<p class=\"ok\">%s</p>\n", msg(MSG_DC_ALL_GOOD));
	}
	layout_end(r, &h);
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/disclosure-compliance?quarter= */
void api_disclosure_compliance(struct req *r, struct resp *w)
{
	struct unit u;
	char name[24];
	struct compliance cp;
	if (!compliance_or_respond(r, w, &u, name, &cp))
		return;
	json_t *units = json_array();
	for (size_t i = 0; i < cp.nunit; i++) {
		const struct compliance_unit *cu = &cp.units[i];
		json_t *issues = json_array();
		for (size_t k = 0; k < cu->nissue; k++) {
			const struct compliance_issue *is = &cu->issues[k];
			json_t *o = json_pack("{s:s, s:i, s:s}", "kind", compliance_kind_codes[is->kind], "item", is->item, "text",
					      issue_text(r, is));
			if (is->p) {
				json_object_set_new(o, "posting", json_integer(is->p->id));
				json_object_set_new(o, "title", json_string(issue_title(r, is)));
			}
			if (is->deadline)
				json_object_set_new(o, "deadline", json_string(is->deadline));
			if (is->kind != CK_MISSING)
				json_object_set_new(o, "days", json_integer(is->days));
			if (is->kind == CK_LATE || is->kind == CK_OVERDUE)
				json_object_set_new(o, "working_days", json_integer(is->working_days));
			if (is->required)
				json_object_set_new(o, "required", json_integer(is->required));
			if (*is->reason)
				json_object_set_new(o, "reason", json_string(is->reason));
			json_array_append_new(issues, o);
		}
		json_t *counts = json_object();
		for (int k = 0; k < CK__N; k++)
			json_object_set_new(counts, compliance_kind_codes[k], json_integer(cu->count[k]));
		int ur = compliance_rate(cu->due, cu->on_time);
		json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "unit", cu->unit.code, "title",
						       cu->unit.title, "kind", cu->unit.kind, "due", (json_int_t)cu->due, "on_time",
						       (json_int_t)cu->on_time, "rate", ur >= 0 ? json_integer(ur) : json_null(),
						       "counts", counts, "issues", issues));
	}
	json_t *counts = json_object();
	for (int k = 0; k < CK__N; k++)
		json_object_set_new(counts, compliance_kind_codes[k], json_integer(cp.count[k]));
	int rate = compliance_rate(cp.due, cp.on_time);
	http_send_json(w, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "unit", u.code, "from", cp.from, "to", cp.to,
				    "computed_on", cp.today, "due", (json_int_t)cp.due, "on_time", (json_int_t)cp.on_time, "rate",
				    rate >= 0 ? json_integer(rate) : json_null(), "counts", counts, "units", units));
	w->max_age = 60;
}

/* ---- the register ---- */

struct reg {
	struct unit u;
	char from[11], to[11], name[24];
	struct posting *ps;
	size_t n;
	const char *today;
};

static bool register_or_respond(struct req *r, struct resp *w, struct reg *g)
{
	struct dbc *c;
	if (!period_or_respond(r, w, &c, &g->u, g->from, g->to, g->name))
		return false;
	g->today = dp_today(r);
	enum app_err e = register_rows(r->a, c, &g->u, g->from, g->to, posting_member(r->user, g->u.path), &g->ps, &g->n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	return true;
}

/* The columns of a register row, as text (shared by CSV, XLSX, PDF). */
#define REG_COLS 11
static void reg_cells(struct req *r, const struct reg *g, size_t i, const char *cell[REG_COLS])
{
	const struct posting *p = &g->ps[i];
	struct buf b;
	buf_init(&b);
	char *forms = arena_strdup(r->a, p->forms);
	for (char *save = NULL, *t = strtok_r(forms, ";", &save); t; t = strtok_r(NULL, ";", &save))
		buf_printf(&b, "%s%s", b.n ? ", " : "", msg_form(t));
	int64_t a, e;
	cell[0] = arena_printf(r->a, "%zu", i + 1);
	cell[1] = p->unit.title;
	cell[2] = arena_printf(r->a, "%d. %s", p->item.number, p->item.title);
	cell[3] = p->title;
	cell[4] = arena_strdup(r->a, buf_str(&b));
	cell[5] = p->start_date;
	cell[6] = *p->end_date ? p->end_date : msg(MSG_DITEM_PERMANENT_LABEL);
	cell[7] = *p->end_date && cal_parse_date(p->start_date, &a) && cal_parse_date(p->end_date, &e)
			  ? arena_printf(r->a, "%lld", (long long)(e - a + 1))
			  : "";
	cell[8] = dp_state_label(posting_state(p, g->today));
	cell[9] = arena_printf(r->a, "%d", p->version);
	cell[10] = arena_printf(r->a, "%s/disclosures/%lld", app_public_url(r), (long long)p->id);
	buf_reset(&b);
}

static const enum msg_id reg_head[REG_COLS] = {MSG_DITEM_NO, MSG_DC_UNIT, MSG_DP_ITEM, MSG_DP_TITLE, MSG_DITEM_FORMS,
						MSG_DR_START, MSG_DR_END, MSG_DR_DAYS, MSG_DP_STATE, MSG_DP_VERSION,
						MSG_DR_LINK};

/* GET /units/{code}/disclosure-register?quarter= */
void page_disclosure_register(struct req *r, struct resp *w)
{
	struct reg g;
	if (!register_or_respond(r, w, &g))
		return;
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_DR_TITLE), g.u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), g.u.code, g.u.title, title);
	if (catalogue_scope_of_kind(g.u.kind))
		dp_unit_links(r, &h, &g.u);
	html_printf(&h, "<p>%s %s %s %s (%s).</p>\n", msg(MSG_DR_LEAD), dp_date_vn(r, g.from), msg(MSG_DP_TO_DATE),
		    dp_date_vn(r, g.to), msg(MSG_DR_BASIS));
	period_form(r, &h, arena_printf(r->a, "/units/%s/disclosure-register", g.u.code), g.name);
	const char *qs = strchr(g.name, 'Q') ? arena_printf(r->a, "?quarter=%s", g.name)
					     : arena_printf(r->a, "?from=%s&to=%s", g.from, g.to);
	html_printf(&h, "<p class=\"noprint\">%s: ", msg(MSG_DR_DOWNLOAD));
	static const char *const ext[] = {"csv", "xlsx", "pdf"};
	for (int k = 0; k < 3; k++) {
		html_printf(&h, "%s<a href=\"/units/%s/disclosure-register.%s", k ? " · " : "", g.u.code, ext[k]);
		html_text(&h, qs);
		html_printf(&h, "\">%s</a>", ext[k]);
	}
	html_printf(&h, "</p>\n<p>%s: <strong>", msg(MSG_DR_ROWS));
	html_count(&h, (int64_t)g.n);
	html_lit(&h, "</strong></p>\n");
	if (!g.n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_DP_EMPTY));
	} else {
		html_lit(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr>");
		for (int k = 0; k < REG_COLS - 1; k++)
			html_printf(&h, "<th scope=\"col\">%s</th>", msg(reg_head[k]));
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < g.n && i < REGISTER_PAGE_ROWS; i++) {
			const char *cell[REG_COLS];
			reg_cells(r, &g, i, cell);
			html_lit(&h, "<tr>");
			for (int k = 0; k < REG_COLS - 1; k++) {
				html_printf(&h, "<td data-label=\"%s\">", msg(reg_head[k]));
				if (k == 3)
					html_printf(&h, "<a href=\"/disclosures/%lld\">%s</a>", (long long)g.ps[i].id, cell[k]);
				else
					html_text(&h, k == 5 ? dp_date_vn(r, cell[k]) : k == 6 && *g.ps[i].end_date ? dp_date_vn(r, cell[k]) : cell[k]);
				html_lit(&h, "</td>");
			}
			html_lit(&h, "</tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
		if (g.n > REGISTER_PAGE_ROWS)
			html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_DR_TRUNCATED));
	}
	layout_end(r, &h);
	w->max_age = 60;
}

static void attachment_name(struct req *r, struct resp *w, const struct reg *g, const char *ext)
{
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"so-cong-khai-%s-%s.%s\"", g->u.code, g->name, ext));
}

/* GET /units/{code}/disclosure-register.csv?quarter= */
void page_disclosure_register_csv(struct req *r, struct resp *w)
{
	struct reg g;
	if (!register_or_respond(r, w, &g))
		return;
	csv_bom(&w->body);
	for (int k = 0; k < REG_COLS; k++)
		csv_field(&w->body, msg(reg_head[k]), k == 0);
	csv_end_row(&w->body);
	for (size_t i = 0; i < g.n; i++) {
		const char *cell[REG_COLS];
		reg_cells(r, &g, i, cell);
		for (int k = 0; k < REG_COLS; k++)
			csv_field(&w->body, cell[k], k == 0);
		csv_end_row(&w->body);
	}
	w->ctype = "text/csv; charset=utf-8";
	attachment_name(r, w, &g, "csv");
	w->max_age = 60;
}

/* GET /units/{code}/disclosure-register.xlsx?quarter= */
void page_disclosure_register_xlsx(struct req *r, struct resp *w)
{
	struct reg g;
	if (!register_or_respond(r, w, &g))
		return;
	char path[] = "/tmp/coso-register-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		http_send_error(r, w, APP_EIO, NULL);
		return;
	}
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, g.name) : NULL;
	lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
	enum app_err e = ws ? APP_OK : APP_EIO;
	if (!e) {
		format_set_bold(bold);
		static const double widths[REG_COLS] = {5, 24, 40, 48, 30, 12, 12, 8, 20, 8, 40};
		for (int k = 0; k < REG_COLS; k++) {
			worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
			worksheet_write_string(ws, 0, (lxw_col_t)k, msg(reg_head[k]), bold);
		}
		for (size_t i = 0; i < g.n; i++) {
			const char *cell[REG_COLS];
			reg_cells(r, &g, i, cell);
			for (int k = 0; k < REG_COLS; k++) {
				lxw_row_t row = (lxw_row_t)(i + 1);
				if ((k == 0 || k == 7 || k == 9) && *cell[k])
					worksheet_write_number(ws, row, (lxw_col_t)k, strtod(cell[k], NULL), NULL);
				else /* write_string never makes a formula of text */
					worksheet_write_string(ws, row, (lxw_col_t)k, cell[k], NULL);
			}
		}
	}
	if (wb && workbook_close(wb) != LXW_NO_ERROR)
		e = APP_EIO;
	size_t n = 0;
	char *data = e ? NULL : buf_read_file(path, &n);
	unlink(path);
	if (!data) {
		log_msg(LOG_ERROR, "register: cannot write the XLSX file");
		http_send_error(r, w, APP_EIO, NULL);
		return;
	}
	buf_append(&w->body, data, n);
	free(data);
	w->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	attachment_name(r, w, &g, "xlsx");
	w->max_age = 60;
}

/* The register of many units in print: per unit, how many postings were on
 * display, by state, with the CSV/XLSX addresses for the detail. */
static void register_pdf_summary(struct req *r, struct pdf *d, const struct reg *g)
{
	static const double wd[5] = {0.46, 0.14, 0.14, 0.13, 0.13};
	const char *hd[5] = {msg(MSG_DC_UNIT), msg(MSG_DR_ROWS), msg(MSG_DP_STATE_CURRENT), msg(MSG_DP_STATE_ARCHIVED),
			     msg(MSG_DP_STATE_WITHDRAWN)};
	pdf_row(d, hd, wd, 5, 9, true);
	for (size_t i = 0; i < g->n;) {
		size_t k = i;
		int64_t cnt[3] = {0, 0, 0};
		for (; k < g->n && g->ps[k].unit.id == g->ps[i].unit.id; k++) {
			const char *st = posting_state(&g->ps[k], g->today);
			cnt[!strcmp(st, "archived") ? 1 : !strcmp(st, "withdrawn") ? 2 : 0]++;
		}
		const char *row[5] = {g->ps[i].unit.title, arena_printf(r->a, "%zu", k - i),
				      arena_printf(r->a, "%lld", (long long)cnt[0]), arena_printf(r->a, "%lld", (long long)cnt[1]),
				      arena_printf(r->a, "%lld", (long long)cnt[2])};
		pdf_row(d, row, wd, 5, 9, false);
		i = k;
	}
	pdf_space(d, 8);
	pdf_para(d, arena_printf(r->a, "%s: %zu. %s %s/units/%s/disclosure-register.xlsx?quarter=%s", msg(MSG_DR_ROWS), g->n,
				 msg(MSG_DR_DETAIL_IN), app_public_url(r), g->u.code, g->name),
		 9, 0, PDF_LEFT);
}

struct register_paper {
	struct req *r;
	const struct reg *g;
	const struct doc_record *d; /* NULL: the quarter is not over, or not a commune's */
	struct doc_issuer is;
	struct doc_signer sg;
};

static enum app_err register_make(void *arg, struct buf *out)
{
	struct register_paper *rp = arg;
	struct req *r = rp->r;
	const struct reg *g = rp->g;
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_DR_TITLE), g->u.title);
	struct doc_head h = {.type = DOC_REPORT, .issuer = &rp->is, .number = rp->d ? rp->d->number : NULL,
			     .day = cal_today((time_t)(rp->d ? rp->d->issued_at : time(NULL))), .title = msg(MSG_DR_TITLE_UPPER),
			     .subject = arena_printf(r->a, "%s %s %s %s", msg(MSG_DR_LEAD), dp_date_vn(r, g->from),
						     msg(MSG_DP_TO_DATE), dp_date_vn(r, g->to)),
			     .mark = rp->d ? NULL : msg(MSG_DR_PROVISIONAL), .created = rp->d ? rp->d->issued_at : 0,
			     .landscape = true};
	struct pdf *d = doc_begin(&h, title);
	doc_para(d, arena_printf(r->a, "%s %s.", msg(MSG_PDF_BASIS), msg(MSG_DR_BASIS)));
	if (!catalogue_scope_of_kind(g->u.kind)) {
		/* a province: one line per unit (thousands of postings would make a
		 * book nobody prints; the detail is in the CSV and XLSX files) */
		register_pdf_summary(r, d, g);
	} else {
		/* dates wide enough for dd/mm/yyyy on one line */
		static const double wd[9] = {0.04, 0.13, 0.19, 0.22, 0.13, 0.085, 0.085, 0.05, 0.05};
		static const int cols[9] = {0, 1, 2, 3, 4, 5, 6, 7, 9};
		const char *hd[9];
		for (int k = 0; k < 9; k++)
			hd[k] = msg(reg_head[cols[k]]);
		pdf_row(d, hd, wd, 9, 9, true);
		for (size_t i = 0; i < g->n; i++) {
			const char *cell[REG_COLS], *row[9];
			reg_cells(r, g, i, cell);
			for (int k = 0; k < 9; k++)
				row[k] = cols[k] == 5 || (cols[k] == 6 && *g->ps[i].end_date) ? dp_date_vn(r, cell[cols[k]])
												 : cell[cols[k]];
			pdf_row(d, row, wd, 9, 9, false);
		}
	}
	if (!g->n)
		doc_para(d, msg(MSG_DP_EMPTY));
	const char *to[4];
	dp_recipients(r->a, &rp->is, to);
	to[2] = to[3];
	doc_end(d, &rp->sg, to, 3);
	return pdf_finish(d, out);
}

/* GET /units/{code}/disclosure-register.pdf?quarter= — one unit: every posting;
 * a province: a line per unit. A commune's register of a quarter that is over
 * is numbered, and signed when the commune holds a key. */
void page_disclosure_register_pdf(struct req *r, struct resp *w)
{
	struct reg g;
	if (!register_or_respond(r, w, &g))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct register_paper rp = {.r = r, .g = &g};
	unit_doc_issuer(r, c, &g.u, &rp.is, &rp.sg);
	struct doc_record d;
	enum app_err e = APP_OK;
	if (units_kind_is_commune_level(g.u.kind) && strcmp(g.to, g.today) < 0) {
		e = register_doc(r->app->db, r->a, c, &g.u, g.name,
				 arena_printf(r->a, "%s %s", msg(MSG_DR_TITLE), msg_quarter(g.name, arena_alloc(r->a, 24))),
				 time(NULL), &d);
		if (!e)
			rp.d = &d;
	}
	if (!e)
		e = rp.d ? doc_pdf(r->app->db, rp.d, g.u.code, register_make, &rp, &w->body) : register_make(&rp, &w->body);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	attachment_name(r, w, &g, "pdf");
	w->max_age = 60;
}

/* GET /api/v1/units/{code}/disclosure-register?quarter= */
void api_disclosure_register(struct req *r, struct resp *w)
{
	struct reg g;
	if (!register_or_respond(r, w, &g))
		return;
	json_t *rows = json_array();
	for (size_t i = 0; i < g.n; i++) {
		const struct posting *p = &g.ps[i];
		char *forms = arena_strdup(r->a, p->forms);
		json_t *fa = json_array();
		for (char *save = NULL, *t = strtok_r(forms, ";", &save); t; t = strtok_r(NULL, ";", &save))
			json_array_append_new(fa, json_string(t));
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:i, s:s, s:o, s:s, s:o, s:s, s:i}", "posting",
						      (json_int_t)p->id, "unit", p->unit.code, "item_scope", p->item.scope,
						      "item", p->item.number, "title", p->title, "forms", fa, "start_date",
						      p->start_date, "end_date", *p->end_date ? json_string(p->end_date) : json_null(),
						      "state", posting_state(p, g.today), "version", p->version));
	}
	http_send_array_page(r, w, rows, json_pack("{s:s, s:s, s:s}", "unit", g.u.code, "from", g.from, "to", g.to));
	w->max_age = 60;
}
