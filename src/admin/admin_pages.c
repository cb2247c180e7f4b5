/*
 * admin_pages.c — the administration area: accounts (create, grant roles,
 * reset passwords, deactivate), household import by upload with the
 * all-or-nothing report, creating villages and agencies, and the holiday
 * table. Every action is limited to the acting user's units and recorded as
 * an event in the same transaction.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../disclosure/catalogue.h"
#include "../events/events.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GET /admin — what I can administer. */
void page_admin(struct req *r, struct resp *w)
{
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_ADMIN_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<ul class=\"menu\">\n", msg(MSG_ADMIN_TITLE));
	if (auth_has_cap(r->user, CAP_USERS))
		html_printf(&h, "<li><a href=\"/admin/users\">%s</a></li>\n<li><a href=\"/admin/outbox\">%s</a></li>\n",
			    msg(MSG_ADMIN_USERS), msg(MSG_NT_OUTBOX));
	if (auth_has_cap(r->user, CAP_IMPORT))
		html_printf(&h, "<li><a href=\"/admin/import\">%s</a></li>\n", msg(MSG_ADMIN_IMPORT));
	if (auth_has_cap(r->user, CAP_ASSIST))
		html_printf(&h, "<li><a href=\"/assist\">%s</a></li>\n", msg(MSG_ASSIST_TITLE));
	if (auth_has_cap(r->user, CAP_HOLIDAYS))
		html_printf(&h, "<li><a href=\"/admin/holidays\">%s</a></li>\n", msg(MSG_ADMIN_HOLIDAYS));
	if (auth_caps_own(r->user, "/") & CAP_DISCLOSE_ALL)
		html_printf(&h, "<li><a href=\"/admin/disclosure-items\">%s</a></li>\n", msg(MSG_ADMIN_CATALOGUE));
	html_lit(&h, "</ul>\n");
	html_printf(&h, "<h2>%s</h2>\n<ul>\n", msg(MSG_ADMIN_MY_UNITS));
	for (size_t i = 0; i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		if (*ro->unit_code) {
			html_lit(&h, "<li><a href=\"/units/");
			html_url_arg(&h, ro->unit_code);
			html_printf(&h, "\">%s</a> (%s)</li>\n", ro->unit_title, msg_role(ro->role));
		}
	}
	html_lit(&h, "</ul>\n");
	layout_end(r, &h);
}

/* ---- users ---- */

/* The role picker, the role typed kept, its problem beside it. */
static void role_select(struct html *h, const char *chosen, const struct problems *pr)
{
	html_printf(h, "<p><label for=\"f-role\">%s</label>\n<select id=\"f-role\" name=\"role\">", msg(MSG_ROLE));
	for (size_t i = 0; i < auth_nroles; i++)
		html_printf(h, "<option value=\"%s\"%s>%s</option>", auth_roles[i],
			    chosen && !strcmp(chosen, auth_roles[i]) ? " selected" : "", msg_role(auth_roles[i]));
	html_lit(h, "</select>");
	form_error(h, pr, "role");
	html_lit(h, "</p>\n");
}

