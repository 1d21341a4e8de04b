/* db.c - the connection: opening, settings for a shared file, locking,
 * write transactions and error messages. */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-int.h"

/* Back-off while waiting for a lock: short first, since most locks are
 * held for one fsync, then longer so that eight writers do not spin. */
#define DB_WAIT_FIRST_MS 2
#define DB_WAIT_MAX_MS 10
/* Whoever has waited past the notice polls this often, so that writers
 * who just arrived do not overtake them again and again (R1 saw a writer
 * starve for the whole timeout with a longer back-off). */
#define DB_WAIT_LONG_STEP_MS 2
/* Below this the wait is not worth telling the user about. */
#define DB_WAIT_NOTICE_MS 500

static db_status db_revive(db *d, bool reset_cache);

/* The Japanese message for a status, without detail. */
const char *db_status_text(db_status st)
{
    switch (st) {
    case DB_OK: return "正常";
    case DB_NOTFOUND: return "該当するデータがありません";
    case DB_CONFLICT: return "他の職員が先に更新しました。最新の内容を確認してください";
    case DB_BUSY: return "他の端末がデータベースを使用中で、待ち時間を過ぎました";
    case DB_FULL: return "ディスクの空き容量がありません";
    case DB_READONLY: return "データベースに書き込めません（読み取り専用です）";
    case DB_TOONEW: return "このデータベースは新しい版のtsunagiで作られています";
    case DB_NOTDB: return "tsunagiのデータベースではないか、ファイルが壊れています";
    case DB_EXISTS: return "ファイルが既にあります";
    case DB_INVALID: return "入力内容がデータの規則に合いません";
    case DB_IOERR: return "データベースの読み書きに失敗しました（共有フォルダの切断など）";
    case DB_NOMEM: return "メモリが不足しています";
    case DB_ERROR: break;
    }
    return "データベースでエラーが発生しました";
}

/* Map an SQLite primary result code onto a status. */
static db_status db_status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return DB_OK;
    case SQLITE_BUSY: case SQLITE_LOCKED: return DB_BUSY;
    case SQLITE_FULL: return DB_FULL;
    case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_CANTOPEN:
        return rc == SQLITE_CANTOPEN ? DB_IOERR : DB_READONLY;
    case SQLITE_NOTADB: case SQLITE_CORRUPT: return DB_NOTDB;
    case SQLITE_CONSTRAINT: return DB_INVALID;
    case SQLITE_IOERR: return DB_IOERR;
    case SQLITE_NOMEM: return DB_NOMEM;
    default: return DB_ERROR;
    }
}

/* Record a status with a message of our own. */
db_status db_failf(db *d, db_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->errmsg, sizeof d->errmsg, fmt, ap);
    va_end(ap);
    snprintf(d->errtext, sizeof d->errtext, "%s", d->errmsg);
    return st;
}

/* Whether the file or its folder refuses writing (permissions, a
 * read-only file system), as opposed to being unreachable. */
static bool db_refused_write(const char *path)
{
    if (access(path, W_OK) == 0)
        return false;
    return errno == EROFS || errno == EACCES || errno == EPERM;
}

/* Map an SQLite result code to a status and record the message. */
db_status db_fail(db *d, int rc, const char *what)
{
    db_status st = db_status_of(rc);
    const char *detail = d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(rc);
    /* A read-only folder or file system shows as an I/O error on the
     * journal, or as a journal that cannot be created. */
    if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_READONLY_DIRECTORY ||
        (rc & 0xff) == SQLITE_CANTOPEN)
        st = db_refused_write(d->path) ? DB_READONLY : DB_IOERR;
    /* The file may have gone with its share: reconnect before next use. */
    if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN)
        d->lost = true;
    db_failf(d, st, "%s（%s: %s）", db_status_text(st), what, detail);
    /* The screen says what happened in Japanese; SQLite's English detail is
     * for the administrator (the command line prints it). */
    snprintf(d->errtext, sizeof d->errtext, "%s", db_status_text(st));
    return st;
}

/* Record why a rule above the db layer refused a change. */
db_status db_refuse(db *d, db_status st, const char *why)
{
    return db_failf(d, st, "%s", why);
}

/* The status for a failed allocation, with its message recorded. */
db_status db_nomem(db *d)
{
    return db_failf(d, DB_NOMEM, "%s", db_status_text(DB_NOMEM));
}

/* The message of the last failure, with SQLite's detail. */
const char *db_errmsg(const db *d)
{
    return d->errmsg;
}

/* The message of the last failure in Japanese only, for the screen. */
const char *db_errtext(const db *d)
{
    return d->errtext;
}

