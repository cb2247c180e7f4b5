/*
 * boards_module.c — what the people's inspection and supervision module
 * declares to the core (module.h): the boards, the project register, the
 * conferences, the calendar (issue #17), and the election view of a
 * commune's board it started as.
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "boards.h"
#include "boards_pages.h"
#include "oversight.h"
#include "oversight_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/inspection-board", page_inspection_board, P, "inspection_board"},
	{"GET", "/api/v1/units/{code}/inspection-board", api_inspection_board, P, "api_inspection_board"},
	{"GET", "/units/{code}/boards", page_unit_boards, 0, "boards"},
	{"POST", "/units/{code}/boards", page_board_create, L | C, "board_create"},
	{"POST", "/units/{code}/staff", page_unit_staff, L | C, "unit_staff"},
	{"GET", "/boards/{id}", page_board, 0, "board"},
	{"POST", "/boards/{id}/members", page_member_add, L | C, "board_member_add"},
	{"POST", "/boards/{id}/plans", page_plan_save, L | C, "board_plan"},
	{"POST", "/boards/{id}/inspections", page_inspection_create, L | C, "board_inspection"},
	{"POST", "/boards/{id}/petitions", page_petition_create, L | C, "board_petition"},
	{"POST", "/boards/{id}/reports", page_report_issue, L | C, "board_report"},
	{"POST", "/board-members/{id}/leave", page_member_leave, L | C, "board_member_leave"},
	{"GET", "/board-reports/{id}", page_report_pdf, P, "board_report_pdf"},
	{"GET", "/inspections/{id}", page_inspection, 0, "inspection"},
	{"GET", "/inspections/{id}/files/{sha256}", page_inspection_file, 0, "inspection_file"},
	{"POST", "/inspections/{id}/findings", page_finding_add, L | C, "inspection_finding"},
	{"POST", "/inspections/{id}/record", page_inspection_record, L | C, "inspection_record"},
	{"POST", "/inspections/{id}/recommendations", page_rec_create, L | C, "inspection_rec"},
	{"GET", "/units/{code}/projects", page_unit_projects, 0, "projects"},
	{"POST", "/units/{code}/projects", page_project_create, L | C, "project_create"},
	{"GET", "/projects/{id}", page_project, 0, "project"},
	{"POST", "/projects/{id}/progress", page_project_progress, L | C, "project_progress"},
	{"POST", "/projects/{id}/milestones", page_milestone_add, L | C, "project_milestone"},
	{"POST", "/projects/{id}/milestones/{mid}/done", page_milestone_done, L | C, "project_milestone_done"},
	{"POST", "/projects/{id}/finish", page_project_finish, L | C, "project_finish"},
	{"GET", "/units/{code}/conferences", page_unit_conferences, 0, "conferences"},
	{"POST", "/units/{code}/conferences", page_conference_create, L | C, "conference_create"},
	{"GET", "/conferences/{id}", page_conference, 0, "conference"},
	{"POST", "/conferences/{id}/held", page_conference_held, L | C, "conference_held"},
	{"POST", "/conferences/{id}/reschedule", page_conference_reschedule, L | C, "conference_reschedule"},
	{"POST", "/conferences/{id}/cancel", page_conference_cancel, L | C, "conference_cancel"},
	{"POST", "/conferences/{id}/items", page_conference_item, L | C, "conference_item"},
	{"POST", "/conference-items/{id}/done", page_conference_task_done, L | C, "conference_task_done"},
	{"GET", "/units/{code}/events.ics", page_unit_ics, P, "unit_ics"},
	{"GET", "/api/v1/boards", api_boards, 0, "api_boards"},
	{"GET", "/api/v1/projects", api_projects, 0, "api_projects"},
	{"GET", "/api/v1/conferences", api_conferences, 0, "api_conferences"},
};

static const struct module_event events[] = {
	{"board.constitute", MSG_EV_BOARD_CONSTITUTE}, {"board.member", MSG_EV_BOARD_MEMBER},
	{"board.leave", MSG_EV_BOARD_LEAVE},	       {"board.staff", MSG_EV_BOARD_STAFF},
	{"board.plan", MSG_EV_BOARD_PLAN},	       {"board.plan_amend", MSG_EV_BOARD_PLAN_AMEND},
	{"board.inspection", MSG_EV_BOARD_INSPECTION}, {"board.finding", MSG_EV_BOARD_FINDING},
	{"board.inspection_record", MSG_EV_BOARD_RECORD}, {"board.recommend", MSG_EV_BOARD_RECOMMEND},
	{"board.petition", MSG_EV_BOARD_PETITION},     {"board.report", MSG_EV_BOARD_REPORT},
	{"project.create", MSG_EV_PROJECT_CREATE},     {"project.progress", MSG_EV_PROJECT_PROGRESS},
	{"project.milestone", MSG_EV_PROJECT_MILESTONE}, {"project.milestone_done", MSG_EV_PROJECT_MILESTONE_DONE},
	{"project.finish", MSG_EV_PROJECT_FINISH},     {"conference.schedule", MSG_EV_CONF_SCHEDULE},
	{"conference.held", MSG_EV_CONF_HELD},	       {"conference.question", MSG_EV_CONF_QUESTION},
	{"conference.resolution", MSG_EV_CONF_RESOLUTION}, {"conference.task", MSG_EV_CONF_TASK},
	{"conference.task_done", MSG_EV_CONF_TASK_DONE},
};

static const struct indicator indicators[] = {
	{"boards.complete", MSG_IND_BOARDS_COMPLETE, "province commune ward special_zone", boards_indicator_complete},
	{"boards.constituted", MSG_IND_BOARDS_CONSTITUTED, "province commune ward special_zone", ov_indicator_constituted},
	{"boards.planned", MSG_IND_BOARDS_PLANNED, "province commune ward special_zone", ov_indicator_planned},
	{"boards.active", MSG_IND_BOARDS_ACTIVE, "province commune ward special_zone", ov_indicator_active},
	{"conferences.held", MSG_IND_CONFERENCES_HELD, "province commune ward special_zone village residential_group",
	 ov_indicator_conferences},
	{"conferences.dialogue", MSG_IND_CONFERENCES_DIALOGUE, "province commune ward special_zone", ov_indicator_dialogue},
};

/* inspecting, supervising and answering to the people on the platform is democracy work (target T2) */
static const char *const work[] = {"board.inspection", "board.recommend", "board.report", "conference.held", NULL};