/* The accounts page; pr (may be NULL) are the problems of a refused new account. */
static void users_page(struct req *r, struct resp *w, const struct problems *pr)
{
	const char *root;
	struct dbc *c = auth_cap_conn_or_respond(r, w, CAP_USERS, &root);
	if (!c)
		return;
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_ADMIN_USERS));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_ADMIN_USERS));
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_USER_CREATE));
	form_problems(&h, pr);
	form_begin(r, &h, "/admin/users", false);
	form_field(&h, &(struct form_field){.name = "username", .label = msg(MSG_USERNAME),
							.type = "text", .value = req_form(r, "username"), .required = true, .max = 40}, pr);
	form_field(&h, &(struct form_field){.name = "full_name", .label = msg(MSG_FULL_NAME),
							.type = "text", .value = req_form(r, "full_name"), .required = true, .max = 200}, pr);
	form_field(&h, &(struct form_field){.name = "password", .label = msg(MSG_PASSWORD_NEW), .type = "password",
					    .required = true, .autocomplete = "new-password"}, pr);
	role_select(&h, req_form(r, "role"), pr);
	form_field(&h, &(struct form_field){.name = "unit", .label = msg(MSG_UNIT_CODE),
							.type = "text", .value = req_form(r, "unit")}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_CREATE));
	form_end(&h);
	struct db_stmt *s = dbc_stmt(c, STMT_USER_LIST);
	if (strcmp(root, "/")) {
		db_bind_subtree(s, 1, 2, root);
	} else {
		db_bind_null(s, 1);
		db_bind_null(s, 2);
	}
	html_printf(&h, "<h2>%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_USER_LIST), msg(MSG_USERNAME), msg(MSG_FULL_NAME), msg(MSG_STATUS));
	bool row;
	while (!db_step(s, &row) && row) {
		html_printf(&h, "<tr><td><a href=\"/admin/users/%lld\">%s</a></td><td>%s</td><td>%s</td></tr>\n",
			    (long long)db_col_i64(s, 0), db_col_text(s, 1), db_col_text(s, 2),
			    db_col_i64(s, 3) ? msg(MSG_ACTIVE) : msg(MSG_INACTIVE));
	}
	db_reset(s);
	html_lit(&h, "</tbody>\n</table></div>\n");
	layout_end(r, &h);
}

/* GET /admin/users — accounts with a role in my area; the create form. */
void page_admin_users(struct req *r, struct resp *w)
{
	users_page(r, w, NULL);
}

struct user_job {
	const char *username, *full_name, *password, *role; /* input */
	int64_t unit_id;      /* 0 = country */
	int64_t actor;        /* who acts */
	int64_t on_behalf;    /* resident, if assisted */
	int64_t user_id;      /* out: new user, or target */
	int64_t now;          /* when (the request's instant) */
	int op;               /* 0 create, 1 grant, 2 revoke, 3 password, 4 deactivate, 5 activate */
};

static enum app_err user_fn(struct dbc *c, void *arg)
{
	struct user_job *j = arg;
	enum app_err e = APP_OK;
	struct db_stmt *s;
	const char *kind = "user.update";
	if (j->op == 0) {
		e = auth_user_add(c, j->username, j->full_name, j->password, 0, j->now, &j->user_id);
		kind = "user.create";
	}
	if (!e && (j->op == 0 || j->op == 1 || j->op == 2)) {
		e = j->op == 2 ? auth_role_revoke(c, j->user_id, j->role, j->unit_id)
			       : auth_role_grant(c, j->user_id, j->role, j->unit_id);
		if (j->op)
			kind = j->op == 1 ? "user.grant" : "user.revoke";
	}
	if (!e && j->op == 3) {
		e = auth_set_password(c, j->user_id, j->password, j->now);
		kind = "user.password_reset";
	}
	if (!e && (j->op == 4 || j->op == 5)) {
		e = db_run(c, STMT_USER_SET_ACTIVE, "ii", (int64_t)j->user_id, (int64_t)(j->op == 5));
		if (!e && j->op == 4) {
			/* a deactivated account keeps no session and no API token */
			s = dbc_stmt(c, STMT_SESSION_DELETE_USER);
			db_bind_i64(s, 1, j->user_id);
			e = db_exec(s);
			if (!e) { /* part of the deactivation: its event says so */
				e = db_run(c, STMT_TOKEN_REVOKE_USER, "ii", (int64_t)j->user_id, (int64_t)j->now);
			}
		}
		kind = j->op == 4 ? "user.deactivate" : "user.activate";
	}
	if (e)
		return e;
	char payload[160];
	snprintf(payload, sizeof payload, "{\"role\":\"%s\"}", j->role ? j->role : "");
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->unit_id,
			   .kind = kind, .about = "user", .about_id = j->user_id, .payload = j->role ? payload : NULL,
			   .at = j->now};
	return events_add(c, &ev, NULL);
}

