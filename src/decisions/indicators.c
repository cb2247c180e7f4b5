/*
 * indicators.c — what village decisions contribute to the resolution's
 * targets (indicator.h), computed from the matters themselves.
 */
#include "decisions.h"
#include "mpages.h"
#include "../indicator.h"
#include <string.h>

#define INDICATOR_MATTERS 100000 /* matters of a subtree looked at, newest first */

/* Indicator decisions.results_published (Law 10/2022 Art. 23): of the
 * village and commune matters in the unit's subtree whose vote or meeting
 * closed in [from, to), how many have their result on the commune's
 * disclosure portal. */
enum app_err decisions_indicator_results_published(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
						   int64_t to, int64_t now, struct indicator_value *out)
{
	struct matter *ms;
	size_t n;
	enum app_err e = matter_list(a, c, u->path, INDICATOR_MATTERS, &ms, &n);
	if (e)
		return e;
	int64_t t0 = from * 86400 - 7 * 3600, t1 = to * 86400 - 7 * 3600; /* local midnights (UTC+7) */
	for (size_t i = 0; i < n; i++) {
		const struct matter *m = &ms[i];
		struct decision_rule rule;
		struct matter_result res;
		if ((e = matter_outcome(a, c, m, now, &rule, &res)))
			return e;
		if (!res.closed || m->closes_at < t0 || m->closes_at >= t1)
			continue;
		bool published = matter_posting(c, m->id) != 0;
		out->den++;
		out->num += published;
		indicator_record_add(a, out, arena_printf(a, "/matters/%lld", (long long)m->id),
				     arena_printf(a, "%s — %s", m->unit.title, m->title), published);
	}
	return APP_OK;
}
