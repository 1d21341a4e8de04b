/* dom-staff.c - staff roles and what each may do. */
#include "config.h"

#include <string.h>

#include "domain.h"

static const struct {
    dom_role role;
    const char *code;
    const char *label;
} dom_roles[] = {
    { DOM_ROLE_ADMIN, "admin", "管理者" },
    { DOM_ROLE_COORDINATOR, "coordinator", "コーディネーター" },
    { DOM_ROLE_COUNTER, "counter", "窓口職員" },
    { DOM_ROLE_AGENCY, "agency", "関係機関職員" },
};

#define DOM_N_ROLES (sizeof dom_roles / sizeof dom_roles[0])

/* The role of a stored code. */
dom_role dom_role_of(const char *code)
{
    for (size_t i = 0; i < DOM_N_ROLES; i++)
        if (strcmp(dom_roles[i].code, code ? code : "") == 0)
            return dom_roles[i].role;
    return DOM_ROLE_UNKNOWN;
}

/* The role a user typed, as a code or a Japanese label. */
dom_role dom_role_parse(const char *text)
{
    for (size_t i = 0; i < DOM_N_ROLES; i++)
        if (strcmp(dom_roles[i].code, text) == 0 ||
            strcmp(dom_roles[i].label, text) == 0)
            return dom_roles[i].role;
    return DOM_ROLE_UNKNOWN;
}

/* The stored code of a role. */
const char *dom_role_code(dom_role r)
{
    for (size_t i = 0; i < DOM_N_ROLES; i++)
        if (dom_roles[i].role == r)
            return dom_roles[i].code;
    return "";
}

/* The Japanese label of a role. */
const char *dom_role_label(dom_role r)
{
    for (size_t i = 0; i < DOM_N_ROLES; i++)
        if (dom_roles[i].role == r)
            return dom_roles[i].label;
    return "不明";
}

/* Whether a staff member may use tsunagi at all. */
bool dom_staff_may_enter(const db_staff *s)
{
    return s->active && dom_role_of(s->role) != DOM_ROLE_UNKNOWN;
}

/* Whether a staff member may register and disable staff. */
bool dom_staff_is_admin(const db_staff *s)
{
    return dom_staff_may_enter(s) && dom_role_of(s->role) == DOM_ROLE_ADMIN;
}
