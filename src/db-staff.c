/* db-staff.c - staff members: who may use tsunagi, in which role. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

#define DB_STAFF_COLS \
    "s.id, s.login, s.name, s.role, COALESCE(s.agency_id, 0)," \
    " COALESCE(a.name, ''), s.active, s.version" \
    " FROM staff s LEFT JOIN agency a ON a.id = s.agency_id"

/* Free the strings of a staff row. */
void db_staff_free(db_staff *s)
{
    free(s->login);
    free(s->name);
    free(s->role);
    free(s->agency_name);
    memset(s, 0, sizeof *s);
}

/* Free a list of staff rows. */
void db_staff_list_free(db_staff *ss, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_staff_free(&ss[i]);
    free(ss);
}

/* Read the DB_STAFF_COLS of the current row. */
static db_status db_staff_read(db *d, sqlite3_stmt *st, void *row)
{
    db_staff *s = row;
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    s->login = db_col_dup(st, 1);
    s->name = db_col_dup(st, 2);
    s->role = db_col_dup(st, 3);
    s->agency_id = sqlite3_column_int64(st, 4);
    s->agency_name = db_col_dup(st, 5);
    s->active = sqlite3_column_int(st, 6) != 0;
    s->version = sqlite3_column_int64(st, 7);
    if (!s->login || !s->name || !s->role || !s->agency_name) {
        db_staff_free(s);
        return db_nomem(d);
    }
    return DB_OK;
}

/* db_staff_free for db_read_rows. */
static void db_staff_free_row(void *row)
{
    db_staff_free(row);
}

/* Find a staff member by OS login. */
db_status db_staff_by_login(db *d, const char *login, db_staff *out)
{
    static const char sql[] = "SELECT " DB_STAFF_COLS " WHERE s.login = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, login);
    return db_read_one(d, st, db_staff_read, out);
}

/* Every staff member, by login. */
db_status db_staff_list(db *d, db_staff **out, size_t *n)
{
    static const char sql[] = "SELECT " DB_STAFF_COLS " ORDER BY s.login";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    return db_read_rows(d, st, sizeof **out, db_staff_read, db_staff_free_row,
                        (void **)out, n);
}

/* Insert a staff member.  Must run inside db_write. */
db_status db_staff_insert(db *d, const db_staff *s, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO staff(login, name, role, agency_id, active, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6, ?6)";
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    db_bind_text(st, 1, s->login);
    db_bind_text(st, 2, s->name);
    db_bind_text(st, 3, s->role);
    sqlite3_bind_int64(st, 4, s->agency_id);
    sqlite3_bind_int(st, 5, s->active);
    db_bind_now(st, 6);
    return db_insert_done(d, st, "staff", s->login, id);
}

/* Enable or disable a staff member, checking the version read. */
db_status db_staff_set_active(db *d, int64_t id, int64_t version, bool active)
{
    static const char sql[] =
        "UPDATE staff SET active = ?1, version = version + 1, updated_at = ?2"
        " WHERE id = ?3 AND version = ?4";
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    sqlite3_bind_int(st, 1, active);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    r = db_exec_stmt(d, st, "staff update");
    if (r != DB_OK)
        return r;
    if (db_changes(d) == 0)
        return db_failf(d, DB_CONFLICT, "%s", db_status_text(DB_CONFLICT));
    return db_audit(d, active ? "enable" : "disable", "staff", id, "");
}

