/* indicator.c — the records behind an indicator (see indicator.h). */
#include "indicator.h"

void indicator_record_add(struct arena *a, struct indicator_value *v, const char *href, const char *title, bool counted)
{
	if (v->no_records || v->nrec == INDICATOR_MAX_RECORDS)
		return;
	v->rec = arena_grow(a, v->rec, v->nrec, &v->cap, sizeof *v->rec);
	v->rec[v->nrec++] = (struct indicator_record){href, title, counted};
}
