/*
 * calendar_pages.h — route handlers of the calendar of holidays and working days (API).
 */
#ifndef COSO_CALENDAR_PAGES_H
#define COSO_CALENDAR_PAGES_H
#include "../http/http.h"

http_handler_fn api_holidays, api_deadline;
#endif
