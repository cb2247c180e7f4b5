/*
 * dpages.h — helpers shared by the disclosure module's pages
 * (disclosure_pages.c, compliance_pages.c, requests_pages.c).
 */
#ifndef COSO_DPAGES_H
#define COSO_DPAGES_H
#include "../html/html.h"
#include "../http/http.h"
#include "postings.h"

const char *dp_date_vn(struct req *r, const char *iso);  /* dd/mm/yyyy, "" if not a date */
const char *dp_time_vn(struct req *r, int64_t t);        /* HH:MM dd/mm/yyyy */
const char *dp_today(struct req *r);                     /* local day, yyyy-mm-dd */
/* Loads a unit that must disclose; answers 404 otherwise. */
bool dp_unit_or_respond(struct req *r, struct resp *w, const char *code, struct dbc **c, struct unit *u);
const char *dp_state_label(const char *state);
void dp_forms_text(struct req *r, struct html *h, const char *forms);
const char *dp_period_text(struct req *r, const struct posting *p);
/* The links between a unit's disclosure pages. */
void dp_unit_links(struct req *r, struct html *h, const struct unit *u);
#endif
