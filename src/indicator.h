/*
 * indicator.h — a figure a module contributes to the resolution's targets
 * (the targets engine reads them through module.h): for a unit and a period,
 * a numerator over a denominator computed from records, with the records.
 * Domain code fills these without knowing HTTP.
 */
#ifndef COSO_INDICATOR_H
#define COSO_INDICATOR_H
#include "app.h"
#include "i18n/msg.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;
struct unit;

/* One record behind an indicator: counted in the numerator or not. */
struct indicator_record {
	const char *href;
	const char *title; /* plain text */
	bool counted;
};
struct indicator_value {
	int64_t num, den;
	struct indicator_record *rec; /* the records behind den (at most INDICATOR_MAX_RECORDS) */
	size_t nrec, cap;
	bool no_records;              /* set by the caller: only the figure is wanted */
};
/* Adds a record behind den (past INDICATOR_MAX_RECORDS, or when the caller
 * wants no records, only counted). The maximum holds every village of the
 * largest province, so a province's drill-down lists all that is missing. */
void indicator_record_add(struct arena *a, struct indicator_value *v, const char *href, const char *title, bool counted);
#define INDICATOR_MAX_RECORDS 20000
/* A figure a module contributes to the resolution's targets: for a unit and
 * a period [from, to) of days (days since 1970), a numerator over a
 * denominator, computed from records at the instant now. */
struct indicator {
	const char *name;       /* "disclosure.on_time": module.what */
	enum msg_id label;      /* what it counts, for people */
	const char *unit_kinds; /* the unit kinds it applies to ("commune ward"), NULL for all */
	enum app_err (*compute)(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				int64_t now, struct indicator_value *out);
};

#endif
