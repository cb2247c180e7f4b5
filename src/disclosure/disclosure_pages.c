/*
 * disclosure_pages.c — postings for people and programs: a unit's list with
 * filters and search, a page per posting with its versions and files, the
 * officer's forms (draft, publish, correct, withdraw), file downloads, the
 * Atom feed, the printable notice (PDF) and the JSON API.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../ledger/ledger.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/pdf.h"
#include "../util/str.h"
#include "../util/xalloc.h"
#include "dpages.h"
#include "../doc/doc.h"
#include <cmark.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_SIZE 20 /* a cheap phone on a slow network: a short page */

/* ---- helpers shared with compliance_pages.c and requests_pages.c (dpages.h) ---- */

const char *dp_date_vn(struct req *r, const char *iso)
{
	int64_t d;
	if (!iso || !*iso || !cal_parse_date(iso, &d))
		return "";
	char *o = arena_alloc(r->a, 11);
	cal_format_vn(d, o);
	return o;
}

const char *dp_time_vn(struct req *r, int64_t t)
{
	char *o = arena_alloc(r->a, MSG_TIME_LEN);
	msg_time((long long)t, o);
	return o;
}

const char *dp_today(struct req *r)
{
	char *o = arena_alloc(r->a, 11);
	cal_format_iso(cal_today(time(NULL)), o);
	return o;
}

bool dp_unit_or_respond(struct req *r, struct resp *w, const char *code, struct dbc **c, struct unit *u)
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	enum app_err e = units_get(r->a, *c, code, u);
	if (!e && !catalogue_scope_of_kind(u->kind))
		e = APP_ENOTFOUND;
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_DP_NO_DISCLOSURES) : NULL);
		return false;
	}
	return true;
}

bool dp_versions_or_respond(struct req *r, struct resp *w, struct dbc *c, const struct posting *p,
			    struct posting_version **vs, size_t *nv)
{
	enum app_err e = posting_versions(r->a, c, p->id, vs, nv);
	if (e || !*nv)
		http_send_error(r, w, e ? e : APP_EDB, NULL);
	return !e && *nv;
}

bool dp_publisher_unit_or_respond(struct req *r, struct resp *w, struct dbc **c, struct unit *u)
{
	if (!dp_unit_or_respond(r, w, r->param[0], c, u))
		return false;
	if (!posting_may_publish(r->user, u)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_ERR_SCOPE));
		return false;
	}
	return true;
}

json_t *dp_list_json(struct arena *a, const char *forms)
{
	json_t *v = json_array();
	char *copy = arena_strdup(a, forms);
	for (char *save = NULL, *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save))
		json_array_append_new(v, json_string(t));
	return v;
}

/* Loads the posting of the path parameter and checks that the caller may
 * read it: drafts only for those who may publish (404 for others, so that
 * a draft's existence does not leak), staff postings only for staff. */
bool dp_posting_or_respond(struct req *r, struct resp *w, struct dbc **c, struct posting *p)
{
	int64_t id;
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	enum app_err e = str_to_i64(r->param[0], 1, INT64_MAX, &id) ? APP_ENOTFOUND : posting_get(r->a, *c, id, p);
	if (!e && p->status == POSTING_DRAFT && !posting_may_publish(r->user, &p->unit))
		e = APP_ENOTFOUND;
	if (!e && !posting_visible(r->user, p))
		e = r->user ? APP_EFORBID : APP_EAUTH;
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_DP_NOT_FOUND)
					 : e == APP_EFORBID ? msg(MSG_DP_STAFF_ONLY)
							    : NULL);
		return false;
	}
	return true;
}

/* posting_or_respond for an officer who may publish for its unit, with the
 * posting in the given status (409 with conflict_msg otherwise). */
static bool officer_posting_or_respond(struct req *r, struct resp *w, struct dbc **c, struct posting *p,
				       enum posting_status status, enum msg_id conflict_msg)
{
	if (!dp_posting_or_respond(r, w, c, p))
		return false;
	if (!posting_may_publish(r->user, &p->unit)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_ERR_SCOPE));
		return false;
	}
	if (p->status != status) {
		http_send_error(r, w, APP_ECONFLICT, msg(conflict_msg));
		return false;
	}
	return true;
}

const char *dp_state_label(const char *state)
{
	return !strcmp(state, "draft")       ? msg(MSG_DP_STATE_DRAFT)
	       : !strcmp(state, "withdrawn") ? msg(MSG_DP_STATE_WITHDRAWN)
	       : !strcmp(state, "archived")  ? msg(MSG_DP_STATE_ARCHIVED)
					     : msg(MSG_DP_STATE_CURRENT);
}

void dp_forms_text(struct req *r, struct html *h, const char *forms)
{
	char *copy = arena_strdup(r->a, forms);
	bool first = true;
	for (char *save = NULL, *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		html_printf(h, "%s%s", first ? "" : ", ", msg_form(t));
		first = false;
	}
}

/* "từ 01/11/2026 đến hết 30/11/2026 (30 ngày)" or "thường xuyên" */
const char *dp_period_text(struct req *r, const struct posting *p)
{
	if (!*p->start_date)
		return p->period_days ? arena_printf(r->a, "%d %s", p->period_days, msg(MSG_DITEM_DAYS))
				      : msg(MSG_DITEM_PERMANENT_LABEL);
	if (!*p->end_date)
		return arena_printf(r->a, "%s %s (%s)", msg(MSG_DP_FROM), dp_date_vn(r, p->start_date),
				    msg(MSG_DITEM_PERMANENT_LABEL));
	int64_t a, b;
	cal_parse_date(p->start_date, &a);
	cal_parse_date(p->end_date, &b);
	return arena_printf(r->a, "%s %s %s %s (%lld %s)", msg(MSG_DP_FROM), dp_date_vn(r, p->start_date),
			    msg(MSG_DP_UNTIL_END), dp_date_vn(r, p->end_date), (long long)(b - a + 1),
			    msg(MSG_DITEM_DAYS));
}

/* ---- the list ---- */

static const char *const states[] = {"current", "archived", "withdrawn"};

void dp_unit_links(struct req *r, struct html *h, const struct unit *u)
{
	html_lit(h, "<p class=\"menu-inline\">");
	html_printf(h, "<a href=\"/units/%s/disclosures\">%s</a> · ", u->code, msg(MSG_DP_LIST));
	html_printf(h, "<a href=\"/units/%s/disclosure-compliance\">%s</a> · ", u->code, msg(MSG_DC_TITLE));
	html_printf(h, "<a href=\"/units/%s/disclosure-register\">%s</a> · ", u->code, msg(MSG_DR_TITLE));
	if (catalogue_scope_of_kind(u->kind))
		html_printf(h, "<a href=\"/units/%s/information-requests/new\">%s</a> · ", u->code,
			    msg(MSG_IR_NEW));
	html_printf(h, "<a href=\"/disclosure-items?scope=%s\">%s</a></p>\n",
		    catalogue_scope_of_kind(u->kind) ? catalogue_scope_of_kind(u->kind) : "", msg(MSG_DITEM_FOR_UNIT));
}

/* The site search's postings (disclosure_module.c): published, public ones,
 * by the words of their title and content, newest first. */
