/*
 * requests.c — requests for information that is not published, has expired
 * or cannot be reached (Law 10/2022 Art. 14(2), answered under the Law on
 * Access to Information): a resident asks, gets a tracking code and a
 * deadline in working days (a setting, default 10), an officer answers.
 * Pages only; the requester's name and contact are never public.
 */
#include "../auth/auth.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/str.h"
#include "dpages.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IR_DAYS_DEFAULT 10
#define IR_QUESTION_MAX 2000
#define IR_ANSWER_MAX 5000

struct info_request {
	int64_t id;
	const char *code, *unit_code, *unit_title, *unit_kind, *unit_path;
	int item;
	const char *reason, *question, *name, *contact;
	int64_t created_at;
	const char *due_date, *status, *handler, *answer;
	int64_t answered_at, unit_id;
};

static const char *const reasons[] = {"not_published", "expired", "unreachable", "other"};

static const char *reason_label(const char *r)
{
	return !strcmp(r, "not_published") ? msg(MSG_IR_REASON_NOT_PUBLISHED)
	       : !strcmp(r, "expired")     ? msg(MSG_IR_REASON_EXPIRED)
	       : !strcmp(r, "unreachable") ? msg(MSG_IR_REASON_UNREACHABLE)
					   : msg(MSG_IR_REASON_OTHER);
}

static void read_row(struct arena *a, struct db_stmt *s, struct info_request *q)
{
	db_cols(s, a, 0, DB_COL(&q->id), DB_COL(&q->code), DB_COL(&q->unit_code), DB_COL(&q->unit_title),
		DB_COL(&q->unit_kind), DB_COL(&q->unit_path), DB_COL(&q->item), DB_COL(&q->reason),
		DB_COL(&q->question), DB_COL(&q->name), DB_COL(&q->contact), DB_COL(&q->created_at),
		DB_COL(&q->due_date), DB_COL(&q->status), DB_COL(&q->handler), DB_COL(&q->answer),
		DB_COL(&q->answered_at), DB_COL(&q->unit_id));
}

/* The working days to answer: the setting, else the default. */
static int answer_days(struct dbc *c)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SETTING_GET);
	db_bind_text(s, 1, "info_request_days");
	bool row;
	int64_t v = IR_DAYS_DEFAULT;
	if (!db_step(s, &row) && row && str_to_i64(db_col_text(s, 0), 1, 60, &v))
		v = IR_DAYS_DEFAULT;
	db_reset(s);
	return (int)v;
}

/* The form; again with every problem and what was typed when pr is given
 * (status already set). */
static void request_form(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct ditem *items;
	size_t n;
	if (catalogue_in_force(r->a, c, dp_today(r), catalogue_scope_of_kind(u->kind), &items, &n)) {
		http_send_error(r, w, APP_EDB, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_IR_NEW));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/disclosures\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, u->code, msg(MSG_DP_LIST), msg(MSG_IR_NEW), msg(MSG_IR_LEAD));
	html_printf(&h, "<p class=\"meta\">%s %d %s.</p>\n", msg(MSG_IR_DEADLINE_LEAD), answer_days(c), msg(MSG_DITEM_WORKING_DAYS));
	form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/units/%s/information-requests", u->code), false);
	const char *item = req_form(r, "item") ? req_form(r, "item") : req_query(r, "item");
	html_printf(&h, "<p><label for=\"f-item\">%s</label><select id=\"f-item\" name=\"item\"><option value=\"0\">%s</option>",
		    msg(MSG_DP_ITEM), msg(MSG_IR_OTHER_ITEM));
	for (size_t i = 0; i < n; i++)
		html_printf(&h, "<option value=\"%d\"%s>%d. %s</option>", items[i].number,
			    item && atoi(item) == items[i].number ? " selected" : "", items[i].number, items[i].title);
	html_lit(&h, "</select>");
	form_error(&h, pr, "item");
	html_printf(&h, "</p>\n<p><label for=\"f-reason\">%s</label><select id=\"f-reason\" name=\"reason\">", msg(MSG_IR_REASON));
	const char *rs = req_form(r, "reason");
	for (size_t i = 0; i < 4; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", reasons[i], rs && !strcmp(rs, reasons[i]) ? " selected" : "",
			    reason_label(reasons[i]));
	const char *nv = req_form(r, "name");
	html_lit(&h, "</select>");
	form_error(&h, pr, "reason");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "question", .label = msg(MSG_IR_QUESTION), .type = "textarea",
					    .value = req_form(r, "question"), .required = true}, pr);
	form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_IR_NAME), .type = "text", .required = true,
					    .max = 100, .value = nv ? nv : r->user ? r->user->full_name : NULL}, pr);
	form_field(&h, &(struct form_field){.name = "contact", .label = msg(MSG_IR_CONTACT), .type = "text", .required = true,
					    .max = 100, .value = req_form(r, "contact"), .hint = msg(MSG_IR_CONTACT_HINT)}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_IR_SEND));
	form_end(&h);
	layout_end(r, &h);
}

