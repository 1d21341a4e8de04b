/* db-outreach.c - the outreach list (アウトリーチ): people the counter
 * does not reach by waiting, known perhaps only in part (a nickname, an
 * address, a family member), who told of them, the relationship's stage
 * and the next attempt planned; and every attempt made to reach them.
 *
 * The rules of the tables (a source, a stage and a way from their lists,
 * a label, ISO dates) are their CHECKs: they surface here as DB_INVALID
 * through db_fail, and the domain layer checks them first with messages
 * of its own.  Attempts are history: the schema's triggers refuse to
 * change or remove one, so this file only appends them.
 *
 * What an entry says of a person (its label, address, family, situation,
 * an attempt's result) never goes into the audit trail: its rows keep the
 * stage or the way an attempt was made. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

/* The audit trail's names for these rows. */
#define DB_OUTREACH_ENTITY "outreach"
#define DB_OUTREACH_ATTEMPT_ENTITY "outreach_attempt"

#define DB_OUTREACH_EXISTS "SELECT count(*) FROM outreach WHERE id = ?1"

/* The stage an entry given none starts at, as the schema's default says;
 * the audit row of its creation names it. */
#define DB_OUTREACH_FIRST_STAGE "未接触"

/* The columns db_outreach_read reads: the worker's name, and how many
 * attempts were made and when the latest was, as subqueries on
 * outreach_attempt_entry.  A LEFT JOIN, so that an entry is listed even
 * if its worker is missing. */
#define DB_OUTREACH_COLS \
    "o.id, o.label, o.address, o.family, o.source, o.source_note," \
    " o.first_info_on, o.situation, o.stage, o.next_on, o.next_how," \
    " COALESCE(o.worker_id, 0), COALESCE(s.name, ''), COALESCE(o.meeting_id, 0)," \
    " COALESCE(o.person_id, 0), COALESCE(o.case_id, 0)," \
    " (SELECT count(*) FROM outreach_attempt a WHERE a.outreach_id = o.id)," \
    " COALESCE((SELECT max(a.done_on) FROM outreach_attempt a" \
    "  WHERE a.outreach_id = o.id), ''), o.version" \
    " FROM outreach o LEFT JOIN staff s ON s.id = o.worker_id"

/* The next attempt due first; entries with none planned ("" sorts before
 * every date) after every dated one; id keeps equal dates in a stable
 * order. */
#define DB_OUTREACH_NEXT_ORDER " ORDER BY o.next_on = '', o.next_on, o.id"

#define DB_OUTREACH_ATTEMPT_COLS \
    "a.id, a.outreach_id, a.done_on, a.how, a.reached, a.result, a.staff_id," \
    " COALESCE(s.name, '')" \
    " FROM outreach_attempt a LEFT JOIN staff s ON s.id = a.staff_id"

/* A list's limit as SQLite's LIMIT takes it: a size_t beyond int64_t is
 * as good as no limit. */
static int64_t db_outreach_limit(size_t limit)
{
    return limit > INT64_MAX ? INT64_MAX : (int64_t)limit;
}

/* ---- freeing rows ----------------------------------------------------- */

/* Free the strings of an entry row. */
void db_outreach_free(db_outreach *o)
{
    free(o->label);
    free(o->address);
    free(o->family);
    free(o->source);
    free(o->source_note);
    free(o->first_info_on);
    free(o->situation);
    free(o->stage);
    free(o->next_on);
    free(o->next_how);
    free(o->worker_name);
    free(o->last_attempt_on);
    memset(o, 0, sizeof *o);
}

/* db_outreach_free for db_read_rows. */
static void db_outreach_free_row(void *row)
{
    db_outreach_free(row);
}

/* Free a list of entry rows. */
void db_outreach_list_free(db_outreach *os, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_outreach_free(&os[i]);
    free(os);
}

/* Free the strings of an attempt row. */
static void db_outreach_attempt_free(db_outreach_attempt *a)
{
    free(a->done_on);
    free(a->how);
    free(a->result);
    free(a->staff_name);
    memset(a, 0, sizeof *a);
}

/* db_outreach_attempt_free for db_read_rows. */
static void db_outreach_attempt_free_row(void *row)
{
    db_outreach_attempt_free(row);
}

/* Free a list of attempt rows. */
void db_outreach_attempt_list_free(db_outreach_attempt *as, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_outreach_attempt_free(&as[i]);
    free(as);
}

/* ---- reading rows ----------------------------------------------------- */