/* The file this connection is on. */
const char *db_path(const db *d)
{
    return d->path;
}

/* Let the screen hear about lock waits. */
void db_set_wait_fn(db *d, db_wait_fn fn, void *arg)
{
    d->wait_fn = fn;
    d->wait_arg = arg;
}

/* Set the staff member every audit row will name. */
void db_set_actor(db *d, int64_t staff_id)
{
    d->actor = staff_id;
}

/* The staff member acting on this connection. */
int64_t db_actor(const db *d)
{
    return d->actor;
}

/* The current time as the audit and rows store it (UTC ISO 8601). */
void db_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Sleep a little, then tell SQLite to try the lock again, until the limit:
 * a busy handler of our own so that the wait reaches the status line. */
static int db_busy_cb(void *arg, int count)
{
    db *d = arg;
    if (count == 0) {
        d->waited_ms = 0;
        d->next_stale_check_ms = 0;
    }
    if (d->waited_ms >= DB_BUSY_TIMEOUT_MS)
        return 0;
    int step = DB_WAIT_FIRST_MS << (count < 5 ? count : 5);
    if (step > DB_WAIT_MAX_MS)
        step = DB_WAIT_MAX_MS;
    /* Jitter, so that writers who collided do not collide again; each
     * connection has its own seed, or every process would draw alike. */
    step += (int)(rand_r(&d->seed) % (unsigned)(step + 1));
    if (d->waited_ms >= DB_WAIT_NOTICE_MS)
        step = DB_WAIT_LONG_STEP_MS;
    struct timespec ts = { step / 1000, (long)(step % 1000) * 1000000L };
    nanosleep(&ts, NULL);
    d->waited_ms += step;
    db_lock_waiting(d);
    if (d->wait_fn && d->waited_ms >= DB_WAIT_NOTICE_MS &&
        !d->wait_fn(d->wait_arg, d->waited_ms)) {
        d->cancelled = true;
        return 0;
    }
    return 1;
}

/* Tell the screen that a wait it was shown is over. */
static void db_wait_done(db *d)
{
    if (d->wait_fn && d->waited_ms >= DB_WAIT_NOTICE_MS)
        d->wait_fn(d->wait_arg, -1);
    d->waited_ms = 0;
}

/* After a version-checked UPDATE that changed no row: DB_NOTFOUND when
 * exists_sql (counting rows with id ?1) finds none, else DB_CONFLICT
 * (someone saved the row since it was read). */
db_status db_missed(db *d, const char *exists_sql, int64_t id)
{
    sqlite3_stmt *st;
    db_status s = db_prep(d, exists_sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    int64_t n = 0;
    if ((s = db_step_int(d, st, &n, "exists")) != DB_OK)
        return s;
    db_status why = n == 0 ? DB_NOTFOUND : DB_CONFLICT;
    return db_failf(d, why, "%s", db_status_text(why));
}

/* Get the cached statement for sql (a string literal), reset and unbound. */
db_status db_prep(db *d, const char *sql, sqlite3_stmt **st)
{
    if (d->lost) {
        db_status r = db_revive(d, false);
        if (r != DB_OK)
            return r;
    }
    size_t slot = ((uintptr_t)sql >> 3) % DB_STMT_CACHE;
    for (size_t i = 0; i < DB_STMT_CACHE; i++) {
        struct db_stmt_slot *s = &d->cache[(slot + i) % DB_STMT_CACHE];
        if (s->sql == sql) {
            sqlite3_reset(s->stmt);
            sqlite3_clear_bindings(s->stmt);
            *st = s->stmt;
            return DB_OK;
        }
        if (s->sql == NULL) {
            int rc = sqlite3_prepare_v3(d->h, sql, -1,
                                        SQLITE_PREPARE_PERSISTENT,
                                        &s->stmt, NULL);
            if (rc != SQLITE_OK)
                return db_fail(d, rc, "prepare");
            s->sql = sql;
            *st = s->stmt;
            return DB_OK;
        }
    }
    /* The cache is sized for every statement in the program. */
    assert(!"statement cache full");
    return db_failf(d, DB_ERROR, "statement cache full");
}

/* Bind a string; NULL binds "" (every text column is NOT NULL). */
int db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Bind the current time, as rows and the audit store it. */
int db_bind_now(sqlite3_stmt *st, int i)
{
    char now[32];
    db_now(now, sizeof now);
    return db_bind_text(st, i, now);
}

/* Step an INSERT, hand back the new id and write its audit row. */
db_status db_insert_done(db *d, sqlite3_stmt *st, const char *entity,
                         const char *detail, int64_t *id)
{
    db_status s = db_exec_stmt(d, st, entity);
    if (s != DB_OK)
        return s;
    *id = db_last_id(d);
    return db_audit(d, "create", entity, *id, detail);
}

/* A copy of column i as a string, "" for NULL; NULL only when out of memory. */
char *db_col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return strdup(t ? (const char *)t : "");
}

