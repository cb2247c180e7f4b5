/* notify_pages.h — the pages and webhooks of notifications (notify_pages.c). */
#ifndef COSO_NOTIFY_PAGES_H
#define COSO_NOTIFY_PAGES_H
#include "../http/http.h"
struct dbc;
struct module_tasks;
void page_notifications(struct req *r, struct resp *w);
void page_notifications_post(struct req *r, struct resp *w);
void page_notify_stop(struct req *r, struct resp *w);
void page_notify_stop_post(struct req *r, struct resp *w);
void page_admin_outbox(struct req *r, struct resp *w);
void page_admin_outbox_msg(struct req *r, struct resp *w);
void page_admin_outbox_post(struct req *r, struct resp *w);
void page_admin_gateways(struct req *r, struct resp *w);
void page_admin_gateways_post(struct req *r, struct resp *w);
void page_admin_templates(struct req *r, struct resp *w);
void page_hook_sms(struct req *r, struct resp *w);
void page_hook_delivery(struct req *r, struct resp *w);
enum app_err notify_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
#endif
