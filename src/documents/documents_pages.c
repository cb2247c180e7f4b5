/*
 * documents_pages.c — checking an issued document (issue #11): upload a PDF,
 * or give its unit and number, and learn whether it is genuine, who signed
 * it and when, and where its act is (the posting or matter, its ledger
 * entry); and the administrators' page to give a unit its signing
 * certificate (PKCS#12). The API answers the same check in JSON.
 */
#include "documents_pages.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../doc/doc.h"
#include "../events/events.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../ledger/ledger.h"
#include "../pages.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/log.h"
#include "../util/problems.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define VERIFY_MAX_BYTES (20u << 20) /* a signed notice is far smaller */

/* Where an issued document's act is, by what it is about. */
static const char *about_href(struct arena *a, const struct doc_record *d, const char *unit_code)
{
	if (!strcmp(d->about, "posting"))
		return arena_printf(a, "/disclosures/%lld", (long long)d->about_id);
	if (!strcmp(d->about, "matter"))
		return arena_printf(a, "/matters/%lld", (long long)d->about_id);
	if (!strcmp(d->about, "register"))
		return arena_printf(a, "/units/%s/disclosure-register?quarter=%s", unit_code, d->part);
	return NULL;
}

static const char *ledger_subject(struct arena *a, const struct doc_record *d)
{
	return !strcmp(d->about, "posting") || !strcmp(d->about, "matter")
		       ? arena_printf(a, "%s:%lld", d->about, (long long)d->about_id)
		       : NULL;
}

/* The record's facts as a definition list. */
static void record_dl(struct req *r, struct html *h, struct dbc *c, const struct doc_record *d)
{
	struct unit u;
	bool hasu = !units_get_id(r->a, c, d->unit_id, &u);
	char day[11];
	cal_format_vn(cal_today((time_t)d->issued_at), day);
	html_printf(h, "<dl class=\"facts\">\n<dt>%s</dt><dd><strong>%s</strong></dd>\n<dt>%s</dt><dd>%s</dd>\n",
		    msg(MSG_DV_NUMBER), d->number, msg(MSG_DV_ISSUED), day);
	if (hasu)
		html_printf(h, "<dt>%s</dt><dd><a href=\"/units/%s\">%s</a></dd>\n", msg(MSG_DV_ISSUER), u.code, u.title);
	const char *href = about_href(r->a, d, hasu ? u.code : "");
	html_printf(h, "<dt>%s</dt><dd>", msg(MSG_DV_ABOUT));
	if (href)
		html_printf(h, "<a href=\"%s\">%s</a>", href, d->title);
	else
		html_printf(h, "%s", d->title);
	html_lit(h, "</dd>\n");
	const char *subj = ledger_subject(r->a, d);
	int64_t idx = subj ? ledger_index_of_subject(c, subj) : -1;
	if (idx >= 0)
		html_printf(h, "<dt>%s</dt><dd><a href=\"/ledger/%lld\">#%lld</a></dd>\n", msg(MSG_LEDGER), (long long)idx,
			    (long long)idx);
	html_printf(h, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", msg(MSG_DV_SIGNED_BY),
		    *d->signer ? d->signer : msg(MSG_DV_NOT_SIGNED));
}

static void verify_form(struct req *r, struct html *h, const struct problems *pr)
{
	html_printf(h, "<h2>%s</h2>\n", msg(MSG_DV_UPLOAD));
	form_problems(h, pr);
	form_begin(r, h, "/documents/verify", true);
	form_field(h, &(struct form_field){.name = "file", .label = msg(MSG_DV_FILE), .type = "file", .required = true,
					   .accept = ".pdf,application/pdf", .hint = msg(MSG_DV_FILE_HINT)},
		   pr);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_DV_CHECK));
	form_end(h);
	html_printf(h, "<h2>%s</h2>\n", msg(MSG_DV_BY_NUMBER));
	html_lit(h, "<form method=\"get\" action=\"/documents\" class=\"filters\">\n");
	form_field(h, &(struct form_field){.name = "unit", .label = msg(MSG_DV_UNIT_CODE), .type = "text",
					   .value = req_query(r, "unit"), .required = true, .max = 32},
		   NULL);
	form_field(h, &(struct form_field){.name = "number", .label = msg(MSG_DV_NUMBER), .type = "text",
					   .value = req_query(r, "number"), .required = true, .max = 64,
					   .hint = msg(MSG_DV_NUMBER_HINT)},
		   NULL);
	html_printf(h, "<p><button type=\"submit\">%s</button></p>\n</form>\n", msg(MSG_DV_FIND));
}

/* GET /documents/verify — the form. */
void page_documents_verify(struct req *r, struct resp *w)
{
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_DV_TITLE));
	html_printf(&h, "<h1>%s</h1>\n<p>%s</p>\n", msg(MSG_DV_TITLE), msg(MSG_DV_LEAD));
	verify_form(r, &h, NULL);
	layout_end(r, &h);
	w->max_age = 300;
}

