/*
 * cases_pages.c — feedback, complaints and denunciations on the web and the
 * API: the filing form of a unit (/units/{code}/feedback), the public
 * tracking page (/track/{code}), a case's page for its handlers and its
 * filer with the form of each step, a unit's cases for its officers, the
 * published statistics, the rating form (/rate/{code}), and the API
 * (/api/v1/cases). No SQL here: the domain is cases.c.
 */
#include "cases.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "cases_pages.h"
#include "ident.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static const char *day_iso(struct arena *a, int64_t day)
{
	char *s = arena_alloc(a, 11);
	cal_format_iso(day, s);
	return s;
}

/* The unit a case is filed at from the path: a village files at its commune,
 * the village kept as the place. */
static struct dbc *filing_unit(struct req *r, struct resp *w, struct unit *u, const char **village)
{
	struct dbc *c = units_path_unit_or_respond(r, w, false, u);
	*village = NULL;
	if (c && units_kind_is_village(u->kind)) {
		*village = u->code;
		if (units_get(r->a, c, u->parent_code, u)) {
			http_send_error(r, w, APP_ENOTFOUND, NULL);
			return NULL;
		}
	}
	return c;
}

static bool is_handler(struct req *r, const struct unit *u)
{
	return cases_may_handle(r->user, u);
}

/* ---- the unit page's section ---- */

void cases_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	if (units_kind_is_village(u->kind))
		return;
	struct case_stats st;
	html_printf(h, "<h2>%s</h2>\n", msg(MSG_CASES_TITLE));
	if (!case_stats(c, u->path, 0, 0, cal_today(time(NULL)), &st) && st.total) {
		html_printf(h, "<p>%s ", msg(MSG_CASES_RECEIVED_N));
		html_count(h, st.total);
		if (st.resolved + st.late_open)
			html_printf(h, ". %s %lld%%", msg(MSG_CASES_ON_TIME_RATE),
				    (long long)(st.on_time * 100 / (st.resolved + st.late_open)));
		if (st.rated)
			html_printf(h, ". %s %lld%%", msg(MSG_CASES_SATISFIED_RATE),
				    (long long)((st.rating_n[4] + st.rating_n[5]) * 100 / st.rated));
		html_lit(h, ".</p>\n");
	}
	html_printf(h, "<ul class=\"menu\"><li><a href=\"/units/%s/feedback\">%s</a></li><li><a href=\"/track\">%s</a></li>"
		       "<li><a href=\"/units/%s/feedback-stats\">%s</a></li>",
		    u->code, msg(MSG_CASES_FILE), msg(MSG_CASES_TRACK), u->code, msg(MSG_CASES_STATS));
	html_printf(h, "<li><a href=\"/units/%s/reception\">%s</a></li>", u->code, msg(MSG_CASES_RECEPTION));
	if (is_handler(r, u))
		html_printf(h, "<li><a href=\"/units/%s/cases\">%s</a></li>", u->code, msg(MSG_CASES_LIST));
	html_lit(h, "</ul>\n");
}

/* ---- filing ---- */

static void radio(struct html *h, const char *name, const char *value, const char *label, bool checked)
{
	html_printf(h, "<label><input type=\"radio\" name=\"%s\" value=\"%s\"%s> %s</label>\n", name, value,
		    checked ? " checked" : "", label);
}

static void feedback_form(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const char *village,
			  const struct problems *pr)
{
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	bool officer = is_handler(r, u);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_CASES_FILE));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, msg(MSG_CASES_FILE), msg(MSG_CASES_FILE_LEAD));
	form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/units/%s/feedback", u->code), true);
	const char *kind = req_form(r, "kind");
	if (!kind)
		kind = req_query(r, "kind");
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_CASES_KIND));
	int nk = officer ? CK__N : CK_BOARD_REC;
	for (int i = 0; i < nk; i++)
		radio(&h, "kind", case_kind_names[i], msg(case_kind_labels[i]), kind ? str_eq(kind, case_kind_names[i]) : !i);
	form_error(&h, pr, "kind");
	html_printf(&h, "<p class=\"hint\">%s</p></fieldset>\n", msg(MSG_CASES_KIND_HINT));
	if (officer) {
		const char *ch = req_form(r, "channel");
		html_printf(&h, "<p><label for=\"f-channel\">%s</label><select id=\"f-channel\" name=\"channel\">", msg(MSG_CASES_CHANNEL));
		for (int i = 0; i < CC__N; i++)
			if (i != CC_API && i != CC_SMS && i != CC_OPEN311)
				html_printf(&h, "<option value=\"%s\"%s>%s</option>", case_channel_names[i],
					    (ch ? str_eq(ch, case_channel_names[i]) : i == CC_PAPER) ? " selected" : "",
					    msg(case_channel_labels[i]));
		html_lit(&h, "</select>");
		form_error(&h, pr, "channel");
		html_lit(&h, "</p>\n");
		form_field(&h, &(struct form_field){.name = "desk", .label = msg(MSG_CASES_DESK), .type = "text",
						    .value = req_form(r, "desk"), .max = 100, .hint = msg(MSG_CASES_DESK_HINT)}, pr);
	}
	const struct case_category *cats;
	size_t ncat = case_categories(&cats);
	const char *cat = req_form(r, "category");
	html_printf(&h, "<p><label for=\"f-category\">%s</label><select id=\"f-category\" name=\"category\">", msg(MSG_CASES_CATEGORY));
	for (size_t i = 0; i < ncat; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", cats[i].code,
			    str_eq(cat, cats[i].code) ? " selected" : "", cats[i].title);
	html_lit(&h, "</select>");
	form_error(&h, pr, "category");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_CASES_F_TITLE), .type = "text",
					    .value = req_form(r, "title"), .max = CASE_TITLE_MAX, .hint = msg(MSG_CASES_F_TITLE_HINT)},
		   pr);
	form_field(&h, &(struct form_field){.name = "body", .label = msg(MSG_CASES_F_BODY), .type = "textarea",
					    .value = req_form(r, "body"), .required = true, .max = CASE_BODY_MAX}, pr);
	form_field(&h, &(struct form_field){.name = "files", .label = msg(MSG_CASES_F_FILES), .type = "file",
					    .accept = CASE_FILE_TYPES, .multiple = true, .hint = msg(MSG_CASES_F_FILES_HINT)},
		   pr);
	/* where */
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_CASES_WHERE));
	struct unit *vs;
	size_t nv = 0;
	units_children(r->a, c, u->id, &vs, &nv);
	const char *vsel = req_form(r, "village") ? req_form(r, "village") : village;
	html_printf(&h, "<p><label for=\"f-village\">%s</label><select id=\"f-village\" name=\"village\"><option value=\"\">%s</option>",
		    msg(MSG_CASES_VILLAGE), msg(MSG_CASES_NO_VILLAGE));
	for (size_t i = 0; i < nv; i++)
		if (units_kind_is_village(vs[i].kind))
			html_printf(&h, "<option value=\"%s\"%s>%s</option>", vs[i].code, str_eq(vsel, vs[i].code) ? " selected" : "",
				    vs[i].title);
	html_lit(&h, "</select>");
	form_error(&h, pr, "village");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "location", .label = msg(MSG_CASES_LOCATION), .type = "text",
					    .value = req_form(r, "location"), .max = 300}, pr);
	form_field(&h, &(struct form_field){.name = "lat", .label = msg(MSG_CASES_LAT), .type = "text",
					    .value = req_form(r, "lat"), .max = 20, .hint = msg(MSG_CASES_POINT_HINT)},
		   pr);
	form_field(&h, &(struct form_field){.name = "lon", .label = msg(MSG_CASES_LON), .type = "text",
					    .value = req_form(r, "lon"), .max = 20}, pr);
	html_lit(&h, "</fieldset>\n");
	/* who */
	html_printf(&h, "<fieldset><legend>%s</legend>\n<p class=\"hint\">%s</p>\n", msg(MSG_CASES_WHO), msg(MSG_CASES_WHO_HINT));
	html_printf(&h, "<p><label><input type=\"checkbox\" name=\"anonymous\" value=\"1\"%s> %s</label>",
		    req_form(r, "anonymous") ? " checked" : "", msg(MSG_CASES_ANONYMOUS));
	form_error(&h, pr, "anonymous");
	html_lit(&h, "</p>\n");
	const char *name = req_form(r, "name");
	if (!name && !pr && r->user && !officer)
		name = r->user->full_name;
	form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_CASES_NAME), .type = "text", .value = name,
					    .max = 100, .autocomplete = "name"}, pr);
	form_field(&h, &(struct form_field){.name = "phone", .label = msg(MSG_CASES_PHONE), .type = "tel",
					    .value = req_form(r, "phone"), .max = 20, .autocomplete = "tel",
					    .hint = msg(MSG_CASES_PHONE_HINT)}, pr);
	form_field(&h, &(struct form_field){.name = "email", .label = msg(MSG_CASES_EMAIL), .type = "email",
					    .value = req_form(r, "email"), .max = 200, .autocomplete = "email"}, pr);
	form_field(&h, &(struct form_field){.name = "address", .label = msg(MSG_CASES_ADDRESS), .type = "text",
					    .value = req_form(r, "address"), .max = 300}, pr);
	form_field(&h, &(struct form_field){.name = "id_number", .label = msg(MSG_CASES_ID_NUMBER), .type = "text",
					    .value = req_form(r, "id_number"), .max = 12}, pr);
	form_field(&h, &(struct form_field){.name = "act_date", .label = msg(MSG_CASES_ACT_DATE), .type = "date",
					    .value = req_form(r, "act_date"), .hint = msg(MSG_CASES_ACT_DATE_HINT)}, pr);
	html_lit(&h, "</fieldset>\n");
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CASES_SEND));
	form_end(&h);
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_CASES_SMS_HINT));
	layout_end(r, &h);
}

