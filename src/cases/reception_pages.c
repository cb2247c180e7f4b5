/*
 * reception_pages.c — citizen reception on the web (issue #15): a unit's
 * published reception schedule; for its handlers the register of visits
 * with the columns of Form 03/TCD, the form to record a visit (which may
 * become a case), and the register as XLSX and PDF. And the printable QR
 * code (PDF) that leads a citizen to rate a resolved case once.
 */
#include "cases.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/pdf.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "cases_pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const enum msg_id kind_labels[4] = {MSG_CK_COMPLAINT, MSG_CK_DENUNCIATION, MSG_RC_PETITION, MSG_RC_REFLECTION};

/* The register's columns (Form 03/TCD): one row of cells for an entry. */
#define RC_COLS 13
static const enum msg_id rc_head[RC_COLS] = {
	MSG_RC_NO,	   MSG_RC_DAY,	      MSG_RC_NAME_ADDR, MSG_RC_ID,	  MSG_RC_SUMMARY,
	MSG_RC_KIND,	   MSG_RC_PEOPLE,     MSG_RC_HANDLED,	MSG_RC_COMPETENT, MSG_RC_GUIDANCE,
	MSG_RC_ACCEPTED,   MSG_RC_FOLLOW_UP,  MSG_RC_NOTES};

static void rc_cells(struct req *r, const struct reception_entry *e, size_t i, const char **cell)
{
	int k = case_name_index(reception_kinds, 4, e->kind);
	bool hidden = !*e->name && !strcmp(e->kind, "denunciation");
	cell[0] = arena_printf(r->a, "%zu", i + 1);
	cell[1] = msg_day(r->a, e->day);
	cell[2] = hidden ? msg(MSG_RC_PROTECTED) : *e->address ? arena_printf(r->a, "%s, %s", e->name, e->address) : e->name;
	cell[3] = e->id_number;
	cell[4] = hidden ? msg(MSG_RC_PROTECTED) : e->summary;
	cell[5] = k < 0 ? e->kind : msg(kind_labels[k]);
	cell[6] = arena_printf(r->a, "%lld", (long long)e->people);
	cell[7] = e->handled_by;
	cell[8] = msg(e->in_competence ? MSG_RATE_YES : MSG_RATE_NO);
	cell[9] = e->guidance;
	cell[10] = *e->case_code ? arena_printf(r->a, "%s%s%s", e->accepted_by, *e->accepted_by ? " — " : "", e->case_code)
				 : e->accepted_by;
	cell[11] = e->follow_up;
	cell[12] = e->refused ? arena_printf(r->a, "%s: %s%s%s", msg(MSG_RC_REFUSED), e->notes,
					     e->notified_day ? msg(MSG_RC_NOTIFIED_ON) : "",
					     e->notified_day ? msg_day(r->a, e->notified_day) : "")
		   : *e->received_by ? arena_printf(r->a, "%s%s%s", e->notes, *e->notes ? ". " : "", e->received_by)
				      : e->notes;
}

/* The unit, for its handlers only (the register holds personal data). */
static struct dbc *handler_unit(struct req *r, struct resp *w, struct unit *u)
{
	struct dbc *c = units_path_unit_or_respond(r, w, false, u);
	if (c && !cases_may_handle(r->user, u)) {
		http_send_error(r, w, r->user ? APP_EFORBID : APP_EAUTH, NULL);
		return NULL;
	}
	return c;
}

/* The register's period: ?from=&to= (dates), by default this year. */
static void period(struct req *r, int64_t *from, int64_t *to)
{
	int y, m, d;
	cal_civil_from_days(cal_today(time(NULL)), &y, &m, &d);
	*from = cal_days_from_civil(y, 1, 1);
	*to = cal_days_from_civil(y + 1, 1, 1);
	int64_t v;
	if (req_query(r, "from") && cal_parse_date(req_query(r, "from"), &v))
		*from = v;
	if (req_query(r, "to") && cal_parse_date(req_query(r, "to"), &v))
		*to = v + 1;
}

