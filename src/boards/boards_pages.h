/*
 * boards_pages.h — route handlers and the unit-page section of the boards module.
 */
#ifndef COSO_BOARDS_PAGES_H
#define COSO_BOARDS_PAGES_H
#include "../http/http.h"

struct html;
struct dbc;
struct unit;
void boards_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
http_handler_fn page_inspection_board, api_inspection_board;
#endif
