/*
 * auth_pages.c — login, logout, the account page, and assisted participation
 * (an officer acts for a resident who is present and has no phone).
 */
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/str.h"
#include "auth.h"
#include <stdlib.h>
#include <string.h>

/* Only local paths are followed after login (no open redirect). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
	    strchr(next, '\n'))
		return "/";
	return next;
}

static void login_form(struct req *r, struct resp *w, const char *error, const char *username)
{
	struct html h = {&w->body};
	buf_reset(&w->body);
	layout_begin(r, &h, msg(MSG_LOGIN));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_LOGIN));
	if (error)
		html_printf(&h, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	form_begin(r, &h, "/login", false);
	html_printf(&h, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
		    safe_next(req_query(r, "next") ? req_query(r, "next") : req_form(r, "next")));
	form_input(&h, "username", msg(MSG_USERNAME), "text", username, true);
	form_input(&h, "password", msg(MSG_PASSWORD), "password", NULL, true);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_LOGIN));
	form_end(&h);
	layout_end(r, &h);
}

/* GET /login?next=PATH */
void page_login(struct req *r, struct resp *w)
{
	login_form(r, w, NULL, NULL);
}

/* POST /login — username, password, next, csrf. */
void page_login_post(struct req *r, struct resp *w)
{
	const char *user = req_form(r, "username"), *pw = req_form(r, "password");
	if (!user || !pw || !*user || !*pw || strlen(user) > 100) {
		w->status = 400;
		login_form(r, w, msg(MSG_LOGIN_MISSING), user);
		return;
	}
	int retry = 0;
	enum app_err e = auth_login(r, w, user, pw, &retry);
	if (e == APP_EAUTH) {
		w->status = 401;
		login_form(r, w, msg(MSG_LOGIN_FAILED), user);
		return;
	}
	if (e == APP_ETHROTTLE) {
		w->status = 429;
		resp_header(r, w, "Retry-After", arena_printf(r->a, "%d", retry));
		login_form(r, w, arena_printf(r->a, "%s %d %s", msg(MSG_LOGIN_THROTTLED), retry, msg(MSG_SECONDS)),
			   user);
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

/* GET /me — who I am and what I may do where. */
void page_me(struct req *r, struct resp *w)
{
	struct html h = {&w->body};
	layout_begin(r, &h, msg(MSG_MY_ACCOUNT));
	html_printf(&h, "<h1>%s</h1>\n<p>%s: <strong>%s</strong> (%s)</p>\n", msg(MSG_MY_ACCOUNT),
		    msg(MSG_USERNAME), r->user->username, r->user->full_name);
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
	if (r->user->nrole)
		decisions_reminders(r, &h);
	layout_end(r, &h);
}

/* GET /assist?q=NAME — find a resident in my area to assist. */
void page_assist(struct req *r, struct resp *w)
{
	const char *root = auth_cap_root(r->user, CAP_ASSIST);
	if (!root) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *q = req_query(r, "q");
	struct html h = {&w->body};
	layout_begin(r, &h, msg(MSG_ASSIST_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_ASSIST_TITLE), msg(MSG_ASSIST_HELP));
	html_printf(&h, "<form method=\"get\" action=\"/assist\" role=\"search\">\n<label for=\"q\">%s</label>\n"
			"<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\">\n<button type=\"submit\">%s</button>\n</form>\n",
		    msg(MSG_RESIDENT_NAME), q ? q : "", msg(MSG_SEARCH_BUTTON));
	if (q && *q && strlen(q) < 200) {
		char *fold = str_fold(q);
		struct db_stmt *s = dbc_stmt(c, STMT_RESIDENT_SEARCH);
		/* every role with CAP_ASSIST is checked again on start; list the widest area */
		db_bind_text(s, 1, root);
		db_bind_text(s, 2, auth_path_hi(r, root));
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
			html_printf(&h, "<input type=\"hidden\" name=\"resident\" value=\"%lld\">"
					"<label><input type=\"checkbox\" name=\"present\" value=\"1\" required> %s</label> "
					"<button type=\"submit\">%s</button>",
				    (long long)db_col_i64(s, 0), msg(MSG_ASSIST_PRESENT), msg(MSG_ASSIST_START));
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