/* GET /units/{code}/information-requests/new?item=N */
void page_info_request_new(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_unit_or_respond(r, w, r->param[0], &c, &u))
		return;
	request_form(r, w, c, &u, NULL);
}

struct ir_job {
	const char *code, *question, *name, *contact, *reason, *answer, *today;
	int item, days;
	int64_t unit_id, actor, on_behalf;
	int64_t now; /* the instant of the act, given by the request */
	char due[11];
};

static enum app_err create_fn(struct dbc *c, void *arg)
{
	struct ir_job *j = arg;
	struct cal_table hol;
	enum app_err e = holidays_load(c, &hol);
	if (e)
		return e;
	cal_format_iso(cal_add_working_days(&hol, cal_today(j->now), j->days), j->due);
	free(hol.a);
	struct db_stmt *s = dbc_stmt(c, STMT_IR_INSERT);
	db_bind_text(s, 1, j->code);
	db_bind_i64(s, 2, j->unit_id);
	db_bind_i64(s, 3, j->item);
	db_bind_text(s, 4, j->reason);
	db_bind_text(s, 5, j->question);
	db_bind_text(s, 6, j->name);
	db_bind_text(s, 7, j->contact);
	db_bind_i64(s, 8, j->now);
	db_bind_text(s, 9, j->due);
	if ((e = db_exec(s)))
		return e;
	char *payload;
	json_t *o = json_pack("{s:i, s:s, s:s}", "item", j->item, "reason", j->reason, "due_date", j->due);
	payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	/* public: that a request was made and by when it must be answered; who
	 * asked and what is kept out of the record */
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->unit_id, .kind = "info_request.create",
			   .about = "info_request", .about_code = j->code, .public = true, .payload = payload};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

static bool text_ok(const char *s, size_t min, size_t max)
{
	size_t n = s ? str_utf8_len(s) : 0;
	return n >= min && n <= max;
}

/* POST /units/{code}/information-requests — anyone, with a name and a contact. */
void page_info_request_create(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_unit_or_respond(r, w, r->param[0], &c, &u))
		return;
	const char *question = req_form(r, "question"), *name = req_form(r, "name"), *contact = req_form(r, "contact");
	const char *reason = req_form(r, "reason"), *item = req_form(r, "item");
	int64_t it = 0;
	bool reason_ok = false;
	for (size_t i = 0; i < 4; i++)
		reason_ok |= reason && !strcmp(reason, reasons[i]);
	/* every problem at once, the form again with what was typed */
	struct problems pr = {.a = r->a};
	if (!text_ok(question, 10, IR_QUESTION_MAX))
		problems_add(&pr, "question", msg(MSG_IR_BAD_QUESTION));
	if (!text_ok(name, 2, 100))
		problems_add(&pr, "name", msg(MSG_IR_BAD_NAME));
	if (!text_ok(contact, 5, 100))
		problems_add(&pr, "contact", msg(MSG_IR_BAD_CONTACT));
	if (!reason_ok)
		problems_add(&pr, "reason", msg(MSG_ERR_INVALID));
	if (item && *item && str_to_i64(item, 0, 99, &it))
		problems_add(&pr, "item", msg(MSG_ERR_INVALID));
	if (pr.n) {
		w->status = 400;
		request_form(r, w, c, &u, &pr);
		return;
	}
	/* a tracking code that is hard to guess: 40 random bits in Crockford base32 */
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	char code[16] = "YC-";
	for (int i = 0; i < 8; i++)
		code[3 + i + (i >= 4)] = alphabet[rnd[i] & 31];
	code[7] = '-';
	code[12] = 0;
	struct ir_job j = {.code = code, .question = question, .name = name, .contact = contact, .reason = reason,
			   .item = (int)it, .days = answer_days(c), .unit_id = u.id, .actor = r->user ? r->user->id : 0,
			   .on_behalf = auth_on_behalf(r), .now = time(NULL)};
	enum app_err e = db_write(r->app->db, create_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/information-requests/%s", code));
}

static enum app_err get_request(struct req *r, struct dbc *c, const char *code, struct info_request *q)
{
	struct db_stmt *s = dbc_stmt(c, STMT_IR_GET);
	db_bind_text(s, 1, code);
	enum app_err e = db_row(s);
	if (!e)
		read_row(r->a, s, q);
	db_reset(s);
	return e;
}

