/* layout.c — page chrome and form widgets (see layout.h). The template is
 * embedded at build time; {{slot}}s are filled through the escaping writer. */
#include "layout.h"
#include "../http/http.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/crypto.h"
#include "../util/embed.h"
#include <string.h>

static void slot(struct req *r, struct html *w, const char *name, size_t n, const char *title)
{
#define IS(s) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0)
	if (IS("title")) {
		html_text(w, title);
		html_lit(w, " · coso");
	} else if (IS("head")) {
		if (w->feed_href)
			html_printf(w, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"%s\" href=\"%s\">\n",
				    w->feed_title ? w->feed_title : "", w->feed_href);
	} else if (IS("skip")) {
		html_text(w, msg(MSG_SKIP_TO_CONTENT));
	} else if (IS("brand")) {
		html_text(w, msg(MSG_BRAND));
	} else if (IS("navlabel")) {
		html_text(w, msg(MSG_NAV_LABEL));
	} else if (IS("nav")) {
		html_lit(w, "<a href=\"/\">");
		html_text(w, msg(MSG_NAV_HOME));
		html_lit(w, "</a> <a href=\"/ledger\">");
		html_text(w, msg(MSG_LEDGER));
		html_lit(w, "</a>");
		if (r->viewer.name) {
			if (r->viewer.admin) {
				html_lit(w, " <a href=\"/admin\">");
				html_text(w, msg(MSG_NAV_ADMIN));
				html_lit(w, "</a>");
			}
			html_lit(w, " <a href=\"/me\">");
			html_text(w, r->viewer.name);
			html_lit(w, "</a> ");
			if (r->viewer.unit) {
				/* which unit the person is acting in */
				html_lit(w, "<span class=\"acting\">");
				html_text(w, r->viewer.unit);
				html_lit(w, "</span> ");
			}
			form_begin(r, w, "/logout", false);
			html_lit(w, "<button type=\"submit\" class=\"link\">");
			html_text(w, msg(MSG_LOGOUT));
			html_lit(w, "</button>");
			form_end(w);
		} else {
			/* the login returns to this page (auth_pages.c follows local paths only) */
			html_lit(w, " <a href=\"/login");
			if (r->path && strcmp(r->path, "/login") && (strcmp(r->path, "/") || (r->query_raw && *r->query_raw))) {
				html_lit(w, "?next=");
				html_url_arg(w, r->query_raw && *r->query_raw
							? arena_printf(r->a, "%s?%s", r->path, r->query_raw)
							: r->path);
			}
			html_lit(w, "\">");
			html_text(w, msg(MSG_LOGIN));
			html_lit(w, "</a>");
		}
	} else if (IS("assist")) {
		if (r->viewer.assist_name) {
			char until[MSG_TIME_LEN];
			msg_time((long long)r->viewer.assist_until, until);
			html_lit(w, "<div class=\"assist\" role=\"status\">");
			html_lit(w, "<strong>");
			html_text(w, msg(MSG_ASSIST_BANNER));
			html_lit(w, "</strong> ");
			html_text(w, r->viewer.assist_name);
			html_printf(w, " (%s %s)", msg(MSG_UNTIL), until);
			html_lit(w, " ");
			form_begin(r, w, "/assist/end", false);
			html_lit(w, "<button type=\"submit\">");
			html_text(w, msg(MSG_ASSIST_END));
			html_lit(w, "</button>");
			form_end(w);
			html_lit(w, "</div>\n");
		}
	} else if (IS("footer")) {
		html_text(w, msg(MSG_FOOTER));
	}
#undef IS
}

/* Writes the template from *pos up to the {{main}} slot (or the end). */
static void run(struct req *r, struct html *w, size_t *pos, const char *title)
{
	const struct embed_file *f = embed_find("templates/layout.html");
	const char *t = f->data;
	size_t i = *pos;
	while (i < f->len) {
		const char *open = strstr(t + i, "{{");
		if (!open) {
			html_trusted(w, t + i, f->len - i);
			i = f->len;
			break;
		}
		html_trusted(w, t + i, (size_t)(open - (t + i)));
		const char *close = strstr(open, "}}");
		size_t n = (size_t)(close - open - 2);
		i = (size_t)(close + 2 - t);
		if (n == 4 && memcmp(open + 2, "main", 4) == 0)
			break;
		slot(r, w, open + 2, n, title);
	}
	*pos = i;
}