static void reception_page(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr,
			   const char *made)
{
	bool handler = cases_may_handle(r->user, u);
	const char *sched = reception_schedule(r->a, c, u);
	struct reception_entry *v = NULL;
	size_t n = 0;
	int64_t from, to;
	period(r, &from, &to);
	if (handler && reception_list(r->a, c, u, from, to, &v, &n)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_RC_TITLE), u->title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, title);
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_RC_SCHEDULE));
	if (!*sched)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_RC_NO_SCHEDULE));
	else {
		html_lit(&h, "<p class=\"schedule\">");
		html_text(&h, sched);
		html_lit(&h, "</p>\n");
	}
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_RC_LAW));
	if (!handler) {
		layout_end(r, &h);
		return;
	}
	if (made)
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s <a href=\"/track/%s\">%s</a>.</p>\n", msg(MSG_RC_MADE_CASE),
			    made, made);
	const char *act = req_form(r, "what");
	bool sched_refused = pr && str_eq(act, "schedule");
	html_printf(&h, "<details%s><summary>%s</summary>\n", sched_refused ? " open" : "", msg(MSG_RC_SET_SCHEDULE));
	if (sched_refused)
		form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/units/%s/reception", u->code), false);
	form_hidden(&h, "what", "schedule");
	form_field(&h, &(struct form_field){.name = "schedule", .label = msg(MSG_RC_SCHEDULE), .type = "textarea",
					    .value = sched_refused ? req_form(r, "schedule") : sched, .max = 2000,
					    .hint = msg(MSG_RC_SCHEDULE_HINT)}, sched_refused ? pr : NULL);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_RC_SAVE));
	form_end(&h);
	html_lit(&h, "</details>\n");
	/* a visit */
	const struct problems *vp = pr && !sched_refused ? pr : NULL;
	html_printf(&h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_RC_NEW));
	form_problems(&h, vp);
	form_begin(r, &h, arena_printf(r->a, "/units/%s/reception", u->code), false);
	form_hidden(&h, "what", "visit");
#define V(name) (vp ? req_form(r, name) : NULL)
	form_field(&h, &(struct form_field){.name = "day", .label = msg(MSG_RC_DAY), .type = "date", .value = V("day"),
					    .hint = msg(MSG_CASES_DAY_HINT)}, vp);
	form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_CASES_NAME), .type = "text", .value = V("name"),
					    .required = true, .max = 100}, vp);
	form_field(&h, &(struct form_field){.name = "address", .label = msg(MSG_CASES_ADDRESS), .type = "text",
					    .value = V("address"), .max = 300}, vp);
	form_field(&h, &(struct form_field){.name = "id_number", .label = msg(MSG_CASES_ID_NUMBER), .type = "text",
					    .value = V("id_number"), .max = 12}, vp);
	form_field(&h, &(struct form_field){.name = "summary", .label = msg(MSG_RC_SUMMARY), .type = "textarea",
					    .value = V("summary"), .required = true, .max = 2000}, vp);
	const char *kind = V("kind");
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_RC_KIND));
	for (int i = 0; i < 4; i++)
		html_printf(&h, "<label><input type=\"radio\" name=\"kind\" value=\"%s\"%s> %s</label>\n", reception_kinds[i],
			    (kind ? str_eq(kind, reception_kinds[i]) : i == 2) ? " checked" : "", msg(kind_labels[i]));
	form_error(&h, vp, "kind");
	html_printf(&h, "<p class=\"hint\">%s</p></fieldset>\n", msg(MSG_RC_KIND_HINT));
	form_field(&h, &(struct form_field){.name = "people", .label = msg(MSG_RC_PEOPLE), .type = "number", .min = "1",
					    .value = V("people") ? V("people") : "1"}, vp);
	form_field(&h, &(struct form_field){.name = "handled_by", .label = msg(MSG_RC_HANDLED), .type = "text",
					    .value = V("handled_by"), .max = 1000}, vp);
	html_printf(&h, "<p><label><input type=\"checkbox\" name=\"in_competence\" value=\"1\"%s> %s</label></p>\n",
		    !vp || req_form(r, "in_competence") ? " checked" : "", msg(MSG_RC_COMPETENT));
	form_field(&h, &(struct form_field){.name = "guidance", .label = msg(MSG_RC_GUIDANCE), .type = "text",
					    .value = V("guidance"), .max = 1000}, vp);
	form_field(&h, &(struct form_field){.name = "accepted_by", .label = msg(MSG_RC_ACCEPTED), .type = "text",
					    .value = V("accepted_by"), .max = 1000}, vp);
	form_field(&h, &(struct form_field){.name = "follow_up", .label = msg(MSG_RC_FOLLOW_UP), .type = "text",
					    .value = V("follow_up"), .max = 1000}, vp);
	form_field(&h, &(struct form_field){.name = "received_by", .label = msg(MSG_RC_RECEIVED_BY), .type = "text",
					    .value = V("received_by"), .max = 1000}, vp);
	form_field(&h, &(struct form_field){.name = "notes", .label = msg(MSG_RC_NOTES), .type = "text", .value = V("notes"),
					    .max = 1000}, vp);
