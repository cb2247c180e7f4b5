/*
 * routes.c — the route table: {method, pattern, handler, flags, metrics name}.
 * Flags are enforced in app_handle before the handler runs.
 */
#include "http/server.h"
#include "pages.h"

#define P ROUTE_PUBLIC
#define L ROUTE_LOGIN
#define C ROUTE_CSRF
#define A (ROUTE_ADMIN | ROUTE_LOGIN)

const struct route app_routes[] = {
	{"GET", "/", page_home, P, "home"},
	{"GET", "/healthz", page_healthz, ROUTE_RAW | ROUTE_QUIET, "healthz"},
	{"GET", "/metrics", page_metrics, ROUTE_RAW | ROUTE_QUIET, "metrics"},
	{"GET", "/static/{file}", page_static, P | ROUTE_RAW, "static"},
	{"GET", "/units/{code}", page_unit, P, "unit"},
	{"GET", "/units/{code}/households", page_households, L, "households"},
	{"GET", "/units/{code}/households.csv", page_households_csv, L, "households_csv"},
	{"GET", "/login", page_login, 0, "login"},
	{"POST", "/login", page_login_post, C, "login_post"},
	{"POST", "/logout", page_logout, C, "logout"},
	{"GET", "/me", page_me, L, "me"},
	{"GET", "/assist", page_assist, L, "assist"},
	{"POST", "/assist/start", page_assist_start, L | C, "assist_start"},
	{"POST", "/assist/end", page_assist_end, L | C, "assist_end"},
	{"GET", "/admin", page_admin, A, "admin"},
	{"GET", "/admin/users", page_admin_users, A, "admin_users"},
	{"POST", "/admin/users", page_admin_user_create, A | C, "admin_user_create"},
	{"GET", "/admin/users/{id}", page_admin_user, A, "admin_user"},
	{"POST", "/admin/users/{id}", page_admin_user_post, A | C, "admin_user_post"},
	{"GET", "/admin/import", page_admin_import, A, "admin_import"},
	{"POST", "/admin/import", page_admin_import_post, A | C, "admin_import_post"},
	{"POST", "/admin/units", page_admin_units_create, A | C, "admin_units_create"},
	{"GET", "/admin/holidays", page_admin_holidays, A, "admin_holidays"},
	{"POST", "/admin/holidays", page_admin_holidays_post, A | C, "admin_holidays_post"},
	{"GET", "/ledger", page_ledger, P, "ledger"},
	{"GET", "/ledger/checkpoint", page_ledger_checkpoint, P, "ledger_checkpoint"},
	{"GET", "/ledger/key", page_ledger_key, P, "ledger_key"},
	{"GET", "/ledger/entries/{index}", page_ledger_entry_raw, P, "ledger_entry_raw"},
	{"GET", "/ledger/proof/inclusion", page_ledger_inclusion, P, "ledger_inclusion"},
	{"GET", "/ledger/proof/consistency", page_ledger_consistency, P, "ledger_consistency"},
	{"GET", "/ledger/{index}", page_ledger_entry, P, "ledger_entry"},
	{"GET", "/api/v1/openapi.json", api_openapi, P, "api_openapi"},
	{"GET", "/api/v1/units", api_units, P, "api_units"},
	{"GET", "/api/v1/units/{code}", api_unit, P, "api_unit"},
	{"GET", "/api/v1/units/{code}/households", api_households, L, "api_households"},
	{"GET", "/api/v1/me", api_me, L, "api_me"},
	{"GET", "/api/v1/holidays", api_holidays, P, "api_holidays"},
	{"GET", "/disclosure-items", page_disclosure_items, P, "disclosure_items"},
	{"GET", "/api/v1/disclosure-items", api_disclosure_items, P, "api_disclosure_items"},
	{"GET", "/api/v1/deadline", api_deadline, P, "api_deadline"},
};
const size_t app_nroutes = sizeof app_routes / sizeof *app_routes;
