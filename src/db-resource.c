/* db-resource.c - participation support (参加支援): the registry of local
 * resources (社会資源) a person may be connected to, each matching of a
 * person to one with the state changes and follow-ups that keep it, and
 * the needs no resource meets yet (社会資源の不足, for 地域づくり).
 *
 * The rules of the tables (a kind, a state and a partner from their
 * lists, a name, a reason for every ended matching) are their CHECKs:
 * they surface here as DB_INVALID through db_fail, and the domain layer
 * checks them first with messages of its own.  Matching events are
 * history: the schema's triggers refuse to change or remove one, so this
 * file only appends them.
 *
 * What a row says of a person (a matching's reason, an event's note, a
 * need) never goes into the audit trail: its rows keep the state or the
 * kind. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* The audit trail's names for these rows. */
#define DB_RESOURCE_ENTITY "resource"
#define DB_MATCHING_ENTITY "matching"
#define DB_RESOURCE_NEED_ENTITY "resource_need"

#define DB_RESOURCE_EXISTS "SELECT count(*) FROM resource WHERE id = ?1"
#define DB_MATCHING_EXISTS "SELECT count(*) FROM matching WHERE id = ?1"
#define DB_RESOURCE_NEED_EXISTS "SELECT count(*) FROM resource_need WHERE id = ?1"

/* The state a matching given none starts at, as the schema's default
 * says; its first event and its audit row name it. */
#define DB_MATCHING_FIRST_STATE "調整中"
/* The states in which a matching still takes a place at its resource. */
#define DB_MATCHING_OPEN "('調整中','開始','定着')"
/* The kinds of event: a state change, and a follow-up (the only kind
 * audited as "follow"). */
#define DB_MATCHING_EVENT_STATE "状態"
#define DB_MATCHING_EVENT_FOLLOW "フォロー"

/* What separates the words of a search: the ASCII space, and U+3000 (the
 * full-width space a Japanese input method types). */
#define DB_RESOURCE_SPACE ' '
#define DB_RESOURCE_IDEO_SPACE "\xe3\x80\x80"
#define DB_RESOURCE_IDEO_SPACE_LEN 3

/* How many words a search takes, each bound to a parameter of its own so
 * that the SQL stays one static text: ?2 to ?9, the limit ?10.  More than
 * a counter types; a longer query is refused rather than half applied. */
#define DB_RESOURCE_SEARCH_WORDS 8
#define DB_RESOURCE_FIRST_WORD 2
#define DB_RESOURCE_SEARCH_LIMIT (DB_RESOURCE_FIRST_WORD + DB_RESOURCE_SEARCH_WORDS)
/* A word left unused binds '', which every key holds. */
#define DB_RESOURCE_WORD(n) " AND (?" #n " = '' OR instr(r.search_key, ?" #n ") > 0)"
#define DB_RESOURCE_WORDS \
    DB_RESOURCE_WORD(2) DB_RESOURCE_WORD(3) DB_RESOURCE_WORD(4) DB_RESOURCE_WORD(5) \
    DB_RESOURCE_WORD(6) DB_RESOURCE_WORD(7) DB_RESOURCE_WORD(8) DB_RESOURCE_WORD(9) \
    " ORDER BY r.kind, r.name, r.id LIMIT ?10"

/* Room for an id written out in an audit detail. */
#define DB_RESOURCE_ID_MAX 24

/* The columns db_resource_read reads: how many matchings hold a place
 * there now, as a subquery that matching_resource serves. */
#define DB_RESOURCE_COLS \
    "r.id, r.name, r.kind, r.contact, r.conditions, r.capacity, r.notes, r.active," \
    " (SELECT count(*) FROM matching m WHERE m.resource_id = r.id" \
    "  AND m.state IN " DB_MATCHING_OPEN "), r.version FROM resource r"

/* The columns db_matching_read reads.  LEFT JOINs, so that a matching is
 * listed even if its person or resource row is missing. */