#undef V
	html_printf(&h, "<p><label><input type=\"checkbox\" name=\"make_case\" value=\"1\"%s> %s</label></p>\n"
			"<p><label><input type=\"checkbox\" name=\"refused\" value=\"1\"%s> %s</label></p>\n",
		    vp && req_form(r, "make_case") ? " checked" : "", msg(MSG_RC_MAKE_CASE),
		    vp && req_form(r, "refused") ? " checked" : "", msg(MSG_RC_REFUSE));
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_RC_SAVE));
	form_end(&h);
	/* the register */
	html_printf(&h, "<h2>%s</h2>\n<p>%s %s — %s. <a href=\"/units/%s/reception.xlsx\">XLSX</a> · <a href=\"/units/%s/reception.pdf\">PDF</a></p>\n",
		    msg(MSG_RC_REGISTER), msg(MSG_RC_PERIOD), msg_day(r->a, from), msg_day(r->a, to - 1), u->code, u->code);
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_RC_EMPTY));
	else {
		html_lit(&h, "<div class=\"scroll\"><table>\n<thead><tr>");
		for (int k = 0; k < RC_COLS; k++)
			html_printf(&h, "<th scope=\"col\">%s</th>", msg(rc_head[k]));
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			const char *cell[RC_COLS];
			rc_cells(r, &v[i], i, cell);
			html_printf(&h, "<tr id=\"r-%lld\">", (long long)v[i].id);
			for (int k = 0; k < RC_COLS; k++)
				html_printf(&h, "<td>%s</td>", cell[k]);
			html_lit(&h, "</tr>\n");
		}
		html_lit(&h, "</tbody></table></div>\n");
	}
	/* refusals whose written notice is still to be sent */
	struct reception_entry *due;
	size_t nd = 0;
	if (!reception_notices_due(r->a, c, u->id, 30, &due, &nd) && nd) {
		html_printf(&h, "<h2>%s</h2>\n<ul>\n", msg(MSG_RC_NOTICES));
		for (size_t i = 0; i < nd; i++) {
			html_printf(&h, "<li>%s — %s %s ", due[i].name, msg(MSG_RC_NOTICE_DUE), msg_day(r->a, due[i].notice_due));
			form_begin(r, &h, arena_printf(r->a, "/units/%s/reception", u->code), false);
			form_hidden(&h, "what", "notified");
			form_hidden(&h, "id", arena_printf(r->a, "%lld", (long long)due[i].id));
			html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_RC_MARK_NOTIFIED));
			form_end(&h);
			html_lit(&h, "</li>\n");
		}
		html_lit(&h, "</ul>\n");
	}
	layout_end(r, &h);
}