static const struct module_message messages[] = {
	{"board.inspection", "commune", "board subject start", false, false},
	{"conference.notice", "village", "title unit when place", false, false},
	{"conference.rescheduled", "village", "title unit when place reason", false, false},
	{"conference.cancelled", "village", "title unit when place reason", false, false},
};

/* "board:ID", "project:ID", "conference:ID", "inspection:ID": its page and title. */
static bool ov_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href, const char **title)
{
	int64_t n;
	if (module_subject_id(kind, "board", id, &n)) {
		struct oboard b;
		if (oboard_get(r->a, c, n, &b))
			return false;
		*href = arena_printf(r->a, "/boards/%lld", (long long)n);
		*title = b.title;
		return true;
	}
	if (module_subject_id(kind, "project", id, &n)) {
		struct project p;
		if (project_get(r->a, c, n, &p))
			return false;
		*href = arena_printf(r->a, "/projects/%lld", (long long)n);
		*title = p.title;
		return true;
	}
	if (module_subject_id(kind, "conference", id, &n)) {
		struct conference f;
		if (conference_get(r->a, c, n, &f))
			return false;
		*href = arena_printf(r->a, "/conferences/%lld", (long long)n);
		*title = f.title;
		return true;
	}
	if (module_subject_id(kind, "inspection", id, &n)) {
		struct inspection i;
		if (inspection_get(r->a, c, n, &i))
			return false;
		*href = arena_printf(r->a, "/inspections/%lld", (long long)n);
		*title = i.subject;
		return true;
	}
	return false;
}

const struct module boards_module = {
	.name = "boards",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = ov_unit_section,
	.me_tasks = ov_me_tasks,
	.subject = ov_subject,
	MODULE_TABLE(messages, messages),
	MODULE_TABLE(indicators, indicators),
	.work = work,
};
