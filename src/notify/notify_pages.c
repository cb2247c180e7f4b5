/*
 * notify_pages.c — the pages of notifications (issue #14): a person's
 * messages and choices (/me/notifications), the opt-out link
 * (/notify/stop/{token}), the administrators' outbox (/admin/outbox: the
 * messages with numbers masked, a message's attempts, retry and cancel),
 * the gateways and the templates with their SMS segments, and the webhooks
 * gateways call (/hooks/sms/{gateway}, /hooks/delivery/{gateway}).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../pages.h"
#include "../units/units.h"
#include "../util/problems.h"
#include "../util/str.h"
#include "notify.h"
#include "notify_pages.h"
#include <jansson.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOTIFY_SHOWN 100
#define OUTBOX_PAGE 50

/* ---- a person's messages and choices ---- */

static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static const enum msg_id channel_names[] = {MSG_NT_CH_SMS, MSG_NT_CH_ZALO, MSG_NT_CH_EMAIL};
static const enum msg_id topic_names[] = {MSG_NT_TOPIC_VILLAGE, MSG_NT_TOPIC_COMMUNE, MSG_NT_TOPIC_CASES,
					  MSG_NT_TOPIC_REMINDERS};

/* Checkboxes of a list (channels or topics), those in chosen ticked. */
static void checks(struct html *h, const char *name, const char *const *words, const enum msg_id *labels,
		   const char *chosen, const char *legend, const struct problems *pr)
{
	html_printf(h, "<fieldset><legend>%s</legend>\n", legend);
	for (int i = 0; words[i]; i++)
		html_printf(h, "<p><label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label></p>\n", name,
			    words[i], has_word(chosen, words[i]) ? " checked" : "", msg(labels[i]));
	form_error(h, pr, name);
	html_lit(h, "</fieldset>\n");
}

static void prefs_form(struct req *r, struct html *h, const struct notify_prefs *p, const struct problems *pr)
{
	html_printf(h, "<section aria-labelledby=\"prefs\"><h2 id=\"prefs\">%s</h2>\n", msg(MSG_NT_PREFS));
	if (p->opted_out)
		html_printf(h, "<p class=\"notice\">%s</p>\n", msg(MSG_NT_OPTED_OUT_NOTE));
	html_printf(h, "<p>%s</p>\n", msg(MSG_NT_PREFS_HELP));
	form_problems(h, pr);
	form_begin(r, h, "/me/notifications", false);
	form_hidden(h, "op", "prefs");
	checks(h, "channels", notify_channels, channel_names, p->channels, msg(MSG_NT_CHANNELS), pr);
	checks(h, "topics", notify_topics, topic_names, p->topics, msg(MSG_NT_TOPICS), pr);
	const char *hint = *p->registry_phone
				   ? arena_printf(r->a, "%s %s", msg(MSG_NT_PHONE_REGISTRY), p->registry_phone)
				   : msg(MSG_NT_PHONE_HINT);
	form_field(h, &(struct form_field){.name = "phone", .label = msg(MSG_NT_PHONE), .type = "tel", .value = p->phone,
					   .hint = hint, .max = 20, .autocomplete = "tel"}, pr);
	form_field(h, &(struct form_field){.name = "email", .label = msg(MSG_NT_EMAIL), .type = "email", .value = p->email,
					   .max = 200, .autocomplete = "email"}, pr);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_SAVE));
	form_end(h);
	html_lit(h, "</section>\n");
}

/* The body of an in-app message: {link} becomes a link to its page. */
static void body_with_link(struct html *h, const char *body, const char *href)
{
	const char *p = strstr(body, "{link}");
	if (!p) {
		html_text(h, body);
		return;
	}
	html_textn(h, body, (size_t)(p - body));
	if (*href)
		html_printf(h, "<a href=\"%s\">%s</a>", href, msg(MSG_NT_OPEN));
	html_text(h, p + 6);
}

