/*
 * auth_pages.c — login, logout, the account page, and assisted participation
 * (an officer acts for a resident who is present and has no phone).
 */
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../calendar/holidays.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/crypto.h"
#include "../util/str.h"
#include "auth.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Only local paths are followed after login (no open redirect). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
	    strchr(next, '\n'))
		return "/";
	return next;
}

/* The login form; pr (may be NULL) are the problems of a refused attempt,
 * the username typed kept (never the password). */
static void login_form(struct req *r, struct resp *w, const struct problems *pr)
{
	struct html h = {.b = &w->body};
	buf_reset(&w->body);
	layout_begin(r, &h, msg(MSG_LOGIN));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_LOGIN));
	form_problems(&h, pr);
	form_begin(r, &h, "/login", false);
	form_hidden(&h, "next", safe_next(req_query(r, "next") ? req_query(r, "next") : req_form(r, "next")));
	form_field(&h, &(struct form_field){.name = "username", .label = msg(MSG_USERNAME), .type = "text",
					    .value = req_form(r, "username"), .required = true, .max = 100}, pr);
	form_field(&h, &(struct form_field){.name = "password", .label = msg(MSG_PASSWORD), .type = "password",
					    .required = true}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_LOGIN));
	form_end(&h);
	layout_end(r, &h);
}

/* GET /login?next=PATH */
void page_login(struct req *r, struct resp *w)
{
	login_form(r, w, NULL);
}

/* POST /login — username, password, next, csrf. */
void page_login_post(struct req *r, struct resp *w)
{
	const char *user = req_form(r, "username"), *pw = req_form(r, "password");
	struct problems pr = {.a = r->a};
	if (!user || !*user || strlen(user) > 100)
		problems_add(&pr, "username", msg(MSG_LOGIN_NO_USERNAME));
	if (!pw || !*pw)
		problems_add(&pr, "password", msg(MSG_LOGIN_NO_PASSWORD));
	if (pr.n) {
		login_form(r, w, &pr);
		w->status = 400;
		return;
	}
	int retry = 0;
	enum app_err e = auth_login(r, w, user, pw, &retry);
	if (e == APP_EAUTH) {
		/* which of the two was wrong is not said */
		problems_add(&pr, "", msg(MSG_LOGIN_FAILED));
		login_form(r, w, &pr);
		w->status = 401;
		return;
	}
	if (e == APP_ETHROTTLE) {
		problems_add(&pr, "", arena_printf(r->a, "%s %d %s", msg(MSG_LOGIN_THROTTLED), retry, msg(MSG_SECONDS)));
		login_form(r, w, &pr);
		w->status = 429;
		resp_header(r, w, "Retry-After", arena_printf(r->a, "%d", retry));
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, safe_next(req_form(r, "next")));
}

/* POST /logout — csrf. */
void page_logout(struct req *r, struct resp *w)
{
	auth_logout(r, w);
	http_redirect(r, w, "/");
}

static const char *scope_label(const char *scope)
{
	return msg(!strcmp(scope, "read") ? MSG_TOKEN_SCOPE_READ : !strcmp(scope, "ballot") ? MSG_TOKEN_SCOPE_BALLOT
										      : MSG_TOKEN_SCOPE_WRITE);
}

void auth_tokens_section(struct req *r, struct html *h, struct dbc *c, int64_t user_id, const char *action_base)
{
	struct api_token *t;
	size_t n = 0;
	html_printf(h, "<h2 id=\"tokens\">%s</h2>\n<p class=\"meta\">%s</p>\n", msg(MSG_TOKENS), msg(MSG_TOKENS_LEAD));
	if (auth_tokens(r->a, c, user_id, &t, &n) || !n) {
		html_printf(h, "<p>%s</p>\n", msg(MSG_TOKENS_NONE));
		return;
	}
	html_printf(h, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    msg(MSG_TOKEN_NAME), msg(MSG_TOKEN_SCOPE_COL), msg(MSG_TOKEN_CREATED), msg(MSG_TOKEN_EXPIRES), msg(MSG_TOKEN_STATE));
	int64_t now = time(NULL);
	bool valid_any = false;
	for (size_t i = 0; i < n; i++) {
		char made[MSG_TIME_LEN], ends[MSG_TIME_LEN] = "";
		msg_time((long long)t[i].created_at, made);
		if (t[i].expires_at)
			msg_time((long long)t[i].expires_at, ends);
		bool valid = !t[i].revoked_at && (!t[i].expires_at || t[i].expires_at > now);
		valid_any |= valid;
		html_printf(h, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", t[i].label, scope_label(t[i].scope), made,
			    *ends ? ends : "—");
		if (valid) {
			form_begin(r, h, arena_printf(r->a, "%s/%lld/revoke", action_base, (long long)t[i].id), false);
			html_printf(h, "<button type=\"submit\" class=\"link\">%s</button>", msg(MSG_TOKEN_REVOKE));
			form_end(h);
		} else {
			html_text(h, msg(t[i].revoked_at ? MSG_TOKEN_REVOKED : MSG_TOKEN_EXPIRED));
		}
		html_lit(h, "</td></tr>\n");
	}
	html_lit(h, "</tbody></table></div>\n");
	if (valid_any) {
		form_begin(r, h, arena_printf(r->a, "%s/all/revoke", action_base), false);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_TOKEN_REVOKE_ALL));
		form_end(h);
	}
}

