/* db-int.h - what the db-*.c files share and nothing else sees. */
#ifndef TSUNAGI_DB_INT_H
#define TSUNAGI_DB_INT_H

#include <sqlite3.h>

#include "db.h"

/* Prepared statements are kept per connection, keyed by the address of the
 * SQL text, because a lookup runs the same few statements per keystroke.
 * Room for every statement of the program (about 90 with schema 3) and
 * the issues still to come: a full cache is a programming error. */
#define DB_STMT_CACHE 256
#define DB_ERRMSG_MAX 512

struct db_stmt_slot {
    const char *sql;
    sqlite3_stmt *stmt;
};

struct db {
    sqlite3 *h;
    char *path;
    int64_t actor;
    db_wait_fn wait_fn;
    void *wait_arg;
    int waited_ms;         /* for the lock being waited on now */
    bool cancelled;        /* the user gave the wait up */
    unsigned seed;         /* for the back-off jitter */
    bool in_tx;
    bool lost;             /* an I/O error: open the file again before use */
    int64_t settles_draft; /* the draft the next write removes (db_draft_attach) */
    int next_stale_check_ms;  /* dotfile: when to look at the lock's age */
    int stale_locks;       /* dotfile: dead locks this connection removed */
    char errmsg[DB_ERRMSG_MAX];
    char errtext[DB_ERRMSG_MAX];  /* the same without SQLite's detail */
    struct db_stmt_slot cache[DB_STMT_CACHE];
};

/* db-draft.c: remove the attached draft inside the transaction that
 * stores its form (gone already is fine: another terminal settled it). */
db_status db_draft_settle(db *d, int64_t id);

/* db-lock.c: the VFS for the scheme in use, and the busy handler's look
 * at a dotfile lock that may have been left by a dead process. */
const char *db_lock_vfs(void);
void db_lock_waiting(db *d);

/* After a version-checked UPDATE that changed no row: DB_NOTFOUND or
 * DB_CONFLICT, as exists_sql (a count of rows with id ?1) tells. */
db_status db_missed(db *d, const char *exists_sql, int64_t id);
/* Get the cached statement for sql (a string literal), reset and unbound. */
db_status db_prep(db *d, const char *sql, sqlite3_stmt **st);
/* Map an SQLite result code to a status and record the message. */
db_status db_fail(db *d, int rc, const char *what);
/* Record a status with a message of our own. */
db_status db_failf(db *d, db_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A copy of column i as a string, "" for NULL; NULL only when out of memory. */
char *db_col_dup(sqlite3_stmt *st, int i);
/* Bind a string; NULL binds "" (every text column is NOT NULL). */
int db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind the current time. */
int db_bind_now(sqlite3_stmt *st, int i);
/* Step an INSERT, hand back the new id and write its audit row. */
db_status db_insert_done(db *d, sqlite3_stmt *st, const char *entity,
                         const char *detail, int64_t *id);
/* Step a statement that returns no rows. */
db_status db_exec_stmt(db *d, sqlite3_stmt *st, const char *what);
/* Step a statement that returns one integer, and read it. */
db_status db_step_int(db *d, sqlite3_stmt *st, int64_t *out, const char *what);
int64_t db_last_id(db *d);
int db_changes(db *d);
/* Reading rows into structs: read fills one element from the current row
 * (freeing what it allocated when it fails); free_row frees one element. */
typedef db_status (*db_row_read_fn)(db *d, sqlite3_stmt *st, void *row);
typedef void (*db_row_free_fn)(void *row);
db_status db_read_rows(db *d, sqlite3_stmt *st, size_t elem_size,
                       db_row_read_fn read, db_row_free_fn free_row,
                       void **out, size_t *n);
db_status db_read_one(db *d, sqlite3_stmt *st, db_row_read_fn read, void *row);
/* The one row sql (a string literal whose ?1 is an id) returns, read into
 * out; DB_NOTFOUND with its message when there is none. */
db_status db_read_by_id(db *d, const char *sql, int64_t id, db_row_read_fn read, void *out);
/* Step a version-checked UPDATE or DELETE: DB_NOTFOUND or DB_CONFLICT
 * (db_missed) when it changed no row. */
db_status db_exec_versioned(db *d, sqlite3_stmt *st, const char *what, const char *exists_sql,
                            int64_t id);
/* The status for a failed allocation, with its message recorded. */
db_status db_nomem(db *d);
/* A copy of an ASCII string in reverse order (phone digits). */
char *db_reverse(const char *s);
/* Run SQL text with no parameters (schema and pragmas only). */
db_status db_exec(db *d, const char *sql);
/* The current time as the audit and rows store it (UTC ISO 8601). */
void db_now(char *buf, size_t n);

/* A read transaction, so that several statements see one state. */
db_status db_read_begin(db *d);
void db_read_end(db *d);
/* The same, unless a transaction is open already (reads inside db_write). */
db_status db_read_enter(db *d, bool *began);
void db_read_leave(db *d, bool began);

/* db-person.c: the person columns every person query selects, in the
 * order db_person_read reads them. */
#define DB_PERSON_COLS \
    "id, COALESCE(household_id, 0), relation, name, kana, birth, sex," \
    " address, phone, note, version FROM person"
db_status db_person_read(db *d, sqlite3_stmt *st, void *row);
void db_person_free_row(void *row);

/* db-fts.c: register the search-key tokenizer on a connection. */
db_status db_fts_register(db *d);
/* db-migrate.c: refuse a file that is not ours or too new (reads only),
 * and bring the schema up to date. */
db_status db_identify(db *d, int *version);
db_status db_migrate(db *d);
/* Test hooks: stop the migrations at a version, to make a file as an
 * older tsunagi left it.  The program itself always uses db_open. */
db_status db_migrate_to(db *d, int version);
db_status db_open_version(const char *path, int mode, int version, db **out);

#endif
