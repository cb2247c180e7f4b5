/*
 * ledger_module.c — what the ledger module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "ledger_pages.h"

static const struct route routes[] = {
	{"GET", "/ledger", page_ledger, P, "ledger"},
	{"GET", "/ledger/checkpoint", page_ledger_checkpoint, P, "ledger_checkpoint"},
	{"GET", "/ledger/key", page_ledger_key, P, "ledger_key"},
	{"GET", "/ledger/entries/{index}", page_ledger_entry_raw, P, "ledger_entry_raw"},
	{"GET", "/ledger/proof/inclusion", page_ledger_inclusion, P, "ledger_inclusion"},
	{"GET", "/ledger/proof/consistency", page_ledger_consistency, P, "ledger_consistency"},
	{"GET", "/ledger/{index}", page_ledger_entry, P, "ledger_entry"},
};

const struct module ledger_module = {
	.name = "ledger",
	MODULE_TABLE(routes, routes),
};
