/* db-plan.c - support plans (支援プラン and its kinds) with the roles of
 * the agencies in them, and assessments.  A re-plan is a new row that
 * points at the plan it replaces, numbered next within its case, so that
 * every plan a case had stays readable as it was. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* Roles are numbered from here within their plan, in the order given. */
#define DB_PLAN_ROLE_FIRST 1

#define DB_PLAN_COLS \
    "id, case_id, COALESCE(replaces_id, 0), seq, type, type_reason, goal, policy," \
    " state, approved_on, monitor_on, evaluate_on, staff_id, version, created_at," \
    " updated_at FROM plan"

#define DB_ASSESSMENT_COLS \
    "id, case_id, data, staff_id, version, updated_at FROM assessment"

/* Free the strings of a role. */
static void db_plan_role_free(db_plan_role *r)
{
    free(r->agency_name);
    free(r->who);
    free(r->role);
    memset(r, 0, sizeof *r);
}

/* db_plan_role_free for db_read_rows. */
static void db_plan_role_free_row(void *row)
{
    db_plan_role_free(row);
}

/* Free the strings and roles of a plan row. */
void db_plan_free(db_plan *p)
{
    free(p->type);
    free(p->type_reason);
    free(p->goal);
    free(p->policy);
    free(p->state);
    free(p->approved_on);
    free(p->monitor_on);
    free(p->evaluate_on);
    free(p->created_at);
    free(p->updated_at);
    for (size_t i = 0; p->roles && i < p->n_roles; i++)
        db_plan_role_free(&p->roles[i]);
    free(p->roles);
    memset(p, 0, sizeof *p);
}

/* db_plan_free for db_read_rows. */
static void db_plan_free_row(void *row)
{
    db_plan_free(row);
}

/* Free a list of plan rows. */
void db_plan_list_free(db_plan *ps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_plan_free(&ps[i]);
    free(ps);
}

