/* db-consult.c - consultations (相談受付): one row per contact, its
 * concerns one row each (so that they can be counted per 年度), and the
 * fields a municipality added to its form.
 *
 * The concerns travel as one string in the form layer's format: items
 * joined by "\n", the most pressing one prefixed with "*".  This file
 * splits that string on the way in and puts it back together on the way
 * out, in the order the items were given. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* The form layer's separator and mark (form.h FORM_MULTI_SEP and
 * FORM_PRIMARY_MARK); the db layer does not include the form layer. */
#define DB_CONCERN_SEP '\n'
#define DB_PRIMARY_MARK '*'

/* "YYYY-MM-DDTHH:MM" and "YYYY-MM-DD". */
#define DB_STAMP_LEN 16
#define DB_DATE_LEN 10
#define DB_HOURS 24
#define DB_MINUTES 60

#define DB_CONSULT_COLS \
    "c.id, COALESCE(c.person_id, 0), c.staff_id, COALESCE(s.name, '')," \
    " c.received_at, c.fiscal_year, c.channel, c.visitor, c.visitor_relation," \
    " c.referrer, c.content, c.urgency, c.next_contact, c.disposition, c.version" \
    " FROM consultation c LEFT JOIN staff s ON s.id = c.staff_id"

/* Free the strings and extra fields of a consultation row. */
void db_consult_free(db_consult *c)
{
    free(c->staff_name);
    free(c->received_at);
    free(c->channel);
    free(c->visitor);
    free(c->visitor_relation);
    free(c->referrer);
    free(c->concerns);
    free(c->content);
    free(c->urgency);
    free(c->next_contact);
    free(c->disposition);
    for (size_t i = 0; i < c->n_extra; i++) {
        free(c->extra_ids[i]);
        free(c->extra_values[i]);
    }
    free(c->extra_ids);
    free(c->extra_values);
    memset(c, 0, sizeof *c);
}

/* db_consult_free for db_read_rows. */
static void db_consult_free_row(void *row)
{
    db_consult_free(row);
}

/* Free a list of consultation rows. */
void db_consult_list_free(db_consult *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_consult_free(&cs[i]);
    free(cs);
}

/* Read n digits at s as a number; -1 when any is not a digit. */
static int db_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Whether s starts with a real ISO date "YYYY-MM-DD"; the date goes to *out. */
static bool db_iso_date(const char *s, txt_date *out)
{
    if (strnlen(s, DB_DATE_LEN) < DB_DATE_LEN || s[4] != '-' || s[7] != '-')
        return false;
    int y = db_digits(s, 4), m = db_digits(s + 5, 2), d = db_digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !txt_date_valid(y, m, d))
        return false;
    out->y = y;
    out->m = m;
    out->d = d;
    return true;
}

/* Whether s is exactly a real local "YYYY-MM-DDTHH:MM". */
static bool db_stamp(const char *s, txt_date *date)
{
    if (strlen(s) != DB_STAMP_LEN || !db_iso_date(s, date) ||
        s[DB_DATE_LEN] != 'T' || s[13] != ':')
        return false;
    int h = db_digits(s + 11, 2), m = db_digits(s + 14, 2);
    return h >= 0 && h < DB_HOURS && m >= 0 && m < DB_MINUTES;
}

/* Check the dates of c before writing; fills *fiscal_year. */
static db_status db_consult_dates(db *d, const db_consult *c, int *fiscal_year)
{
    txt_date when, next;
    const char *at = c->received_at ? c->received_at : "";
    if (!db_stamp(at, &when))
        return db_failf(d, DB_INVALID, "%s（受付日時「%s」は YYYY-MM-DDTHH:MM の実在する日時ではありません）",
                        db_status_text(DB_INVALID), at);
    const char *nc = c->next_contact ? c->next_contact : "";
    if (nc[0] && (strlen(nc) != DB_DATE_LEN || !db_iso_date(nc, &next)))
        return db_failf(d, DB_INVALID, "%s（次回連絡日「%s」は実在する日付ではありません）",
                        db_status_text(DB_INVALID), nc);
    *fiscal_year = txt_date_fiscal_year(when);
    return DB_OK;
}

