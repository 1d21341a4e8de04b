/* db-draft.c - drafts: a form left unsaved (a call cut off, a lunch break,
 * a terminal that lost its SSH session), kept per staff member so that the
 * work is not typed twice.  The values are the form layer's text; this
 * file only stores it. */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "db-int.h"

#define DB_DRAFT_COLS "id, staff_id, form_id, data, saved_at, version FROM draft"

/* Free the strings of a draft row. */
void db_draft_free(db_draft *dr)
{
    free(dr->form_id);
    free(dr->data);
    free(dr->saved_at);
    memset(dr, 0, sizeof *dr);
}

/* db_draft_free for db_read_rows. */
static void db_draft_free_row(void *row)
{
    db_draft_free(row);
}

/* Free a list of draft rows. */
void db_draft_list_free(db_draft *drs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_draft_free(&drs[i]);
    free(drs);
}

/* Read the DB_DRAFT_COLS of the current row. */
static db_status db_draft_read(db *d, sqlite3_stmt *st, void *row)
{
    db_draft *dr = row;
    memset(dr, 0, sizeof *dr);
    dr->id = sqlite3_column_int64(st, 0);
    dr->staff_id = sqlite3_column_int64(st, 1);
    dr->form_id = db_col_dup(st, 2);
    dr->data = db_col_dup(st, 3);
    dr->saved_at = db_col_dup(st, 4);
    dr->version = sqlite3_column_int64(st, 5);
    if (!dr->form_id || !dr->data || !dr->saved_at) {
        db_draft_free(dr);
        return db_nomem(d);
    }
    return DB_OK;
}

/* What a save hands back; set only by a run of the transaction that
 * commits, since db_write may run it more than once. */
struct db_draft_save {
    const db_draft *dr;
    int64_t id, version;
};

/* Insert a new draft. */
static db_status db_draft_insert(db *d, struct db_draft_save *sv)
{
    static const char sql[] =
        "INSERT INTO draft(staff_id, form_id, data, saved_at) VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, sv->dr->staff_id);
    db_bind_text(st, 2, sv->dr->form_id);
    db_bind_text(st, 3, sv->dr->data);
    db_bind_now(st, 4);
    if ((s = db_exec_stmt(d, st, "draft")) != DB_OK)
        return s;
    sv->id = db_last_id(d);
    sv->version = 1;
    return DB_OK;
}

/* Replace a draft if nobody saved it since it was read. */
static db_status db_draft_replace(db *d, struct db_draft_save *sv)
{
    static const char sql[] =
        "UPDATE draft SET form_id = ?1, data = ?2, saved_at = ?3,"
        " version = version + 1 WHERE id = ?4 AND version = ?5 AND staff_id = ?6";
    static const char exists_sql[] =
        "SELECT count(*) FROM draft WHERE id = ?1 AND staff_id = ?2";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, sv->dr->form_id);
    db_bind_text(st, 2, sv->dr->data);
    db_bind_now(st, 3);
    sqlite3_bind_int64(st, 4, sv->dr->id);
    sqlite3_bind_int64(st, 5, sv->dr->version);
    sqlite3_bind_int64(st, 6, sv->dr->staff_id);
    if ((s = db_exec_stmt(d, st, "draft update")) != DB_OK)
        return s;
    if (db_changes(d) == 0) {
        /* Deleted (its form was saved elsewhere) or saved by another
         * terminal: the caller offers different things for each. */
        int64_t n = 0;
        if ((s = db_prep(d, exists_sql, &st)) != DB_OK)
            return s;
        sqlite3_bind_int64(st, 1, sv->dr->id);
        sqlite3_bind_int64(st, 2, sv->dr->staff_id);
        if ((s = db_step_int(d, st, &n, "draft")) != DB_OK)
            return s;
        return n == 0 ? db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND))
                      : db_failf(d, DB_CONFLICT, "%s", db_status_text(DB_CONFLICT));
    }
    sv->id = sv->dr->id;
    sv->version = sv->dr->version + 1;
    return DB_OK;
}

/* The body of db_draft_save's transaction. */
static db_status db_draft_save_tx(db *d, void *arg)
{
    struct db_draft_save *sv = arg;
    db_status s = sv->dr->id == 0 ? db_draft_insert(d, sv) : db_draft_replace(d, sv);
    /* The form's values stay out of the audit: they may name anyone. */
    return s == DB_OK ? db_audit(d, "draft", "draft", sv->id, sv->dr->form_id) : s;
}

/* Insert or replace a draft in a transaction of its own. */
db_status db_draft_save(db *d, db_draft *dr)
{
    struct db_draft_save sv = { dr, 0, 0 };
    db_status s = db_write(d, db_draft_save_tx, &sv);
    if (s == DB_OK) {
        dr->id = sv.id;
        dr->version = sv.version;
    }
    return s;
}

/* A staff member's drafts, the latest saved first. */
db_status db_draft_list(db *d, int64_t staff_id, db_draft **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_DRAFT_COLS " WHERE staff_id = ?1 ORDER BY saved_at DESC, id DESC";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, staff_id);
    return db_read_rows(d, st, sizeof **out, db_draft_read, db_draft_free_row,
                        (void **)out, n);
}

/* Delete a draft.  Must run inside db_write. */
db_status db_draft_delete(db *d, int64_t id)
{
    static const char sql[] = "DELETE FROM draft WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    if ((s = db_exec_stmt(d, st, "draft delete")) != DB_OK)
        return s;
    if (db_changes(d) == 0)
        return db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND));
    return db_audit(d, "delete", "draft", id, "");
}

/* Tie a draft to the write transactions that follow (0: none). */
void db_draft_attach(db *d, int64_t id)
{
    assert(!d->in_tx);
    d->settles_draft = id;
}

/* Remove the attached draft in the transaction storing its form. */
db_status db_draft_settle(db *d, int64_t id)
{
    db_status s = db_draft_delete(d, id);
    return s == DB_NOTFOUND ? DB_OK : s;
}
