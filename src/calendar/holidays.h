/*
 * holidays.h — the holiday table in the database (days off and make-up
 * working days) as a struct cal_table for deadline arithmetic, and its seed
 * from Labour Code 2019 Art. 112. Every module that counts "ngày làm việc"
 * loads the table here and computes with src/util/cal.h.
 */
#ifndef COSO_HOLIDAYS_H
#define COSO_HOLIDAYS_H
#include "../app.h"
#include "../util/cal.h"

struct dbc;

/* Loads every entry; t->a is heap memory the caller frees. The rows are
 * parsed again only when they changed (a fingerprint read each time). */
enum app_err holidays_load(struct dbc *c, struct cal_table *t);
/* Inserts the statutory days off of years y0..y1 that are not in the table
 * yet (administrators' corrections are kept). Run inside a write. */
enum app_err holidays_seed(struct dbc *c, int y0, int y1);
#endif