/* Writes the account change when pr has no problem (else *e is APP_EINVAL,
 * or what the checks said); a conflict becomes field's problem. False after
 * answering a database error. */
static bool user_write(struct req *r, struct resp *w, struct user_job *j, struct problems *pr, enum app_err *e,
		       const char *field, enum msg_id conflict)
{
	if (!*e && pr->n)
		*e = APP_EINVAL;
	if (!*e && (*e = db_write(r->app->db, user_fn, j)) == APP_ECONFLICT)
		problems_add(pr, field, msg(conflict));
	if (*e && !pr->n) {
		http_send_error(r, w, *e, NULL);
		return false;
	}
	return true;
}

/* Resolves a role's unit from its code and checks the role fits the unit
 * kind and that the actor may grant it there. Adds its problem (field "role"
 * or "unit") to pr: APP_EINVAL, or APP_EFORBID outside the actor's area. */
static enum app_err check_grant(struct req *r, struct dbc *c, const char *role, const char *code,
				int64_t *unit_id, struct problems *pr)
{
	if (!auth_role_valid(role)) {
		problems_add(pr, "role", msg(MSG_ROLE_INVALID));
		return APP_EINVAL;
	}
	const char *kinds = auth_role_unit_kinds(role);
	const char *path = "/", *problem = NULL;
	*unit_id = 0;
	if (*kinds) {
		struct unit u;
		if (!code || !*code || units_get(r->a, c, code, &u))
			problem = msg(MSG_UNIT_NOT_FOUND);
		size_t kl = problem ? 0 : strlen(u.kind);
		bool fits = false;
		for (const char *p = problem ? NULL : strstr(kinds, u.kind); p && !fits; p = strstr(p + 1, u.kind))
			fits = (p == kinds || p[-1] == ',') && (p[kl] == ',' || p[kl] == '\0');
		if (!problem && !fits)
			problem = msg(MSG_ROLE_UNIT_MISMATCH);
		if (!problem) {
			*unit_id = u.id;
			path = u.path;
		}
	} else if (code && *code) {
		problem = msg(MSG_ROLE_UNIT_MISMATCH);
	}
	if (problem) {
		problems_add(pr, "unit", problem);
		return APP_EINVAL;
	}
	if (!auth_can_grant(r->user, role, path)) {
		problems_add(pr, "unit", msg(MSG_ERR_SCOPE));
		return APP_EFORBID;
	}
	return APP_OK;
}

