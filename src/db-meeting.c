/* db-meeting.c - meetings (重層的支援会議, 支援会議 and the kinds a
 * municipality adds), their members and agendas, the decisions taken on
 * each case, and the settings the administrator chooses.  Also the one
 * read the agenda rules need of every open case (db_case_statuses), so
 * that the domain layer can suggest what to put on the next agenda
 * without a query per case.
 *
 * The rules of the tables (a state, a moment and a decision from their
 * lists, one row per case on an agenda) are their CHECKs and UNIQUEs:
 * they surface here as DB_INVALID through db_fail, except a case put on
 * the same agenda twice, which is DB_CONFLICT with a message of its own
 * (two terminals adding it at once is the likely cause). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* The audit trail's names for these rows. */
#define DB_SETTING_ENTITY "setting"
#define DB_MEETING_KIND_ENTITY "meeting_kind"
#define DB_MEETING_ENTITY "meeting"
#define DB_AGENDA_ENTITY "agenda_item"

#define DB_MEETING_EXISTS "SELECT count(*) FROM meeting WHERE id = ?1"
#define DB_AGENDA_EXISTS "SELECT count(*) FROM agenda_item WHERE id = ?1"

/* The state a meeting is in until it is held or called off, and the one
 * db_case_statuses looks for. */
#define DB_MEETING_PLANNED "予定"

/* The upper bound of db_meeting_list when none is given: later than any
 * ISO date, so that one statement on meeting_held serves every call. */
#define DB_MEETING_NO_END "9999-12-31"

/* The only form of starts_at besides "" ("HH:MM"; 0 stands for a digit):
 * lists sort by it as text. */
#define DB_MEETING_TIME_SHAPE "00:00"
#define DB_MEETING_HOURS 24
#define DB_MEETING_MINUTES 60

/* A consent is in force while it has no withdrawal date.  The same
 * condition as db_consent_counts (db-consent.c) uses, which is file-local
 * there: keep the two the same, or the agenda rules and the consent
 * screens would disagree about a person. */
#define DB_MEETING_CONSENT_IN_FORCE "withdrawn_on = ''"

/* The first place on an agenda. */
#define DB_AGENDA_FIRST 1
/* The characters of a UTC timestamp that are its date. */
#define DB_CASE_STATUS_DATE_LEN "10"

#define DB_MEETING_KIND_COLS \
    "id, name, confidential, active FROM meeting_kind"

/* The columns db_meeting_read reads: the kind's name and 守秘義務 with
 * each meeting, and how many items its agenda has. */
#define DB_MEETING_COLS \
    "m.id, m.kind_id, COALESCE(k.name, ''), COALESCE(k.confidential, 0)," \
    " COALESCE(m.series_id, 0), m.held_on, m.starts_at, m.place, m.regular," \
    " m.state, m.note, m.created_by," \
    " (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id), m.version" \
    " FROM meeting m LEFT JOIN meeting_kind k ON k.id = m.kind_id"

/* Members: the name is the agency's or the staff member's, whichever the
 * row names. */
#define DB_MEETING_MEMBER_COLS \
    "COALESCE(mm.agency_id, 0), COALESCE(mm.staff_id, 0)," \
    " COALESCE(a.name, s.name, ''), mm.attended" \
    " FROM meeting_member mm LEFT JOIN agency a ON a.id = mm.agency_id" \
    " LEFT JOIN staff s ON s.id = mm.staff_id"

/* The columns db_agenda_read reads, with the case, its person and the
 * meeting the item is on.  LEFT JOINs, so that an item is listed even if
 * a name is missing. */
#define DB_AGENDA_COLS \
    "i.id, i.meeting_id, i.case_id, i.position, i.moment, COALESCE(i.plan_id, 0)," \
    " i.note, i.decision, i.decision_note, i.resource_gap," \
    " COALESCE(i.decided_by, 0), i.decided_at, i.added_by, i.version," \
    " COALESCE(c.person_id, 0), COALESCE(p.name, ''), COALESCE(p.kana, '')," \
    " COALESCE(c.stage, ''), COALESCE(c.business, ''), COALESCE(m.held_on, '')," \
    " COALESCE(k.name, '')" \
    " FROM agenda_item i LEFT JOIN support_case c ON c.id = i.case_id" \
    " LEFT JOIN person p ON p.id = c.person_id" \
    " LEFT JOIN meeting m ON m.id = i.meeting_id" \
    " LEFT JOIN meeting_kind k ON k.id = m.kind_id"

/* The latest meeting first; the agenda's order within one meeting. */
#define DB_AGENDA_LATEST_ORDER " ORDER BY m.held_on DESC, m.id DESC, i.position, i.id"

/* ---- freeing rows ----------------------------------------------------- */

/* Free the strings of a kind row. */
static void db_meeting_kind_free(db_meeting_kind *k)
{
    free(k->name);
    memset(k, 0, sizeof *k);
}

