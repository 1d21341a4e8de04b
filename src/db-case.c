/* db-case.c - cases (多機関協働, アウトリーチ, 参加支援) and their
 * timelines.  A case's current stage and lead are on its row; what
 * happened along the way is a case_event row each, which the schema keeps
 * as history (no update, no delete).  The domain layer decides which
 * change gets which event: these functions store what they are given. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* The stages after which a case is no longer worked on: lists show the
 * open cases before these. */
#define DB_CASE_CLOSED "('終結', '中断', '包括的相談支援に戻す')"

/* Room for an audit detail naming two ids. */
#define DB_CASE_DETAIL_MAX 64

#define DB_CASE_EXISTS "SELECT count(*) FROM support_case WHERE id = ?1"
#define DB_CASE_COLS \
    "c.id, c.person_id, COALESCE(p.name, ''), COALESCE(c.household_id, 0)," \
    " c.business, c.stage, COALESCE(c.lead_staff_id, 0), COALESCE(s.name, '')," \
    " COALESCE(c.lead_agency_id, 0), COALESCE(a.name, '')," \
    " COALESCE(c.consultation_id, 0), COALESCE(c.referral_id, 0)," \
    " c.criteria, c.tried, c.opened_on, c.version, c.updated_at" \
    " FROM support_case c LEFT JOIN person p ON p.id = c.person_id" \
    " LEFT JOIN staff s ON s.id = c.lead_staff_id" \
    " LEFT JOIN agency a ON a.id = c.lead_agency_id"

#define DB_CASE_EVENT_COLS \
    "e.id, e.case_id, e.at, e.staff_id, COALESCE(s.name, ''), e.kind," \
    " e.from_stage, e.to_stage, e.note" \
    " FROM case_event e LEFT JOIN staff s ON s.id = e.staff_id"

/* Free the strings of a case row. */
void db_case_free(db_case *c)
{
    free(c->person_name);
    free(c->business);
    free(c->stage);
    free(c->lead_staff_name);
    free(c->lead_agency_name);
    free(c->criteria);
    free(c->tried);
    free(c->opened_on);
    free(c->updated_at);
    memset(c, 0, sizeof *c);
}

/* db_case_free for db_read_rows. */
static void db_case_free_row(void *row)
{
    db_case_free(row);
}

/* Free a list of case rows. */
void db_case_list_free(db_case *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_case_free(&cs[i]);
    free(cs);
}

/* Free the strings of an event row. */
static void db_case_event_free(db_case_event *e)
{
    free(e->at);
    free(e->staff_name);
    free(e->kind);
    free(e->from_stage);
    free(e->to_stage);
    free(e->note);
    memset(e, 0, sizeof *e);
}

/* db_case_event_free for db_read_rows. */
static void db_case_event_free_row(void *row)
{
    db_case_event_free(row);
}

/* Free a list of event rows. */
void db_case_event_list_free(db_case_event *es, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_case_event_free(&es[i]);
    free(es);
}