/* POST /admin/users — username, full_name, password, role, unit, csrf. */
void page_admin_user_create(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct user_job j = {.op = 0, .actor = r->user->id, .on_behalf = auth_on_behalf(r), .now = time(NULL)};
	j.username = req_form(r, "username");
	j.full_name = req_form(r, "full_name");
	j.password = req_form(r, "password");
	j.role = req_form(r, "role");
	/* every problem at once, each beside its field */
	struct problems pr = {.a = r->a};
	char *name = NULL;
	if (!j.username || !auth_username_valid(j.username))
		problems_add(&pr, "username", msg(MSG_USERNAME_INVALID));
	if (!j.full_name || str_clean(j.full_name, strlen(j.full_name), &name) || !*name || strlen(name) > 200)
		problems_add(&pr, "full_name", msg(MSG_FULL_NAME_INVALID));
	if (!auth_password_valid(j.password))
		problems_add(&pr, "password", msg(MSG_PASSWORD_WEAK));
	enum app_err e = check_grant(r, c, j.role ? j.role : "", req_form(r, "unit"), &j.unit_id, &pr);
	if (name)
		j.full_name = arena_strdup(r->a, name);
	free(name);
	if (!user_write(r, w, &j, &pr, &e, "username", MSG_USERNAME_TAKEN))
		return;
	if (pr.n) {
		users_page(r, w, &pr);
		w->status = http_status_of(e);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/admin/users/%lld", (long long)j.user_id));
}

/* Loads a target user and checks that the actor may manage it. */
static enum app_err load_target(struct req *r, struct dbc *c, struct user **t)
{
	int64_t id;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id))
		return APP_ENOTFOUND;
	enum app_err e = auth_load_user(r, c, id, t);
	if (e == APP_ENOTFOUND) {
		/* inactive users are loadable for reactivation by country-level admins */
		struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_ID);
		db_bind_i64(s, 1, id);
		bool row;
		e = db_step(s, &row);
		if (!e && row) {
			struct user *u = arena_alloc(r->a, sizeof *u);
			u->id = id;
			u->username = arena_strdup(r->a, db_col_text(s, 1));
			u->full_name = arena_strdup(r->a, db_col_text(s, 2));
			*t = u;
		} else if (!e) {
			e = APP_ENOTFOUND;
		}
		db_reset(s);
		if (e)
			return e;
		return auth_caps_at(r->user, "/") & CAP_USERS ? APP_OK : APP_EFORBID;
	}
	if (e)
		return e;
	/* An account is managed only by someone who could have granted every
	 * role it holds: an officer manages residents and village heads of the
	 * commune, never the commune chair nor another officer. */
	if ((*t)->nrole == 0)
		return auth_caps_at(r->user, "/") & CAP_USERS ? APP_OK : APP_EFORBID;
	for (size_t i = 0; i < (*t)->nrole; i++)
		if (!auth_can_grant(r->user, (*t)->roles[i].role, (*t)->roles[i].unit_path))
			return APP_EFORBID;
	return APP_OK;
}

/* An account's page; pr (may be NULL) are the problems of a refused change. */
static void user_page(struct req *r, struct resp *w, struct user *t, const struct problems *pr)
{
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s: %s", msg(MSG_USER), t->username);
	layout_begin(r, &h, title);
	html_printf(&h, "<p><a href=\"/admin/users\">← %s</a></p>\n<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_ADMIN_USERS), title, t->full_name);
	form_problems(&h, pr);
	html_printf(&h, "<h2>%s</h2>\n<ul>\n", msg(MSG_MY_ROLES));
	const char *action = arena_printf(r->a, "/admin/users/%lld", (long long)t->id);
	for (size_t i = 0; i < t->nrole; i++) {
		html_printf(&h, "<li>%s — %s ", msg_role(t->roles[i].role),
			    *t->roles[i].unit_code ? t->roles[i].unit_title : msg(MSG_WHOLE_COUNTRY));
		form_begin(r, &h, action, false);
		form_hidden(&h, "op", "revoke");
		form_hidden(&h, "role", t->roles[i].role);
		form_hidden(&h, "unit", t->roles[i].unit_code);
		html_printf(&h, "<button type=\"submit\" class=\"link\">%s</button>", msg(MSG_REVOKE));
		form_end(&h);
		html_lit(&h, "</li>\n");
	}
	html_lit(&h, "</ul>\n");
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_GRANT_ROLE));
	form_begin(r, &h, action, false);
	form_hidden(&h, "op", "grant");
	bool granting = req_form(r, "op") && !strcmp(req_form(r, "op"), "grant");
	role_select(&h, granting ? req_form(r, "role") : NULL, pr);
	form_field(&h, &(struct form_field){.name = "unit", .label = msg(MSG_UNIT_CODE),
							.type = "text", .value = granting ? req_form(r, "unit") : NULL}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_GRANT_ROLE));
	form_end(&h);
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_PASSWORD_RESET));
	form_begin(r, &h, action, false);
	form_hidden(&h, "op", "password");
	form_field(&h, &(struct form_field){.name = "password", .label = msg(MSG_PASSWORD_NEW), .type = "password",
					    .required = true, .autocomplete = "new-password"}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_PASSWORD_RESET));
	form_end(&h);
	form_begin(r, &h, action, false);
	form_hidden(&h, "op", "deactivate");
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_DEACTIVATE));
	form_end(&h);
	struct dbc *c;
	if (!db_conn(r->app->db, &c))
		auth_tokens_section(r, &h, c, t->id, arena_printf(r->a, "/admin/users/%lld/tokens", (long long)t->id));
	layout_end(r, &h);
}

