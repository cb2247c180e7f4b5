/*
 * documents_module.c — what the documents module declares to the core
 * (module.h): checking issued documents, units' signing certificates.
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "documents_pages.h"

static const struct route routes[] = {
	{"GET", "/documents/verify", page_documents_verify, P, "documents_verify"},
	{"POST", "/documents/verify", page_documents_verify_post, C, "documents_verify_post"},
	{"GET", "/documents", page_documents_find, P, "documents_find"},
	{"GET", "/api/v1/documents/{sha256}", api_document, P, "api_document"},
	{"GET", "/admin/units/{code}/certificate", page_unit_certificate, A, "unit_certificate"},
	{"POST", "/admin/units/{code}/certificate", page_unit_certificate_post, A | C, "unit_certificate_post"},
};

static const struct module_event events[] = {
	{"unit.certificate", MSG_EV_UNIT_CERTIFICATE},
};

const struct module documents_module = {
	.name = "documents",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = documents_unit_section,
};
