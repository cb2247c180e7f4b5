/*
 * notify_pages.c — a person's notifications (issue #14): GET
 * /me/notifications lists the in-app messages, newest first, the unread
 * marked; POST /me/notifications marks them read. The unread count is a
 * task on /me (module.h), so the inbox leads here.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../pages.h"
#include "notify.h"
#include "notify_pages.h"
#include <time.h>

#define NOTIFY_SHOWN 100

/* GET /me/notifications */
void page_notifications(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct notification *v;
	size_t n = 0;
	int64_t unread = 0;
	enum app_err e = notify_list(r->a, c, r->user->id, NOTIFY_SHOWN, &v, &n);
	if (!e)
		e = notify_unread(c, r->user->id, &unread);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_NT_TITLE));
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/me\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), msg(MSG_MY_ACCOUNT), msg(MSG_NT_TITLE));
	html_printf(&h, "<p>%lld %s</p>\n", (long long)unread, msg(MSG_NT_UNREAD));
	if (unread) {
		form_begin(r, &h, "/me/notifications", false);
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
		html_printf(&h, "<br><span class=\"what\">%s</span><br><span class=\"meta\">%s", v[i].body, when);
		if (!v[i].read_at)
			html_printf(&h, " · <strong>%s</strong>", msg(MSG_NT_NEW));
		html_lit(&h, "</span></li>\n");
	}
	html_lit(&h, "</ul>\n");
	layout_end(r, &h);
}

static enum app_err read_fn(struct dbc *c, void *arg)
{
	const int64_t *v = arg;
	return notify_read_all(c, v[0], v[1]);
}

/* POST /me/notifications — marks them all read; csrf. */
void page_notifications_read(struct req *r, struct resp *w)
{
	int64_t v[2] = {r->user->id, (int64_t)time(NULL)};
	enum app_err e = db_write(r->app->db, read_fn, v);
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
