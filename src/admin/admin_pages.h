/*
 * admin_pages.h — route handlers of the administration pages: accounts, imports, units, holidays.
 */
#ifndef COSO_ADMIN_PAGES_H
#define COSO_ADMIN_PAGES_H
#include "../http/http.h"

http_handler_fn page_admin, page_admin_users, page_admin_user_create, page_admin_user,
	page_admin_user_post, page_admin_user_token_revoke, page_admin_import, page_admin_import_post,
	page_admin_units_create, page_admin_holidays, page_admin_holidays_post, page_admin_catalogue,
	page_admin_catalogue_post;
#endif
