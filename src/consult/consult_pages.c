/*
 * consult_pages.c — public consultation on the web and the API: a unit's
 * consultations (/units/{code}/consultations), preparing one (the draft's
 * file read into its structure, previewed and fixed before publishing), the
 * consultation's page with its draft, a comment form under every article
 * and clause (a <details> that opens on a phone without JavaScript),
 * agree/disagree on a clause, what officers enter from other channels,
 * moderation, the revised draft beside the original, and the API. No SQL
 * here: the domain is consult.c; the synthesis is synthesis_pages.c.
 */
#include "consult.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/crypto.h"
#include "../util/str.h"
#include "consult_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LATEST_PER_UNIT 3 /* comments shown under each unit of text; the rest one click away */

static const char *day_iso(struct arena *a, int64_t day)
{
	char *s = arena_alloc(a, 11);
	if (day)
		cal_format_iso(day, s);
	return s;
}

const char *comment_who(struct req *r, const struct comment *cm)
{
	if (*cm->author)
		return cm->author;
	if (*cm->village)
		return arena_printf(r->a, "%s %s", msg(MSG_CSP_RESIDENT_OF), cm->village);
	return msg(MSG_CSP_RESIDENT);
}

const char *draft_unit_line(struct arena *a, const struct draft_unit *u)
{
	const char *head = *u->label && *u->heading ? arena_printf(a, "%s %s", u->label, u->heading)
			   : *u->label		    ? u->label
						    : u->heading;
	if (!*u->body)
		return head;
	return *head ? arena_printf(a, "%s %s", head, u->body) : u->body;
}

/* Whether a box of the form was ticked (a browser sends nothing for one that is not). */
static bool ticked(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v;
}

static bool runs(struct req *r, const struct unit *u)
{
	return consult_may_run(r->user, u);
}

struct dbc *consult_of_path(struct req *r, struct resp *w, struct consultation *k)
{
	int64_t id;
	struct dbc *c;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		if (r->is_api)
			http_send_json_error(r, w, APP_ENOTFOUND, NULL, msg(MSG_CSP_NOT_FOUND));
		else
			http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CSP_NOT_FOUND));
		return NULL;
	}
	if (!(c = app_conn_or_respond(r, w)))
		return NULL;
	enum app_err e = consult_get(r->a, c, id, k);
	if (!e && k->status == CNS_DRAFT && !runs(r, &k->unit))
		e = APP_ENOTFOUND; /* a draft being prepared is its officers' alone */
	if (e) {
		if (r->is_api)
			http_send_json_error(r, w, e, NULL, e == APP_ENOTFOUND ? msg(MSG_CSP_NOT_FOUND) : NULL);
		else
			http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CSP_NOT_FOUND) : NULL);
		return NULL;
	}
	return c;
}

static const char *subject_label(struct req *r, const struct consultation *k)
{
	const struct consult_subject *s = consult_subject(k->subject, k->opens_day ? k->opens_day : cal_today(time(NULL)));
	return s ? arena_printf(r->a, "%s (%s)", s->label, s->cite) : k->subject;
}

static void phase_badge(struct html *h, enum consult_phase p)
{
	static const char *const cls[CP__N] = {"draft", "open", "pending", "published"};
	html_printf(h, "<span class=\"badge %s\">%s</span>", cls[p], msg(consult_phase_labels[p]));
}

/* ---- the unit page's section, the list ---- */

void consult_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	if (!consult_unit_kind(u))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/consultations\">%s</a></li>"
		       "<li><a href=\"/units/%s/consultations/stats\">%s</a></li>",
		    msg(MSG_CSP_TITLE), u->code, msg(MSG_CSP_LIST), u->code, msg(MSG_CSP_STATS));
	if (runs(r, u))
		html_printf(h, "<li><a href=\"/units/%s/consultations/new\">%s</a></li>", u->code, msg(MSG_CSP_NEW));
	html_lit(h, "</ul>\n");
}

static void consult_row(struct req *r, struct html *h, const struct consultation *k, int64_t today)
{
	html_printf(h, "<tr><td><a href=\"/consultations/%lld\">%s</a><br><span class=\"meta\">%s</span></td><td>", (long long)k->id,
		    k->title, k->unit.title);
	phase_badge(h, consult_phase(k, today));
	html_printf(h, "</td><td>%s</td><td>%s</td><td class=\"num\">", msg_day(r->a, k->opens_day), msg_day(r->a, k->closes_day));
	html_count(h, k->comments);
	html_lit(h, "</td></tr>\n");
}

/* GET /units/{code}/consultations — published ones (and drafts for their officers), newest first. */
void page_unit_consultations(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	int64_t after = 0;
	const char *cur = req_query(r, "after");
	if (cur && str_to_i64(cur, 1, INT64_MAX, &after))
		after = 0;
	bool officer = runs(r, &u);
	struct consultation *v;
	size_t n = 0;
	int64_t total = 0;
	enum app_err e = consult_list(r->a, c, u.path, officer, after, 50, &v, &n, &total);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	int64_t today = cal_today(time(NULL));
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_TITLE), u.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, msg(MSG_CSP_TITLE), msg(MSG_CSP_LEAD));
	html_printf(&h, "<p><a href=\"/units/%s/consultations/stats\">%s</a></p>\n", u.code, msg(MSG_CSP_STATS));
	if (officer && consult_unit_kind(&u))
		html_printf(&h, "<p><a class=\"button\" href=\"/units/%s/consultations/new\">%s</a></p>\n", u.code, msg(MSG_CSP_NEW));
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CSP_NONE));
	else {
		html_printf(&h, "<p class=\"meta\">%s ", msg(MSG_CSP_TOTAL));
		html_count(&h, total);
		html_printf(&h, "</p>\n<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
			    msg(MSG_CSP_F_TITLE), msg(MSG_CSP_PHASE), msg(MSG_CSP_OPENS), msg(MSG_CSP_CLOSES), msg(MSG_CSP_COMMENTS));
		for (size_t i = 0; i < n; i++)
			consult_row(r, &h, &v[i], today);
		html_lit(&h, "</tbody></table>\n");
		if (n == 50)
			html_printf(&h, "<p><a href=\"/units/%s/consultations?after=%lld\">%s</a></p>\n", u.code, (long long)v[n - 1].id,
				    msg(MSG_CSP_MORE));
	}
	layout_end(r, &h);
	if (!r->user) {
		w->cache_public = true;
		w->max_age = 30;
	}
}

/* ---- preparing ---- */