/* GET /units/{code}/feedback?kind= */
void page_case_new(struct req *r, struct resp *w)
{
	struct unit u;
	const char *village;
	struct dbc *c = filing_unit(r, w, &u, &village);
	if (c)
		feedback_form(r, w, c, &u, village, NULL);
}

/* The uploaded attachments (field "files") checked by content. */
static void read_files(struct req *r, struct case_input *in, struct problems *pr)
{
	for (size_t i = 0; i < r->nfile; i++) {
		const struct upload *up = &r->files[i];
		if (strcmp(up->field, "files") || (!up->len && (!up->filename || !*up->filename)))
			continue;
		if (in->nfile == CASE_MAX_FILES) {
			problems_add(pr, "files", msg(MSG_CASE_TOO_MANY_FILES));
			break;
		}
		struct posting_file *f = &in->files[in->nfile];
		const char *why = case_file_check(up->data, up->len, f);
		if (why) {
			problems_add(pr, "files", arena_printf(r->a, "%s: %s", req_upload_name(r, up), why));
			continue;
		}
		char *sha = (char *)f->sha256;
		f->sha256 = arena_strdup(r->a, sha);
		free(sha);
		f->filename = req_upload_name(r, up);
		f->seq = (int)in->nfile + 1;
		in->file_data[in->nfile++] = up->data;
	}
}

/* POST /units/{code}/feedback — the form; a refused one again with its problems. */
void page_case_create(struct req *r, struct resp *w)
{
	struct unit u;
	const char *village;
	struct dbc *c = filing_unit(r, w, &u, &village);
	if (!c)
		return;
	struct case_input in = {
		.kind = req_form(r, "kind"),	   .category = req_form(r, "category"), .channel = req_form(r, "channel"),
		.title = req_form(r, "title"),	   .body = req_form(r, "body"),		.name = req_form(r, "name"),
		.phone = req_form(r, "phone"),	   .email = req_form(r, "email"),	.address = req_form(r, "address"),
		.id_number = req_form(r, "id_number"), .anonymous = req_form(r, "anonymous") != NULL,
		.village = req_form(r, "village"), .lat = req_form(r, "lat"),		.lon = req_form(r, "lon"),
		.location = req_form(r, "location"), .act_date = req_form(r, "act_date"), .desk = req_form(r, "desk")};
	if (!in.channel)
		in.channel = "web";
	if (!in.village)
		in.village = village; /* filed from a village's page */
	else if (!*in.village)
		in.village = NULL;
	struct problems pr = {.a = r->a};
	read_files(r, &in, &pr);
	/* every problem at once: the files' (above) and the fields' (case_submit) */
	int64_t id = 0;
	const char *code = NULL;
	enum app_err e = case_submit(r->app->db, r->a, r->user, &u, &in, time(NULL), &id, &code, NULL, &pr);
	if (e == APP_EINVAL || e == APP_EFORBID) {
		w->status = http_status_of(e);
		feedback_form(r, w, c, &u, village, &pr);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/track/%s?new=1", code));
}

/* ---- the public tracking page ---- */

/* Whether the public may read what the case is about: petitions and board
 * matters are public feedback; complaints and denunciations concern persons. */
static bool content_public(const struct fcase *k)
{
	return k->kind == CK_PETITION || k->kind == CK_BOARD_REC || k->kind == CK_BOARD_PETITION;
}

static const char *status_class(enum case_status s)
{
	return s == CST_RESOLVED || s == CST_RATED || s == CST_CLOSED ? "current"
	       : s == CST_REJECTED || s == CST_FORWARDED	      ? "withdrawn"
								      : "draft";
}

/* What the deadline says: "còn N ngày" / "quá hạn N ngày" / "". */
static void due_text(struct req *r, struct html *h, const struct fcase *k, int64_t today)
{
	if (!k->due_day) {
		if (k->status == CST_SUSPENDED)
			html_printf(h, "%s", msg(MSG_CASES_CLOCK_STOPPED));
		return;
	}
	html_printf(h, "%s", msg_day(r->a, k->due_day));
	if (k->due_day < today)
		html_printf(h, " <strong class=\"badge withdrawn\">%s %lld %s</strong>", msg(MSG_CASES_LATE_BY),
			    (long long)(today - k->due_day), msg(MSG_CASES_DAYS));
}

void page_track_lookup(struct req *r, struct resp *w)
{
	const char *code = req_query(r, "code");
	char norm[CASE_CODE_LEN + 1];
	if (code && case_code_norm(code, norm)) {
		http_redirect(r, w, arena_printf(r->a, "/track/%s", norm));
		return;
	}
	if (code)
		w->status = 404;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_CASES_TRACK));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_CASES_TRACK), msg(MSG_CASES_TRACK_LEAD));
	if (code)
		html_printf(&h, "<p class=\"error\" role=\"alert\">%s</p>\n", msg(MSG_CASES_NO_SUCH_CODE));
	form_search(&h, "/track", msg(MSG_CASES_CODE), "code", code);
	form_search_end(&h, msg(MSG_CASES_TRACK_GO));
	layout_end(r, &h);
}

/* The case of the path's tracking code ({code}), on the thread's
 * connection; NULL after answering 404 (or a database error). */
static struct dbc *case_of_code(struct req *r, struct resp *w, struct fcase *k)
{
	struct dbc *c = app_conn_or_respond(r, w);
	enum app_err e = c ? case_by_code(r->a, c, r->param[0], k) : APP_OK;
	if (e)
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CASES_NO_SUCH_CODE) : NULL);
	return e ? NULL : c;
}