/* GET /admin/users/{id} */
void page_admin_user(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct user *t;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = load_target(r, c, &t);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	user_page(r, w, t, NULL);
}

/* POST /admin/users/{id} — op=grant|revoke (role, unit), op=password
 * (password), op=deactivate; csrf. */
void page_admin_user_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct user *t;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = load_target(r, c, &t);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	const char *op = req_form(r, "op");
	struct user_job j = {.actor = r->user->id, .user_id = t->id, .on_behalf = auth_on_behalf(r), .now = time(NULL)};
	struct problems pr = {.a = r->a};
	if (op && (!strcmp(op, "grant") || !strcmp(op, "revoke"))) {
		j.op = !strcmp(op, "grant") ? 1 : 2;
		j.role = req_form(r, "role");
		e = check_grant(r, c, j.role ? j.role : "", req_form(r, "unit"), &j.unit_id, &pr);
	} else if (op && !strcmp(op, "password")) {
		j.op = 3;
		j.password = req_form(r, "password");
		if (!auth_password_valid(j.password))
			problems_add(&pr, "password", msg(MSG_PASSWORD_WEAK));
	} else if (op && !strcmp(op, "deactivate")) {
		j.op = 4;
		if (t->id == r->user->id)
			problems_add(&pr, "", msg(MSG_CANNOT_SELF));
	} else {
		problems_add(&pr, "", msg(MSG_ERR_INVALID));
	}
	if (!user_write(r, w, &j, &pr, &e, "role", MSG_ROLE_EXISTS))
		return;
	if (pr.n) {
		user_page(r, w, t, &pr);
		w->status = http_status_of(e);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/admin/users/%lld", (long long)t->id));
}

/* POST /admin/users/{id}/tokens/{token}/revoke ({token} "all": every one);
 * by whoever may manage the account; csrf. */
void page_admin_user_token_revoke(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct user *t;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = load_target(r, c, &t);
	if (!e)
		e = auth_tokens_revoke_param(r, t->id, r->param[1]);
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : e == APP_ENOTFOUND ? msg(MSG_TOKEN_NOT_FOUND) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/admin/users/%lld#tokens", (long long)t->id));
}

/* ---- import ---- */

/* What can be uploaded in the admin area: households (officers), the
 * disclosure catalogue (system administrators). */
struct import_kind {
	enum msg_id title, help;
	const char *header, *action;
};
static const struct import_kind households_kind = {
	MSG_ADMIN_IMPORT, MSG_IMPORT_HELP, "Mã thôn,Mã hộ,Chủ hộ,Địa chỉ,Số nhân khẩu,Người đại diện,Điện thoại",
	"/admin/import"};
static const struct import_kind catalogue_kind = {
	MSG_ADMIN_CATALOGUE, MSG_ADMIN_CATALOGUE_HELP,
	"scope,number,title,legal_basis,forms,deadline_days,deadline_unit,min_days,permanent,radio_days,effective_from,confirmed",
	"/admin/disclosure-items"};

static void upload_page(struct req *r, struct resp *w, const struct import_kind *k, const struct import_report *rep,
			bool done)
{
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(k->title));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n<pre class=\"sample\" tabindex=\"0\">%s</pre>\n", msg(k->title), msg(k->help),
		    k->header);
	if (done)
		html_printf(&h, "<p class=\"ok\" role=\"status\">%s: %lld</p>\n", msg(MSG_IMPORT_DONE),
			    (long long)rep->applied);
	if (rep && rep->nproblem) {
		html_printf(&h, "<div class=\"error\" role=\"alert\"><p>%s</p>\n<div class=\"scroll\" tabindex=\"0\"><table>\n"
				"<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_IMPORT_REJECTED), msg(MSG_LINE), msg(MSG_FIELD), msg(MSG_REASON));
		for (size_t i = 0; i < rep->nproblem; i++)
			html_printf(&h, "<tr><td>%d</td><td>%s</td><td>%s</td></tr>\n", rep->problems[i].line,
				    rep->problems[i].field, rep->problems[i].reason);
		html_lit(&h, "</tbody>\n</table></div></div>\n");
	}
	form_begin(r, &h, k->action, true);
	form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_IMPORT_FILE), .type = "file",
					    .required = true, .accept = ".csv,text/csv"}, NULL);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_IMPORT_BUTTON));
	form_end(&h);
	layout_end(r, &h);
}

