/*
 * auth_pages.h — route handlers of the accounts module: login, /me, API tokens, assisted participation.
 */
#ifndef COSO_AUTH_PAGES_H
#define COSO_AUTH_PAGES_H
#include "../http/http.h"

http_handler_fn page_login, page_login_post, page_logout, page_me, page_me_token_create,
	page_me_token_revoke, page_assist, page_assist_start, page_assist_end;
#endif
