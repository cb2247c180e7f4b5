/*
 * synthesis_pages.c — the synthesis of a consultation (tổng hợp, tiếp thu,
 * giải trình; Law 10/2022 Art. 28(3)-(4)): per unit of text, its comments
 * and the answers being prepared (a group of comments answered at once),
 * the chair's sign-off that publishes them, the table officers use (TT |
 * the draft's text | the comment | who | the answer) as XLSX written row by
 * row and as a numbered report through the document writer, participation
 * statistics with server-drawn charts, and the API's synthesis.
 */
#include "consult.h"
#include "../doc/doc.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/csv.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "consult_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PDF_MAX_ROWS 5000 /* the printed report; the XLSX holds every comment */

static bool runs(struct req *r, const struct unit *u)
{
	return consult_may_run(r->user, u);
}

/* Before publication the answers are the officers' work in progress. */
static bool answers_visible(struct req *r, const struct consultation *k)
{
	return k->status == CNS_PUBLISHED || runs(r, &k->unit);
}

static const char *disposition_label(const char *d)
{
	int i = consult_name_index(answer_disposition_names, AD__N, d);
	return i < 0 ? "" : msg(answer_disposition_labels[i]);
}

static void crumbs(struct req *r, struct html *h, const struct consultation *k, const char *title)
{
	html_printf(h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
		       "<li><a href=\"/consultations/%lld\">",
		    msg(MSG_BREADCRUMB), k->unit.code, k->unit.title, (long long)k->id);
	html_text(h, k->title);
	html_printf(h, "</a></li></ol></nav>\n<h1>%s</h1>\n", title);
}

/* The answer form of the per-unit view: the comments ticked, the disposition, the explanation. */
static void answer_form(struct req *r, struct html *h, const struct consultation *k, const char *anchor,
			const struct comment *v, size_t n, const struct problems *pr)
{
	form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/consultations/%lld/answers", (long long)k->id), false);
	form_hidden(h, "anchor", anchor);
	html_printf(h, "<fieldset><legend>%s</legend>\n", msg(MSG_CSP_ANSWER_PICK));
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].hidden)
			continue;
		html_printf(h, "<label><input type=\"checkbox\" name=\"comment\" value=\"%lld\"%s> #%lld — ", (long long)v[i].id,
			    v[i].answer_id ? "" : " checked", (long long)v[i].id);
		html_textn(h, v[i].body, strnlen(v[i].body, 120));
		html_printf(h, "%s</label><br>\n", v[i].answer_id ? msg(MSG_CSP_ANSWERED_MARK) : "");
		shown++;
	}
	form_error(h, pr, "comments");
	html_lit(h, "</fieldset>\n");
	const char *d = req_form(r, "disposition");
	html_printf(h, "<fieldset><legend>%s</legend>\n", msg(MSG_CSP_DISPOSITION));
	for (int i = 0; i < AD__N; i++)
		html_printf(h, "<label><input type=\"radio\" name=\"disposition\" value=\"%s\"%s> %s</label><br>\n",
			    answer_disposition_names[i], (d ? str_eq(d, answer_disposition_names[i]) : !i) ? " checked" : "",
			    msg(answer_disposition_labels[i]));
	form_error(h, pr, "disposition");
	html_lit(h, "</fieldset>\n");
	form_field(h, &(struct form_field){.name = "theme", .label = msg(MSG_CSP_F_THEME), .type = "text",
					   .value = req_form(r, "theme"), .max = 200, .hint = msg(MSG_CSP_F_THEME_HINT)},
		   pr);
	form_field(h, &(struct form_field){.name = "answer", .label = msg(MSG_CSP_F_ANSWER), .type = "textarea",
					   .value = req_form(r, "answer"), .required = true, .max = ANSWER_MAX},
		   pr);
	html_printf(h, "<p><button type=\"submit\"%s>%s</button></p>\n", shown ? "" : " disabled", msg(MSG_CSP_ANSWER_SAVE));
	form_end(h);
}

