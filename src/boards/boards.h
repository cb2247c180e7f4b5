/*
 * boards.h — the People's Inspection Board of a commune (Ban Thanh tra nhân
 * dân), checked as a whole from the village elections that put its members
 * in office (Law 10/2022 Art. 36(1); Decree 59 Art. 13(2)). A module of its
 * own (boards_module.c), which the oversight issue grows into the boards'
 * work: plans, findings, recommendations.
 */
#ifndef COSO_BOARDS_H
#define COSO_BOARDS_H
#include "../decisions/decisions.h"

#define BOARD_MIN 5 /* Law Art. 36(1); Decree 59 Art. 13(2) */

/* As many members as villages, never fewer than 5. */
int64_t board_target(int64_t villages);

/* One village and the members it elected who are in office (elected with
 * more than half of all households, recognised by the Front, not annulled). */
struct board_village {
	struct unit village;
	const char **members;
	int64_t *matters;
	size_t nmember;
	bool electing; /* an election of a member is under way */
};

struct board {
	struct board_village *v;
	size_t nv;
	int64_t members, target;
	size_t unrepresented;
};

/* The board of a commune at the instant now. */
enum app_err board_get(struct arena *a, struct dbc *c, const struct unit *commune, int64_t now, struct board *out);
/* Indicator boards.complete: the communes of the subtree whose board is complete. */
struct indicator_value;
enum app_err boards_indicator_complete(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				       int64_t now, struct indicator_value *out);
#endif
