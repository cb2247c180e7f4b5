/*
 * notice_pages.c — the printed notice of a posting (niêm yết), as an
 * administrative document through the document writer (src/doc): the notice
 * of its current version, numbered when it was published or corrected; the
 * notice of withdrawal, with its reason, once withdrawn; a draft marked as
 * such and not numbered. Signed and stored once when the unit holds a key.
 */
#include "../doc/doc.h"
#include "../auth/auth.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../ledger/ledger.h"
#include "../pages.h"
#include "../units/units.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "dpages.h"
#include "postings.h"
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Markdown as plain paragraphs for print (bullets as "• "), in the arena. */
static const char *markdown_plain(struct arena *a, const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	struct buf b;
	buf_init(&b);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER) {
			if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)
				buf_puts(&b, cmark_node_get_literal(n));
			else if (t == CMARK_NODE_SOFTBREAK)
				buf_putc(&b, ' ');
			else if (t == CMARK_NODE_LINEBREAK)
				buf_putc(&b, '\n');
			else if (t == CMARK_NODE_ITEM)
				buf_puts(&b, "• ");
		} else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			cmark_node *parent = cmark_node_parent(n);
			bool tight = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
			buf_puts(&b, tight ? "\n" : "\n\n");
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	while (b.n && b.p[b.n - 1] == '\n')
		b.p[--b.n] = 0;
	const char *o = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return o;
}

/* Each paragraph of plain text (blank-line separated) as a body paragraph. */
static void paragraphs(struct pdf *d, struct arena *a, const char *text)
{
	char *copy = arena_strdup(a, text);
	for (char *p = copy; p && *p;) {
		char *end = strstr(p, "\n\n");
		if (end)
			*end = 0;
		doc_para(d, p);
		p = end ? end + 2 : NULL;
	}
}

void unit_doc_issuer(struct req *r, struct dbc *c, const struct unit *u, struct doc_issuer *is, struct doc_signer *sg)
{
	bool commune = units_kind_is_commune_level(u->kind);
	struct unit parent;
	bool up = !commune && *u->parent_code && !units_get(r->a, c, u->parent_code, &parent);
	doc_issuer_of(r->a, u->kind, commune, u->title, u->name, up ? parent.title : NULL, up ? parent.name : NULL, is);
	if (commune || !strcmp(u->kind, "province"))
		*sg = (struct doc_signer){.authority = msg(MSG_DOC_TM_PC), .title = msg(MSG_DOC_CHAIR),
					  .name = auth_holder_name(r->a, c, u->id, CAP_CHAIR)};
	else
		*sg = (struct doc_signer){.title = msg(MSG_DOC_HEAD_OF_UNIT),
					  .name = auth_holder_name(r->a, c, u->id, CAP_DISCLOSE)};
}

void dp_recipients(struct arena *a, const struct doc_issuer *is, const char *out[4])
{
	out[0] = arena_printf(a, "%s %s", msg(MSG_DOC_TO_COUNCIL), is->level);
	out[1] = arena_printf(a, "%s %s", msg(MSG_DOC_TO_FRONT), is->level);
	out[2] = msg(MSG_DOC_TO_VILLAGES);
	out[3] = arena_printf(a, "%s %s", msg(MSG_DOC_TO_PORTAL), is->level);
}

/* s without its final full stop, so that a sentence ends with one. */
static const char *sentence(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	return arena_strndup(a, s, n);
}

/* Everything the paper says, read before it is made (the maker reads nothing). */
struct notice {
	struct req *r;
	const struct posting *p;
	const struct posting_version *v;
	const struct doc_record *d;      /* NULL for a draft */
	const char *previous;            /* the number the correction or withdrawal replaces */
	struct doc_issuer is;
	struct doc_signer sg;
	const char *url, *leaf;          /* the online page, the ledger leaf hash */
	int64_t ledger_idx;
};