#define DB_MATCHING_COLS \
    "m.id, m.person_id, COALESCE(p.name, ''), COALESCE(m.case_id, 0)," \
    " COALESCE(m.plan_id, 0), m.resource_id, COALESCE(r.name, ''), m.state," \
    " m.started_on, m.ended_on, m.end_reason, m.next_follow_on, m.staff_id, m.version" \
    " FROM matching m LEFT JOIN person p ON p.id = m.person_id" \
    " LEFT JOIN resource r ON r.id = m.resource_id"

/* The latest made first; id orders those made in the same second. */
#define DB_MATCHING_LATEST_ORDER " ORDER BY m.created_at DESC, m.id DESC"

#define DB_MATCHING_EVENT_COLS \
    "e.id, e.matching_id, e.at, e.done_on, e.staff_id, COALESCE(s.name, ''), e.kind," \
    " e.with_whom, e.state, e.note" \
    " FROM matching_event e LEFT JOIN staff s ON s.id = e.staff_id"

#define DB_RESOURCE_NEED_COLS \
    "id, need, kind, COALESCE(person_id, 0), COALESCE(case_id, 0), noted_on, staff_id," \
    " COALESCE(met_by, 0), version FROM resource_need"

/* The latest noted first; id orders those noted the same day. */
#define DB_RESOURCE_NEED_ORDER " ORDER BY noted_on DESC, id DESC LIMIT ?1"

/* A list's limit as SQLite's LIMIT takes it: a size_t beyond int64_t is
 * as good as no limit. */
static int64_t db_resource_limit(size_t limit)
{
    return limit > INT64_MAX ? INT64_MAX : (int64_t)limit;
}

/* ---- freeing rows ----------------------------------------------------- */

/* Free the strings of a resource row. */
void db_resource_free(db_resource *r)
{
    free(r->name);
    free(r->kind);
    free(r->contact);
    free(r->conditions);
    free(r->notes);
    memset(r, 0, sizeof *r);
}

/* db_resource_free for db_read_rows. */
static void db_resource_free_row(void *row)
{
    db_resource_free(row);
}

/* Free a list of resource rows. */
void db_resource_list_free(db_resource *rs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_resource_free(&rs[i]);
    free(rs);
}

/* Free the strings of a matching row. */
void db_matching_free(db_matching *m)
{
    free(m->person_name);
    free(m->resource_name);
    free(m->state);
    free(m->started_on);
    free(m->ended_on);
    free(m->end_reason);
    free(m->next_follow_on);
    memset(m, 0, sizeof *m);
}

/* db_matching_free for db_read_rows. */
static void db_matching_free_row(void *row)
{
    db_matching_free(row);
}

/* Free a list of matching rows. */
void db_matching_list_free(db_matching *ms, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_matching_free(&ms[i]);
    free(ms);
}

/* Free the strings of an event row. */
static void db_matching_event_free(db_matching_event *e)
{
    free(e->at);
    free(e->done_on);
    free(e->staff_name);
    free(e->kind);
    free(e->with_whom);
    free(e->state);
    free(e->note);
    memset(e, 0, sizeof *e);
}

/* db_matching_event_free for db_read_rows. */
static void db_matching_event_free_row(void *row)
{
    db_matching_event_free(row);
}

/* Free a list of event rows. */
void db_matching_event_list_free(db_matching_event *es, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_matching_event_free(&es[i]);
    free(es);
}

/* Free the strings of a need row. */
static void db_resource_need_free(db_resource_need *n)
{
    free(n->need);
    free(n->kind);
    free(n->noted_on);
    memset(n, 0, sizeof *n);
}

/* db_resource_need_free for db_read_rows. */
static void db_resource_need_free_row(void *row)
{
    db_resource_need_free(row);
}

/* Free a list of need rows. */
void db_resource_need_list_free(db_resource_need *ns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_resource_need_free(&ns[i]);
    free(ns);
}

/* ---- reading rows ----------------------------------------------------- */

