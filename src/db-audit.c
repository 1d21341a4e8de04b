/* db-audit.c - the append-only audit trail: who did what to which record,
 * and when.  Triggers in the schema refuse any UPDATE or DELETE of it. */
#include "config.h"

#include <stdlib.h>

#include "db-int.h"
#include "text.h"

/* Append an audit row for the current actor.  Must run inside db_write. */
db_status db_audit(db *d, const char *action, const char *entity,
                   int64_t entity_id, const char *detail)
{
    static const char sql[] =
        "INSERT INTO audit(at, staff_id, login, action, entity, entity_id, detail)"
        " VALUES (?1, ?2, COALESCE((SELECT login FROM staff WHERE id = ?2), 'system'),"
        " ?3, ?4, ?5, ?6)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_now(st, 1);
    if (d->actor > 0)
        sqlite3_bind_int64(st, 2, d->actor);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, entity);
    if (entity_id > 0)
        sqlite3_bind_int64(st, 5, entity_id);
    db_bind_text(st, 6, detail ? detail : "");
    return db_exec_stmt(d, st, "audit");
}

struct db_view {
    const char *entity;
    int64_t id;
};

/* The body of db_audit_view's transaction. */
static db_status db_audit_view_tx(db *d, void *arg)
{
    struct db_view *v = arg;
    return db_audit(d, "view", v->entity, v->id, "");
}

/* Record that a record was viewed, in a transaction of its own. */
db_status db_audit_view(db *d, const char *entity, int64_t entity_id)
{
    struct db_view v = { entity, entity_id };
    return db_write(d, db_audit_view_tx, &v);
}

/* Count audit rows for an action on a record (for tests and checks). */
db_status db_audit_count(db *d, const char *action, const char *entity,
                         int64_t entity_id, int64_t *n)
{
    static const char sql[] =
        "SELECT count(*) FROM audit WHERE action = ?1 AND entity = ?2"
        " AND (?3 = 0 OR entity_id = ?3)";
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    db_bind_text(st, 1, action);
    db_bind_text(st, 2, entity);
    sqlite3_bind_int64(st, 3, entity_id);
    return db_step_int(d, st, n, "audit count");
}

struct db_export {
    const char *action;
    const char *entity;
    char *detail;
};

/* The body of db_audit_export's transaction. */
static db_status db_audit_export_tx(db *d, void *arg)
{
    struct db_export *e = arg;
    return db_audit(d, e->action, e->entity, 0, e->detail);
}

/* Record, in a transaction of its own, that rows left the database on the
 * command line: how many, and what was asked for. */
db_status db_audit_export(db *d, const char *action, const char *entity,
                          size_t rows, const char *asked)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "cli %zu件: %s", rows, asked ? asked : "");
    struct db_export e = { action, entity, txt_buf_take(&b) };
    db_status st = e.detail ? db_write(d, db_audit_export_tx, &e) : db_nomem(d);
    free(e.detail);
    return st;
}