/* GET /track/{code} — status, timeline and public answer; no personal data. */
void page_track(struct req *r, struct resp *w)
{
	struct fcase k;
	struct dbc *c = case_of_code(r, w, &k);
	if (!c)
		return;
	struct case_event *ev;
	size_t nev = 0;
	enum app_err e;
	if ((e = case_events(r->a, c, k.id, true, &ev, &nev))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int64_t today = cal_today(time(NULL));
	w->max_age = 0; /* the status changes: revalidated each time (ETag), never stale in a browser */
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s %s", msg(MSG_CASES_CASE), k.code);
	layout_begin(r, &h, title);
	html_printf(&h, "<h1>%s <span class=\"code\">%s</span></h1>\n", msg(MSG_CASES_CASE), k.code);
	if (req_query(r, "new"))
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s <strong>%s</strong>. %s</p>\n", msg(MSG_CASES_THANKS),
			    k.code, msg(MSG_CASES_KEEP_CODE));
	html_printf(&h, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s%s</dd>\n", msg(MSG_CASES_KIND), msg(case_kind_labels[k.kind]),
		    k.instance == 2 ? msg(MSG_CASES_SECOND_INSTANCE) : "");
	const struct case_category *cat = case_category(k.category);
	if (cat && k.kind != CK_DENUNCIATION)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_CATEGORY), cat->title);
	html_printf(&h, "<dt>%s</dt><dd><a href=\"/units/%s\">%s</a></dd>\n", msg(MSG_CASES_UNIT), k.unit.code, k.unit.title);
	if (content_public(&k)) {
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_F_TITLE), k.title);
		if (*k.village_title)
			html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_VILLAGE), k.village_title);
	}
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_RECEIVED_ON), msg_day(r->a, k.received_day));
	html_printf(&h, "<dt>%s</dt><dd><span class=\"badge %s\">%s</span></dd>\n", msg(MSG_CASES_STATUS),
		    status_class(k.status), msg(case_status_labels[k.status]));
	if (k.due_day || k.status == CST_SUSPENDED) {
		html_printf(&h, "<dt>%s</dt><dd>", msg(!strcmp(k.clock, "accept") ? MSG_CASES_DUE_ACCEPT : MSG_CASES_DUE_RESOLVE));
		due_text(r, &h, &k, today);
		html_lit(&h, "</dd>\n");
	}
	if (k.resolved_day)
		html_printf(&h, "<dt>%s</dt><dd>%s%s</dd>\n", msg(MSG_CASES_RESOLVED_ON), msg_day(r->a, k.resolved_day),
			    k.on_time == 0 ? msg(MSG_CASES_WAS_LATE) : "");
	if (k.rating)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_RATING), msg(MSG_RATE_L1 + (5 - k.rating)));
	html_lit(&h, "</dl>\n");
	if (*k.answer && k.kind != CK_DENUNCIATION) {
		html_printf(&h, "<h2>%s</h2>\n<blockquote>", msg(MSG_CASES_ANSWER));
		html_text(&h, k.answer);
		html_lit(&h, "</blockquote>\n");
		if (*k.decision_ref)
			html_printf(&h, "<p class=\"meta\">%s %s</p>\n", msg(MSG_CASES_DECISION_REF), k.decision_ref);
	}
	html_printf(&h, "<h2>%s</h2>\n<ol class=\"timeline\">\n", msg(MSG_CASES_TIMELINE));
	for (size_t i = 0; i < nev; i++) {
		int a = case_name_index(case_action_names, CA__N, ev[i].action);
		int s = case_name_index(case_status_names, CST__N, ev[i].status);
		html_printf(&h, "<li><time datetime=\"%s\">%s</time> %s — %s</li>\n", day_iso(r->a, ev[i].day),
			    msg_day(r->a, ev[i].day), a < 0 ? ev[i].action : msg(case_action_labels[a]),
			    s < 0 ? ev[i].status : msg(case_status_labels[s]));
	}
	html_lit(&h, "</ol>\n");
	if (cases_may_see(r->user, &k))
		html_printf(&h, "<p><a href=\"/cases/%lld\">%s</a></p>\n", (long long)k.id, msg(MSG_CASES_OPEN_CASE));
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_CASES_TRACK_SMS));
	layout_end(r, &h);
}

/* ---- a case's page for its handlers and its filer ---- */

static bool id_param(struct req *r, struct resp *w, int64_t *id)
{
	if (str_to_i64(r->param[0], 1, INT64_MAX, id)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CASES_NOT_FOUND));
		return false;
	}
	return true;
}

/* The form of one action (its fields by action), posted to /cases/{id}/{action}. */
static void action_form(struct req *r, struct html *h, const struct fcase *k, enum case_action a,
			const struct problems *pr, bool refused)
{
	const char *v = refused ? NULL : "";
	html_printf(h, "<details%s><summary>%s</summary>\n", refused ? " open" : "", msg(case_action_labels[a]));
	if (refused)
		form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/cases/%lld/%s", (long long)k->id, case_action_names[a]), false);
	const char *id = case_action_names[a];
	switch (a) {
	case CA_CLASSIFY: {
		html_printf(h, "<p><label for=\"f-kind-%s\">%s</label><select id=\"f-kind-%s\" name=\"kind\">", id,
			    msg(MSG_CASES_KIND), id);
		for (int i = 0; i < CK__N; i++)
			html_printf(h, "<option value=\"%s\"%s>%s</option>", case_kind_names[i], i == (int)k->kind ? " selected" : "",
				    msg(case_kind_labels[i]));
		html_printf(h, "</select></p>\n<p><label for=\"f-category-%s\">%s</label><select id=\"f-category-%s\" name=\"category\">",
			    id, msg(MSG_CASES_CATEGORY), id);
		const struct case_category *cats;
		size_t n = case_categories(&cats);
		for (size_t i = 0; i < n; i++)
			html_printf(h, "<option value=\"%s\"%s>%s</option>", cats[i].code,
				    str_eq(k->category, cats[i].code) ? " selected" : "", cats[i].title);
		html_printf(h, "</select></p>\n<p><label for=\"f-complexity-%s\">%s</label><select id=\"f-complexity-%s\" name=\"complexity\">"
			       "<option value=\"0\"%s>%s</option><option value=\"1\"%s>%s</option><option value=\"2\"%s>%s</option></select></p>\n",
			    id, msg(MSG_CASES_COMPLEXITY), id, k->complexity == 0 ? " selected" : "", msg(MSG_CASES_CX0),
			    k->complexity == 1 ? " selected" : "", msg(MSG_CASES_CX1), k->complexity == 2 ? " selected" : "",
			    msg(MSG_CASES_CX2));
		html_printf(h, "<p><label><input type=\"checkbox\" name=\"remote\" value=\"1\"%s> %s</label></p>\n",
			    k->remote ? " checked" : "", msg(MSG_CASES_REMOTE));
		break;
	}
	case CA_FORWARD:
		form_field(h, &(struct form_field){.name = "to_unit", .id = "to_unit", .label = msg(MSG_CASES_TO_UNIT),
						   .type = "text", .value = v ? v : req_form(r, "to_unit"), .max = 20,
						   .hint = msg(MSG_CASES_TO_UNIT_HINT)}, refused ? pr : NULL);
		form_field(h, &(struct form_field){.name = "to_body", .id = "to_body", .label = msg(MSG_CASES_TO_BODY),
						   .type = "text", .value = v ? v : req_form(r, "to_body"), .max = 300},
			   refused ? pr : NULL);
		break;
	case CA_EXTEND:
		if (k->kind == CK_DENUNCIATION && strcmp(k->clock, "accept"))
			html_printf(h, "<p><label for=\"f-complexity-%s\">%s</label><select id=\"f-complexity-%s\" name=\"complexity\">"
				       "<option value=\"1\">%s</option><option value=\"2\"%s>%s</option></select></p>\n",
				    id, msg(MSG_CASES_COMPLEXITY), id, msg(MSG_CASES_CX1), k->complexity == 2 ? " selected" : "",
				    msg(MSG_CASES_CX2));
		break;
	case CA_RESOLVE:
		form_field(h, &(struct form_field){.name = "answer", .label = msg(MSG_CASES_ANSWER), .type = "textarea",
						   .value = v ? v : req_form(r, "answer"), .required = true,
						   .max = CASE_NOTE_MAX, .hint = msg(MSG_CASES_ANSWER_HINT)},
			   refused ? pr : NULL);
		form_field(h, &(struct form_field){.name = "decision_ref", .label = msg(MSG_CASES_DECISION_REF),
						   .type = "text", .value = v ? v : req_form(r, "decision_ref"), .max = 200},
			   refused ? pr : NULL);
		break;
	default:
		break;
	}
	if (a == CA_SUSPEND || a == CA_RESUME || a == CA_ACCEPT || a == CA_RESOLVE || a == CA_FORWARD)
		form_field(h, &(struct form_field){.name = "day", .id = arena_printf(r->a, "day-%s", id),
						   .label = msg(a == CA_RESUME ? MSG_CASES_RESUME_DAY : MSG_CASES_DECISION_DAY),
						   .type = "date", .value = v ? v : req_form(r, "day"),
						   .hint = msg(MSG_CASES_DAY_HINT)}, refused ? pr : NULL);
	if (a != CA_TAKE && a != CA_START && a != CA_CLOSE && a != CA_RESOLVE)
		form_field(h, &(struct form_field){.name = "note", .id = arena_printf(r->a, "note-%s", id),
						   .label = msg(MSG_CASES_NOTE), .type = "textarea",
						   .value = v ? v : req_form(r, "note"), .max = CASE_NOTE_MAX},
			   refused ? pr : NULL);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(case_action_labels[a]));
	form_end(h);
	html_lit(h, "</details>\n");
}