/* Read the DB_RESOURCE_COLS of the current row. */
static db_status db_resource_read(db *d, sqlite3_stmt *st, void *row)
{
    db_resource *r = row;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->name = db_col_dup(st, 1);
    r->kind = db_col_dup(st, 2);
    r->contact = db_col_dup(st, 3);
    r->conditions = db_col_dup(st, 4);
    r->capacity = sqlite3_column_int64(st, 5);
    r->notes = db_col_dup(st, 6);
    r->active = sqlite3_column_int(st, 7) != 0;
    r->n_active = sqlite3_column_int64(st, 8);
    r->version = sqlite3_column_int64(st, 9);
    if (!r->name || !r->kind || !r->contact || !r->conditions || !r->notes) {
        db_resource_free(r);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_MATCHING_COLS of the current row. */
static db_status db_matching_read(db *d, sqlite3_stmt *st, void *row)
{
    db_matching *m = row;
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->person_id = sqlite3_column_int64(st, 1);
    m->person_name = db_col_dup(st, 2);
    m->case_id = sqlite3_column_int64(st, 3);
    m->plan_id = sqlite3_column_int64(st, 4);
    m->resource_id = sqlite3_column_int64(st, 5);
    m->resource_name = db_col_dup(st, 6);
    m->state = db_col_dup(st, 7);
    m->started_on = db_col_dup(st, 8);
    m->ended_on = db_col_dup(st, 9);
    m->end_reason = db_col_dup(st, 10);
    m->next_follow_on = db_col_dup(st, 11);
    m->staff_id = sqlite3_column_int64(st, 12);
    m->version = sqlite3_column_int64(st, 13);
    if (!m->person_name || !m->resource_name || !m->state || !m->started_on ||
        !m->ended_on || !m->end_reason || !m->next_follow_on) {
        db_matching_free(m);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_MATCHING_EVENT_COLS of the current row. */
static db_status db_matching_event_read(db *d, sqlite3_stmt *st, void *row)
{
    db_matching_event *e = row;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->matching_id = sqlite3_column_int64(st, 1);
    e->at = db_col_dup(st, 2);
    e->done_on = db_col_dup(st, 3);
    e->staff_id = sqlite3_column_int64(st, 4);
    e->staff_name = db_col_dup(st, 5);
    e->kind = db_col_dup(st, 6);
    e->with_whom = db_col_dup(st, 7);
    e->state = db_col_dup(st, 8);
    e->note = db_col_dup(st, 9);
    if (!e->at || !e->done_on || !e->staff_name || !e->kind || !e->with_whom ||
        !e->state || !e->note) {
        db_matching_event_free(e);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Read the DB_RESOURCE_NEED_COLS of the current row. */
static db_status db_resource_need_read(db *d, sqlite3_stmt *st, void *row)
{
    db_resource_need *n = row;
    memset(n, 0, sizeof *n);
    n->id = sqlite3_column_int64(st, 0);
    n->need = db_col_dup(st, 1);
    n->kind = db_col_dup(st, 2);
    n->person_id = sqlite3_column_int64(st, 3);
    n->case_id = sqlite3_column_int64(st, 4);
    n->noted_on = db_col_dup(st, 5);
    n->staff_id = sqlite3_column_int64(st, 6);
    n->met_by = sqlite3_column_int64(st, 7);
    n->version = sqlite3_column_int64(st, 8);
    if (!n->need || !n->kind || !n->noted_on) {
        db_resource_need_free(n);
        return db_nomem(d);
    }
    return DB_OK;
}

/* ---- resources -------------------------------------------------------- */

/* The search key of a resource: every text a counter may remember it by,
 * in one key, so that one instr() finds a word in any of them.  NULL
 * when memory ran out. */
static char *db_resource_key(const db_resource *r)
{
    const char *parts[] = { r->name, r->kind, r->contact, r->conditions, r->notes };
    txt_buf b;
    txt_buf_init(&b);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (i > 0)
            txt_buf_add(&b, " ", 1);
        txt_buf_adds(&b, parts[i] ? parts[i] : "");
    }
    char *text = txt_buf_take(&b);
    if (text == NULL)
        return NULL;
    char *key = txt_search_key(text, strlen(text));
    free(text);
    return key;
}

/* Bind the editable fields of r and its search key to ?1..?8. */
static db_status db_resource_bind(db *d, sqlite3_stmt *st, const db_resource *r)
{
    char *key = db_resource_key(r);
    if (key == NULL)
        return db_nomem(d);
    db_bind_text(st, 1, r->name);
    db_bind_text(st, 2, r->kind);
    db_bind_text(st, 3, r->contact);
    db_bind_text(st, 4, r->conditions);
    sqlite3_bind_int64(st, 5, r->capacity);
    db_bind_text(st, 6, r->notes);
    sqlite3_bind_text(st, 7, key, -1, free);
    sqlite3_bind_int(st, 8, r->active ? 1 : 0);
    return DB_OK;
}

/* Insert a resource (r->id and r->version set), active as r says.  Must
 * run inside db_write; writes the audit row. */
db_status db_resource_insert(db *d, db_resource *r)
{
    static const char sql[] =
        "INSERT INTO resource(name, kind, contact, conditions, capacity, notes,"
        " search_key, active, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    if ((s = db_resource_bind(d, st, r)) != DB_OK)
        return s;
    db_bind_now(st, 9);
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_RESOURCE_ENTITY, r->kind, &id)) != DB_OK)
        return s;
    r->id = id;
    r->version = 1;
    return DB_OK;
}

/* Save a resource read at r->version, its key made again (r->version
 * moves on).  Must run inside db_write; writes the audit row. */
db_status db_resource_update(db *d, db_resource *r)
{
    static const char sql[] =
        "UPDATE resource SET name = ?1, kind = ?2, contact = ?3, conditions = ?4,"
        " capacity = ?5, notes = ?6, search_key = ?7, active = ?8,"
        " version = version + 1, updated_at = ?9 WHERE id = ?10 AND version = ?11";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    if ((s = db_resource_bind(d, st, r)) != DB_OK)
        return s;
    db_bind_now(st, 9);
    sqlite3_bind_int64(st, 10, r->id);
    sqlite3_bind_int64(st, 11, r->version);
    if ((s = db_exec_versioned(d, st, "resource update", DB_RESOURCE_EXISTS, r->id)) != DB_OK)
        return s;
    if ((s = db_audit(d, "update", DB_RESOURCE_ENTITY, r->id, r->kind)) != DB_OK)
        return s;
    r->version++;
    return DB_OK;
}

/* One resource by id, with its open matchings counted. */
db_status db_resource_get(db *d, int64_t id, db_resource *out)
{
    static const char sql[] = "SELECT " DB_RESOURCE_COLS " WHERE r.id = ?1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, id, db_resource_read, out);
}

/* The end of the word that starts at p: the next space of either width,
 * or the end of the text. */
static const char *db_resource_word_end(const char *p)
{
    while (*p != '\0' && *p != DB_RESOURCE_SPACE &&
           strncmp(p, DB_RESOURCE_IDEO_SPACE, DB_RESOURCE_IDEO_SPACE_LEN) != 0)
        p++;
    return p;
}

/* Free the keys of a search's words. */
static void db_resource_words_free(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
}

/* Split words at spaces of either width into their search keys, in
 * keys[0..*n); a word whose key is empty (punctuation only) asks for
 * nothing and is dropped.  DB_INVALID past DB_RESOURCE_SEARCH_WORDS. */
static db_status db_resource_words(db *d, const char *words, char **keys, size_t *n)
{
    *n = 0;
    const char *p = words != NULL ? words : "";
    while (*p != '\0') {
        if (*p == DB_RESOURCE_SPACE) {
            p++;
            continue;
        }
        if (strncmp(p, DB_RESOURCE_IDEO_SPACE, DB_RESOURCE_IDEO_SPACE_LEN) == 0) {
            p += DB_RESOURCE_IDEO_SPACE_LEN;
            continue;
        }
        const char *end = db_resource_word_end(p);
        char *key = txt_search_key(p, (size_t)(end - p));
        p = end;
        if (key == NULL) {
            db_resource_words_free(keys, *n);
            *n = 0;
            return db_nomem(d);
        }
        if (key[0] == '\0') {
            free(key);
            continue;
        }
        if (*n == DB_RESOURCE_SEARCH_WORDS) {
            free(key);
            db_resource_words_free(keys, *n);
            *n = 0;
            return db_failf(d, DB_INVALID, "検索の語は%d語までにしてください",
                            DB_RESOURCE_SEARCH_WORDS);
        }
        keys[(*n)++] = key;
    }
    return DB_OK;
}

/* Active resources of a kind ("" any) whose search key holds every word,
 * by kind and name, at most limit. */
db_status db_resource_search(db *d, const char *kind, const char *words, size_t limit,
                             db_resource **out, size_t *n)
{
    /* Two statements rather than an OR on ?1 = '', so that the one with a
     * kind is an equality on resource_kind, which also gives the order. */
    static const char all_sql[] =
        "SELECT " DB_RESOURCE_COLS " WHERE r.active = 1" DB_RESOURCE_WORDS;
    static const char kind_sql[] =
        "SELECT " DB_RESOURCE_COLS " WHERE r.active = 1 AND r.kind = ?1" DB_RESOURCE_WORDS;
    *out = NULL;
    *n = 0;
    char *keys[DB_RESOURCE_SEARCH_WORDS];
    size_t n_keys = 0;
    db_status s = db_resource_words(d, words, keys, &n_keys);
    if (s != DB_OK)
        return s;
    bool all = kind == NULL || kind[0] == '\0';
    sqlite3_stmt *st;
    if ((s = db_prep(d, all ? all_sql : kind_sql, &st)) != DB_OK) {
        db_resource_words_free(keys, n_keys);
        return s;
    }
    if (!all)
        db_bind_text(st, 1, kind);
    /* The words given take the first parameters; the rest bind ''. */
    for (size_t i = 0; i < DB_RESOURCE_SEARCH_WORDS; i++) {
        int param = DB_RESOURCE_FIRST_WORD + (int)i;
        if (i < n_keys)
            sqlite3_bind_text(st, param, keys[i], -1, free);
        else
            db_bind_text(st, param, "");
    }
    sqlite3_bind_int64(st, DB_RESOURCE_SEARCH_LIMIT, db_resource_limit(limit));
    return db_read_rows(d, st, sizeof **out, db_resource_read, db_resource_free_row,
                        (void **)out, n);
}

/* ---- matchings -------------------------------------------------------- */

/* Append an event to a matching by the acting staff member (e->id,
 * e->matching_id and e->staff_id set).  The matching's audit row covers
 * it: an event is part of the matching's story, not a record of its own. */
static db_status db_matching_event_add(db *d, int64_t matching_id, db_matching_event *e)
{
    /* A missing actor is NULL, so that the NOT NULL of staff_id refuses
     * it: an event nobody recorded is no history. */
    static const char sql[] =
        "INSERT INTO matching_event(matching_id, at, done_on, staff_id, kind, with_whom,"
        " state, note) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6, ?7, ?8)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, matching_id);
    db_bind_now(st, 2);
    db_bind_text(st, 3, e->done_on);
    sqlite3_bind_int64(st, 4, db_actor(d));
    db_bind_text(st, 5, e->kind);
    db_bind_text(st, 6, e->with_whom);
    db_bind_text(st, 7, e->state);
    db_bind_text(st, 8, e->note);
    if ((s = db_exec_stmt(d, st, "matching event")) != DB_OK)
        return s;
    e->id = db_last_id(d);
    e->matching_id = matching_id;
    e->staff_id = db_actor(d);
    return DB_OK;
}

/* Insert a matching in its first state (調整中 when given none) by the
 * acting staff member, with a 状態 event done on done_on (m->id,
 * m->staff_id and m->version set).  Must run inside db_write; writes the
 * audit row. */
db_status db_matching_insert(db *d, db_matching *m, const char *done_on, const char *note)
{
    static const char sql[] =
        "INSERT INTO matching(person_id, case_id, plan_id, resource_id, state,"
        " started_on, ended_on, end_reason, next_follow_on, staff_id, created_at,"
        " updated_at) VALUES (?1, NULLIF(?2, 0), NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8,"
        " ?9, NULLIF(?10, 0), ?11, ?11)";
    const char *state = m->state != NULL && m->state[0] != '\0' ? m->state
                                                                : DB_MATCHING_FIRST_STATE;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, m->person_id);
    sqlite3_bind_int64(st, 2, m->case_id);
    sqlite3_bind_int64(st, 3, m->plan_id);
    sqlite3_bind_int64(st, 4, m->resource_id);
    db_bind_text(st, 5, state);
    db_bind_text(st, 6, m->started_on);
    db_bind_text(st, 7, m->ended_on);
    db_bind_text(st, 8, m->end_reason);
    db_bind_text(st, 9, m->next_follow_on);
    sqlite3_bind_int64(st, 10, db_actor(d));
    db_bind_now(st, 11);
    /* The state only: the reason may tell why someone could not go on. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_MATCHING_ENTITY, state, &id)) != DB_OK)
        return s;
    db_matching_event e = {
        .done_on = (char *)done_on,
        .kind = (char *)DB_MATCHING_EVENT_STATE,
        .state = (char *)state,
        .note = (char *)note,
    };
    if ((s = db_matching_event_add(d, id, &e)) != DB_OK)
        return s;
    m->id = id;
    m->staff_id = db_actor(d);
    m->version = 1;
    return DB_OK;
}

/* Save a matching read at m->version (state, dates, reason, next
 * follow-up; m->version moves on) and append the event e.  Must run
 * inside db_write; writes the audit row, "follow" for a follow-up and
 * "state" otherwise. */
db_status db_matching_update(db *d, db_matching *m, db_matching_event *e)
{
    static const char sql[] =
        "UPDATE matching SET state = ?1, started_on = ?2, ended_on = ?3,"
        " end_reason = ?4, next_follow_on = ?5, version = version + 1, updated_at = ?6"
        " WHERE id = ?7 AND version = ?8";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, m->state);
    db_bind_text(st, 2, m->started_on);
    db_bind_text(st, 3, m->ended_on);
    db_bind_text(st, 4, m->end_reason);
    db_bind_text(st, 5, m->next_follow_on);
    db_bind_now(st, 6);
    sqlite3_bind_int64(st, 7, m->id);
    sqlite3_bind_int64(st, 8, m->version);
    if ((s = db_exec_versioned(d, st, "matching update", DB_MATCHING_EXISTS, m->id)) != DB_OK)
        return s;
    if ((s = db_matching_event_add(d, m->id, e)) != DB_OK)
        return s;
    bool follow = e->kind != NULL && strcmp(e->kind, DB_MATCHING_EVENT_FOLLOW) == 0;
    /* The state only, as at creation: the note is what was said. */
    if ((s = db_audit(d, follow ? "follow" : "state", DB_MATCHING_ENTITY, m->id,
                      m->state)) != DB_OK)
        return s;
    m->version++;
    return DB_OK;
}

/* One matching by id, with its person's and resource's names. */
db_status db_matching_get(db *d, int64_t id, db_matching *out)
{
    static const char sql[] = "SELECT " DB_MATCHING_COLS " WHERE m.id = ?1";
    memset(out, 0, sizeof *out);
    return db_read_by_id(d, sql, id, db_matching_read, out);
}

/* A person's matchings, the latest first. */
db_status db_matching_by_person(db *d, int64_t person_id, db_matching **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_MATCHING_COLS " WHERE m.person_id = ?1" DB_MATCHING_LATEST_ORDER;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    return db_read_rows(d, st, sizeof **out, db_matching_read, db_matching_free_row,
                        (void **)out, n);
}

/* A resource's matchings, the latest first. */
db_status db_matching_by_resource(db *d, int64_t resource_id, db_matching **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_MATCHING_COLS " WHERE m.resource_id = ?1" DB_MATCHING_LATEST_ORDER;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, resource_id);
    return db_read_rows(d, st, sizeof **out, db_matching_read, db_matching_free_row,
                        (void **)out, n);
}

