/*
 * calendar_pages.h — route handlers of the calendar of holidays and working days (API).
 */
#ifndef COSO_CALENDAR_PAGES_H
#define COSO_CALENDAR_PAGES_H
#include "../http/http.h"

void api_holidays(struct req *r, struct resp *w);
void api_deadline(struct req *r, struct resp *w);
#endif