enum app_err disclosure_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out)
{
	struct posting_filter f = {.path = "/", .q = q, .today = dp_today(r), .limit = (int)out->limit};
	struct posting *ps;
	size_t n;
	enum app_err e = posting_list(r->a, c, &f, &ps, &n, NULL, NULL);
	for (size_t i = 0; !e && i < n; i++)
		module_hit_add(out, &(struct module_hit){arena_printf(r->a, "/disclosures/%lld", (long long)ps[i].id),
							 ps[i].title, msg(MSG_DP_LIST), units_where(r->a, c, &ps[i].unit, true)});
	return e;
}

/* The unit page's section (disclosure_module.c): the unit's postings,
 * compliance, register and requests for information. */
void disclosure_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *unit)
{
	const struct unit u = *unit;
	const char *dscope = catalogue_scope_of_kind(u.kind);
	if (dscope)
		html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/disclosures\">%s</a></li>"
				"<li><a href=\"/units/%s/disclosure-compliance\">%s</a></li>"
				"<li><a href=\"/units/%s/disclosure-register\">%s</a></li>"
				"<li><a href=\"/units/%s/information-requests/new\">%s</a></li>"
				"<li><a href=\"/disclosure-items?scope=%s\">%s</a></li></ul>\n",
			    msg(MSG_DP_LIST), u.code, msg(MSG_DP_LIST), u.code, msg(MSG_DC_TITLE), u.code, msg(MSG_DR_TITLE),
			    u.code, msg(MSG_IR_NEW), dscope, msg(MSG_DITEM_FOR_UNIT));
	else if (!units_kind_is_village(u.kind))
		html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/disclosure-compliance\">%s</a></li>"
				"<li><a href=\"/units/%s/disclosure-register\">%s</a></li></ul>\n",
			    msg(MSG_DP_LIST), u.code, msg(MSG_DC_TITLE), u.code, msg(MSG_DR_TITLE));
}

static void list_item(struct req *r, struct html *h, const struct posting *p, const char *today)
{
	const char *st = posting_state(p, today);
	html_printf(h, "<li><a href=\"/disclosures/%lld\">%s</a> <span class=\"badge %s\">%s</span>", (long long)p->id,
		    p->title, st, dp_state_label(st));
	if (!p->is_public)
		html_printf(h, " <span class=\"badge private\">%s</span>", msg(MSG_DP_STAFF_BADGE));
	if (p->version > 1)
		html_printf(h, " <span class=\"badge\">%s %d</span>", msg(MSG_DP_VERSION), p->version);
	html_printf(h, "<br><span class=\"meta\">%s %d · %s</span>", msg(MSG_DP_ITEM), p->item.number, p->item.title);
	html_printf(h, "<br><span class=\"meta\">%s: %s</span></li>\n", msg(MSG_DP_PERIOD), dp_period_text(r, p));
}

/* GET /units/{code}/disclosures?q=&item=&state=&from=&to=&page= */
void page_unit_disclosures(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_unit_or_respond(r, w, r->param[0], &c, &u))
		return;
	const char *scope = catalogue_scope_of_kind(u.kind), *today = dp_today(r);
	bool staff = posting_member(r->user, u.path), publisher = posting_may_publish(r->user, &u);
	struct posting_filter f = {.unit = &u, .today = today, .include_private = staff, .limit = PAGE_SIZE + 1};
	const char *q = req_query(r, "q"), *state = req_query(r, "state"), *item = req_query(r, "item");
	const char *from = req_query(r, "from"), *to = req_query(r, "to"), *page = req_query(r, "page");
	int64_t v, pg = 1;
	if (q && *q)
		f.q = q;
	if (item && *item && !str_to_i64(item, 1, 99, &v))
		f.item = (int)v;
	if (state && (!strcmp(state, "current") || !strcmp(state, "archived") || !strcmp(state, "withdrawn") ||
		      (publisher && !strcmp(state, "draft"))))
		f.state = state;
	int64_t d;
	if (from && cal_parse_date(from, &d)) {
		char *t = arena_alloc(r->a, 11);
		cal_format_iso(d, t);
		f.from = t;
	}
	if (to && cal_parse_date(to, &d)) {
		char *t = arena_alloc(r->a, 11);
		cal_format_iso(d, t);
		f.to = t;
	}
	if (page && !str_to_i64(page, 1, 10000, &pg))
		f.offset = (int)((pg - 1) * PAGE_SIZE);
	struct posting *ps;
	size_t n;
	struct ditem *items;
	size_t nitems;
	enum app_err e = posting_list(r->a, c, &f, &ps, &n, NULL, NULL);
	if (!e)
		e = catalogue_in_force(r->a, c, today, scope, &items, &nitems);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_DP_LIST), u.title);
	h.feed_href = arena_printf(r->a, "/units/%s/disclosures.atom", u.code);
	h.feed_title = title;
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><strong>%s</strong></li></ol></nav>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, msg(MSG_DP_LIST));
	html_printf(&h, "<h1>%s</h1>\n", title);
	dp_unit_links(r, &h, &u);
	if (publisher)
		html_printf(&h, "<p><a class=\"button\" href=\"/units/%s/disclosures/new\">%s</a> "
				"<a href=\"/units/%s/disclosures?state=draft\">%s</a></p>\n",
			    u.code, msg(MSG_DP_NEW), u.code, msg(MSG_DP_DRAFTS));
	/* filters */
	html_printf(&h, "<form method=\"get\" action=\"/units/%s/disclosures\" class=\"filters\" role=\"search\">\n",
		    u.code);
	html_printf(&h, "<p><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></p>\n",
		    msg(MSG_DP_SEARCH), f.q ? f.q : "");
	/* the other filters folded, so that the first result is on a phone's first screen */
	bool filtering = f.item || f.state || f.from || f.to;
	html_printf(&h, "<details class=\"more\"%s><summary>%s</summary>\n", filtering ? " open" : "", msg(MSG_DP_MORE_FILTERS));
	html_printf(&h, "<p><label for=\"item\">%s</label><select id=\"item\" name=\"item\"><option value=\"\">%s</option>",
		    msg(MSG_DP_ITEM), msg(MSG_DP_ALL));
	for (size_t i = 0; i < nitems; i++)
		html_printf(&h, "<option value=\"%d\"%s>%d. %s</option>", items[i].number,
			    f.item == items[i].number ? " selected" : "", items[i].number, items[i].title);
	html_printf(&h, "</select></p>\n<p><label for=\"state\">%s</label><select id=\"state\" name=\"state\">"
			"<option value=\"\">%s</option>",
		    msg(MSG_DP_STATE), msg(MSG_DP_ALL));
	for (size_t i = 0; i < 3; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", states[i],
			    f.state && !strcmp(f.state, states[i]) ? " selected" : "", dp_state_label(states[i]));
	if (publisher)
		html_printf(&h, "<option value=\"draft\"%s>%s</option>", f.state && !strcmp(f.state, "draft") ? " selected" : "",
			    dp_state_label("draft"));
	html_printf(&h, "</select></p>\n<p><label for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"date\" value=\"%s\"></p>\n"
			"<p><label for=\"to\">%s</label><input id=\"to\" name=\"to\" type=\"date\" value=\"%s\"></p>\n</details>\n"
			"<p><button type=\"submit\">%s</button></p>\n</form>\n",
		    msg(MSG_DP_FROM_DATE), f.from ? f.from : "", msg(MSG_DP_TO_DATE), f.to ? f.to : "", msg(MSG_DITEM_SHOW));
	size_t shown = n > PAGE_SIZE ? PAGE_SIZE : n;
	if (!shown) {
		html_printf(&h, "<p>%s</p>\n", f.q ? msg(MSG_DP_NO_RESULTS) : msg(MSG_DP_EMPTY));
	} else {
		html_lit(&h, "<ul class=\"postings\">\n");
		for (size_t i = 0; i < shown; i++)
			list_item(r, &h, &ps[i], today);
		html_lit(&h, "</ul>\n");
	}
	if (pg > 1 || n > PAGE_SIZE) {
		html_lit(&h, "<p class=\"pager\">");
		for (int k = 0; k < 2; k++) {
			int64_t target = k == 0 ? pg - 1 : pg + 1;
			if ((k == 0 && pg <= 1) || (k == 1 && n <= PAGE_SIZE))
				continue;
			html_printf(&h, "<a href=\"/units/%s/disclosures?page=%lld&amp;item=%d&amp;state=%s&amp;from=%s&amp;to=%s&amp;q=",
				    u.code, (long long)target, f.item, f.state ? f.state : "", f.from ? f.from : "",
				    f.to ? f.to : "");
			html_url_arg(&h, f.q ? f.q : "");
			html_printf(&h, "\">%s</a>", k == 0 ? msg(MSG_PREV) : msg(MSG_NEXT));
		}
		html_lit(&h, "</p>\n");
	}
	html_printf(&h, "<p class=\"meta\"><a href=\"/units/%s/disclosures.atom\">%s</a></p>\n", u.code, msg(MSG_DP_FEED));
	layout_end(r, &h);
	w->max_age = 60;
}