/* db_meeting_kind_free for db_read_rows. */
static void db_meeting_kind_free_row(void *row)
{
    db_meeting_kind_free(row);
}

/* Free a list of kind rows. */
void db_meeting_kind_list_free(db_meeting_kind *ks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_meeting_kind_free(&ks[i]);
    free(ks);
}

/* Free the strings of a meeting row. */
void db_meeting_free(db_meeting *m)
{
    free(m->kind_name);
    free(m->held_on);
    free(m->starts_at);
    free(m->place);
    free(m->state);
    free(m->note);
    memset(m, 0, sizeof *m);
}

/* db_meeting_free for db_read_rows. */
static void db_meeting_free_row(void *row)
{
    db_meeting_free(row);
}

/* Free a list of meeting rows. */
void db_meeting_list_free(db_meeting *ms, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_meeting_free(&ms[i]);
    free(ms);
}

/* Free the strings of a member row. */
static void db_meeting_member_free(db_meeting_member *mm)
{
    free(mm->name);
    memset(mm, 0, sizeof *mm);
}

/* db_meeting_member_free for db_read_rows. */
static void db_meeting_member_free_row(void *row)
{
    db_meeting_member_free(row);
}

/* Free a list of member rows. */
void db_meeting_member_list_free(db_meeting_member *ms, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_meeting_member_free(&ms[i]);
    free(ms);
}

/* Free the strings of an agenda item row. */
void db_agenda_item_free(db_agenda_item *it)
{
    free(it->moment);
    free(it->note);
    free(it->decision);
    free(it->decision_note);
    free(it->resource_gap);
    free(it->decided_at);
    free(it->person_name);
    free(it->person_kana);
    free(it->stage);
    free(it->business);
    free(it->held_on);
    free(it->kind_name);
    memset(it, 0, sizeof *it);
}

/* db_agenda_item_free for db_read_rows. */
static void db_agenda_item_free_row(void *row)
{
    db_agenda_item_free(row);
}

/* Free a list of agenda item rows. */
void db_agenda_item_list_free(db_agenda_item *its, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_agenda_item_free(&its[i]);
    free(its);
}

/* Free the strings of a case status row. */
static void db_case_status_free(db_case_status *cs)
{
    free(cs->person_name);
    free(cs->stage);
    free(cs->business);
    free(cs->opened_on);
    free(cs->plan_state);
    free(cs->monitor_on);
    free(cs->evaluate_on);
    free(cs->assessment);
    free(cs->last_activity);
    memset(cs, 0, sizeof *cs);
}

/* db_case_status_free for db_read_rows. */
static void db_case_status_free_row(void *row)
{
    db_case_status_free(row);
}

/* Free a list of case status rows. */
void db_case_status_list_free(db_case_status *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_case_status_free(&cs[i]);
    free(cs);
}

/* ---- reading rows ----------------------------------------------------- */

