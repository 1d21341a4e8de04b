/* db-check.c - `tsunagi check`: integrity, schema and settings. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db-int.h"

/* The objects a current schema must hold. */
static const char *const db_expected[] = {
    "agency", "staff", "household", "person", "person_agency", "audit",
    "person_fts", "audit_no_update", "audit_no_delete",
    "person_fts_ai", "person_fts_ad", "person_fts_au",
    "person_name_key", "person_kana_key", "person_phone_key", "person_phone_rev",
    "consultation", "consultation_concern", "consultation_extra", "draft",
    "consultation_person", "consultation_disposition", "consultation_fiscal_year",
    "consultation_received", "consultation_concern_primary", "draft_staff",
};

struct db_checker {
    db *d;
    db_report_fn report;
    void *arg;
    int problems;
};

/* Pass one problem on. */
static void db_problem(struct db_checker *c, const char *text)
{
    c->report(c->arg, text);
    c->problems++;
}

/* Report every row of a statement whose rows are problems; ok_text is
 * the single row meaning "no problem" (NULL when any row is a problem). */
static db_status db_check_rows(struct db_checker *c, const char *sql,
                               const char *ok_text, const char *label)
{
    sqlite3_stmt *st;
    db_status s = db_prep(c->d, sql, &st);
    if (s != DB_OK)
        return s;
    int rc;
    char line[DB_ERRMSG_MAX];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (ok_text && t && strcmp(t, ok_text) == 0)
            continue;
        snprintf(line, sizeof line, "%s: %s", label, t ? t : "?");
        db_problem(c, line);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_OK : db_fail(c->d, rc, label);
}

/* Report every expected schema object that is missing. */
static db_status db_check_schema(struct db_checker *c)
{
    static const char sql[] = "SELECT count(*) FROM sqlite_schema WHERE name = ?1";
    char line[DB_ERRMSG_MAX];
    for (size_t i = 0; i < sizeof db_expected / sizeof db_expected[0]; i++) {
        sqlite3_stmt *st;
        int64_t n = 0;
        db_status s = db_prep(c->d, sql, &st);
        if (s == DB_OK) {
            db_bind_text(st, 1, db_expected[i]);
            s = db_step_int(c->d, st, &n, "schema");
        }
        if (s != DB_OK)
            return s;
        if (n == 0) {
            snprintf(line, sizeof line, "スキーマ: %s がありません", db_expected[i]);
            db_problem(c, line);
        }
    }
    int version = 0;
    db_status s = db_file_version(c->d, &version);
    if (s == DB_OK && version != db_schema_version()) {
        snprintf(line, sizeof line, "スキーマの版が %d です（この tsunagi は %d）",
                 version, db_schema_version());
        db_problem(c, line);
    }
    return s;
}

/* Integrity and schema checks for `tsunagi check`. */
db_status db_check(db *d, db_report_fn report, void *arg, int *problems)
{
    struct db_checker c = { d, report, arg, 0 };
    db_status s = db_check_rows(&c, "PRAGMA integrity_check", "ok", "整合性");
    if (s == DB_OK)
        s = db_check_rows(&c, "SELECT \"table\" || ' の行 ' || rowid || ' が "
                              "' || parent || ' にない行を参照しています'"
                              " FROM pragma_foreign_key_check",
                          NULL, "外部キー");
    if (s == DB_OK)
        s = db_check_rows(&c, "PRAGMA journal_mode", "delete", "ジャーナル方式");
    if (s == DB_OK)
        s = db_check_schema(&c);
    if (s == DB_OK) {
        /* FTS5 reports a damaged index as an error of this statement.  The
         * rank value 1 makes it compare the index with the person table
         * too; without it an index out of step with its rows passes. */
        db_status f = db_exec(d, "INSERT INTO person_fts(person_fts, rank)"
                                 " VALUES('integrity-check', 1)");
        if (f != DB_OK)
            db_problem(&c, db_errmsg(d));
    }
    *problems = c.problems;
    return s;
}