static void case_page(struct req *r, struct resp *w, struct dbc *c, int64_t id, int refused,
		      const struct problems *pr, const struct case_ident *who, const char *token)
{
	struct fcase k;
	enum app_err e = case_get(r->a, c, id, &k);
	if (!e && !cases_may_see(r->user, &k))
		e = r->user ? APP_EFORBID : APP_EAUTH;
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CASES_NOT_FOUND) : NULL);
		return;
	}
	bool handler = is_handler(r, &k.unit);
	struct case_event *ev;
	struct posting_file *files;
	size_t nev = 0, nf = 0;
	if ((e = case_events(r->a, c, k.id, false, &ev, &nev)) || (e = case_files(r->a, c, k.id, &files, &nf))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	int64_t today = cal_today(time(NULL));
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s %s", msg(MSG_CASES_CASE), k.code);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>", msg(MSG_BREADCRUMB),
		    k.unit.code, k.unit.title);
	if (handler)
		html_printf(&h, "<li><a href=\"/units/%s/cases\">%s</a></li>", k.unit.code, msg(MSG_CASES_LIST));
	html_printf(&h, "</ol></nav>\n<h1>%s</h1>\n", title);
	if (token)
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s <a href=\"/rate/%s?t=%s\">/rate/%s?t=%s</a></p>\n",
			    msg(MSG_CASES_RATE_LINK), k.code, token, k.code, token);
	if (k.late_filing)
		html_printf(&h, "<p class=\"error\" role=\"alert\">%s</p>\n", msg(MSG_CASES_LATE_FILING));
	html_printf(&h, "<dl class=\"facts\">\n<dt>%s</dt><dd>%s%s</dd>\n", msg(MSG_CASES_KIND), msg(case_kind_labels[k.kind]),
		    k.instance == 2 ? msg(MSG_CASES_SECOND_INSTANCE) : "");
	const struct case_category *cat = case_category(k.category);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_CATEGORY), cat ? cat->title : k.category);
	int ch = case_name_index(case_channel_names, CC__N, k.channel);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_CHANNEL), ch < 0 ? k.channel : msg(case_channel_labels[ch]));
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", msg(MSG_CASES_F_TITLE), k.title, msg(MSG_CASES_F_BODY));
	html_text(&h, k.body);
	html_lit(&h, "</dd>\n");
	if (*k.village_title || *k.location || k.has_point) {
		html_printf(&h, "<dt>%s</dt><dd>%s%s%s", msg(MSG_CASES_WHERE), k.village_title,
			    *k.village_title && *k.location ? ", " : "", k.location);
		if (k.has_point)
			html_printf(&h, " (%s)", arena_printf(r->a, "%.6f, %.6f", (double)k.lat_e6 / 1e6, (double)k.lon_e6 / 1e6));
		html_lit(&h, "</dd>\n");
	}
	if (k.act_day)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_ACT_DATE), msg_day(r->a, k.act_day));
	/* the filer: to the handlers; a denouncer's identity is sealed (Art. 9) */
	if (handler && k.sealed) {
		html_printf(&h, "<dt>%s</dt><dd>", msg(MSG_CASES_FILER));
		if (who)
			html_printf(&h, "%s — %s — %s %s %s<br><span class=\"meta\">%s</span>", who->name, who->address,
				    who->phone, who->email, who->id_number, msg(MSG_CASES_IDENT_LOGGED));
		else if (cases_may_see_ident(r->user, &k)) {
			form_begin(r, &h, arena_printf(r->a, "/cases/%lld/identity", (long long)k.id), false);
			html_printf(&h, "<button type=\"submit\">%s</button> <span class=\"meta\">%s</span>", msg(MSG_CASES_IDENT_SHOW),
				    msg(MSG_CASES_IDENT_LOGGED));
			form_end(&h);
		} else
			html_printf(&h, "%s", msg(MSG_CASES_IDENT_HIDDEN));
		html_lit(&h, "</dd>\n");
	} else if (handler) {
		html_printf(&h, "<dt>%s</dt><dd>%s", msg(MSG_CASES_FILER), k.anonymous ? msg(MSG_CASES_ANONYMOUS_FILER) : k.name);
		if (!k.anonymous)
			html_printf(&h, " — %s %s %s %s", k.address, k.phone, k.email, k.id_number);
		html_lit(&h, "</dd>\n");
	}
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_RECEIVED_ON), msg_day(r->a, k.received_day));
	if (k.accepted_day)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_ACCEPTED_ON), msg_day(r->a, k.accepted_day));
	html_printf(&h, "<dt>%s</dt><dd><span class=\"badge %s\">%s</span></dd>\n", msg(MSG_CASES_STATUS),
		    status_class(k.status), msg(case_status_labels[k.status]));
	if (k.due_day || k.status == CST_SUSPENDED) {
		const struct case_rule *rule = case_clock_rule(&k);
		html_printf(&h, "<dt>%s</dt><dd>", msg(!strcmp(k.clock, "accept") ? MSG_CASES_DUE_ACCEPT : MSG_CASES_DUE_RESOLVE));
		due_text(r, &h, &k, today);
		if (rule)
			html_printf(&h, "<br><span class=\"meta\">%d %s — %s</span>", rule->n,
				    msg(rule->unit == CDU_WORKING ? MSG_CASES_WORKING_DAYS : MSG_CASES_DAYS), rule->cite);
		html_lit(&h, "</dd>\n");
	}
	if (k.extensions)
		html_printf(&h, "<dt>%s</dt><dd>%d</dd>\n", msg(MSG_CASES_EXTENSIONS), k.extensions);
	if (*k.handler_name)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_HANDLER), k.handler_name);
	if (*k.answer) {
		html_printf(&h, "<dt>%s</dt><dd>", msg(MSG_CASES_ANSWER));
		html_text(&h, k.answer);
		if (*k.decision_ref)
			html_printf(&h, "<br><span class=\"meta\">%s %s</span>", msg(MSG_CASES_DECISION_REF), k.decision_ref);
		html_lit(&h, "</dd>\n");
	}
	if (k.rating)
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CASES_RATING), msg(MSG_RATE_L1 + (5 - k.rating)));
	html_lit(&h, "</dl>\n");
	if (nf) {
		html_printf(&h, "<h2>%s</h2>\n<ul>\n", msg(MSG_CASES_F_FILES));
		for (size_t i = 0; i < nf; i++) {
			char size[24];
			html_printf(&h, "<li><a href=\"/cases/%lld/files/%s\">%s</a> (%s, %s)</li>\n", (long long)k.id,
				    files[i].sha256, files[i].filename, msg_file_type(files[i].mime), msg_size(files[i].size, size));
		}
		html_lit(&h, "</ul>\n");
	}
	html_printf(&h, "<h2>%s</h2>\n<ol class=\"timeline\">\n", msg(MSG_CASES_TIMELINE));
	for (size_t i = 0; i < nev; i++) {
		int a = case_name_index(case_action_names, CA__N, ev[i].action);
		int s = case_name_index(case_status_names, CST__N, ev[i].status);
		char at[20];
		cal_format_time_vn((time_t)ev[i].at, at);
		html_printf(&h, "<li><time>%s</time> %s — %s%s%s", at, a < 0 ? ev[i].action : msg(case_action_labels[a]),
			    s < 0 ? ev[i].status : msg(case_status_labels[s]), *ev[i].by ? " — " : "", ev[i].by);
		if (*ev[i].note && handler) {
			html_lit(&h, "<br>");
			html_text(&h, ev[i].note);
		}
		html_lit(&h, "</li>\n");
	}
	html_lit(&h, "</ol>\n");
	if (handler) {
		html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CASES_ACTIONS));
		for (int a = CA_CLASSIFY; a < CA__N; a++)
			if (a != CA_RATE && case_action_allowed(&k, (enum case_action)a))
				action_form(r, &h, &k, (enum case_action)a, pr, refused == a);
		if (k.status == CST_RESOLVED)
			html_printf(&h, "<p><a href=\"/cases/%lld/qr.pdf\">%s</a></p>\n", (long long)k.id, msg(MSG_CASES_QR));
	} else if (refused >= 0 && pr)
		form_problems(&h, pr);
	else if (case_action_allowed(&k, CA_APPEAL))
		action_form(r, &h, &k, CA_APPEAL, pr, false);
	html_printf(&h, "<p><a href=\"/track/%s\">%s</a></p>\n", k.code, msg(MSG_CASES_PUBLIC_PAGE));
	layout_end(r, &h);
}

