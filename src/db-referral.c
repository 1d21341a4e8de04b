/* db-referral.c - つなぎ: a person (or an anonymous caller) handed on to a
 * 支援関係機関, and the answers that come back.  The current state is on
 * the referral row; every change is also a referral_event row, so that the
 * timeline reads as it happened.
 *
 * The rules of the table (a reason, consent for an identified person's
 * details, a reason for 差戻し) are its CHECKs: they surface here as
 * DB_INVALID through db_fail, and the domain layer checks them first with
 * messages of its own. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

/* The state every referral starts in. */
#define DB_REFERRAL_FIRST_STATE "依頼"
/* The audit trail's name for these rows. */
#define DB_REFERRAL_EXISTS "SELECT count(*) FROM referral WHERE id = ?1"
#define DB_REFERRAL_ENTITY "referral"
/* The audit action of a state change. */
#define DB_REFERRAL_STATE_ACTION "state"
/* SQLite's LIMIT for "no limit". */
#define DB_NO_LIMIT (-1)

/* The columns db_referral_read reads, with the names the row shows.
 * LEFT JOINs, so that a referral is listed even if a name is missing. */
#define DB_REFERRAL_COLS \
    "r.id, COALESCE(r.person_id, 0), COALESCE(p.name, '')," \
    " COALESCE(r.consultation_id, 0), COALESCE(r.case_id, 0)," \
    " r.agency_id, COALESCE(a.name, ''), r.reason, r.shared," \
    " COALESCE(r.consent_id, 0), r.due_on, r.state, r.state_note," \
    " r.sent_by, COALESCE(s.name, ''), r.sent_on, r.version, r.updated_at" \
    " FROM referral r LEFT JOIN person p ON p.id = r.person_id" \
    " LEFT JOIN agency a ON a.id = r.agency_id" \
    " LEFT JOIN staff s ON s.id = r.sent_by"

/* The earliest answer due first; id keeps equal dates in a stable order. */
#define DB_REFERRAL_DUE_ORDER " ORDER BY r.due_on, r.id LIMIT ?3"

#define DB_REFERRAL_EVENT_COLS \
    "e.id, e.referral_id, e.at, e.staff_id, COALESCE(s.name, ''), e.state, e.note" \
    " FROM referral_event e LEFT JOIN staff s ON s.id = e.staff_id"

/* Free the strings of a referral row. */
void db_referral_free(db_referral *r)
{
    free(r->person_name);
    free(r->agency_name);
    free(r->reason);
    free(r->shared);
    free(r->due_on);
    free(r->state);
    free(r->state_note);
    free(r->sent_by_name);
    free(r->sent_on);
    free(r->updated_at);
    memset(r, 0, sizeof *r);
}

/* db_referral_free for db_read_rows. */
static void db_referral_free_row(void *row)
{
    db_referral_free(row);
}

/* Free a list of referral rows. */
void db_referral_list_free(db_referral *rs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_referral_free(&rs[i]);
    free(rs);
}

/* Free the strings of an event row. */
static void db_referral_event_free(db_referral_event *e)
{
    free(e->at);
    free(e->staff_name);
    free(e->state);
    free(e->note);
    memset(e, 0, sizeof *e);
}

/* db_referral_event_free for db_read_rows. */
static void db_referral_event_free_row(void *row)
{
    db_referral_event_free(row);
}

/* Free a list of event rows. */
void db_referral_event_list_free(db_referral_event *es, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_referral_event_free(&es[i]);
    free(es);
}

