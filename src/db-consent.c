/* db-consent.c - 本人同意: when, how and for which agencies a person agreed
 * that their information may be shared.  A consent row is history: the
 * schema refuses any change but one withdrawal, and any deletion, so that
 * what was agreed on a date can always be shown as it was. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"

#define DB_CONSENT_COLS \
    "c.id, c.person_id, c.given_on, c.method, c.proxy_name, c.proxy_relation," \
    " c.all_agencies, c.form_no, c.taken_by, coalesce(s.name, ''), c.note," \
    " c.withdrawn_on, c.withdraw_reason, coalesce(c.withdrawn_by, 0), c.version," \
    " c.created_at FROM consent c LEFT JOIN staff s ON s.id = c.taken_by"

/* Free the strings and agencies of a consent row. */
void db_consent_free(db_consent *c)
{
    free(c->given_on);
    free(c->method);
    free(c->proxy_name);
    free(c->proxy_relation);
    free(c->agencies);
    for (size_t i = 0; c->agency_names && i < c->n_agencies; i++)
        free(c->agency_names[i]);
    free(c->agency_names);
    free(c->form_no);
    free(c->taken_by_name);
    free(c->note);
    free(c->withdrawn_on);
    free(c->withdraw_reason);
    free(c->created_at);
    memset(c, 0, sizeof *c);
}

/* db_consent_free for db_read_rows. */
static void db_consent_free_row(void *row)
{
    db_consent_free(row);
}

/* Free a list of consent rows. */
void db_consent_list_free(db_consent *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_consent_free(&cs[i]);
    free(cs);
}

/* Read the DB_CONSENT_COLS of the current row (agencies come later). */
static db_status db_consent_read(db *d, sqlite3_stmt *st, void *row)
{
    db_consent *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->person_id = sqlite3_column_int64(st, 1);
    c->given_on = db_col_dup(st, 2);
    c->method = db_col_dup(st, 3);
    c->proxy_name = db_col_dup(st, 4);
    c->proxy_relation = db_col_dup(st, 5);
    c->all_agencies = sqlite3_column_int(st, 6) != 0;
    c->form_no = db_col_dup(st, 7);
    c->taken_by = sqlite3_column_int64(st, 8);
    c->taken_by_name = db_col_dup(st, 9);
    c->note = db_col_dup(st, 10);
    c->withdrawn_on = db_col_dup(st, 11);
    c->withdraw_reason = db_col_dup(st, 12);
    c->withdrawn_by = sqlite3_column_int64(st, 13);
    c->version = sqlite3_column_int64(st, 14);
    c->created_at = db_col_dup(st, 15);
    if (!c->given_on || !c->method || !c->proxy_name || !c->proxy_relation ||
        !c->form_no || !c->taken_by_name || !c->note || !c->withdrawn_on ||
        !c->withdraw_reason || !c->created_at) {
        db_consent_free(c);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Store the agencies a consent names. */
static db_status db_consent_agencies_insert(db *d, const db_consent *c)
{
    static const char sql[] =
        "INSERT INTO consent_agency(consent_id, agency_id) VALUES (?1, ?2)";
    for (size_t i = 0; i < c->n_agencies; i++) {
        sqlite3_stmt *st;
        db_status s = db_prep(d, sql, &st);
        if (s != DB_OK)
            return s;
        sqlite3_bind_int64(st, 1, c->id);
        sqlite3_bind_int64(st, 2, c->agencies[i]);
        if ((s = db_exec_stmt(d, st, "consent agency")) != DB_OK)
            return s;
    }
    return DB_OK;
}

/* Insert a consent and its agencies. */
db_status db_consent_insert(db *d, db_consent *c)
{
    static const char sql[] =
        "INSERT INTO consent(person_id, given_on, method, proxy_name, proxy_relation,"
        " all_agencies, form_no, taken_by, note, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->person_id);
    db_bind_text(st, 2, c->given_on);
    db_bind_text(st, 3, c->method);
    db_bind_text(st, 4, c->proxy_name);
    db_bind_text(st, 5, c->proxy_relation);
    sqlite3_bind_int(st, 6, c->all_agencies ? 1 : 0);
    db_bind_text(st, 7, c->form_no);
    sqlite3_bind_int64(st, 8, c->taken_by);
    db_bind_text(st, 9, c->note);
    db_bind_now(st, 10);
    /* The audit names the method, never the person's words. */
    if ((s = db_insert_done(d, st, "consent", c->method, &c->id)) != DB_OK)
        return s;
    c->version = 1;
    return c->all_agencies ? DB_OK : db_consent_agencies_insert(d, c);
}

/* Withdraw a consent read at version. */
db_status db_consent_withdraw(db *d, int64_t id, int64_t version, const char *on,
                              const char *reason)
{
    static const char sql[] =
        "UPDATE consent SET withdrawn_on = ?1, withdraw_reason = ?2, withdrawn_by = ?3,"
        " version = version + 1, updated_at = ?4"
        " WHERE id = ?5 AND version = ?6 AND withdrawn_on = ''";
    static const char exists_sql[] = "SELECT count(*) FROM consent WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, on);
    db_bind_text(st, 2, reason);
    sqlite3_bind_int64(st, 3, db_actor(d));
    db_bind_now(st, 4);
    sqlite3_bind_int64(st, 5, id);
    sqlite3_bind_int64(st, 6, version);
    if ((s = db_exec_versioned(d, st, "consent withdraw", exists_sql, id)) != DB_OK)
        return s;
    return db_audit(d, "withdraw", "consent", id, "");
}

/* Read the agencies of one consent into it. */
static db_status db_consent_agencies_read(db *d, db_consent *c)
{
    static const char sql[] =
        "SELECT ca.agency_id, a.name FROM consent_agency ca"
        " JOIN agency a ON a.id = ca.agency_id WHERE ca.consent_id = ?1 ORDER BY a.id";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n_agencies == cap) {
            cap = cap ? cap * 2 : 4;
            int64_t *ids = realloc(c->agencies, cap * sizeof *ids);
            if (ids == NULL)
                return db_nomem(d);
            c->agencies = ids;
            char **names = realloc(c->agency_names, cap * sizeof *names);
            if (names == NULL)
                return db_nomem(d);
            c->agency_names = names;
        }
        c->agencies[c->n_agencies] = sqlite3_column_int64(st, 0);
        c->agency_names[c->n_agencies] = db_col_dup(st, 1);
        if (c->agency_names[c->n_agencies++] == NULL)
            return db_nomem(d);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(d, rc, "consent agencies");
}

/* A person's consents, newest first, with their agencies. */
db_status db_consent_list(db *d, int64_t person_id, db_consent **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_CONSENT_COLS " WHERE c.person_id = ?1 ORDER BY c.given_on DESC, c.id DESC";
    *out = NULL;
    *n = 0;
    bool began;
    db_status s = db_read_enter(d, &began);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s == DB_OK) {
        sqlite3_bind_int64(st, 1, person_id);
        s = db_read_rows(d, st, sizeof **out, db_consent_read, db_consent_free_row,
                         (void **)out, n);
    }
    for (size_t i = 0; s == DB_OK && i < *n; i++)
        s = db_consent_agencies_read(d, &(*out)[i]);
    db_read_leave(d, began);
    if (s != DB_OK) {
        db_consent_list_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return s;
}

/* How many consents a person has, and how many are in force. */
db_status db_consent_counts(db *d, int64_t person_id, int *in_force, int *total)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(withdrawn_on = ''), 0) FROM consent WHERE person_id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *total = sqlite3_column_int(st, 0);
        *in_force = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DB_OK : db_fail(d, rc, "consent counts");
}
