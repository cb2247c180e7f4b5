/*
 * catalogue_pages.c — the disclosure catalogue for people and programs: a
 * public page of what each kind of unit must disclose, and the JSON API.
 */
#include "../http/server.h"
#include "../html/layout.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../ledger/ledger.h"
#include "catalogue.h"
#include "dpages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Reads ?scope= and ?date= (default today, UTC+7); false after an error. */
static bool params(struct req *r, struct resp *w, const char **scope, char day[11])
{
	*scope = req_query(r, "scope");
	if (*scope && !**scope)
		*scope = NULL;
	if (*scope && !catalogue_scope_valid(*scope)) {
		if (r->is_api)
			http_send_json_error(r, w, APP_EINVAL, "scope", msg(MSG_API_BAD_SCOPE));
		else
			http_send_error(r, w, APP_EINVAL, msg(MSG_API_BAD_SCOPE));
		return false;
	}
	const char *ds = req_query(r, "date");
	int64_t d = cal_today(time(NULL));
	if (ds && *ds && !cal_parse_date(ds, &d)) {
		if (r->is_api)
			http_send_json_error(r, w, APP_EINVAL, "date", msg(MSG_DATE_INVALID));
		else
			http_send_error(r, w, APP_EINVAL, msg(MSG_DATE_INVALID));
		return false;
	}
	cal_format_iso(d, day);
	return true;
}

