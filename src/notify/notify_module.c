/*
 * notify_module.c — what the notifications module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "notify.h"
#include "notify_pages.h"

static const struct route routes[] = {
	{"GET", "/me/notifications", page_notifications, L, "notifications"},
	{"POST", "/me/notifications", page_notifications_read, L | C, "notifications_read"},
};

const struct module notify_module = {
	.name = "notify",
	MODULE_TABLE(routes, routes),
	.me_tasks = notify_me_tasks,
	.metrics = notify_metrics,
};
