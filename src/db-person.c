/* db-person.c - persons (本人 and household members) and their links to
 * agencies.  The search keys are computed here on every write, so that a
 * lookup never normalises stored rows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* Free the strings of a person row. */
void db_person_free(db_person *p)
{
    free(p->relation);
    free(p->name);
    free(p->kana);
    free(p->birth);
    free(p->sex);
    free(p->address);
    free(p->phone);
    free(p->note);
    memset(p, 0, sizeof *p);
}

/* db_person_free for db_read_rows. */
void db_person_free_row(void *row)
{
    db_person_free(row);
}

/* Free a list of person rows. */
void db_person_list_free(db_person *ps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_person_free(&ps[i]);
    free(ps);
}

/* Read the DB_PERSON_COLS of the current row. */
db_status db_person_read(db *d, sqlite3_stmt *st, void *row)
{
    db_person *p = row;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->household_id = sqlite3_column_int64(st, 1);
    p->relation = db_col_dup(st, 2);
    p->name = db_col_dup(st, 3);
    p->kana = db_col_dup(st, 4);
    p->birth = db_col_dup(st, 5);
    p->sex = db_col_dup(st, 6);
    p->address = db_col_dup(st, 7);
    p->phone = db_col_dup(st, 8);
    p->note = db_col_dup(st, 9);
    p->version = sqlite3_column_int64(st, 10);
    if (!p->relation || !p->name || !p->kana || !p->birth || !p->sex ||
        !p->address || !p->phone || !p->note) {
        db_person_free(p);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Bind the editable fields of p and their search keys to ?1..?12 and ?16. */
static db_status db_person_bind(db *d, sqlite3_stmt *st, const db_person *p)
{
    const char *name = p->name ? p->name : "";
    const char *kana = p->kana ? p->kana : "";
    const char *phone = p->phone ? p->phone : "";
    char *name_key = txt_search_key(name, strlen(name));
    char *kana_key = txt_search_key(kana, strlen(kana));
    char *phone_key = txt_digits(phone, strlen(phone));
    if (!name_key || !kana_key || !phone_key) {
        free(name_key);
        free(kana_key);
        free(phone_key);
        return db_nomem(d);
    }
    if (p->household_id > 0)
        sqlite3_bind_int64(st, 1, p->household_id);
    db_bind_text(st, 2, p->relation);
    db_bind_text(st, 3, name);
    db_bind_text(st, 4, kana);
    db_bind_text(st, 5, p->birth);
    db_bind_text(st, 6, p->sex);
    db_bind_text(st, 7, p->address);
    db_bind_text(st, 8, phone);
    db_bind_text(st, 9, p->note);
    sqlite3_bind_text(st, 10, name_key, -1, free);
    sqlite3_bind_text(st, 11, kana_key, -1, free);
    /* ?16: the digits reversed, for "the last digits" lookups. */
    char *phone_rev = db_reverse(phone_key);
    if (phone_rev == NULL) {
        free(name_key);
        free(kana_key);
        free(phone_key);
        return db_nomem(d);
    }
    sqlite3_bind_text(st, 16, phone_rev, -1, free);
    sqlite3_bind_text(st, 12, phone_key, -1, free);
    return DB_OK;
}

/* Insert a person.  Must run inside db_write; writes the audit row. */
db_status db_person_insert(db *d, const db_person *p, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO person(household_id, relation, name, kana, birth, sex,"
        " address, phone, note, name_key, kana_key, phone_key, created_by,"
        " created_at, updated_at, phone_rev)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
        " NULLIF(?13, 0), ?14, ?14, ?16)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s == DB_OK)
        s = db_person_bind(d, st, p);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 13, d->actor);
    db_bind_now(st, 14);
    return db_insert_done(d, st, "person", "", id);
}

/* Update a person if nobody saved it since it was read. */
db_status db_person_update(db *d, const db_person *p)
{
    static const char sql[] =
        "UPDATE person SET household_id = ?1, relation = ?2, name = ?3,"
        " kana = ?4, birth = ?5, sex = ?6, address = ?7, phone = ?8, note = ?9,"
        " name_key = ?10, kana_key = ?11, phone_key = ?12, phone_rev = ?16,"
        " version = version + 1, updated_at = ?13"
        " WHERE id = ?14 AND version = ?15";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s == DB_OK)
        s = db_person_bind(d, st, p);
    if (s != DB_OK)
        return s;
    db_bind_now(st, 13);
    sqlite3_bind_int64(st, 14, p->id);
    sqlite3_bind_int64(st, 15, p->version);
    s = db_exec_stmt(d, st, "person update");
    if (s != DB_OK)
        return s;
    if (db_changes(d) == 0)
        return db_failf(d, DB_CONFLICT, "%s", db_status_text(DB_CONFLICT));
    return db_audit(d, "update", "person", p->id, "");
}

/* One person by id. */
db_status db_person_get(db *d, int64_t id, db_person *out)
{
    static const char sql[] = "SELECT " DB_PERSON_COLS " WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    return db_read_one(d, st, db_person_read, out);
}

/* The members of a household: its head first, then the eldest. */
db_status db_person_household(db *d, int64_t household_id,
                              db_person **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_PERSON_COLS " WHERE household_id = ?1"
        " ORDER BY relation <> '世帯主', birth = '', birth, id";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, household_id);
    return db_read_rows(d, st, sizeof **out, db_person_read,
                        db_person_free_row, (void **)out, n);
}