/* Step a statement that returns no rows. */
db_status db_exec_stmt(db *d, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    db_status s = rc == SQLITE_DONE ? DB_OK : db_fail(d, rc, what);
    sqlite3_reset(st);
    return s;
}

/* Run SQL text with no parameters (schema and pragmas only). */
db_status db_exec(db *d, const char *sql)
{
    int rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DB_OK : db_fail(d, rc, "exec");
}

/* A copy of an ASCII string in reverse order (phone digits). */
char *db_reverse(const char *s)
{
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    if (r == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        r[i] = s[n - 1 - i];
    r[n] = '\0';
    return r;
}

/* Create the file exclusively, so that init never overwrites anything,
 * even when two people run it at once. */
static db_status db_create_file(db *d, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
    if (fd < 0) {
        if (errno == EEXIST)
            return db_failf(d, DB_EXISTS, "%s: %s", db_status_text(DB_EXISTS), path);
        return db_failf(d, errno == EACCES || errno == EROFS ? DB_READONLY : DB_IOERR,
                        "データベースを作成できません: %s（%s）", path, strerror(errno));
    }
    close(fd);
    return DB_OK;
}

/* Settings that are safe when the file lives on a network share: a
 * rollback journal (WAL needs shared memory, which does not cross hosts),
 * a sync after every step, and enforced foreign keys. */
static db_status db_configure(db *d)
{
    static const char *const pragmas[] = {
        "PRAGMA journal_mode=DELETE",
        "PRAGMA synchronous=EXTRA",
        "PRAGMA foreign_keys=ON",
        /* The schema's own triggers keep person_fts in step, and SQLite
         * refuses a virtual table inside a trigger ("unsafe use of virtual
         * table") unless the schema is trusted; so it must be ON even on a
         * build whose default is OFF.  db_open refuses files not ours. */
        "PRAGMA trusted_schema=ON",
        /* 2 MiB of page cache keeps a lookup terminal small (bench P3). */
        "PRAGMA cache_size=-2048",
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
        db_status st = db_exec(d, pragmas[i]);
        if (st != DB_OK)
            return st;
    }
    return DB_OK;
}

/* The value of one of the connection's settings, as text. */
db_status db_pragma(db *d, const char *name, char *buf, size_t n)
{
    static const char *const names[] = {
        "journal_mode", "synchronous", "foreign_keys", "trusted_schema",
        "user_version", "application_id",
    };
    if (n > 0)
        buf[0] = '\0';
    size_t i = 0;
    while (i < sizeof names / sizeof names[0] && strcmp(name, names[i]) != 0)
        i++;
    if (i == sizeof names / sizeof names[0])
        return db_failf(d, DB_INVALID, "%s: PRAGMA %s", db_status_text(DB_INVALID), name);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", names[i]);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(d->h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    db_status s;
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(buf, n, "%s", t ? (const char *)t : "");
        s = DB_OK;
    } else {
        s = db_fail(d, rc == SQLITE_DONE ? SQLITE_ERROR : rc, sql);
    }
    sqlite3_finalize(st);
    return s;
}

/* Open (or create) the database at path and bring the schema up to date. */
db_status db_open(const char *path, int mode, db **out)
{
    return db_open_version(path, mode, db_schema_version(), out);
}

/* Open the SQLite handle on d->path with the locking scheme in use and
 * everything a connection of ours needs before its first statement. */
static db_status db_connect(db *d)
{
    int rc = sqlite3_open_v2(d->path, &d->h, SQLITE_OPEN_READWRITE,
                             db_lock_vfs());
    if (rc != SQLITE_OK)
        return db_fail(d, rc, "open");
    sqlite3_extended_result_codes(d->h, 1);
    sqlite3_busy_handler(d->h, db_busy_cb, d);
    return db_fts_register(d);
}

/* Drop the handle and every statement prepared on it. */
static void db_disconnect(db *d)
{
    for (size_t i = 0; i < DB_STMT_CACHE; i++) {
        sqlite3_finalize(d->cache[i].stmt);
        d->cache[i].stmt = NULL;
        d->cache[i].sql = NULL;
    }
    /* _v2: a statement prepared outside the cache (check, backup) must not
     * keep the old handle from going. */
    if (d->h)
        sqlite3_close_v2(d->h);
    d->h = NULL;
}