static void new_form(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_CSP_NEW));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/consultations\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, u->code, msg(MSG_CSP_TITLE), msg(MSG_CSP_NEW), msg(MSG_CSP_NEW_LEAD));
	form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/units/%s/consultations", u->code), true);
	const char *kind = consult_unit_kind(u), *subj = req_form(r, "subject");
	const struct consult_subjects *ss = consult_subjects();
	int64_t today = cal_today(time(NULL));
	html_printf(&h, "<p><label for=\"f-subject\">%s</label><select id=\"f-subject\" name=\"subject\">", msg(MSG_CSP_SUBJECT));
	for (size_t i = 0; i < ss->n; i++)
		if (kind && !strcmp(ss->v[i].kind, kind) && consult_subject(ss->v[i].code, today) == &ss->v[i])
			html_printf(&h, "<option value=\"%s\"%s>%s</option>", ss->v[i].code, str_eq(subj, ss->v[i].code) ? " selected" : "",
				    ss->v[i].label);
	html_lit(&h, "</select>");
	form_error(&h, pr, "subject");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "title", .label = msg(MSG_CSP_F_TITLE), .type = "text",
					    .value = req_form(r, "title"), .required = true, .max = CONSULT_TITLE_MAX}, pr);
	form_field(&h, &(struct form_field){.name = "summary", .label = msg(MSG_CSP_F_SUMMARY), .type = "textarea",
					    .value = req_form(r, "summary"), .max = CONSULT_TEXT_MAX}, pr);
	html_printf(&h, "<fieldset><legend>%s</legend>\n<p class=\"hint\">%s</p>\n", msg(MSG_CSP_PLAN), msg(MSG_CSP_PLAN_HINT));
	form_field(&h, &(struct form_field){.name = "plan_content", .label = msg(MSG_CSP_F_PLAN_CONTENT), .type = "textarea",
					    .value = req_form(r, "plan_content"), .required = true, .max = CONSULT_TEXT_MAX}, pr);
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_CSP_F_FORMS));
	for (int i = 0; i < CONSULT_NFORMS; i++) {
		const char *name = arena_printf(r->a, "form_%s", consult_form_names[i]);
		bool on = ticked(r, name) || (!pr && i == 5); /* e) the portal, ticked on a new form */
		html_printf(&h, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label><br>\n", name, on ? " checked" : "",
			    msg(consult_form_labels[i]));
	}
	form_error(&h, pr, "plan_forms");
	html_lit(&h, "</fieldset>\n");
	form_field(&h, &(struct form_field){.name = "plan_method", .label = msg(MSG_CSP_F_METHOD), .type = "textarea",
					    .value = req_form(r, "plan_method"), .max = CONSULT_TEXT_MAX}, pr);
	form_field(&h, &(struct form_field){.name = "plan_owner", .label = msg(MSG_CSP_F_OWNER), .type = "text",
					    .value = req_form(r, "plan_owner"), .required = true, .max = 300}, pr);
	form_field(&h, &(struct form_field){.name = "plan_deadline", .label = msg(MSG_CSP_F_DEADLINE), .type = "date",
					    .value = req_form(r, "plan_deadline"), .hint = msg(MSG_CSP_F_DEADLINE_HINT)}, pr);
	html_lit(&h, "</fieldset>\n");
	html_printf(&h, "<fieldset><legend>%s</legend>\n", msg(MSG_CSP_AUDIENCE));
	const char *aud = req_form(r, "audience");
	bool agency = kind && !strcmp(kind, "agency");
	for (int i = 0; i < CAU__N; i++) {
		if ((i == CAU_STAFF) != agency && i != CAU_PERSONS)
			continue;
		if (i == CAU_VILLAGES && strcmp(kind ? kind : "", "commune"))
			continue;
		bool on = aud ? str_eq(aud, consult_audience_names[i]) : i == (agency ? CAU_STAFF : CAU_UNIT);
		html_printf(&h, "<label><input type=\"radio\" name=\"audience\" value=\"%s\"%s> %s</label><br>\n",
			    consult_audience_names[i], on ? " checked" : "", msg(consult_audience_labels[i]));
	}
	form_error(&h, pr, "audience");
	if (!strcmp(kind ? kind : "", "commune"))
		form_field(&h, &(struct form_field){.name = "villages", .label = msg(MSG_CSP_F_VILLAGES), .type = "text",
						    .value = req_form(r, "villages"), .max = 2000, .hint = msg(MSG_CSP_F_VILLAGES_HINT)},
			   pr);
	form_field(&h, &(struct form_field){.name = "persons", .label = msg(MSG_CSP_F_PERSONS), .type = "textarea",
					    .value = req_form(r, "persons"), .max = 20000, .hint = msg(MSG_CSP_F_PERSONS_HINT)}, pr);
	html_lit(&h, "</fieldset>\n");
	form_field(&h, &(struct form_field){.name = "closes", .label = msg(MSG_CSP_F_CLOSES), .type = "date",
					    .value = req_form(r, "closes"), .hint = msg(MSG_CSP_F_CLOSES_HINT)}, pr);
	html_printf(&h, "<fieldset><legend>%s</legend>\n<p class=\"hint\">%s</p>\n", msg(MSG_CSP_DRAFT), msg(MSG_CSP_DRAFT_HINT));
	form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_CSP_F_FILE), .type = "file",
					    .accept = ".docx,.odt,.md,.txt"}, pr);
	form_field(&h, &(struct form_field){.name = "text", .label = msg(MSG_CSP_F_TEXT), .type = "textarea",
					    .value = req_form(r, "text"), .hint = msg(MSG_CSP_F_TEXT_HINT)}, pr);
	form_error(&h, pr, "draft");
	html_lit(&h, "</fieldset>\n");
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CSP_PREPARE));
	form_end(&h);
	layout_end(r, &h);
}

static struct dbc *running_unit(struct req *r, struct resp *w, struct unit *u)
{
	struct dbc *c = units_path_unit_or_respond(r, w, false, u);
	if (c && !runs(r, u)) {
		http_send_error(r, w, r->user ? APP_EFORBID : APP_EAUTH, msg(MSG_CS_WHO));
		return NULL;
	}
	return c;
}

/* GET /units/{code}/consultations/new */
void page_consult_new(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = running_unit(r, w, &u);
	if (c)
		new_form(r, w, c, &u, NULL);
}

/* The draft of a form: the uploaded file (field "file") or the text typed (field "text"). */
static bool form_draft(struct req *r, struct draft *d, struct problems *pr)
{
	const struct upload *f = req_file(r, "file");
	const char *text = req_form(r, "text"), *why = NULL;
	memset(d, 0, sizeof *d);
	if (f && (f->len || (f->filename && *f->filename))) {
		const char *name = req_upload_name(r, f);
		if (draft_read(r->a, name, f->data, f->len, d, &why)) {
			problems_add(pr, "file", arena_printf(r->a, "%s: %s", name, why));
			return false;
		}
		return true;
	}
	if (text && *text) {
		if (draft_read(r->a, NULL, text, strlen(text), d, &why)) {
			problems_add(pr, "text", why);
			return false;
		}
		return true;
	}
	return true; /* none: the domain says so */
}

/* POST /units/{code}/consultations */
void page_consult_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = running_unit(r, w, &u);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	struct draft d;
	form_draft(r, &d, &pr);
	struct buf forms;
	buf_init(&forms);
	for (int i = 0; i < CONSULT_NFORMS; i++)
		if (ticked(r, arena_printf(r->a, "form_%s", consult_form_names[i])))
			buf_printf(&forms, "%s%s", forms.n ? ";" : "", consult_form_names[i]);
	struct consult_input in = {.subject = req_form(r, "subject"),
				   .title = req_form(r, "title"),
				   .summary = req_form(r, "summary"),
				   .plan_content = req_form(r, "plan_content"),
				   .plan_forms = arena_strdup(r->a, buf_str(&forms)),
				   .plan_method = req_form(r, "plan_method"),
				   .plan_owner = req_form(r, "plan_owner"),
				   .plan_deadline = req_form(r, "plan_deadline"),
				   .audience = req_form(r, "audience"),
				   .villages = req_form(r, "villages"),
				   .persons = req_form(r, "persons"),
				   .closes = req_form(r, "closes")};
	buf_reset(&forms);
	int64_t id = 0;
	size_t before = pr.n;
	enum app_err e = consult_create(r->app->db, r->a, r->user, &u, &in, before ? NULL : &d, time(NULL), &id, &pr);
	if (before && e == APP_EINVAL) {
		/* the file's problem is said; the domain's "empty draft" is not its own problem */
		struct problems keep = {.a = r->a};
		for (size_t i = 0; i < pr.n; i++)
			if (strcmp(pr.v[i].field, "draft"))
				problems_add(&keep, pr.v[i].field, pr.v[i].message);
		pr = keep;
	}
	if (e == APP_EINVAL || e == APP_EFORBID) {
		w->status = http_status_of(e);
		new_form(r, w, c, &u, &pr);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/consultations/%lld?done=prepared", (long long)id));
}