/* GET /units/{code}/reception — the schedule (public); the register and its forms (handlers). */
void page_reception(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (c)
		reception_page(r, w, c, &u, NULL, NULL);
}

/* POST /units/{code}/reception — what=visit (the register's fields, make_case, refused) or what=schedule. */
void page_reception_post(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = handler_unit(r, w, &u);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	enum app_err e;
	const char *made = NULL;
	int64_t rid;
	if (str_eq(req_form(r, "what"), "schedule"))
		e = reception_schedule_set(r->app->db, r->user, &u, req_form(r, "schedule"), time(NULL), &pr);
	else if (str_eq(req_form(r, "what"), "notified")) {
		e = req_form(r, "id") && !str_to_i64(req_form(r, "id"), 1, INT64_MAX, &rid)
			    ? reception_notified(r->app->db, r->user, &u, rid, time(NULL), &pr)
			    : APP_ENOTFOUND;
		if (e == APP_ENOTFOUND) {
			http_send_error(r, w, e, msg(MSG_RC_NOT_WAITING));
			return;
		}
	} else {
		struct reception_input in = {.day = req_form(r, "day"),
					     .name = req_form(r, "name"),
					     .address = req_form(r, "address"),
					     .id_number = req_form(r, "id_number"),
					     .summary = req_form(r, "summary"),
					     .kind = req_form(r, "kind"),
					     .people = req_form(r, "people"),
					     .handled_by = req_form(r, "handled_by"),
					     .guidance = req_form(r, "guidance"),
					     .accepted_by = req_form(r, "accepted_by"),
					     .follow_up = req_form(r, "follow_up"),
					     .notes = req_form(r, "notes"),
					     .received_by = req_form(r, "received_by"),
					     .in_competence = req_form(r, "in_competence") != NULL,
					     .refused = req_form(r, "refused") != NULL,
					     .make_case = req_form(r, "make_case") != NULL};
		int64_t id;
		e = reception_add(r->app->db, r->a, r->user, &u, &in, time(NULL), &id, &made, &pr);
	}
	if (e == APP_EINVAL || e == APP_EFORBID) {
		w->status = http_status_of(e);
		reception_page(r, w, c, &u, &pr, NULL);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	if (made) {
		reception_page(r, w, c, &u, NULL, made);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/units/%s/reception", u.code));
}

static bool register_rows(struct req *r, struct resp *w, struct unit *u, struct reception_entry **v, size_t *n,
			  int64_t *from, int64_t *to)
{
	struct dbc *c = handler_unit(r, w, u);
	if (!c)
		return false;
	period(r, from, to);
	enum app_err e = reception_list(r->a, c, u, *from, *to, v, n);
	if (e)
		http_send_error(r, w, e, NULL);
	return !e;
}

/* GET /units/{code}/reception.xlsx — the register (handlers). */
void page_reception_xlsx(struct req *r, struct resp *w)
{
	struct unit u;
	struct reception_entry *v;
	size_t n;
	int64_t from, to;
	if (!register_rows(r, w, &u, &v, &n, &from, &to))
		return;
	const char **head = arena_alloc(r->a, RC_COLS * sizeof *head), **cell = arena_alloc(r->a, (n + 1) * RC_COLS * sizeof *cell);
	for (int k = 0; k < RC_COLS; k++)
		head[k] = msg(rc_head[k]);
	for (size_t i = 0; i < n; i++)
		rc_cells(r, &v[i], i, cell + i * RC_COLS);
	static const bool numeric[RC_COLS] = {true, false, false, false, false, false, true};
	struct sheet s = {.name = "so-tiep-cong-dan", .ncol = RC_COLS, .head = head, .numeric = numeric, .cell = cell, .nrow = n};
	http_send_sheet(r, w, &s, arena_printf(r->a, "so-tiep-cong-dan-%s", u.code), true);
}

/* GET /units/{code}/reception.pdf — the register, landscape A4 (handlers). */
void page_reception_pdf(struct req *r, struct resp *w)
{
	struct unit u;
	struct reception_entry *v;
	size_t n;
	int64_t from, to;
	if (!register_rows(r, w, &u, &v, &n, &from, &to))
		return;
	struct pdf *d = pdf_open(&(struct pdf_opts){.title = msg(MSG_RC_REGISTER), .landscape = true, .page_numbers = true});
	pdf_para(d, u.title, 11, PDF_BOLD, PDF_LEFT);
	pdf_para(d, msg(MSG_RC_REGISTER_UPPER), 14, PDF_BOLD, PDF_CENTER);
	pdf_para(d, arena_printf(r->a, "%s %s — %s", msg(MSG_RC_PERIOD), msg_day(r->a, from), msg_day(r->a, to - 1)), 11,
		 PDF_ITALIC, PDF_CENTER);
	pdf_space(d, 8);
	static const double wd[RC_COLS] = {0.03, 0.07, 0.13, 0.07, 0.16, 0.06, 0.04, 0.07, 0.05, 0.09, 0.09, 0.07, 0.07};
	const char *hd[RC_COLS];
	for (int k = 0; k < RC_COLS; k++)
		hd[k] = msg(rc_head[k]);
	pdf_row(d, hd, wd, RC_COLS, 7.5, true);
	for (size_t i = 0; i < n; i++) {
		const char *cell[RC_COLS];
		rc_cells(r, &v[i], i, cell);
		pdf_row(d, cell, wd, RC_COLS, 7.5, false);
	}
	if (!n)
		pdf_para(d, msg(MSG_RC_EMPTY), 11, 0, PDF_LEFT);
	enum app_err e = pdf_finish(d, &w->body);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "inline; filename=\"so-tiep-cong-dan-%s.pdf\"", u.code));
}