/* ---- one posting ---- */

/* The review of a draft about to be published (?review=publish after the
 * form's "Công khai ngay"): the page below is the preview, this box the
 * confirmation. */
static void publish_review(struct req *r, struct html *h, const struct posting *p)
{
	if (p->status != POSTING_DRAFT || !posting_may_publish(r->user, &p->unit) || !str_eq(req_query(r, "review"), "publish"))
		return;
	html_printf(h, "<div class=\"confirm\" role=\"alert\" id=\"review\"><h2>%s</h2><p>%s</p><p>%s</p><p><strong>%s</strong></p>\n",
		    msg(MSG_DP_CONFIRM_PUBLISH), msg(MSG_DP_REVIEW_SAVED), msg(MSG_DP_CONFIRM_PUBLISH_WHAT),
		    msg(MSG_CONFIRM_IRREVERSIBLE));
	form_begin(r, h, arena_printf(r->a, "/disclosures/%lld/publish", (long long)p->id), false);
	form_hidden(h, "confirm", "1");
	html_printf(h, "<p><button type=\"submit\">%s</button> <a class=\"button secondary\" href=\"/disclosures/%lld/edit\">%s</a></p>",
		    msg(MSG_DP_PUBLISH), (long long)p->id, msg(MSG_DP_EDIT));
	form_end(h);
	html_lit(h, "</div>\n");
}

static void publish_forms(struct req *r, struct html *h, const struct posting *p)
{
	if (!posting_may_publish(r->user, &p->unit))
		return;
	html_printf(h, "<section aria-labelledby=\"act\" class=\"noprint\"><h2 id=\"act\">%s</h2>\n", msg(MSG_DP_ACTIONS));
	if (p->status == POSTING_DRAFT) {
		html_printf(h, "<p><a class=\"button\" href=\"/disclosures/%lld/edit\">%s</a></p>\n", (long long)p->id,
			    msg(MSG_DP_EDIT));
		form_begin(r, h, arena_printf(r->a, "/disclosures/%lld/publish", (long long)p->id), false);
		html_printf(h, "<p>%s</p><button type=\"submit\">%s</button>", msg(MSG_DP_PUBLISH_HINT), msg(MSG_DP_PUBLISH));
		form_end(h);
	} else if (p->status == POSTING_PUBLISHED) {
		html_printf(h, "<p><a class=\"button\" href=\"/disclosures/%lld/correct\">%s</a></p>\n", (long long)p->id,
			    msg(MSG_DP_CORRECT));
		/* withdrawal is not the button beside correction: folded, and confirmed on a page of its own */
		html_printf(h, "<details class=\"danger\"><summary>%s</summary>\n", msg(MSG_DP_WITHDRAW_OPEN));
		form_begin(r, h, arena_printf(r->a, "/disclosures/%lld/withdraw", (long long)p->id), false);
		form_field(h, &(struct form_field){.name = "reason", .label = msg(MSG_DP_WITHDRAW_REASON), .type = "text",
						   .required = true, .max = 1000, .hint = msg(MSG_DP_REASON_HINT)}, NULL);
		html_printf(h, "<button type=\"submit\" class=\"secondary\">%s</button>", msg(MSG_DP_WITHDRAW));
		form_end(h);
		html_lit(h, "</details>\n");
	}
	html_lit(h, "</section>\n");
}

/* GET /disclosures/{id}?v=N — a posting, its current or an earlier version. */
void page_disclosure(struct req *r, struct resp *w)
{
	dp_posting_page(r, w, NULL);
}

