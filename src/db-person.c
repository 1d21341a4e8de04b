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

/* Bind the editable fields of p and their search keys to ?1..?12. */
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
    sqlite3_bind_text(st, 12, phone_key, -1, free);
    return DB_OK;
}

/* Insert a person.  Must run inside db_write; writes the audit row. */
db_status db_person_insert(db *d, const db_person *p, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO person(household_id, relation, name, kana, birth, sex,"
        " address, phone, note, name_key, kana_key, phone_key, created_by,"
        " created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
        " NULLIF(?13, 0), ?14, ?14)";
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
        " name_key = ?10, kana_key = ?11, phone_key = ?12,"
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