static void import_page(struct req *r, struct resp *w, const struct import_report *rep, bool done)
{
	upload_page(r, w, &households_kind, rep, done);
}

/* GET /admin/import */
void page_admin_import(struct req *r, struct resp *w)
{
	if (!auth_has_cap(r->user, CAP_IMPORT)) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	import_page(r, w, NULL, false);
}

struct import_job {
	const struct upload *f;      /* the file */
	const char *scope;           /* path limit, NULL = any */
	int64_t actor, on_behalf;    /* who */
	struct import_report *rep;   /* report */
	int64_t now;                 /* when */
};

static enum app_err import_fn(struct dbc *c, void *arg)
{
	struct import_job *j = arg;
	return households_import_csv(c, j->f->data, j->f->len, j->scope, j->actor, j->on_behalf, j->now, j->rep);
}

/* POST /admin/import — multipart: file (CSV), csrf. All or nothing. */
void page_admin_import_post(struct req *r, struct resp *w)
{
	const char *root = auth_cap_root(r->user, CAP_IMPORT);
	if (!root) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	struct import_report rep;
	import_report_init(&rep, r->a);
	const struct upload *f = req_file(r, "file");
	if (!f || !f->len) {
		import_problem(&rep, 0, "file", msg(MSG_IMPORT_EMPTY));
		import_page(r, w, &rep, false);
		w->status = 400;
		return;
	}
	/* Scope: a role may import only into villages it reaches. With several
	 * roles the widest is used; each line is checked against it. */
	struct import_job j = {f, strcmp(root, "/") ? root : NULL, r->user->id, auth_on_behalf(r), &rep, time(NULL)};
	enum app_err e = db_write(r->app->db, import_fn, &j);
	if (e == APP_EINVAL) {
		rep.applied = 0;
		import_page(r, w, &rep, false);
		w->status = 400;
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	import_page(r, w, &rep, true);
}

/* ---- units ---- */

struct unit_job {
	const struct unit *parent; /* where */
	const char *code, *kind, *name;
	int64_t actor, on_behalf, now;
	int64_t id;                /* out */
};

static enum app_err unit_fn(struct dbc *c, void *arg)
{
	struct unit_job *j = arg;
	enum app_err e = units_create(c, j->parent, j->code, j->kind, j->name, j->now, &j->id);
	if (e)
		return e;
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->id,
			   .kind = "unit.create", .about = "unit", .about_code = j->code, .public = true};
	return events_add(c, &ev, NULL);
}

/* POST /admin/units — parent, code, kind, name, csrf. */
void page_admin_units_create(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit parent;
	enum app_err e = db_conn(r->app->db, &c);
	if (!e)
		e = units_get(r->a, c, req_form(r, "parent") ? req_form(r, "parent") : "", &parent);
	if (!e && !(auth_caps_at(r->user, parent.path) & CAP_UNITS))
		e = APP_EFORBID;
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_ERR_SCOPE) : NULL);
		return;
	}
	/* every problem at once, shown on the parent's page beside its field */
	struct problems pr = {.a = r->a};
	char *name = NULL;
	const char *nm = req_form(r, "name");
	if (nm && str_clean(nm, strlen(nm), &name))
		name = NULL;
	struct unit_job j = {&parent, req_form(r, "code"), req_form(r, "kind"), name ? arena_strdup(r->a, name) : NULL,
			     r->user->id, auth_on_behalf(r), time(NULL), 0};
	free(name);
	if (units_create_check(&parent, j.code, j.kind, j.name, &pr))
		e = APP_EINVAL;
	if (!e && (e = db_write(r->app->db, unit_fn, &j)) == APP_ECONFLICT)
		problems_add(&pr, "code", msg(MSG_UNIT_CODE_TAKEN));
	if (pr.n) {
		units_page(r, w, parent.code, &pr);
		w->status = http_status_of(e);
		w->max_age = 0; /* an answer to this form, not the page */
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/units/%s", j.code));
}