void dp_posting_page(struct req *r, struct resp *w, const struct problems *pr)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *vs;
	size_t nv;
	if (!dp_posting_or_respond(r, w, &c, &p) || !dp_versions_or_respond(r, w, c, &p, &vs, &nv))
		return;
	const struct posting_version *v = &vs[nv - 1];
	const char *vq = req_query(r, "v");
	int64_t want;
	if (vq && !str_to_i64(vq, 1, (int64_t)nv, &want))
		v = &vs[want - 1];
	const char *today = dp_today(r), *st = posting_state(&p, today);
	int64_t lidx = -1;
	if (p.status != POSTING_DRAFT) {
		char subject[40];
		snprintf(subject, sizeof subject, "posting:%lld", (long long)p.id);
		lidx = ledger_index_of_subject(c, subject);
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, v->title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs noprint\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/disclosures\">%s</a></li></ol></nav>\n",
		    msg(MSG_BREADCRUMB), p.unit.code, p.unit.title, p.unit.code, msg(MSG_DP_LIST));
	form_done(r, &h);
	publish_review(r, &h, &p);
	html_printf(&h, "<article class=\"posting\">\n<p class=\"meta\">%s · %s %d: %s</p>\n<h1>%s</h1>\n", p.unit.title,
		    msg(MSG_DP_ITEM), p.item.number, p.item.title, v->title);
	html_printf(&h, "<p><span class=\"badge %s\">%s</span>", st, dp_state_label(st));
	if (!p.is_public)
		html_printf(&h, " <span class=\"badge private\">%s</span>", msg(MSG_DP_STAFF_BADGE));
	html_lit(&h, "</p>\n");
	if (p.status == POSTING_WITHDRAWN)
		html_printf(&h, "<p class=\"error\" role=\"note\"><strong>%s</strong> %s — %s</p>\n", msg(MSG_DP_WITHDRAWN_ON),
			    dp_time_vn(r, p.withdrawn_at), p.withdraw_reason);
	if (v->version != p.version)
		html_printf(&h, "<p class=\"error\" role=\"note\">%s %d. <a href=\"/disclosures/%lld\">%s</a></p>\n",
			    msg(MSG_DP_OLD_VERSION), v->version, (long long)p.id, msg(MSG_DP_SEE_CURRENT));
	if (v->version > 1)
		html_printf(&h, "<p class=\"ok\" role=\"note\"><strong>%s %d:</strong> %s</p>\n", msg(MSG_DP_CORRECTION),
			    v->version - 1, v->change_note);
	if (*v->summary)
		html_printf(&h, "<p class=\"lead\">%s</p>\n", v->summary);
	html_lit(&h, "<div class=\"body\">\n");
	html_markdown(&h, v->body);
	html_lit(&h, "</div>\n");
	if (v->nfile) {
		html_printf(&h, "<h2>%s</h2>\n<ul class=\"files\">\n", msg(MSG_DP_FILES));
		for (size_t i = 0; i < v->nfile; i++) {
			char sz[24];
			html_printf(&h, "<li><a href=\"/disclosures/%lld/files/%s\">%s</a> <span class=\"meta\">(%s, %s)</span></li>\n",
				    (long long)p.id, v->files[i].sha256, v->files[i].filename, msg_file_type(v->files[i].mime),
				    msg_size((long long)v->files[i].size, sz));
		}
		html_lit(&h, "</ul>\n");
	}
	html_printf(&h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_DP_FACTS));
	html_printf(&h, "<dt>%s</dt><dd>%s, %s %s</dd>\n", msg(MSG_DP_DECISION), p.decision_ref, msg(MSG_DP_DATED),
		    dp_date_vn(r, p.decision_date));
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DITEM_BASIS), msg_cite(r->a, p.item.legal_basis));
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DP_PERIOD), dp_period_text(r, &p));
	if (*p.short_reason)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DP_SHORT_REASON), p.short_reason);
	html_printf(&h, "<dt>%s</dt><dd>", msg(MSG_DITEM_FORMS));
	dp_forms_text(r, &h, p.forms);
	html_lit(&h, "</dd>\n");
	if (*p.location)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DP_LOCATION), p.location);
	if (*p.radio_dates) {
		html_printf(&h, "<dt>%s</dt><dd>", msg(MSG_DP_RADIO_DATES));
		char *copy = arena_strdup(r->a, p.radio_dates);
		bool first = true;
		for (char *save = NULL, *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
			html_printf(&h, "%s%s", first ? "" : ", ", dp_date_vn(r, t));
			first = false;
		}
		html_lit(&h, "</dd>\n");
	}
	if (p.published_at)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DP_PUBLISHED_AT), dp_time_vn(r, p.published_at));
	html_printf(&h, "<dt>%s</dt><dd><code class=\"hash\">%s</code></dd>\n", msg(MSG_DP_HASH), v->content_sha256);
	if (lidx >= 0)
		html_printf(&h, "<dt>%s</dt><dd><a href=\"/ledger/%lld\">%s #%lld</a></dd>\n", msg(MSG_LEDGER), (long long)lidx,
			    msg(MSG_LEDGER_INDEX), (long long)lidx);
	html_lit(&h, "</dl>\n</article>\n");
	if (nv > 1) {
		html_printf(&h, "<h2>%s</h2>\n<ol class=\"versions\">\n", msg(MSG_DP_VERSIONS));
		for (size_t i = 0; i < nv; i++) {
			html_printf(&h, "<li><a href=\"/disclosures/%lld?v=%d\">%s %d</a> · %s · %s", (long long)p.id,
				    vs[i].version, msg(MSG_DP_VERSION), vs[i].version, dp_time_vn(r, vs[i].at), vs[i].by);
			if (*vs[i].change_note)
				html_printf(&h, "<br><span class=\"meta\">%s</span>", vs[i].change_note);
			html_lit(&h, "</li>\n");
		}
		html_lit(&h, "</ol>\n");
	}
	/* the notice as issued: its number, and whether it is signed */
	struct doc_record dr;
	if (p.status != POSTING_DRAFT &&
	    !doc_get(r->a, c, "posting", p.id,
		     p.status == POSTING_WITHDRAWN ? "withdrawal" : arena_printf(r->a, "notice.%d", p.version), &dr))
		html_printf(&h, "<p class=\"meta\">%s <strong>%s</strong>%s · <a href=\"/documents/verify\">%s</a></p>\n",
			    msg(MSG_DOC_NUMBERED), dr.number, doc_unit_can_sign(p.unit.code) ? msg(MSG_DOC_SIGNED_NOTE) : "",
			    msg(MSG_DV_TITLE));
	html_printf(&h, "<p class=\"noprint\"><a class=\"button\" href=\"/disclosures/%lld.pdf\">%s</a> "
			"<a href=\"/units/%s/information-requests/new?item=%d\">%s</a></p>\n",
		    (long long)p.id, msg(MSG_DP_PRINT), p.unit.code, p.item.number, msg(MSG_IR_NEW));
	dp_radio_section(r, &h, c, &p, pr);
	publish_forms(r, &h, &p);
	layout_end(r, &h);
	w->max_age = 60;
}

/* GET /disclosures/{id}/files/{sha256} — a file of a posting, by content. */
void page_disclosure_file(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!dp_posting_or_respond(r, w, &c, &p))
		return;
	const char *sha = r->param[1];
	struct db_stmt *s = dbc_stmt(c, STMT_POSTING_FILE_NAME);
	db_bind_i64(s, 1, p.id);
	db_bind_text(s, 2, sha);
	bool row;
	enum app_err e = db_step(s, &row);
	const char *name = !e && row ? arena_strdup(r->a, db_col_text(s, 0)) : NULL;
	db_reset(s);
	if (!e && !name)
		e = APP_ENOTFOUND;
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	dp_blob_respond(r, w, c, sha, name);
}

void dp_blob_respond(struct req *r, struct resp *w, struct dbc *c, const char *sha, const char *name)
{
	const char *mime, *data;
	size_t n;
	enum app_err e = blob_get(r->a, c, sha, &mime, &data, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	buf_append(&w->body, data, n);
	w->ctype = mime;
	/* a safe name: ASCII fallback plus the UTF-8 name (RFC 6266, RFC 8187) */
	/* the fallback: the folded name and its folded extension, ASCII only */
	const char *dot = strrchr(name, '.');
	char *stem = arena_strndup(r->a, name, dot ? (size_t)(dot - name) : strlen(name));
	char *fs = str_fold(stem), *fe = str_fold(dot ? dot + 1 : "");
	size_t alen = strlen(fs) + strlen(fe) + 2;
	char *ascii = xmalloc(alen);
	snprintf(ascii, alen, "%s%s%s", fs, *fe ? "." : "", fe);
	free(fs);
	free(fe);
	for (char *q = ascii; *q; q++)
		if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e || *q == '"' || *q == '\\' || *q == ' ')
			*q = *q == ' ' ? '-' : '_';
	struct buf enc;
	buf_init(&enc);
	for (const unsigned char *q = (const unsigned char *)name; *q; q++) {
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || strchr("-._~", *q))
			buf_putc(&enc, (char)*q);
		else
			buf_printf(&enc, "%%%02X", *q);
	}
	bool inline_ok = !strcmp(mime, "application/pdf") || !strncmp(mime, "image/", 6);
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "%s; filename=\"%s\"; filename*=UTF-8''%s", inline_ok ? "inline" : "attachment",
				 ascii, buf_str(&enc)));
	free(ascii);
	buf_reset(&enc);
	w->max_age = 3600;
}