/* Read the DB_PLAN_COLS of the current row (roles come later). */
static db_status db_plan_read(db *d, sqlite3_stmt *st, void *row)
{
    db_plan *p = row;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->case_id = sqlite3_column_int64(st, 1);
    p->replaces_id = sqlite3_column_int64(st, 2);
    p->seq = sqlite3_column_int(st, 3);
    p->type = db_col_dup(st, 4);
    p->type_reason = db_col_dup(st, 5);
    p->goal = db_col_dup(st, 6);
    p->policy = db_col_dup(st, 7);
    p->state = db_col_dup(st, 8);
    p->approved_on = db_col_dup(st, 9);
    p->monitor_on = db_col_dup(st, 10);
    p->evaluate_on = db_col_dup(st, 11);
    p->staff_id = sqlite3_column_int64(st, 12);
    p->version = sqlite3_column_int64(st, 13);
    p->created_at = db_col_dup(st, 14);
    p->updated_at = db_col_dup(st, 15);
    if (!p->type || !p->type_reason || !p->goal || !p->policy || !p->state ||
        !p->approved_on || !p->monitor_on || !p->evaluate_on || !p->created_at ||
        !p->updated_at) {
        db_plan_free(p);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read a role joined with its agency. */
static db_status db_plan_role_read(db *d, sqlite3_stmt *st, void *row)
{
    db_plan_role *r = row;
    memset(r, 0, sizeof *r);
    r->agency_id = sqlite3_column_int64(st, 0);
    r->agency_name = db_col_dup(st, 1);
    r->who = db_col_dup(st, 2);
    r->role = db_col_dup(st, 3);
    if (!r->agency_name || !r->who || !r->role) {
        db_plan_role_free(r);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Whether s is "" or exactly a real ISO date: the schema does not check
 * the plan's dates, and the monitoring lists compare them as text. */
static bool db_plan_date_ok(const char *s)
{
    if (s == NULL || s[0] == '\0')
        return true;
    txt_date t;
    char back[sizeof "YYYY-MM-DD"];
    if (txt_date_parse(s, strlen(s), &t) != 0)
        return false;
    txt_date_iso(t, back, sizeof back);
    return strcmp(back, s) == 0;
}

/* Refuse a plan whose dates are not ISO dates before writing anything. */
static db_status db_plan_dates(db *d, const db_plan *p)
{
    const char *dates[] = { p->approved_on, p->monitor_on, p->evaluate_on };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        if (!db_plan_date_ok(dates[i]))
            return db_failf(d, DB_INVALID, "%s（日付「%s」は実在する日付ではありません）",
                            db_status_text(DB_INVALID), dates[i]);
    return DB_OK;
}

/* Who a plan or assessment is by: the one named, else the acting staff. */
static int64_t db_plan_author(const db *d, int64_t staff_id)
{
    return staff_id != 0 ? staff_id : db_actor(d);
}


/* The seq the next plan of a case gets.  Read inside the inserting
 * transaction, so that two terminals cannot take the same number. */
static db_status db_plan_next_seq(db *d, int64_t case_id, int64_t *seq)
{
    static const char sql[] =
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM plan WHERE case_id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, case_id);
    return db_step_int(d, st, seq, "plan seq");
}

/* Store the roles of a plan, numbered in the order given. */
static db_status db_plan_roles_insert(db *d, int64_t plan_id, const db_plan *p)
{
    static const char sql[] =
        "INSERT INTO plan_role(plan_id, seq, agency_id, who, role)"
        " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5)";
    for (size_t i = 0; i < p->n_roles; i++) {
        sqlite3_stmt *st;
        db_status s = db_prep(d, sql, &st);
        if (s != DB_OK)
            return s;
        sqlite3_bind_int64(st, 1, plan_id);
        sqlite3_bind_int64(st, 2, (int64_t)i + DB_PLAN_ROLE_FIRST);
        sqlite3_bind_int64(st, 3, p->roles[i].agency_id);
        db_bind_text(st, 4, p->roles[i].who);
        db_bind_text(st, 5, p->roles[i].role);
        if ((s = db_exec_stmt(d, st, "plan role")) != DB_OK)
            return s;
    }
    return DB_OK;
}

/* Remove the roles of a plan, before the saved ones replace them. */
static db_status db_plan_roles_delete(db *d, int64_t plan_id)
{
    static const char sql[] = "DELETE FROM plan_role WHERE plan_id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, plan_id);
    return db_exec_stmt(d, st, "plan role delete");
}

/* Insert a plan numbered next in its case, with its roles.  Must run
 * inside db_write; writes the audit row. */
db_status db_plan_insert(db *d, db_plan *p)
{
    static const char sql[] =
        "INSERT INTO plan(case_id, replaces_id, seq, type, type_reason, goal, policy,"
        " state, approved_on, monitor_on, evaluate_on, staff_id, created_at, updated_at)"
        " VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " NULLIF(?12, 0), ?13, ?13)";
    int64_t seq = 0, id = 0;
    db_status s = db_plan_dates(d, p);
    if (s == DB_OK)
        s = db_plan_next_seq(d, p->case_id, &seq);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, p->case_id);
    sqlite3_bind_int64(st, 2, p->replaces_id);
    sqlite3_bind_int64(st, 3, seq);
    db_bind_text(st, 4, p->type);
    db_bind_text(st, 5, p->type_reason);
    db_bind_text(st, 6, p->goal);
    db_bind_text(st, 7, p->policy);
    db_bind_text(st, 8, p->state);
    db_bind_text(st, 9, p->approved_on);
    db_bind_text(st, 10, p->monitor_on);
    db_bind_text(st, 11, p->evaluate_on);
    sqlite3_bind_int64(st, 12, db_plan_author(d, p->staff_id));
    db_bind_now(st, 13);
    /* The audit names the type only: goal and policy describe a person. */
    if ((s = db_insert_done(d, st, "plan", p->type, &id)) != DB_OK)
        return s;
    if ((s = db_plan_roles_insert(d, id, p)) != DB_OK)
        return s;
    p->id = id;
    p->seq = (int)seq;
    return DB_OK;
}

/* Save a plan read at p->version with its roles.  p is left as it was
 * (its version too): the caller reads the plan again to go on editing. */
db_status db_plan_update(db *d, db_plan *p)
{
    static const char sql[] =
        "UPDATE plan SET type = ?1, type_reason = ?2, goal = ?3, policy = ?4,"
        " state = ?5, approved_on = ?6, monitor_on = ?7, evaluate_on = ?8,"
        " version = version + 1, updated_at = ?9 WHERE id = ?10 AND version = ?11";
    static const char exists_sql[] = "SELECT count(*) FROM plan WHERE id = ?1";
    db_status s = db_plan_dates(d, p);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, p->type);
    db_bind_text(st, 2, p->type_reason);
    db_bind_text(st, 3, p->goal);
    db_bind_text(st, 4, p->policy);
    db_bind_text(st, 5, p->state);
    db_bind_text(st, 6, p->approved_on);
    db_bind_text(st, 7, p->monitor_on);
    db_bind_text(st, 8, p->evaluate_on);
    db_bind_now(st, 9);
    sqlite3_bind_int64(st, 10, p->id);
    sqlite3_bind_int64(st, 11, p->version);
    if ((s = db_exec_versioned(d, st, "plan update", exists_sql, p->id)) != DB_OK)
        return s;
    if ((s = db_plan_roles_delete(d, p->id)) != DB_OK ||
        (s = db_plan_roles_insert(d, p->id, p)) != DB_OK)
        return s;
    return db_audit(d, "update", "plan", p->id, p->state);
}

/* Read the roles of a plan read by db_plan_read, in their order. */
static db_status db_plan_roles_read(db *d, db_plan *p)
{
    static const char sql[] =
        "SELECT COALESCE(r.agency_id, 0), COALESCE(a.name, ''), r.who, r.role"
        " FROM plan_role r LEFT JOIN agency a ON a.id = r.agency_id"
        " WHERE r.plan_id = ?1 ORDER BY r.seq";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, p->id);
    return db_read_rows(d, st, sizeof *p->roles, db_plan_role_read,
                        db_plan_role_free_row, (void **)&p->roles, &p->n_roles);
}