/* The form to make a token (the account's own page only). */
/* A select of (value, label) pairs with the chosen one kept, its problem beside it. */
static void pick(struct html *h, const char *name, const char *label, const char *const *opts, size_t n,
		 const char *chosen, const struct problems *pr)
{
	html_printf(h, "<p><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", name, label, name, name);
	for (size_t i = 0; i + 1 < n; i += 2)
		html_printf(h, "<option value=\"%s\"%s>%s</option>", opts[i], !strcmp(opts[i], chosen) ? " selected" : "",
			    opts[i + 1]);
	html_lit(h, "</select>");
	form_error(h, pr, name);
	html_lit(h, "</p>\n");
}

/* The new-token form; pr (may be NULL) are the problems of a refused one,
 * what was chosen kept. */
static void token_form(struct req *r, struct html *h, const struct problems *pr)
{
	html_printf(h, "<h3 id=\"new-token\">%s</h3>\n", msg(MSG_TOKEN_NEW));
	form_problems(h, pr);
	form_begin(r, h, "/me/tokens", false);
	form_field(h, &(struct form_field){.name = "label", .label = msg(MSG_TOKEN_NAME), .type = "text",
					   .value = pr ? req_form(r, "label") : NULL, .required = true, .max = 80}, pr);
	const char *scopes[] = {"read", msg(MSG_TOKEN_SCOPE_READ), "ballot", msg(MSG_TOKEN_SCOPE_BALLOT), "write",
				msg(MSG_TOKEN_SCOPE_WRITE)};
	const char *days[] = {"30", "30", "90", "90", "365", "365"};
	const char *scope = pr && req_form(r, "scope") ? req_form(r, "scope") : "read";
	const char *nd = pr && req_form(r, "days") ? req_form(r, "days") : "90";
	pick(h, "scope", msg(MSG_TOKEN_SCOPE_COL), scopes, ARRAY_SIZE(scopes), scope, pr);
	pick(h, "days", msg(MSG_TOKEN_DAYS), days, ARRAY_SIZE(days), nd, pr);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_TOKEN_CREATE));
	form_end(h);
}

/* What the person has to do, from every module: overdue first, then the
 * soonest due, each with its deadline counted in working days (the law's
 * deadlines are: Law 10/2022 Arts. 20, 21(2); Decree 59 Art. 3). */