/* ---- the consultation's page ---- */

struct view {
	struct req *r;
	struct html *h;
	struct dbc *c;
	const struct consultation *k;
	struct clause_tally *t;
	size_t nt;
	enum consult_phase phase;
	bool may_comment, officer;
	const char *why_not;
	const struct problems *pr;
	const char *refused_anchor; /* the form refused, opened again */
};

static const struct clause_tally *tally_of(const struct view *v, const char *anchor)
{
	for (size_t i = 0; i < v->nt; i++)
		if (!strcmp(v->t[i].anchor, anchor))
			return &v->t[i];
	return NULL;
}

static void comment_item(struct req *r, struct html *h, const struct comment *cm, bool officer, bool answers)
{
	char at[20];
	cal_format_time_vn((time_t)cm->at, at);
	html_printf(h, "<li id=\"y-%lld\"><p class=\"meta\">%s — %s", (long long)cm->id, comment_who(r, cm), at);
	int ch = consult_name_index(comment_channel_names, CMC__N, cm->channel);
	if (ch > CMC_API)
		html_printf(h, " — %s", msg(comment_channel_labels[ch]));
	if (strcmp(cm->attach, "ok"))
		html_printf(h, " — <span class=\"badge %s\">%s</span>", cm->attach,
			    !strcmp(cm->attach, "lost") ? msg(MSG_CSP_ATTACH_LOST) : msg(MSG_CSP_ATTACH_MOVED));
	html_lit(h, "</p>");
	if (cm->hidden && !officer) {
		html_printf(h, "<p><em>%s</em> ", msg(MSG_CSP_HIDDEN));
		html_text(h, cm->hide_reason);
		html_lit(h, "</p></li>\n");
		return;
	}
	if (*cm->quote) {
		html_lit(h, "<blockquote>");
		html_text(h, cm->quote);
		html_lit(h, "</blockquote>");
	}
	html_lit(h, "<p>");
	html_text(h, cm->body);
	html_lit(h, "</p>");
	if (cm->hidden)
		html_printf(h, "<p class=\"error\">%s %s</p>", msg(MSG_CSP_HIDDEN_OFFICER), cm->hide_reason);
	if (answers && cm->answer_id) {
		int d = consult_name_index(answer_disposition_names, AD__N, cm->disposition);
		html_printf(h, "<div class=\"answer\"><p><strong>%s: %s</strong></p><p>", msg(MSG_CSP_ANSWER),
			    d < 0 ? cm->disposition : msg(answer_disposition_labels[d]));
		html_text(h, cm->answer);
		html_lit(h, "</p></div>");
	}
	html_lit(h, "</li>\n");
}

/* The comment form of a unit of text (anchor "": the whole draft). */
static void comment_form(const struct view *v, const char *anchor, const char *label)
{
	struct req *r = v->r;
	struct html *h = v->h;
	bool open = v->refused_anchor && !strcmp(v->refused_anchor, anchor);
	const struct problems *pr = open ? v->pr : NULL;
	const char *id = *anchor ? anchor : "toan-van";
	html_printf(h, "<details class=\"comment-form\"%s><summary>%s %s</summary>\n", open ? " open" : "",
		    msg(MSG_CSP_COMMENT_ON), label);
	form_begin(r, h, arena_printf(r->a, "/consultations/%lld/comments", (long long)v->k->id), false);
	form_hidden(h, "anchor", anchor);
	form_field(h, &(struct form_field){.name = "body", .id = arena_printf(r->a, "body-%s", id), .label = msg(MSG_CSP_F_BODY),
					   .type = "textarea", .value = open ? req_form(r, "body") : NULL, .required = true,
					   .max = COMMENT_MAX, .hint = msg(MSG_CSP_F_BODY_HINT)},
		   pr);
	if (*anchor)
		form_field(h, &(struct form_field){.name = "quote", .id = arena_printf(r->a, "quote-%s", id),
						   .label = msg(MSG_CSP_F_QUOTE), .type = "text", .value = open ? req_form(r, "quote") : NULL,
						   .max = QUOTE_MAX, .hint = msg(MSG_CSP_F_QUOTE_HINT)},
			   pr);
	if (v->may_comment)
		html_printf(h, "<p><label><input type=\"checkbox\" name=\"show_name\" value=\"1\"> %s</label></p>\n",
			    msg(MSG_CSP_F_SHOW_NAME));
	else {
		/* an officer entering what came by another channel */
		const char *ch = open ? req_form(r, "channel") : NULL;
		html_printf(h, "<p><label for=\"f-channel-%s\">%s</label><select id=\"f-channel-%s\" name=\"channel\">", id,
			    msg(MSG_CSP_F_CHANNEL), id);
		for (int i = CMC_MEETING; i < CMC__N; i++)
			html_printf(h, "<option value=\"%s\"%s>%s</option>", comment_channel_names[i],
				    str_eq(ch, comment_channel_names[i]) ? " selected" : "", msg(comment_channel_labels[i]));
		html_lit(h, "</select></p>\n");
		form_field(h, &(struct form_field){.name = "author", .id = arena_printf(r->a, "author-%s", id),
						   .label = msg(MSG_CSP_F_AUTHOR), .type = "text", .value = open ? req_form(r, "author") : NULL,
						   .required = true, .max = 200, .hint = msg(MSG_CSP_F_AUTHOR_HINT)},
			   pr);
	}
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CSP_SEND));
	form_end(h);
	html_lit(h, "</details>\n");
}

static void vote_forms(const struct view *v, const char *anchor)
{
	struct req *r = v->r;
	struct html *h = v->h;
	static const struct {
		const char *value;
		enum msg_id label;
	} b[] = {{"1", MSG_CSP_AGREE}, {"-1", MSG_CSP_DISAGREE}};
	html_lit(h, "<div class=\"votes\">");
	for (size_t i = 0; i < 2; i++) {
		form_begin(r, h, arena_printf(r->a, "/consultations/%lld/votes", (long long)v->k->id), false);
		form_hidden(h, "anchor", anchor);
		form_hidden(h, "value", b[i].value);
		html_printf(h, "<button type=\"submit\" class=\"secondary\">%s</button>", msg(b[i].label));
		form_end(h);
	}
	html_lit(h, "</div>\n");
}