static void signoff_form(struct req *r, struct html *h, struct dbc *c, const struct consultation *k, const struct problems *pr)
{
	const char **kept;
	size_t nkept = 0;
	if (consult_against_majority(r->a, c, k, &kept, &nkept))
		nkept = 0;
	html_printf(h, "<h2 id=\"ky-duyet\">%s</h2>\n<p class=\"hint\">%s</p>\n", msg(MSG_CSP_SIGNOFF), msg(MSG_CSP_SIGNOFF_HINT));
	if (nkept) {
		html_printf(h, "<p class=\"notice\">%s ", msg(MSG_CS_REASONS_KEPT));
		for (size_t i = 0; i < nkept; i++)
			html_printf(h, "%s<a href=\"/consultations/%lld#%s\">%s</a>", i ? ", " : "", (long long)k->id, kept[i], kept[i]);
		html_lit(h, "</p>\n");
	}
	form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/consultations/%lld/signoff", (long long)k->id), false);
	form_field(h, &(struct form_field){.name = "decision", .label = msg(MSG_CSP_F_DECISION), .type = "textarea",
					   .value = req_form(r, "decision"), .required = true, .max = CONSULT_TEXT_MAX,
					   .hint = msg(MSG_CSP_F_DECISION_HINT)},
		   pr);
	html_printf(h, "<p><label><input type=\"checkbox\" name=\"against_majority\" value=\"1\"%s> %s</label></p>\n",
		    req_form(r, "against_majority") || nkept ? " checked" : "", msg(MSG_CSP_F_AGAINST));
	form_field(h, &(struct form_field){.name = "majority_reasons", .label = msg(MSG_CSP_F_REASONS), .type = "textarea",
					   .value = req_form(r, "majority_reasons"), .max = CONSULT_TEXT_MAX,
					   .hint = msg(MSG_CSP_F_REASONS_HINT)},
		   pr);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CSP_SIGNOFF_BUTTON));
	form_end(h);
}

static void comment_row(struct req *r, struct html *h, const struct comment *cm, bool answers, int64_t tt)
{
	html_printf(h, "<tr id=\"y-%lld\"><td class=\"num\">%lld</td><td>", (long long)cm->id, (long long)tt);
	if (*cm->quote) {
		html_lit(h, "<q>");
		html_text(h, cm->quote);
		html_lit(h, "</q> ");
	}
	if (cm->hidden)
		html_printf(h, "<em>%s</em> ", msg(MSG_CSP_HIDDEN));
	html_text(h, cm->body);
	html_printf(h, "</td><td>%s</td><td>", comment_who(r, cm));
	if (answers && cm->answer_id) {
		html_printf(h, "<strong>%s</strong>%s%s<br>", disposition_label(cm->disposition), *cm->theme ? " — " : "", cm->theme);
		html_text(h, cm->answer);
	} else if (!cm->hidden)
		html_printf(h, "<span class=\"badge pending\">%s</span>", msg(MSG_CSP_NOT_ANSWERED));
	html_lit(h, "</td></tr>\n");
}