static void tasks_section(struct req *r, struct html *h)
{
	struct dbc *c;
	if (db_conn(r->app->db, &c))
		return;
	struct module_tasks t = {.a = r->a};
	int64_t now = time(NULL), today = cal_today((time_t)now);
	module_me_tasks(r, c, now, &t);
	struct cal_table hol = {0};
	bool have_hol = !holidays_load(c, &hol);
	size_t late = 0;
	for (size_t i = 0; i < t.n; i++)
		late += t.v[i].late;
	html_printf(h, "<h2 id=\"tasks\">%s <span class=\"count\">(%zu)</span></h2>\n", msg(MSG_TD_TITLE), t.n);
	if (late)
		html_printf(h, "<p class=\"error\">%zu %s</p>\n", late, msg(MSG_TD_LATE_COUNT));
	html_lit(h, "<ul class=\"tasks\">\n");
	for (size_t i = 0; i < t.n; i++) {
		const struct module_task *k = &t.v[i];
		if (k->late)
			html_lit(h, "<li class=\"late\">");
		else
			html_lit(h, "<li>");
		html_printf(h, "<a href=\"%s\">%s</a><br><span class=\"what\">%s</span><br><span class=\"meta\">%s", k->href,
			    k->title, k->what, k->unit);
		if (k->due) {
			char dv[11];
			cal_format_vn(k->due, dv);
			html_printf(h, " · %s %s", msg(MSG_TD_BY), dv);
			if (have_hol && k->late)
				html_printf(h, "</span> <strong class=\"badge withdrawn\">%s %d %s</strong>", msg(MSG_TD_OVERDUE),
					    cal_working_days_between(&hol, k->due, today), msg(MSG_TD_WORKING_DAYS));
			else if (have_hol)
				html_printf(h, " · %s %d %s</span>", msg(MSG_TD_LEFT), cal_working_days_between(&hol, today, k->due),
					    msg(MSG_TD_WORKING_DAYS));
			else
				html_lit(h, "</span>");
		} else {
			html_lit(h, "</span>");
			if (k->late)
				html_printf(h, " <strong class=\"badge withdrawn\">%s</strong>", msg(MSG_TD_OVERDUE));
		}
		html_lit(h, "</li>\n");
	}
	if (!t.n)
		html_printf(h, "<li>%s</li>\n", msg(MSG_TD_NONE));
	html_lit(h, "</ul>\n");
	free(hol.a);
}

/* The account page; a token just made is shown once (new_token), or the
 * problems of a refused one (pr, may be NULL). */
static void me_page(struct req *r, struct resp *w, const char *new_token, const struct problems *pr)
{
	struct html h = {.b = &w->body};
	buf_reset(&w->body);
	layout_begin(r, &h, msg(MSG_MY_ACCOUNT));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_MY_ACCOUNT));
	/* the work first: what the person has to do */
	if (r->user->nrole)
		tasks_section(r, &h);
	html_printf(&h, "<h2>%s</h2>\n<p>%s: <strong>%s</strong> (%s)</p>\n", msg(MSG_MY_DETAILS), msg(MSG_USERNAME),
		    r->user->username, r->user->full_name);
	html_printf(&h, "<h2>%s</h2>\n<ul>\n", msg(MSG_MY_ROLES));
	for (size_t i = 0; i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		html_printf(&h, "<li>%s — ", msg_role(ro->role));
		if (*ro->unit_code) {
			html_lit(&h, "<a href=\"/units/");
			html_url_arg(&h, ro->unit_code);
			html_printf(&h, "\">%s</a>", ro->unit_title);
		} else {
			html_text(&h, msg(MSG_WHOLE_COUNTRY));
		}
		html_lit(&h, "</li>\n");
	}
	if (!r->user->nrole)
		html_printf(&h, "<li>%s</li>\n", msg(MSG_NO_ROLES));
	html_lit(&h, "</ul>\n");
	if (new_token)
		html_printf(&h, "<div class=\"ok\" role=\"status\"><p>%s</p><p><strong><code>%s</code></strong></p></div>\n",
			    msg(MSG_TOKEN_SHOWN_ONCE), new_token);
	struct dbc *c;
	if (!db_conn(r->app->db, &c))
		auth_tokens_section(r, &h, c, r->user->id, "/me/tokens");
	token_form(r, &h, pr);
	layout_end(r, &h);
}

/* GET /me — who I am, what I may do where, my API tokens. */
void page_me(struct req *r, struct resp *w)
{
	me_page(r, w, NULL, NULL);
}

struct token_job {
	int64_t user;
	const char *label, *scope;
	int days;
	char token[CRYPTO_TOKEN_LEN];
};

static enum app_err token_fn(struct dbc *c, void *arg)
{
	struct token_job *j = arg;
	return auth_token_new(c, j->user, j->label, j->scope, j->days, time(NULL), j->token, NULL);
}