/* Store one concern of consultation id at position seq. */
static db_status db_concern_insert(db *d, int64_t id, const char *item, size_t len,
                                   bool primary, int seq)
{
    static const char sql[] =
        "INSERT INTO consultation_concern(consultation_id, concern, is_primary, seq)"
        " VALUES (?1, ?2, ?3, ?4)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, item, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, primary);
    sqlite3_bind_int(st, 4, seq);
    s = db_exec_stmt(d, st, "concern");
    if (s == DB_INVALID)
        return db_failf(d, DB_INVALID, "%s（相談の分類「%.*s」が二度あるか、"
                        "最も困っていることが二つあります）",
                        db_status_text(DB_INVALID), (int)len, item);
    return s;
}

/* Store the concerns string: one row per item, in its order. */
static db_status db_concerns_insert(db *d, int64_t id, const char *concerns)
{
    int seq = 0;
    for (const char *p = concerns ? concerns : ""; *p;) {
        const char *end = strchr(p, DB_CONCERN_SEP);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bool primary = len > 0 && p[0] == DB_PRIMARY_MARK;
        const char *item = primary ? p + 1 : p;
        size_t ilen = primary ? len - 1 : len;
        if (ilen > 0) {
            db_status s = db_concern_insert(d, id, item, ilen, primary, seq++);
            if (s != DB_OK)
                return s;
        }
        p += len;
        if (*p == DB_CONCERN_SEP)
            p++;
    }
    return DB_OK;
}

/* Store the extra fields of a consultation. */
static db_status db_extras_insert(db *d, int64_t id, const db_consult *c)
{
    static const char sql[] =
        "INSERT INTO consultation_extra(consultation_id, field_id, value)"
        " VALUES (?1, ?2, ?3)";
    for (size_t i = 0; i < c->n_extra; i++) {
        sqlite3_stmt *st;
        db_status s = db_prep(d, sql, &st);
        if (s != DB_OK)
            return s;
        sqlite3_bind_int64(st, 1, id);
        db_bind_text(st, 2, c->extra_ids[i]);
        db_bind_text(st, 3, c->extra_values ? c->extra_values[i] : "");
        if ((s = db_exec_stmt(d, st, "extra")) != DB_OK)
            return s;
    }
    return DB_OK;
}

/* Insert a consultation with its concerns and extras.  Must run inside
 * db_write; writes the audit row. */
db_status db_consult_insert(db *d, const db_consult *c, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO consultation(person_id, staff_id, received_at, fiscal_year,"
        " channel, visitor, visitor_relation, referrer, content, urgency,"
        " next_contact, disposition, created_at, updated_at)"
        " VALUES (NULLIF(?1, 0), NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " ?11, ?12, ?13, ?13)";
    int fiscal_year = 0;
    db_status s = db_consult_dates(d, c, &fiscal_year);
    sqlite3_stmt *st;
    if (s == DB_OK)
        s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->person_id);
    sqlite3_bind_int64(st, 2, c->staff_id);
    db_bind_text(st, 3, c->received_at);
    sqlite3_bind_int(st, 4, fiscal_year);
    db_bind_text(st, 5, c->channel);
    db_bind_text(st, 6, c->visitor);
    db_bind_text(st, 7, c->visitor_relation);
    db_bind_text(st, 8, c->referrer);
    db_bind_text(st, 9, c->content);
    db_bind_text(st, 10, c->urgency);
    db_bind_text(st, 11, c->next_contact);
    db_bind_text(st, 12, c->disposition);
    db_bind_now(st, 13);
    int64_t new_id = 0;
    s = db_insert_done(d, st, "consultation", "", &new_id);
    if (s == DB_OK)
        s = db_concerns_insert(d, new_id, c->concerns);
    if (s == DB_OK)
        s = db_extras_insert(d, new_id, c);
    if (s == DB_OK)
        *id = new_id;
    return s;
}