static void synthesis_page(struct req *r, struct resp *w, struct dbc *c, struct consultation *k, const struct problems *pr,
			   bool refused_signoff)
{
	int status = w->status;
	resp_reset(w);
	w->status = status ? status : 200;
	bool officer = runs(r, &k->unit), answers = answers_visible(r, k);
	int64_t today = cal_today(time(NULL));
	enum consult_phase ph = consult_phase(k, today);
	const char *anchor = req_query(r, "anchor");
	if (!anchor && !refused_signoff)
		anchor = req_form(r, "anchor");
	struct draft d;
	struct clause_tally *t;
	size_t nt = 0;
	enum app_err e = consult_draft(r->a, c, k->id, k->version, &d);
	if (!e)
		e = consult_tallies(r->a, c, k->id, &t, &nt);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_SYNTHESIS), k->title));
	crumbs(r, &h, k, ph == CP_PUBLISHED ? msg(MSG_CSP_SYNTHESIS_PUBLISHED) : msg(MSG_CSP_SYNTHESIS));
	form_done(r, &h);
	html_printf(&h, "<p>%s ", msg(MSG_CSP_COMMENTS));
	html_count(&h, k->comments);
	html_printf(&h, " · %s ", msg(MSG_CSP_ANSWERED));
	html_count(&h, k->answered);
	html_lit(&h, "</p>\n");
	if (ph == CP_PUBLISHED) {
		html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>", msg(MSG_CS_DECISION));
		html_text(&h, k->decision);
		html_printf(&h, "</dd>\n<dt>%s</dt><dd>%s</dd>\n", msg(MSG_CSP_SIGNED_BY), k->signer);
		if (k->against_majority) {
			html_printf(&h, "<dt>%s</dt><dd>", msg(MSG_CSP_F_REASONS));
			html_text(&h, k->majority_reasons);
			html_lit(&h, "</dd>\n");
		}
		html_lit(&h, "</dl>\n");
		if (k->posting_id)
			html_printf(&h, "<p><a href=\"/postings/%lld\">%s</a></p>\n", (long long)k->posting_id, msg(MSG_CSP_POSTING));
	} else if (!officer)
		html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_SYNTHESIS_NOT_YET));
	if (answers)
		html_printf(&h, "<ul class=\"menu\"><li><a href=\"/consultations/%lld/synthesis.xlsx\">%s</a></li>"
				"<li><a href=\"/consultations/%lld/synthesis.pdf\">%s</a></li></ul>\n",
			    (long long)k->id, msg(MSG_CSP_XLSX), (long long)k->id, msg(MSG_CSP_PDF));
	if (!anchor) {
		/* every unit of text with comments: how many, how many answered */
		html_printf(&h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
			    msg(MSG_CSP_UNIT), msg(MSG_CSP_COMMENTS), msg(MSG_CSP_ANSWERED), msg(MSG_CSP_AGREE_N), msg(MSG_CSP_DISAGREE_N));
		for (long i = -1; i < (long)d.n; i++) {
			const char *an = i < 0 ? "" : d.v[i].anchor;
			const struct clause_tally *x = NULL;
			for (size_t j = 0; j < nt && !x; j++)
				if (!strcmp(t[j].anchor, an))
					x = &t[j];
			if (!x)
				continue;
			html_printf(&h, "<tr><td><a href=\"/consultations/%lld/synthesis?anchor=%s\">", (long long)k->id, an);
			html_text(&h, i < 0 ? msg(MSG_CSP_WHOLE_DRAFT) : *d.v[i].label ? d.v[i].label : d.v[i].anchor);
			html_lit(&h, "</a>");
			if (i >= 0 && *d.v[i].heading) {
				html_lit(&h, " ");
				html_text(&h, d.v[i].heading);
			}
			html_lit(&h, "</td><td class=\"num\">");
			html_count(&h, x->comments);
			html_lit(&h, "</td><td class=\"num\">");
			html_count(&h, answers ? x->answered : 0);
			html_lit(&h, "</td><td class=\"num\">");
			html_count(&h, x->agree);
			html_lit(&h, "</td><td class=\"num\">");
			html_count(&h, x->disagree);
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody></table>\n");
		if (ph == CP_CLOSED && consult_may_sign(r->user, &k->unit))
			signoff_form(r, &h, c, k, refused_signoff ? pr : NULL);
		else if (ph == CP_CLOSED && officer && k->answered >= k->comments)
			html_printf(&h, "<p class=\"notice\">%s</p>\n", msg(MSG_CSP_WAIT_SIGN));
		layout_end(r, &h);
		return;
	}
	/* one unit of text: its comments a page at a time, and the answer form */
	long at = draft_anchor(&d, anchor);
	html_printf(&h, "<h2>%s</h2>\n", *anchor ? (at >= 0 && *d.v[at].label ? d.v[at].label : anchor) : msg(MSG_CSP_WHOLE_DRAFT));
	if (at >= 0) {
		html_lit(&h, "<blockquote>");
		html_text(&h, draft_unit_line(r->a, &d.v[at]));
		html_lit(&h, "</blockquote>\n");
	}
	int64_t after_id = 0;
	const char *cur = req_query(r, "after");
	if (cur && str_to_i64(cur, 1, INT64_MAX, &after_id))
		after_id = 0;
	struct comment_filter f = {.consultation = k->id, .anchor = anchor, .with_hidden = officer, .after_id = after_id,
				   .limit = 100, .unanswered = req_query(r, "unanswered") ? 1 : 0};
	struct comment *v;
	size_t n = 0;
	int64_t total = 0;
	if ((e = comments_list(r->a, c, &f, &v, &n, &total))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	html_printf(&h, "<p class=\"meta\">%s ", msg(MSG_CSP_TOTAL_COMMENTS));
	html_count(&h, total);
	html_printf(&h, " · <a href=\"/consultations/%lld/synthesis?anchor=%s&amp;unanswered=1\">%s</a></p>\n", (long long)k->id,
		    anchor, msg(MSG_CSP_ONLY_UNANSWERED));
	html_printf(&h, "<table class=\"synthesis\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    msg(MSG_CSP_TT), msg(MSG_CSP_COMMENT), msg(MSG_CSP_WHO), msg(MSG_CSP_ANSWER_COL));
	for (size_t i = 0; i < n; i++)
		comment_row(r, &h, &v[i], answers, (int64_t)i + 1);
	html_lit(&h, "</tbody></table>\n");
	if (n == 100)
		html_printf(&h, "<p><a href=\"/consultations/%lld/synthesis?anchor=%s&amp;after=%lld%s\">%s</a></p>\n", (long long)k->id,
			    anchor, (long long)v[n - 1].id, f.unanswered ? "&amp;unanswered=1" : "", msg(MSG_CSP_MORE));
	if (officer && k->status == CNS_OPEN && n) {
		html_printf(&h, "<h2 id=\"tra-loi\">%s</h2>\n<p class=\"hint\">%s</p>\n", msg(MSG_CSP_ANSWER_TITLE),
			    msg(MSG_CSP_ANSWER_HINT));
		answer_form(r, &h, k, anchor, v, n, refused_signoff ? NULL : pr);
	}
	html_printf(&h, "<p><a href=\"/consultations/%lld/synthesis\">%s</a></p>\n", (long long)k->id, msg(MSG_CSP_BACK_SYNTHESIS));
	layout_end(r, &h);
	if (!r->user && ph == CP_PUBLISHED) {
		w->cache_public = true;
		w->max_age = 60;
	}
}

/* GET /consultations/{id}/synthesis?anchor=&after=&unanswered=1 */
void page_consult_synthesis(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (c)
		synthesis_page(r, w, c, &k, NULL, false);
}

static void refused_or_done(struct req *r, struct resp *w, struct consultation *k, enum app_err e, const struct problems *pr,
			    bool signoff, const char *location)
{
	if (e == APP_EINVAL || e == APP_EFORBID || e == APP_ECONFLICT) {
		struct dbc *c = app_conn_or_respond(r, w);
		if (!c)
			return;
		w->status = http_status_of(e);
		consult_get(r->a, c, k->id, k);
		synthesis_page(r, w, c, k, pr, signoff);
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, location);
}

/* POST /consultations/{id}/answers — comment (repeated), disposition, theme, answer. */
void page_consult_answer(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	int64_t *ids = arena_alloc(r->a, (r->nform + 1) * sizeof *ids);
	size_t n = 0;
	struct problems pr = {.a = r->a};
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].k, "comment") && str_to_i64(r->form[i].v, 1, INT64_MAX, &ids[n++]))
			n--;
	struct answer_input in = {.disposition = req_form(r, "disposition"), .theme = req_form(r, "theme"),
				  .body = req_form(r, "answer"), .comments = ids, .ncomments = n};
	int64_t aid;
	enum app_err e = consult_answer(r->app->db, r->a, r->user, k.id, &in, time(NULL), &aid, &pr);
	const char *anchor = req_form(r, "anchor");
	refused_or_done(r, w, &k, e, &pr, false,
			arena_printf(r->a, "/consultations/%lld/synthesis?anchor=%s&done=answered", (long long)k.id,
				     anchor ? anchor : ""));
}

