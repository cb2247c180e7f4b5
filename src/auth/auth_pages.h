/*
 * auth_pages.h — route handlers of the accounts module: login, /me, API tokens, assisted participation.
 */
#ifndef COSO_AUTH_PAGES_H
#define COSO_AUTH_PAGES_H
#include "../http/http.h"

void page_login(struct req *r, struct resp *w);
void page_login_post(struct req *r, struct resp *w);
void page_logout(struct req *r, struct resp *w);
void page_me(struct req *r, struct resp *w);
void page_me_token_create(struct req *r, struct resp *w);
void page_me_token_revoke(struct req *r, struct resp *w);
void page_assist(struct req *r, struct resp *w);
void page_assist_start(struct req *r, struct resp *w);
void page_assist_end(struct req *r, struct resp *w);
#endif
