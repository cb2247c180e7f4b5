/*
 * units.h — the hierarchy of units (province > commune/ward/special zone >
 * village/residential group; agencies, public units and employers attached
 * to a province or commune), households and residents, and their imports.
 * No HTTP here: pages and API live in units_pages.c and units_api.c.
 */
#ifndef COSO_UNITS_H
#define COSO_UNITS_H
#include "../app.h"
#include "../util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;

struct unit {
	int64_t id;              /* units.id */
	const char *code;        /* national code or local code */
	const char *kind;        /* glossary code: province, commune, ... */
	const char *name;        /* short name */
	const char *title;       /* name with its prefix */
	const char *path;        /* '/24/07210/' */
	const char *parent_code; /* "" for a province */
};

/* Kinds in glossary order; whether a string is one. */
extern const char *const units_kinds[];
extern const size_t units_nkinds;
bool units_kind_valid(const char *kind);
bool units_kind_is_commune_level(const char *kind);   /* commune, ward, special_zone */
bool units_kind_is_village(const char *kind);         /* village, residential_group */
/* "Tỉnh Bắc Ninh", "Xã Lục Ngạn", ... (arena) */
const char *units_title(struct arena *a, const char *kind, const char *name, const char *code);

/* Reads a unit from a row's columns col.. (UNIT_COLS in stmts.def). */
struct db_stmt;
void units_read_at(struct arena *a, struct db_stmt *s, int col, struct unit *u);
/* Lookups; returned strings live in the arena. */
enum app_err units_get(struct arena *a, struct dbc *c, const char *code, struct unit *out);
enum app_err units_get_id(struct arena *a, struct dbc *c, int64_t id, struct unit *out);
enum app_err units_children(struct arena *a, struct dbc *c, int64_t id, struct unit **out,
			    size_t *n);
/* The units above the one at path, from the root down (not the unit itself). */
enum app_err units_ancestors(struct arena *a, struct dbc *c, const char *path, struct unit **out,
			     size_t *n);
/* Where a unit is, as people say it: its own title then the units above,
 * nearest first ("Thôn Trung, Xã Lục Ngạn, Tỉnh Bắc Ninh"); with self false
 * only the units above. In a; the title alone when they cannot be read. */
const char *units_where(struct arena *a, struct dbc *c, const struct unit *u, bool self);
enum app_err units_provinces(struct arena *a, struct dbc *c, struct unit **out, size_t *n);
/* Diacritic- and case-insensitive search on titles; best first, at most 50. */
enum app_err units_search(struct arena *a, struct dbc *c, const char *q, struct unit **out,
			  size_t *n);

struct units_filter {
	int64_t parent_id;     /* 0 = any */
	const char *kind;      /* NULL = any */
	const char *q;         /* NULL = any; folded match on title */
	const char *after;     /* cursor: codes after this one */
	int limit;             /* 1..1000 */
};
enum app_err units_list(struct arena *a, struct dbc *c, const struct units_filter *f,
			struct unit **out, size_t *n, int64_t *total);

struct unit_stats {
	int64_t nkind[9];      /* units below, per units_kinds index */
	int64_t households;    /* active households below */
	int64_t people;        /* members of those households */
};
enum app_err units_stats(struct dbc *c, const struct unit *u, struct unit_stats *out);
/* Indicator units.active (module.h): commune-level units with a public act in the period. */
struct indicator_value;
enum app_err units_indicator_active(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				    int64_t now, bool (*is_work)(const char *kind), struct indicator_value *out);

/* Creates a unit below parent (villages, agencies...). Validates kind against
 * the parent's kind. */
struct problems;
/* Adds to pr every problem of a new unit's code, name and kind (fields
 * "code", "name", "kind"); returns how many. units_create refuses the same. */
size_t units_create_check(const struct unit *parent, const char *code, const char *kind, const char *name,
			  struct problems *pr);
enum app_err units_create(struct dbc *c, const struct unit *parent, const char *code,
			  const char *kind, const char *name, int64_t now, int64_t *id);
/* The unit of that code, made under parent when it is not there yet (its own
 * write, for make bench's seeds); then read into out. */
struct db;
enum app_err units_ensure(struct db *db, struct arena *a, struct dbc *c, const struct unit *parent, const char *code,
			  const char *kind, const char *title, int64_t now, struct unit *out);

/* ---- imports: all or nothing, every problem reported ---- */
struct import_problem {
	int line;             /* 1-based line of the file, 0 for the file itself */
	const char *field;    /* column name, or "" */
	const char *reason;   /* Vietnamese sentence (static or arena) */
};
struct import_report {
	struct arena *a;                  /* where problems live */
	struct import_problem *problems;  /* problems found */
	size_t nproblem;
	size_t cap;
	int64_t applied;                  /* rows written when there was no problem */
};
void import_report_init(struct import_report *rep, struct arena *a);
void import_problem(struct import_report *rep, int line, const char *field, const char *reason);
/* A data file built into the binary (rules, subjects), parsed on first use
 * into a zeroed struct of size bytes and kept in *slot for every thread; the
 * one a thread parsed in vain (another stored first) is freed with done. A
 * build without the file, or with a bad one, gets an empty struct, not kept:
 * the shipped files are checked by the tests. */
typedef enum app_err import_parse_fn(const char *text, size_t n, void *out, struct import_report *rep);
void *import_embedded(void *_Atomic *slot, const char *name, size_t size, import_parse_fn *parse, void (*done)(void *));

/* The national unit list (province_code,province_name,commune_code,commune_name,
 * commune_type). Upserts by code. APP_EINVAL with problems when any line is bad. */
enum app_err units_import_csv(struct dbc *c, const char *data, size_t n, int64_t now, struct import_report *rep);
/* Households: village_code,household_code,head,address,members,representative,phone.
 * scope_path limits the villages (NULL = any). actor is recorded in the event. */
/* The household list's CSV columns: the Vietnamese header the export writes
 * and the import reads (forgiving case, diacritics, '_' for a space), and the
 * English one of earlier versions, still read. */
extern const char *const households_csv_vi[7];
extern const char *const households_csv_en[7];
enum app_err households_import_csv(struct dbc *c, const char *data, size_t n, const char *scope_path,
				   int64_t actor, int64_t on_behalf, int64_t now, struct import_report *rep);

struct household {
	int64_t id;          /* households.id */
	const char *code;    /* code in the village */
	const char *head;    /* head's name */
	const char *address; /* address */
	int64_t members;     /* member count */
	const char *rep;     /* representative's name */
	const char *phone;   /* representative's phone */
};
/* The active households of a village in code order, those matching q (a code,
 * or the name of anyone in it, diacritics optional) when q is not NULL. */
enum app_err households_list(struct arena *a, struct dbc *c, int64_t village_id, const char *q, int limit,
			     int offset, struct household **out, size_t *n);
#endif