/* ---- holidays ---- */

/* The holidays page; pr (may be NULL) are the problems of a refused day,
 * shown with what was typed. */
static void holidays_page(struct req *r, struct resp *w, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_ADMIN_HOLIDAYS));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_ADMIN_HOLIDAYS), msg(MSG_HOLIDAYS_HELP));
	form_problems(&h, pr);
	form_begin(r, &h, "/admin/holidays", false);
	form_hidden(&h, "op", "save");
	bool saving = pr && req_form(r, "op") && !strcmp(req_form(r, "op"), "save");
	form_field(&h, &(struct form_field){.name = "day", .label = msg(MSG_DATE), .type = "date",
					    .value = saving ? req_form(r, "day") : NULL, .required = true}, pr);
	form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_HOLIDAY_NAME), .type = "text",
					    .value = saving ? req_form(r, "name") : NULL, .required = true, .max = 90}, pr);
	const char *kind = saving ? req_form(r, "kind") : NULL;
	bool workday = kind && !strcmp(kind, "workday");
	html_printf(&h, "<p><label for=\"f-kind\">%s</label>\n<select id=\"f-kind\" name=\"kind\"><option value=\"holiday\">%s</option>"
			"<option value=\"workday\"%s>%s</option></select>",
		    msg(MSG_HOLIDAY_KIND), msg(MSG_HOLIDAY), workday ? " selected" : "", msg(MSG_WORKDAY));
	form_error(&h, pr, "kind");
	html_printf(&h, "</p>\n<p><button type=\"submit\">%s</button></p>\n", msg(MSG_SAVE));
	form_end(&h);
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_DATE), msg(MSG_HOLIDAY_NAME), msg(MSG_HOLIDAY_KIND), msg(MSG_ACTION));
	struct db_stmt *s = dbc_stmt(c, STMT_HOLIDAY_LIST);
	bool row;
	while (!db_step(s, &row) && row) {
		int64_t day;
		char vn[11] = "";
		if (cal_parse_date(db_col_text(s, 0), &day))
			cal_format_vn(day, vn);
		html_printf(&h, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", vn, db_col_text(s, 1),
			    !strcmp(db_col_text(s, 2), "workday") ? msg(MSG_WORKDAY) : msg(MSG_HOLIDAY));
		form_begin(r, &h, "/admin/holidays", false);
		form_hidden(&h, "op", "delete");
		form_hidden(&h, "day", db_col_text(s, 0));
		html_printf(&h, "<button type=\"submit\" class=\"link\">%s</button>", msg(MSG_DELETE));
		form_end(&h);
		html_lit(&h, "</td></tr>\n");
	}
	db_reset(s);
	html_lit(&h, "</tbody>\n</table></div>\n");
	layout_end(r, &h);
}

/* GET /admin/holidays */
void page_admin_holidays(struct req *r, struct resp *w)
{
	if (!auth_has_cap(r->user, CAP_HOLIDAYS)) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	holidays_page(r, w, NULL);
}

struct holiday_job {
	const char *day, *name, *kind; /* kind NULL = delete */
	int64_t actor;
};