/* POST /consultations/{id}/signoff — after its review step: the decision, against_majority, majority_reasons. */
void page_consult_signoff(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	if (!consult_may_sign(r->user, &k.unit)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_CS_SIGN_WHO));
		return;
	}
	static const char *const fields[] = {"decision", "against_majority", "majority_reasons", NULL};
	static const char *shown[4];
	shown[0] = msg(MSG_CSP_F_DECISION);
	shown[1] = msg(MSG_CSP_F_AGAINST);
	shown[2] = msg(MSG_CSP_F_REASONS);
	if (!form_confirmed(r, w, &(struct confirm){msg(MSG_CSP_SIGNOFF_CONFIRM), msg(MSG_CSP_SIGNOFF_WHAT), msg(MSG_CSP_SIGNOFF_BUTTON),
						   arena_printf(r->a, "/consultations/%lld/synthesis", (long long)k.id), fields, shown}))
		return;
	struct signoff_input in = {.decision = req_form(r, "decision"),
				   .against_majority = req_form(r, "against_majority") != NULL,
				   .majority_reasons = req_form(r, "majority_reasons")};
	struct problems pr = {.a = r->a};
	enum app_err e = consult_signoff(r->app->db, r->a, r->user, k.id, &in, app_public_url(r), time(NULL), &pr);
	refused_or_done(r, w, &k, e, &pr, true,
			arena_printf(r->a, "/consultations/%lld/synthesis?done=result_published", (long long)k.id));
}

/* ---- the table as XLSX (row by row) and as the numbered report ---- */

#define SYN_COLS 6
static const enum msg_id syn_head[SYN_COLS] = {MSG_CSP_TT, MSG_CSP_DRAFT_COL, MSG_CSP_COMMENT, MSG_CSP_WHO,
					       MSG_CSP_DISPOSITION, MSG_CSP_ANSWER_COL};