/* Read the DB_REFERRAL_COLS of the current row. */
static db_status db_referral_read(db *d, sqlite3_stmt *st, void *row)
{
    db_referral *r = row;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->person_id = sqlite3_column_int64(st, 1);
    r->person_name = db_col_dup(st, 2);
    r->consultation_id = sqlite3_column_int64(st, 3);
    r->case_id = sqlite3_column_int64(st, 4);
    r->agency_id = sqlite3_column_int64(st, 5);
    r->agency_name = db_col_dup(st, 6);
    r->reason = db_col_dup(st, 7);
    r->shared = db_col_dup(st, 8);
    r->consent_id = sqlite3_column_int64(st, 9);
    r->due_on = db_col_dup(st, 10);
    r->state = db_col_dup(st, 11);
    r->state_note = db_col_dup(st, 12);
    r->sent_by = sqlite3_column_int64(st, 13);
    r->sent_by_name = db_col_dup(st, 14);
    r->sent_on = db_col_dup(st, 15);
    r->version = sqlite3_column_int64(st, 16);
    r->updated_at = db_col_dup(st, 17);
    if (!r->person_name || !r->agency_name || !r->reason || !r->shared ||
        !r->due_on || !r->state || !r->state_note || !r->sent_by_name ||
        !r->sent_on || !r->updated_at) {
        db_referral_free(r);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_REFERRAL_EVENT_COLS of the current row. */
static db_status db_referral_event_read(db *d, sqlite3_stmt *st, void *row)
{
    db_referral_event *e = row;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->referral_id = sqlite3_column_int64(st, 1);
    e->at = db_col_dup(st, 2);
    e->staff_id = sqlite3_column_int64(st, 3);
    e->staff_name = db_col_dup(st, 4);
    e->state = db_col_dup(st, 5);
    e->note = db_col_dup(st, 6);
    if (!e->at || !e->staff_name || !e->state || !e->note) {
        db_referral_event_free(e);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Append an event to a referral's timeline, by the acting staff, now. */
static db_status db_referral_event_add(db *d, int64_t referral_id, const char *state,
                                       const char *note)
{
    static const char sql[] =
        "INSERT INTO referral_event(referral_id, at, staff_id, state, note)"
        " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, referral_id);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, db_actor(d));
    db_bind_text(st, 4, state);
    db_bind_text(st, 5, note);
    return db_exec_stmt(d, st, "referral event");
}

/* Insert a referral in its first state with its first event.  Must run
 * inside db_write; writes the audit row. */
db_status db_referral_insert(db *d, db_referral *r)
{
    /* The state and its note are the starting ones whatever r holds: a
     * referral is sent before anyone has answered it.  A missing actor is
     * NULL, so that the NOT NULL of sent_by refuses it. */
    static const char sql[] =
        "INSERT INTO referral(person_id, consultation_id, case_id, agency_id,"
        " reason, shared, consent_id, due_on, state, state_note, sent_by,"
        " sent_on, created_at, updated_at)"
        " VALUES (NULLIF(?1, 0), NULLIF(?2, 0), NULLIF(?3, 0), ?4, ?5, ?6,"
        " NULLIF(?7, 0), ?8, ?9, '', NULLIF(?10, 0), ?11, ?12, ?12)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, r->person_id);
    sqlite3_bind_int64(st, 2, r->consultation_id);
    sqlite3_bind_int64(st, 3, r->case_id);
    sqlite3_bind_int64(st, 4, r->agency_id);
    db_bind_text(st, 5, r->reason);
    db_bind_text(st, 6, r->shared);
    sqlite3_bind_int64(st, 7, r->consent_id);
    db_bind_text(st, 8, r->due_on);
    db_bind_text(st, 9, DB_REFERRAL_FIRST_STATE);
    sqlite3_bind_int64(st, 10, db_actor(d));
    db_bind_text(st, 11, r->sent_on);
    db_bind_now(st, 12);
    /* The reason and what was shared name people: the audit keeps the
     * state only. */
    int64_t id = 0;
    s = db_insert_done(d, st, DB_REFERRAL_ENTITY, DB_REFERRAL_FIRST_STATE, &id);
    if (s == DB_OK)
        s = db_referral_event_add(d, id, DB_REFERRAL_FIRST_STATE, "");
    if (s != DB_OK)
        return s;
    r->id = id;
    r->version = 1;
    return DB_OK;
}


/* Move a referral read at version to state, with its event.  Must run
 * inside db_write; writes the audit row. */
db_status db_referral_set_state(db *d, int64_t id, int64_t version, const char *state,
                                const char *note)
{
    static const char sql[] =
        "UPDATE referral SET state = ?1, state_note = ?2, version = version + 1,"
        " updated_at = ?3 WHERE id = ?4 AND version = ?5";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, state);
    db_bind_text(st, 2, note);
    db_bind_now(st, 3);
    sqlite3_bind_int64(st, 4, id);
    sqlite3_bind_int64(st, 5, version);
    if ((s = db_exec_versioned(d, st, "referral state", DB_REFERRAL_EXISTS, id)) != DB_OK)
        return s;
    if ((s = db_referral_event_add(d, id, state, note)) != DB_OK)
        return s;
    /* The note may name people (差戻し's reason): the audit keeps the
     * state only. */
    return db_audit(d, DB_REFERRAL_STATE_ACTION, DB_REFERRAL_ENTITY, id, state);
}

/* One referral by id, with its names. */
db_status db_referral_get(db *d, int64_t id, db_referral *out)
{
    static const char sql[] = "SELECT " DB_REFERRAL_COLS " WHERE r.id = ?1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    return db_read_one(d, st, db_referral_read, out);
}

/* The list statement for the filters given: one per combination, so that
 * each is an equality on an index (referral_agency, referral_state)
 * rather than an OR the planner cannot use one for. */
static const char *db_referral_list_sql(bool by_agency, bool by_state)
{
    static const char any_sql[] =
        "SELECT " DB_REFERRAL_COLS DB_REFERRAL_DUE_ORDER;
    static const char agency_sql[] =
        "SELECT " DB_REFERRAL_COLS " WHERE r.agency_id = ?1" DB_REFERRAL_DUE_ORDER;
    static const char state_sql[] =
        "SELECT " DB_REFERRAL_COLS " WHERE r.state = ?2" DB_REFERRAL_DUE_ORDER;
    static const char both_sql[] =
        "SELECT " DB_REFERRAL_COLS " WHERE r.agency_id = ?1 AND r.state = ?2"
        DB_REFERRAL_DUE_ORDER;
    if (by_agency)
        return by_state ? both_sql : agency_sql;
    return by_state ? state_sql : any_sql;
}

/* Referrals to an agency (0: any) in a state ("": any), the earliest due
 * first, at most limit (0: no limit). */
db_status db_referral_list(db *d, int64_t agency_id, const char *state, size_t limit,
                           db_referral **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    bool by_agency = agency_id != 0;
    bool by_state = state != NULL && state[0] != '\0';
    sqlite3_stmt *st;
    db_status s = db_prep(d, db_referral_list_sql(by_agency, by_state), &st);
    if (s != DB_OK)
        return s;
    if (by_agency)
        sqlite3_bind_int64(st, 1, agency_id);
    if (by_state)
        db_bind_text(st, 2, state);
    sqlite3_bind_int64(st, 3, limit == 0 || limit > INT64_MAX ? DB_NO_LIMIT
                                                              : (int64_t)limit);
    return db_read_rows(d, st, sizeof **out, db_referral_read, db_referral_free_row,
                        (void **)out, n);
}

/* A person's referrals, the latest sent first. */
db_status db_referral_by_person(db *d, int64_t person_id, db_referral **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_REFERRAL_COLS " WHERE r.person_id = ?1"
        " ORDER BY r.sent_on DESC, r.id DESC";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    return db_read_rows(d, st, sizeof **out, db_referral_read, db_referral_free_row,
                        (void **)out, n);
}

/* A referral's events, oldest first. */
db_status db_referral_events(db *d, int64_t referral_id, db_referral_event **out,
                             size_t *n)
{
    static const char sql[] =
        "SELECT " DB_REFERRAL_EVENT_COLS " WHERE e.referral_id = ?1"
        " ORDER BY e.at, e.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, referral_id);
    return db_read_rows(d, st, sizeof **out, db_referral_event_read,
                        db_referral_event_free_row, (void **)out, n);
}