/* Matchings whose next follow-up is due on or before an ISO date,
 * earliest first, at most limit. */
db_status db_matching_due(db *d, const char *on, size_t limit, db_matching **out, size_t *n)
{
    /* The condition is matching_follow's own, so that the index serves
     * and the matchings with no follow-up planned are never read. */
    static const char sql[] =
        "SELECT " DB_MATCHING_COLS " WHERE m.next_follow_on <> ''"
        " AND m.next_follow_on <= ?1 ORDER BY m.next_follow_on, m.id LIMIT ?2";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, on);
    sqlite3_bind_int64(st, 2, db_resource_limit(limit));
    return db_read_rows(d, st, sizeof **out, db_matching_read, db_matching_free_row,
                        (void **)out, n);
}

/* A matching's events, oldest first, with who recorded each. */
db_status db_matching_events(db *d, int64_t matching_id, db_matching_event **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_MATCHING_EVENT_COLS " WHERE e.matching_id = ?1 ORDER BY e.at, e.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, matching_id);
    return db_read_rows(d, st, sizeof **out, db_matching_event_read,
                        db_matching_event_free_row, (void **)out, n);
}

/* ---- needs no resource meets ------------------------------------------ */

/* Record a need by the acting staff member, open (n->id, n->staff_id and
 * n->version set; n->met_by 0): being met is db_resource_need_met's, with
 * an audit row of its own.  Must run inside db_write; writes the audit
 * row. */