/* GET /cases/{id} */
void page_case(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (id_param(r, w, &id) && (c = app_conn_or_respond(r, w)))
		case_page(r, w, c, id, -1, NULL, NULL, NULL);
}

/* The case of the path ({id}) for whoever may see it, on the thread's
 * connection; NULL after answering (404, 401, 403, or a database error). */
static struct dbc *case_of_path(struct req *r, struct resp *w, int64_t *id, struct fcase *k)
{
	struct dbc *c;
	if (!id_param(r, w, id) || !(c = app_conn_or_respond(r, w)))
		return NULL;
	enum app_err e = case_get(r->a, c, *id, k);
	if (!e && !cases_may_see(r->user, k))
		e = r->user ? APP_EFORBID : APP_EAUTH;
	if (e)
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CASES_NOT_FOUND) : NULL);
	return e ? NULL : c;
}

/* POST /cases/{id}/identity — a denouncer's identity, to the handler and the head; the view recorded. */
void page_case_identity(struct req *r, struct resp *w)
{
	int64_t id;
	struct fcase k;
	struct dbc *c = case_of_path(r, w, &id, &k);
	if (!c)
		return;
	enum app_err e = !k.sealed || !cases_may_see_ident(r->user, &k) ? APP_EFORBID : APP_OK;
	struct case_ident who;
	if (!e)
		e = case_ident_view(r->app->db, r->a, c, id, r->user->id, time(NULL), &who);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	case_page(r, w, c, id, -1, NULL, &who, NULL);
}

/* POST /cases/{id}/{action} — a step (the fields of case_act). */
void page_case_act(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	if (!id_param(r, w, &id) || !(c = app_conn_or_respond(r, w)))
		return;
	int a = case_name_index(case_action_names, CA__N, r->param[1]);
	if (a < 0 || a == CA_FILE || a == CA_RATE) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CASES_NOT_FOUND));
		return;
	}
	struct case_act act = {.action = (enum case_action)a,
			       .note = req_form(r, "note"),
			       .day = req_form(r, "day"),
			       .kind = req_form(r, "kind"),
			       .category = req_form(r, "category"),
			       .complexity = req_form(r, "complexity"),
			       .remote = req_form(r, "remote"),
			       .to_unit = req_form(r, "to_unit"),
			       .to_body = req_form(r, "to_body"),
			       .answer = req_form(r, "answer"),
			       .decision_ref = req_form(r, "decision_ref")};
	struct problems pr = {.a = r->a};
	const char *token = NULL;
	enum app_err e = case_act(r->app->db, r->a, r->user, id, &act, time(NULL), &token, &pr);
	if (r->is_api || (e && e != APP_EINVAL && e != APP_ECONFLICT && e != APP_EFORBID)) {
		http_answer(r, w, e, &pr, arena_printf(r->a, "/cases/%lld", (long long)id));
		return;
	}
	if (e) {
		w->status = http_status_of(e);
		case_page(r, w, c, id, a, &pr, NULL, NULL);
		return;
	}
	if (token) {
		/* the one-time rating link is shown once, to the handler who answered */
			case_page(r, w, c, id, -1, NULL, NULL, token);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/cases/%lld", (long long)id));
}

/* GET /cases/{id}/files/{sha256} — an attachment, to whoever sees the case. */
void page_case_file(struct req *r, struct resp *w)
{
	int64_t id;
	struct fcase k;
	struct dbc *c = case_of_path(r, w, &id, &k);
	if (!c)
		return;
	struct posting_file *files;
	size_t nf = 0;
	enum app_err e = case_files(r->a, c, id, &files, &nf);
	size_t i = 0;
	while (!e && i < nf && strcmp(files[i].sha256, r->param[1]))
		i++;
	if (!e && i == nf)
		e = APP_ENOTFOUND;
	const char *mime, *data;
	size_t n;
	if (!e)
		e = blob_get(r->a, c, files[i].sha256, &mime, &data, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = files[i].mime;
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", files[i].filename));
	buf_append(&w->body, data, n);
}

/* ---- a unit's cases, for its officers ---- */

static void case_row(struct req *r, struct html *h, const struct fcase *k, int64_t today)
{
	html_printf(h, "<tr><td><a href=\"/cases/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td><span class=\"badge %s\">%s</span></td><td>",
		    (long long)k->id, k->code, msg(case_kind_labels[k->kind]), k->title, msg_day(r->a, k->received_day),
		    status_class(k->status), msg(case_status_labels[k->status]));
	due_text(r, h, k, today);
	html_printf(h, "</td><td>%s</td></tr>\n", k->handler_name);
}

static void case_table_head(struct html *h)
{
	html_printf(h, "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_CASES_CODE), msg(MSG_CASES_KIND), msg(MSG_CASES_F_TITLE), msg(MSG_CASES_RECEIVED_ON),
		    msg(MSG_CASES_STATUS), msg(MSG_CASES_DUE), msg(MSG_CASES_HANDLER));
}

/* GET /units/{code}/cases?status=&kind=&cursor= */
void page_unit_cases(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	if (!is_handler(r, &u)) {
		http_send_error(r, w, r->user ? APP_EFORBID : APP_EAUTH, NULL);
		return;
	}
	int64_t today = cal_today(time(NULL)), after = 0;
	const char *cur = req_query(r, "cursor");
	if (cur && str_to_i64(cur, 1, INT64_MAX, &after))
		after = 0;
	struct case_filter f = {.path = u.path,
				.kind = case_name_index(case_kind_names, CK__N, req_query(r, "kind")),
				.status = case_name_index(case_status_names, CST__N, req_query(r, "status")),
				.after_id = after,
				.limit = 50};
	struct fcase *due, *list;
	size_t ndue = 0, n = 0;
	int64_t total = 0;
	enum app_err e = cases_due(r->a, c, u.path, 0, today + 3, 100, &due, &ndue);
	if (!e)
		e = cases_list(r->a, c, &f, &list, &n, &total);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_CASES_LIST), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, title);
	html_printf(&h, "<p><a href=\"/units/%s/feedback\">%s</a> · <a href=\"/units/%s/feedback-stats\">%s</a></p>\n", u.code,
		    msg(MSG_CASES_ENTER), u.code, msg(MSG_CASES_STATS));
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CASES_DUE_SOON));
	if (!ndue)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CASES_NONE_DUE));
	else {
		case_table_head(&h);
		for (size_t i = 0; i < ndue; i++)
			case_row(r, &h, &due[i], today);
		html_lit(&h, "</tbody></table></div>\n");
	}
	html_printf(&h, "<h2>%s</h2>\n<form method=\"get\" action=\"/units/%s/cases\" class=\"filters\"><p>"
			"<label for=\"f-status\">%s</label><select id=\"f-status\" name=\"status\"><option value=\"\">%s</option>",
		    msg(MSG_CASES_ALL), u.code, msg(MSG_CASES_STATUS), msg(MSG_CASES_ANY));
	for (int i = 0; i < CST__N; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", case_status_names[i], f.status == i ? " selected" : "",
			    msg(case_status_labels[i]));
	html_printf(&h, "</select> <label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\"><option value=\"\">%s</option>",
		    msg(MSG_CASES_KIND), msg(MSG_CASES_ANY));
	for (int i = 0; i < CK__N; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", case_kind_names[i], f.kind == i ? " selected" : "",
			    msg(case_kind_labels[i]));
	html_printf(&h, "</select> <button type=\"submit\">%s</button></p></form>\n", msg(MSG_CASES_FILTER));
	html_printf(&h, "<p>%s ", msg(MSG_CASES_COUNT));
	html_count(&h, total);
	html_lit(&h, "</p>\n");
	if (n) {
		case_table_head(&h);
		for (size_t i = 0; i < n; i++)
			case_row(r, &h, &list[i], today);
		html_lit(&h, "</tbody></table></div>\n");
	}
	if (n == (size_t)f.limit)
		html_printf(&h, "<p><a href=\"/units/%s/cases?cursor=%lld&amp;status=%s&amp;kind=%s\">%s</a></p>\n", u.code,
			    (long long)list[n - 1].id, f.status >= 0 ? case_status_names[f.status] : "",
			    f.kind >= 0 ? case_kind_names[f.kind] : "", msg(MSG_NEXT));
	layout_end(r, &h);
}