struct syn_rows {
	struct req *r;
	struct synthesis_cursor cur;
	bool answers;
	char tt[24];
	enum app_err e;
	const char *last_anchor, *unit_line; /* the draft's text once per unit of text */
	int64_t max;
};

static bool syn_next(void *arg, const char **cells)
{
	struct syn_rows *s = arg;
	if ((s->max && s->cur.n >= s->max) || !synthesis_next(&s->cur, &s->e))
		return false;
	const struct comment *cm = &s->cur.cm;
	snprintf(s->tt, sizeof s->tt, "%lld", (long long)s->cur.n);
	cells[0] = s->tt;
	/* where it is as officers write it ("Điều 3 khoản 1"), then its words */
	const struct draft_unit *u = &s->cur.unit;
	cells[1] = *cm->cur_anchor ? arena_printf(s->cur.a, "%s: %s%s%s", draft_anchor_words(s->cur.a, cm->cur_anchor), u->heading,
						  *u->heading && *u->body ? " — " : "", u->body)
				   : msg(MSG_CSP_WHOLE_DRAFT);
	cells[2] = *cm->quote ? arena_printf(s->cur.a, "«%s» %s", cm->quote, cm->body) : cm->body;
	int ch = consult_name_index(comment_channel_names, CMC__N, cm->channel);
	cells[3] = ch > CMC_API ? arena_printf(s->cur.a, "%s (%s)", comment_who(s->r, cm), msg(comment_channel_labels[ch]))
				: comment_who(s->r, cm);
	cells[4] = s->answers && cm->answer_id ? disposition_label(cm->disposition) : "";
	cells[5] = s->answers && cm->answer_id ? cm->answer : "";
	return true;
}

static struct dbc *report_of_path(struct req *r, struct resp *w, struct consultation *k)
{
	struct dbc *c = consult_of_path(r, w, k);
	if (c && !answers_visible(r, k)) {
		http_send_error(r, w, r->user ? APP_EFORBID : APP_EAUTH, msg(MSG_CSP_SYNTHESIS_NOT_YET));
		return NULL;
	}
	return c;
}

/* GET /consultations/{id}/synthesis.xlsx — every comment, written row by row. */
void page_consult_synthesis_xlsx(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = report_of_path(r, w, &k);
	if (!c)
		return;
	const char *head[SYN_COLS];
	for (int i = 0; i < SYN_COLS; i++)
		head[i] = msg(syn_head[i]);
	static const double width[SYN_COLS] = {6, 50, 60, 30, 18, 60};
	static const bool numeric[SYN_COLS] = {true, false, false, false, false, false};
	struct syn_rows rows = {.r = r, .answers = true};
	/* in the request's read transaction: one consistent table */
	enum app_err e = synthesis_open(c, &k, &rows.cur);
	if (!e) {
		struct sheet_stream s = {"tong-hop-y-kien", SYN_COLS, head, width, numeric, syn_next, &rows};
		e = sheet_xlsx_stream(&s, &w->body);
		synthesis_close(&rows.cur);
		if (!e)
			e = rows.e;
	}
	if (e) {
		resp_reset(w);
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"tong-hop-y-kien-%lld.xlsx\"", (long long)k.id));
}

struct syn_paper {
	struct req *r;
	struct dbc *c;
	const struct consultation *k;
	const struct doc_record *d;
	struct doc_issuer is;
	struct doc_signer sg;
};