/* Read the DB_MEETING_KIND_COLS of the current row. */
static db_status db_meeting_kind_read(db *d, sqlite3_stmt *st, void *row)
{
    db_meeting_kind *k = row;
    memset(k, 0, sizeof *k);
    k->id = sqlite3_column_int64(st, 0);
    k->name = db_col_dup(st, 1);
    k->confidential = sqlite3_column_int(st, 2) != 0;
    k->active = sqlite3_column_int(st, 3) != 0;
    if (!k->name) {
        db_meeting_kind_free(k);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_MEETING_COLS of the current row. */
static db_status db_meeting_read(db *d, sqlite3_stmt *st, void *row)
{
    db_meeting *m = row;
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->kind_id = sqlite3_column_int64(st, 1);
    m->kind_name = db_col_dup(st, 2);
    m->confidential = sqlite3_column_int(st, 3) != 0;
    m->series_id = sqlite3_column_int64(st, 4);
    m->held_on = db_col_dup(st, 5);
    m->starts_at = db_col_dup(st, 6);
    m->place = db_col_dup(st, 7);
    m->regular = sqlite3_column_int(st, 8) != 0;
    m->state = db_col_dup(st, 9);
    m->note = db_col_dup(st, 10);
    m->created_by = sqlite3_column_int64(st, 11);
    m->n_items = sqlite3_column_int64(st, 12);
    m->version = sqlite3_column_int64(st, 13);
    if (!m->kind_name || !m->held_on || !m->starts_at || !m->place || !m->state ||
        !m->note) {
        db_meeting_free(m);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_MEETING_MEMBER_COLS of the current row. */
static db_status db_meeting_member_read(db *d, sqlite3_stmt *st, void *row)
{
    db_meeting_member *mm = row;
    memset(mm, 0, sizeof *mm);
    mm->agency_id = sqlite3_column_int64(st, 0);
    mm->staff_id = sqlite3_column_int64(st, 1);
    mm->name = db_col_dup(st, 2);
    mm->attended = sqlite3_column_int(st, 3) != 0;
    if (!mm->name) {
        db_meeting_member_free(mm);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_AGENDA_COLS of the current row. */
static db_status db_agenda_read(db *d, sqlite3_stmt *st, void *row)
{
    db_agenda_item *it = row;
    memset(it, 0, sizeof *it);
    it->id = sqlite3_column_int64(st, 0);
    it->meeting_id = sqlite3_column_int64(st, 1);
    it->case_id = sqlite3_column_int64(st, 2);
    it->position = sqlite3_column_int64(st, 3);
    it->moment = db_col_dup(st, 4);
    it->plan_id = sqlite3_column_int64(st, 5);
    it->note = db_col_dup(st, 6);
    it->decision = db_col_dup(st, 7);
    it->decision_note = db_col_dup(st, 8);
    it->resource_gap = db_col_dup(st, 9);
    it->decided_by = sqlite3_column_int64(st, 10);
    it->decided_at = db_col_dup(st, 11);
    it->added_by = sqlite3_column_int64(st, 12);
    it->version = sqlite3_column_int64(st, 13);
    it->person_id = sqlite3_column_int64(st, 14);
    it->person_name = db_col_dup(st, 15);
    it->person_kana = db_col_dup(st, 16);
    it->stage = db_col_dup(st, 17);
    it->business = db_col_dup(st, 18);
    it->held_on = db_col_dup(st, 19);
    it->kind_name = db_col_dup(st, 20);
    if (!it->moment || !it->note || !it->decision || !it->decision_note ||
        !it->resource_gap || !it->decided_at || !it->person_name ||
        !it->person_kana || !it->stage || !it->business || !it->held_on ||
        !it->kind_name) {
        db_agenda_item_free(it);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read one row of db_case_statuses' statement. */
static db_status db_case_status_read(db *d, sqlite3_stmt *st, void *row)
{
    db_case_status *cs = row;
    memset(cs, 0, sizeof *cs);
    cs->case_id = sqlite3_column_int64(st, 0);
    cs->person_id = sqlite3_column_int64(st, 1);
    cs->person_name = db_col_dup(st, 2);
    cs->stage = db_col_dup(st, 3);
    cs->business = db_col_dup(st, 4);
    cs->opened_on = db_col_dup(st, 5);
    cs->plan_id = sqlite3_column_int64(st, 6);
    cs->plan_state = db_col_dup(st, 7);
    cs->replan = sqlite3_column_int(st, 8) != 0;
    cs->monitor_on = db_col_dup(st, 9);
    cs->evaluate_on = db_col_dup(st, 10);
    cs->assessment = db_col_dup(st, 11);
    cs->last_activity = db_col_dup(st, 12);
    cs->in_force = sqlite3_column_int(st, 13);
    cs->consents = sqlite3_column_int(st, 14);
    cs->upcoming_meeting = sqlite3_column_int64(st, 15);
    if (!cs->person_name || !cs->stage || !cs->business || !cs->opened_on ||
        !cs->plan_state || !cs->monitor_on || !cs->evaluate_on || !cs->assessment ||
        !cs->last_activity) {
        db_case_status_free(cs);
        return db_nomem(d);
    }
    return DB_OK;
}

/* ---- settings --------------------------------------------------------- */

/* A setting's value (malloc'd); DB_NOTFOUND when it was never set. */
db_status db_setting_get(db *d, const char *key, char **value)
{
    static const char sql[] = "SELECT value FROM setting WHERE key = ?1";
    *value = NULL;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *value = db_col_dup(st, 0);
        s = *value ? DB_OK : db_nomem(d);
    } else if (rc == SQLITE_DONE) {
        s = db_failf(d, DB_NOTFOUND, "設定「%s」はまだ決められていません", key ? key : "");
    } else {
        s = db_fail(d, rc, "setting");
    }
    sqlite3_reset(st);
    return s;
}

/* Set a setting, replacing its value.  Must run inside db_write; writes
 * the audit row. */
db_status db_setting_set(db *d, const char *key, const char *value)
{
    static const char sql[] =
        "INSERT INTO setting(key, value) VALUES (?1, ?2)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    if ((s = db_exec_stmt(d, st, "setting")) != DB_OK)
        return s;
    /* The administrator's choices describe the office, not a person: the
     * audit keeps the value, so that a changed rule can be traced. */
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "%s=%s", key ? key : "", value ? value : "");
    char *detail = txt_buf_take(&b);
    if (detail == NULL)
        return db_nomem(d);
    s = db_audit(d, "set", DB_SETTING_ENTITY, 0, detail);
    free(detail);
    return s;
}

/* ---- kinds of meeting ------------------------------------------------- */

/* The kinds of meeting, the active ones only unless all, by id. */
db_status db_meeting_kinds(db *d, bool all, db_meeting_kind **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_MEETING_KIND_COLS " WHERE active = 1 OR ?1 ORDER BY id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int(st, 1, all ? 1 : 0);
    return db_read_rows(d, st, sizeof **out, db_meeting_kind_read,
                        db_meeting_kind_free_row, (void **)out, n);
}

/* Add a kind of meeting (k->id set); DB_CONFLICT when the name is taken.
 * Must run inside db_write; writes the audit row. */
db_status db_meeting_kind_add(db *d, db_meeting_kind *k)
{
    static const char taken_sql[] = "SELECT count(*) FROM meeting_kind WHERE name = ?1";
    static const char sql[] =
        "INSERT INTO meeting_kind(name, confidential, active) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, taken_sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, k->name);
    int64_t taken = 0;
    if ((s = db_step_int(d, st, &taken, "meeting kind name")) != DB_OK)
        return s;
    /* Checked first rather than mapped from the UNIQUE failure, so that
     * the worker is told which rule the name broke. */
    if (taken > 0)
        return db_failf(d, DB_CONFLICT, "会議の種類「%s」はすでにあります", k->name);
    if ((s = db_prep(d, sql, &st)) != DB_OK)
        return s;
    db_bind_text(st, 1, k->name);
    sqlite3_bind_int(st, 2, k->confidential ? 1 : 0);
    sqlite3_bind_int(st, 3, k->active ? 1 : 0);
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_MEETING_KIND_ENTITY, k->name, &id)) != DB_OK)
        return s;
    k->id = id;
    return DB_OK;
}

/* ---- meetings --------------------------------------------------------- */

/* Whether s is exactly a real ISO date: the schema checks only its shape,
 * and a 2月30日 would sort a meeting out of its place. */
static bool db_meeting_date_ok(const char *s)
{
    txt_date t;
    char back[sizeof "YYYY-MM-DD"];
    if (s == NULL || s[0] == '\0' || txt_date_parse(s, strlen(s), &t) != 0)
        return false;
    txt_date_iso(t, back, sizeof back);
    return strcmp(back, s) == 0;
}

/* Whether s is "" or a time "HH:MM" of a day: the schema does not check
 * starts_at, and the lists sort by it as text. */
static bool db_meeting_time_ok(const char *s)
{
    if (s == NULL || s[0] == '\0')
        return true;
    if (strlen(s) != sizeof DB_MEETING_TIME_SHAPE - 1)
        return false;
    for (size_t i = 0; s[i] != '\0'; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (DB_MEETING_TIME_SHAPE[i] == '0' ? !digit : s[i] != DB_MEETING_TIME_SHAPE[i])
            return false;
    }
    return atoi(s) < DB_MEETING_HOURS &&
           atoi(s + sizeof "HH:" - 1) < DB_MEETING_MINUTES;
}

/* Refuse a meeting whose date or time is malformed before writing. */
static db_status db_meeting_check(db *d, const db_meeting *m)
{
    if (!db_meeting_date_ok(m->held_on))
        return db_failf(d, DB_INVALID, "%s（開催日「%s」は実在する日付ではありません）",
                        db_status_text(DB_INVALID), m->held_on ? m->held_on : "");
    if (!db_meeting_time_ok(m->starts_at))
        return db_failf(d, DB_INVALID, "%s（開始時刻「%s」は HH:MM の形ではありません）",
                        db_status_text(DB_INVALID), m->starts_at);
    return DB_OK;
}

/* Insert a meeting by the acting staff member (m->id, m->version and
 * m->created_by set).  Must run inside db_write; writes the audit row. */
db_status db_meeting_insert(db *d, db_meeting *m)
{
    /* A meeting given no state is planned, as the schema's default says.
     * A missing actor is NULL, so that the NOT NULL of created_by
     * refuses it. */
    static const char sql[] =
        "INSERT INTO meeting(kind_id, series_id, held_on, starts_at, place, regular,"
        " state, note, created_by, created_at, updated_at)"
        " VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, ?6, COALESCE(NULLIF(?7, ''), '"
        DB_MEETING_PLANNED "'), ?8, NULLIF(?9, 0), ?10, ?10)";
    db_status s = db_meeting_check(d, m);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, m->kind_id);
    sqlite3_bind_int64(st, 2, m->series_id);
    db_bind_text(st, 3, m->held_on);
    db_bind_text(st, 4, m->starts_at);
    db_bind_text(st, 5, m->place);
    sqlite3_bind_int(st, 6, m->regular ? 1 : 0);
    db_bind_text(st, 7, m->state);
    db_bind_text(st, 8, m->note);
    sqlite3_bind_int64(st, 9, db_actor(d));
    db_bind_now(st, 10);
    /* The date only: the note may name the people to be discussed. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_MEETING_ENTITY, m->held_on, &id)) != DB_OK)
        return s;
    m->id = id;
    m->version = 1;
    m->created_by = db_actor(d);
    return DB_OK;
}

/* Name the series a meeting belongs to (the first meeting of a series
 * names itself, known only once inserted).  Must run inside db_write. */
db_status db_meeting_set_series(db *d, int64_t id, int64_t series_id)
{
    static const char sql[] = "UPDATE meeting SET series_id = ?2 WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, series_id);
    if ((s = db_exec_stmt(d, st, "meeting series")) != DB_OK)
        return s;
    return db_changes(d) == 0 ? db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND))
                              : DB_OK;
}

/* Save a meeting read at m->version: its date, time, place, regular,
 * state and note (m->version moves on).  Must run inside db_write; writes
 * the audit row. */
db_status db_meeting_update(db *d, db_meeting *m)
{
    static const char sql[] =
        "UPDATE meeting SET held_on = ?1, starts_at = ?2, place = ?3, regular = ?4,"
        " state = ?5, note = ?6, version = version + 1, updated_at = ?7"
        " WHERE id = ?8 AND version = ?9";
    db_status s = db_meeting_check(d, m);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, m->held_on);
    db_bind_text(st, 2, m->starts_at);
    db_bind_text(st, 3, m->place);
    sqlite3_bind_int(st, 4, m->regular ? 1 : 0);
    db_bind_text(st, 5, m->state);
    db_bind_text(st, 6, m->note);
    db_bind_now(st, 7);
    sqlite3_bind_int64(st, 8, m->id);
    sqlite3_bind_int64(st, 9, m->version);
    if ((s = db_exec_versioned(d, st, "meeting update", DB_MEETING_EXISTS, m->id)) != DB_OK)
        return s;
    if ((s = db_audit(d, "update", DB_MEETING_ENTITY, m->id, m->state)) != DB_OK)
        return s;
    m->version++;
    return DB_OK;
}

