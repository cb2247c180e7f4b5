/*
 * documents_pages.h — route handlers of the documents module: checking an
 * issued document, a unit's signing certificate.
 */
#ifndef COSO_DOCUMENTS_PAGES_H
#define COSO_DOCUMENTS_PAGES_H
#include "../http/http.h"

http_handler_fn page_documents_verify, page_documents_verify_post, page_documents_find, api_document,
	page_unit_certificate, page_unit_certificate_post;
/* The documents section of a unit's page (module.h): checking a document;
 * for its administrators, its signing certificate. */
struct html;
struct dbc;
struct unit;
void documents_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
#endif