static void notifications_page(struct req *r, struct resp *w, struct notify_prefs *typed, const struct problems *pr)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct notification *v;
	size_t n = 0;
	int64_t unread = 0;
	struct notify_prefs p;
	enum app_err e = notify_list(r->a, c, r->user->id, NOTIFY_SHOWN, &v, &n);
	if (!e)
		e = notify_unread(c, r->user->id, &unread);
	if (!e)
		e = notify_prefs_get(r->a, c, r->user->id, &p);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	if (typed) {
		typed->registry_phone = p.registry_phone;
		typed->opted_out = p.opted_out;
		p = *typed;
	}
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_TITLE));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/me\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_MY_ACCOUNT), msg(MSG_NT_TITLE));
	if (req_query(r, "saved"))
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s</p>\n", msg(MSG_NT_PREFS_SAVED));
	html_printf(&h, "<p>%lld %s</p>\n", (long long)unread, msg(MSG_NT_UNREAD));
	if (unread) {
		form_begin(r, &h, "/me/notifications", false);
		form_hidden(&h, "op", "read");
		html_printf(&h, "<p><button type=\"submit\" class=\"secondary\">%s</button></p>", msg(MSG_NT_MARK_READ));
		form_end(&h);
	}
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_NT_NONE));
	html_lit(&h, "<ul class=\"tasks\">\n");
	for (size_t i = 0; i < n; i++) {
		char when[MSG_TIME_LEN];
		msg_time((long long)v[i].at, when);
		if (v[i].read_at)
			html_lit(&h, "<li>");
		else
			html_lit(&h, "<li class=\"unread\">");
		if (*v[i].href)
			html_printf(&h, "<a href=\"%s\">%s</a>", v[i].href, v[i].title);
		else
			html_text(&h, v[i].title);
		html_lit(&h, "<br><span class=\"what\">");
		body_with_link(&h, v[i].body, v[i].href);
		html_printf(&h, "</span><br><span class=\"meta\">%s", when);
		if (!v[i].read_at)
			html_printf(&h, " · <strong>%s</strong>", msg(MSG_NT_NEW));
		html_lit(&h, "</span></li>\n");
	}
	html_lit(&h, "</ul>\n");
	prefs_form(r, &h, &p, pr);
	layout_end(r, &h);
}

/* GET /me/notifications */
void page_notifications(struct req *r, struct resp *w)
{
	notifications_page(r, w, NULL, NULL);
}

struct prefs_job {
	int64_t user, now;
	struct notify_prefs *p;
};

static enum app_err read_fn(struct dbc *c, void *arg)
{
	struct prefs_job *j = arg;
	return notify_read_all(c, j->user, j->now);
}

static enum app_err prefs_fn(struct dbc *c, void *arg)
{
	struct prefs_job *j = arg;
	return notify_prefs_set(c, j->user, j->p, j->now);
}

/* The ticked values of a repeated checkbox, space-separated. */
static const char *ticked(struct req *r, const char *name)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].k, name) && *r->form[i].v) {
			if (b.n)
				buf_putc(&b, ' ');
			buf_puts(&b, r->form[i].v);
		}
	buf_putc(&b, 0);
	const char *s = arena_strdup(r->a, b.p);
	buf_reset(&b);
	return s;
}

/* POST /me/notifications — op=read marks them all read; op=prefs saves the
 * choices (channels, topics, phone, email); csrf. */
void page_notifications_post(struct req *r, struct resp *w)
{
	const char *op = req_form(r, "op");
	struct prefs_job j = {r->user->id, (int64_t)time(NULL), NULL};
	if (op && !strcmp(op, "prefs")) {
		struct dbc *c = app_conn_or_respond(r, w);
		if (!c)
			return;
		struct notify_prefs cur, p = {0};
		enum app_err e = notify_prefs_get(r->a, c, r->user->id, &cur);
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		const char *phone = req_form(r, "phone"), *email = req_form(r, "email");
		p.channels = ticked(r, "channels");
		p.topics = ticked(r, "topics");
		p.phone = phone ? phone : "";
		p.email = email ? email : "";
		p.registry_phone = cur.registry_phone;
		struct problems pr = {.a = r->a};
		notify_prefs_check(r->a, &p, &pr);
		if (pr.n) {
			notifications_page(r, w, &p, &pr);
			w->status = 400;
			return;
		}
		j.p = &p;
		e = db_write(r->app->db, prefs_fn, &j);
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		http_redirect(r, w, "/me/notifications?saved=1");
		return;
	}
	enum app_err e = db_write(r->app->db, read_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, "/me/notifications");
}

/* The unread count as a task on /me (module.h). */
enum app_err notify_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	(void)now;
	int64_t unread = 0;
	enum app_err e = r->user ? notify_unread(c, r->user->id, &unread) : APP_OK;
	if (!e && unread)
		module_task_add(out, &(struct module_task){"/me/notifications", arena_printf(r->a, "%lld %s", (long long)unread,
													 msg(MSG_NT_UNREAD)),
							    msg(MSG_NT_TITLE), msg(MSG_NT_READ_THEM), 0, false});
	return e;
}

/* ---- the opt-out link ---- */

/* The message a link's token names; false after answering 404. */
static bool stop_target(struct req *r, struct resp *w, struct dbc *c, struct outbox_row *m)
{
	int64_t id;
	if (!notify_stop_check(notify_key(), r->param[0], &id) || notify_outbox_get(r->a, c, id, m) || !*m->address) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_NT_STOP_BAD));
		return false;
	}
	return true;
}