/* One meeting by id, with its kind and the size of its agenda. */
db_status db_meeting_get(db *d, int64_t id, db_meeting *out)
{
    static const char sql[] = "SELECT " DB_MEETING_COLS " WHERE m.id = ?1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, id, db_meeting_read, out);
}

/* Meetings held from..to (ISO dates, "" for no bound), by date, time and
 * id. */
db_status db_meeting_list(db *d, const char *from, const char *to, db_meeting **out,
                          size_t *n)
{
    /* "" sorts before every date, and DB_MEETING_NO_END after: a missing
     * bound becomes one that lets everything through, so that one
     * statement follows meeting_held whatever is given. */
    static const char sql[] =
        "SELECT " DB_MEETING_COLS " WHERE m.held_on >= ?1 AND m.held_on <= ?2"
        " ORDER BY m.held_on, m.starts_at, m.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to != NULL && to[0] != '\0' ? to : DB_MEETING_NO_END);
    return db_read_rows(d, st, sizeof **out, db_meeting_read, db_meeting_free_row,
                        (void **)out, n);
}

/* A meeting's members: agencies first, then staff, each by name. */
db_status db_meeting_members(db *d, int64_t meeting_id, db_meeting_member **out,
                             size_t *n)
{
    static const char sql[] =
        "SELECT " DB_MEETING_MEMBER_COLS " WHERE mm.meeting_id = ?1"
        " ORDER BY mm.agency_id IS NULL, COALESCE(a.name, s.name, ''), mm.rowid";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_read_rows(d, st, sizeof **out, db_meeting_member_read,
                        db_meeting_member_free_row, (void **)out, n);
}