void layout_begin(struct req *r, struct html *w, const char *title)
{
	size_t pos = 0;
	run(r, w, &pos, title);
}

void layout_end(struct req *r, struct html *w)
{
	const struct embed_file *f = embed_find("templates/layout.html");
	const char *m = strstr(f->data, "{{main}}");
	size_t pos = (size_t)(m - f->data) + 8;
	run(r, w, &pos, "");
}

void form_begin(struct req *r, struct html *w, const char *action, bool multipart)
{
	html_printf(w, "<form method=\"post\" action=\"%s\"", action);
	if (multipart)
		html_lit(w, " enctype=\"multipart/form-data\"");
	/* a one-time key: the form sent twice (a retry, a double tap, the back
	 * button) acts once (src/idem.c) */
	char key[CRYPTO_TOKEN_LEN];
	crypto_token(key);
	html_printf(w, "><input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"form_key\" value=\"%s\">",
		    http_csrf_token(r), key);
}

void form_hidden(struct html *w, const char *name, const char *value)
{
	html_printf(w, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, value);
}

void form_search(struct html *w, const char *action, const char *label, const char *name, const char *value)
{
	html_printf(w, "<form method=\"get\" action=\"%s\" class=\"search\" role=\"search\"><label for=\"q\">%s</label>"
		       "<input id=\"q\" name=\"%s\" type=\"search\" value=\"%s\">",
		    action, label, name, value ? value : "");
}

void form_search_end(struct html *w, const char *button)
{
	html_printf(w, "<button type=\"submit\">%s</button></form>\n", button);
}

void form_end(struct html *w)
{
	html_lit(w, "</form>\n");
}

void form_input(struct html *w, const char *name, const char *label, const char *type,
		const char *value, bool required)
{
	form_field(w, &(struct form_field){.name = name, .label = label, .type = type, .value = value, .required = required},
		   NULL);
}

void form_problems(struct html *w, const struct problems *p)
{
	if (!p || !p->n)
		return;
	html_printf(w, "<div class=\"error\" role=\"alert\" id=\"problems\"><p>%s</p><ul>", msg(MSG_DP_FIX));
	for (size_t i = 0; i < p->n; i++) {
		if (*p->v[i].field)
			html_printf(w, "<li><a href=\"#f-%s\">%s</a></li>", p->v[i].field, p->v[i].message);
		else
			html_printf(w, "<li>%s</li>", p->v[i].message);
	}
	html_lit(w, "</ul></div>\n");
}

void form_error(struct html *w, const struct problems *p, const char *name)
{
	const char *problem = problems_of(p, name);
	if (problem)
		html_printf(w, "<span class=\"field-error\" id=\"e-%s\">%s</span>\n", name, problem);
}

