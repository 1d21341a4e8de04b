/* db-household.c - 世帯: the households persons belong to. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

/* Free the strings of a household row. */
void db_household_free(db_household *h)
{
    free(h->name);
    free(h->address);
    free(h->note);
    memset(h, 0, sizeof *h);
}

/* Read a household row (id, name, address, note, version). */
static db_status db_household_read(db *d, sqlite3_stmt *st, void *row)
{
    db_household *h = row;
    memset(h, 0, sizeof *h);
    h->id = sqlite3_column_int64(st, 0);
    h->name = db_col_dup(st, 1);
    h->address = db_col_dup(st, 2);
    h->note = db_col_dup(st, 3);
    h->version = sqlite3_column_int64(st, 4);
    if (!h->name || !h->address || !h->note) {
        db_household_free(h);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Insert a household.  Must run inside db_write. */
db_status db_household_insert(db *d, const db_household *h, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO household(name, address, note, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?4)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, h->name);
    db_bind_text(st, 2, h->address);
    db_bind_text(st, 3, h->note);
    db_bind_now(st, 4);
    return db_insert_done(d, st, "household", "", id);
}

/* One household by id. */
db_status db_household_get(db *d, int64_t id, db_household *out)
{
    static const char sql[] =
        "SELECT id, name, address, note, version FROM household WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    return db_read_one(d, st, db_household_read, out);
}
