/* notify_pages.h — the notifications' pages (notify_pages.c). */
#ifndef COSO_NOTIFY_PAGES_H
#define COSO_NOTIFY_PAGES_H
#include "../http/http.h"
struct dbc;
struct module_tasks;
http_handler_fn page_notifications, page_notifications_read;
enum app_err notify_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
#endif