/* ---- the officer's forms ---- */

/* The posting's problems in the one refusal shape (util/problems.h). */
static struct problems *dp_problems(struct req *r, const struct posting_problem *pr, size_t npr)
{
	struct problems *ps = arena_alloc(r->a, sizeof *ps);
	ps->a = r->a;
	for (size_t i = 0; i < npr; i++)
		problems_add(ps, pr[i].field, pr[i].reason);
	return ps;
}

/* The form for a draft (new or edit); in holds the values to show. */
static void draft_form(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, int64_t id,
		       const struct posting_input *in, const struct posting_problem *pr, size_t npr)
{
	struct ditem *items;
	size_t nitems;
	const char *today = dp_today(r);
	if (catalogue_in_force(r->a, c, today, catalogue_scope_of_kind(u->kind), &items, &nitems)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	const char *title = id ? msg(MSG_DP_EDIT) : msg(MSG_DP_NEW);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/disclosures\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, u->code, msg(MSG_DP_LIST), title);
	struct problems *ps = dp_problems(r, pr, npr);
	form_problems(&h, ps);
	form_begin(r, &h, id ? arena_printf(r->a, "/disclosures/%lld/edit", (long long)id)
			     : arena_printf(r->a, "/units/%s/disclosures", u->code),
		   true);
	html_printf(&h, "<p><label for=\"f-item\">%s</label><select id=\"f-item\" name=\"item\" required>", msg(MSG_DP_ITEM));
	for (size_t i = 0; i < nitems; i++)
		html_printf(&h, "<option value=\"%d\"%s>%d. %s</option>", items[i].number,
			    in->item_number == items[i].number ? " selected" : "", items[i].number, items[i].title);
	html_lit(&h, "</select>");
	form_error(&h, ps, "item");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "decision_ref", .label = msg(MSG_DP_DECISION), .type = "text",
					    .value = in->decision_ref, .required = true, .max = 200}, ps);
	form_field(&h, &(struct form_field){.name = "decision_date", .label = msg(MSG_DP_DECISION_DATE), .type = "date",
					    .value = in->decision_date, .required = true}, ps);
	form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_DP_TITLE), .type = "text", .value = in->title,
					    .required = true, .max = 300}, ps);
	form_field(&h, &(struct form_field){.name = "summary", .label = msg(MSG_DP_SUMMARY), .type = "textarea",
					    .value = in->summary}, ps);
	form_field(&h, &(struct form_field){.name = "body", .label = msg(MSG_DP_BODY), .type = "textarea", .value = in->body,
					    .hint = msg(MSG_DP_BODY_HINT)}, ps);
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_DITEM_FORMS));
	static const char *const fcodes[] = {"posting", "portal", "radio", "village_head", "letter", "dialogue",
					     "reception", "organisations", "social", "intranet", "conference",
					     "unit_head", "union", "other"};
	for (size_t i = 0; i < sizeof fcodes / sizeof *fcodes; i++) {
		bool any = false;
		for (size_t k = 0; k < nitems && !any; k++)
			any = catalogue_item_allows(&items[k], fcodes[i]);
		if (!any)
			continue;
		struct ditem probe = {.forms = in->forms ? in->forms : "posting;portal"};
		html_printf(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"forms\" value=\"%s\"%s> %s</label>\n", fcodes[i],
			    catalogue_item_allows(&probe, fcodes[i]) ? " checked" : "", msg_form(fcodes[i]));
	}
	form_error(&h, ps, "forms");
	html_lit(&h, "</fieldset>\n");
	form_field(&h, &(struct form_field){.name = "location", .label = msg(MSG_DP_LOCATION), .type = "text", .value = in->location},
		   ps);
	form_field(&h, &(struct form_field){.name = "radio_dates", .label = msg(MSG_DP_RADIO_DATES), .type = "text",
					    .value = in->radio_dates, .hint = msg(MSG_DP_RADIO_HINT)}, ps);
	char period[16] = "";
	if (in->period_days > 0)
		snprintf(period, sizeof period, "%d", in->period_days);
	form_field(&h, &(struct form_field){.name = "period_days", .label = msg(MSG_DP_PERIOD_DAYS), .type = "number",
					    .value = period, .max = 3650, .hint = msg(MSG_DP_PERIOD_HINT)}, ps);
	form_field(&h, &(struct form_field){.name = "short_reason", .label = msg(MSG_DP_SHORT_REASON), .type = "text",
					    .value = in->short_reason}, ps);
	if (strcmp(catalogue_scope_of_kind(u->kind), "commune"))
		html_printf(&h, "<p><label class=\"check\"><input type=\"checkbox\" name=\"public\" value=\"1\"%s> %s</label></p>\n",
			    in->is_public ? " checked" : "", msg(MSG_DP_MAKE_PUBLIC));
	form_field(&h, &(struct form_field){.name = "files", .label = msg(MSG_DP_FILES), .type = "file", .multiple = true,
					    .accept = POSTING_FILE_TYPES, .hint = msg(MSG_DP_FILES_HINT)}, ps);
	html_lit(&h, "</p>\n");
	html_printf(&h, "<p><button type=\"submit\" name=\"action\" value=\"draft\">%s</button> "
			"<button type=\"submit\" name=\"action\" value=\"publish\">%s</button></p>\n",
		    msg(MSG_DP_SAVE_DRAFT), msg(MSG_DP_PUBLISH));
	form_end(&h);
	layout_end(r, &h);
}

/* Joins every value of a repeated form field with ';'. */
static const char *form_all(struct req *r, const char *name)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].k, name))
			buf_printf(&b, "%s%s", b.n ? ";" : "", r->form[i].v);
	const char *s = arena_strdup(r->a, buf_str(&b));
	buf_reset(&b);
	return s;
}

/* Reads the submitted form into in; files are checked by content. Returns
 * the number of problems added to pr. */
size_t dp_upload_files(struct req *r, struct posting_file *files, const char **data, size_t *nfile,
		       struct posting_problem *pr, size_t npr)
{
	*nfile = 0;
	for (size_t i = 0; i < r->nfile; i++) {
		const struct upload *u = &r->files[i];
		if (strcmp(u->field, "files") || (!u->len && (!u->filename || !*u->filename)))
			continue;
		if (*nfile == POSTING_MAX_FILES) {
			if (npr < POSTING_MAX_PROBLEMS)
				pr[npr++] = (struct posting_problem){"files", msg(MSG_DP_FILE_MANY)};
			break;
		}
		struct posting_file *f = &files[*nfile];
		const char *why = posting_file_check(u->data, u->len, f);
		if (why) {
			if (npr < POSTING_MAX_PROBLEMS)
				pr[npr++] = (struct posting_problem){"files", arena_printf(r->a, "%s: %s", u->filename, why)};
			continue;
		}
		char *sha = (char *)f->sha256;
		f->sha256 = arena_strdup(r->a, sha);
		free(sha);
		f->filename = req_upload_name(r, u);
		f->seq = (int)*nfile + 1;
		data[(*nfile)++] = u->data;
	}
	return npr;
}