/* The verdict and, when coso issued the file, its record. */
static void verdict_section(struct req *r, struct html *h, struct dbc *c, const struct doc_verdict *v,
			    const struct doc_record *d)
{
	bool genuine = !v->why && d;
	html_printf(h, "<div class=\"%s\" role=\"status\" id=\"verdict\"><p><strong>%s</strong></p>", genuine ? "ok" : "error",
		    genuine ? msg(MSG_DV_GENUINE) : msg(MSG_DV_NOT_GENUINE));
	if (v->why)
		html_printf(h, "<p>%s</p>", v->why);
	else if (!d)
		html_printf(h, "<p>%s</p>", msg(MSG_DV_UNKNOWN));
	html_lit(h, "</div>\n");
	html_printf(h, "<dl class=\"facts\">\n<dt>%s</dt><dd><code>%s</code></dd>\n", msg(MSG_DV_SHA256), v->sha256);
	if (v->signed_) {
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DV_SIGNER), v->signer);
		if (*v->when) {
			/* D:YYYYMMDDHHmmSS+07'00' */
			char t[24] = "";
			if (strlen(v->when) >= 14)
				snprintf(t, sizeof t, "%.2s:%.2s %.2s/%.2s/%.4s", v->when + 10, v->when + 12, v->when + 8,
					 v->when + 6, v->when + 2);
			html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DV_WHEN), t);
		}
	}
	html_lit(h, "</dl>\n");
	if (d)
		record_dl(r, h, c, d);
}

/* POST /documents/verify — multipart: file (PDF), csrf. Reads nothing but
 * the register; keeps nothing of the file. */
void page_documents_verify_post(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const struct upload *f = req_file(r, "file");
	struct problems pr = {.a = r->a};
	if (!f || !f->len)
		problems_add(&pr, "file", msg(MSG_DV_NO_FILE));
	else if (f->len > VERIFY_MAX_BYTES || f->len < 5 || memcmp(f->data, "%PDF-", 5))
		problems_add(&pr, "file", msg(MSG_DV_NOT_PDF));
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_DV_TITLE));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_DV_TITLE));
	if (pr.n) {
		verify_form(r, &h, &pr);
		layout_end(r, &h);
		w->status = 400;
		return;
	}
	struct doc_verdict v;
	doc_verify(f->data, f->len, &v);
	struct doc_record d;
	bool known = !doc_by_sha256(r->a, c, v.sha256, &d);
	verdict_section(r, &h, c, &v, known ? &d : NULL);
	html_printf(&h, "<p><a href=\"/documents/verify\">%s</a></p>\n", msg(MSG_DV_AGAIN));
	layout_end(r, &h);
}

/* GET /documents?unit=CODE&number=12/TB-UBND — an issued document by its number. */
void page_documents_find(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *unit = req_query(r, "unit"), *number = req_query(r, "number");
	struct doc_record d;
	enum app_err e = unit && number && *unit && *number ? doc_by_number(r->a, c, unit, number, &d) : APP_EINVAL;
	if (e && e != APP_ENOTFOUND && e != APP_EINVAL) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	layout_begin(r, &h, msg(MSG_DV_TITLE));
	html_printf(&h, "<h1>%s</h1>\n", msg(MSG_DV_TITLE));
	if (e) {
		html_printf(&h, "<div class=\"error\" role=\"alert\" id=\"verdict\"><p>%s</p></div>\n",
			    e == APP_EINVAL ? msg(MSG_DV_GIVE_BOTH) : msg(MSG_DV_NO_SUCH));
		verify_form(r, &h, NULL);
		w->status = e == APP_EINVAL ? 400 : 404;
	} else {
		html_printf(&h, "<div class=\"ok\" role=\"status\" id=\"verdict\"><p><strong>%s</strong></p></div>\n",
			    msg(MSG_DV_ISSUED_BY_COSO));
		record_dl(r, &h, c, &d);
		html_printf(&h, "<p>%s</p>\n", msg(MSG_DV_COMPARE));
		w->max_age = 60;
	}
	layout_end(r, &h);
}

/* GET /api/v1/documents/{sha256} — the document coso issued with exactly
 * these bytes (a client hashes the PDF it holds): its number, date, subject,
 * signer and where its act is; 404 when no issued document has them. */
void api_document(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	const char *sha = r->param[0];
	bool hex = strlen(sha) == 64;
	for (const char *p = sha; hex && *p; p++)
		hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
	if (!hex) {
		http_send_json_error(r, w, APP_EINVAL, "sha256", msg(MSG_DV_BAD_SHA));
		return;
	}
	struct doc_record d;
	enum app_err e = doc_by_sha256(r->a, c, sha, &d);
	if (e) {
		http_send_json_error(r, w, e, "sha256", e == APP_ENOTFOUND ? msg(MSG_DV_UNKNOWN_SHA) : NULL);
		return;
	}
	struct unit u;
	bool hasu = !units_get_id(r->a, c, d.unit_id, &u);
	const char *subj = ledger_subject(r->a, &d), *href = about_href(r->a, &d, hasu ? u.code : "");
	int64_t idx = subj ? ledger_index_of_subject(c, subj) : -1;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "sha256", sha, "number", d.number, "type",
			      doc_type_codes[d.type], "title", d.title, "issued_at", (json_int_t)d.issued_at, "unit",
			      hasu ? u.code : "", "signer", d.signer);
	json_object_set_new(o, "url", href ? json_string(href) : json_null());
	json_object_set_new(o, "ledger_index", idx >= 0 ? json_integer(idx) : json_null());
	http_send_json(w, o);
	w->max_age = 300;
}

