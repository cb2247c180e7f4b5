/*
 * layout.h — page chrome from templates/layout.html: head, navigation (with
 * the logout form and its CSRF token), the assisted-participation banner,
 * footer. Pages write their content between layout_begin and layout_end.
 * Also the form widgets that every page uses (form.c idea): the CSRF field.
 */
#ifndef COSO_LAYOUT_H
#define COSO_LAYOUT_H
#include "html.h"
#include <stdbool.h>

struct req;
struct resp;

void layout_begin(struct req *r, struct html *w, const char *title);
void layout_end(struct req *r, struct html *w);
/* <form method="post" action="..."> with the CSRF hidden field. */
void form_begin(struct req *r, struct html *w, const char *action, bool multipart);
void form_end(struct html *w);

/* The review step of an irreversible act (publish, withdraw, recognise,
 * refuse, annul, the count that closes a meeting): a POST without confirm=1
 * is answered with a page (200) that says what will happen and that it
 * cannot be undone, the fields posted again with confirm=1 to the same
 * address, and a way back; nothing is done and form_confirmed returns false.
 * It returns true when the form carries confirm=1. */
struct confirm {
	const char *title;          /* the page's heading: what is about to be done */
	const char *what;           /* plain sentences: what will happen */
	const char *button;         /* the confirming button */
	const char *back;           /* where "Quay lại" goes (a local path) */
	const char *const *fields;  /* the names of the fields to carry, NULL-terminated */
	const char *const *shown;   /* their labels, shown beside the values (NULL: not shown) */
};
bool form_confirmed(struct req *r, struct resp *w, const struct confirm *c);
/* A bar of a figure (tenths of a percent; -1: nothing to count) with a mark
 * at the threshold (percent), green when reached; hidden from screen
 * readers, so the text beside it must say the same. */
void html_bar(struct html *h, long long permille, int threshold);
/* After an act: the page it leads to says it happened (?done=CODE, one of
 * published, withdrawn, recognised, refused, annulled, amend, counted,
 * result_published); nothing for another code. */
void form_done(struct req *r, struct html *h);
/* A search (GET) form and its labelled field (id "q"), value kept; more
 * fields may follow before form_search_end writes the button and closes it. */
void form_search(struct html *w, const char *action, const char *label, const char *name, const char *value);
void form_search_end(struct html *w, const char *button);
/* A hidden field (the value escaped like every %s). */
void form_hidden(struct html *w, const char *name, const char *value);
/* A labelled input; type "text", "password", ...; value may be NULL. */
void form_input(struct html *w, const char *name, const char *label, const char *type,
		const char *value, bool required);

/* The one way a form shows its problems (util/problems.h): the summary at
 * the top, every problem linking to its field, and each field's message
 * beside it, with what was typed kept. */
struct problems;
void form_problems(struct html *w, const struct problems *p);
struct form_field {
	const char *name;  /* also the id, f-NAME */
	const char *label;
	const char *type;  /* "text", "date", "number", "textarea", "password", ... */
	const char *value; /* as typed, or NULL */
	const char *hint;  /* a line under the field, or NULL */
	bool required;
	int max;           /* maxlength of text, max of a number; 0: none */
	const char *id;    /* the id is f-ID; NULL: f-NAME (a name used twice on a page needs one) */
	const char *min;          /* the least number ("0"), or NULL */
	const char *accept;       /* file types (".csv,text/csv"), or NULL */
	bool multiple;            /* several files */
	const char *autocomplete; /* "off", "new-password"..., or NULL */
};
void form_field(struct html *w, const struct form_field *f, const struct problems *p);
/* A field's message alone, for fields written by hand (selects, checkboxes). */
void form_error(struct html *w, const struct problems *p, const char *name);
#endif
