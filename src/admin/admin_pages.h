/*
 * admin_pages.h — route handlers of the administration pages: accounts, imports, units, holidays.
 */
#ifndef COSO_ADMIN_PAGES_H
#define COSO_ADMIN_PAGES_H
#include "../http/http.h"

void page_admin(struct req *r, struct resp *w);
void page_admin_users(struct req *r, struct resp *w);
void page_admin_user_create(struct req *r, struct resp *w);
void page_admin_user(struct req *r, struct resp *w);
void page_admin_user_post(struct req *r, struct resp *w);
void page_admin_user_token_revoke(struct req *r, struct resp *w);
void page_admin_import(struct req *r, struct resp *w);
void page_admin_import_post(struct req *r, struct resp *w);
void page_admin_units_create(struct req *r, struct resp *w);
void page_admin_holidays(struct req *r, struct resp *w);
void page_admin_holidays_post(struct req *r, struct resp *w);
void page_admin_catalogue(struct req *r, struct resp *w);
void page_admin_catalogue_post(struct req *r, struct resp *w);
#endif