/* db_open, migrating the schema no further than target (a test hook). */
db_status db_open_version(const char *path, int mode, int target, db **out)
{
    db *d = calloc(1, sizeof *d);
    *out = d;
    if (d == NULL)
        return DB_NOMEM;
    d->path = strdup(path);
    if (d->path == NULL)
        return db_nomem(d);
    if (mode == DB_OPEN_CREATE) {
        db_status st = db_create_file(d, path);
        if (st != DB_OK)
            return st;
    } else if (access(path, F_OK) != 0) {
        return db_failf(d, DB_NOTFOUND,
                        "データベースファイルがありません: %s（tsunagi init で作成できます）",
                        path);
    }
    d->seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    db_status st = db_connect(d);
    /* Refuse a file that is not ours before applying any setting: setting
     * the journal mode rewrites the header of a file in WAL mode. */
    int version = 0;
    if (st == DB_OK)
        st = db_identify(d, &version);
    if (st == DB_OK)
        st = db_configure(d);
    if (st == DB_OK)
        st = db_migrate_to(d, target);
    /* Waits while opening were never shown: start the count afresh. */
    d->waited_ms = 0;
    return st;
}

/* Whether a statement of the connection is still running (then the handle
 * cannot be replaced under it).  With reset_cache, cached statements left
 * on a row count as idle and are reset: db_prep resets them before their
 * next use anyway, and the callers that ask so begin a transaction, which
 * no reader is in the middle of. */
static bool db_any_busy(db *d, bool reset_cache)
{
    for (size_t i = 0; reset_cache && i < DB_STMT_CACHE; i++)
        if (d->cache[i].stmt)
            sqlite3_reset(d->cache[i].stmt);
    for (sqlite3_stmt *st = sqlite3_next_stmt(d->h, NULL); st; st = sqlite3_next_stmt(d->h, st))
        if (sqlite3_stmt_busy(st))
            return true;
    return false;
}

/* After an I/O error (a share that went away) the old handle's file is
 * dead for good: open the file again, so that the next save or look-up
 * works as soon as the share is back.  Only between transactions and while
 * no statement is being read from (see db_any_busy). */
static db_status db_revive(db *d, bool reset_cache)
{
    if (!d->lost || d->in_tx || d->h == NULL || !sqlite3_get_autocommit(d->h) ||
        db_any_busy(d, reset_cache))
        return DB_OK;
    db_disconnect(d);
    /* Not lost while reconnecting: the statements below must not start
     * another reconnection under this one. */
    d->lost = false;
    db_status st = db_connect(d);
    int version = 0;
    if (st == DB_OK)
        st = db_identify(d, &version);
    if (st == DB_OK)
        st = db_configure(d);
    if (st == DB_OK && version > db_schema_version())
        st = db_failf(d, DB_TOONEW, "%s", db_status_text(DB_TOONEW));
    if (st != DB_OK) {
        /* Keep a handle for the next try; the file may come back. */
        if (d->h == NULL)
            sqlite3_open_v2(":memory:", &d->h, SQLITE_OPEN_READWRITE, NULL);
        d->lost = true;
        return st;
    }
    return DB_OK;
}

/* Close the connection and free everything it holds. */
void db_close(db *d)
{
    if (d == NULL)
        return;
    db_disconnect(d);
    free(d->path);
    free(d);
}

/* Whether a failure is worth running the whole transaction again. */
static bool db_retryable(db_status st)
{
    return st == DB_BUSY;
}

/* Run fn once inside BEGIN IMMEDIATE ... COMMIT. */
static db_status db_write_once(db *d, db_tx_fn fn, void *arg)
{
    if (d->lost) {
        db_status r = db_revive(d, true);
        if (r != DB_OK)
            return r;
    }
    int rc = sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_fail(d, rc, "BEGIN");
    d->in_tx = true;
    db_status st = fn(d, arg);
    if (st == DB_OK && d->settles_draft > 0)
        st = db_draft_settle(d, d->settles_draft);
    if (st == DB_OK) {
        rc = sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            st = db_fail(d, rc, "COMMIT");
    }
    if (st != DB_OK && !sqlite3_get_autocommit(d->h))
        sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
    d->in_tx = false;
    return st;
}