static void draft_unit_view(const struct view *v, const struct draft_unit *u)
{
	struct req *r = v->r;
	struct html *h = v->h;
	int level = u->kind <= DK_CHAPTER ? 2 : u->kind <= DK_ARTICLE ? 3 : 0;
	html_printf(h, "<section id=\"%s\" class=\"du du-%s\">", u->anchor, draft_kind_names[u->kind]);
	if (level) {
		html_printf(h, "<h%d><a class=\"anchor\" href=\"#%s\">%s</a>%s", level, u->anchor, u->label, *u->heading ? " " : "");
		html_text(h, u->heading);
		html_printf(h, "</h%d>\n", level);
	}
	if (*u->body) {
		const char *s = u->body;
		bool first = true;
		while (*s) {
			const char *e = strchr(s, '\n');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			html_lit(h, "<p>");
			if (first && !level && *u->label)
				html_printf(h, "<a class=\"anchor\" href=\"#%s\">%s</a> ", u->anchor, u->label);
			html_textn(h, s, n);
			html_lit(h, "</p>\n");
			first = false;
			s = e ? e + 1 : s + n;
		}
	}
	const struct clause_tally *t = tally_of(v, u->anchor);
	bool commentable = u->kind >= DK_ARTICLE || *u->body;
	if (commentable && (t || v->phase == CP_OPEN)) {
		html_printf(h, "<p class=\"tally\">");
		html_count(h, t ? t->comments : 0);
		html_printf(h, " %s · %s ", msg(MSG_CSP_N_COMMENTS), msg(MSG_CSP_AGREE_N));
		html_count(h, t ? t->agree : 0);
		html_printf(h, " · %s ", msg(MSG_CSP_DISAGREE_N));
		html_count(h, t ? t->disagree : 0);
		html_lit(h, "</p>\n");
	}
	if (t && t->comments) {
		struct comment *cm;
		size_t n = 0;
		if (!comments_latest(r->a, v->c, v->k->id, u->anchor, LATEST_PER_UNIT, &cm, &n) && n) {
			html_lit(h, "<ul class=\"comments\">\n");
			for (size_t i = 0; i < n; i++)
				comment_item(r, h, &cm[i], v->officer, v->phase == CP_PUBLISHED);
			html_lit(h, "</ul>\n");
		}
		if (t->comments > (int64_t)n) {
			html_printf(h, "<p><a href=\"/consultations/%lld/comments?anchor=%s\">%s (", (long long)v->k->id, u->anchor,
				    msg(MSG_CSP_ALL_COMMENTS));
			html_count(h, t->comments);
			html_lit(h, ")</a></p>\n");
		}
	}
	if (commentable && v->phase == CP_OPEN && v->may_comment) {
		const char *label = *u->label ? u->label : *u->heading ? u->heading : msg(MSG_CSP_THIS_PART);
		comment_form(v, u->anchor, label);
		vote_forms(v, u->anchor);
	} else if (commentable && v->officer && (v->phase == CP_OPEN || v->phase == CP_CLOSED))
		comment_form(v, u->anchor, *u->label ? u->label : msg(MSG_CSP_THIS_PART));
	html_lit(h, "</section>\n");
}

static void plan_view(struct req *r, struct html *h, const struct consultation *k)
{
	html_printf(h, "<details><summary>%s</summary>\n<dl>\n<dt>%s</dt><dd>", msg(MSG_CSP_PLAN), msg(MSG_CSP_F_PLAN_CONTENT));
	html_text(h, k->plan_content);
	html_printf(h, "</dd>\n<dt>%s</dt><dd><ul>", msg(MSG_CSP_F_FORMS));
	char *forms = arena_strdup(r->a, k->plan_forms);
	for (char *save = NULL, *t = strtok_r(forms, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		int i = consult_name_index(consult_form_names, CONSULT_NFORMS, t);
		if (i >= 0)
			html_printf(h, "<li>%s</li>", msg(consult_form_labels[i]));
	}
	html_lit(h, "</ul></dd>\n");
	if (*k->plan_method) {
		html_printf(h, "<dt>%s</dt><dd>", msg(MSG_CSP_F_METHOD));
		html_text(h, k->plan_method);
		html_lit(h, "</dd>\n");
	}
	html_printf(h, "<dt>%s</dt><dd>", msg(MSG_CSP_F_OWNER));
	html_text(h, k->plan_owner);
	html_lit(h, "</dd>\n");
	if (k->plan_deadline)
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CSP_F_DEADLINE), msg_day(r->a, k->plan_deadline));
	if (k->status != CNS_DRAFT)
		html_printf(h, "<dt>%s</dt><dd>%s; %s %s</dd>\n", msg(MSG_CSP_PLAN_SENT), msg(MSG_CS_PLAN_TO_COUNCIL),
			    msg(MSG_CS_PLAN_TO_FRONT), k->unit.title);
	html_lit(h, "</dl>\n</details>\n");
}

/* The officers' tools: the text to fix (before publishing) or revise, publishing, the persons of item 8. */
static void officer_tools(const struct view *v, const struct draft *d)
{
	struct req *r = v->r;
	struct html *h = v->h;
	const struct consultation *k = v->k;
	bool refused_draft = v->refused_anchor && !strcmp(v->refused_anchor, "#draft");
	bool refused_publish = v->refused_anchor && !strcmp(v->refused_anchor, "#publish");
	html_printf(h, "<h2 id=\"cong-cu\">%s</h2>\n", msg(MSG_CSP_TOOLS));
	if (k->status == CNS_DRAFT) {
		html_printf(h, "<h3>%s</h3>\n", msg(MSG_CSP_PUBLISH));
		form_begin(r, h, arena_printf(r->a, "/consultations/%lld/publish", (long long)k->id), false);
		const struct consult_subject *s = consult_subject(k->subject, cal_today(time(NULL)));
		const char *closes = refused_publish ? req_form(r, "closes") : k->closes_day ? day_iso(r->a, k->closes_day) : NULL;
		form_field(h, &(struct form_field){.name = "closes", .label = msg(MSG_CSP_F_CLOSES), .type = "date", .value = closes,
						   .required = true,
						   .hint = s && s->min_days ? arena_printf(r->a, "%s %d %s (%s).", msg(MSG_CS_TOO_SHORT),
											 s->min_days, msg(MSG_CS_DAYS_FROM_PUB), s->cite)
									    : msg(MSG_CSP_F_CLOSES_HINT)},
			   refused_publish ? v->pr : NULL);
		html_printf(h, "<p class=\"hint\">%s</p><p><button type=\"submit\">%s</button></p>\n", msg(MSG_CSP_PUBLISH_HINT),
			    msg(MSG_CSP_PUBLISH));
		form_end(h);
	}
	if (k->status != CNS_PUBLISHED) {
		html_printf(h, "<h3>%s</h3>\n<p class=\"hint\">%s</p>\n",
			    k->status == CNS_DRAFT ? msg(MSG_CSP_FIX) : msg(MSG_CSP_REVISE),
			    k->status == CNS_DRAFT ? msg(MSG_CSP_FIX_HINT) : msg(MSG_CSP_REVISE_HINT));
		form_begin(r, h, arena_printf(r->a, "/consultations/%lld/draft", (long long)k->id), true);
		form_field(h, &(struct form_field){.name = "text", .label = msg(MSG_CSP_F_TEXT), .type = "textarea",
						   .value = refused_draft ? req_form(r, "text") : draft_text(r->a, d)},
			   refused_draft ? v->pr : NULL);
		form_field(h, &(struct form_field){.name = "file", .label = msg(MSG_CSP_F_FILE_OR), .type = "file",
						   .accept = ".docx,.odt,.md,.txt"},
			   refused_draft ? v->pr : NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>\n",
			    k->status == CNS_DRAFT ? msg(MSG_CSP_FIX_SAVE) : msg(MSG_CSP_REVISE_SAVE));
		form_end(h);
	}
	if (k->audience == CAU_PERSONS) {
		struct consult_person *pv;
		size_t n = 0;
		if (!consult_persons(r->a, v->c, k->id, &pv, &n) && n) {
			html_printf(h, "<h3>%s</h3>\n<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
				    msg(MSG_CSP_PERSONS), msg(MSG_CSP_PERSON), msg(MSG_CSP_NOTIFIED), msg(MSG_CSP_HEARD),
				    msg(MSG_CSP_HEARING));
			for (size_t i = 0; i < n; i++) {
				html_printf(h, "<tr><td>%s<br><span class=\"meta\">%s</span></td><td>%s</td><td>%s</td><td>", pv[i].name,
					    pv[i].contact, msg_day(r->a, pv[i].notified_day), msg_day(r->a, pv[i].heard_day));
				html_text(h, pv[i].hearing);
				if (k->status == CNS_OPEN) {
					form_begin(r, h, arena_printf(r->a, "/consultations/%lld/persons/%lld", (long long)k->id,
								      (long long)pv[i].id),
						   false);
					form_field(h, &(struct form_field){.name = "hearing",
									   .id = arena_printf(r->a, "hearing-%lld", (long long)pv[i].id),
									   .label = msg(MSG_CSP_HEARING), .type = "textarea", .max = CONSULT_TEXT_MAX},
						   NULL);
					html_printf(h, "<button type=\"submit\" name=\"act\" value=\"notified\" class=\"secondary\">%s</button> "
						       "<button type=\"submit\" name=\"act\" value=\"heard\">%s</button>",
						    msg(MSG_CSP_MARK_NOTIFIED), msg(MSG_CSP_MARK_HEARD));
					form_end(h);
				}
				html_lit(h, "</td></tr>\n");
			}
			html_lit(h, "</tbody></table>\n");
		}
	}
	html_printf(h, "<p><a href=\"/consultations/%lld/comments?all=1\">%s</a></p>\n", (long long)k->id, msg(MSG_CSP_MODERATE));
}