/* Refuse a member list that names one agency or staff member twice: the
 * schema's UNIQUE cannot, since the id left out is NULL in every row. */
static db_status db_meeting_members_check(db *d, const db_meeting_member *ms, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (ms[i].agency_id == ms[j].agency_id && ms[i].staff_id == ms[j].staff_id)
                return db_failf(d, DB_INVALID, "%s（同じ出席者が二度あります）",
                                db_status_text(DB_INVALID));
    return DB_OK;
}

/* Replace a meeting's members and who attended.  Must run inside
 * db_write; writes the audit row. */
db_status db_meeting_set_members(db *d, int64_t meeting_id, const db_meeting_member *ms,
                                 size_t n)
{
    static const char delete_sql[] = "DELETE FROM meeting_member WHERE meeting_id = ?1";
    static const char insert_sql[] =
        "INSERT INTO meeting_member(meeting_id, agency_id, staff_id, attended)"
        " VALUES (?1, NULLIF(?2, 0), NULLIF(?3, 0), ?4)";
    sqlite3_stmt *st;
    db_status s = db_meeting_members_check(d, ms, n);
    if (s == DB_OK)
        s = db_prep(d, DB_MEETING_EXISTS, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    int64_t exists = 0;
    if ((s = db_step_int(d, st, &exists, "meeting exists")) != DB_OK)
        return s;
    if (exists == 0)
        return db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND));
    if ((s = db_prep(d, delete_sql, &st)) != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    if ((s = db_exec_stmt(d, st, "meeting members delete")) != DB_OK)
        return s;
    for (size_t i = 0; i < n; i++) {
        if ((s = db_prep(d, insert_sql, &st)) != DB_OK)
            return s;
        sqlite3_bind_int64(st, 1, meeting_id);
        sqlite3_bind_int64(st, 2, ms[i].agency_id);
        sqlite3_bind_int64(st, 3, ms[i].staff_id);
        sqlite3_bind_int(st, 4, ms[i].attended ? 1 : 0);
        if ((s = db_exec_stmt(d, st, "meeting member")) != DB_OK)
            return s;
    }
    char detail[sizeof "18446744073709551615"];
    snprintf(detail, sizeof detail, "%zu", n);
    return db_audit(d, "members", DB_MEETING_ENTITY, meeting_id, detail);
}