/* The rules the request asks for; false after an error response. */
static bool rules_or_respond(struct req *r, struct resp *w, const char **scope, char day[11],
			     struct ditem **it, size_t *n, int64_t *ledger_idx)
{
	if (!params(r, w, scope, day))
		return false;
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return false;
	enum app_err e = catalogue_in_force(r->a, c, day, *scope, it, n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	*ledger_idx = ledger_index_of_latest(c, "disclosure.catalogue");
	return true;
}

static const char *scope_label(const char *scope)
{
	return !strcmp(scope, "commune") ? msg(MSG_DITEM_SCOPE_COMMUNE)
	       : !strcmp(scope, "agency") ? msg(MSG_DITEM_SCOPE_AGENCY)
					  : msg(MSG_DITEM_SCOPE_SOE);
}

/* GET /disclosure-items?scope=commune|agency|soe&date=YYYY-MM-DD */
void page_disclosure_items(struct req *r, struct resp *w)
{
	const char *scope;
	char day[11];
	struct ditem *it;
	size_t n;
	int64_t lidx;
	if (!rules_or_respond(r, w, &scope, day, &it, &n, &lidx))
		return;
	int64_t dd;
	char vn[11];
	cal_parse_date(day, &dd);
	cal_format_vn(dd, vn);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_DITEM_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p>%s %s.</p>\n", msg(MSG_DITEM_TITLE), msg(MSG_DITEM_LEAD), vn);
	if (lidx >= 0)
		html_printf(&h, "<p class=\"meta\">%s <a href=\"/ledger/%lld\">%s #%lld</a></p>\n", msg(MSG_DITEM_RECORDED),
			    (long long)lidx, msg(MSG_LEDGER_INDEX), (long long)lidx);
	html_printf(&h, "<form method=\"get\" action=\"/disclosure-items\" class=\"search\">\n<label for=\"scope\">%s</label>\n"
			"<select id=\"scope\" name=\"scope\"><option value=\"\">—</option>",
		    msg(MSG_DITEM_SCOPE_FILTER));
	for (size_t i = 0; i < catalogue_nscopes; i++)
		html_printf(&h, "<option value=\"%s\"%s>%s</option>", catalogue_scopes[i],
			    scope && !strcmp(scope, catalogue_scopes[i]) ? " selected" : "", scope_label(catalogue_scopes[i]));
	html_printf(&h, "</select>\n<label for=\"date\">%s</label>\n<input id=\"date\" name=\"date\" type=\"date\" value=\"%s\">\n"
			"<button type=\"submit\">%s</button>\n</form>\n",
		    msg(MSG_DITEM_DATE_FILTER), day, msg(MSG_DITEM_SHOW));
	const char *current = "";
	for (size_t i = 0; i < n; i++) {
		const struct ditem *d = &it[i];
		if (strcmp(current, d->scope)) {
			if (*current)
				html_lit(&h, "</tbody>\n</table></div>\n");
			current = d->scope;
			html_printf(&h, "<h2 id=\"%s\">%s</h2>\n<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n"
					"<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
					"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
				    d->scope, scope_label(d->scope), msg(MSG_DITEM_NO), msg(MSG_DITEM_CONTENT),
				    msg(MSG_DITEM_DEADLINE), msg(MSG_DITEM_PERIOD), msg(MSG_DITEM_FORMS));
		}
		html_printf(&h, "<tr><td data-label=\"%s\">%d</td><td data-label=\"%s\">%s<br><span class=\"meta\">%s",
			    msg(MSG_DITEM_NO), d->number, msg(MSG_DITEM_CONTENT), d->title, msg_cite(r->a, d->legal_basis));
		if (strcmp(d->confirmed, "C"))
			html_printf(&h, " %s", msg(MSG_DITEM_UNCONFIRMED));
		html_printf(&h, " · %s %s</span></td>", msg(MSG_DITEM_SINCE), d->effective_from);
		html_printf(&h, "<td data-label=\"%s\">%d %s</td><td data-label=\"%s\">", msg(MSG_DITEM_DEADLINE),
			    d->deadline_days, d->deadline_working ? msg(MSG_DITEM_WORKING_DAYS) : msg(MSG_DITEM_DAYS),
			    msg(MSG_DITEM_PERIOD));
		if (d->permanent)
			html_text(&h, msg(MSG_DITEM_PERMANENT_LABEL));
		else if (d->min_days)
			html_printf(&h, "%s %d %s", msg(MSG_DITEM_AT_LEAST), d->min_days, msg(MSG_DITEM_CONSECUTIVE));
		else
			html_lit(&h, "—");
		if (d->radio_days)
			html_printf(&h, "; %s %d %s", msg(MSG_DITEM_RADIO), d->radio_days, msg(MSG_DITEM_CONSECUTIVE));
		html_printf(&h, "</td><td data-label=\"%s\">", msg(MSG_DITEM_FORMS));
		char *forms = arena_strdup(r->a, d->forms);
		bool first = true;
		for (char *save = NULL, *t = strtok_r(forms, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
			html_printf(&h, "%s%s", first ? "" : ", ", msg_form(t));
			first = false;
		}
		html_lit(&h, "</td></tr>\n");
	}
	if (*current)
		html_lit(&h, "</tbody>\n</table></div>\n");
	layout_end(r, &h);
	w->max_age = 300;
}

/* GET /api/v1/disclosure-items?scope=&date= — the rules in force on a day. */
void api_disclosure_items(struct req *r, struct resp *w)
{
	const char *scope;
	char day[11];
	struct ditem *it;
	size_t n;
	int64_t lidx;
	if (!rules_or_respond(r, w, &scope, day, &it, &n, &lidx))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct ditem *d = &it[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(d->id));
		json_object_set_new(o, "scope", json_string(d->scope));
		json_object_set_new(o, "number", json_integer(d->number));
		json_object_set_new(o, "title", json_string(d->title));
		json_object_set_new(o, "legal_basis", json_string(d->legal_basis));
		json_object_set_new(o, "forms", dp_list_json(r->a, d->forms));
		json_object_set_new(o, "deadline_days", json_integer(d->deadline_days));
		json_object_set_new(o, "deadline_unit", json_string(d->deadline_working ? "working" : "calendar"));
		json_object_set_new(o, "min_days", json_integer(d->min_days));
		json_object_set_new(o, "permanent", json_boolean(d->permanent));
		json_object_set_new(o, "radio_days", json_integer(d->radio_days));
		json_object_set_new(o, "effective_from", json_string(d->effective_from));
		json_object_set_new(o, "confirmed", json_string(d->confirmed));
		json_array_append_new(items, o);
	}
	http_send_array_page(r, w, items, json_pack("{s:s}", "date", day));
	w->max_age = 300;
}
