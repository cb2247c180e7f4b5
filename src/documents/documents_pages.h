/*
 * documents_pages.h — route handlers of the documents module: checking an
 * issued document, a unit's signing certificate.
 */
#ifndef COSO_DOCUMENTS_PAGES_H
#define COSO_DOCUMENTS_PAGES_H
#include "../http/http.h"

http_handler_fn page_documents_verify, page_documents_verify_post, page_documents_find, api_document,
	page_unit_certificate, page_unit_certificate_post;
#endif
