/*
 * notify_module.c — what the notifications module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "notify.h"
#include "notify_pages.h"

static const struct route routes[] = {
	{"GET", "/me/notifications", page_notifications, L, "notifications"},
	{"POST", "/me/notifications", page_notifications_post, L | C, "notifications_post"},
	{"GET", "/notify/stop/{token}", page_notify_stop, 0, "notify_stop"},
	{"POST", "/notify/stop/{token}", page_notify_stop_post, C, "notify_stop_post"},
	{"GET", "/admin/outbox", page_admin_outbox, A, "admin_outbox"},
	{"GET", "/admin/outbox/gateways", page_admin_gateways, A, "admin_gateways"},
	{"POST", "/admin/outbox/gateways", page_admin_gateways_post, A | C, "admin_gateways_post"},
	{"GET", "/admin/outbox/templates", page_admin_templates, A, "admin_templates"},
	{"GET", "/admin/outbox/{id}", page_admin_outbox_msg, A, "admin_outbox_msg"},
	{"POST", "/admin/outbox/{id}", page_admin_outbox_post, A | C, "admin_outbox_post"},
	{"POST", "/hooks/sms/{gateway}", page_hook_sms, ROUTE_RAW | ROUTE_HOOK, "hook_sms"},
	{"POST", "/hooks/delivery/{gateway}", page_hook_delivery, ROUTE_RAW | ROUTE_HOOK, "hook_delivery"},
};

/* its own kinds: an officer's daily digest, an answer to an SMS */
static const struct module_message messages[] = {
	{"officer.digest", "reminders", "count late tasks", false, false},
	{"notify.reply", "cases", "text", true, false},
};

const struct module notify_module = {
	.name = "notify",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(messages, messages),
	.me_tasks = notify_me_tasks,
	.metrics = notify_metrics,
};