/* ---- statistics, published ---- */

static int64_t pct(int64_t n, int64_t d)
{
	return d ? n * 100 / d : 0;
}

/* The statistics as a sheet (CSV, XLSX): one line a figure. */
static void stats_sheet(struct req *r, const struct case_stats *st, struct sheet *s)
{
	const struct case_category *cats;
	size_t ncat = case_categories(&cats);
	if (ncat > CASE_MAX_CATEGORIES)
		ncat = CASE_MAX_CATEGORIES;
	size_t cap = (CK__N + CST__N + CC__N + ncat + 7) * 3, n = 0;
	const char **cell = arena_alloc(r->a, cap * sizeof *cell);
#define ROW(what, group, v) (cell[n++] = (what), cell[n++] = (group), cell[n++] = (v))
	for (int i = 0; i < CK__N; i++)
		ROW(msg(MSG_CASES_KIND), msg(case_kind_labels[i]), arena_printf(r->a, "%lld", (long long)st->by_kind[i]));
	for (int i = 0; i < CST__N; i++)
		ROW(msg(MSG_CASES_STATUS), msg(case_status_labels[i]), arena_printf(r->a, "%lld", (long long)st->by_status[i]));
	for (int i = 0; i < CC__N; i++)
		ROW(msg(MSG_CASES_CHANNEL), msg(case_channel_labels[i]), arena_printf(r->a, "%lld", (long long)st->by_channel[i]));
	for (size_t i = 0; i < ncat; i++)
		ROW(msg(MSG_CASES_CATEGORY), cats[i].title, arena_printf(r->a, "%lld", (long long)st->by_category[i]));
	ROW(msg(MSG_CASES_ON_TIME_RATE), "%", arena_printf(r->a, "%lld", (long long)pct(st->on_time, st->resolved + st->late_open)));
	ROW(msg(MSG_CASES_MEAN_DAYS), msg(MSG_CASES_DAYS),
	    arena_printf(r->a, "%.1f", st->resolved ? (double)st->handling_days / (double)st->resolved : 0.0));
	for (int l = 5; l >= 1; l--)
		ROW(msg(MSG_CASES_RATING), msg(MSG_RATE_L1 + (5 - l)), arena_printf(r->a, "%lld", (long long)st->rating_n[l]));
#undef ROW
	static const bool numeric[3] = {false, false, true};
	static const double width[3] = {30, 40, 12};
	const char **head = arena_alloc(r->a, 3 * sizeof *head);
	head[0] = msg(MSG_CASES_STAT_WHAT), head[1] = msg(MSG_CASES_STAT_GROUP), head[2] = msg(MSG_CASES_STAT_N);
	*s = (struct sheet){.name = "phan-anh", .ncol = 3, .head = head, .width = width, .numeric = numeric, .cell = cell,
			    .nrow = n / 3};
}

static bool stats_of(struct req *r, struct resp *w, struct unit *u, struct case_stats *st)
{
	struct dbc *c = units_path_unit_or_respond(r, w, false, u);
	if (!c)
		return false;
	enum app_err e = case_stats(c, u->path, 0, 0, cal_today(time(NULL)), st);
	if (e)
		http_send_error(r, w, e, NULL);
	return !e;
}

/* GET /units/{code}/feedback-stats(.csv|.xlsx) — counts, on time, handling time, satisfaction. */
void page_case_stats(struct req *r, struct resp *w)
{
	struct unit u;
	struct case_stats st;
	if (!stats_of(r, w, &u, &st))
		return;
	w->max_age = 60;
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_CASES_STATS), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, title);
	html_printf(&h, "<dl class=\"facts\">\n<dt>%s</dt><dd>", msg(MSG_CASES_RECEIVED_N));
	html_count(&h, st.total);
	html_printf(&h, "</dd>\n<dt>%s</dt><dd>", msg(MSG_CASES_OPEN_N));
	html_count(&h, st.open);
	html_printf(&h, "</dd>\n<dt>%s</dt><dd>%lld%% (", msg(MSG_CASES_ON_TIME_RATE),
		    (long long)pct(st.on_time, st.resolved + st.late_open));
	html_count(&h, st.on_time);
	html_lit(&h, "/");
	html_count(&h, st.resolved + st.late_open);
	html_printf(&h, ")</dd>\n<dt>%s</dt><dd>%s %s</dd>\n", msg(MSG_CASES_MEAN_DAYS),
		    arena_printf(r->a, "%.1f", st.resolved ? (double)st.handling_days / (double)st.resolved : 0.0),
		    msg(MSG_CASES_DAYS));
	html_printf(&h, "<dt>%s</dt><dd>%lld%% (", msg(MSG_CASES_SATISFIED_RATE),
		    (long long)pct(st.rating_n[4] + st.rating_n[5], st.rated));
	html_count(&h, st.rated);
	html_printf(&h, " %s)</dd>\n</dl>\n", msg(MSG_CASES_RATINGS_N));
	struct {
		enum msg_id title;
		const int64_t *v;
		int n;
		const enum msg_id *labels;
	} groups[] = {{MSG_CASES_KIND, st.by_kind, CK__N, case_kind_labels},
		      {MSG_CASES_STATUS, st.by_status, CST__N, case_status_labels},
		      {MSG_CASES_CHANNEL, st.by_channel, CC__N, case_channel_labels}};
	for (size_t g = 0; g < ARRAY_SIZE(groups); g++) {
		html_printf(&h, "<h2>%s</h2>\n<table><tbody>\n", msg(groups[g].title));
		for (int i = 0; i < groups[g].n; i++) {
			html_printf(&h, "<tr><th scope=\"row\">%s</th><td class=\"num\">", msg(groups[g].labels[i]));
			html_count(&h, groups[g].v[i]);
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody></table>\n");
	}
	const struct case_category *cats;
	size_t ncat = case_categories(&cats);
	html_printf(&h, "<h2>%s</h2>\n<table><tbody>\n", msg(MSG_CASES_CATEGORY));
	for (size_t i = 0; i < ncat && i < CASE_MAX_CATEGORIES; i++) {
		html_printf(&h, "<tr><th scope=\"row\">%s</th><td class=\"num\">", cats[i].title);
		html_count(&h, st.by_category[i]);
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody></table>\n");
	html_printf(&h, "<h2>%s</h2>\n<table><tbody>\n", msg(MSG_CASES_RATING));
	for (int l = 5; l >= 1; l--) {
		html_printf(&h, "<tr><th scope=\"row\">%s</th><td class=\"num\">", msg(MSG_RATE_L1 + (5 - l)));
		html_count(&h, st.rating_n[l]);
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody></table>\n");
	struct case_desk_stat *ds;
	size_t nd = 0;
	if (!case_desk_stats(r->a, app_conn_or_respond(r, w), u.path, &ds, &nd) && nd) {
		html_printf(&h, "<h2>%s</h2>\n<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
			    msg(MSG_CASES_BY_DESK), msg(MSG_CASES_DESK), msg(MSG_CASES_RECEIVED_N), msg(MSG_CASES_RATINGS_N),
			    msg(MSG_CASES_SATISFIED_RATE));
		for (size_t i = 0; i < nd; i++)
			html_printf(&h, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
					"<td class=\"num\">%lld%%</td></tr>\n",
				    ds[i].desk, (long long)ds[i].cases, (long long)ds[i].rated,
				    (long long)pct(ds[i].satisfied, ds[i].rated));
		html_lit(&h, "</tbody></table>\n");
	}
	html_printf(&h, "<p><a href=\"/units/%s/feedback-stats.csv\">CSV</a> · "
			"<a href=\"/units/%s/feedback-stats.xlsx\">XLSX</a></p>\n",
		    u.code, u.code);
	layout_end(r, &h);
}

static void stats_export(struct req *r, struct resp *w, bool xlsx)
{
	struct unit u;
	struct case_stats st;
	if (!stats_of(r, w, &u, &st))
		return;
	struct sheet s;
	stats_sheet(r, &st, &s);
	w->max_age = 60;
	http_send_sheet(r, w, &s, arena_printf(r->a, "phan-anh-%s", u.code), xlsx);
}

void page_case_stats_csv(struct req *r, struct resp *w)
{
	stats_export(r, w, false);
}

void page_case_stats_xlsx(struct req *r, struct resp *w)
{
	stats_export(r, w, true);
}

/* ---- rating (Arts. 34-35) ---- */

static void rate_form(struct req *r, struct resp *w, const struct fcase *k, const struct problems *pr)
{
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_RATE_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p>%s <a href=\"/track/%s\">%s</a> — %s.</p>\n", msg(MSG_RATE_TITLE), msg(MSG_CASES_CASE),
		    k->code, k->code, k->unit.title);
	form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/rate/%s", k->code), false);
	const char *t = req_form(r, "t") ? req_form(r, "t") : req_query(r, "t");
	form_hidden(&h, "t", t ? t : "");
	const char *lv = req_form(r, "level");
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_RATE_LEVEL));
	for (int l = 5; l >= 1; l--)
		radio(&h, "level", arena_printf(r->a, "%d", l), msg(MSG_RATE_L1 + (5 - l)), lv && atoi(lv) == l);
	form_error(&h, pr, "level");
	html_lit(&h, "</fieldset>\n");
	const char *ot = req_form(r, "on_time");
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_RATE_ON_TIME));
	radio(&h, "on_time", "1", msg(MSG_RATE_YES), str_eq(ot, "1"));
	radio(&h, "on_time", "0", msg(MSG_RATE_NO), str_eq(ot, "0"));
	html_lit(&h, "</fieldset>\n");
	const char *at = req_form(r, "attitude");
	html_printf(&h, "<p><label for=\"f-attitude\">%s</label><select id=\"f-attitude\" name=\"attitude\"><option value=\"\">%s</option>",
		    msg(MSG_RATE_ATTITUDE), msg(MSG_RATE_NOT_SAID));
	for (int l = 5; l >= 1; l--)
		html_printf(&h, "<option value=\"%d\"%s>%s</option>", l, at && atoi(at) == l ? " selected" : "",
			    msg(MSG_RATE_L1 + (5 - l)));
	html_lit(&h, "</select>");
	form_error(&h, pr, "attitude");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "visits", .label = msg(MSG_RATE_VISITS), .type = "number", .min = "1",
					    .max = 50, .value = req_form(r, "visits")}, pr);
	form_field(&h, &(struct form_field){.name = "comment", .label = msg(MSG_RATE_COMMENT), .type = "textarea",
					    .value = req_form(r, "comment"), .max = 2000}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_RATE_SEND));
	form_end(&h);
	layout_end(r, &h);
}