/* Link a consultation to a person, checking the version read. */
db_status db_consult_link(db *d, int64_t id, int64_t version, int64_t person_id)
{
    static const char sql[] =
        "UPDATE consultation SET person_id = NULLIF(?1, 0), version = version + 1,"
        " updated_at = ?2 WHERE id = ?3 AND version = ?4";
    static const char exists_sql[] = "SELECT count(*) FROM consultation WHERE id = ?1";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    db_bind_now(st, 2);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    if ((s = db_exec_versioned(d, st, "consultation link", exists_sql, id)) != DB_OK)
        return s;
    char detail[48];
    snprintf(detail, sizeof detail, "person %" PRId64, person_id);
    return db_audit(d, "link", "consultation", id, detail);
}

/* Read the DB_CONSULT_COLS of the current row (concerns and extras are
 * read afterwards by db_consult_details). */
static db_status db_consult_read(db *d, sqlite3_stmt *st, void *row)
{
    db_consult *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->person_id = sqlite3_column_int64(st, 1);
    c->staff_id = sqlite3_column_int64(st, 2);
    c->staff_name = db_col_dup(st, 3);
    c->received_at = db_col_dup(st, 4);
    c->fiscal_year = sqlite3_column_int(st, 5);
    c->channel = db_col_dup(st, 6);
    c->visitor = db_col_dup(st, 7);
    c->visitor_relation = db_col_dup(st, 8);
    c->referrer = db_col_dup(st, 9);
    c->content = db_col_dup(st, 10);
    c->urgency = db_col_dup(st, 11);
    c->next_contact = db_col_dup(st, 12);
    c->disposition = db_col_dup(st, 13);
    c->version = sqlite3_column_int64(st, 14);
    if (!c->staff_name || !c->received_at || !c->channel || !c->visitor ||
        !c->visitor_relation || !c->referrer || !c->content || !c->urgency ||
        !c->next_contact || !c->disposition) {
        db_consult_free(c);
        return db_nomem(d);
    }
    return DB_OK;
}

/* Put the concerns of c back into the form layer's string. */
static db_status db_concerns_read(db *d, db_consult *c)
{
    static const char sql[] =
        "SELECT concern, is_primary FROM consultation_concern"
        " WHERE consultation_id = ?1 ORDER BY seq, concern";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->id);
    txt_buf b;
    txt_buf_init(&b);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (b.len > 0)
            txt_buf_add(&b, "\n", 1);
        if (sqlite3_column_int(st, 1))
            txt_buf_add(&b, "*", 1);
        const unsigned char *t = sqlite3_column_text(st, 0);
        txt_buf_adds(&b, t ? (const char *)t : "");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        txt_buf_free(&b);
        return db_fail(d, rc, "concerns");
    }
    char *text = b.failed ? NULL : txt_buf_take(&b);
    txt_buf_free(&b);
    if (text == NULL)
        return db_nomem(d);
    c->concerns = text;
    return DB_OK;
}

/* Append one extra field to c; false when memory runs out. */
static bool db_extra_add(db_consult *c, sqlite3_stmt *st, size_t *cap)
{
    if (c->n_extra == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        char **ids = realloc(c->extra_ids, grown * sizeof *ids);
        if (ids == NULL)
            return false;
        c->extra_ids = ids;
        char **values = realloc(c->extra_values, grown * sizeof *values);
        if (values == NULL)
            return false;
        c->extra_values = values;
        *cap = grown;
    }
    char *id = db_col_dup(st, 0), *value = db_col_dup(st, 1);
    if (!id || !value) {
        free(id);
        free(value);
        return false;
    }
    c->extra_ids[c->n_extra] = id;
    c->extra_values[c->n_extra] = value;
    c->n_extra++;
    return true;
}