static enum app_err holiday_fn(struct dbc *c, void *arg)
{
	struct holiday_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, j->kind ? STMT_HOLIDAY_UPSERT : STMT_HOLIDAY_DELETE);
	db_bind_text(s, 1, j->day);
	if (j->kind) {
		db_bind_text(s, 2, j->name);
		db_bind_text(s, 3, j->kind);
	}
	enum app_err e = db_exec(s);
	if (e)
		return e;
	struct event ev = {.actor = j->actor, .kind = j->kind ? "holiday.save" : "holiday.delete",
			   .about = "holiday", .about_code = j->day, .public = true};
	return events_add(c, &ev, NULL);
}

/* POST /admin/holidays — op=save (day, name, kind) or op=delete (day); csrf. */
void page_admin_holidays_post(struct req *r, struct resp *w)
{
	if (!auth_has_cap(r->user, CAP_HOLIDAYS)) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return;
	}
	/* every problem at once, each beside its field */
	struct problems pr = {.a = r->a};
	const char *op = req_form(r, "op"), *day = req_form(r, "day");
	bool save = op && !strcmp(op, "save");
	if (!save && !(op && !strcmp(op, "delete")))
		problems_add(&pr, "", msg(MSG_ERR_INVALID));
	int64_t d = 0;
	if (!day || !cal_parse_date(day, &d))
		problems_add(&pr, "day", msg(MSG_DATE_INVALID));
	char iso[11];
	cal_format_iso(d, iso);
	struct holiday_job j = {iso, NULL, NULL, r->user->id};
	if (save) {
		char *name = NULL;
		const char *kind = req_form(r, "kind"), *nm = req_form(r, "name");
		if (!nm || str_clean(nm, strlen(nm), &name) || !*name || strlen(name) > 90)
			problems_add(&pr, "name", msg(MSG_HOLIDAY_NAME_INVALID));
		if (!kind || (strcmp(kind, "holiday") && strcmp(kind, "workday")))
			problems_add(&pr, "kind", msg(MSG_HOLIDAY_KIND_INVALID));
		j.name = name ? arena_strdup(r->a, name) : NULL;
		j.kind = kind;
		free(name);
	}
	if (pr.n) {
		holidays_page(r, w, &pr);
		w->status = 400;
		return;
	}
	enum app_err e = db_write(r->app->db, holiday_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, "/admin/holidays");
}

/* ---- the disclosure catalogue (system administrators: it is the law's) ---- */

static bool catalogue_admin(struct req *r, struct resp *w)
{
	if (!(auth_caps_own(r->user, "/") & CAP_DISCLOSE_ALL)) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return false;
	}
	return true;
}

/* GET /admin/disclosure-items */
void page_admin_catalogue(struct req *r, struct resp *w)
{
	if (catalogue_admin(r, w))
		upload_page(r, w, &catalogue_kind, NULL, false);
}

struct catalogue_job {
	const struct upload *f;
	struct import_report *rep;
	int64_t actor, on_behalf, now, added;
};

static enum app_err catalogue_job_fn(struct dbc *c, void *arg)
{
	struct catalogue_job *j = arg;
	return catalogue_amend(c, j->f->data, j->f->len, j->rep, j->actor, j->on_behalf, j->now, &j->added);
}

/* POST /admin/disclosure-items — a CSV of rules effective from a date; all or
 * nothing, every problem reported; history is never rewritten. */
void page_admin_catalogue_post(struct req *r, struct resp *w)
{
	if (!catalogue_admin(r, w))
		return;
	struct import_report rep;
	import_report_init(&rep, r->a);
	const struct upload *f = req_file(r, "file");
	struct catalogue_job j = {f, &rep, r->user->id, auth_on_behalf(r), time(NULL), 0};
	enum app_err e = f && f->len ? db_write(r->app->db, catalogue_job_fn, &j) : APP_EINVAL;
	if (!f || !f->len)
		import_problem(&rep, 0, "file", msg(MSG_IMPORT_EMPTY));
	if (e == APP_EINVAL) {
		upload_page(r, w, &catalogue_kind, &rep, false);
		w->status = 400;
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	rep.applied = j.added;
	upload_page(r, w, &catalogue_kind, &rep, true);
}