/* GET /cases/{id}/qr.pdf — a new one-time rating link as a QR code to print
 * at the desk (the one given before stops working). Handlers of a resolved case. */
void page_case_qr(struct req *r, struct resp *w)
{
	int64_t id;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CASES_NOT_FOUND));
		return;
	}
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct fcase k;
	enum app_err e = case_get(r->a, c, id, &k);
	const char *token = NULL;
	if (!e)
		e = case_rate_token(r->app->db, r->a, r->user, id, time(NULL), &token);
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_RATE_NOT_YET) : NULL);
		return;
	}
	const char *base = r->app->public_url;
	if (!base) {
		const char *host = req_header(r, "host");
		base = arena_printf(r->a, "http://%s", host ? host : "localhost");
	}
	const char *url = arena_printf(r->a, "%s/rate/%s?t=%s", base, k.code, token);
	struct pdf *d = pdf_open(&(struct pdf_opts){.title = msg(MSG_RATE_TITLE)});
	pdf_para(d, k.unit.title, 12, PDF_BOLD, PDF_CENTER);
	pdf_para(d, msg(MSG_RATE_QR_HEAD), 16, PDF_BOLD, PDF_CENTER);
	pdf_space(d, 10);
	pdf_para(d, arena_printf(r->a, "%s %s", msg(MSG_CASES_CASE), k.code), 12, 0, PDF_CENTER);
	pdf_space(d, 10);
	pdf_qr(d, url, 200, msg(MSG_RATE_QR_CAPTION));
	pdf_space(d, 10);
	pdf_para(d, url, 9, 0, PDF_LEFT);
	pdf_para(d, msg(MSG_RATE_QR_ONCE), 10, PDF_ITALIC, PDF_LEFT);
	if ((e = pdf_finish(d, &w->body))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
}