/* GET /notify/stop/{token} — what opting out means, and the button. */
void page_notify_stop(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	struct outbox_row m;
	if (!c || !stop_target(r, w, c, &m))
		return;
	char masked[STR_MASK_LEN];
	str_mask(m.address, masked);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_STOP_TITLE));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_NT_STOP_TITLE));
	if (req_query(r, "done")) {
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s %s.</p>\n<p>%s</p>\n", msg(MSG_NT_STOP_DONE), masked,
			    msg(MSG_NT_STOP_AGAIN));
	} else {
		html_printf(&h, "<p>%s <strong>%s</strong>.</p>\n", msg(MSG_NT_STOP_WHAT), masked);
		form_begin(r, &h, r->path, false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_NT_STOP_BUTTON));
		form_end(&h);
	}
	layout_end(r, &h);
}

struct stop_job {
	const char *address;
	int64_t now;
};

static enum app_err stop_fn(struct dbc *c, void *arg)
{
	struct stop_job *j = arg;
	return notify_opt_out(c, j->address, "link", j->now);
}

/* POST /notify/stop/{token}; csrf. */
void page_notify_stop_post(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	struct outbox_row m;
	if (!c || !stop_target(r, w, c, &m))
		return;
	struct stop_job j = {m.address, (int64_t)time(NULL)};
	enum app_err e = db_write(r->app->db, stop_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "%s?done=1", r->path));
}

/* ---- the outbox for administrators ---- */

/* Which provinces the person administers: *all for the whole country, else
 * the province's code in *province; false after answering 403. */
static bool outbox_scope(struct req *r, struct resp *w, bool *all, const char **province)
{
	*all = false;
	*province = NULL;
	for (size_t i = 0; i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		if (!(auth_caps_own(r->user, ro->unit_path) & CAP_USERS))
			continue;
		if (!strcmp(ro->unit_path, "/"))
			*all = true;
		else if (!*province) {
			const char *p = ro->unit_path + 1, *e = strchr(p, '/');
			*province = e ? arena_strndup(r->a, p, (size_t)(e - p)) : NULL;
		}
	}
	if (!*all && !*province) {
		http_send_error(r, w, APP_EFORBID, NULL);
		return false;
	}
	return true;
}

static const char *status_name(const char *s)
{
	return !strcmp(s, "waiting")     ? msg(MSG_NT_ST_WAITING)
	       : !strcmp(s, "sent")      ? msg(MSG_NT_ST_SENT)
	       : !strcmp(s, "delivered") ? msg(MSG_NT_ST_DELIVERED)
	       : !strcmp(s, "failed")    ? msg(MSG_NT_ST_FAILED)
	       : !strcmp(s, "cancelled") ? msg(MSG_NT_ST_CANCELLED)
					 : s;
}

static const char *channel_name(const char *c)
{
	return !strcmp(c, "sms") ? msg(MSG_NT_CH_SMS) : !strcmp(c, "zalo") ? msg(MSG_NT_CH_ZALO)
		: !strcmp(c, "email") ? msg(MSG_NT_CH_EMAIL) : msg(MSG_NT_CH_INAPP);
}

static void outbox_nav(struct html *h)
{
	html_printf(h, "<p><a href=\"/admin/outbox\">%s</a> · <a href=\"/admin/outbox/gateways\">%s</a> · "
		       "<a href=\"/admin/outbox/templates\">%s</a></p>\n",
		    msg(MSG_NT_OUTBOX), msg(MSG_NT_GATEWAYS), msg(MSG_NT_TEMPLATES));
}

static const char *const statuses[] = {"waiting", "sent", "delivered", "failed", "cancelled", NULL};