/* Read the DB_OUTREACH_COLS of the current row. */
static db_status db_outreach_read(db *d, sqlite3_stmt *st, void *row)
{
    db_outreach *o = row;
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->label = db_col_dup(st, 1);
    o->address = db_col_dup(st, 2);
    o->family = db_col_dup(st, 3);
    o->source = db_col_dup(st, 4);
    o->source_note = db_col_dup(st, 5);
    o->first_info_on = db_col_dup(st, 6);
    o->situation = db_col_dup(st, 7);
    o->stage = db_col_dup(st, 8);
    o->next_on = db_col_dup(st, 9);
    o->next_how = db_col_dup(st, 10);
    o->worker_id = sqlite3_column_int64(st, 11);
    o->worker_name = db_col_dup(st, 12);
    o->meeting_id = sqlite3_column_int64(st, 13);
    o->person_id = sqlite3_column_int64(st, 14);
    o->case_id = sqlite3_column_int64(st, 15);
    o->n_attempts = sqlite3_column_int64(st, 16);
    o->last_attempt_on = db_col_dup(st, 17);
    o->version = sqlite3_column_int64(st, 18);
    if (!o->label || !o->address || !o->family || !o->source || !o->source_note ||
        !o->first_info_on || !o->situation || !o->stage || !o->next_on ||
        !o->next_how || !o->worker_name || !o->last_attempt_on) {
        db_outreach_free(o);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_OUTREACH_ATTEMPT_COLS of the current row. */
static db_status db_outreach_attempt_read(db *d, sqlite3_stmt *st, void *row)
{
    db_outreach_attempt *a = row;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->outreach_id = sqlite3_column_int64(st, 1);
    a->done_on = db_col_dup(st, 2);
    a->how = db_col_dup(st, 3);
    a->reached = sqlite3_column_int(st, 4) != 0;
    a->result = db_col_dup(st, 5);
    a->staff_id = sqlite3_column_int64(st, 6);
    a->staff_name = db_col_dup(st, 7);
    if (!a->done_on || !a->how || !a->result || !a->staff_name) {
        db_outreach_attempt_free(a);
        return db_nomem(d);
    }
    return DB_OK;
}

/* ---- entries ---------------------------------------------------------- */

/* Insert an entry (o->id and o->version set).  Must run inside db_write;
 * writes the audit row. */
db_status db_outreach_insert(db *d, db_outreach *o)
{
    /* An entry given no stage is one nobody has reached yet. */
    static const char sql[] =
        "INSERT INTO outreach(label, address, family, source, source_note,"
        " first_info_on, situation, stage, next_on, next_how, worker_id, meeting_id,"
        " person_id, case_id, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, COALESCE(NULLIF(?8, ''), '"
        DB_OUTREACH_FIRST_STAGE "'), ?9, ?10, NULLIF(?11, 0), NULLIF(?12, 0),"
        " NULLIF(?13, 0), NULLIF(?14, 0), ?15, ?15)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, o->label);
    db_bind_text(st, 2, o->address);
    db_bind_text(st, 3, o->family);
    db_bind_text(st, 4, o->source);
    db_bind_text(st, 5, o->source_note);
    db_bind_text(st, 6, o->first_info_on);
    db_bind_text(st, 7, o->situation);
    db_bind_text(st, 8, o->stage);
    db_bind_text(st, 9, o->next_on);
    db_bind_text(st, 10, o->next_how);
    sqlite3_bind_int64(st, 11, o->worker_id);
    sqlite3_bind_int64(st, 12, o->meeting_id);
    sqlite3_bind_int64(st, 13, o->person_id);
    sqlite3_bind_int64(st, 14, o->case_id);
    db_bind_now(st, 15);
    /* The stage only: the label, the address and the situation describe
     * someone who has not agreed to be recorded. */
    const char *stage = o->stage != NULL && o->stage[0] != '\0' ? o->stage
                                                                : DB_OUTREACH_FIRST_STAGE;
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_OUTREACH_ENTITY, stage, &id)) != DB_OK)
        return s;
    o->id = id;
    o->version = 1;
    return DB_OK;
}

/* Save an entry read at o->version: every field but id (o->version moves
 * on).  Must run inside db_write; writes the audit row. */
