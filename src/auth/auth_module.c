/*
 * auth_module.c — what the auth module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "auth_pages.h"

static const struct route routes[] = {
	{"GET", "/login", page_login, 0, "login"},
	{"POST", "/login", page_login_post, C, "login_post"},
	{"POST", "/logout", page_logout, C, "logout"},
	{"GET", "/me", page_me, L, "me"},
	{"POST", "/me/tokens", page_me_token_create, L | C, "me_token_create"},
	{"POST", "/me/tokens/{id}/revoke", page_me_token_revoke, L | C, "me_token_revoke"},
	{"GET", "/assist", page_assist, L, "assist"},
	{"POST", "/assist/start", page_assist_start, L | C, "assist_start"},
	{"POST", "/assist/end", page_assist_end, L | C, "assist_end"},
};

static const struct module_event events[] = {
	{"user.create", MSG_EV_USER_CREATE},
	{"user.grant", MSG_EV_USER_GRANT},
	{"user.revoke", MSG_EV_USER_REVOKE},
	{"user.password_reset", MSG_EV_USER_PASSWORD},
	{"user.deactivate", MSG_EV_USER_DEACTIVATE},
	{"user.activate", MSG_EV_USER_ACTIVATE},
	{"user.token", MSG_EV_USER_TOKEN},
	{"assist.start", MSG_EV_ASSIST_START},
	{"assist.end", MSG_EV_ASSIST_END},
	{"auth.login", MSG_EV_LOGIN},
	{"token.create", MSG_EV_TOKEN_CREATE},
	{"token.revoke", MSG_EV_TOKEN_REVOKE},
	{"token.revoke_all", MSG_EV_TOKEN_REVOKE_ALL},
	{"user.update", MSG_EV_USER_UPDATE},
};

const struct module auth_module = {
	.name = "auth",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
};