/* GET /admin/outbox — ?status= ?channel= ?before= (paging) */
void page_admin_outbox(struct req *r, struct resp *w)
{
	bool all;
	const char *province;
	if (!outbox_scope(r, w, &all, &province))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct outbox_filter f = {req_query(r, "status"), req_query(r, "channel"), all ? req_query(r, "province") : province,
				  0, OUTBOX_PAGE};
	const char *before = req_query(r, "before");
	if (before && str_to_i64(before, 1, INT64_MAX, &f.before)) {
		http_send_error(r, w, APP_EINVAL, NULL);
		return;
	}
	struct outbox_row *v;
	size_t n;
	enum app_err e = notify_outbox(r->a, c, &f, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_OUTBOX));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/admin\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_ADMIN_TITLE), msg(MSG_NT_OUTBOX));
	outbox_nav(&h);
	html_printf(&h, "<p>%s</p>\n", msg(MSG_NT_OUTBOX_HELP));
	html_printf(&h, "<form method=\"get\" action=\"/admin/outbox\" class=\"filters\"><p><label for=\"f-status\">%s</label>"
			" <select id=\"f-status\" name=\"status\"><option value=\"\">%s</option>",
		    msg(MSG_NT_STATUS), msg(MSG_NT_ANY));
	for (int i = 0; statuses[i]; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", statuses[i],
			    str_eq(f.status, statuses[i]) ? " selected" : "", status_name(statuses[i]));
	html_printf(&h, "</select> <label for=\"f-channel\">%s</label> <select id=\"f-channel\" name=\"channel\"><option value=\"\">%s</option>",
		    msg(MSG_NT_CHANNEL), msg(MSG_NT_ANY));
	for (int i = 0; notify_channels[i]; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", notify_channels[i],
			    str_eq(f.channel, notify_channels[i]) ? " selected" : "", channel_name(notify_channels[i]));
	html_printf(&h, "</select> <button type=\"submit\">%s</button></p></form>\n", msg(MSG_NT_FILTER));
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_NT_OUTBOX_EMPTY));
	else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_NT_MESSAGE), msg(MSG_NT_CHANNEL), msg(MSG_NT_TO), msg(MSG_NT_STATUS), msg(MSG_NT_ATTEMPTS),
			    msg(MSG_NT_CREATED));
		for (size_t i = 0; i < n; i++) {
			char masked[STR_MASK_LEN], when[MSG_TIME_LEN];
			str_mask(v[i].address, masked);
			msg_time((long long)v[i].created_at, when);
			html_printf(&h, "<tr><td><a href=\"/admin/outbox/%lld\">%s</a><br><span class=\"meta\">%s</span></td>"
					"<td>%s</td><td>%s</td><td>%s</td><td>%lld</td><td>%s</td></tr>\n",
				    (long long)v[i].id, *v[i].title ? v[i].title : v[i].kind, v[i].kind,
				    channel_name(v[i].channel), masked, status_name(v[i].status), (long long)v[i].attempts, when);
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
		if (n == OUTBOX_PAGE) {
			html_lit(&h, "<p><a href=\"/admin/outbox?before=");
			html_i64(&h, v[n - 1].id);
			if (f.status && *f.status) {
				html_lit(&h, "&amp;status=");
				html_url_arg(&h, f.status);
			}
			if (f.channel && *f.channel) {
				html_lit(&h, "&amp;channel=");
				html_url_arg(&h, f.channel);
			}
			html_printf(&h, "\">%s</a></p>\n", msg(MSG_NT_OLDER));
		}
	}
	layout_end(r, &h);
}

/* A message the person may see; false after answering. */
static bool outbox_message(struct req *r, struct resp *w, struct dbc *c, struct outbox_row *m)
{
	bool all;
	const char *province;
	int64_t id;
	if (!outbox_scope(r, w, &all, &province))
		return false;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id) || notify_outbox_get(r->a, c, id, m) ||
	    !strcmp(m->channel, "inapp") || (!all && strcmp(m->province, province))) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return false;
	}
	return true;
}