static size_t read_input(struct req *r, struct posting_input *in, struct posting_problem *pr, size_t npr)
{
	memset(in, 0, sizeof *in);
	in->title = req_form(r, "title");
	in->summary = req_form(r, "summary");
	in->body = req_form(r, "body");
	in->decision_date = req_form(r, "decision_date");
	in->decision_ref = req_form(r, "decision_ref");
	in->forms = form_all(r, "forms");
	in->location = req_form(r, "location");
	in->radio_dates = req_form(r, "radio_dates");
	in->short_reason = req_form(r, "short_reason");
	in->change_note = req_form(r, "change_note");
	in->is_public = req_form(r, "public") != NULL;
	in->keep_files = true;
	int64_t v;
	const char *item = req_form(r, "item"), *period = req_form(r, "period_days");
	if (item && !str_to_i64(item, 1, 99, &v))
		in->item_number = (int)v;
	in->period_days = -1; /* the item's minimum unless given */
	if (period && *period)
		in->period_days = str_to_i64(period, 1, POSTING_PERIOD_MAX, &v) ? 0 : (int)v;
	if (in->period_days == 0 && period && *period)
		in->period_days = -2; /* given but not a number in range */
	npr = dp_upload_files(r, in->files, in->file_data, &in->nfile, pr, npr);
	return npr;
}

/* Validates, saves the draft, publishes if asked; answers. */
static void save_and_answer(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, int64_t id)
{
	struct posting_input in;
	struct posting_problem pr[POSTING_MAX_PROBLEMS];
	size_t npr = read_input(r, &in, pr, 0);
	struct ditem item;
	int64_t now = time(NULL), today = cal_today(now);
	if (in.period_days == -2) {
		pr[npr++] = (struct posting_problem){"period_days", msg(MSG_DP_BAD_PERIOD)};
		in.period_days = -1;
	}
	struct posting_problem more[POSTING_MAX_PROBLEMS];
	size_t k = posting_validate(r->a, c, u, &in, today, false, &item, more);
	for (size_t i = 0; i < k && npr < POSTING_MAX_PROBLEMS; i++)
		pr[npr++] = more[i];
	if (npr) {
		w->status = 400;
		draft_form(r, w, c, u, id, &in, pr, npr);
		w->status = 400;
		return;
	}
	const struct user *me = r->user;
	enum app_err e = posting_save_draft(r->app->db, u, &item, &in, me->id, auth_on_behalf(r), now, &id);
	const char *action = req_form(r, "action"), *confirm = req_form(r, "confirm");
	bool publish = action && !strcmp(action, "publish");
	/* publishing cannot be undone: the draft is kept and shown for review
	 * first, unless the form already carries the confirmation */
	bool now_publish = publish && confirm && !strcmp(confirm, "1");
	if (!e && now_publish)
		e = posting_publish(r->app->db, id, me->id, auth_on_behalf(r), now);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld%s", (long long)id,
					 now_publish ? "?done=published" : publish ? "?review=publish" : ""));
}

/* GET /units/{code}/disclosures/new */
void page_disclosure_new(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_publisher_unit_or_respond(r, w, &c, &u))
		return;
	struct posting_input in = {.decision_date = dp_today(r), .forms = "posting;portal", .period_days = 0,
				   .is_public = false};
	const char *item = req_query(r, "item");
	int64_t v;
	if (item && !str_to_i64(item, 1, 99, &v))
		in.item_number = (int)v;
	draft_form(r, w, c, &u, 0, &in, NULL, 0);
}

/* POST /units/{code}/disclosures — multipart: a new draft, published at once
 * when action=publish. */
void page_disclosure_create(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_publisher_unit_or_respond(r, w, &c, &u))
		return;
	save_and_answer(r, w, c, &u, 0);
}

/* GET /disclosures/{id}/edit — a draft's form. */
void page_disclosure_edit(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!officer_posting_or_respond(r, w, &c, &p, POSTING_DRAFT, MSG_DP_NOT_DRAFT))
		return;
	struct posting_version *vs;
	size_t nv;
	if (!dp_versions_or_respond(r, w, c, &p, &vs, &nv))
		return;
	struct posting_input in = {.title = vs[0].title, .summary = vs[0].summary, .body = vs[0].body,
				   .decision_date = p.decision_date, .decision_ref = p.decision_ref,
				   .item_number = p.item.number, .forms = p.forms, .location = p.location,
				   .radio_dates = p.radio_dates, .period_days = p.period_days,
				   .short_reason = p.short_reason, .is_public = p.is_public};
	draft_form(r, w, c, &p.unit, p.id, &in, NULL, 0);
}

/* POST /disclosures/{id}/edit — saves a draft (files kept unless new ones). */
void page_disclosure_edit_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!officer_posting_or_respond(r, w, &c, &p, POSTING_DRAFT, MSG_DP_NOT_DRAFT))
		return;
	save_and_answer(r, w, c, &p.unit, p.id);
}

/* POST /disclosures/{id}/publish */
void page_disclosure_publish(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	if (!officer_posting_or_respond(r, w, &c, &p, POSTING_DRAFT, MSG_DP_NOT_DRAFT))
		return;
	static const char *const none[] = {NULL};
	const char *back = arena_printf(r->a, "/disclosures/%lld", (long long)p.id);
	if (!form_confirmed(r, w, &(struct confirm){msg(MSG_DP_CONFIRM_PUBLISH),
						     arena_printf(r->a, "«%s» — %s. %s", p.title, p.unit.title,
								  msg(MSG_DP_CONFIRM_PUBLISH_WHAT)),
						     msg(MSG_DP_PUBLISH), back, none, NULL}))
		return;
	enum app_err e = posting_publish(r->app->db, p.id, r->user->id, auth_on_behalf(r), time(NULL));
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_DP_NOT_DRAFT) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld?done=published", (long long)p.id));
}

static void correct_form(struct req *r, struct resp *w, const struct posting *p, const struct posting_version *v,
			 const struct posting_input *in, const struct posting_problem *pr, size_t npr)
{
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_DP_CORRECT));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/disclosures/%lld\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), (long long)p->id, v->title, msg(MSG_DP_CORRECT), msg(MSG_DP_CORRECT_HINT));
	struct problems *ps = dp_problems(r, pr, npr);
	form_problems(&h, ps);
	form_begin(r, &h, arena_printf(r->a, "/disclosures/%lld/correct", (long long)p->id), true);
	form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_DP_TITLE), .type = "text", .value = in->title,
					    .required = true, .max = 300}, ps);
	form_field(&h, &(struct form_field){.name = "summary", .label = msg(MSG_DP_SUMMARY), .type = "textarea",
					    .value = in->summary}, ps);
	form_field(&h, &(struct form_field){.name = "body", .label = msg(MSG_DP_BODY), .type = "textarea", .value = in->body}, ps);
	form_field(&h, &(struct form_field){.name = "change_note", .label = msg(MSG_DP_CHANGE_NOTE), .type = "text",
					    .value = in->change_note, .required = true}, ps);
	if (v->nfile)
		html_printf(&h, "<p><label class=\"check\"><input type=\"checkbox\" name=\"keep_files\" value=\"1\" checked> %s</label></p>\n",
			    msg(MSG_DP_KEEP_FILES));
	form_field(&h, &(struct form_field){.name = "files", .label = msg(MSG_DP_FILES), .type = "file", .multiple = true,
					    .accept = POSTING_FILE_TYPES}, NULL);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_DP_CORRECT));
	form_end(&h);
	layout_end(r, &h);
}