static enum app_err notice_make(void *arg, struct buf *out)
{
	struct notice *n = arg;
	struct req *r = n->r;
	const struct posting *p = n->p;
	bool withdrawal = n->d && !strcmp(n->d->part, "withdrawal");
	int64_t day = n->d ? cal_today((time_t)n->d->issued_at) : cal_today(time(NULL));
	struct doc_head h = {.type = DOC_NOTICE, .issuer = &n->is, .number = n->d ? n->d->number : NULL, .day = day,
			     .title = msg(MSG_DOC_NOTICE),
			     .subject = withdrawal ? arena_printf(r->a, "%s %s", msg(MSG_DOC_ABOUT_WITHDRAWAL), n->v->title)
						   : arena_printf(r->a, "%s %s", msg(MSG_DOC_ABOUT_DISCLOSURE), n->v->title),
			     .mark = n->d ? NULL : msg(MSG_DOC_DRAFT_MARK), .created = n->d ? n->d->issued_at : 0};
	struct pdf *d = doc_begin(&h, n->v->title);
	doc_para(d, arena_printf(r->a, "%s %s;", msg(MSG_PDF_BASIS), msg_cite(r->a, p->item.legal_basis)));
	doc_para(d, arena_printf(r->a, "%s %s %s %s;", msg(MSG_PDF_BASIS), p->decision_ref, msg(MSG_DP_DATED),
				 dp_date_vn(r, p->decision_date)));
	if (withdrawal) {
		doc_para(d, arena_printf(r->a, "%s %s, %s %s:", msg(MSG_DOC_WITHDRAW_LEAD), n->previous ? n->previous : "—",
					 msg(MSG_DOC_POSTED_FROM), dp_date_vn(r, p->start_date)));
		doc_para_style(d, n->v->title, PDF_BOLD);
		doc_para(d, arena_printf(r->a, "%s: %s.", msg(MSG_DOC_REASON), sentence(r->a, p->withdraw_reason)));
		doc_para(d, arena_printf(r->a, "%s %s %s %s.", msg(MSG_DOC_WITHDRAW_POSTED), dp_date_vn(r, p->start_date),
					 msg(MSG_DP_UNTIL_END), dp_date_vn(r, p->end_date)));
	} else {
		doc_para(d, msg(MSG_DOC_DISCLOSE_LEAD));
		if (*n->v->summary)
			doc_para_style(d, n->v->summary, PDF_BOLD);
		if (*n->v->body)
			paragraphs(d, r->a, markdown_plain(r->a, n->v->body));
		if (n->v->version > 1)
			doc_para_style(d, arena_printf(r->a, "%s %s: %s.", msg(MSG_DOC_CORRECTS),
						       n->previous ? n->previous : "—", sentence(r->a, n->v->change_note)),
				       PDF_ITALIC);
		doc_para(d, arena_printf(r->a, "%s: %s.", msg(MSG_DP_PERIOD), dp_period_text(r, p)));
		if (*p->location)
			doc_para(d, arena_printf(r->a, "%s: %s.", msg(MSG_DP_LOCATION), p->location));
		if (*p->radio_dates) {
			char *days = arena_strdup(r->a, p->radio_dates);
			struct buf b;
			buf_init(&b);
			for (char *s = NULL, *t = strtok_r(days, ";", &s); t; t = strtok_r(NULL, ";", &s))
				buf_printf(&b, "%s%s", b.n ? ", " : "", dp_date_vn(r, t));
			doc_para(d, arena_printf(r->a, "%s: %s.", msg(MSG_DOC_RADIO_DAYS), buf_str(&b)));
			buf_reset(&b);
		}
	}
	pdf_space(d, 4);
	/* the QR code leads to the page online and carries the ledger's leaf hash */
	const char *qr = n->leaf ? arena_printf(r->a, "%s#leaf-%s", n->url, n->leaf) : n->url;
	struct buf cap;
	buf_init(&cap);
	buf_printf(&cap, "%s\n%s\n%s %s", msg(MSG_PDF_ONLINE), n->url, msg(MSG_DP_HASH), n->v->content_sha256);
	if (n->ledger_idx >= 0)
		buf_printf(&cap, "\n%s #%lld: %s", msg(MSG_LEDGER), (long long)n->ledger_idx, n->leaf ? n->leaf : "");
	pdf_qr(d, qr, 96, buf_str(&cap));
	buf_reset(&cap);
	const char *rec[4];
	dp_recipients(r->a, &n->is, rec);
	doc_end(d, &n->sg, rec, units_kind_is_commune_level(p->unit.kind) ? 4 : 1);
	return pdf_finish(d, out);
}