/* GET /admin/outbox/{id} — a message (address masked), its attempts, retry and cancel. */
void page_admin_outbox_msg(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	struct outbox_row m;
	if (!c || !outbox_message(r, w, c, &m))
		return;
	struct outbox_attempt *at;
	size_t n;
	enum app_err e = notify_attempts(r->a, c, m.id, &at, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	char masked[STR_MASK_LEN], created[MSG_TIME_LEN], due[MSG_TIME_LEN];
	str_mask(m.address, masked);
	const char *title = arena_printf(r->a, "%s #%lld", msg(MSG_NT_MESSAGE), (long long)m.id);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/admin\">%s</a></li>"
			"<li><a href=\"/admin/outbox\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_ADMIN_TITLE), msg(MSG_NT_OUTBOX), title);
	if (req_query(r, "done"))
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s</p>\n", msg(MSG_NT_CHANGED));
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
			"<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%lld</dd>",
		    msg(MSG_NT_KIND), m.kind, msg(MSG_NT_CHANNEL), channel_name(m.channel), msg(MSG_NT_TO), masked,
		    msg(MSG_NT_STATUS), status_name(m.status), msg(MSG_NT_CREATED), msg_time((long long)m.created_at, created),
		    msg(MSG_NT_ATTEMPTS), (long long)m.attempts);
	if (!strcmp(m.status, "waiting"))
		html_printf(&h, "<dt>%s</dt><dd>%s</dd>", msg(MSG_NT_DUE), msg_time((long long)m.due_at, due));
	if (*m.last_error)
		html_printf(&h, "<dt>%s</dt><dd><code>%s</code></dd>", msg(MSG_NT_LAST_ANSWER), m.last_error);
	if (*m.gateway_ref)
		html_printf(&h, "<dt>%s</dt><dd><code>%s</code></dd>", msg(MSG_NT_GATEWAY_REF), m.gateway_ref);
	html_lit(&h, "</dl>\n");
	html_printf(&h, "<h2>%s</h2>\n<pre class=\"message\">", msg(MSG_NT_TEXT));
	html_text(&h, m.body);
	html_lit(&h, "</pre>\n");
	if (!strcmp(m.channel, "sms")) {
		bool ucs2;
		size_t units;
		int seg = notify_sms_segments(m.body, &ucs2, &units);
		html_printf(&h, "<p class=\"meta\">%d %s (%zu %s, %s)</p>\n", seg, msg(MSG_NT_SEGMENTS), units,
			    msg(MSG_NT_CHARS), ucs2 ? msg(MSG_NT_UCS2) : msg(MSG_NT_GSM7));
	}
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_NT_ATTEMPTS));
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_NT_NO_ATTEMPT));
	else {
		html_lit(&h, "<ol>\n");
		for (size_t i = 0; i < n; i++) {
			char t[MSG_TIME_LEN];
			html_printf(&h, "<li>%s — %s: <code>%s</code></li>\n", msg_time((long long)at[i].at, t),
				    at[i].ok ? msg(MSG_NT_ATTEMPT_OK) : msg(MSG_NT_ATTEMPT_BAD), at[i].answer);
		}
		html_lit(&h, "</ol>\n");
	}
	bool retry = !strcmp(m.status, "failed") || !strcmp(m.status, "cancelled") || !strcmp(m.status, "waiting");
	if (retry) {
		form_begin(r, &h, arena_printf(r->a, "/admin/outbox/%lld", (long long)m.id), false);
		form_hidden(&h, "op", "retry");
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_NT_RETRY));
		form_end(&h);
	}
	if (!strcmp(m.status, "waiting")) {
		form_begin(r, &h, arena_printf(r->a, "/admin/outbox/%lld", (long long)m.id), false);
		form_hidden(&h, "op", "cancel");
		html_printf(&h, "<p><button type=\"submit\" class=\"secondary\">%s</button></p>", msg(MSG_NT_CANCEL));
		form_end(&h);
	}
	layout_end(r, &h);
}

struct change_job {
	int64_t id, now;
	bool cancel;
};

static enum app_err change_fn(struct dbc *c, void *arg)
{
	struct change_job *j = arg;
	return j->cancel ? notify_cancel(c, j->id, j->now) : notify_retry(c, j->id, j->now);
}

/* POST /admin/outbox/{id} — op=retry|cancel; csrf. */
void page_admin_outbox_post(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	struct outbox_row m;
	if (!c || !outbox_message(r, w, c, &m))
		return;
	const char *op = req_form(r, "op");
	if (!op || (strcmp(op, "retry") && strcmp(op, "cancel"))) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_ERR_INVALID));
		return;
	}
	struct change_job j = {m.id, (int64_t)time(NULL), !strcmp(op, "cancel")};
	enum app_err e = db_write(r->app->db, change_fn, &j);
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_NT_CANNOT_CHANGE) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/admin/outbox/%lld?done=1", (long long)m.id));
}

/* ---- gateways ---- */