db_status db_outreach_update(db *d, db_outreach *o)
{
    static const char sql[] =
        "UPDATE outreach SET label = ?1, address = ?2, family = ?3, source = ?4,"
        " source_note = ?5, first_info_on = ?6, situation = ?7, stage = ?8,"
        " next_on = ?9, next_how = ?10, worker_id = NULLIF(?11, 0),"
        " meeting_id = NULLIF(?12, 0), person_id = NULLIF(?13, 0),"
        " case_id = NULLIF(?14, 0), version = version + 1, updated_at = ?15"
        " WHERE id = ?16 AND version = ?17";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, o->label);
    db_bind_text(st, 2, o->address);
    db_bind_text(st, 3, o->family);
    db_bind_text(st, 4, o->source);
    db_bind_text(st, 5, o->source_note);
    db_bind_text(st, 6, o->first_info_on);
    db_bind_text(st, 7, o->situation);
    db_bind_text(st, 8, o->stage);
    db_bind_text(st, 9, o->next_on);
    db_bind_text(st, 10, o->next_how);
    sqlite3_bind_int64(st, 11, o->worker_id);
    sqlite3_bind_int64(st, 12, o->meeting_id);
    sqlite3_bind_int64(st, 13, o->person_id);
    sqlite3_bind_int64(st, 14, o->case_id);
    db_bind_now(st, 15);
    sqlite3_bind_int64(st, 16, o->id);
    sqlite3_bind_int64(st, 17, o->version);
    if ((s = db_exec_versioned(d, st, "outreach update", DB_OUTREACH_EXISTS, o->id)) != DB_OK)
        return s;
    /* The stage only, as at creation. */
    if ((s = db_audit(d, "update", DB_OUTREACH_ENTITY, o->id, o->stage)) != DB_OK)
        return s;
    o->version++;
    return DB_OK;
}

/* One entry by id, with its worker's name and its attempts counted. */
db_status db_outreach_get(db *d, int64_t id, db_outreach *out)
{
    static const char sql[] = "SELECT " DB_OUTREACH_COLS " WHERE o.id = ?1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, id, db_outreach_read, out);
}

/* Entries at a stage ("" any), the next attempt due first and the
 * undated last, at most limit. */
db_status db_outreach_list(db *d, const char *stage, size_t limit, db_outreach **out,
                           size_t *n)
{
    /* Two statements rather than an OR on ?2 = '', so that the one with a
     * stage is an equality on outreach_stage. */
    static const char all_sql[] =
        "SELECT " DB_OUTREACH_COLS DB_OUTREACH_NEXT_ORDER " LIMIT ?1";
    static const char one_sql[] =
        "SELECT " DB_OUTREACH_COLS " WHERE o.stage = ?2" DB_OUTREACH_NEXT_ORDER
        " LIMIT ?1";
    *out = NULL;
    *n = 0;
    bool all = stage == NULL || stage[0] == '\0';
    sqlite3_stmt *st;
    db_status s = db_prep(d, all ? all_sql : one_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, db_outreach_limit(limit));
    if (!all)
        db_bind_text(st, 2, stage);
    return db_read_rows(d, st, sizeof **out, db_outreach_read, db_outreach_free_row,
                        (void **)out, n);
}

/* Entries whose next attempt is due on or before an ISO date, earliest
 * first, at most limit. */
db_status db_outreach_due(db *d, const char *on, size_t limit, db_outreach **out, size_t *n)
{
    /* The condition is outreach_next's own, so that the index serves and
     * the undated entries are never read. */
    static const char sql[] =
        "SELECT " DB_OUTREACH_COLS " WHERE o.next_on <> '' AND o.next_on <= ?1"
        " ORDER BY o.next_on, o.id LIMIT ?2";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, on);
    sqlite3_bind_int64(st, 2, db_outreach_limit(limit));
    return db_read_rows(d, st, sizeof **out, db_outreach_read, db_outreach_free_row,
                        (void **)out, n);
}

/* ---- attempts --------------------------------------------------------- */

/* Append an attempt by the acting staff member (a->id and a->staff_id
 * set).  Must run inside db_write; writes the audit row. */
db_status db_outreach_attempt_add(db *d, db_outreach_attempt *a)
{
    /* A missing actor is NULL, so that the NOT NULL of staff_id refuses
     * it: an attempt nobody made is no history. */
    static const char sql[] =
        "INSERT INTO outreach_attempt(outreach_id, done_on, how, reached, result,"
        " staff_id, at) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, a->outreach_id);
    db_bind_text(st, 2, a->done_on);
    db_bind_text(st, 3, a->how);
    sqlite3_bind_int(st, 4, a->reached ? 1 : 0);
    db_bind_text(st, 5, a->result);
    sqlite3_bind_int64(st, 6, db_actor(d));
    db_bind_now(st, 7);
    /* The way only: the result tells what was seen at someone's door. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_OUTREACH_ATTEMPT_ENTITY, a->how, &id)) != DB_OK)
        return s;
    a->id = id;
    a->staff_id = db_actor(d);
    return DB_OK;
}

/* An entry's attempts, oldest first, with who made each. */
db_status db_outreach_attempts(db *d, int64_t outreach_id, db_outreach_attempt **out,
                               size_t *n)
{
    static const char sql[] =
        "SELECT " DB_OUTREACH_ATTEMPT_COLS " WHERE a.outreach_id = ?1"
        " ORDER BY a.done_on, a.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, outreach_id);
    return db_read_rows(d, st, sizeof **out, db_outreach_attempt_read,
                        db_outreach_attempt_free_row, (void **)out, n);
}