/* Run fn in a write transaction, retrying the whole of it while busy. */
db_status db_write(db *d, db_tx_fn fn, void *arg)
{
    assert(!d->in_tx);
    int total_waited = 0;
    db_status st = DB_ERROR;
    d->cancelled = false;
    for (int attempt = 0; attempt < DB_TX_ATTEMPTS; attempt++) {
        st = db_write_once(d, fn, arg);
        total_waited += d->waited_ms;
        if (!db_retryable(st) || total_waited >= DB_BUSY_TIMEOUT_MS || d->cancelled)
            break;
    }
    db_wait_done(d);
    if (d->cancelled)
        db_failf(d, DB_BUSY, "他の端末の書き込みを待たずに取り消しました");
    return st;
}

/* Run fn inside a read transaction, so that its statements see one state. */
db_status db_read_begin(db *d)
{
    if (d->lost) {
        db_status r = db_revive(d, true);
        if (r != DB_OK)
            return r;
    }
    int rc = sqlite3_exec(d->h, "BEGIN", NULL, NULL, NULL);
    return rc == SQLITE_OK ? DB_OK : db_fail(d, rc, "BEGIN");
}

/* End a read transaction begun with db_read_begin. */
void db_read_end(db *d)
{
    sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
    db_wait_done(d);
}

/* Begin a read transaction unless a write transaction is open already,
 * whose statements see one state anyway; *began says which, for
 * db_read_leave. */
db_status db_read_enter(db *d, bool *began)
{
    *began = false;
    if (d->in_tx || !sqlite3_get_autocommit(d->h))
        return DB_OK;
    db_status st = db_read_begin(d);
    *began = st == DB_OK;
    return st;
}

/* End what db_read_enter began, if anything. */
void db_read_leave(db *d, bool began)
{
    if (began)
        db_read_end(d);
}

/* Step a version-checked UPDATE or DELETE: DB_OK when it changed a row,
 * else DB_NOTFOUND or DB_CONFLICT as exists_sql (a count of rows with id
 * ?1) tells. */
db_status db_exec_versioned(db *d, sqlite3_stmt *st, const char *what, const char *exists_sql,
                            int64_t id)
{
    db_status s = db_exec_stmt(d, st, what);
    if (s == DB_OK && db_changes(d) == 0)
        s = db_missed(d, exists_sql, id);
    return s;
}

/* The one row sql (a string literal whose ?1 is an id) returns, read into
 * out; DB_NOTFOUND with its message when there is none. */
db_status db_read_by_id(db *d, const char *sql, int64_t id, db_row_read_fn read, void *out)
{
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    s = db_read_one(d, st, read, out);
    if (s == DB_NOTFOUND)
        return db_failf(d, DB_NOTFOUND, "%s", db_status_text(DB_NOTFOUND));
    return s;
}

/* Step a statement that returns one integer, and read it. */
db_status db_step_int(db *d, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? DB_NOTFOUND : db_fail(d, rc, what);
    }
    *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return DB_OK;
}

/* The id of the row just inserted on this connection. */
int64_t db_last_id(db *d)
{
    return sqlite3_last_insert_rowid(d->h);
}

/* Rows changed by the last statement: 0 means a version check failed. */
int db_changes(db *d)
{
    return sqlite3_changes(d->h);
}

/* Step st to the end, reading each row with read into a growing array of
 * elements of elem_size bytes.  On failure the rows read so far are freed
 * with free_row and *out is NULL. */
db_status db_read_rows(db *d, sqlite3_stmt *st, size_t elem_size,
                       db_row_read_fn read, db_row_free_fn free_row,
                       void **out, size_t *n)
{
    char *rows = NULL;
    size_t count = 0, cap = 0;
    db_status s = DB_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            char *grown = realloc(rows, cap * elem_size);
            if (grown == NULL) {
                s = db_nomem(d);
                break;
            }
            rows = grown;
        }
        s = read(d, st, rows + count * elem_size);
        if (s != DB_OK)
            break;
        count++;
    }
    if (s == DB_OK && rc != SQLITE_DONE)
        s = db_fail(d, rc, "read");
    sqlite3_reset(st);
    if (s != DB_OK) {
        for (size_t i = 0; i < count; i++)
            free_row(rows + i * elem_size);
        free(rows);
        rows = NULL;
        count = 0;
    }
    *out = rows;
    *n = count;
    return s;
}

/* Read the single row st returns into row; DB_NOTFOUND when none. */
db_status db_read_one(db *d, sqlite3_stmt *st, db_row_read_fn read, void *row)
{
    int rc = sqlite3_step(st);
    db_status s;
    if (rc == SQLITE_ROW)
        s = read(d, st, row);
    else
        s = rc == SQLITE_DONE ? DB_NOTFOUND : db_fail(d, rc, "read");
    sqlite3_reset(st);
    return s;
}