static void consult_page(struct req *r, struct resp *w, struct dbc *c, struct consultation *k, const struct problems *pr,
			 const char *refused_anchor)
{
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	int64_t today = cal_today(time(NULL));
	struct view v = {.r = r, .c = c, .k = k, .pr = pr, .refused_anchor = refused_anchor};
	v.phase = consult_phase(k, today);
	v.officer = runs(r, &k->unit);
	v.may_comment = v.phase == CP_OPEN && !consult_may_comment(r->a, c, r->user, k, &(int64_t){0}, NULL, &v.why_not);
	if (v.phase == CP_OPEN && !v.may_comment && !v.why_not)
		v.why_not = msg(MSG_CS_NOT_AUDIENCE);
	struct draft d = {0}, first = {0};
	enum app_err e = consult_draft(r->a, c, k->id, k->version, &d);
	if (!e)
		e = consult_tallies(r->a, c, k->id, &v.t, &v.nt);
	if (!e && k->version > 1)
		e = consult_draft(r->a, c, k->id, 1, &first);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	v.h = &h;
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", k->title, k->unit.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/consultations\">%s</a></li></ol></nav>\n<h1>",
		    msg(MSG_BREADCRUMB), k->unit.code, k->unit.title, k->unit.code, msg(MSG_CSP_TITLE));
	html_text(&h, k->title);
	html_lit(&h, "</h1>\n");
	form_problems(&h, pr); /* what was refused, whichever form it came from */
	form_done(r, &h);
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "commented"))
		html_printf(&h, "<p class=\"ok\" role=\"status\">%s</p>\n", msg(MSG_CSP_THANKS));
	html_printf(&h, "<p>");
	phase_badge(&h, v.phase);
	html_printf(&h, "</p>\n<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>\n", msg(MSG_CSP_SUBJECT), subject_label(r, k));
	if (k->opens_day) {
		html_printf(&h, "<dt>%s</dt><dd>%s — %s", msg(MSG_CSP_PERIOD), msg_day(r->a, k->opens_day), msg_day(r->a, k->closes_day));
		if (v.phase == CP_OPEN)
			html_printf(&h, " (%s %lld %s)", msg(MSG_CSP_LEFT), (long long)(k->closes_day - today + 1), msg(MSG_TIME_DAY));
		html_lit(&h, "</dd>\n");
	}
	html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", msg(MSG_CSP_AUDIENCE), msg(consult_audience_labels[k->audience]),
		    msg(MSG_CSP_COMMENTS));
	html_count(&h, k->comments);
	html_lit(&h, "</dd>\n");
	if (k->version > 1)
		html_printf(&h, "<dt>%s</dt><dd>%d — <a href=\"/consultations/%lld/changes\">%s</a></dd>\n", msg(MSG_CSP_VERSION),
			    k->version, (long long)k->id, msg(MSG_CSP_CHANGES));
	html_lit(&h, "</dl>\n");
	if (k->audience == CAU_VILLAGES) {
		struct unit *vs;
		size_t nv = 0;
		if (!consult_villages(r->a, c, k->id, &vs, &nv)) {
			html_printf(&h, "<p>%s: ", msg(MSG_CSP_VILLAGES));
			for (size_t i = 0; i < nv; i++)
				html_printf(&h, "%s%s", i ? ", " : "", vs[i].title);
			html_lit(&h, "</p>\n");
		}
	}
	if (*k->summary) {
		html_lit(&h, "<p>");
		html_text(&h, k->summary);
		html_lit(&h, "</p>\n");
	}
	plan_view(r, &h, k);
	html_printf(&h, "<ul class=\"menu\"><li><a href=\"/consultations/%lld/synthesis\">%s</a></li>"
			"<li><a href=\"/consultations/%lld/stats\">%s</a></li><li><a href=\"/consultations/%lld/comments\">%s</a></li></ul>\n",
		    (long long)k->id, v.phase == CP_PUBLISHED ? msg(MSG_CSP_SYNTHESIS_PUBLISHED) : msg(MSG_CSP_SYNTHESIS),
		    (long long)k->id, msg(MSG_CSP_STATS), (long long)k->id, msg(MSG_CSP_ALL_COMMENTS));
	if (v.phase == CP_DRAFT)
		html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_PREVIEW));
	if (v.phase == CP_OPEN) {
		if (v.may_comment)
			html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_HOW));
		else if (!r->user)
			html_printf(&h, "<p class=\"notice\">%s <a href=\"/login?next=/consultations/%lld\">%s</a></p>\n", msg(MSG_CS_LOGIN),
				    (long long)k->id, msg(MSG_CSP_LOGIN));
		else if (!v.officer)
			html_printf(&h, "<p class=\"notice\">%s</p>\n", v.why_not);
		if (v.officer && !v.may_comment)
			html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_OFFICER_ENTERS));
	} else if (v.phase == CP_CLOSED)
		html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_CLOSED_NOTICE));
	else if (v.phase == CP_PUBLISHED)
		html_printf(&h, "<p class=\"ok\">%s <a href=\"/consultations/%lld/synthesis\">%s</a></p>\n", msg(MSG_CSP_PUBLISHED_NOTICE),
			    (long long)k->id, msg(MSG_CSP_SYNTHESIS_PUBLISHED));
	html_printf(&h, "<h2>%s</h2>\n<div class=\"draft\">\n", msg(MSG_CSP_DRAFT_TEXT));
	for (size_t i = 0; i < d.n; i++)
		draft_unit_view(&v, &d.v[i]);
	html_lit(&h, "</div>\n");
	/* on the whole draft */
	const struct clause_tally *t = tally_of(&v, "");
	html_printf(&h, "<section id=\"toan-van\"><h2>%s</h2>\n", msg(MSG_CSP_WHOLE));
	if (t && t->comments) {
		struct comment *cm;
		size_t n = 0;
		if (!comments_latest(r->a, c, k->id, "", LATEST_PER_UNIT, &cm, &n)) {
			html_lit(&h, "<ul class=\"comments\">\n");
			for (size_t i = 0; i < n; i++)
				comment_item(r, &h, &cm[i], v.officer, v.phase == CP_PUBLISHED);
			html_lit(&h, "</ul>\n");
		}
		if (t->comments > (int64_t)n)
			html_printf(&h, "<p><a href=\"/consultations/%lld/comments?anchor=\">%s</a></p>\n", (long long)k->id,
				    msg(MSG_CSP_ALL_COMMENTS));
	}
	if ((v.phase == CP_OPEN && v.may_comment) || (v.officer && (v.phase == CP_OPEN || v.phase == CP_CLOSED)))
		comment_form(&v, "", msg(MSG_CSP_WHOLE_DRAFT));
	html_lit(&h, "</section>\n");
	if (v.officer)
		officer_tools(&v, &d);
	layout_end(r, &h);
}