static enum app_err syn_make(void *arg, struct buf *out)
{
	struct syn_paper *p = arg;
	struct req *r = p->r;
	const struct consultation *k = p->k;
	struct doc_head h = {.type = DOC_REPORT, .issuer = &p->is, .number = p->d ? p->d->number : NULL,
			     .day = cal_today((time_t)(p->d ? p->d->issued_at : time(NULL))), .title = msg(MSG_CSP_REPORT_UPPER),
			     .subject = arena_printf(r->a, "%s %s", msg(MSG_CSP_REPORT_SUBJECT), k->title),
			     .mark = p->d ? NULL : msg(MSG_CSP_REPORT_DRAFT), .created = p->d ? p->d->issued_at : 0,
			     .landscape = true};
	struct pdf *d = doc_begin(&h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_SYNTHESIS), k->title));
	doc_para(d, arena_printf(r->a, "%s %s — %s; %s %lld, %s %lld.", msg(MSG_CSP_REPORT_PERIOD), msg_day(r->a, k->opens_day),
				 msg_day(r->a, k->closes_day), msg(MSG_CSP_COMMENTS), (long long)k->comments, msg(MSG_CSP_ANSWERED),
				 (long long)k->answered));
	if (k->status == CNS_PUBLISHED) {
		doc_para(d, arena_printf(r->a, "%s: %s", msg(MSG_CS_DECISION), k->decision));
		if (k->against_majority)
			doc_para(d, arena_printf(r->a, "%s%s", msg(MSG_CS_AGAINST_REASONS), k->majority_reasons));
	}
	static const double wd[SYN_COLS] = {0.04, 0.22, 0.26, 0.14, 0.09, 0.25};
	const char *hd[SYN_COLS];
	for (int i = 0; i < SYN_COLS; i++)
		hd[i] = msg(syn_head[i]);
	pdf_row(d, hd, wd, SYN_COLS, 9, true);
	struct syn_rows rows = {.r = r, .answers = true, .max = PDF_MAX_ROWS};
	enum app_err e = synthesis_open(p->c, k, &rows.cur);
	const char *cells[SYN_COLS];
	while (!e && syn_next(&rows, cells))
		pdf_row(d, cells, wd, SYN_COLS, 9, false);
	int64_t printed = rows.cur.n;
	synthesis_close(&rows.cur);
	if (!e)
		e = rows.e;
	if (printed >= PDF_MAX_ROWS && k->comments > printed)
		doc_para_style(d, arena_printf(r->a, "%s %lld/%lld.", msg(MSG_CSP_REPORT_CUT), (long long)printed, (long long)k->comments),
			       PDF_ITALIC);
	const char *to[] = {msg(MSG_CSP_TO_COUNCIL), msg(MSG_CSP_TO_FRONT)};
	doc_end(d, &p->sg, to, 2);
	enum app_err f = pdf_finish(d, out);
	return e ? e : f;
}

/* GET /consultations/{id}/synthesis.pdf — the report, numbered at sign-off (a draft before). */
void page_consult_synthesis_pdf(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = report_of_path(r, w, &k);
	if (!c)
		return;
	struct syn_paper p = {.r = r, .c = c, .k = &k};
	unit_doc_issuer(r, c, &k.unit, &p.is, &p.sg);
	struct doc_record rec;
	if (k.status == CNS_PUBLISHED && !doc_get(r->a, c, "consultation", k.id, "synthesis", &rec))
		p.d = &rec;
	enum app_err e = p.d ? doc_pdf(r->app->db, p.d, k.unit.code, syn_make, &p, &w->body) : syn_make(&p, &w->body);
	if (e) {
		resp_reset(w);
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "inline; filename=\"tong-hop-y-kien-%lld.pdf\"", (long long)k.id));
}

/* ---- participation ---- */

/* A horizontal bar chart drawn on the server, its figures in the table beside it. */
static void bars(struct html *h, const char *title, const char *const *labels, const int64_t *v, size_t n)
{
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	int row = 22, label_w = 160, bar_w = 300;
	html_printf(h, "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %zu\" width=\"100%%\">\n", title,
		    label_w + bar_w + 60, n * (size_t)row + 4);
	for (size_t i = 0; i < n; i++) {
		int w = (int)(v[i] * bar_w / max);
		html_printf(h, "<text x=\"0\" y=\"%zu\" font-size=\"12\">", i * (size_t)row + 15);
		html_textn(h, labels[i], strnlen(labels[i], 28));
		html_printf(h, "</text><rect x=\"%d\" y=\"%zu\" width=\"%d\" height=\"16\" fill=\"#1f6f8b\"/>"
			       "<text x=\"%d\" y=\"%zu\" font-size=\"12\">%lld</text>\n",
			    label_w, i * (size_t)row + 3, w, label_w + w + 4, i * (size_t)row + 15, (long long)v[i]);
	}
	html_lit(h, "</svg>\n");
}

/* The consultation of the path and its participation; false after answering. */
static bool stats_of(struct req *r, struct resp *w, struct consultation *k, struct consult_village_stat **vs, size_t *nv,
		     struct consult_day_stat **ds, size_t *nd)
{
	struct dbc *c = consult_of_path(r, w, k);
	if (!c)
		return false;
	enum app_err e = consult_stats_villages(r->a, c, k->id, vs, nv);
	if (!e)
		e = consult_stats_days(r->a, c, k->id, ds, nd);
	if (e)
		http_send_error(r, w, e, NULL);
	return !e;
}

/* Participation: per village and over time (by day, or by month for a unit
 * over all its consultations), charts and the tables of the same figures. */
