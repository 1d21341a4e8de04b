/* domain.h - the rules of the counter's work, in plain C: no curses and no
 * SQL.  It reads rows as the db layer defines them. */
#ifndef TSUNAGI_DOMAIN_H
#define TSUNAGI_DOMAIN_H

#include <stdbool.h>

#include "db.h"
#include "text.h"

/* ---- persons (dom-person.c) ------------------------------------------ */

/* The label of a stored sex code (M, F, X, ""): 男, 女, その他, 不明. */
const char *dom_sex_label(const char *code);
/* The code of a label or code typed by a user; NULL when it is neither. */
const char *dom_sex_code(const char *text);

/* The person's age on today, or -1 when the birth date is unknown. */
int dom_person_age(const db_person *p, txt_date today);

/* Today's date in local time (the counter's calendar day). */
txt_date dom_today(void);

/* Check a person before saving: a birth date that is real and not in the
 * future.  Returns NULL when fine, else a Japanese message naming the
 * field. */
const char *dom_person_invalid(const db_person *p, txt_date today);

/* The 続柄 (relationship to the household head) a form offers. */
extern const char *const dom_relations[];
extern const size_t dom_n_relations;

/* ---- staff (dom-staff.c) --------------------------------------------- */

typedef enum dom_role {
    DOM_ROLE_ADMIN,        /* 管理者: registers staff, sets limits */
    DOM_ROLE_COORDINATOR,  /* 相談支援コーディネーター */
    DOM_ROLE_COUNTER,      /* 窓口職員 */
    DOM_ROLE_AGENCY,       /* 関係機関職員 */
    DOM_ROLE_UNKNOWN
} dom_role;

/* The role of a stored code ("admin" ...). */
dom_role dom_role_of(const char *code);
/* The stored code of a role. */
const char *dom_role_code(dom_role r);
/* The Japanese label of a role. */
const char *dom_role_label(dom_role r);
/* The role a user typed, as a code or a Japanese label. */
dom_role dom_role_parse(const char *text);
/* Whether a staff member may use tsunagi at all. */
bool dom_staff_may_enter(const db_staff *s);
/* Whether a staff member may register and disable staff. */
bool dom_staff_is_admin(const db_staff *s);

#endif
