/*
 * ledger_pages.h — route handlers of the transparency ledger's pages and proofs.
 */
#ifndef COSO_LEDGER_PAGES_H
#define COSO_LEDGER_PAGES_H
#include "../http/http.h"

http_handler_fn page_ledger, page_ledger_checkpoint, page_ledger_key, page_ledger_entry_raw,
	page_ledger_inclusion, page_ledger_consistency, page_ledger_entry;
#endif