/* POST /me/tokens — label, scope, days; csrf. The token is shown once. */
void page_me_token_create(struct req *r, struct resp *w)
{
	struct token_job *j = arena_alloc(r->a, sizeof *j);
	int64_t days = 0;
	*j = (struct token_job){.user = r->user->id, .label = req_form(r, "label"), .scope = req_form(r, "scope")};
	if (req_form(r, "days") && !str_to_i64(req_form(r, "days"), 1, 365, &days))
		j->days = (int)days;
	struct problems pr = {.a = r->a};
	enum app_err e = auth_token_check(j->label, j->scope, j->days, &pr) ? APP_EINVAL : db_write(r->app->db, token_fn, j);
	if (e == APP_EINVAL) {
		if (!pr.n)
			problems_add(&pr, "", msg(MSG_TOKEN_BAD));
		me_page(r, w, NULL, &pr);
		w->status = 400;
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	me_page(r, w, j->token, NULL);
}

struct revoke_job {
	int64_t user, id, actor;
};

static enum app_err revoke_fn(struct dbc *c, void *arg)
{
	struct revoke_job *j = arg;
	return auth_token_revoke(c, j->user, j->id, j->actor, time(NULL));
}

enum app_err auth_tokens_revoke_param(struct req *r, int64_t user_id, const char *which)
{
	struct revoke_job j = {user_id, 0, r->user->id};
	if (!which || (strcmp(which, "all") && str_to_i64(which, 1, INT64_MAX, &j.id)))
		return APP_ENOTFOUND;
	return db_write(r->app->db, revoke_fn, &j);
}

/* POST /me/tokens/{id}/revoke ({id} "all": every one); csrf. */
void page_me_token_revoke(struct req *r, struct resp *w)
{
	enum app_err e = auth_tokens_revoke_param(r, r->user->id, r->param[0]);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_TOKEN_NOT_FOUND) : NULL);
		return;
	}
	http_redirect(r, w, "/me#tokens");
}

struct dbc *auth_cap_conn_or_respond(struct req *r, struct resp *w, unsigned cap, const char **root)
{
	*root = auth_cap_root(r->user, cap);
	if (!*root) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return NULL;
	}
	return app_conn_or_respond(r, w);
}

/* GET /assist?q=NAME — find a resident in my area to assist. */
void page_assist(struct req *r, struct resp *w)
{
	const char *root;
	struct dbc *c = auth_cap_conn_or_respond(r, w, CAP_ASSIST, &root);
	if (!c)
		return;
	const char *q = req_query(r, "q");
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_ASSIST_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_ASSIST_TITLE), msg(MSG_ASSIST_HELP));
	form_search(&h, "/assist", msg(MSG_RESIDENT_NAME), "q", q);
	form_search_end(&h, msg(MSG_SEARCH_BUTTON));
	if (q && *q && strlen(q) < 200) {
		char *fold = str_fold(q);
		struct db_stmt *s = dbc_stmt(c, STMT_RESIDENT_SEARCH);
		/* every role with CAP_ASSIST is checked again on start; list the widest area */
		db_bind_subtree(s, 1, 2, root);
		db_bind_text(s, 3, arena_printf(r->a, "%%%s%%", fold));
		free(fold);
		bool row;
		int n = 0;
		html_lit(&h, "<ul class=\"people\">\n");
		while (!db_step(s, &row) && row) {
			n++;
			html_printf(&h, "<li>%s — %s %s, %s ", db_col_text(s, 1), msg(MSG_HH_CODE),
				    db_col_text(s, 2), db_col_text(s, 3));
			form_begin(r, &h, "/assist/start", false);
			form_hidden(&h, "resident", db_col_text(s, 0));
			html_printf(&h, "<label><input type=\"checkbox\" name=\"present\" value=\"1\" required> %s</label> "
					"<button type=\"submit\">%s</button>",
				    msg(MSG_ASSIST_PRESENT), msg(MSG_ASSIST_START));
			form_end(&h);
			html_lit(&h, "</li>\n");
		}
		db_reset(s);
		html_lit(&h, "</ul>\n");
		if (!n)
			html_printf(&h, "<p>%s</p>\n", msg(MSG_SEARCH_NONE));
	}
	layout_end(r, &h);
}

/* POST /assist/start — resident, present=1 (the officer confirms the resident
 * is with them), csrf. Time-limited; every act is recorded as the officer's
 * on behalf of the resident. */
void page_assist_start(struct req *r, struct resp *w)
{
	int64_t rid;
	const char *present = req_form(r, "present");
	if (!present || strcmp(present, "1")) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_ASSIST_CONFIRM_NEEDED));
		return;
	}
	if (str_to_i64(req_form(r, "resident"), 1, INT64_MAX, &rid)) {
		http_send_error(r, w, APP_EINVAL, NULL);
		return;
	}
	enum app_err e = auth_assist_start(r, rid);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	http_redirect(r, w, "/me");
}

/* POST /assist/end — csrf. */
void page_assist_end(struct req *r, struct resp *w)
{
	enum app_err e = auth_assist_end(r);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, "/assist");
}