static void gateways_page(struct req *r, struct resp *w, const struct problems *pr)
{
	bool all;
	const char *province;
	if (!outbox_scope(r, w, &all, &province))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	notify_gateways_reload(c, false);
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_GATEWAYS));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/admin\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_ADMIN_TITLE), msg(MSG_NT_GATEWAYS));
	outbox_nav(&h);
	html_printf(&h, "<p>%s</p>\n", msg(MSG_NT_GATEWAYS_HELP));
	const struct notify_gateway *g;
	size_t n = notify_gateways_all(&g);
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_NT_PROVINCE), msg(MSG_NT_CHANNEL), msg(MSG_NT_GATEWAY_NAME), msg(MSG_NT_GATEWAY_TYPE),
		    msg(MSG_NT_GATEWAY_SECRET));
	for (size_t i = 0; i < n; i++) {
		if (!all && strcmp(g[i].province, province) && strcmp(g[i].province, "*"))
			continue;
		html_printf(&h, "<tr><td>%s</td><td>%s</td><td><code>%s</code></td><td>%s%s%s</td><td>%s</td></tr>\n",
			    !strcmp(g[i].province, "*") ? msg(MSG_NT_ALL_PROVINCES) : g[i].province,
			    channel_name(g[i].channel), g[i].name, g[i].type, g[i].unicode ? " · " : "",
			    g[i].unicode ? msg(MSG_NT_UCS2) : "", *g[i].secret ? msg(MSG_NT_SECRET_SET) : msg(MSG_NT_SECRET_NONE));
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_NT_GATEWAY_SET));
	form_problems(&h, pr);
	form_begin(r, &h, "/admin/outbox/gateways", false);
	form_field(&h, &(struct form_field){.name = "province", .label = msg(MSG_NT_PROVINCE), .type = "text",
					    .value = pr ? req_form(r, "province") : (all ? "*" : province),
					    .hint = msg(MSG_NT_PROVINCE_HINT), .required = true, .max = 10}, pr);
	const char *ch = pr ? req_form(r, "channel") : NULL;
	html_printf(&h, "<p><label for=\"f-channel\">%s</label>\n<select id=\"f-channel\" name=\"channel\">", msg(MSG_NT_CHANNEL));
	for (int i = 0; notify_channels[i]; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", notify_channels[i],
			    str_eq(ch, notify_channels[i]) ? " selected" : "", channel_name(notify_channels[i]));
	html_lit(&h, "</select>");
	form_error(&h, pr, "channel");
	html_lit(&h, "</p>\n");
	form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_NT_GATEWAY_NAME), .type = "text",
					    .value = pr ? req_form(r, "name") : NULL, .hint = msg(MSG_NT_GATEWAY_NAME_HINT),
					    .required = true, .max = 40}, pr);
	form_field(&h, &(struct form_field){.name = "config", .label = msg(MSG_NT_GATEWAY_CONFIG), .type = "textarea",
					    .value = pr ? req_form(r, "config") : NULL, .hint = msg(MSG_NT_GATEWAY_CONFIG_HINT),
					    .required = true, .max = 8000}, pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_SAVE));
	form_end(&h);
	layout_end(r, &h);
}

/* GET /admin/outbox/gateways */
void page_admin_gateways(struct req *r, struct resp *w)
{
	gateways_page(r, w, NULL);
}

struct gw_job {
	const char *province, *channel, *name, *config;
	int64_t now, by;
};

static enum app_err gw_fn(struct dbc *c, void *arg)
{
	struct gw_job *j = arg;
	return notify_gateway_set(c, j->province, j->channel, j->name, j->config, j->now, j->by);
}