db_status db_resource_need_insert(db *d, db_resource_need *n)
{
    static const char sql[] =
        "INSERT INTO resource_need(need, kind, person_id, case_id, noted_on, staff_id,"
        " created_at, updated_at) VALUES (?1, ?2, NULLIF(?3, 0), NULLIF(?4, 0), ?5,"
        " NULLIF(?6, 0), ?7, ?7)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, n->need);
    db_bind_text(st, 2, n->kind);
    sqlite3_bind_int64(st, 3, n->person_id);
    sqlite3_bind_int64(st, 4, n->case_id);
    db_bind_text(st, 5, n->noted_on);
    sqlite3_bind_int64(st, 6, db_actor(d));
    db_bind_now(st, 7);
    /* The kind only: the need is what someone lacks. */
    int64_t id = 0;
    if ((s = db_insert_done(d, st, DB_RESOURCE_NEED_ENTITY, n->kind, &id)) != DB_OK)
        return s;
    n->id = id;
    n->staff_id = db_actor(d);
    n->met_by = 0;
    n->version = 1;
    return DB_OK;
}

/* Mark a need read at version as met by a resource (0: open again).
 * Must run inside db_write; writes the audit row, naming the resource. */
db_status db_resource_need_met(db *d, int64_t id, int64_t version, int64_t resource_id)
{
    static const char sql[] =
        "UPDATE resource_need SET met_by = NULLIF(?1, 0), version = version + 1,"
        " updated_at = ?2 WHERE id = ?3 AND version = ?4";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, resource_id);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    if ((s = db_exec_versioned(d, st, "resource need met", DB_RESOURCE_NEED_EXISTS, id)) != DB_OK)
        return s;
    char detail[DB_RESOURCE_ID_MAX];
    snprintf(detail, sizeof detail, "%" PRId64, resource_id);
    return db_audit(d, "met", DB_RESOURCE_NEED_ENTITY, id, detail);
}

/* The needs still open (met_by none) or all, the latest noted first, at
 * most limit. */
db_status db_resource_needs(db *d, bool open_only, size_t limit, db_resource_need **out,
                            size_t *n)
{
    /* Two statements, so that the open list is resource_need_open's. */
    static const char all_sql[] =
        "SELECT " DB_RESOURCE_NEED_COLS DB_RESOURCE_NEED_ORDER;
    static const char open_sql[] =
        "SELECT " DB_RESOURCE_NEED_COLS " WHERE met_by IS NULL" DB_RESOURCE_NEED_ORDER;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, open_only ? open_sql : all_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, db_resource_limit(limit));
    return db_read_rows(d, st, sizeof **out, db_resource_need_read,
                        db_resource_need_free_row, (void **)out, n);
}