/* GET /consultations/{id} */
void page_consult(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (c)
		consult_page(r, w, c, &k, NULL, NULL);
}

/* After a write from the consultation's page: its refusal shown there (400,
 * 403, 409) with the form opened again, or the page it leads to. */
static void after(struct req *r, struct resp *w, struct consultation *k, enum app_err e, const struct problems *pr,
		  const char *refused, const char *done)
{
	if (e == APP_EINVAL || e == APP_EFORBID || e == APP_ECONFLICT) {
		struct dbc *c = app_conn_or_respond(r, w);
		if (!c)
			return;
		w->status = http_status_of(e);
		consult_get(r->a, c, k->id, k); /* as it is now */
		consult_page(r, w, c, k, pr, refused);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/consultations/%lld?done=%s%s%s", (long long)k->id, done, *refused ? "#" : "",
					 refused));
}

/* POST /consultations/{id}/comments — a comment (anchor, quote, body, show_name; officers: channel, author). */
void page_consult_comment(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	const char *anchor = req_form(r, "anchor");
	struct comment_input in = {.anchor = anchor,
				   .quote = req_form(r, "quote"),
				   .body = req_form(r, "body"),
				   .show_name = req_form(r, "show_name") != NULL,
				   .channel = req_form(r, "channel"),
				   .author = req_form(r, "author"),
				   .idem = req_form(r, "form_key")}; /* the form's one-time key (form_begin): in the comment's own write too */
	struct problems pr = {.a = r->a};
	int64_t id;
	bool again;
	enum app_err e = comment_add(r->app->db, r->a, r->user, k.id, &in, time(NULL), &id, &again, &pr);
	if (e == APP_EFORBID && !r->user) {
		http_send_error(r, w, APP_EAUTH, msg(MSG_CS_LOGIN));
		return;
	}
	after(r, w, &k, e, &pr, anchor ? anchor : "", "commented");
}

/* POST /consultations/{id}/votes — agree (1), disagree (-1) or withdraw (0) on a clause. */
void page_consult_vote(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	const char *anchor = req_form(r, "anchor"), *value = req_form(r, "value");
	int64_t v = 2;
	if (value)
		str_to_i64(value, -1, 1, &v);
	struct problems pr = {.a = r->a};
	enum app_err e = consult_vote(r->app->db, r->a, r->user, k.id, anchor, (int)v, time(NULL), &pr);
	after(r, w, &k, e, &pr, anchor ? anchor : "", "voted");
}

/* POST /consultations/{id}/draft — the text fixed (preparing) or revised (open). */
void page_consult_draft(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	struct draft d;
	enum app_err e = form_draft(r, &d, &pr) ? consult_set_draft(r->app->db, r->a, r->user, k.id, &d, time(NULL), &pr) : APP_EINVAL;
	after(r, w, &k, e, &pr, "#draft", k.status == CNS_DRAFT ? "fixed" : "revised");
}

/* POST /consultations/{id}/publish — after its review step. */
void page_consult_publish(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	if (!runs(r, &k.unit)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_CS_WHO));
		return;
	}
	static const char *const fields[] = {"closes", NULL};
	static const char *shown[2];
	shown[0] = msg(MSG_CSP_F_CLOSES);
	if (!form_confirmed(r, w, &(struct confirm){msg(MSG_CSP_PUBLISH_CONFIRM), msg(MSG_CSP_PUBLISH_WHAT), msg(MSG_CSP_PUBLISH),
						   arena_printf(r->a, "/consultations/%lld", (long long)k.id), fields, shown}))
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = consult_publish(r->app->db, r->a, r->user, k.id, req_form(r, "closes"), time(NULL), &pr);
	after(r, w, &k, e, &pr, "#publish", "published");
}

/* POST /consultations/{id}/persons/{pid} — act=notified | heard (with hearing). */
void page_consult_person(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	int64_t pid;
	if (str_to_i64(r->param[1], 1, INT64_MAX, &pid)) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	struct problems pr = {.a = r->a};
	const char *act = req_form(r, "act");
	enum app_err e = consult_person_record(r->app->db, r->user, k.id, pid, str_eq(act, "heard"), req_form(r, "hearing"),
					       time(NULL), &pr);
	after(r, w, &k, e, &pr, "cong-cu", "recorded");
}

/* GET /consultations/{id}/comments?anchor=&after=&all=1 — every comment, a page at a time
 * (officers: hidden ones too, with their history and the buttons to hide or show). */
void page_consult_comments(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	bool officer = runs(r, &k.unit);
	int64_t after_id = 0;
	const char *cur = req_query(r, "after");
	if (cur && str_to_i64(cur, 1, INT64_MAX, &after_id))
		after_id = 0;
	struct comment_filter f = {.consultation = k.id, .anchor = req_query(r, "anchor"), .with_hidden = true,
				   .after_id = after_id, .limit = 100};
	struct comment *v;
	size_t n = 0;
	int64_t total = 0;
	enum app_err e = comments_list(r->a, c, &f, &v, &n, &total);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_ALL_COMMENTS), k.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/consultations/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), k.unit.code, k.unit.title, (long long)k.id, k.title, msg(MSG_CSP_ALL_COMMENTS));
	form_done(r, &h);
	if (f.anchor)
		html_printf(&h, "<p>%s: <a href=\"/consultations/%lld#%s\">%s</a></p>\n", msg(MSG_CSP_ON_UNIT), (long long)k.id,
			    *f.anchor ? f.anchor : "toan-van", *f.anchor ? f.anchor : msg(MSG_CSP_WHOLE_DRAFT));
	html_printf(&h, "<p class=\"meta\">%s ", msg(MSG_CSP_TOTAL_COMMENTS));
	html_count(&h, total);
	html_lit(&h, "</p>\n<ul class=\"comments\">\n");
	for (size_t i = 0; i < n; i++) {
		comment_item(r, &h, &v[i], officer, k.status == CNS_PUBLISHED || officer);
		if (officer && k.status != CNS_PUBLISHED) {
			struct moderation *mv;
			size_t nm = 0;
			if (!comment_history(r->a, c, v[i].id, &mv, &nm) && nm) {
				html_printf(&h, "<details><summary>%s</summary><ul>", msg(MSG_CSP_HISTORY));
				for (size_t j = 0; j < nm; j++) {
					char at[20];
					cal_format_time_vn((time_t)mv[j].at, at);
					html_printf(&h, "<li>%s — %s — %s: ", at, mv[j].by,
						    !strcmp(mv[j].action, "hide") ? msg(MSG_CSP_HID) : msg(MSG_CSP_SHOWED));
					html_text(&h, mv[j].reason);
					html_lit(&h, "</li>");
				}
				html_lit(&h, "</ul></details>\n");
			}
			form_begin(r, &h, arena_printf(r->a, "/consultation-comments/%lld/%s", (long long)v[i].id,
						       v[i].hidden ? "show" : "hide"),
				   false);
			form_field(&h, &(struct form_field){.name = "reason", .id = arena_printf(r->a, "reason-%lld", (long long)v[i].id),
							    .label = msg(MSG_CSP_F_REASON), .type = "text", .required = true, .max = 1000},
				   NULL);
			html_printf(&h, "<button type=\"submit\" class=\"secondary\">%s</button>",
				    v[i].hidden ? msg(MSG_CSP_SHOW) : msg(MSG_CSP_HIDE));
			form_end(&h);
		}
	}
	html_lit(&h, "</ul>\n");
	if (n == 100) {
		html_printf(&h, "<p><a href=\"/consultations/%lld/comments?after=%lld", (long long)k.id, (long long)v[n - 1].id);
		if (f.anchor) {
			html_lit(&h, "&amp;anchor=");
			html_url_arg(&h, f.anchor);
		}
		html_printf(&h, "\">%s</a></p>\n", msg(MSG_CSP_MORE));
	}
	layout_end(r, &h);
}