/* POST /admin/outbox/gateways — province (or *), channel, name, config (JSON); csrf. */
void page_admin_gateways_post(struct req *r, struct resp *w)
{
	bool all;
	const char *province;
	if (!outbox_scope(r, w, &all, &province))
		return;
	struct problems pr = {.a = r->a};
	const char *pv = req_form(r, "province"), *ch = req_form(r, "channel"), *name = req_form(r, "name"),
		   *config = req_form(r, "config");
	if (!pv || (!all && strcmp(pv, province)) || (strcmp(pv, "*") && (strlen(pv) > 4 || !*pv || strspn(pv, "0123456789") != strlen(pv))))
		problems_add(&pr, "province", msg(MSG_NT_BAD_PROVINCE));
	bool known = false;
	for (int i = 0; ch && notify_channels[i]; i++)
		known |= !strcmp(ch, notify_channels[i]);
	if (!known)
		problems_add(&pr, "channel", msg(MSG_ERR_INVALID));
	if (!name || !*name || strlen(name) > 40 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(name))
		problems_add(&pr, "name", msg(MSG_NT_BAD_GATEWAY_NAME));
	const char *why = NULL;
	struct notify_gateway g;
	if (!config || !*config)
		problems_add(&pr, "config", msg(MSG_NT_GW_JSON));
	else if (known && pv && name && notify_gateway_parse(r->a, pv, ch, name, config, &g, &why))
		problems_add(&pr, "config", why);
	if (pr.n) {
		gateways_page(r, w, &pr);
		w->status = 400;
		return;
	}
	struct gw_job j = {pv, ch, name, config, (int64_t)time(NULL), r->user->id};
	enum app_err e = db_write(r->app->db, gw_fn, &j);
	if (e == APP_ECONFLICT) {
		problems_add(&pr, "name", msg(MSG_NT_GATEWAY_NAME_TAKEN));
		gateways_page(r, w, &pr);
		w->status = 400;
		return;
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct dbc *c;
	if (!db_conn(r->app->db, &c) && !dbc_begin_read(c)) {
		notify_gateways_reload(c, true);
		dbc_end_read(c);
	}
	http_redirect(r, w, "/admin/outbox/gateways");
}

/* ---- templates ---- */

/* What a {name} shows in the preview. */
static const char *sample(const char *name)
{
	static const struct {
		const char *name, *value;
	} v[] = {{"village", "Thôn Đông Xuyên"},
		 {"title", "Làm đường bê tông ngõ xóm đội 3"},
		 {"when", "19:30 ngày 05/12/2026"},
		 {"place", "Nhà văn hóa thôn"},
		 {"code", "4821"},
		 {"unit", "Xã Lục Ngạn"},
		 {"count", "3"},
		 {"late", "1"},
		 {"tasks", "biên bản họp thôn, công khai dự toán"},
		 {"text", "Đã nhận phiếu của hộ."}};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		if (!strcmp(v[i].name, name))
			return v[i].value;
	return "…";
}

/* GET /admin/outbox/templates — every kind's words, an SMS as it would be
 * sent without and with diacritics, and its segments. */
void page_admin_templates(struct req *r, struct resp *w)
{
	bool all;
	const char *province;
	if (!outbox_scope(r, w, &all, &province))
		return;
	const struct notify_tpls *t = notify_templates();
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_TEMPLATES));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/admin\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_ADMIN_TITLE), msg(MSG_NT_TEMPLATES));
	outbox_nav(&h);
	html_printf(&h, "<p>%s %d %s.</p>\n", msg(MSG_NT_TEMPLATES_HELP), notify_tpls_segments(t), msg(MSG_NT_SEGMENTS));
	const char *base = r->app->public_url ? r->app->public_url : "https://coso.example.gov.vn";
	for (size_t i = 0; i < notify_tpls_count(t); i++) {
		const struct notify_tpl *tp = notify_tpl_at(t, i);
		struct notify_param p[12];
		size_t np = 0;
		for (const char *s = tp->m->params; *s && np < 11;) {
			const char *e = strchr(s, ' ');
			size_t l = e ? (size_t)(e - s) : strlen(s);
			const char *name = arena_strndup(r->a, s, l);
			p[np++] = (struct notify_param){name, sample(name)};
			s = e ? e + 1 : s + l;
		}
		p[np++] = (struct notify_param){"link", arena_printf(r->a, "%s/matters/123", base)};
		html_printf(&h, "<section><h2><code>%s</code></h2>\n<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
			    tp->kind, msg(MSG_NT_TITLE_FIELD), notify_render(r->a, tp->title, p, np), msg(MSG_NT_BODY_FIELD),
			    notify_render(r->a, tp->body, p, np));
		for (int uni = 0; uni < 2; uni++) {
			char *sms = notify_render_sms(r->a, t, tp->sms, p, np, uni);
			sms = notify_render(r->a, sms, p, np);
			bool ucs2;
			size_t units;
			int seg = notify_sms_segments(sms, &ucs2, &units);
			html_printf(&h, "<dt>%s</dt><dd><pre class=\"message\">%s</pre><span class=\"meta\">%d %s (%zu %s, %s)</span></dd>",
				    uni ? msg(MSG_NT_SMS_UNICODE) : msg(MSG_NT_SMS_PLAIN), sms, seg, msg(MSG_NT_SEGMENTS), units,
				    msg(MSG_NT_CHARS), ucs2 ? msg(MSG_NT_UCS2) : msg(MSG_NT_GSM7));
		}
		if (tp->zalo_id)
			html_printf(&h, "<dt>%s</dt><dd><code>%s</code> %s</dd>", msg(MSG_NT_ZALO_TEMPLATE), tp->zalo_id,
				    tp->zalo_params);
		html_lit(&h, "</dl></section>\n");
	}
	layout_end(r, &h);
}

/* ---- webhooks ---- */

/* A field of the posted body: JSON (string or number) or a form. */
static const char *posted(struct req *r, const char *name)
{
	if (r->json) {
		json_t *v = json_object_get(r->json, name);
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_integer(v))
			return arena_printf(r->a, "%lld", (long long)json_integer_value(v));
		return NULL;
	}
	return req_form(r, name);
}

/* The gateway of the URL, if the call comes from it: its address (when
 * configured) and its shared secret (header X-Coso-Secret). NULL after
 * answering: 404 unknown, 403 forged. */
static const struct notify_gateway *hook_gateway(struct req *r, struct resp *w)
{
	r->is_api = true; /* a machine calls: JSON answers */
	/* the gateways as an administrator left them, read again at most once a
	 * second (the worker reads them each round; SMS ballots are a hot path) */
	struct dbc *c;
	if (notify_gateways_due() && !db_conn(r->app->db, &c))
		notify_gateways_reload(c, false);
	const struct notify_gateway *g = notify_gateway_named(r->param[0]);
	if (!g) {
		http_send_json_error(r, w, APP_ENOTFOUND, NULL, msg(MSG_NT_HOOK_UNKNOWN));
		return NULL;
	}
	const char *secret = req_header(r, "x-coso-secret");
	bool from_ok = !g->ninbound_from;
	for (size_t i = 0; i < g->ninbound_from; i++)
		from_ok |= !strcmp(r->remote, g->inbound_from[i]);
	if (!*g->inbound_secret || !secret || strlen(secret) != strlen(g->inbound_secret) ||
	    sodium_memcmp(secret, g->inbound_secret, strlen(secret)) || !from_ok) {
		http_send_json_error(r, w, APP_EFORBID, NULL, msg(MSG_NT_HOOK_FORGED));
		return NULL;
	}
	return g;
}