static bool may_answer(const struct req *r, const struct info_request *q)
{
	struct unit u = {.kind = q->unit_kind, .path = q->unit_path, .code = q->unit_code};
	return posting_may_publish(r->user, &u);
}

/* GET /information-requests/{code} — where a request stands (anyone with the code). */
void page_info_request(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct info_request q;
	enum app_err e = get_request(r, c, r->param[0], &q);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_IR_NOT_FOUND) : NULL);
		return;
	}
	bool officer = may_answer(r, &q);
	const char *today = dp_today(r);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s %s", msg(MSG_IR_TITLE), q.code);
	layout_begin(r, &h, title);
	html_printf(&h, "<h1>%s</h1>\n<p>%s <strong>%s</strong>. %s</p>\n", title, msg(MSG_IR_KEEP_CODE), q.code, msg(MSG_IR_KEEP_CODE2));
	bool late = !strcmp(q.status, "open") && strcmp(today, q.due_date) > 0;
	html_printf(&h, "<dl class=\"facts\">\n<dt>%s</dt><dd><a href=\"/units/%s/disclosures\">%s</a></dd>\n", msg(MSG_DC_UNIT),
		    q.unit_code, q.unit_title);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_IR_REASON), reason_label(q.reason));
	if (q.item)
		html_printf(&h, "<dt>%s</dt><dd>%d</dd>\n", msg(MSG_DP_ITEM), q.item);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_IR_QUESTION), q.question);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_IR_RECEIVED), dp_time_vn(r, q.created_at));
	html_printf(&h, "<dt>%s</dt><dd>%s%s</dd>\n", msg(MSG_IR_DUE), dp_date_vn(r, q.due_date), late ? msg(MSG_IR_LATE) : "");
	html_printf(&h, "<dt>%s</dt><dd><span class=\"badge %s\">%s</span></dd>\n", msg(MSG_DP_STATE),
		    !strcmp(q.status, "open") ? "draft" : "current",
		    !strcmp(q.status, "open") ? msg(MSG_IR_OPEN) : msg(MSG_IR_ANSWERED));
	if (officer)
		html_printf(&h, "<dt>%s</dt><dd>%s — %s</dd>\n", msg(MSG_IR_REQUESTER), q.name, q.contact);
	if (*q.handler)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_IR_HANDLER), q.handler);
	if (!strcmp(q.status, "answered"))
		html_printf(&h, "<dt>%s</dt><dd>%s<br><span class=\"meta\">%s · %s</span></dd>\n", msg(MSG_IR_ANSWER), q.answer,
			    dp_time_vn(r, q.answered_at), q.handler);
	html_lit(&h, "</dl>\n");
	if (officer && !strcmp(q.status, "open") && strcmp(q.handler, r->user->username)) {
		form_begin(r, &h, arena_printf(r->a, "/information-requests/%s/take", q.code), false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_IR_TAKE));
		form_end(&h);
	}
	if (officer && !strcmp(q.status, "open")) {
		form_begin(r, &h, arena_printf(r->a, "/information-requests/%s/answer", q.code), false);
		html_printf(&h, "<p><label for=\"f-answer\">%s</label><textarea id=\"f-answer\" name=\"answer\" rows=\"6\" required></textarea></p>"
				"<p><button type=\"submit\">%s</button></p>",
			    msg(MSG_IR_ANSWER), msg(MSG_IR_SEND_ANSWER));
		form_end(&h);
	}
	layout_end(r, &h);
}

/* GET /units/{code}/information-requests — the officers' list. */
void page_info_requests(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!dp_publisher_unit_or_respond(r, w, &c, &u))
		return;
	struct db_stmt *s = dbc_stmt(c, STMT_IR_LIST);
	db_bind_i64(s, 1, u.id);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_IR_LIST), u.title);
	const char *today = dp_today(r);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, title);
	html_lit(&h, "<ul class=\"postings\">\n");
	bool row, any = false;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		struct info_request q;
		read_row(r->a, s, &q);
		any = true;
		bool open = !strcmp(q.status, "open"), late = open && strcmp(today, q.due_date) > 0;
		html_printf(&h, "<li><a href=\"/information-requests/%s\">%s</a> <span class=\"badge %s\">%s</span>", q.code, q.code,
			    late ? "withdrawn" : open ? "draft" : "current",
			    late ? msg(MSG_IR_OVERDUE) : open ? msg(MSG_IR_OPEN) : msg(MSG_IR_ANSWERED));
		html_printf(&h, "<br><span class=\"meta\">%s · %s %s · %s · %s: %s</span></li>\n", q.name, msg(MSG_IR_DUE),
			    dp_date_vn(r, q.due_date), reason_label(q.reason), msg(MSG_IR_HANDLER),
			    *q.handler ? q.handler : msg(MSG_IR_NO_HANDLER));
	}
	db_reset(s);
	html_lit(&h, "</ul>\n");
	if (!any)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_IR_NONE));
	if (auth_caps_at(r->user, u.path) & CAP_DISCLOSE_ALL) {
		form_begin(r, &h, "/admin/settings", false);
		form_field(&h, &(struct form_field){.name = "info_request_days", .id = "days", .label = msg(MSG_IR_DAYS_SETTING),
						    .type = "number", .min = "1", .max = 60,
						    .value = arena_printf(r->a, "%d", answer_days(c))}, NULL);
		form_hidden(&h, "back", arena_printf(r->a, "/units/%s/information-requests", u.code));
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_SAVE));
		form_end(&h);
	}
	layout_end(r, &h);
	(void)e;
}