/* POST /consultation-comments/{id}/{hide|show} — with the reason; kept in the comment's history. */
void page_comment_moderate(struct req *r, struct resp *w)
{
	int64_t id;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id) || (strcmp(r->param[1], "hide") && strcmp(r->param[1], "show"))) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct comment cm;
	enum app_err e = comment_get(r->a, c, id, &cm);
	struct problems pr = {.a = r->a};
	if (!e)
		e = comment_moderate(r->app->db, r->user, id, !strcmp(r->param[1], "hide"), req_form(r, "reason"), time(NULL), &pr);
	if (e && e != APP_ENOTFOUND && pr.n) {
		w->status = http_status_of(e);
		struct html h = {.b = &w->body};
		layout_begin(r, &h, msg(MSG_CSP_MODERATE));
		html_printf(&h, "<h1>%s</h1>\n", msg(MSG_CSP_MODERATE));
		form_problems(&h, &pr);
		html_printf(&h, "<p><a href=\"/consultations/%lld/comments#y-%lld\">%s</a></p>\n", (long long)cm.consultation,
			    (long long)id, msg(MSG_CSP_BACK));
		layout_end(r, &h);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/consultations/%lld/comments?done=moderated#y-%lld", (long long)cm.consultation,
					 (long long)id));
}

/* GET /consultations/{id}/changes?from=1 — the revision beside the original, word by word. */
void page_consult_changes(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	int64_t from = 1;
	const char *q = req_query(r, "from");
	if (q && str_to_i64(q, 1, k.version, &from))
		from = 1;
	struct draft old, new;
	enum app_err e = consult_draft(r->a, c, k.id, (int)from, &old);
	if (!e)
		e = consult_draft(r->a, c, k.id, k.version, &new);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct diff_unit *dv;
	size_t n;
	draft_diff(r->a, &old, &new, &dv, &n);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_CHANGES), k.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/consultations/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s %lld → %s %d. %s</p>\n",
		    msg(MSG_BREADCRUMB), k.unit.code, k.unit.title, (long long)k.id, k.title, msg(MSG_CSP_CHANGES), msg(MSG_CSP_VERSION),
		    (long long)from, msg(MSG_CSP_VERSION), k.version, msg(MSG_CSP_CHANGES_LEGEND));
	size_t changed = 0;
	for (size_t i = 0; i < n; i++)
		changed += dv[i].changed;
	if (!changed)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CSP_NO_CHANGES));
	html_lit(&h, "<div class=\"diff\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct diff_unit *u = &dv[i];
		const struct draft_unit *x = u->new ? u->new : u->old;
		const char *cls = !u->old ? "added" : !u->new ? "removed" : u->changed ? "changed" : "same";
		html_printf(&h, "<section class=\"du du-%s %s\"><p class=\"meta\"><strong>%s</strong> — %s</p>", draft_kind_names[x->kind],
			    cls, *x->label ? x->label : x->anchor,
			    msg(!u->old ? MSG_CSP_ADDED : !u->new ? MSG_CSP_REMOVED : u->changed ? MSG_CSP_CHANGED : MSG_CSP_SAME));
		html_lit(&h, "<p>");
		if (!u->old)
			html_lit(&h, "<ins>"), html_text(&h, draft_unit_line(r->a, x)), html_lit(&h, "</ins>");
		else if (!u->new)
			html_lit(&h, "<del>"), html_text(&h, draft_unit_line(r->a, x)), html_lit(&h, "</del>");
		else if (!u->changed)
			html_text(&h, draft_unit_line(r->a, x));
		else
			for (size_t j = 0; j < u->npieces; j++) {
				const char *tag = u->pieces[j].op == DIFF_INS ? "ins" : u->pieces[j].op == DIFF_DEL ? "del" : NULL;
				if (tag)
					html_printf(&h, "<%s>", tag);
				html_text(&h, u->pieces[j].text);
				if (tag)
					html_printf(&h, "</%s>", tag);
			}
		html_lit(&h, "</p></section>\n");
	}
	html_lit(&h, "</div>\n");
	layout_end(r, &h);
	if (!r->user) {
		w->cache_public = true;
		w->max_age = 60;
	}
}

/* ---- the API ---- */

static json_t *consult_json(struct req *r, const struct consultation *k, int64_t today)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I}", "id", (json_int_t)k->id, "unit",
			      k->unit.code, "unit_title", k->unit.title, "subject", k->subject, "title", k->title, "summary",
			      k->summary, "status", consult_status_names[k->status], "phase",
			      consult_phase_names[consult_phase(k, today)], "audience", consult_audience_names[k->audience], "url",
			      arena_printf(r->a, "/consultations/%lld", (long long)k->id), "version", k->version, "comments",
			      (json_int_t)k->comments, "answered", (json_int_t)k->answered);
	json_object_set_new(o, "opens", k->opens_day ? json_string(day_iso(r->a, k->opens_day)) : json_null());
	json_object_set_new(o, "closes", k->closes_day ? json_string(day_iso(r->a, k->closes_day)) : json_null());
	json_object_set_new(o, "plan", json_pack("{s:s, s:s, s:s, s:s}", "content", k->plan_content, "forms", k->plan_forms,
						 "method", k->plan_method, "owner", k->plan_owner));
	return o;
}

/* GET /api/v1/consultations?unit=CODE&limit=&cursor= */
void api_consultations(struct req *r, struct resp *w)
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
		http_send_json_error(r, w, e, "unit", msg(MSG_CSP_BAD_UNIT));
		return;
	}
	struct consultation *v;
	size_t n = 0;
	int64_t total = 0;
	if ((e = consult_list(r->a, c, u.path, code && runs(r, &u), after, limit, &v, &n, &total))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	int64_t today = cal_today(time(NULL));
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, consult_json(r, &v[i], today));
	http_send_list(w, items, total, n == (size_t)limit ? arena_printf(r->a, "%lld", (long long)v[n - 1].id) : NULL, NULL);
}