/* GET /rate/{code}?t=TOKEN */
void page_rate(struct req *r, struct resp *w)
{
	struct fcase k;
	struct dbc *c = case_of_code(r, w, &k);
	if (!c)
		return;
	if (k.status != CST_RESOLVED) {
		http_send_error(r, w, APP_ECONFLICT, msg(k.status == CST_RATED ? MSG_RATE_DONE_ALREADY : MSG_RATE_NOT_YET));
		return;
	}
	rate_form(r, w, &k, NULL);
}

/* POST /rate/{code} — t, level (1-5), on_time, attitude, visits, comment; once per token. */
void page_rate_post(struct req *r, struct resp *w)
{
	struct fcase k;
	struct dbc *c = case_of_code(r, w, &k);
	if (!c)
		return;
	struct case_rating_input in = {req_form(r, "t"),	req_form(r, "level"),  req_form(r, "on_time"),
				       req_form(r, "attitude"), req_form(r, "visits"), req_form(r, "comment")};
	struct problems pr = {.a = r->a};
	enum app_err e = case_rate(r->app->db, k.code, &in, time(NULL), &pr);
	if (r->is_api) {
		http_answer(r, w, e, &pr, arena_printf(r->a, "/track/%s", k.code));
		return;
	}
	if (e == APP_EINVAL) {
		w->status = 400;
		rate_form(r, w, &k, &pr);
		return;
	}
	if (e) {
		http_send_error(r, w, e, pr.n ? pr.v[0].message : NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_RATE_THANKS));
	html_printf(&h, "<h1>%s</h1>\n<p><a href=\"/track/%s\">%s</a></p>\n", msg(MSG_RATE_THANKS), k.code, msg(MSG_CASES_PUBLIC_PAGE));
	layout_end(r, &h);
}

/* ---- the API ---- */

/* What anyone may know of a case (the tracking page's facts). */
static json_t *case_public_json(struct arena *a, const struct fcase *k)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s}", "code", k->code, "kind", case_kind_names[k->kind],
			      "instance", k->instance, "status", case_status_names[k->status], "unit", k->unit.code,
			      "channel", k->channel, "received", day_iso(a, k->received_day));
	bool pub = content_public(k);
	json_object_set_new(o, "category", k->kind == CK_DENUNCIATION ? json_null() : json_string(k->category));
	json_object_set_new(o, "title", pub ? json_string(k->title) : json_null());
	json_object_set_new(o, "clock", *k->clock ? json_string(k->clock) : json_null());
	json_object_set_new(o, "due", k->due_day ? json_string(day_iso(a, k->due_day)) : json_null());
	json_object_set_new(o, "resolved", k->resolved_day ? json_string(day_iso(a, k->resolved_day)) : json_null());
	json_object_set_new(o, "on_time", k->on_time < 0 ? json_null() : json_boolean(k->on_time));
	json_object_set_new(o, "answer", *k->answer && k->kind != CK_DENUNCIATION ? json_string(k->answer) : json_null());
	json_object_set_new(o, "rating", k->rating ? json_integer(k->rating) : json_null());
	json_object_set_new(o, "url", json_string(arena_printf(a, "/track/%s", k->code)));
	return o;
}

/* The same with what its handlers and its filer see (never a sealed identity). */
static json_t *case_full_json(struct arena *a, const struct fcase *k, bool handler)
{
	json_t *o = case_public_json(a, k);
	json_object_set_new(o, "id", json_integer(k->id));
	json_object_set_new(o, "title", json_string(k->title));
	json_object_set_new(o, "description", json_string(k->body));
	json_object_set_new(o, "category", json_string(k->category));
	json_object_set_new(o, "late_filing", json_boolean(k->late_filing));
	json_object_set_new(o, "complexity", json_integer(k->complexity));
	json_object_set_new(o, "remote", json_boolean(k->remote));
	json_object_set_new(o, "extensions", json_integer(k->extensions));
	json_object_set_new(o, "handler", *k->handler_name ? json_string(k->handler_name) : json_null());
	json_object_set_new(o, "location", json_string(k->location));
	if (k->has_point) {
		json_object_set_new(o, "lat", json_real((double)k->lat_e6 / 1e6));
		json_object_set_new(o, "long", json_real((double)k->lon_e6 / 1e6));
	}
	if (handler && !k->sealed)
		json_object_set_new(o, "filer", json_pack("{s:b, s:s, s:s, s:s, s:s}", "anonymous", k->anonymous, "name",
							  k->name, "phone", k->phone, "email", k->email, "address", k->address));
	return o;
}

/* GET /api/v1/cases?unit=&kind=&status=&category=&mine=1&limit=&cursor= */
void api_cases(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	int limit;
	int64_t after;
	if (!http_list_id_args(r, w, &limit, &after))
		return;
	struct unit u = {.path = "/"};
	const char *code = req_query(r, "unit");
	enum app_err e = code ? units_get(r->a, c, code, &u) : APP_OK;
	if (e) {
		http_send_json_error(r, w, e, "unit", msg(MSG_CASES_BAD_UNIT));
		return;
	}
	const char *kind = req_query(r, "kind"), *status = req_query(r, "status");
	struct case_filter f = {.path = u.path,
				.kind = kind ? case_name_index(case_kind_names, CK__N, kind) : -1,
				.status = status ? case_name_index(case_status_names, CST__N, status) : -1,
				.category = req_query(r, "category"),
				.after_id = after,
				.limit = limit,
				.user_id = req_query(r, "mine") && r->user ? r->user->id : 0};
	if ((kind && f.kind < 0) || (status && f.status < 0)) {
		http_send_json_error(r, w, APP_EINVAL, kind && f.kind < 0 ? "kind" : "status", msg(MSG_ERR_INVALID));
		return;
	}
	if (req_query(r, "mine") && !r->user) {
		http_send_json_error(r, w, APP_EAUTH, "mine", msg(MSG_ERR_INVALID));
		return;
	}
	struct fcase *v;
	size_t n = 0;
	int64_t total = 0;
	if ((e = cases_list(r->a, c, &f, &v, &n, &total))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, f.user_id || is_handler(r, &v[i].unit) ? case_full_json(r->a, &v[i], is_handler(r, &v[i].unit))
										    : case_public_json(r->a, &v[i]));
	const char *next = n == (size_t)limit ? arena_printf(r->a, "%lld", (long long)v[n - 1].id) : NULL;
	http_send_list(w, items, total, next, NULL);
}