/* Read one plan and its roles; the caller holds the read transaction. */
static db_status db_plan_get_in(db *d, int64_t id, db_plan *out)
{
    static const char sql[] = "SELECT " DB_PLAN_COLS " WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    if ((s = db_read_one(d, st, db_plan_read, out)) != DB_OK)
        return s;
    if ((s = db_plan_roles_read(d, out)) != DB_OK)
        db_plan_free(out);
    return s;
}

/* One plan by id, with its roles. */
db_status db_plan_get(db *d, int64_t id, db_plan *out)
{
    memset(out, 0, sizeof *out);
    bool began;
    db_status s = db_read_enter(d, &began);
    if (s != DB_OK)
        return s;
    s = db_plan_get_in(d, id, out);
    db_read_leave(d, began);
    return s;
}

/* Read a case's plan rows and their roles; the caller holds the read
 * transaction, so that the roles belong to the rows read. */
static db_status db_plan_by_case_in(db *d, int64_t case_id, db_plan **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_PLAN_COLS " WHERE case_id = ?1 ORDER BY seq DESC";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, case_id);
    s = db_read_rows(d, st, sizeof **out, db_plan_read, db_plan_free_row,
                     (void **)out, n);
    for (size_t i = 0; s == DB_OK && i < *n; i++)
        s = db_plan_roles_read(d, &(*out)[i]);
    if (s != DB_OK) {
        db_plan_list_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return s;
}

/* A case's plans, the latest first, each with its roles. */
db_status db_plan_by_case(db *d, int64_t case_id, db_plan **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    bool began;
    db_status s = db_read_enter(d, &began);
    if (s != DB_OK)
        return s;
    s = db_plan_by_case_in(d, case_id, out, n);
    db_read_leave(d, began);
    return s;
}

/* ---- assessments ----------------------------------------------------- */

/* Free the strings of an assessment row. */
void db_assessment_free(db_assessment *a)
{
    free(a->data);
    free(a->updated_at);
    memset(a, 0, sizeof *a);
}

/* Read the DB_ASSESSMENT_COLS of the current row. */
static db_status db_assessment_read(db *d, sqlite3_stmt *st, void *row)
{
    db_assessment *a = row;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->case_id = sqlite3_column_int64(st, 1);
    a->data = db_col_dup(st, 2);
    a->staff_id = sqlite3_column_int64(st, 3);
    a->version = sqlite3_column_int64(st, 4);
    a->updated_at = db_col_dup(st, 5);
    if (!a->data || !a->updated_at) {
        db_assessment_free(a);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Insert a new assessment; a->id and a->version receive the stored ones. */
static db_status db_assessment_insert(db *d, db_assessment *a)
{
    static const char sql[] =
        "INSERT INTO assessment(case_id, data, staff_id, created_at, updated_at)"
        " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?4)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, a->case_id);
    db_bind_text(st, 2, a->data);
    sqlite3_bind_int64(st, 3, db_plan_author(d, a->staff_id));
    db_bind_now(st, 4);
    /* The form's values stay out of the audit: they describe a person. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, "assessment", "", &id)) != DB_OK)
        return s;
    a->id = id;
    a->version = 1;
    return DB_OK;
}

/* Save an assessment read at a->version; a->version receives the new one. */
static db_status db_assessment_update(db *d, db_assessment *a)
{
    static const char sql[] =
        "UPDATE assessment SET data = ?1, staff_id = NULLIF(?2, 0),"
        " version = version + 1, updated_at = ?3 WHERE id = ?4 AND version = ?5";
    static const char exists_sql[] = "SELECT count(*) FROM assessment WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, a->data);
    sqlite3_bind_int64(st, 2, db_plan_author(d, a->staff_id));
    db_bind_now(st, 3);
    sqlite3_bind_int64(st, 4, a->id);
    sqlite3_bind_int64(st, 5, a->version);
    if ((s = db_exec_versioned(d, st, "assessment update", exists_sql, a->id)) != DB_OK)
        return s;
    if ((s = db_audit(d, "update", "assessment", a->id, "")) != DB_OK)
        return s;
    a->version++;
    return DB_OK;
}

/* Insert (a->id == 0) or update an assessment.  Must run inside db_write. */
db_status db_assessment_save(db *d, db_assessment *a)
{
    return a->id == 0 ? db_assessment_insert(d, a) : db_assessment_update(d, a);
}

/* The assessment of a case made last.  By id, not by time: a re-assessment
 * is a new row, editing an older one does not make it current, and ids do
 * not depend on the clocks of the terminals. */
db_status db_assessment_latest(db *d, int64_t case_id, db_assessment *out)
{
    static const char sql[] =
        "SELECT " DB_ASSESSMENT_COLS " WHERE case_id = ?1 ORDER BY id DESC LIMIT 1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, case_id, db_assessment_read, out);
}