static bool publishable_or_respond(struct req *r, struct resp *w, struct dbc **c, struct posting *p,
				   struct posting_version **last)
{
	if (!officer_posting_or_respond(r, w, c, p, POSTING_PUBLISHED, MSG_DP_NOT_PUBLISHED))
		return false;
	struct posting_version *vs;
	size_t nv;
	if (posting_versions(r->a, *c, p->id, &vs, &nv) || !nv) {
		http_send_error(r, w, APP_EDB, NULL);
		return false;
	}
	*last = &vs[nv - 1];
	return true;
}

/* GET /disclosures/{id}/correct */
void page_disclosure_correct(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *v;
	if (!publishable_or_respond(r, w, &c, &p, &v))
		return;
	struct posting_input in = {.title = v->title, .summary = v->summary, .body = v->body};
	correct_form(r, w, &p, v, &in, NULL, 0);
}

/* POST /disclosures/{id}/correct — a new version with what changed and why. */
void page_disclosure_correct_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *v;
	if (!publishable_or_respond(r, w, &c, &p, &v))
		return;
	struct posting_input in;
	struct posting_problem pr[POSTING_MAX_PROBLEMS], more[POSTING_MAX_PROBLEMS];
	size_t npr = read_input(r, &in, pr, 0);
	in.keep_files = req_form(r, "keep_files") != NULL;
	struct ditem item;
	size_t k = posting_validate(r->a, c, &p.unit, &in, cal_today(time(NULL)), true, &item, more);
	for (size_t i = 0; i < k && npr < POSTING_MAX_PROBLEMS; i++)
		pr[npr++] = more[i];
	if (npr) {
		w->status = 400;
		correct_form(r, w, &p, v, &in, pr, npr);
		w->status = 400;
		return;
	}
	enum app_err e = posting_correct(r->app->db, p.id, &in, r->user->id, auth_on_behalf(r), time(NULL));
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_DP_NOT_PUBLISHED) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld", (long long)p.id));
}

/* POST /disclosures/{id}/withdraw — reason required. */
void page_disclosure_withdraw(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *v;
	if (!publishable_or_respond(r, w, &c, &p, &v))
		return;
	const char *reason = req_form(r, "reason");
	if (!reason || str_utf8_len(reason) < POSTING_REASON_MIN || str_utf8_len(reason) > 1000) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_DP_BAD_REASON));
		return;
	}
	static const char *const fields[] = {"reason", NULL};
	const char *shown[] = {msg(MSG_DP_WITHDRAW_REASON), NULL};
	if (!form_confirmed(r, w, &(struct confirm){msg(MSG_DP_CONFIRM_WITHDRAW),
						     arena_printf(r->a, "«%s» — %s. %s", v->title, p.unit.title,
								  msg(MSG_DP_CONFIRM_WITHDRAW_WHAT)),
						     msg(MSG_DP_WITHDRAW), arena_printf(r->a, "/disclosures/%lld", (long long)p.id),
						     fields, shown}))
		return;
	enum app_err e = posting_withdraw(r->app->db, p.id, reason, r->user->id, auth_on_behalf(r),
					  time(NULL));
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_DP_NOT_PUBLISHED) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/disclosures/%lld?done=withdrawn", (long long)p.id));
}

/* ---- Atom ---- */

static void rfc3339(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* GET /units/{code}/disclosures.atom?item=N — the newest public postings (Atom 1.0, RFC 4287). */
void page_unit_disclosures_atom(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_unit_or_respond(r, w, r->param[0], &c, &u))
		return;
	struct posting_filter f = {.unit = &u, .today = dp_today(r), .limit = 50};
	const char *item = req_query(r, "item");
	int64_t v;
	if (item && *item) {
		if (str_to_i64(item, 1, 99, &v)) {
			http_send_error(r, w, APP_EINVAL, msg(MSG_DP_BAD_ITEM));
			return;
		}
		f.item = (int)v;
	}
	struct posting *ps;
	size_t n;
	enum app_err e = posting_list(r->a, c, &f, &ps, &n, NULL, NULL);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	const char *base = app_public_url(r);
	int64_t updated = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t t = ps[i].withdrawn_at > ps[i].updated_at ? ps[i].withdrawn_at : ps[i].updated_at;
		if (t > updated)
			updated = t;
	}
	if (!updated)
		updated = 1688169600; /* 2023-07-01, the Law's entry into force: a stable value for an empty feed */
	char ts[21];
	rfc3339(updated, ts);
	struct html h = {.b = &w->body};
	html_lit(&h, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
	html_printf(&h, "<title>%s — %s</title>\n", msg(MSG_DP_LIST), u.title);
	if (f.item)
		html_printf(&h, "<subtitle>%s %d</subtitle>\n", msg(MSG_DP_ITEM), f.item);
	html_printf(&h, "<id>urn:coso:unit:%s:disclosures%s</id>\n", u.code, f.item ? arena_printf(r->a, ":item:%d", f.item) : "");
	html_printf(&h, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s/units/%s/disclosures.atom%s\"/>\n", base,
		    u.code, f.item ? arena_printf(r->a, "?item=%d", f.item) : "");
	html_printf(&h, "<link rel=\"alternate\" type=\"text/html\" href=\"%s/units/%s/disclosures%s\"/>\n", base, u.code,
		    f.item ? arena_printf(r->a, "?item=%d", f.item) : "");
	html_printf(&h, "<updated>%s</updated>\n<author><name>%s</name></author>\n<generator>coso</generator>\n", ts, u.title);
	for (size_t i = 0; i < n; i++) {
		const struct posting *p = &ps[i];
		char pub[21], upd[21];
		rfc3339(p->published_at ? p->published_at : p->created_at, pub);
		rfc3339(p->withdrawn_at > p->updated_at ? p->withdrawn_at : p->updated_at, upd);
		bool wd = p->status == POSTING_WITHDRAWN;
		html_printf(&h, "<entry>\n<title>%s%s</title>\n<id>urn:coso:disclosure:%lld</id>\n", wd ? msg(MSG_DP_WITHDRAWN_PREFIX) : "",
			    p->title, (long long)p->id);
		html_printf(&h, "<link rel=\"alternate\" type=\"text/html\" href=\"%s/disclosures/%lld\"/>\n", base, (long long)p->id);
		html_printf(&h, "<published>%s</published>\n<updated>%s</updated>\n", pub, upd);
		html_printf(&h, "<category term=\"%s/%d\" label=\"%s\"/>\n", p->item.scope, p->item.number, p->item.title);
		html_printf(&h, "<summary type=\"text\">%s%s%s</summary>\n</entry>\n", p->summary, *p->summary ? " — " : "",
			    dp_period_text(r, p));
	}
	html_lit(&h, "</feed>\n");
	w->ctype = "application/atom+xml; charset=utf-8";
	w->max_age = 60;
}

