/*
 * calendar_api.c — the holiday table and the working-day calculator over the
 * JSON API, so that people and other systems see the same deadlines coso
 * computes (Law 10/2022 counts many periods in working days).
 */
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/str.h"
#include "holidays.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Loads the holiday table; false after an error response was queued. */
static bool holidays_or_respond(struct req *r, struct resp *w, struct cal_table *t)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return false;
	enum app_err e = holidays_load(c, t);
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	return true;
}

/* GET /api/v1/holidays?year=YYYY — days off and make-up working days. */
void api_holidays(struct req *r, struct resp *w)
{
	int64_t year = 0;
	const char *ys = req_query(r, "year");
	if (ys && str_to_i64(ys, 1900, 2200, &year)) {
		http_send_json_error(r, w, APP_EINVAL, "year", msg(MSG_API_BAD_YEAR));
		return;
	}
	struct cal_table t;
	if (!holidays_or_respond(r, w, &t))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < t.n; i++) {
		int y, m, d;
		cal_civil_from_days(t.a[i].day, &y, &m, &d);
		if (year && y != year)
			continue;
		char iso[11];
		cal_format_iso(t.a[i].day, iso);
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(iso));
		json_object_set_new(o, "date", json_string(iso));
		json_object_set_new(o, "name", json_string(t.a[i].name));
		json_object_set_new(o, "kind", json_string(t.a[i].kind == CAL_WORKDAY ? "workday" : "holiday"));
		json_array_append_new(items, o);
	}
	free(t.a);
	http_send_array_page(r, w, items, NULL);
	w->max_age = 300;
}

/* GET /api/v1/deadline?from=YYYY-MM-DD&working_days=N — the day on which a
 * period of N working days that starts after `from` ends (N from 1 to 366). */
void api_deadline(struct req *r, struct resp *w)
{
	int64_t from, n;
	const char *fs = req_query(r, "from"), *ns = req_query(r, "working_days");
	if (!fs || !cal_parse_date(fs, &from)) {
		http_send_json_error(r, w, APP_EINVAL, "from", msg(MSG_DATE_INVALID));
		return;
	}
	if (str_to_i64(ns, 1, 366, &n)) {
		http_send_json_error(r, w, APP_EINVAL, "working_days", msg(MSG_API_BAD_DAYS));
		return;
	}
	struct cal_table t;
	if (!holidays_or_respond(r, w, &t))
		return;
	int64_t due = cal_add_working_days(&t, from, (int)n);
	free(t.a);
	char a[11], b[11];
	cal_format_iso(from, a);
	cal_format_iso(due, b);
	json_t *o = json_object();
	json_object_set_new(o, "from", json_string(a));
	json_object_set_new(o, "working_days", json_integer(n));
	json_object_set_new(o, "due", json_string(b));
	http_send_json(w, o);
	w->max_age = 60;
}