/* Read the extra fields of c, by field id. */
static db_status db_extras_read(db *d, db_consult *c)
{
    static const char sql[] =
        "SELECT field_id, value FROM consultation_extra"
        " WHERE consultation_id = ?1 ORDER BY field_id";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!db_extra_add(c, st, &cap)) {
            s = db_nomem(d);
            break;
        }
    sqlite3_reset(st);
    if (s == DB_OK && rc != SQLITE_DONE)
        s = db_fail(d, rc, "extras");
    return s;
}

/* Complete rows read by db_consult_read with their concerns and extras. */
static db_status db_consult_details(db *d, db_consult *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        db_status s = db_concerns_read(d, &cs[i]);
        if (s == DB_OK)
            s = db_extras_read(d, &cs[i]);
        if (s != DB_OK)
            return s;
    }
    return DB_OK;
}

/* One consultation by id, with its concerns and extras. */
db_status db_consult_get(db *d, int64_t id, db_consult *out)
{
    static const char sql[] = "SELECT " DB_CONSULT_COLS " WHERE c.id = ?1";
    memset(out, 0, sizeof *out);
    bool began;
    sqlite3_stmt *st;
    db_status s = db_read_enter(d, &began);
    if (s != DB_OK)
        return s;
    s = db_prep(d, sql, &st);
    if (s == DB_OK) {
        sqlite3_bind_int64(st, 1, id);
        s = db_read_one(d, st, db_consult_read, out);
        if (s == DB_OK && (s = db_consult_details(d, out, 1)) != DB_OK)
            db_consult_free(out);
    }
    db_read_leave(d, began);
    return s;
}

/* Run a bound list statement and complete its rows, in one read
 * transaction so that the concerns belong to the rows read. */
static db_status db_consult_rows(db *d, sqlite3_stmt *st, db_consult **out, size_t *n)
{
    bool began;
    db_status s = db_read_enter(d, &began);
    if (s != DB_OK) {
        sqlite3_reset(st);
        return s;
    }
    s = db_read_rows(d, st, sizeof **out, db_consult_read, db_consult_free_row,
                     (void **)out, n);
    if (s == DB_OK && (s = db_consult_details(d, *out, *n)) != DB_OK) {
        db_consult_list_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    db_read_leave(d, began);
    return s;
}

/* A person's consultations, newest first; is_new is the caller's. */
db_status db_consult_by_person(db *d, int64_t person_id,
                               db_consult **out, size_t *n)
{
    static const char sql[] =
        "SELECT " DB_CONSULT_COLS " WHERE c.person_id = ?1"
        " ORDER BY c.received_at DESC, c.id DESC";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, person_id);
    return db_consult_rows(d, st, out, n);
}

/* The latest consultations with a disposition ("" for all), newest first.
 * Two statements rather than one with an OR, so that each follows its
 * index. */
db_status db_consult_by_disposition(db *d, const char *disposition,
                                    size_t limit, db_consult **out, size_t *n)
{
    static const char all_sql[] =
        "SELECT " DB_CONSULT_COLS
        " ORDER BY c.received_at DESC, c.id DESC LIMIT ?1";
    static const char one_sql[] =
        "SELECT " DB_CONSULT_COLS " WHERE c.disposition = ?2"
        " ORDER BY c.received_at DESC, c.id DESC LIMIT ?1";
    *out = NULL;
    *n = 0;
    if (limit == 0)
        return DB_OK;
    bool all = disposition == NULL || disposition[0] == '\0';
    sqlite3_stmt *st;
    db_status s = db_prep(d, all ? all_sql : one_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    if (!all)
        db_bind_text(st, 2, disposition);
    return db_consult_rows(d, st, out, n);
}

/* The latest anonymous consultations, newest first, for linking them to
 * the person they turned out to be about. */
db_status db_consult_anonymous(db *d, size_t limit, db_consult **out, size_t *n)
{
    /* The person index holds the NULLs together, in received_at order. */
    static const char sql[] =
        "SELECT " DB_CONSULT_COLS " WHERE c.person_id IS NULL"
        " ORDER BY c.received_at DESC, c.id DESC LIMIT ?1";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    return db_consult_rows(d, st, out, n);
}
