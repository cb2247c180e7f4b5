/*
 * ledger_pages.h — route handlers of the transparency ledger's pages and proofs.
 */
#ifndef COSO_LEDGER_PAGES_H
#define COSO_LEDGER_PAGES_H
#include "../http/http.h"

void page_ledger(struct req *r, struct resp *w);
void page_ledger_checkpoint(struct req *r, struct resp *w);
void page_ledger_key(struct req *r, struct resp *w);
void page_ledger_entry_raw(struct req *r, struct resp *w);
void page_ledger_inclusion(struct req *r, struct resp *w);
void page_ledger_consistency(struct req *r, struct resp *w);
void page_ledger_entry(struct req *r, struct resp *w);
#endif