/* GET /api/v1/consultations/{id} — with the draft's units (anchors) and their tallies. */
void api_consultation(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	struct draft d;
	struct clause_tally *t;
	size_t nt = 0;
	enum app_err e = consult_draft(r->a, c, k.id, k.version, &d);
	if (!e)
		e = consult_tallies(r->a, c, k.id, &t, &nt);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *o = consult_json(r, &k, cal_today(time(NULL))), *units = json_array();
	for (size_t i = 0; i < d.n; i++) {
		const struct draft_unit *u = &d.v[i];
		json_int_t nc = 0, ag = 0, dg = 0;
		for (size_t j = 0; j < nt; j++)
			if (!strcmp(t[j].anchor, u->anchor))
				nc = t[j].comments, ag = t[j].agree, dg = t[j].disagree;
		json_array_append_new(units, json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:I, s:I, s:I}", "anchor", u->anchor, "kind",
						       draft_kind_names[u->kind], "depth", u->depth, "label", u->label, "heading",
						       u->heading, "text", u->body, "comments", nc, "agree", ag, "disagree", dg));
	}
	json_object_set_new(o, "draft", units);
	http_send_json(w, o);
}

static json_t *comment_json(struct req *r, const struct comment *cm, bool answers, bool officer)
{
	bool shown = !cm->hidden || officer;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "id", (json_int_t)cm->id, "anchor", cm->cur_anchor,
			      "attached", cm->attach, "quote", shown ? cm->quote : "", "body", shown ? cm->body : "", "by",
			      comment_who(r, cm), "hidden", cm->hidden, "channel", cm->channel);
	char at[32];
	time_t t = (time_t)cm->at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(o, "at", json_string(at));
	if (cm->hidden)
		json_object_set_new(o, "hidden_reason", json_string(cm->hide_reason));
	if (answers && cm->answer_id)
		json_object_set_new(o, "answer", json_pack("{s:s, s:s, s:s}", "disposition", cm->disposition, "text", cm->answer,
							   "theme", cm->theme));
	else
		json_object_set_new(o, "answer", json_null());
	return o;
}

/* GET /api/v1/consultations/{id}/comments?anchor=&limit=&cursor= */
void api_consult_comments(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	int limit;
	int64_t after;
	if (!http_list_id_args(r, w, &limit, &after))
		return;
	bool officer = runs(r, &k.unit);
	struct comment_filter f = {.consultation = k.id, .anchor = req_query(r, "anchor"), .with_hidden = true,
				   .after_id = after, .limit = limit};
	struct comment *v;
	size_t n = 0;
	int64_t total = 0;
	enum app_err e = comments_list(r->a, c, &f, &v, &n, &total);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, comment_json(r, &v[i], k.status == CNS_PUBLISHED || officer, officer));
	http_send_list(w, items, total, n == (size_t)limit ? arena_printf(r->a, "%lld", (long long)v[n - 1].id) : NULL, NULL);
}

struct api_comment {
	struct comment_job j;
	struct consultation k;
};

static void comment_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct api_comment *p = arg;
	if (e) {
		http_send_json_error(r, w, e, NULL, NULL);
		return;
	}
	w->status = p->j.again ? 200 : 201;
	const char *url = arena_printf(r->a, "/consultations/%lld/comments?anchor=%s#y-%lld", (long long)p->k.id, p->j.anchor,
				       (long long)p->j.id);
	resp_header(r, w, "Location", url);
	http_send_json(w, json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)p->j.id, "consultation", (json_int_t)p->k.id,
				    "anchor", p->j.anchor, "url", url));
}

static const char *jstr(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* POST /api/v1/consultations/{id}/comments — {anchor, quote, body, show_name, channel, author};
 * Idempotency-Key header. Durable when answered (201). A retry with the key gets the first answer
 * again (src/idem.c); the key is also kept with the comment in its own write (then 200 with it). */
static void token_comment_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct comment_token_job *t = arg;
	if (e) {
		if (t->pr.n)
			http_send_problems(r, w, e, &t->pr);
		else
			http_send_json_error(r, w, e, NULL, e == APP_ENOTFOUND ? msg(MSG_CSP_NOT_FOUND) : NULL);
		return;
	}
	struct api_comment p = {.j = t->j};
	p.k.id = t->consultation;
	comment_answer(r, w, APP_OK, &p);
}

void api_consult_comment_create(struct req *r, struct resp *w)
{
	json_t *b = r->json;
	if (!json_is_object(b)) {
		http_send_json_error(r, w, APP_EINVAL, "", msg(MSG_ERR_INVALID));
		return;
	}
	struct comment_input in = {.anchor = jstr(b, "anchor"),
				   .quote = jstr(b, "quote"),
				   .body = jstr(b, "body"),
				   .show_name = json_is_true(json_object_get(b, "show_name")),
				   .channel = jstr(b, "channel"),
				   .author = jstr(b, "author"),
				   .idem = req_header(r, "idempotency-key")};
	const char *token = r->user ? NULL : auth_bearer_hash(r);
	if (token) {
		/* a bearer token: everything is checked inside the group-commit write */
		struct comment_token_job *t = arena_alloc(r->a, sizeof *t);
		*t = (struct comment_token_job){.token_hash = token, .now = time(NULL), .in = in, .a = r->a, .pr = {.a = r->a}};
		if (str_to_i64(r->param[0], 1, INT64_MAX, &t->consultation)) {
			http_send_json_error(r, w, APP_ENOTFOUND, NULL, msg(MSG_CSP_NOT_FOUND));
			return;
		}
		app_defer_write(r, w, comment_token_write, t, token_comment_answer);
		return;
	}
	struct api_comment *p = arena_alloc(r->a, sizeof *p);
	struct dbc *c = consult_of_path(r, w, &p->k);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = comment_check(r->a, c, r->user, &p->k, &in, time(NULL), &p->j, &pr);
	if (e) {
		if (!r->user && e == APP_EFORBID)
			e = APP_EAUTH;
		http_send_problems(r, w, e, &pr);
		return;
	}
	app_defer_write(r, w, comment_write, &p->j, comment_answer);
}

/* ---- /me ---- */

enum app_err consult_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	const struct user *u = r->user;
	int64_t today = cal_today((time_t)now);
	enum app_err e = APP_OK;
	for (size_t i = 0; !e && i < u->nrole; i++) {
		if (!(auth_caps_own(u, u->roles[i].unit_path) & (CAP_CONSULT | CAP_CONSULT_SIGN)))
			continue;
		bool sign = auth_caps_own(u, u->roles[i].unit_path) & CAP_CONSULT_SIGN;
		struct consultation *v;
		size_t n = 0;
		if ((e = consult_list(r->a, c, u->roles[i].unit_path, false, 0, 30, &v, &n, NULL)))
			break;
		for (size_t j = 0; j < n && out->n < 30; j++) {
			enum consult_phase ph = consult_phase(&v[j], today);
			if (ph != CP_CLOSED || v[j].unit.id != u->roles[i].unit_id)
				continue;
			/* closed: its synthesis to answer, then to sign (Art. 28(3)) */
			bool answered = v[j].answered >= v[j].comments;
			if (answered && !sign)
				continue;
			int64_t due = v[j].plan_deadline ? v[j].plan_deadline : v[j].closes_day + 30;
			module_task_add(out, &(struct module_task){
						     .href = arena_printf(r->a, "/consultations/%lld/synthesis", (long long)v[j].id),
						     .title = v[j].title, .unit = v[j].unit.title,
						     .what = answered ? msg(MSG_CSP_TASK_SIGN) : msg(MSG_CSP_TASK_ANSWER), .due = due,
						     .late = due < today});
		}
	}
	return e;
}