struct participation {
	struct consult_village_stat *vs;
	struct consult_day_stat *ds;
	size_t nv, nd;
	bool months;
};

static const char *period_label(struct req *r, const struct participation *p, int64_t day)
{
	if (!p->months)
		return msg_day(r->a, day);
	int y, m, d;
	cal_civil_from_days(day, &y, &m, &d);
	return arena_printf(r->a, "%02d/%d", m, y);
}

static void participation_body(struct req *r, struct html *h, const struct participation *p, const char *csv)
{
	html_printf(h, "<p><a href=\"%s\">%s</a></p>\n", csv, msg(MSG_CSP_CSV));
	const char **labels = arena_alloc(r->a, (p->nv + p->nd + 1) * sizeof *labels);
	int64_t *vals = arena_alloc(r->a, (p->nv + p->nd + 1) * sizeof *vals);
	html_printf(h, "<h2>%s</h2>\n", msg(MSG_CSP_BY_VILLAGE));
	for (size_t i = 0; i < p->nv; i++)
		labels[i] = *p->vs[i].code ? p->vs[i].title : msg(MSG_CSP_NO_VILLAGE), vals[i] = p->vs[i].comments;
	if (p->nv)
		bars(h, msg(MSG_CSP_BY_VILLAGE), labels, vals, p->nv);
	html_printf(h, "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    msg(MSG_CSP_BY_VILLAGE), msg(MSG_CSP_VILLAGE), msg(MSG_CSP_COMMENTS), msg(MSG_CSP_PEOPLE));
	for (size_t i = 0; i < p->nv; i++) {
		html_printf(h, "<tr><td>%s</td><td class=\"num\">", labels[i]);
		html_count(h, p->vs[i].comments);
		html_lit(h, "</td><td class=\"num\">");
		html_count(h, p->vs[i].people);
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody></table>\n");
	const char *over = p->months ? msg(MSG_CSP_BY_MONTH) : msg(MSG_CSP_BY_DAY);
	html_printf(h, "<h2>%s</h2>\n", over);
	for (size_t i = 0; i < p->nd; i++)
		labels[i] = period_label(r, p, p->ds[i].day), vals[i] = p->ds[i].comments;
	if (p->nd)
		bars(h, over, labels, vals, p->nd);
	html_printf(h, "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    over, p->months ? msg(MSG_CSP_MONTH) : msg(MSG_CSP_DAY), msg(MSG_CSP_COMMENTS));
	for (size_t i = 0; i < p->nd; i++) {
		html_printf(h, "<tr><td>%s</td><td class=\"num\">", labels[i]);
		html_count(h, p->ds[i].comments);
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody></table>\n");
}

/* kind (village|day|month), key, title, comments, people */
static void participation_csv(struct req *r, struct resp *w, const struct participation *p, const char *name)
{
	const char **cell = arena_alloc(r->a, (p->nv + p->nd + 1) * 5 * sizeof *cell);
	size_t n = 0;
	for (size_t i = 0; i < p->nv; i++, n++) {
		const char **row = cell + n * 5;
		row[0] = "village", row[1] = p->vs[i].code, row[2] = *p->vs[i].code ? p->vs[i].title : msg(MSG_CSP_NO_VILLAGE);
		row[3] = arena_printf(r->a, "%lld", (long long)p->vs[i].comments);
		row[4] = arena_printf(r->a, "%lld", (long long)p->vs[i].people);
	}
	for (size_t i = 0; i < p->nd; i++, n++) {
		const char **row = cell + n * 5;
		char *iso = arena_alloc(r->a, 11);
		cal_format_iso(p->ds[i].day, iso);
		if (p->months)
			iso[7] = 0; /* yyyy-mm */
		row[0] = p->months ? "month" : "day", row[1] = iso, row[2] = period_label(r, p, p->ds[i].day);
		row[3] = arena_printf(r->a, "%lld", (long long)p->ds[i].comments);
		row[4] = "";
	}
	static const char *const head[5] = {"loai", "ma", "ten", "so_y_kien", "so_nguoi"};
	struct sheet s = {.name = "tham-gia", .ncol = 5, .head = head, .cell = cell, .nrow = n};
	http_send_sheet(r, w, &s, name, false);
}

/* GET /consultations/{id}/stats — per village and per day, charts and their tables. */
void page_consult_stats(struct req *r, struct resp *w)
{
	struct consultation k;
	struct participation p = {0};
	if (!stats_of(r, w, &k, &p.vs, &p.nv, &p.ds, &p.nd))
		return;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_STATS), k.title));
	crumbs(r, &h, &k, msg(MSG_CSP_STATS));
	participation_body(r, &h, &p, arena_printf(r->a, "/consultations/%lld/stats.csv", (long long)k.id));
	layout_end(r, &h);
	if (!r->user) {
		w->cache_public = true;
		w->max_age = 60;
	}
}

/* GET /consultations/{id}/stats.csv */
void page_consult_stats_csv(struct req *r, struct resp *w)
{
	struct consultation k;
	struct participation p = {0};
	if (stats_of(r, w, &k, &p.vs, &p.nv, &p.ds, &p.nd))
		participation_csv(r, w, &p, arena_printf(r->a, "tham-gia-y-kien-%lld", (long long)k.id));
}

/* The unit of the path and its participation over all its consultations; false after answering. */
static bool unit_stats_of(struct req *r, struct resp *w, struct unit *u, struct participation *p)
{
	struct dbc *c = units_path_unit_or_respond(r, w, false, u);
	if (!c)
		return false;
	p->months = true;
	enum app_err e = consult_unit_villages(r->a, c, u->path, &p->vs, &p->nv);
	if (!e)
		e = consult_unit_months(r->a, c, u->path, &p->ds, &p->nd);
	if (e)
		http_send_error(r, w, e, NULL);
	return !e;
}

/* GET /units/{code}/consultations/stats — every published consultation of the unit and below:
 * per village and per month. */
void page_unit_consult_stats(struct req *r, struct resp *w)
{
	struct unit u;
	struct participation p = {0};
	if (!unit_stats_of(r, w, &u, &p))
		return;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, arena_printf(r->a, "%s — %s", msg(MSG_CSP_STATS), u.title));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/consultations\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, u.code, msg(MSG_CSP_TITLE), msg(MSG_CSP_STATS));
	participation_body(r, &h, &p, arena_printf(r->a, "/units/%s/consultations/stats.csv", u.code));
	layout_end(r, &h);
	w->cache_public = true;
	w->max_age = 60;
}