/* GET /api/v1/cases/{id}: a tracking code (what the public sees) or an id (its handlers and filer). */
void api_case(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct fcase k;
	int64_t id;
	bool by_id = !str_to_i64(r->param[0], 1, INT64_MAX, &id);
	enum app_err e = by_id ? case_get(r->a, c, id, &k) : case_by_code(r->a, c, r->param[0], &k);
	if (!e && by_id && !cases_may_see(r->user, &k))
		e = r->user ? APP_EFORBID : APP_EAUTH;
	if (e) {
		http_send_json_error(r, w, e, NULL, e == APP_ENOTFOUND ? msg(MSG_CASES_NOT_FOUND) : NULL);
		return;
	}
	struct case_event *ev;
	size_t nev = 0;
	bool full = cases_may_see(r->user, &k);
	if ((e = case_events(r->a, c, k.id, !full, &ev, &nev))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *o = full ? case_full_json(r->a, &k, is_handler(r, &k.unit)) : case_public_json(r->a, &k);
	json_t *tl = json_array();
	for (size_t i = 0; i < nev; i++)
		json_array_append_new(tl, json_pack("{s:s, s:s, s:s}", "day", day_iso(r->a, ev[i].day), "action", ev[i].action,
						    "status", ev[i].status));
	json_object_set_new(o, "events", tl);
	http_send_json(w, o);
}

struct intake {
	struct case_submit_job j;
	struct case_input in;
	struct unit unit;
};

static void intake_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct intake *k = arg;
	if (e) {
		http_send_json_error(r, w, e, NULL, NULL);
		return;
	}
	w->status = k->j.again ? 200 : 201;
	resp_header(r, w, "Location", arena_printf(r->a, "/track/%s", k->j.code));
	http_send_json(w, json_pack("{s:s, s:I, s:s, s:s}", "code", k->j.code, "id", (json_int_t)k->j.id, "status",
				    case_status_names[CST_RECEIVED], "url", arena_printf(r->a, "/track/%s", k->j.code)));
}

static const char *jstr(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A number member of the body as text ("21.0285"), or a string one as is. */
static const char *jnum(struct arena *a, json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_number(v))
		return arena_printf(a, "%.7f", json_number_value(v));
	return NULL;
}

/* POST /api/v1/cases — {unit, kind, category, title, description, anonymous, name, phone, email,
 * address, id_number, village, lat, long, location, act_date}; Idempotency-Key header. Durable
 * when answered (201). A retry with the key gets the first answer again (src/idem.c); the key
 * is also kept with the case in its own write, so it is filed once even if that answer was
 * lost (then the retry gets 200 with the same case). */
void api_case_create(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	json_t *b = r->json;
	if (!json_is_object(b)) {
		http_send_json_error(r, w, APP_EINVAL, "", msg(MSG_ERR_INVALID));
		return;
	}
	struct intake *k = arena_alloc(r->a, sizeof *k);
	memset(k, 0, sizeof *k);
	const char *unit = jstr(b, "unit");
	struct problems pr = {.a = r->a};
	if (!unit || units_get(r->a, c, unit, &k->unit)) {
		http_send_json_error(r, w, APP_EINVAL, "unit", msg(MSG_CASES_BAD_UNIT));
		return;
	}
	const char *village = NULL;
	if (units_kind_is_village(k->unit.kind)) {
		village = k->unit.code;
		if (units_get(r->a, c, k->unit.parent_code, &k->unit)) {
			http_send_json_error(r, w, APP_EINVAL, "unit", msg(MSG_CASES_BAD_UNIT));
			return;
		}
	}
	json_t *anon = json_object_get(b, "anonymous");
	k->in = (struct case_input){.kind = jstr(b, "kind") ? jstr(b, "kind") : "petition",
				    .category = jstr(b, "category"),
				    .channel = jstr(b, "channel") ? jstr(b, "channel") : "api",
				    .title = jstr(b, "title"),
				    .body = jstr(b, "description"),
				    .name = jstr(b, "name"),
				    .phone = jstr(b, "phone"),
				    .email = jstr(b, "email"),
				    .address = jstr(b, "address"),
				    .id_number = jstr(b, "id_number"),
				    .anonymous = json_is_true(anon),
				    .village = jstr(b, "village") ? jstr(b, "village") : village,
				    .lat = jnum(r->a, b, "lat"),
				    .lon = jnum(r->a, b, "long"),
				    .location = jstr(b, "location"),
				    .act_date = jstr(b, "act_date"),
				    .idem = req_header(r, "idempotency-key")};
	if (k->in.idem && *k->in.idem)
		k->in.idem = arena_printf(r->a, "%lld:%s", (long long)(r->user ? r->user->id : 0), k->in.idem);
	case_check(r->a, c, r->user, &k->unit, &k->in, &pr);
	if (pr.n) {
		http_send_problems(r, w, APP_EINVAL, &pr);
		return;
	}
	k->j = (struct case_submit_job){.u = r->user, .unit = &k->unit, .in = &k->in, .now = time(NULL)};
	enum app_err e = case_submit_job_init(r->a, c, &k->j);
	if (e) {
		http_send_json_error(r, w, e, NULL, NULL);
		return;
	}
	app_defer_write(r, w, case_submit_write, &k->j, intake_answer);
}

/* ---- /me ---- */

static void task_of(struct req *r, struct module_tasks *out, const struct fcase *k, int64_t today, bool head)
{
	const char *what = !strcmp(k->clock, "accept") ? msg(MSG_CASES_TASK_ACCEPT) : msg(MSG_CASES_TASK_RESOLVE);
	if (head && k->due_day < today)
		what = msg(MSG_CASES_TASK_ESCALATED);
	module_task_add(out, &(struct module_task){.href = arena_printf(r->a, "/cases/%lld", (long long)k->id),
						   .title = arena_printf(r->a, "%s — %s", k->code, k->title),
						   .unit = k->unit.title, .what = what, .due = k->due_day,
						   .late = k->due_day < today});
}

enum app_err cases_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	const struct user *u = r->user;
	int64_t today = cal_today((time_t)now);
	size_t before = out->n;
	/* the handler's own cases first, then each unit's where the person handles or heads */
	struct fcase *v;
	size_t n = 0;
	enum app_err e = cases_due(r->a, c, NULL, u->id, today + 366, 30, &v, &n);
	for (size_t i = 0; !e && i < n; i++)
		task_of(r, out, &v[i], today, false);
	for (size_t k = 0; !e && k < u->nrole && out->n - before < 30; k++) {
		unsigned caps = auth_caps_own(u, u->roles[k].unit_path);
		if (!(caps & CAP_CASES))
			continue;
		bool head = caps & CAP_CASES_HEAD;
		/* officers: every case whose clock runs (a new one shows at once), soonest due
		 * first; the head: what is overdue (escalated to them) */
		e = cases_due_own(r->a, c, u->roles[k].unit_id, head ? today - 1 : today + 366, 30, &v, &n);
		for (size_t i = 0; !e && i < n && out->n - before < 30; i++) {
			bool dup = false;
			for (size_t j = before; j < out->n && !dup; j++)
				dup = !strcmp(out->v[j].href, arena_printf(r->a, "/cases/%lld", (long long)v[i].id));
			if (!dup)
				task_of(r, out, &v[i], today, head);
		}
		/* refusals to receive whose written notice is still to be sent */
		struct reception_entry *rv;
		size_t nr = 0;
		if (!e)
			e = reception_notices_due(r->a, c, u->roles[k].unit_id, 10, &rv, &nr);
		for (size_t i = 0; !e && i < nr; i++)
			module_task_add(out, &(struct module_task){
						     .href = arena_printf(r->a, "/units/%s/reception", u->roles[k].unit_code),
						     .title = arena_printf(r->a, "%s: %s", msg(MSG_RC_REFUSED), rv[i].name),
						     .unit = u->roles[k].unit_title, .what = msg(MSG_RC_TASK_NOTICE),
						     .due = rv[i].notice_due, .late = rv[i].notice_due < today});
	}
	return e;
}