static enum app_err answer_fn(struct dbc *c, void *arg)
{
	struct ir_job *j = arg;
	enum app_err e = db_run(c, STMT_IR_ANSWER, "titi", j->code, (int64_t)j->actor, j->answer, (int64_t)j->now);
	if (e)
		return e;
	char *payload;
	json_t *o = json_pack("{s:s, s:b}", "due_date", j->due, "on_time", strcmp(j->due, j->today) >= 0);
	payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->unit_id, .kind = "info_request.answer",
			   .about = "info_request", .about_code = j->code, .public = true, .payload = payload};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

static enum app_err take_fn(struct dbc *c, void *arg)
{
	struct ir_job *j = arg;
	enum app_err e = db_run(c, STMT_IR_TAKE, "ti", j->code, (int64_t)j->actor);
	if (e)
		return e;
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->unit_id, .kind = "info_request.take",
			   .about = "info_request", .about_code = j->code};
	return events_add(c, &ev, NULL);
}

/* An officer's act on an open request of their unit: take it or answer it. */
static void officer_act(struct req *r, struct resp *w, db_write_fn fn, const char *answer)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct info_request q;
	enum app_err e = get_request(r, c, r->param[0], &q);
	if (!e && !may_answer(r, &q))
		e = APP_EFORBID;
	if (!e && strcmp(q.status, "open"))
		e = APP_ECONFLICT;
	if (!e && fn == answer_fn && !text_ok(answer, 10, IR_ANSWER_MAX)) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_IR_BAD_ANSWER));
		return;
	}
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_IR_NOT_FOUND) : e == APP_ECONFLICT ? msg(MSG_IR_ALREADY) : NULL);
		return;
	}
	struct ir_job j = {.code = q.code, .answer = answer, .today = dp_today(r), .unit_id = q.unit_id,
			   .actor = r->user->id, .on_behalf = auth_on_behalf(r), .now = time(NULL)};
	snprintf(j.due, sizeof j.due, "%s", q.due_date);
	if ((e = db_write(r->app->db, fn, &j))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/information-requests/%s", q.code));
}

/* POST /information-requests/{code}/take — the officer becomes its handler. */
void page_info_request_take(struct req *r, struct resp *w)
{
	officer_act(r, w, take_fn, NULL);
}

/* POST /information-requests/{code}/answer */
void page_info_request_answer(struct req *r, struct resp *w)
{
	officer_act(r, w, answer_fn, req_form(r, "answer"));
}

struct setting_job {
	const char *key, *value;
	int64_t actor;
};

static enum app_err setting_fn(struct dbc *c, void *arg)
{
	struct setting_job *j = arg;
	enum app_err e = db_run(c, STMT_SETTING_SET, "tt", j->key, j->value);
	if (e)
		return e;
	json_t *o = json_pack("{s:s, s:s}", "key", j->key, "value", j->value);
	char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	struct event ev = {.actor = j->actor, .kind = "setting.set", .subject = "setting:info_request_days", .public = true,
			   .payload = payload};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

/* POST /admin/settings — info_request_days (1..60 working days); province
 * and system administrators. */
void page_admin_settings_post(struct req *r, struct resp *w)
{
	if (!auth_has_cap(r->user, CAP_DISCLOSE_ALL)) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	const char *v = req_form(r, "info_request_days"), *back = req_form(r, "back");
	int64_t days;
	if (!v || str_to_i64(v, 1, 60, &days)) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_IR_BAD_DAYS));
		return;
	}
	struct setting_job j = {"info_request_days", arena_printf(r->a, "%lld", (long long)days), r->user->id};
	enum app_err e = db_write(r->app->db, setting_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	/* only a local path, never another site */
	http_redirect(r, w, back && back[0] == '/' && back[1] != '/' && !strchr(back, '\\') ? back : "/admin");
}
