/* module.c — the core's questions to the registered modules (see module.h). */
#include "module.h"
#include "http/server.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/log.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void module_task_add(struct module_tasks *t, const struct module_task *k)
{
	t->v = arena_grow(t->a, t->v, t->n, &t->cap, sizeof *t->v);
	t->v[t->n++] = *k;
}

void module_hit_add(struct module_hits *h, const struct module_hit *k)
{
	h->v = arena_grow(h->a, h->v, h->n, &h->cap, sizeof *h->v);
	h->v[h->n++] = *k;
}

static struct route flat[APP_MAX_ROUTES];
static size_t nflat;
static pthread_once_t flat_once = PTHREAD_ONCE_INIT;

static void flatten(void)
{
	for (size_t m = 0; m < app_nmodules; m++)
		for (size_t i = 0; i < app_modules[m]->nroutes; i++) {
			if (nflat == APP_MAX_ROUTES - 1) { /* the last metrics slot is "unmatched" */
				log_msg(LOG_ERROR, "module: too many routes, raise APP_MAX_ROUTES");
				abort(); /* a programming error, caught by the first test */
			}
			flat[nflat++] = app_modules[m]->routes[i];
		}
}

const struct route *module_routes(size_t *n)
{
	pthread_once(&flat_once, flatten);
	*n = nflat;
	return flat;
}

const char *module_event_label(const char *kind)
{
	for (size_t m = 0; m < app_nmodules; m++)
		for (size_t i = 0; i < app_modules[m]->nevents; i++)
			if (!strcmp(app_modules[m]->events[i].kind, kind))
				return msg(app_modules[m]->events[i].label);
	return kind;
}

const struct module_message *module_message(const char *kind)
{
	for (size_t m = 0; m < app_nmodules; m++)
		for (size_t i = 0; i < app_modules[m]->nmessages; i++)
			if (!strcmp(app_modules[m]->messages[i].kind, kind))
				return &app_modules[m]->messages[i];
	return NULL;
}

const struct module_sms_keyword *module_sms_keyword(const char *folded, const char **rest)
{
	for (size_t m = 0; m < app_nmodules; m++)
		for (size_t i = 0; i < app_modules[m]->nsms_keywords; i++) {
			const struct module_sms_keyword *k = &app_modules[m]->sms_keywords[i];
			size_t n = strlen(k->keyword);
			if (!strncmp(folded, k->keyword, n) && (folded[n] == ' ' || !folded[n])) {
				*rest = folded[n] ? folded + n + 1 : folded + n;
				return k;
			}
		}
	return NULL;
}

bool module_event_is_work(const char *kind)
{
	for (size_t m = 0; m < app_nmodules; m++)
		for (const char *const *w = app_modules[m]->work; w && *w; w++) {
			size_t n = strlen(*w);
			if ((*w)[n - 1] == '.' ? !strncmp(kind, *w, n) : !strcmp(kind, *w))
				return true;
		}
	return false;
}

void module_unit_sections(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	for (size_t m = 0; m < app_nmodules; m++)
		if (app_modules[m]->unit_sections)
			app_modules[m]->unit_sections(r, h, c, u);
}

/* Overdue first, then by the day due, undated last. */
static bool before(const struct module_task *a, const struct module_task *b)
{
	if (a->late != b->late)
		return a->late;
	return (a->due ? a->due : INT64_MAX) < (b->due ? b->due : INT64_MAX);
}

void module_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	for (size_t m = 0; m < app_nmodules; m++) {
		if (!app_modules[m]->me_tasks)
			continue;
		size_t before = out->n;
		if (app_modules[m]->me_tasks(r, c, now, out))
			out->n = before; /* a module that failed adds nothing, the others still do */
	}
	/* overdue first, then soonest, equal days in the order the modules gave
	 * them (a stable insertion sort: a person has tens of tasks, not thousands) */
	for (size_t i = 1; i < out->n; i++) {
		struct module_task t = out->v[i];
		size_t j = i;
		for (; j > 0 && before(&t, &out->v[j - 1]); j--)
			out->v[j] = out->v[j - 1];
		out->v[j] = t;
	}
}

void module_metrics(struct dbc *c, int64_t now, struct buf *out)
{
	for (size_t m = 0; m < app_nmodules; m++)
		if (app_modules[m]->metrics)
			app_modules[m]->metrics(c, now, out);
}

bool module_subject_id(const char *kind, const char *want, const char *id, int64_t *n)
{
	return !strcmp(kind, want) && !str_to_i64(id, 1, INT64_MAX, n);
}

bool module_subject(struct req *r, struct dbc *c, const char *subject, const char **href, const char **title)
{
	const char *colon = subject ? strchr(subject, ':') : NULL;
	if (!colon || !colon[1])
		return false;
	const char *kind = arena_strndup(r->a, subject, (size_t)(colon - subject));
	for (size_t m = 0; m < app_nmodules; m++)
		if (app_modules[m]->subject && app_modules[m]->subject(r, c, kind, colon + 1, href, title))
			return true;
	return false;
}

void module_search(struct req *r, struct dbc *c, const char *q, size_t per_module, struct module_hits *out)
{
	for (size_t m = 0; m < app_nmodules; m++) {
		if (!app_modules[m]->search)
			continue;
		size_t before = out->n;
		out->limit = per_module;
		if (app_modules[m]->search(r, c, q, out))
			out->n = before;
	}
}

const struct indicator *module_indicator_at(size_t k)
{
	for (size_t m = 0; m < app_nmodules; m++) {
		if (k < app_modules[m]->nindicators)
			return &app_modules[m]->indicators[k];
		k -= app_modules[m]->nindicators;
	}
	return NULL;
}

const struct indicator *module_indicator(const char *name)
{
	const struct indicator *ind;
	for (size_t k = 0; (ind = module_indicator_at(k)); k++)
		if (!strcmp(ind->name, name))
			return ind;
	return NULL;
}

bool indicator_applies(const struct indicator *ind, const char *kind)
{
	if (!ind->unit_kinds)
		return true;
	size_t n = strlen(kind);
	for (const char *p = ind->unit_kinds; (p = strstr(p, kind)); p += n)
		if ((p == ind->unit_kinds || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}