/* ---- agendas ---------------------------------------------------------- */

/* A meeting's agenda, in its order. */
db_status db_agenda_items(db *d, int64_t meeting_id, db_agenda_item **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_AGENDA_COLS " WHERE i.meeting_id = ?1 ORDER BY i.position, i.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    return db_read_rows(d, st, sizeof **out, db_agenda_read, db_agenda_item_free_row,
                        (void **)out, n);
}

/* One agenda item by id, with its case, person and meeting. */
db_status db_agenda_get(db *d, int64_t id, db_agenda_item *out)
{
    static const char sql[] = "SELECT " DB_AGENDA_COLS " WHERE i.id = ?1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, id, db_agenda_read, out);
}

/* Put a case on an agenda, last, by the acting staff member (it->id,
 * it->position, it->version and it->added_by set).  Must run inside
 * db_write; writes the audit row. */
db_status db_agenda_add(db *d, db_agenda_item *it)
{
    static const char on_sql[] =
        "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2";
    static const char last_sql[] =
        "SELECT COALESCE(MAX(position), 0) FROM agenda_item WHERE meeting_id = ?1";
    /* A new item is undecided whatever it holds: the decision is taken at
     * the meeting (db_agenda_decide).  A missing actor is NULL, so that
     * the NOT NULL of added_by refuses it. */
    static const char sql[] =
        "INSERT INTO agenda_item(meeting_id, case_id, position, moment, plan_id, note,"
        " added_by, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6, NULLIF(?7, 0), ?8, ?8)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, on_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, it->meeting_id);
    sqlite3_bind_int64(st, 2, it->case_id);
    int64_t on = 0;
    if ((s = db_step_int(d, st, &on, "agenda case")) != DB_OK)
        return s;
    /* Checked first rather than mapped from the UNIQUE failure, which
     * would be DB_INVALID: another terminal adding the same case is a
     * conflict the worker resolves by reading the agenda again. */
    if (on > 0)
        return db_failf(d, DB_CONFLICT, "このケースはすでにこの会議の議題にあります");
    if ((s = db_prep(d, last_sql, &st)) != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, it->meeting_id);
    int64_t last = 0;
    if ((s = db_step_int(d, st, &last, "agenda last")) != DB_OK)
        return s;
    if ((s = db_prep(d, sql, &st)) != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, it->meeting_id);
    sqlite3_bind_int64(st, 2, it->case_id);
    sqlite3_bind_int64(st, 3, last + 1);
    db_bind_text(st, 4, it->moment);
    sqlite3_bind_int64(st, 5, it->plan_id);
    db_bind_text(st, 6, it->note);
    sqlite3_bind_int64(st, 7, db_actor(d));
    db_bind_now(st, 8);
    /* The moment only: the note is the worker's words about a person. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_AGENDA_ENTITY, it->moment, &id)) != DB_OK)
        return s;
    it->id = id;
    it->position = last + 1;
    it->version = 1;
    it->added_by = db_actor(d);
    return DB_OK;
}

/* The meeting and place of an agenda item; DB_NOTFOUND when none. */
static db_status db_agenda_place(db *d, int64_t id, int64_t *meeting_id,
                                 int64_t *position)
{
    static const char sql[] = "SELECT meeting_id, position FROM agenda_item WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *meeting_id = sqlite3_column_int64(st, 0);
        *position = sqlite3_column_int64(st, 1);
        s = DB_OK;
    } else if (rc == SQLITE_DONE) {
        s = db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND));
    } else {
        s = db_fail(d, rc, "agenda place");
    }
    sqlite3_reset(st);
    return s;
}

/* Set an item's place on its agenda.  The version stays: the order is the
 * agenda's, and moving another item must not make a worker's decision on
 * this one a conflict. */
static db_status db_agenda_set_position(db *d, int64_t id, int64_t position)
{
    static const char sql[] = "UPDATE agenda_item SET position = ?1 WHERE id = ?2";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, position);
    sqlite3_bind_int64(st, 2, id);
    return db_exec_stmt(d, st, "agenda position");
}

/* Number a meeting's items 1..n in their present order.  The ids are read
 * first and written after, so that no update changes what the read
 * sees. */
