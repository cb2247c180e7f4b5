/*
 * admin_module.c — what the admin module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "admin_pages.h"

static const struct route routes[] = {
	{"GET", "/admin", page_admin, A, "admin"},
	{"GET", "/admin/users", page_admin_users, A, "admin_users"},
	{"POST", "/admin/users", page_admin_user_create, A | C, "admin_user_create"},
	{"GET", "/admin/users/{id}", page_admin_user, A, "admin_user"},
	{"POST", "/admin/users/{id}", page_admin_user_post, A | C, "admin_user_post"},
	{"POST", "/admin/users/{id}/tokens/{token}/revoke", page_admin_user_token_revoke, A | C, "admin_user_token_revoke"},
	{"GET", "/admin/import", page_admin_import, A, "admin_import"},
	{"POST", "/admin/import", page_admin_import_post, A | C, "admin_import_post"},
	{"POST", "/admin/units", page_admin_units_create, A | C, "admin_units_create"},
	{"GET", "/admin/holidays", page_admin_holidays, A, "admin_holidays"},
	{"POST", "/admin/holidays", page_admin_holidays_post, A | C, "admin_holidays_post"},
	{"GET", "/admin/disclosure-items", page_admin_catalogue, A, "admin_catalogue"},
	{"POST", "/admin/disclosure-items", page_admin_catalogue_post, A | C, "admin_catalogue_post"},
};

const struct module admin_module = {
	.name = "admin",
	MODULE_TABLE(routes, routes),
};