#define SMS_IN_MAX 480 /* bytes: three segments of UCS-2, more than a feature phone sends */

struct hook_sms {
	struct notify_inbound in;
	struct notify_inbound_result out;
	struct inbound_job *job;
};

static enum app_err hook_sms_write(struct dbc *c, void *arg)
{
	struct hook_sms *h = arg;
	return notify_inbound_write(c, h->job);
}

static void hook_sms_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct hook_sms *h = arg;
	e = notify_inbound_done(r->app->db, h->job, e);
	if (e) {
		http_send_json_error(r, w, e, NULL, NULL);
		return;
	}
	http_send_json(w, json_pack("{s:b, s:s, s:b, s:b}", "ok", 1, "action", h->out.action ? h->out.action : "",
				    "duplicate", h->out.duplicate, "refused", h->out.refused));
}

/* POST /hooks/sms/{gateway} — an SMS from a phone: from, text, id (the
 * field names as the gateway's config says); answered by SMS. */
void page_hook_sms(struct req *r, struct resp *w)
{
	const struct notify_gateway *g = hook_gateway(r, w);
	if (!g)
		return;
	const char *from = posted(r, g->in_from), *text = posted(r, g->in_text), *ref = posted(r, g->in_id);
	char phone[STR_PHONE_LEN];
	struct problems pr = {.a = r->a};
	if (!from || !str_phone(from, phone))
		problems_add(&pr, g->in_from, msg(MSG_IMPORT_BAD_PHONE));
	if (!text || !*text)
		problems_add(&pr, g->in_text, msg(MSG_NT_HOOK_NO_TEXT));
	else if (strlen(text) > SMS_IN_MAX)
		problems_add(&pr, g->in_text, msg(MSG_NT_HOOK_TOO_LONG));
	if (!ref || !*ref || strlen(ref) > 100)
		problems_add(&pr, g->in_id, msg(MSG_NT_HOOK_NO_ID));
	if (pr.n) {
		http_send_problems(r, w, APP_EINVAL, &pr);
		return;
	}
	struct hook_sms *h = arena_alloc(r->a, sizeof *h);
	h->in = (struct notify_inbound){g, arena_strdup(r->a, phone), text, ref, (int64_t)time(NULL)};
	h->out = (struct notify_inbound_result){.a = r->a};
	h->job = notify_inbound_job(r->a, &h->in, &h->out);
	/* answered once durable; the connection waits for the commit, not a thread */
	app_defer_write(r, w, hook_sms_write, h, hook_sms_answer);
}

struct report_job {
	const char *gateway, *ref, *error;
	bool delivered;
	int64_t now;
};

static enum app_err report_fn(struct dbc *c, void *arg)
{
	struct report_job *j = arg;
	return notify_report(c, j->gateway, j->ref, j->delivered, j->error, j->now);
}

/* POST /hooks/delivery/{gateway} — a delivery report: the message's id (the
 * {id} coso sent), its status, an error. */
void page_hook_delivery(struct req *r, struct resp *w)
{
	const struct notify_gateway *g = hook_gateway(r, w);
	if (!g)
		return;
	const char *ref = posted(r, g->report_id), *st = posted(r, g->report_status), *err = posted(r, g->report_error);
	struct problems pr = {.a = r->a};
	int64_t id;
	if (!ref || str_to_i64(ref, 1, INT64_MAX, &id))
		problems_add(&pr, g->report_id, msg(MSG_NT_HOOK_NO_ID));
	if (!st || !*st)
		problems_add(&pr, g->report_status, msg(MSG_NT_HOOK_NO_STATUS));
	if (pr.n) {
		http_send_problems(r, w, APP_EINVAL, &pr);
		return;
	}
	struct report_job j = {g->name, ref, err ? err : st, has_word(g->report_delivered, st), (int64_t)time(NULL)};
	enum app_err e = db_write(r->app->db, report_fn, &j);
	if (e) {
		http_send_json_error(r, w, e, g->report_id, e == APP_ENOTFOUND ? msg(MSG_NT_HOOK_NO_MESSAGE) : NULL);
		return;
	}
	http_send_json(w, json_pack("{s:b}", "ok", 1));
}