static db_status db_agenda_renumber(db *d, int64_t meeting_id)
{
    static const char sql[] =
        "SELECT id, position FROM agenda_item WHERE meeting_id = ?1"
        " ORDER BY position, id";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    int64_t *ids = NULL, *places = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            int64_t *grown_ids = realloc(ids, cap * sizeof *ids);
            if (grown_ids != NULL)
                ids = grown_ids;
            int64_t *grown_places = realloc(places, cap * sizeof *places);
            if (grown_places != NULL)
                places = grown_places;
            if (grown_ids == NULL || grown_places == NULL) {
                s = db_nomem(d);
                break;
            }
        }
        ids[n] = sqlite3_column_int64(st, 0);
        places[n] = sqlite3_column_int64(st, 1);
        n++;
    }
    if (s == DB_OK && rc != SQLITE_DONE)
        s = db_fail(d, rc, "agenda order");
    sqlite3_reset(st);
    for (size_t i = 0; s == DB_OK && i < n; i++)
        if (places[i] != (int64_t)i + DB_AGENDA_FIRST)
            s = db_agenda_set_position(d, ids[i], (int64_t)i + DB_AGENDA_FIRST);
    free(ids);
    free(places);
    return s;
}

/* Take an item read at version off its agenda and close the gap.  Must
 * run inside db_write; writes the audit row. */
db_status db_agenda_remove(db *d, int64_t id, int64_t version)
{
    static const char sql[] = "DELETE FROM agenda_item WHERE id = ?1 AND version = ?2";
    int64_t meeting_id = 0, position = 0;
    db_status s = db_agenda_place(d, id, &meeting_id, &position);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, version);
    if ((s = db_exec_versioned(d, st, "agenda remove", DB_AGENDA_EXISTS, id)) != DB_OK)
        return s;
    if ((s = db_agenda_renumber(d, meeting_id)) != DB_OK)
        return s;
    return db_audit(d, "delete", DB_AGENDA_ENTITY, id, "");
}

/* Move an item one place up (delta -1) or down (+1), swapping it with its
 * neighbour; DB_NOTFOUND at either end.  Must run inside db_write; writes
 * the audit row. */
db_status db_agenda_move(db *d, int64_t id, int delta)
{
    static const char neighbour_sql[] =
        "SELECT id FROM agenda_item WHERE meeting_id = ?1 AND position = ?2";
    if (delta != -1 && delta != 1)
        return db_failf(d, DB_INVALID, "%s（移動は一つ上か一つ下です）",
                        db_status_text(DB_INVALID));
    int64_t meeting_id = 0, position = 0;
    db_status s = db_agenda_place(d, id, &meeting_id, &position);
    /* Numbered afresh first, so that the neighbour is the item one number
     * away even if the agenda was left with a gap or a tie. */
    if (s == DB_OK)
        s = db_agenda_renumber(d, meeting_id);
    if (s == DB_OK)
        s = db_agenda_place(d, id, &meeting_id, &position);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, neighbour_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, meeting_id);
    sqlite3_bind_int64(st, 2, position + delta);
    int64_t other = 0;
    s = db_step_int(d, st, &other, "agenda neighbour");
    if (s == DB_NOTFOUND)
        return db_failf(d, DB_NOTFOUND, delta < 0 ? "この議題は先頭にあります"
                                                  : "この議題は最後にあります");
    if (s != DB_OK)
        return s;
    if ((s = db_agenda_set_position(d, other, position)) != DB_OK ||
        (s = db_agenda_set_position(d, id, position + delta)) != DB_OK)
        return s;
    return db_audit(d, "move", DB_AGENDA_ENTITY, id, delta < 0 ? "up" : "down");
}

/* Record the decision, its note and a resource gap on an item read at
 * it->version, by the acting staff member now (it->version moves on and
 * it->decided_by is set; it->decided_at is left as it was: read the item
 * again for the stored time).  An empty decision leaves the item
 * undecided, without a decider or a time.  Must run inside db_write;
 * writes the audit row. */
db_status db_agenda_decide(db *d, db_agenda_item *it)
{
    static const char sql[] =
        "UPDATE agenda_item SET decision = ?1, decision_note = ?2, resource_gap = ?3,"
        " decided_by = CASE WHEN ?1 = '' THEN NULL ELSE NULLIF(?4, 0) END,"
        " decided_at = CASE WHEN ?1 = '' THEN '' ELSE ?5 END,"
        " version = version + 1, updated_at = ?5 WHERE id = ?6 AND version = ?7";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, it->decision);
    db_bind_text(st, 2, it->decision_note);
    db_bind_text(st, 3, it->resource_gap);
    sqlite3_bind_int64(st, 4, db_actor(d));
    db_bind_now(st, 5);
    sqlite3_bind_int64(st, 6, it->id);
    sqlite3_bind_int64(st, 7, it->version);
    if ((s = db_exec_versioned(d, st, "agenda decide", DB_AGENDA_EXISTS, it->id)) != DB_OK)
        return s;
    /* The decision only: its note and the gap may describe a person. */
    if ((s = db_audit(d, "decide", DB_AGENDA_ENTITY, it->id, it->decision)) != DB_OK)
        return s;
    it->version++;
    it->decided_by = it->decision != NULL && it->decision[0] != '\0' ? db_actor(d) : 0;
    return DB_OK;
}