/* GET /units/{code}/consultations/stats.csv */
void page_unit_consult_stats_csv(struct req *r, struct resp *w)
{
	struct unit u;
	struct participation p = {0};
	if (unit_stats_of(r, w, &u, &p))
		participation_csv(r, w, &p, arena_printf(r->a, "tham-gia-y-kien-%s", u.code));
}

/* ---- the API ---- */

/* GET /api/v1/consultations/{id}/synthesis?limit=&cursor= — every comment with its answer
 * (null until answered, and until published for the public), "published" once signed off. */
void api_consult_synthesis(struct req *r, struct resp *w)
{
	struct consultation k;
	struct dbc *c = consult_of_path(r, w, &k);
	if (!c)
		return;
	int limit;
	int64_t after;
	if (!http_list_id_args(r, w, &limit, &after))
		return;
	bool answers = answers_visible(r, &k);
	struct comment_filter f = {.consultation = k.id, .after_id = after, .limit = limit};
	struct comment *v;
	size_t n = 0;
	int64_t total = 0;
	enum app_err e = comments_list(r->a, c, &f, &v, &n, &total);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)v[i].id, "anchor", v[i].cur_anchor, "comment",
				      v[i].body, "quote", v[i].quote, "by", comment_who(r, &v[i]));
		json_object_set_new(o, "answer", answers && v[i].answer_id
							 ? json_pack("{s:s, s:s, s:s}", "disposition", v[i].disposition, "text",
								     v[i].answer, "theme", v[i].theme)
							 : json_null());
		json_array_append_new(items, o);
	}
	json_t *extra = json_pack("{s:I, s:b, s:I, s:I}", "consultation", (json_int_t)k.id, "published", k.status == CNS_PUBLISHED,
				  "comments", (json_int_t)k.comments, "answered", (json_int_t)(answers ? k.answered : 0));
	json_object_set_new(extra, "decision", k.status == CNS_PUBLISHED ? json_string(k.decision) : json_null());
	json_object_set_new(extra, "against_majority", k.status == CNS_PUBLISHED ? json_boolean(k.against_majority) : json_null());
	json_object_set_new(extra, "majority_reasons",
			    k.status == CNS_PUBLISHED && k.against_majority ? json_string(k.majority_reasons) : json_null());
	http_send_list(w, items, total, n == (size_t)limit ? arena_printf(r->a, "%lld", (long long)v[n - 1].id) : NULL, extra);
}