/* Read the DB_CASE_COLS of the current row. */
static db_status db_case_read(db *d, sqlite3_stmt *st, void *row)
{
    db_case *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->person_id = sqlite3_column_int64(st, 1);
    c->person_name = db_col_dup(st, 2);
    c->household_id = sqlite3_column_int64(st, 3);
    c->business = db_col_dup(st, 4);
    c->stage = db_col_dup(st, 5);
    c->lead_staff_id = sqlite3_column_int64(st, 6);
    c->lead_staff_name = db_col_dup(st, 7);
    c->lead_agency_id = sqlite3_column_int64(st, 8);
    c->lead_agency_name = db_col_dup(st, 9);
    c->consultation_id = sqlite3_column_int64(st, 10);
    c->referral_id = sqlite3_column_int64(st, 11);
    c->criteria = db_col_dup(st, 12);
    c->tried = db_col_dup(st, 13);
    c->opened_on = db_col_dup(st, 14);
    c->version = sqlite3_column_int64(st, 15);
    c->updated_at = db_col_dup(st, 16);
    if (!c->person_name || !c->business || !c->stage || !c->lead_staff_name ||
        !c->lead_agency_name || !c->criteria || !c->tried || !c->opened_on ||
        !c->updated_at) {
        db_case_free(c);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_CASE_EVENT_COLS of the current row. */
static db_status db_case_event_read(db *d, sqlite3_stmt *st, void *row)
{
    db_case_event *e = row;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->case_id = sqlite3_column_int64(st, 1);
    e->at = db_col_dup(st, 2);
    e->staff_id = sqlite3_column_int64(st, 3);
    e->staff_name = db_col_dup(st, 4);
    e->kind = db_col_dup(st, 5);
    e->from_stage = db_col_dup(st, 6);
    e->to_stage = db_col_dup(st, 7);
    e->note = db_col_dup(st, 8);
    if (!e->at || !e->staff_name || !e->kind || !e->from_stage || !e->to_stage ||
        !e->note) {
        db_case_event_free(e);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Whether s is exactly a real ISO date: the schema does not check
 * opened_on, and a malformed one would sort a case out of its place. */
static bool db_case_iso_date(const char *s)
{
    txt_date t;
    char back[sizeof "YYYY-MM-DD"];
    if (s == NULL || s[0] == '\0' || txt_date_parse(s, strlen(s), &t) != 0)
        return false;
    txt_date_iso(t, back, sizeof back);
    return strcmp(back, s) == 0;
}

/* Insert a case.  Must run inside db_write; writes the audit row. */
db_status db_case_insert(db *d, db_case *c)
{
    static const char sql[] =
        "INSERT INTO support_case(person_id, household_id, business, stage,"
        " lead_staff_id, lead_agency_id, consultation_id, referral_id, criteria,"
        " tried, opened_on, created_at, updated_at)"
        " VALUES (?1, NULLIF(?2, 0), ?3, ?4, NULLIF(?5, 0), NULLIF(?6, 0),"
        " NULLIF(?7, 0), NULLIF(?8, 0), ?9, ?10, ?11, ?12, ?12)";
    if (!db_case_iso_date(c->opened_on))
        return db_failf(d, DB_INVALID, "%s（開始日「%s」は実在する日付ではありません）",
                        db_status_text(DB_INVALID), c->opened_on ? c->opened_on : "");
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->person_id);
    sqlite3_bind_int64(st, 2, c->household_id);
    db_bind_text(st, 3, c->business);
    db_bind_text(st, 4, c->stage);
    sqlite3_bind_int64(st, 5, c->lead_staff_id);
    sqlite3_bind_int64(st, 6, c->lead_agency_id);
    sqlite3_bind_int64(st, 7, c->consultation_id);
    sqlite3_bind_int64(st, 8, c->referral_id);
    db_bind_text(st, 9, c->criteria);
    db_bind_text(st, 10, c->tried);
    db_bind_text(st, 11, c->opened_on);
    db_bind_now(st, 12);
    /* The audit names the business only: "tried" is the counter's words
     * about a person. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, "case", c->business, &id)) != DB_OK)
        return s;
    c->id = id;
    return DB_OK;
}


/* Step a bound version-checked update of case id and audit it. */
static db_status db_case_updated(db *d, sqlite3_stmt *st, int64_t id,
                                 const char *action, const char *detail)
{
    db_status s = db_exec_versioned(d, st, action, DB_CASE_EXISTS, id);
    return s == DB_OK ? db_audit(d, action, "case", id, detail) : s;
}

/* Move a case read at version to another stage. */
db_status db_case_set_stage(db *d, int64_t id, int64_t version, const char *to)
{
    static const char sql[] =
        "UPDATE support_case SET stage = ?1, version = version + 1, updated_at = ?2"
        " WHERE id = ?3 AND version = ?4";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, to);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    return db_case_updated(d, st, id, "stage", to);
}

/* Set the lead worker and agency of a case read at version. */
db_status db_case_set_lead(db *d, int64_t id, int64_t version, int64_t staff_id,
                           int64_t agency_id)
{
    static const char sql[] =
        "UPDATE support_case SET lead_staff_id = NULLIF(?1, 0),"
        " lead_agency_id = NULLIF(?2, 0), version = version + 1, updated_at = ?3"
        " WHERE id = ?4 AND version = ?5";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, staff_id);
    sqlite3_bind_int64(st, 2, agency_id);
    db_bind_now(st, 3);
    sqlite3_bind_int64(st, 4, id);
    sqlite3_bind_int64(st, 5, version);
    char detail[DB_CASE_DETAIL_MAX];
    snprintf(detail, sizeof detail, "staff %" PRId64 " agency %" PRId64,
             staff_id, agency_id);
    return db_case_updated(d, st, id, "lead", detail);
}

/* Append an event by the acting staff member, stamped now. */
db_status db_case_event_add(db *d, db_case_event *e)
{
    static const char sql[] =
        "INSERT INTO case_event(case_id, at, staff_id, kind, from_stage, to_stage, note)"
        " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, e->case_id);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, db_actor(d));
    db_bind_text(st, 4, e->kind);
    db_bind_text(st, 5, e->from_stage);
    db_bind_text(st, 6, e->to_stage);
    db_bind_text(st, 7, e->note);
    /* The kind only: the note is the worker's record of a person. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, "case_event", e->kind, &id)) != DB_OK)
        return s;
    e->id = id;
    return DB_OK;
}

/* One case by id, with the names of its person and lead. */
db_status db_case_get(db *d, int64_t id, db_case *out)
{
    static const char sql[] = "SELECT " DB_CASE_COLS " WHERE c.id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    return db_read_one(d, st, db_case_read, out);
}

/* A person's cases: the open ones first, newest first within each. */
db_status db_case_by_person(db *d, int64_t person_id, db_case **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_CASE_COLS " WHERE c.person_id = ?1"
        " ORDER BY c.stage IN " DB_CASE_CLOSED ", c.opened_on DESC, c.id DESC";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    return db_read_rows(d, st, sizeof **out, db_case_read, db_case_free_row,
                        (void **)out, n);
}

/* Cases at a stage ("" for all), newest first, at most limit.  Two
 * statements rather than one with an OR, so that each follows its index. */
db_status db_case_by_stage(db *d, const char *stage, size_t limit, db_case **out,
                           size_t *n)
{
    static const char all_sql[] =
        "SELECT " DB_CASE_COLS " ORDER BY c.opened_on DESC, c.id DESC LIMIT ?1";
    static const char one_sql[] =
        "SELECT " DB_CASE_COLS " WHERE c.stage = ?2"
        " ORDER BY c.opened_on DESC, c.id DESC LIMIT ?1";
    *out = NULL;
    *n = 0;
    if (limit == 0)
        return DB_OK;
    bool all = stage == NULL || stage[0] == '\0';
    sqlite3_stmt *st;
    db_status s = db_prep(d, all ? all_sql : one_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    if (!all)
        db_bind_text(st, 2, stage);
    return db_read_rows(d, st, sizeof **out, db_case_read, db_case_free_row,
                        (void **)out, n);
}

/* A case's events, oldest first. */
db_status db_case_events(db *d, int64_t case_id, db_case_event **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_CASE_EVENT_COLS " WHERE e.case_id = ?1 ORDER BY e.at, e.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, case_id);
    return db_read_rows(d, st, sizeof **out, db_case_event_read,
                        db_case_event_free_row, (void **)out, n);
}