void documents_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	bool admin = auth_caps_at(r->user, u->path) & CAP_UNITS;
	if (!units_kind_is_commune_level(u->kind) && !admin)
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/documents/verify\">%s</a></li>", msg(MSG_DV_SECTION),
		    msg(MSG_DV_TITLE));
	if (admin)
		html_printf(h, "<li><a href=\"/admin/units/%s/certificate\">%s</a> (%s)</li>", u->code, msg(MSG_DV_CERT_TITLE),
			    doc_unit_can_sign(u->code) ? msg(MSG_DV_CERT_HAS) : msg(MSG_DV_CERT_NONE_SHORT));
	html_lit(h, "</ul>\n");
}

/* ---- a unit's signing certificate (administrators) ---- */

static bool cert_unit_or_respond(struct req *r, struct resp *w, struct dbc **c, struct unit *u)
{
	if (!(*c = units_path_unit_or_respond(r, w, false, u)))
		return false;
	if (!(auth_caps_at(r->user, u->path) & CAP_UNITS)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_ERR_SCOPE));
		return false;
	}
	return true;
}

static void cert_page(struct req *r, struct resp *w, const struct unit *u, const struct problems *pr, bool done)
{
	buf_reset(&w->body);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s: %s", msg(MSG_DV_CERT_TITLE), u->title);
	layout_begin(r, &h, title);
	html_printf(&h, "<p><a href=\"/units/%s\">← %s</a></p>\n<h1>%s</h1>\n<p>%s</p>\n", u->code, u->title, title,
		    msg(MSG_DV_CERT_LEAD));
	if (done)
		html_printf(&h, "<p class=\"ok\" role=\"status\">%s</p>\n", msg(MSG_DV_CERT_DONE));
	html_printf(&h, "<p>%s: <strong>%s</strong></p>\n", msg(MSG_DV_CERT_STATE),
		    doc_unit_can_sign(u->code) ? msg(MSG_DV_CERT_HAS) : msg(MSG_DV_CERT_NONE));
	form_problems(&h, pr);
	form_begin(r, &h, arena_printf(r->a, "/admin/units/%s/certificate", u->code), true);
	form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_DV_CERT_FILE), .type = "file", .required = true,
					    .accept = ".p12,.pfx,application/x-pkcs12"},
		   pr);
	form_field(&h, &(struct form_field){.name = "password", .label = msg(MSG_DV_CERT_PASSWORD), .type = "password",
					    .autocomplete = "off"},
		   pr);
	html_printf(&h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_DV_CERT_INSTALL));
	form_end(&h);
	layout_end(r, &h);
}

struct cert_job {
	const struct unit *u;
	int64_t actor, on_behalf, now;
};

/* The act is recorded (who gave the unit a key, when); the key itself never is. */
static enum app_err cert_event_fn(struct dbc *c, void *arg)
{
	struct cert_job *j = arg;
	struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = j->u->id,
			   .kind = "unit.certificate", .about = "unit", .about_code = j->u->code};
	return events_add(c, &ev, NULL);
}

/* GET /admin/units/{code}/certificate */
void page_unit_certificate(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (cert_unit_or_respond(r, w, &c, &u))
		cert_page(r, w, &u, NULL, false);
}

/* POST /admin/units/{code}/certificate — multipart: file (PKCS#12), password,
 * csrf. The key is written to the keys directory (0600), never to the
 * database nor the log; an event records who installed a certificate. */
void page_unit_certificate_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct unit u;
	if (!cert_unit_or_respond(r, w, &c, &u))
		return;
	const struct upload *f = req_file(r, "file");
	struct problems pr = {.a = r->a};
	const char *why = NULL;
	if (!f || !f->len)
		problems_add(&pr, "file", msg(MSG_DV_NO_FILE));
	else if (doc_key_install(u.code, f->data, f->len, req_form(r, "password"), &why))
		problems_add(&pr, "file", why ? why : msg(MSG_ERR_UNKNOWN));
	if (pr.n) {
		cert_page(r, w, &u, &pr, false);
		w->status = 400;
		return;
	}
	struct cert_job j = {&u, r->user->id, auth_on_behalf(r), time(NULL)};
	enum app_err e = db_write(r->app->db, cert_event_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	cert_page(r, w, &u, NULL, true);
}