/* ---- JSON ---- */

static json_t *posting_json(struct req *r, const struct posting *p, const char *today)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "url", json_string(arena_printf(r->a, "/disclosures/%lld", (long long)p->id)));
	json_object_set_new(o, "unit", json_string(p->unit.code));
	json_object_set_new(o, "unit_title", json_string(p->unit.title));
	json_object_set_new(o, "item", json_pack("{s:s, s:i, s:s, s:s}", "scope", p->item.scope, "number", p->item.number,
						 "title", p->item.title, "effective_from", p->item.effective_from));
	json_object_set_new(o, "title", json_string(p->title));
	json_object_set_new(o, "summary", json_string(p->summary));
	json_object_set_new(o, "status", json_string(posting_status_names[p->status]));
	json_object_set_new(o, "state", json_string(posting_state(p, today)));
	json_object_set_new(o, "public", json_boolean(p->is_public));
	json_object_set_new(o, "decision_date", json_string(p->decision_date));
	json_object_set_new(o, "decision_ref", json_string(p->decision_ref));
	json_object_set_new(o, "forms", dp_list_json(r->a, p->forms));
	json_object_set_new(o, "location", json_string(p->location));
	json_object_set_new(o, "radio_dates", dp_list_json(r->a, p->radio_dates));
	json_object_set_new(o, "period_days", json_integer(p->period_days));
	json_object_set_new(o, "short_reason", json_string(p->short_reason));
	json_object_set_new(o, "start_date", *p->start_date ? json_string(p->start_date) : json_null());
	json_object_set_new(o, "end_date", *p->end_date ? json_string(p->end_date) : json_null());
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "content_sha256", json_string(p->content_sha256));
	json_object_set_new(o, "withdraw_reason", *p->withdraw_reason ? json_string(p->withdraw_reason) : json_null());
	return o;
}

/* GET /api/v1/disclosures?unit=CODE&item=N&q=&state=&from=&to=&limit=&offset= */
void api_disclosures(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *code = req_query(r, "unit"), *item = req_query(r, "item"), *q = req_query(r, "q");
	const char *state = req_query(r, "state"), *cursor;
	struct unit u;
	struct posting_filter f = {.today = dp_today(r), .path = "/"};
	/* the one list shape; the cursor is "FIRST-DAY.ID" of the last one shown
	 * ("ID" in a search, which goes by id) */
	if (!http_list_args(r, w, &f.limit, &cursor))
		return;
	if (cursor) {
		char day[11];
		long long id = 0;
		int used = 0;
		bool ok = q && *q ? sscanf(cursor, "%lld%n", &id, &used) == 1
				  : sscanf(cursor, "%10[0-9-].%lld%n", day, &id, &used) == 2 && strlen(day) == 10;
		if (!ok || used != (int)strlen(cursor) || id < 1) {
			http_send_json_error(r, w, APP_EINVAL, "cursor", msg(MSG_API_BAD_LIMIT));
			return;
		}
		f.after_id = id;
		f.after_date = q && *q ? "" : arena_strdup(r->a, day);
	}
	int64_t v;
	if (code && *code) {
		enum app_err e = units_get(r->a, c, code, &u);
		if (e) {
			http_send_json_error(r, w, e, "unit", msg(MSG_UNIT_NOT_FOUND));
			return;
		}
		if (catalogue_scope_of_kind(u.kind)) {
			f.unit = &u;
			f.include_private = posting_member(r->user, u.path);
		} else {
			f.path = u.path; /* a province or village: every unit below */
		}
	}
	if (item && *item) {
		if (str_to_i64(item, 1, 99, &v)) {
			http_send_json_error(r, w, APP_EINVAL, "item", msg(MSG_DP_BAD_ITEM));
			return;
		}
		f.item = (int)v;
	}
	if (state && *state) {
		if (strcmp(state, "current") && strcmp(state, "archived") && strcmp(state, "withdrawn")) {
			http_send_json_error(r, w, APP_EINVAL, "state", msg(MSG_DP_BAD_STATE));
			return;
		}
		f.state = state;
	}
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	int64_t d;
	for (int k = 0; k < 2; k++) {
		const char *s = k ? to : from;
		if (!s || !*s)
			continue;
		if (!cal_parse_date(s, &d)) {
			http_send_json_error(r, w, APP_EINVAL, k ? "to" : "from", msg(MSG_DATE_INVALID));
			return;
		}
		char *t = arena_alloc(r->a, 11);
		cal_format_iso(d, t);
		if (k)
			f.to = t;
		else
			f.from = t;
	}
	if (q && *q)
		f.q = q;
	int want = f.limit;
	f.limit = want + 1;
	struct posting *ps;
	size_t n;
	int64_t total;
	bool exact;
	enum app_err e = posting_list(r->a, c, &f, &ps, &n, &total, &exact);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n && i < (size_t)want; i++)
		json_array_append_new(arr, posting_json(r, &ps[i], f.today));
	const char *next = NULL;
	if (n > (size_t)want) {
		const struct posting *last = &ps[want - 1];
		next = f.q ? arena_printf(r->a, "%lld", (long long)last->id)
			   : arena_printf(r->a, "%s.%lld", *last->start_date ? last->start_date : "9999-12-31",
					  (long long)last->id);
	}
	/* a search that goes on is not counted to its end: total is then what
	 * was found so far, at least (postings.h) */
	if (!exact)
		total = (int64_t)n; /* this page and one more found: at least that many */
	http_send_list(w, arr, total, next, json_pack("{s:b}", "total_exact", exact));
	w->max_age = 60;
}

/* GET /api/v1/disclosures/{id} — one posting with every version and its files. */
void api_disclosure(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *vs;
	size_t nv;
	if (!dp_posting_or_respond(r, w, &c, &p) || !dp_versions_or_respond(r, w, c, &p, &vs, &nv))
		return;
	json_t *o = posting_json(r, &p, dp_today(r));
	json_t *arr = json_array();
	for (size_t i = 0; i < nv; i++) {
		json_t *files = json_array();
		for (size_t k = 0; k < vs[i].nfile; k++)
			json_array_append_new(files, json_pack("{s:s, s:s, s:s, s:I, s:s}", "filename", vs[i].files[k].filename,
							       "sha256", vs[i].files[k].sha256, "mime", vs[i].files[k].mime,
							       "size", (json_int_t)vs[i].files[k].size, "url",
							       arena_printf(r->a, "/disclosures/%lld/files/%s", (long long)p.id,
									    vs[i].files[k].sha256)));
		char at[21];
		rfc3339(vs[i].at, at);
		json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "version", vs[i].version, "title",
						     vs[i].title, "summary", vs[i].summary, "body", vs[i].body, "change_note",
						     vs[i].change_note, "content_sha256", vs[i].content_sha256, "created_at", at,
						     "files", files));
	}
	json_object_set_new(o, "versions", arr);
	char subject[40];
	snprintf(subject, sizeof subject, "posting:%lld", (long long)p.id);
	int64_t lidx = p.status != POSTING_DRAFT ? ledger_index_of_subject(c, subject) : -1;
	json_object_set_new(o, "ledger_index", lidx >= 0 ? json_integer(lidx) : json_null());
	http_send_json(w, o);
	w->max_age = 60;
}