/* The items of a case on every agenda, the latest meeting first. */
db_status db_agenda_by_case(db *d, int64_t case_id, db_agenda_item **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_AGENDA_COLS " WHERE i.case_id = ?1" DB_AGENDA_LATEST_ORDER;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, case_id);
    return db_read_rows(d, st, sizeof **out, db_agenda_read, db_agenda_item_free_row,
                        (void **)out, n);
}

/* Every item a resource gap was noted on, the latest meeting first. */
db_status db_agenda_gaps(db *d, db_agenda_item **out, size_t *n)
{
    /* The condition is agenda_item_gap's own, so that the index serves. */
    static const char sql[] =
        "SELECT " DB_AGENDA_COLS " WHERE i.resource_gap <> ''" DB_AGENDA_LATEST_ORDER;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    return db_read_rows(d, st, sizeof **out, db_agenda_read, db_agenda_item_free_row,
                        (void **)out, n);
}

/* ---- what the agenda rules look at ------------------------------------ */

/* Order case status rows by case id, for qsort. */
static int db_case_status_cmp(const void *a, const void *b)
{
    const db_case_status *x = a, *y = b;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* Whether stages[i] was given before: each stage is read once. */
static bool db_case_status_seen(const char *const *stages, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(stages[j] ? stages[j] : "", stages[i] ? stages[i] : "") == 0)
            return true;
    return false;
}

/* Append the cases at one stage to *rows; the caller holds the read
 * transaction. */
static db_status db_case_status_stage(db *d, const char *stage, db_case_status **rows,
                                      size_t *n)
{
    /* One statement per stage, on support_case_stage; the rest are
     * correlated subqueries on the indexes of the case's rows.  The
     * latest plan is the highest seq, the latest assessment the highest
     * id (as db_assessment_latest), and the upcoming meeting the earliest
     * planned one. */
    static const char sql[] =
        "SELECT c.id, c.person_id, COALESCE(p.name, ''), c.stage, c.business,"
        " c.opened_on, COALESCE(pl.id, 0), COALESCE(pl.state, ''),"
        " pl.replaces_id IS NOT NULL, COALESCE(pl.monitor_on, ''),"
        " COALESCE(pl.evaluate_on, ''),"
        " COALESCE((SELECT a.data FROM assessment a WHERE a.case_id = c.id"
        "  ORDER BY a.id DESC LIMIT 1), ''),"
        " COALESCE((SELECT substr(max(e.at), 1, " DB_CASE_STATUS_DATE_LEN ")"
        "  FROM case_event e WHERE e.case_id = c.id), c.opened_on),"
        " (SELECT count(*) FROM consent n WHERE n.person_id = c.person_id"
        "  AND n." DB_MEETING_CONSENT_IN_FORCE "),"
        " (SELECT count(*) FROM consent n WHERE n.person_id = c.person_id),"
        " COALESCE((SELECT m.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
        "  WHERE i.case_id = c.id AND m.state = '" DB_MEETING_PLANNED "'"
        "  ORDER BY m.held_on, m.starts_at, m.id LIMIT 1), 0)"
        " FROM support_case c LEFT JOIN person p ON p.id = c.person_id"
        " LEFT JOIN plan pl ON pl.id = (SELECT q.id FROM plan q WHERE q.case_id = c.id"
        "  ORDER BY q.seq DESC LIMIT 1)"
        " WHERE c.stage = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, stage);
    db_case_status *got = NULL;
    size_t n_got = 0;
    s = db_read_rows(d, st, sizeof *got, db_case_status_read, db_case_status_free_row,
                     (void **)&got, &n_got);
    if (s != DB_OK || n_got == 0) {
        free(got);
        return s;
    }
    db_case_status *grown = realloc(*rows, (*n + n_got) * sizeof *grown);
    if (grown == NULL) {
        db_case_status_list_free(got, n_got);
        return db_nomem(d);
    }
    memcpy(grown + *n, got, n_got * sizeof *got);
    free(got);
    *rows = grown;
    *n += n_got;
    return DB_OK;
}

/* Every case at one of stages[0..n_stages), with what the agenda rules
 * look at, by case id.  Read in one transaction, so that a case is not
 * seen at two stages or missed between them. */
db_status db_case_statuses(db *d, const char *const *stages, size_t n_stages,
                           db_case_status **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    bool began;
    db_status s = db_read_enter(d, &began);
    if (s != DB_OK)
        return s;
    db_case_status *rows = NULL;
    size_t count = 0;
    for (size_t i = 0; s == DB_OK && i < n_stages; i++)
        if (!db_case_status_seen(stages, i))
            s = db_case_status_stage(d, stages[i], &rows, &count);
    db_read_leave(d, began);
    if (s != DB_OK) {
        db_case_status_list_free(rows, count);
        return s;
    }
    if (count > 1)
        qsort(rows, count, sizeof *rows, db_case_status_cmp);
    *out = rows;
    *n = count;
    return DB_OK;
}