struct issue_job {
	const struct posting *p;
	const char *part;
	int64_t at;
	struct doc_record d;
	struct arena *a;
};

/* A posting published before documents were numbered gets its number when
 * first printed, dated at its act. */
static enum app_err issue_fn(struct dbc *c, void *arg)
{
	struct issue_job *j = arg;
	return doc_issue(c, j->p->unit.id, DOC_NOTICE, doc_abbr(j->p->unit.kind, units_kind_is_commune_level(j->p->unit.kind)),
			 "posting", j->p->id, j->part, j->p->title, j->at, &j->d, j->a);
}

/* GET /disclosures/{id}.pdf — the A4 notice for the board (niêm yết). */
void page_disclosure_pdf(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct posting p;
	struct posting_version *vs;
	size_t nv;
	if (!dp_posting_or_respond(r, w, &c, &p) || !dp_versions_or_respond(r, w, c, &p, &vs, &nv))
		return;
	struct notice n = {.r = r, .p = &p, .v = &vs[nv - 1], .ledger_idx = -1};
	unit_doc_issuer(r, c, &p.unit, &n.is, &n.sg);
	n.url = arena_printf(r->a, "%s/disclosures/%lld", app_public_url(r), (long long)p.id);
	struct doc_record d, prev;
	enum app_err e = APP_OK;
	if (p.status != POSTING_DRAFT) {
		const char *part = p.status == POSTING_WITHDRAWN ? "withdrawal" : arena_printf(r->a, "notice.%d", p.version);
		e = doc_get(r->a, c, "posting", p.id, part, &d);
		if (e == APP_ENOTFOUND) {
			struct issue_job j = {&p, part, p.status == POSTING_WITHDRAWN ? p.withdrawn_at : p.updated_at, {0}, r->a};
			if (!(e = db_write_in_read(r->app->db, issue_fn, &j)))
				d = j.d;
		}
		if (e) {
			http_send_error(r, w, e, NULL);
			return;
		}
		n.d = &d;
		/* what it corrects or withdraws */
		int pv = p.status == POSTING_WITHDRAWN ? p.version : p.version - 1;
		if (pv >= 1 && !doc_get(r->a, c, "posting", p.id, arena_printf(r->a, "notice.%d", pv), &prev))
			n.previous = prev.number;
		/* the act that issued it (later acts about the posting do not change the paper) */
		n.ledger_idx = ledger_index_of_subject_at(c, arena_printf(r->a, "posting:%lld", (long long)p.id),
							  n.d->issued_at);
		struct ledger_entry le;
		if (n.ledger_idx >= 0 && !ledger_entry_get(r->a, c, n.ledger_idx, &le))
			n.leaf = le.hash;
	}
	e = n.d ? doc_pdf(r->app->db, n.d, p.unit.code, notice_make, &n, &w->body) : notice_make(&n, &w->body);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	w->ctype = "application/pdf";
	char name[96];
	snprintf(name, sizeof name, "%s", n.d ? n.d->number : "du-thao");
	for (char *q = name; *q; q++)
		if (*q == '/')
			*q = '-';
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"thong-bao-%lld-%s.pdf\"", (long long)p.id, name));
	w->max_age = 60;
}