void form_field(struct html *w, const struct form_field *f, const struct problems *p)
{
	const char *problem = problems_of(p, f->name);
	const char *id = f->id ? f->id : f->name;
	if (problem)
		html_lit(w, "<p class=\"invalid\">");
	else
		html_lit(w, "<p>");
	html_printf(w, "<label for=\"f-%s\">%s</label>\n", id, f->label);
	bool area = !strcmp(f->type, "textarea");
	if (area)
		html_printf(w, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\"", id, f->name);
	else
		html_printf(w, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", id, f->name, f->type);
	if (!area && f->value)
		html_printf(w, " value=\"%s\"", f->value);
	if (f->required)
		html_lit(w, " required");
	if (f->max)
		html_printf(w, !strcmp(f->type, "number") ? " max=\"%d\"" : " maxlength=\"%d\"", f->max);
	if (!strcmp(f->type, "password") && !f->autocomplete)
		html_lit(w, " autocomplete=\"current-password\"");
	if (f->min)
		html_printf(w, " min=\"%s\"", f->min);
	if (f->accept)
		html_printf(w, " accept=\"%s\"", f->accept);
	if (f->multiple)
		html_lit(w, " multiple");
	if (f->autocomplete)
		html_printf(w, " autocomplete=\"%s\"", f->autocomplete);
	if (problem)
		html_printf(w, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", f->name);
	if (area)
		html_printf(w, ">%s</textarea>", f->value ? f->value : "");
	else
		html_lit(w, ">");
	if (problem)
		html_printf(w, "\n<span class=\"field-error\" id=\"e-%s\">%s</span>", f->name, problem);
	if (f->hint)
		html_printf(w, "\n<span class=\"meta\">%s</span>", f->hint);
	html_lit(w, "</p>\n");
}

bool form_confirmed(struct req *r, struct resp *w, const struct confirm *c)
{
	const char *v = req_form(r, "confirm");
	if (v && !strcmp(v, "1"))
		return true;
	buf_reset(&w->body);
	w->status = 200;
	struct html h = {.b = &w->body};
	layout_begin(r, &h, c->title);
	html_printf(&h, "<h1>%s</h1>\n<div class=\"confirm\" role=\"alert\"><p>%s</p><p><strong>%s</strong></p></div>\n", c->title,
		    c->what, msg(MSG_CONFIRM_IRREVERSIBLE));
	if (c->shown) {
		html_lit(&h, "<dl class=\"facts\">\n");
		for (size_t i = 0; c->fields[i]; i++) {
			const char *x = req_form(r, c->fields[i]);
			if (c->shown[i] && x && *x)
				html_printf(&h, "<dt>%s</dt><dd>%s</dd>\n", c->shown[i], x);
		}
		html_lit(&h, "</dl>\n");
	}
	form_begin(r, &h, r->path, false);
	form_hidden(&h, "confirm", "1");
	for (size_t i = 0; c->fields[i]; i++) {
		const char *x = req_form(r, c->fields[i]);
		if (x)
			form_hidden(&h, c->fields[i], x);
	}
	html_printf(&h, "<p><button type=\"submit\">%s</button> <a class=\"button secondary\" href=\"%s\">%s</a></p>\n", c->button,
		    c->back, msg(MSG_CONFIRM_BACK));
	form_end(&h);
	layout_end(r, &h);
	return false;
}

void form_done(struct req *r, struct html *h)
{
	static const struct {
		const char *code;
		enum msg_id m;
	} done[] = {
		{"published", MSG_DONE_PUBLISHED},   {"withdrawn", MSG_DONE_WITHDRAWN}, {"recognised", MSG_DONE_RECOGNISED},
		{"refused", MSG_DONE_REFUSED},       {"annulled", MSG_DONE_ANNULLED},   {"amend", MSG_DONE_AMEND},
		{"counted", MSG_DONE_COUNTED},       {"result_published", MSG_DONE_RESULT_PUBLISHED},
	};
	const char *v = req_query(r, "done");
	for (size_t i = 0; v && i < sizeof done / sizeof *done; i++)
		if (!strcmp(v, done[i].code))
			html_printf(h, "<div class=\"ok\" role=\"status\" id=\"done\"><p>%s</p></div>\n", msg(done[i].m));
}

void html_bar(struct html *h, long long permille, int threshold)
{
	long long x = permille < 0 ? 0 : permille / 10;
	bool met = permille < 0 || permille >= threshold * 10LL;
	/* an SVG, since the CSP allows no inline style for a width */
	html_printf(h,
		    "<svg class=\"bar\" width=\"120\" height=\"14\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
		    "aria-hidden=\"true\"><rect width=\"100\" height=\"10\" fill=\"#e8e8e8\"/>"
		    "<rect width=\"%lld\" height=\"10\" fill=\"%s\"/><rect x=\"%d\" width=\"1\" height=\"10\" fill=\"#1a1a1a\"/></svg> ",
		    x, met ? "#1e7b34" : "#b3261e", threshold > 99 ? 99 : threshold);
}