/* How many persons there are. */
db_status db_person_count(db *d, int64_t *n)
{
    static const char sql[] = "SELECT count(*) FROM person";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    return s == DB_OK ? db_step_int(d, st, n, "person count") : s;
}

/* Free the strings of a link row. */
void db_link_free(db_link *l)
{
    free(l->agency_name);
    free(l->agency_field);
    free(l->role);
    free(l->contact);
    free(l->since);
    memset(l, 0, sizeof *l);
}

/* db_link_free for db_read_rows. */
static void db_link_free_row(void *row)
{
    db_link_free(row);
}

/* Free a list of link rows. */
void db_link_list_free(db_link *ls, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_link_free(&ls[i]);
    free(ls);
}

/* Read a link row joined with its agency. */
static db_status db_link_read(db *d, sqlite3_stmt *st, void *row)
{
    db_link *l = row;
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(st, 0);
    l->person_id = sqlite3_column_int64(st, 1);
    l->agency_id = sqlite3_column_int64(st, 2);
    l->agency_name = db_col_dup(st, 3);
    l->agency_field = db_col_dup(st, 4);
    l->role = db_col_dup(st, 5);
    l->contact = db_col_dup(st, 6);
    l->since = db_col_dup(st, 7);
    l->version = sqlite3_column_int64(st, 8);
    if (!l->agency_name || !l->agency_field || !l->role || !l->contact || !l->since) {
        db_link_free(l);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Link a person to an agency.  Must run inside db_write. */
db_status db_link_insert(db *d, const db_link *l, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO person_agency(person_id, agency_id, role, contact, since,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, l->person_id);
    sqlite3_bind_int64(st, 2, l->agency_id);
    db_bind_text(st, 3, l->role);
    db_bind_text(st, 4, l->contact);
    db_bind_text(st, 5, l->since);
    db_bind_now(st, 6);
    return db_insert_done(d, st, "person_agency", "", id);
}

/* The agencies linked to a person, oldest link first. */
db_status db_link_list(db *d, int64_t person_id, db_link **out, size_t *n)
{
    static const char sql[] =
        "SELECT l.id, l.person_id, l.agency_id, a.name, a.field, l.role,"
        " l.contact, l.since, l.version"
        " FROM person_agency l JOIN agency a ON a.id = l.agency_id"
        " WHERE l.person_id = ?1 ORDER BY l.since, l.id";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    return db_read_rows(d, st, sizeof **out, db_link_read, db_link_free_row,
                        (void **)out, n);
}

/* ---- similar persons ------------------------------------------------- */

/* The ids db_person_similar has found, in order, without repeats. */
typedef struct db_similar {
    int64_t *ids;
    size_t n, cap;
    int64_t skip;   /* the person being edited, never a candidate */
} db_similar;

/* Run one candidate step: its text parameters ?1-?3 (NULL when unused)
 * and the room left as ?4; add the ids of column 0. */
static db_status db_similar_step(db *d, db_similar *s, const char *sql,
                                 const char *p1, const char *p2, const char *p3)
{
    if (s->n >= s->cap)
        return DB_OK;
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    const char *params[] = { p1, p2, p3 };
    for (int i = 0; i < 3; i++)
        if (params[i])
            db_bind_text(st, i + 1, params[i]);
    /* Ask for a full set: some rows may be repeats of earlier steps. */
    sqlite3_bind_int64(st, 4, (int64_t)s->cap + 1);
    int rc = SQLITE_DONE;
    while (s->n < s->cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        bool seen = id == s->skip;
        for (size_t i = 0; i < s->n && !seen; i++)
            seen = s->ids[i] == id;
        if (!seen)
            s->ids[s->n++] = id;
    }
    if (s->n >= s->cap)
        rc = SQLITE_DONE;
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(d, rc, "similar");
}

/* The first two characters of a search key, and the least string above
 * every key that starts with them; false when the key is shorter. */
static bool db_similar_prefix(const char *key, char *lo, char *hi, size_t n)
{
    size_t len = strlen(key), used = 0;
    for (int chars = 0; chars < 2; chars++) {
        if (used >= len)
            return false;
        uint32_t cp;
        used += txt_utf8_next(key + used, len - used, &cp);
    }
    if (used + 1 > n)
        return false;
    memcpy(lo, key, used);
    lo[used] = '\0';
    memcpy(hi, lo, used + 1);
    /* Keys compare as bytes, so raising the last byte bounds the range. */
    hi[used - 1] = (char)((unsigned char)hi[used - 1] + 1);
    return true;
}

/* The typed birth date as stored (ISO), or "" when it is not a date. */
static void db_similar_birth(const db_person *typed, char *buf, size_t n)
{
    txt_date b;
    const char *birth = typed->birth ? typed->birth : "";
    buf[0] = '\0';
    if (birth[0] && txt_date_parse(birth, strlen(birth), &b) == 0)
        txt_date_iso(b, buf, n);
}

/* Collect the candidates, the likelier kinds first so that a full set
 * keeps them: every step is an equality or a prefix range on an indexed
 * key. */
static db_status db_similar_ids(db *d, db_similar *s, const char *kana,
                                const char *name, const char *phone,
                                const char *birth)
{
    static const char kana_birth_sql[] =
        "SELECT id FROM person WHERE kana_key = ?1 AND birth = ?2 LIMIT ?4";
    static const char name_birth_sql[] =
        "SELECT id FROM person WHERE name_key = ?1 AND birth = ?2 LIMIT ?4";
    static const char phone_sql[] =
        "SELECT id FROM person WHERE phone_key = ?1 LIMIT ?4";
    static const char name_sql[] =
        "SELECT id FROM person WHERE name_key = ?1 LIMIT ?4";
    static const char kana_sql[] =
        "SELECT id FROM person WHERE kana_key = ?1 LIMIT ?4";
    static const char close_sql[] =
        "SELECT id FROM person WHERE kana_key >= ?1 AND kana_key < ?3"
        " AND birth = ?2 LIMIT ?4";
    db_status r = DB_OK;
    if (kana[0] && birth[0])
        r = db_similar_step(d, s, kana_birth_sql, kana, birth, NULL);
    if (r == DB_OK && name[0] && birth[0])
        r = db_similar_step(d, s, name_birth_sql, name, birth, NULL);
    if (r == DB_OK && strlen(phone) >= DB_SIMILAR_PHONE_DIGITS)
        r = db_similar_step(d, s, phone_sql, phone, NULL, NULL);
    if (r == DB_OK && name[0])
        r = db_similar_step(d, s, name_sql, name, NULL, NULL);
    if (r == DB_OK && kana[0])
        r = db_similar_step(d, s, kana_sql, kana, NULL, NULL);
    char lo[64], hi[64];
    if (r == DB_OK && birth[0] && db_similar_prefix(kana, lo, hi, sizeof lo))
        r = db_similar_step(d, s, close_sql, lo, birth, hi);
    return r;
}

/* Read the persons of the collected ids, in their order. */
static db_status db_similar_rows(db *d, const db_similar *s, db_person *rows, size_t *n)
{
    db_status r = DB_OK;
    for (size_t i = 0; r == DB_OK && i < s->n; i++) {
        r = db_person_get(d, s->ids[i], &rows[*n]);
        if (r == DB_OK)
            (*n)++;
        else if (r == DB_NOTFOUND)
            r = DB_OK;
    }
    return r;
}

/* Persons who may be the one being typed in, through the stored keys. */
db_status db_person_similar(db *d, const db_person *typed, size_t limit,
                            db_person **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (limit == 0)
        return DB_OK;
    const char *kana_in = typed->kana ? typed->kana : "";
    const char *name_in = typed->name ? typed->name : "";
    const char *phone_in = typed->phone ? typed->phone : "";
    char *kana = txt_search_key(kana_in, strlen(kana_in));
    char *name = txt_search_key(name_in, strlen(name_in));
    char *phone = txt_digits(phone_in, strlen(phone_in));
    char birth[16];
    db_similar_birth(typed, birth, sizeof birth);
    db_similar s = { calloc(limit, sizeof(int64_t)), 0, limit, typed->id };
    db_person *rows = calloc(limit, sizeof *rows);
    bool began = false;
    db_status r = (kana && name && phone && s.ids && rows) ? db_read_enter(d, &began)
                                                           : db_nomem(d);
    if (r == DB_OK) {
        r = db_similar_ids(d, &s, kana, name, phone, birth);
        if (r == DB_OK)
            r = db_similar_rows(d, &s, rows, n);
        db_read_leave(d, began);
    }
    free(kana);
    free(name);
    free(phone);
    free(s.ids);
    if (r != DB_OK) {
        db_person_list_free(rows, *n);
        *n = 0;
        return r;
    }
    *out = rows;
    return DB_OK;
}
