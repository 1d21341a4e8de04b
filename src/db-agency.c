/* db-agency.c - 支援関係機関: the agencies a person can be handed on to. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

#define DB_AGENCY_COLS "id, name, field, phone, address, version FROM agency"

/* Free the strings of an agency row. */
void db_agency_free(db_agency *a)
{
    free(a->name);
    free(a->field);
    free(a->phone);
    free(a->address);
    memset(a, 0, sizeof *a);
}

/* Read the DB_AGENCY_COLS of the current row. */
static db_status db_agency_read(db *d, sqlite3_stmt *st, void *row)
{
    db_agency *a = row;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->name = db_col_dup(st, 1);
    a->field = db_col_dup(st, 2);
    a->phone = db_col_dup(st, 3);
    a->address = db_col_dup(st, 4);
    a->version = sqlite3_column_int64(st, 5);
    if (!a->name || !a->field || !a->phone || !a->address) {
        db_agency_free(a);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Insert an agency.  Must run inside db_write. */
db_status db_agency_insert(db *d, const db_agency *a, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO agency(name, field, phone, address, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, a->name);
    db_bind_text(st, 2, a->field);
    db_bind_text(st, 3, a->phone);
    db_bind_text(st, 4, a->address);
    db_bind_now(st, 5);
    return db_insert_done(d, st, "agency", a->name, id);
}

/* One agency by its exact name. */
db_status db_agency_by_name(db *d, const char *name, db_agency *out)
{
    static const char sql[] = "SELECT " DB_AGENCY_COLS " WHERE name = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, name);
    return db_read_one(d, st, db_agency_read, out);
}

/* db_agency_free for db_read_rows. */
static void db_agency_free_row(void *row)
{
    db_agency_free(row);
}

/* Free a list of agencies. */
void db_agency_list_free(db_agency *as, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_agency_free(&as[i]);
    free(as);
}

/* The active agencies, by field and then name. */
db_status db_agency_list(db *d, db_agency **out, size_t *n)
{
    static const char sql[] = "SELECT " DB_AGENCY_COLS " WHERE active = 1 ORDER BY field, name";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    return db_read_rows(d, st, sizeof **out, db_agency_read, db_agency_free_row,
                        (void **)out, n);
}
