/*
 * permissions.c — who may do what in village decisions, from the
 * capabilities held at a unit (the role table in src/auth/auth.c). No other
 * file of the module looks at roles. Law 10/2022 ch. III, Decree 59/2023.
 */
#include "decisions.h"
#include "../auth/auth.h"
#include <string.h>

bool decisions_may_convene(const struct user *u, const struct unit *village)
{
	return auth_caps_own(u, village->path) & CAP_CONVENE;
}

bool decisions_holds_above(const struct user *u, const struct unit *unit, unsigned caps)
{
	return auth_caps_above(u, unit->path) & caps;
}

bool decisions_may_front(const struct user *u, const struct unit *unit)
{
	return auth_caps_at(u, unit->path) & CAP_FRONT;
}

bool decisions_may_recognise(const struct user *u, const struct matter *m, const char *recogniser)
{
	return recogniser && decisions_holds_above(u, &m->unit, !strcmp(recogniser, "front") ? CAP_FRONT : CAP_RECOGNISE);
}

bool decisions_may_annul(const struct user *u, const struct matter *m)
{
	return decisions_holds_above(u, &m->unit, CAP_RECOGNISE);
}

bool decisions_may_publish_result(const struct user *u, const struct matter *m)
{
	return decisions_may_convene(u, &m->unit) || (auth_caps_at(u, m->unit.path) & CAP_RECOGNISE);
}

bool decisions_may_add_documents(const struct user *u, const struct matter *m)
{
	return decisions_may_convene(u, &m->unit) || (auth_caps_at(u, m->unit.path) & (CAP_RECOGNISE | CAP_FRONT));
}

/* An election meeting is run by the team the commune sets up (a board's by
 * the commune or the Front), a dismissal meeting by the Front or the
 * commune (Decree 59 Arts. 7, 9), any other meeting by the village head. */
bool decisions_may_run_meeting(const struct user *u, const struct matter *m, enum meeting_kind kind)
{
	switch (kind) {
	case MEETING_HEAD_ELECTION:
		return decisions_holds_above(u, &m->unit, CAP_RECOGNISE);
	case MEETING_BOARD_ELECTION:
	case MEETING_DISMISSAL:
		return decisions_holds_above(u, &m->unit, CAP_RECOGNISE | CAP_FRONT);
	case MEETING_ORDINARY:
		break;
	}
	return decisions_may_convene(u, &m->unit);
}

/* The commune chair calls a village head's election; the Front or the chair
 * a board's (Decree 59 Art. 7). */
bool decisions_may_call_election(const struct user *u, const struct unit *village, bool head)
{
	return decisions_holds_above(u, village, head ? CAP_CHAIR : CAP_FRONT | CAP_CHAIR);
}

/* The head's own request comes from the head; the Front proposes; a
 * petition of the households is brought by the Front or the chair. */
bool decisions_may_call_dismissal(const struct user *u, const struct unit *village, const char *trigger)
{
	if (!trigger)
		return false;
	if (!strcmp(trigger, "own_request"))
		return decisions_may_convene(u, village);
	if (!strcmp(trigger, "front"))
		return decisions_holds_above(u, village, CAP_FRONT);
	return decisions_holds_above(u, village, CAP_FRONT | CAP_CHAIR);
}

bool decisions_may_set_acting(const struct user *u, const struct matter *m)
{
	return decisions_holds_above(u, &m->unit, CAP_CHAIR);
}

bool decisions_may_chair(const struct user *u, const struct unit *commune)
{
	return auth_caps_own(u, commune->path) & CAP_CHAIR;
}

/* The roles of a person as the decisions module sees them, at the unit
 * where one is held: for the /me tasks. */
unsigned decisions_duties_at(const struct user *u, const char *unit_path)
{
	unsigned caps = auth_caps_own(u, unit_path), d = 0;
	if (caps & CAP_CONVENE)
		d |= DUTY_HEAD;
	if (caps & CAP_RECOGNISE)
		d |= DUTY_COMMUNE;
	if (caps & CAP_FRONT)
		d |= DUTY_FRONT;
	return d;
}
