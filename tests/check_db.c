/* check_db.c - unit tests of the storage layer (include/db.h) on real
 * SQLite files, one fresh temporary directory per test. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"
#include "db.h"
#include "tfix.h"
#include "domain.h"
#include "text.h"
/* The test hook that makes a file as an older tsunagi left it. */
#include "../src/db-int.h"

/* How long the other process holds the write lock in the busy test. */
#define TDB_HOLD_MS 700
/* Enough rows for every search of these tests. */
#define TDB_LIMIT 200
/* Characters in the very long hostile name. */
#define TDB_LONG_CHARS 10000

/* Make the test's own folder. */
static void tdb_setup(void)
{
    tfix_setup("check_db");
}

/* Run SQL on a raw connection, asserting success. */
static void tdb_raw_exec(sqlite3 *h, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
    sqlite3_free(err);
}

/* The integer a one-row query returns on a raw connection. */
static int64_t tdb_raw_int(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(h));
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: no row", sql);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The text a one-row query returns on a raw connection (malloc'd). */
static char *tdb_raw_text(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(h));
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: no row", sql);
    const unsigned char *t = sqlite3_column_text(st, 0);
    char *s = strdup(t ? (const char *)t : "");
    sqlite3_finalize(st);
    return s;
}

/* The whole content of a file (malloc'd) and its length. */
static char *tdb_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "fopen %s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Assert that a file holds exactly the bytes it held before. */
static void tdb_assert_same_file(const char *path, const char *before, size_t blen)
{
    size_t alen;
    char *after = tdb_slurp(path, &alen);
    ck_assert_msg(alen == blen && memcmp(before, after, blen) == 0,
                  "%s changed (%zu bytes before, %zu after)", path, blen, alen);
    free(after);
}

/* Whether a table, index or trigger of that name exists (raw connection). */
static bool tdb_has_object(sqlite3 *h, const char *name)
{
    sqlite3_stmt *st = NULL;
    ck_assert(sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                                 -1, &st, NULL) == SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    ck_assert(sqlite3_step(st) == SQLITE_ROW);
    bool has = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    return has;
}

/* One person insert for db_write. */
typedef struct tdb_ins {
    db_person p;
    int64_t id;
} tdb_ins;

/* db_write body: insert one person. */
static db_status tdb_insert_tx(db *d, void *arg)
{
    tdb_ins *in = arg;
    return db_person_insert(d, &in->p, &in->id);
}

/* Insert a person with these fields (NULL for unset); returns the id. */
static int64_t tdb_add(db *d, const char *name, const char *kana,
                       const char *phone, const char *address)
{
    tdb_ins in;
    memset(&in, 0, sizeof in);
    in.p.name = (char *)name;
    in.p.kana = (char *)kana;
    in.p.phone = (char *)phone;
    in.p.address = (char *)address;
    db_status st = db_write(d, tdb_insert_tx, &in);
    ck_assert_msg(st == DB_OK, "insert %s: %s", name ? name : "", db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* Search, asserting success; the rows are the caller's to free. */
static db_person *tdb_search(db *d, const char *query, size_t limit,
                             size_t *n, bool *more)
{
    db_person *rows = NULL;
    bool m = false;
    db_status st = db_search(d, query, limit, &rows, n, &m);
    ck_assert_msg(st == DB_OK, "search \"%s\": %d %s", query, st, db_errmsg(d));
    if (more)
        *more = m;
    return rows;
}

/* Position of id among the rows, or -1. */
static int tdb_pos(const db_person *rows, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == id)
            return (int)i;
    return -1;
}

/* Whether a search for query finds id. */
static bool tdb_finds(db *d, const char *query, int64_t id)
{
    size_t n;
    db_person *rows = tdb_search(d, query, TDB_LIMIT, &n, NULL);
    bool found = tdb_pos(rows, n, id) >= 0;
    db_person_list_free(rows, n);
    return found;
}

/* db_report_fn that prints each problem, for the test log. */
static void tdb_report(void *arg, const char *problem)
{
    (void)arg;
    fprintf(stderr, "  db_check: %s\n", problem);
}

/* Count the problems db_check reports, asserting it runs. */
static int tdb_problems(db *d)
{
    int problems = -1;
    db_status st = db_check(d, tdb_report, NULL, &problems);
    ck_assert_msg(st == DB_OK, "db_check: %d %s", st, db_errmsg(d));
    return problems;
}

/* ---- 1. migrations ---------------------------------------------------- */

START_TEST(tdb_new_file_has_schema)
{
    db *d = tfix_db();
    int v = -1;
    ck_assert_int_eq(db_file_version(d, &v), DB_OK);
    ck_assert_int_eq(v, db_schema_version());
    ck_assert_int_ge(db_schema_version(), 1);
    db_close(d);

    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    ck_assert_int_eq(tdb_raw_int(h, "PRAGMA user_version"), db_schema_version());
    ck_assert_int_eq(tdb_raw_int(h, "PRAGMA application_id"), 0x54534E47);
    static const char *const objects[] = {
        "agency", "staff", "household", "person", "person_agency", "audit",
        "person_fts", "audit_no_update", "audit_no_delete",
        "person_fts_ai", "person_fts_ad", "person_fts_au",
        "consultation", "consultation_concern", "consultation_extra", "draft",
        "consultation_person", "consultation_disposition", "consultation_fiscal_year",
        "consultation_concern_primary", "draft_staff",
    };
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++)
        ck_assert_msg(tdb_has_object(h, objects[i]), "missing %s", objects[i]);
    sqlite3_close(h);
}
END_TEST

START_TEST(tdb_migrate_from_v1)
{
    /* A file as the first release left it: migration 1 only, with data. */
    ck_assert_int_ge(db_schema_version(), 2);
    db *d = NULL;
    ck_assert_int_eq(db_open_version(tfix_path("t.db"), DB_OPEN_CREATE, 1, &d), DB_OK);
    int v = -1;
    ck_assert_int_eq(db_file_version(d, &v), DB_OK);
    ck_assert_int_eq(v, 1);
    int64_t pid = tdb_add(d, "林　健一", "ハヤシ　ケンイチ", "0569-73-2245", NULL);
    db_close(d);
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    ck_assert(tdb_has_object(h, "person"));
    ck_assert(!tdb_has_object(h, "consultation"));
    ck_assert(!tdb_has_object(h, "draft"));
    sqlite3_close(h);

    /* Opening it with this build brings it up to date and keeps the data. */
    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_OK);
    ck_assert_int_eq(db_file_version(d, &v), DB_OK);
    ck_assert_int_eq(v, db_schema_version());
    db_person p;
    ck_assert_int_eq(db_person_get(d, pid, &p), DB_OK);
    ck_assert_str_eq(p.name, "林　健一");
    db_person_free(&p);
    ck_assert(tdb_finds(d, "ハヤシ", pid));
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);
    h = tfix_raw(tfix_path("t.db"));
    ck_assert(tdb_has_object(h, "consultation"));
    ck_assert(tdb_has_object(h, "consultation_concern_primary"));
    ck_assert(tdb_has_object(h, "draft_staff"));
    ck_assert_int_eq(tdb_raw_int(h, "PRAGMA user_version"), db_schema_version());
    sqlite3_close(h);

    /* A file stopped at version 1 is a schema problem for check. */
    d = NULL;
    ck_assert_int_eq(db_open_version(tfix_path("old.db"), DB_OPEN_CREATE, 1, &d), DB_OK);
    ck_assert_int_ge(tdb_problems(d), 2);
    db_close(d);
}
END_TEST

START_TEST(tdb_create_refuses_existing)
{
    db *d = tfix_db();
    tdb_add(d, "山田　太郎", "ヤマダ　タロウ", NULL, NULL);
    db_close(d);
    size_t blen;
    char *before = tdb_slurp(tfix_path("t.db"), &blen);
    ck_assert_uint_gt(blen, 0);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_CREATE, &d), DB_EXISTS);
    ck_assert_ptr_nonnull(d);
    ck_assert_msg(strstr(db_errmsg(d), "既に") != NULL, "message: %s", db_errmsg(d));
    db_close(d);
    tdb_assert_same_file(tfix_path("t.db"), before, blen);
    free(before);
}
END_TEST

START_TEST(tdb_reopen_existing)
{
    db *d = tfix_db();
    int64_t id = tdb_add(d, "山田　太郎", "ヤマダ　タロウ", NULL, NULL);
    db_close(d);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_OK);
    db_person p;
    ck_assert_int_eq(db_person_get(d, id, &p), DB_OK);
    ck_assert_str_eq(p.name, "山田　太郎");
    ck_assert_int_eq(p.version, 1);
    db_person_free(&p);
    int64_t n = 0;
    ck_assert_int_eq(db_person_count(d, &n), DB_OK);
    ck_assert_int_eq(n, 1);
    db_close(d);
}
END_TEST

START_TEST(tdb_too_new_refused)
{
    db *d = tfix_db();
    db_close(d);
    int newer = db_schema_version() + 3;
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", newer);
    tdb_raw_exec(h, sql);
    sqlite3_close(h);
    size_t blen;
    char *before = tdb_slurp(tfix_path("t.db"), &blen);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_TOONEW);
    const char *msg = db_errmsg(d);
    char file_v[32], our_v[32];
    snprintf(file_v, sizeof file_v, "版 %d", newer);
    snprintf(our_v, sizeof our_v, "版 %d", db_schema_version());
    ck_assert_msg(strstr(msg, "新しい版") != NULL, "message: %s", msg);
    ck_assert_msg(strstr(msg, file_v) != NULL, "message lacks %s: %s", file_v, msg);
    ck_assert_msg(strstr(msg, our_v) != NULL, "message lacks %s: %s", our_v, msg);
    db_close(d);
    tdb_assert_same_file(tfix_path("t.db"), before, blen);
    free(before);
}
END_TEST

START_TEST(tdb_foreign_sqlite_refused)
{
    sqlite3 *h = tfix_raw(tfix_path("other.db"));
    tdb_raw_exec(h, "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT);"
                    "INSERT INTO accounts(owner) VALUES ('someone');");
    sqlite3_close(h);
    size_t blen;
    char *before = tdb_slurp(tfix_path("other.db"), &blen);

    db *d = NULL;
    ck_assert_int_eq(db_open(tfix_path("other.db"), DB_OPEN_EXISTING, &d), DB_NOTDB);
    ck_assert_msg(strstr(db_errmsg(d), "tsunagi") != NULL, "message: %s", db_errmsg(d));
    db_close(d);
    tdb_assert_same_file(tfix_path("other.db"), before, blen);
    free(before);
}
END_TEST

START_TEST(tdb_foreign_wal_untouched)
{
    /* A foreign file in WAL mode: refusing it must not rewrite its header
     * to another journal mode. */
    sqlite3 *h = tfix_raw(tfix_path("wal.db"));
    char *mode = tdb_raw_text(h, "PRAGMA journal_mode=WAL");
    ck_assert_str_eq(mode, "wal");
    free(mode);
    tdb_raw_exec(h, "CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES ('x');");
    sqlite3_close(h);
    size_t blen;
    char *before = tdb_slurp(tfix_path("wal.db"), &blen);
    ck_assert_uint_gt(blen, 19);
    ck_assert_int_eq(before[18], 2);   /* WAL */

    db *d = NULL;
    ck_assert_int_eq(db_open(tfix_path("wal.db"), DB_OPEN_EXISTING, &d), DB_NOTDB);
    db_close(d);
    tdb_assert_same_file(tfix_path("wal.db"), before, blen);
    free(before);
}
END_TEST

START_TEST(tdb_not_sqlite_refused)
{
    FILE *f = fopen(tfix_path("notes.txt"), "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 200; i++)
        fputs("これはデータベースではありません。\n", f);
    fclose(f);
    size_t blen;
    char *before = tdb_slurp(tfix_path("notes.txt"), &blen);

    db *d = NULL;
    ck_assert_int_eq(db_open(tfix_path("notes.txt"), DB_OPEN_EXISTING, &d), DB_NOTDB);
    db_close(d);
    tdb_assert_same_file(tfix_path("notes.txt"), before, blen);
    free(before);
}
END_TEST

START_TEST(tdb_missing_notfound)
{
    db *d = NULL;
    ck_assert_int_eq(db_open(tfix_path("none.db"), DB_OPEN_EXISTING, &d), DB_NOTFOUND);
    ck_assert_ptr_nonnull(d);
    ck_assert_msg(strstr(db_errmsg(d), "none.db") != NULL, "message: %s", db_errmsg(d));
    db_close(d);
    ck_assert_int_ne(access(tfix_path("none.db"), F_OK), 0);
}
END_TEST

START_TEST(tdb_empty_file_initialised)
{
    /* A zero-byte file is a valid empty SQLite database: it is taken over
     * and initialised (what `init` itself leaves before migrating). */
    int fd = open(tfix_path("empty.db"), O_WRONLY | O_CREAT | O_EXCL, 0600);
    ck_assert_int_ge(fd, 0);
    close(fd);

    db *d = NULL;
    ck_assert_int_eq(db_open(tfix_path("empty.db"), DB_OPEN_CREATE, &d), DB_EXISTS);
    db_close(d);
    struct stat sb;
    ck_assert_int_eq(stat(tfix_path("empty.db"), &sb), 0);
    ck_assert_int_eq(sb.st_size, 0);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("empty.db"), DB_OPEN_EXISTING, &d), DB_OK);
    int v = -1;
    ck_assert_int_eq(db_file_version(d, &v), DB_OK);
    ck_assert_int_eq(v, db_schema_version());
    db_close(d);
    sqlite3 *h = tfix_raw(tfix_path("empty.db"));
    ck_assert(tdb_has_object(h, "person"));
    ck_assert(tdb_has_object(h, "person_fts"));
    sqlite3_close(h);
}
END_TEST

/* ---- 2. settings ------------------------------------------------------ */

START_TEST(tdb_settings)
{
    db *d = tfix_db();
    char buf[32];
    ck_assert_int_eq(db_pragma(d, "journal_mode", buf, sizeof buf), DB_OK);
    ck_assert_str_eq(buf, "delete");
    ck_assert_int_eq(db_pragma(d, "synchronous", buf, sizeof buf), DB_OK);
    ck_assert_str_eq(buf, "3");  /* EXTRA */
    ck_assert_int_eq(db_pragma(d, "foreign_keys", buf, sizeof buf), DB_OK);
    ck_assert_str_eq(buf, "1");
    /* The FTS triggers need a trusted schema (see db_configure). */
    ck_assert_int_eq(db_pragma(d, "trusted_schema", buf, sizeof buf), DB_OK);
    ck_assert_str_eq(buf, "1");
    ck_assert_int_eq(db_pragma(d, "user_version; DROP TABLE person", buf, sizeof buf),
                     DB_INVALID);
    ck_assert_int_eq(db_pragma(d, "writable_schema", buf, sizeof buf), DB_INVALID);

    /* A foreign key to a household that does not exist is refused. */
    tdb_ins in;
    memset(&in, 0, sizeof in);
    in.p.name = "山田　太郎";
    in.p.household_id = 999999;
    ck_assert_int_eq(db_write(d, tdb_insert_tx, &in), DB_INVALID);
    int64_t n = -1;
    ck_assert_int_eq(db_person_count(d, &n), DB_OK);
    ck_assert_int_eq(n, 0);
    tdb_add(d, "山田　太郎", NULL, NULL, NULL);

    /* The file is in rollback-journal mode, never WAL. */
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char *mode = tdb_raw_text(h, "PRAGMA journal_mode");
    ck_assert_str_eq(mode, "delete");
    free(mode);
    sqlite3_close(h);
    db_close(d);
    size_t len;
    char *bytes = tdb_slurp(tfix_path("t.db"), &len);
    ck_assert_uint_gt(len, 19);
    ck_assert_int_eq(bytes[18], 1);  /* file format write version: legacy */
    ck_assert_int_eq(bytes[19], 1);
    free(bytes);
    ck_assert_int_ne(access(tfix_path("t.db-wal"), F_OK), 0);
}
END_TEST

/* ---- 3. transactions -------------------------------------------------- */

START_TEST(tdb_write_commits)
{
    db *d = tfix_db();
    int64_t id = tdb_add(d, "佐藤　花子", "サトウ　ハナコ", "03-1111-2222", NULL);
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE id = %" PRId64
             " AND name = '佐藤　花子'", id);
    ck_assert_int_eq(tdb_raw_int(h, sql), 1);
    sqlite3_close(h);
    db_close(d);
}
END_TEST

/* db_write body: insert a household and two persons, then fail. */
static db_status tdb_failing_tx(db *d, void *arg)
{
    int *calls = arg;
    (*calls)++;
    db_household hh = { 0, "山田家", "東京都", "", 0 };
    int64_t hid = 0, pid = 0;
    db_status st = db_household_insert(d, &hh, &hid);
    ck_assert_int_eq(st, DB_OK);
    db_person p;
    memset(&p, 0, sizeof p);
    p.household_id = hid;
    p.name = "山田　太郎";
    ck_assert_int_eq(db_person_insert(d, &p, &pid), DB_OK);
    p.name = "山田　花子";
    ck_assert_int_eq(db_person_insert(d, &p, &pid), DB_OK);
    return DB_INVALID;
}

START_TEST(tdb_write_rolls_back)
{
    db *d = tfix_db();
    int calls = 0;
    ck_assert_int_eq(db_write(d, tdb_failing_tx, &calls), DB_INVALID);
    ck_assert_int_eq(calls, 1);
    int64_t n = -1;
    ck_assert_int_eq(db_person_count(d, &n), DB_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(db_audit_count(d, "create", "person", 0, &n), DB_OK);
    ck_assert_int_eq(n, 0);
    db_close(d);
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM person"), 0);
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM household"), 0);
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM audit"), 0);
    sqlite3_close(h);
}
END_TEST

/* What the wait callback saw, and when it gives up (0: never). */
static struct {
    int calls;
    int max_ms;
    int last;
    int give_up_ms;
} tdb_waits;

/* db_wait_fn that records the calls, and cancels like a user pressing
 * ESC once give_up_ms has passed. */
static bool tdb_wait_cb(void *arg, int waited_ms)
{
    (void)arg;
    tdb_waits.calls++;
    if (waited_ms > tdb_waits.max_ms)
        tdb_waits.max_ms = waited_ms;
    tdb_waits.last = waited_ms;
    return tdb_waits.give_up_ms == 0 || waited_ms < tdb_waits.give_up_ms;
}

/* Milliseconds on the monotonic clock. */
static int64_t tdb_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The other process of the busy test: wait for go, hold the write lock
 * with a row written, report, sleep, commit.  Exits 0 on success. */
static void tdb_locker(const char *path, int go_fd, int ready_fd)
{
    char c;
    if (read(go_fd, &c, 1) != 1)
        _exit(10);
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        _exit(11);
    /* Committing may wait for the other side's read lock to go. */
    sqlite3_busy_timeout(h, 5000);
    if (sqlite3_exec(h, "BEGIN IMMEDIATE;"
                        "INSERT INTO household(name, created_at, updated_at)"
                        " VALUES ('別端末の世帯', '2026-01-01T00:00:00Z',"
                        " '2026-01-01T00:00:00Z');", NULL, NULL, NULL) != SQLITE_OK)
        _exit(12);
    if (write(ready_fd, "r", 1) != 1)
        _exit(13);
    struct timespec ts = { TDB_HOLD_MS / 1000, (TDB_HOLD_MS % 1000) * 1000000L };
    nanosleep(&ts, NULL);
    if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        _exit(14);
    sqlite3_close(h);
    _exit(0);
}

START_TEST(tdb_busy_waits_and_retries)
{
    db *d = tfix_db();
    db_close(d);
    int go[2], ready[2];
    ck_assert_int_eq(pipe(go), 0);
    ck_assert_int_eq(pipe(ready), 0);
    /* Fork before this process opens the file, so the child inherits no
     * SQLite state for it. */
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(go[1]);
        close(ready[0]);
        tdb_locker(tfix_path("t.db"), go[0], ready[1]);
    }
    close(go[0]);
    close(ready[1]);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_OK);
    memset(&tdb_waits, 0, sizeof tdb_waits);
    db_set_wait_fn(d, tdb_wait_cb, NULL);
    ck_assert_int_eq(write(go[1], "g", 1), 1);
    char c;
    ck_assert_int_eq(read(ready[0], &c, 1), 1);

    int64_t t0 = tdb_now_ms();
    tdb_ins in;
    memset(&in, 0, sizeof in);
    in.p.name = "待ち　次郎";
    db_status st = db_write(d, tdb_insert_tx, &in);
    int64_t elapsed = tdb_now_ms() - t0;
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    close(go[1]);
    close(ready[0]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "locker failed: status %d", status);
    ck_assert_msg(st == DB_OK, "db_write: %d %s", st, db_errmsg(d));
    ck_assert_int_ge(elapsed, TDB_HOLD_MS / 2);
    ck_assert_int_ge(tdb_waits.calls, 2);
    ck_assert_int_gt(tdb_waits.max_ms, 0);
    ck_assert_int_eq(tdb_waits.last, -1);

    db_person p;
    ck_assert_int_eq(db_person_get(d, in.id, &p), DB_OK);
    ck_assert_str_eq(p.name, "待ち　次郎");
    db_person_free(&p);
    db_close(d);
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM household"
                                    " WHERE name = '別端末の世帯'"), 1);
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM person"
                                    " WHERE name = '待ち　次郎'"), 1);
    sqlite3_close(h);
}
END_TEST

START_TEST(tdb_busy_wait_cancelled)
{
    db *d = tfix_db();
    /* Another connection holds the write lock for the whole test. */
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    ck_assert_int_eq(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    memset(&tdb_waits, 0, sizeof tdb_waits);
    tdb_waits.give_up_ms = 800;
    db_set_wait_fn(d, tdb_wait_cb, NULL);
    int64_t t0 = tdb_now_ms();
    tdb_ins in;
    memset(&in, 0, sizeof in);
    in.p.name = "取消　三郎";
    db_status st = db_write(d, tdb_insert_tx, &in);
    int64_t elapsed = tdb_now_ms() - t0;
    /* Given up at once, not retried for the whole busy timeout. */
    ck_assert_int_eq(st, DB_BUSY);
    ck_assert_int_lt(elapsed, DB_BUSY_TIMEOUT_MS / 4);
    ck_assert_ptr_nonnull(strstr(db_errtext(d), "取り消しました"));
    ck_assert_int_eq(tdb_waits.last, -1);
    sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(h);
    /* Nothing of it was written, and the next write goes through. */
    memset(&tdb_waits, 0, sizeof tdb_waits);
    ck_assert_int_eq(db_write(d, tdb_insert_tx, &in), DB_OK);
    db_close(d);
}
END_TEST

/* ---- 4. version numbers ----------------------------------------------- */

/* db_write body: update one person. */
static db_status tdb_update_tx(db *d, void *arg)
{
    return db_person_update(d, arg);
}

START_TEST(tdb_version_conflict)
{
    db *d = tfix_db();
    int64_t id = tdb_add(d, "鈴木　一郎", "スズキ　イチロウ", "090-0000-1111", "横浜市");
    db_person first, second, now;
    ck_assert_int_eq(db_person_get(d, id, &first), DB_OK);
    ck_assert_int_eq(db_person_get(d, id, &second), DB_OK);
    ck_assert_int_eq(first.version, 1);

    free(first.name);
    first.name = strdup("鈴木　一朗");
    ck_assert_int_eq(db_write(d, tdb_update_tx, &first), DB_OK);
    ck_assert_int_eq(db_person_get(d, id, &now), DB_OK);
    ck_assert_str_eq(now.name, "鈴木　一朗");
    ck_assert_str_eq(now.kana, "スズキ　イチロウ");
    ck_assert_str_eq(now.address, "横浜市");
    ck_assert_int_eq(now.version, 2);
    db_person_free(&now);

    /* Someone else still holds version 1. */
    free(second.address);
    second.address = strdup("川崎市");
    ck_assert_int_eq(db_write(d, tdb_update_tx, &second), DB_CONFLICT);
    ck_assert_msg(strstr(db_errmsg(d), "他の職員") != NULL, "message: %s", db_errmsg(d));
    ck_assert_int_eq(db_person_get(d, id, &now), DB_OK);
    ck_assert_str_eq(now.name, "鈴木　一朗");
    ck_assert_str_eq(now.address, "横浜市");
    ck_assert_int_eq(now.version, 2);
    db_person_free(&now);
    int64_t n = -1;
    ck_assert_int_eq(db_audit_count(d, "update", "person", id, &n), DB_OK);
    ck_assert_int_eq(n, 1);
    /* The lookup index followed the update. */
    ck_assert(tdb_finds(d, "一朗", id));
    ck_assert(!tdb_finds(d, "川崎", id));

    db_person_free(&first);
    db_person_free(&second);
    db_close(d);
}
END_TEST

/* ---- 5. audit --------------------------------------------------------- */

START_TEST(tdb_audit_append_only)
{
    db *d = tfix_db();
    int64_t id = tdb_add(d, "高橋　健", "タカハシ　ケン", NULL, NULL);
    int64_t other = tdb_add(d, "田中　実", "タナカ　ミノル", NULL, NULL);
    int64_t n = -1;
    ck_assert_int_eq(db_audit_count(d, "create", "person", id, &n), DB_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(db_audit_count(d, "create", "person", 0, &n), DB_OK);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(db_audit_count(d, "view", "person", id, &n), DB_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(db_audit_view(d, "person", id), DB_OK);
    ck_assert_int_eq(db_audit_count(d, "view", "person", id, &n), DB_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(db_audit_count(d, "view", "person", other, &n), DB_OK);
    ck_assert_int_eq(n, 0);
    db_close(d);

    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    int64_t rows = tdb_raw_int(h, "SELECT count(*) FROM audit");
    ck_assert_int_eq(rows, 3);
    ck_assert_int_eq(sqlite3_exec(h, "UPDATE audit SET action = 'x'", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    ck_assert_msg(strstr(sqlite3_errmsg(h), "append-only") != NULL, "%s", sqlite3_errmsg(h));
    ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM audit", NULL, NULL, NULL),
                     SQLITE_CONSTRAINT);
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM audit"), rows);
    ck_assert_int_eq(tdb_raw_int(h, "SELECT count(*) FROM audit WHERE action = 'x'"), 0);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'view'"
             " AND entity = 'person' AND entity_id = %" PRId64 " AND login = 'system'", id);
    ck_assert_int_eq(tdb_raw_int(h, sql), 1);
    sqlite3_close(h);
}
END_TEST

/* ---- 6. search -------------------------------------------------------- */

/* One stored member of a search.tsv group. */
typedef struct tdb_member {
    size_t group;
    const char *kind;
    const char *text;
    char *key;       /* txt_search_key of text */
    int64_t id;
} tdb_member;

/* Store one member of a group in the field its kind belongs in. */
static int64_t tdb_store_member(db *d, const char *kind, const char *text)
{
    if (strcmp(kind, "kana") == 0 || strcmp(kind, "small-kana") == 0)
        return tdb_add(d, NULL, text, NULL, NULL);
    if (strncmp(kind, "phone", 5) == 0)
        return tdb_add(d, NULL, NULL, text, NULL);
    return tdb_add(d, text, NULL, NULL, NULL);  /* latin, itaiji */
}

START_TEST(tdb_search_corpus_groups)
{
    corpus_table t;
    ck_assert_msg(corpus_load("search.tsv", &t) == 0, "cannot load %s/search.tsv",
                  corpus_dir());
    ck_assert_uint_gt(t.n, 0);
    db *d = tfix_db();
    tdb_member *m = NULL;
    size_t nm = 0;
    corpus_field **parts = calloc(t.n, sizeof *parts);
    size_t *nparts = calloc(t.n, sizeof *nparts);
    ck_assert(parts && nparts);
    for (size_t g = 0; g < t.n; g++) {
        const corpus_row *r = &t.rows[g];
        ck_assert_msg(r->n >= 2, "search.tsv line %zu: %zu fields", r->lineno, r->n);
        nparts[g] = corpus_split(&r->f[1], " | ", &parts[g]);
        ck_assert_msg(nparts[g] >= 2, "search.tsv line %zu: one member", r->lineno);
        m = realloc(m, (nm + nparts[g]) * sizeof *m);
        ck_assert_ptr_nonnull(m);
        for (size_t i = 0; i < nparts[g]; i++) {
            tdb_member *x = &m[nm++];
            x->group = g;
            x->kind = r->f[0].s;
            x->text = parts[g][i].s;
            x->key = txt_search_key(x->text, parts[g][i].len);
            ck_assert_ptr_nonnull(x->key);
            x->id = tdb_store_member(d, x->kind, x->text);
        }
    }
    /* Every member finds every member of its group; a member of another
     * group is found exactly when its key contains the query's (the last
     * digits of a phone number), and never otherwise. */
    for (size_t q = 0; q < nm; q++) {
        size_t n;
        db_person *rows = tdb_search(d, m[q].text, TDB_LIMIT, &n, NULL);
        for (size_t s = 0; s < nm; s++) {
            bool found = tdb_pos(rows, n, m[s].id) >= 0;
            bool related = strstr(m[s].key, m[q].key) != NULL;
            if (m[s].group == m[q].group)
                ck_assert_msg(found, "%s: \"%s\" does not find \"%s\"",
                              m[q].kind, m[q].text, m[s].text);
            else if (related)
                ck_assert_msg(found, "\"%s\" (%s) does not find \"%s\" (%s), which contains it",
                              m[q].text, m[q].kind, m[s].text, m[s].kind);
            else
                ck_assert_msg(!found, "\"%s\" (%s) finds unrelated \"%s\" (%s)",
                              m[q].text, m[q].kind, m[s].text, m[s].kind);
        }
        db_person_list_free(rows, n);
    }
    for (size_t i = 0; i < nm; i++)
        free(m[i].key);
    free(m);
    for (size_t g = 0; g < t.n; g++)
        corpus_parts_free(parts[g], nparts[g]);
    free(parts);
    free(nparts);
    corpus_free(&t);
    db_close(d);
}
END_TEST

/* Insert the small realistic data set the search tests share. */
static void tdb_sample(db *d, int64_t ids[6])
{
    /* Lower ids for the weaker matches, so that id order cannot pass for
     * ranking. */
    ids[0] = tdb_add(d, "小林　花子", "コバヤシ　ハナコ", "03-3333-4444", "東京都新宿区西新宿二丁目8番1号");
    ids[1] = tdb_add(d, "林　健一", "ハヤシ　ケンイチ", "090-1234-5678", "東京都中野区中央1-2-3");
    ids[2] = tdb_add(d, "山田　太郎", "ヤマダ　タロウ", "045-111-2222", "横浜市中区山下町1");
    ids[3] = tdb_add(d, "中山　次郎", "ナカヤマ　ジロウ", "", "大阪市北区梅田1-1");
    ids[4] = tdb_add(d, "渡邊　清", "ワタナベ　キヨシ", "0120-00-9876", "札幌市中央区");
    ids[5] = tdb_add(d, "Smith John", "スミス　ジョン", "", "");
}

START_TEST(tdb_search_kanji)
{
    db *d = tfix_db();
    int64_t ids[6];
    tdb_sample(d, ids);
    size_t n;
    db_person *rows = tdb_search(d, "林", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, ids[1]);  /* 林　健一 starts with it */
    ck_assert_int_eq(rows[1].id, ids[0]);  /* 小林　花子 contains it */
    db_person_list_free(rows, n);

    rows = tdb_search(d, "山田", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, ids[2]);
    ck_assert_str_eq(rows[0].name, "山田　太郎");
    ck_assert_str_eq(rows[0].kana, "ヤマダ　タロウ");
    db_person_list_free(rows, n);

    /* 山 alone: 山田 first (its name starts so), then 中山 (contains it);
     * 山田's address (山下町) holds 山 too, and adds no second row. */
    rows = tdb_search(d, "山", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, ids[2]);
    ck_assert_int_eq(rows[1].id, ids[3]);
    db_person_list_free(rows, n);

    ck_assert(tdb_finds(d, "山田太郎", ids[2]));
    ck_assert(tdb_finds(d, "山田 太郎", ids[2]));
    ck_assert(tdb_finds(d, "太郎 山田", ids[2]));   /* words in any order */
    ck_assert(tdb_finds(d, "渡辺", ids[4]));         /* itaiji */
    ck_assert(tdb_finds(d, "smith", ids[5]));
    ck_assert(!tdb_finds(d, "山本", ids[2]));
    db_close(d);
}
END_TEST

START_TEST(tdb_search_phone_address_number)
{
    db *d = tfix_db();
    int64_t ids[6];
    tdb_sample(d, ids);
    size_t n;
    db_person *rows = tdb_search(d, "5678", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, ids[1]);
    db_person_list_free(rows, n);
    ck_assert(tdb_finds(d, "５６７８", ids[1]));
    ck_assert(tdb_finds(d, "09012345678", ids[1]));
    ck_assert(tdb_finds(d, "090-1234", ids[1]));
    /* A long number without its area code: found by its last digits,
     * through the reversed-digits index (FTS is skipped for it). */
    ck_assert(tdb_finds(d, "1234-5678", ids[1]));
    ck_assert(tdb_finds(d, "２３４５６７８", ids[1]));
    ck_assert(!tdb_finds(d, "1234-5679", ids[1]));
    ck_assert(tdb_finds(d, "9876", ids[4]));
    ck_assert(!tdb_finds(d, "9999", ids[1]));

    rows = tdb_search(d, "新宿区西", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, ids[0]);
    db_person_list_free(rows, n);
    ck_assert(tdb_finds(d, "梅田", ids[3]));
    ck_assert(tdb_finds(d, "中野区中央1-2", ids[1]));
    ck_assert(!tdb_finds(d, "京都府", ids[0]));

    /* The person number asked for as "#N" (or full-width ＃) finds that
     * person and nobody else; typed bare it is found too, after the phone
     * numbers that end in those digits. */
    for (int i = 0; i < 6; i++) {
        char q[32];
        snprintf(q, sizeof q, "%s%" PRId64, i % 2 ? "#" : "\xef\xbc\x83", ids[i]);
        rows = tdb_search(d, q, TDB_LIMIT, &n, NULL);
        ck_assert_uint_eq(n, 1);
        ck_assert_msg(rows[0].id == ids[i], "number %s gave id %" PRId64, q, rows[0].id);
        db_person_list_free(rows, n);
        ck_assert(tdb_finds(d, q + (i % 2 ? 1 : 3), ids[i]));
    }
    ck_assert(!tdb_finds(d, "987654", ids[0]));
    db_close(d);
}
END_TEST

START_TEST(tdb_search_prefix_first)
{
    db *d = tfix_db();
    /* 大林 (オオハヤシ) contains ハヤシ and gets the lowest id, so that id
     * order cannot pass for ranking.  (コバヤシ holds バヤシ, not ハヤシ:
     * voiced kana stay distinct in the search key.) */
    int64_t oh = tdb_add(d, "大林　勝", "オオハヤシ　マサル", NULL, NULL);
    int64_t ids[6];
    tdb_sample(d, ids);
    static const char *const queries[] = { "ハヤシ", "はやし", "ﾊﾔｼ", "ハ ヤ シ" };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        size_t n;
        db_person *rows = tdb_search(d, queries[i], TDB_LIMIT, &n, NULL);
        ck_assert_msg(n == 2, "%s: %zu rows", queries[i], n);
        ck_assert_msg(rows[0].id == ids[1], "%s: first is %s", queries[i], rows[0].name);
        ck_assert_msg(rows[1].id == oh, "%s: second is %s", queries[i], rows[1].name);
        ck_assert_str_eq(rows[0].kana, "ハヤシ　ケンイチ");
        db_person_list_free(rows, n);
    }
    /* The same for a kana reading inside another: ヤマダ before ナカヤマ. */
    size_t n;
    db_person *rows = tdb_search(d, "ヤマ", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, ids[2]);
    ck_assert_int_eq(rows[1].id, ids[3]);
    db_person_list_free(rows, n);
    db_close(d);
}
END_TEST

START_TEST(tdb_search_more)
{
    db *d = tfix_db();
    static const char *const names[] = {
        "佐藤　一郎", "佐藤　二郎", "佐藤　三郎", "佐藤　四郎", "佐藤　五郎",
    };
    for (size_t i = 0; i < 5; i++)
        tdb_add(d, names[i], "サトウ", NULL, NULL);
    tdb_add(d, "加藤　六郎", "カトウ", NULL, NULL);
    size_t n;
    bool more;
    db_person *rows = tdb_search(d, "佐藤", 3, &n, &more);
    ck_assert_uint_eq(n, 3);
    ck_assert(more);
    db_person_list_free(rows, n);
    rows = tdb_search(d, "佐藤", 4, &n, &more);
    ck_assert_uint_eq(n, 4);
    ck_assert(more);
    db_person_list_free(rows, n);
    rows = tdb_search(d, "佐藤", 5, &n, &more);
    ck_assert_uint_eq(n, 5);
    ck_assert(!more);
    db_person_list_free(rows, n);
    rows = tdb_search(d, "さとう", 10, &n, &more);
    ck_assert_uint_eq(n, 5);
    ck_assert(!more);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strncmp(rows[i].name, "佐藤", strlen("佐藤")) == 0, "%s", rows[i].name);
    db_person_list_free(rows, n);
    /* 藤 is in all six. */
    rows = tdb_search(d, "藤", 5, &n, &more);
    ck_assert_uint_eq(n, 5);
    ck_assert(more);
    db_person_list_free(rows, n);
    rows = tdb_search(d, "   ", 5, &n, &more);
    ck_assert_uint_eq(n, 0);
    ck_assert(!more);
    db_person_list_free(rows, n);
    db_close(d);
}
END_TEST

/* A name of TDB_LONG_CHARS characters cycling through kanji and kana. */
static char *tdb_long_name(void)
{
    static const char *const parts[] = { "山", "田", "ヤ", "マ", "ダ", "林", "一", "ア" };
    txt_buf b;
    txt_buf_init(&b);
    for (int i = 0; i < TDB_LONG_CHARS; i++)
        txt_buf_adds(&b, parts[(i * 7 + i / 8) % 8]);
    char *s = txt_buf_take(&b);
    ck_assert_ptr_nonnull(s);
    return s;
}

START_TEST(tdb_search_hostile)
{
    corpus_table t;
    ck_assert_msg(corpus_load("hostile.tsv", &t) == 0, "cannot load %s/hostile.tsv",
                  corpus_dir());
    ck_assert_uint_gt(t.n, 0);
    db *d = tfix_db();
    int64_t keep = tdb_add(d, "山田　太郎", "ヤマダ　タロウ", NULL, NULL);
    size_t nt = t.n + 1;
    char **texts = calloc(nt, sizeof *texts);
    size_t *lens = calloc(nt, sizeof *lens);
    int64_t *ids = calloc(nt, sizeof *ids);
    ck_assert(texts && lens && ids);
    for (size_t i = 0; i < t.n; i++) {
        texts[i] = t.rows[i].f[0].s;
        lens[i] = t.rows[i].f[0].len;
    }
    char *long_name = tdb_long_name();
    texts[t.n] = long_name;
    lens[t.n] = strlen(long_name);
    for (size_t i = 0; i < nt; i++) {
        ck_assert_uint_eq(strlen(texts[i]), lens[i]);
        ids[i] = tdb_add(d, texts[i], texts[i], NULL, texts[i]);
    }
    for (size_t i = 0; i < nt; i++) {
        db_person p;
        ck_assert_int_eq(db_person_get(d, ids[i], &p), DB_OK);
        ck_assert_msg(strlen(p.name) == lens[i] && memcmp(p.name, texts[i], lens[i]) == 0,
                      "row %zu: name not byte-identical", i);
        ck_assert_msg(strlen(p.kana) == lens[i] && memcmp(p.kana, texts[i], lens[i]) == 0,
                      "row %zu: kana not byte-identical", i);
        db_person_free(&p);
        /* Searching for the hostile text itself finds it when anything
         * searchable is left of it. */
        char *key = txt_search_key(texts[i], lens[i]);
        ck_assert_ptr_nonnull(key);
        size_t n;
        db_person *rows = tdb_search(d, texts[i], TDB_LIMIT, &n, NULL);
        if (key[0] != '\0')
            ck_assert_msg(tdb_pos(rows, n, ids[i]) >= 0, "row %zu not found by itself", i);
        ck_assert_msg(tdb_pos(rows, n, keep) < 0, "row %zu finds 山田　太郎", i);
        db_person_list_free(rows, n);
        free(key);
    }
    /* A prefix of the long name finds it by its name. */
    char prefix[64];
    memcpy(prefix, long_name, 60);
    prefix[60] = '\0';
    ck_assert(tdb_finds(d, prefix, ids[t.n]));
    for (size_t i = 0; i < t.n; i++)
        if (strstr(texts[i], "鈴木") != NULL)
            ck_assert(tdb_finds(d, "鈴木", ids[i]));
    ck_assert(tdb_finds(d, "山田", keep));
    free(long_name);
    free(texts);
    free(lens);
    free(ids);
    corpus_free(&t);
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);
}
END_TEST

START_TEST(tdb_search_fts_syntax)
{
    db *d = tfix_db();
    int64_t ids[6];
    tdb_sample(d, ids);
    static const char *const queries[] = {
        "山\"田", "\"", "\"\"", "山田\"", "\"山田", "*", "山*", "(", ")", "-",
        "NEAR(山 田)", "山 AND 田", "OR", "NOT", "^山", "name:山田", "'", "\\",
        "山田 \"", "zzz \x01", "\x01\x02", "\"\" \"\"", "{name}: 山", "+", ":",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        size_t n;
        bool more;
        db_person *rows = tdb_search(d, queries[i], TDB_LIMIT, &n, &more);
        db_person_list_free(rows, n);
    }
    /* The quote is part of the text searched for, not syntax. */
    size_t n;
    db_person *rows = tdb_search(d, "山\"田", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 0);
    db_person_list_free(rows, n);
    int64_t q = tdb_add(d, "山\"田　花子", NULL, NULL, NULL);
    rows = tdb_search(d, "山\"田", TDB_LIMIT, &n, NULL);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, q);
    db_person_list_free(rows, n);
    ck_assert(tdb_finds(d, "\"田", q));
    ck_assert(!tdb_finds(d, "\"田", ids[2]));
    db_close(d);
}
END_TEST

/* ---- 8. consultations ------------------------------------------------- */


/* A consultation with the fields the tests vary; the rest empty. */
static db_consult tdb_consult(int64_t person, int64_t staff, const char *at,
                              const char *concerns, const char *disposition)
{
    db_consult c;
    memset(&c, 0, sizeof c);
    c.person_id = person;
    c.staff_id = staff;
    c.received_at = (char *)at;
    c.concerns = (char *)concerns;
    c.disposition = (char *)disposition;
    return c;
}

/* One consultation insert for db_write. */
typedef struct tdb_cins {
    const db_consult *c;
    int64_t id;
} tdb_cins;

/* db_write body: insert one consultation. */
static db_status tdb_consult_tx(db *d, void *arg)
{
    tdb_cins *in = arg;
    return db_consult_insert(d, in->c, &in->id);
}

/* Insert a consultation, returning the status; *id gets its id. */
static db_status tdb_consult_try(db *d, const db_consult *c, int64_t *id)
{
    tdb_cins in = { c, 0 };
    db_status st = db_write(d, tdb_consult_tx, &in);
    if (id)
        *id = in.id;
    return st;
}

/* Insert a consultation, asserting success; returns its id. */
static int64_t tdb_consult_add(db *d, const db_consult *c)
{
    int64_t id = 0;
    db_status st = tdb_consult_try(d, c, &id);
    ck_assert_msg(st == DB_OK, "consult insert %s: %d %s", c->received_at, st, db_errmsg(d));
    ck_assert_int_gt(id, 0);
    return id;
}

/* The integer a query on the test's file returns. */
static int64_t tdb_file_int(const char *sql)
{
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    int64_t v = tdb_raw_int(h, sql);
    sqlite3_close(h);
    return v;
}

START_TEST(tdb_consult_round_trip)
{
    db *d = tfix_db();
    int64_t staff = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t pid = tdb_add(d, "林　健一", "ハヤシ　ケンイチ", NULL, NULL);
    db_consult c = tdb_consult(pid, staff, "2026-04-01T09:30",
                               "介護\n*8050\nひきこもり・不登校", "継続相談");
    char *ids[] = { "zz_note", "aa_lang" };
    char *values[] = { "二行目\nあり", "やさしい日本語" };
    c.channel = "電話";
    c.visitor = "林　トミ子";
    c.visitor_relation = "母";
    c.referrer = "民生委員";
    c.content = "母から電話。\n本人は自室にいる。";
    c.urgency = "高";
    c.next_contact = "2026-04-15";
    c.fiscal_year = 1999;   /* ignored: the 年度 comes from received_at */
    c.extra_ids = ids;
    c.extra_values = values;
    c.n_extra = 2;
    int64_t id = tdb_consult_add(d, &c);

    db_consult g;
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.id, id);
    ck_assert_int_eq(g.person_id, pid);
    ck_assert_int_eq(g.staff_id, staff);
    ck_assert_str_eq(g.staff_name, "田中　一郎");
    ck_assert_str_eq(g.received_at, "2026-04-01T09:30");
    ck_assert_int_eq(g.fiscal_year, 2026);
    ck_assert_str_eq(g.channel, "電話");
    ck_assert_str_eq(g.visitor, "林　トミ子");
    ck_assert_str_eq(g.visitor_relation, "母");
    ck_assert_str_eq(g.referrer, "民生委員");
    /* The items come back in the order given, the primary one marked
     * where it was, not moved first and not sorted. */
    ck_assert_str_eq(g.concerns, "介護\n*8050\nひきこもり・不登校");
    ck_assert_str_eq(g.content, "母から電話。\n本人は自室にいる。");
    ck_assert_str_eq(g.urgency, "高");
    ck_assert_str_eq(g.next_contact, "2026-04-15");
    ck_assert_str_eq(g.disposition, "継続相談");
    ck_assert_int_eq(g.version, 1);
    ck_assert(!g.is_new);
    ck_assert_uint_eq(g.n_extra, 2);
    ck_assert_str_eq(g.extra_ids[0], "aa_lang");
    ck_assert_str_eq(g.extra_values[0], "やさしい日本語");
    ck_assert_str_eq(g.extra_ids[1], "zz_note");
    ck_assert_str_eq(g.extra_values[1], "二行目\nあり");
    db_consult_free(&g);

    /* One row per concern, exactly one of them primary. */
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM consultation_concern"
             " WHERE consultation_id = %" PRId64, id);
    ck_assert_int_eq(tdb_file_int(sql), 3);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM consultation_concern"
             " WHERE consultation_id = %" PRId64 " AND is_primary = 1 AND concern = '8050'", id);
    ck_assert_int_eq(tdb_file_int(sql), 1);
    int64_t n = 0;
    ck_assert_int_eq(db_audit_count(d, "create", "consultation", id, &n), DB_OK);
    ck_assert_int_eq(n, 1);

    /* 31 March still belongs to the 年度 before; no concerns, no primary. */
    c = tdb_consult(pid, staff, "2026-03-31T23:59", "", "");
    id = tdb_consult_add(d, &c);
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.fiscal_year, 2025);
    ck_assert_str_eq(g.concerns, "");
    ck_assert_uint_eq(g.n_extra, 0);
    ck_assert_str_eq(g.channel, "");
    db_consult_free(&g);
    c = tdb_consult(pid, staff, "2026-05-01T08:00", "*収入\n\n家賃\n", "");
    id = tdb_consult_add(d, &c);
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_str_eq(g.concerns, "*収入\n家賃");   /* empty items dropped */
    db_consult_free(&g);
    ck_assert_int_eq(db_consult_get(d, 987654, &g), DB_NOTFOUND);
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);
}
END_TEST

START_TEST(tdb_consult_invalid)
{
    db *d = tfix_db();
    int64_t staff = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t pid = tdb_add(d, "林　健一", NULL, NULL, NULL);
    static const char *const bad_times[] = {
        "2026-02-30T10:00", "2026-04-01 10:00", "2026-04-01T24:00", "2026-04-01T10:60",
        "2026-04-01", "令和8年4月1日", "", "2026-04-01T10:00Z", "2026-4-1T10:00",
    };
    for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
        db_consult c = tdb_consult(pid, staff, bad_times[i], "", "");
        ck_assert_msg(tdb_consult_try(d, &c, NULL) == DB_INVALID, "accepted \"%s\"",
                      bad_times[i]);
        ck_assert_msg(strstr(db_errmsg(d), "受付日時") != NULL, "message: %s", db_errmsg(d));
    }
    db_consult c = tdb_consult(pid, staff, "2026-04-01T10:00", "", "");
    c.next_contact = "2026/4/15";
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    c.next_contact = "2026-02-29";
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    /* A concern twice, or two marked most pressing: nothing is stored. */
    c = tdb_consult(pid, staff, "2026-04-01T10:00", "介護\n*収入\n介護", "");
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    ck_assert_msg(strstr(db_errmsg(d), "介護") != NULL, "message: %s", db_errmsg(d));
    c = tdb_consult(pid, staff, "2026-04-01T10:00", "*介護\n*収入", "");
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    /* No staff, or a person who does not exist. */
    c = tdb_consult(pid, 0, "2026-04-01T10:00", "", "");
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    c = tdb_consult(pid + 100, staff, "2026-04-01T10:00", "", "");
    ck_assert_int_eq(tdb_consult_try(d, &c, NULL), DB_INVALID);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM consultation"), 0);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM consultation_concern"), 0);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM audit WHERE entity = 'consultation'"), 0);
    db_close(d);
}
END_TEST

/* One link for db_write. */
typedef struct tdb_link_args {
    int64_t id, version, person;
} tdb_link_args;

/* db_write body: link a consultation to a person. */
static db_status tdb_link_tx(db *d, void *arg)
{
    tdb_link_args *a = arg;
    return db_consult_link(d, a->id, a->version, a->person);
}

/* Link a consultation, returning the status. */
static db_status tdb_link(db *d, int64_t id, int64_t version, int64_t person)
{
    tdb_link_args a = { id, version, person };
    return db_write(d, tdb_link_tx, &a);
}

START_TEST(tdb_consult_anonymous_link)
{
    db *d = tfix_db();
    int64_t staff = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t pid = tdb_add(d, "𠮷田　勝", "ヨシダ　マサル", NULL, NULL);
    db_consult c = tdb_consult(0, staff, "2025-11-08T13:30", "地域\n*孤立", "アウトリーチへ");
    c.visitor = "匿名";
    int64_t id = tdb_consult_add(d, &c);
    db_consult g;
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.person_id, 0);
    ck_assert_int_eq(g.version, 1);
    db_consult_free(&g);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM consultation WHERE id = %" PRId64
             " AND person_id IS NULL", id);
    ck_assert_int_eq(tdb_file_int(sql), 1);
    db_consult *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_consult_by_person(d, pid, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_consult_list_free(rows, n);

    /* Identified later: linked with the version read. */
    ck_assert_int_eq(tdb_link(d, id, 1, pid), DB_OK);
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.person_id, pid);
    ck_assert_int_eq(g.version, 2);
    ck_assert_str_eq(g.concerns, "地域\n*孤立");
    db_consult_free(&g);
    int64_t audits = 0;
    ck_assert_int_eq(db_audit_count(d, "link", "consultation", id, &audits), DB_OK);
    ck_assert_int_eq(audits, 1);
    ck_assert_int_eq(db_consult_by_person(d, pid, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, id);
    db_consult_list_free(rows, n);

    /* Another terminal still holding version 1 is refused, and changes
     * nothing; so is a person or consultation that does not exist. */
    int64_t other = tdb_add(d, "吉田　勝", "ヨシダ　マサル", NULL, NULL);
    ck_assert_int_eq(tdb_link(d, id, 1, other), DB_CONFLICT);
    ck_assert_msg(strstr(db_errmsg(d), "他の職員") != NULL, "message: %s", db_errmsg(d));
    ck_assert_int_eq(tdb_link(d, 987654, 1, other), DB_NOTFOUND);
    ck_assert_int_eq(tdb_link(d, id, 2, other + 100), DB_INVALID);
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.person_id, pid);
    ck_assert_int_eq(g.version, 2);
    db_consult_free(&g);
    ck_assert_int_eq(db_audit_count(d, "link", "consultation", id, &audits), DB_OK);
    ck_assert_int_eq(audits, 1);
    /* Unlinking (a wrong match) is a link to nobody. */
    ck_assert_int_eq(tdb_link(d, id, 2, 0), DB_OK);
    ck_assert_int_eq(db_consult_get(d, id, &g), DB_OK);
    ck_assert_int_eq(g.person_id, 0);
    ck_assert_int_eq(g.version, 3);
    db_consult_free(&g);
    db_close(d);
}
END_TEST

START_TEST(tdb_consult_lists)
{
    db *d = tfix_db();
    int64_t staff = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t p = tdb_add(d, "林　健一", NULL, NULL, NULL);
    int64_t q = tdb_add(d, "林　トミ子", NULL, NULL, NULL);
    db_consult c = tdb_consult(p, staff, "2025-05-01T10:00", "*8050", "継続相談");
    int64_t a = tdb_consult_add(d, &c);
    c = tdb_consult(p, staff, "2026-04-01T09:00", "*仕事探し", "参加支援へ");
    int64_t b = tdb_consult_add(d, &c);
    c = tdb_consult(q, staff, "2025-06-01T09:00", "*介護", "窓口で対応・終了");
    int64_t other = tdb_consult_add(d, &c);
    /* Entered late, but it happened first. */
    c = tdb_consult(p, staff, "2025-04-01T09:00", "*孤立", "継続相談");
    int64_t e = tdb_consult_add(d, &c);
    /* The same minute as b: the one entered later counts as later. */
    c = tdb_consult(p, staff, "2026-04-01T09:00", "*地域", "継続相談");
    int64_t f = tdb_consult_add(d, &c);
    c = tdb_consult(0, staff, "2026-05-01T09:00", "*孤立", "アウトリーチへ");
    int64_t anon = tdb_consult_add(d, &c);

    db_consult *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_consult_by_person(d, p, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    int64_t want[] = { f, b, a, e };
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(rows[i].id == want[i], "row %zu is %" PRId64 ", wanted %" PRId64,
                      i, rows[i].id, want[i]);
        ck_assert(!rows[i].is_new);   /* the caller's rule, not the db's */
        ck_assert_int_eq(rows[i].person_id, p);
        ck_assert_str_eq(rows[i].staff_name, "田中　一郎");
    }
    ck_assert_str_eq(rows[0].concerns, "*地域");
    ck_assert_str_eq(rows[3].concerns, "*孤立");
    ck_assert_int_eq(rows[3].fiscal_year, 2025);
    db_consult_list_free(rows, n);

    ck_assert_int_eq(db_consult_by_disposition(d, "継続相談", 10, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(rows[0].id, f);
    ck_assert_int_eq(rows[1].id, a);
    ck_assert_int_eq(rows[2].id, e);
    db_consult_list_free(rows, n);
    ck_assert_int_eq(db_consult_by_disposition(d, "", 10, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(rows[0].id, anon);
    ck_assert_int_eq(rows[0].person_id, 0);
    ck_assert_int_eq(rows[1].id, f);
    ck_assert_int_eq(rows[2].id, b);
    ck_assert_int_eq(rows[5].id, e);
    db_consult_list_free(rows, n);
    ck_assert_int_eq(db_consult_by_disposition(d, NULL, 2, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[1].id, f);
    db_consult_list_free(rows, n);
    ck_assert_int_eq(db_consult_by_disposition(d, "窓口で対応・終了", 10, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, other);
    db_consult_list_free(rows, n);
    ck_assert_int_eq(db_consult_by_disposition(d, "つなぎ", 10, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_consult_list_free(rows, n);
    ck_assert_int_eq(db_consult_by_disposition(d, "", 0, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_consult_list_free(rows, n);
    db_close(d);
}
END_TEST

/* ---- 9. similar persons ----------------------------------------------- */

/* Insert a person with a birth date too; returns the id. */
static int64_t tdb_add_born(db *d, const char *name, const char *kana,
                            const char *birth, const char *phone)
{
    tdb_ins in;
    memset(&in, 0, sizeof in);
    in.p.name = (char *)name;
    in.p.kana = (char *)kana;
    in.p.birth = (char *)birth;
    in.p.phone = (char *)phone;
    ck_assert_msg(db_write(d, tdb_insert_tx, &in) == DB_OK, "insert: %s", db_errmsg(d));
    return in.id;
}

/* A typed person (what the intake form holds so far). */
static db_person tdb_typed(const char *name, const char *kana, const char *birth,
                           const char *phone)
{
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = (char *)name;
    p.kana = (char *)kana;
    p.birth = (char *)birth;
    p.phone = (char *)phone;
    return p;
}

/* The candidates for typed, asserting success. */
static db_person *tdb_similar(db *d, const db_person *typed, size_t limit, size_t *n)
{
    db_person *rows = NULL;
    db_status st = db_person_similar(d, typed, limit, &rows, n);
    ck_assert_msg(st == DB_OK, "similar: %d %s", st, db_errmsg(d));
    return rows;
}

START_TEST(tdb_similar_candidates)
{
    db *d = tfix_db();
    int64_t a = tdb_add_born(d, "髙橋　一郎", "タカハシ　イチロウ", "1944-08-08", "0569-72-4410");
    int64_t b = tdb_add_born(d, "高橋 一郎", "ﾀｶﾊｼ ｲﾁﾛｳ", "1950-01-01", "");
    int64_t c = tdb_add_born(d, "鈴木　花子", "ｽｽﾞｷ ﾊﾅｺ", "1940-04-29",
                             "０９０－１１１１－２２２２");
    int64_t y = tdb_add_born(d, "山田　太郎", "やまだ　たろう", "1958-06-12", "090-1234-5678");
    int64_t close = tdb_add_born(d, "山本　花", "ヤマモト　ハナ", "1958-06-12", "");
    int64_t far = tdb_add_born(d, "佐藤　次郎", "サトウ　ジロウ", "1958-06-12", "");
    int64_t nobirth = tdb_add_born(d, "山田　花子", "ヤマダ　ハナコ", "", "");
    (void)far;
    (void)nobirth;
    size_t n;

    /* Name and reading typed as the caller spells them: both 一郎 are
     * candidates (高橋 = 髙橋), the one born that day first. */
    db_person t = tdb_typed("高橋　一郎", "たかはし いちろう", "1944-08-08", "");
    db_person *rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, a);
    ck_assert_int_eq(rows[1].id, b);
    db_person_list_free(rows, n);

    /* The reading alone, half-width: both, by the kana key. */
    t = tdb_typed("", "ﾀｶﾊｼ ｲﾁﾛｳ", "", "");
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert(tdb_pos(rows, n, a) >= 0 && tdb_pos(rows, n, b) >= 0);
    db_person_list_free(rows, n);
    ck_assert_int_eq(db_person_similar(d, &t, 1, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    db_person_list_free(rows, n);

    /* The phone, typed bare, finds the number stored in full width; four
     * digits are too few to mean anyone. */
    t = tdb_typed("", "", "", "09011112222");
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, c);
    db_person_list_free(rows, n);
    t = tdb_typed("", "", "", "２２２２");
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 0);
    db_person_list_free(rows, n);

    /* Reading and a 和暦 birth date: the same reading first, then a reading
     * that starts alike with the same birth date (ヤマ…); not サトウ, born
     * that day too, and not ヤマダ　ハナコ, whose birth is unknown. */
    t = tdb_typed("", "ヤマダ タロウ", "昭和33年6月12日", "");
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, y);
    ck_assert_int_eq(rows[1].id, close);
    db_person_list_free(rows, n);

    /* Nothing typed matches nobody; the person being edited is left out. */
    t = tdb_typed("", "", "", "");
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 0);
    db_person_list_free(rows, n);
    t = tdb_typed("髙橋　一郎", "タカハシ　イチロウ", "1944-08-08", "0569-72-4410");
    t.id = a;
    rows = tdb_similar(d, &t, TDB_LIMIT, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, b);
    db_person_list_free(rows, n);
    db_close(d);
}
END_TEST

START_TEST(tdb_similar_corpus_groups)
{
    /* Every member of a search.tsv group typed into the intake form finds
     * every stored member of its group, and nobody else: kana forms and
     * widths, itaiji, and phone numbers typed every way. */
    corpus_table t;
    ck_assert_msg(corpus_load("search.tsv", &t) == 0, "cannot load search.tsv");
    db *d = tfix_db();
    tdb_member *m = NULL;
    size_t nm = 0;
    corpus_field **parts = calloc(t.n, sizeof *parts);
    size_t *nparts = calloc(t.n, sizeof *nparts);
    ck_assert(parts && nparts);
    for (size_t g = 0; g < t.n; g++) {
        const char *kind = t.rows[g].f[0].s;
        nparts[g] = corpus_split(&t.rows[g].f[1], " | ", &parts[g]);
        /* The last digits alone are a lookup, not a match. */
        if (strcmp(kind, "phone-suffix") == 0)
            continue;
        m = realloc(m, (nm + nparts[g]) * sizeof *m);
        ck_assert_ptr_nonnull(m);
        for (size_t i = 0; i < nparts[g]; i++) {
            tdb_member *x = &m[nm++];
            x->group = g;
            x->kind = kind;
            x->text = parts[g][i].s;
            x->key = NULL;
            x->id = tdb_store_member(d, kind, x->text);
        }
    }
    for (size_t q = 0; q < nm; q++) {
        db_person typed;
        if (strcmp(m[q].kind, "kana") == 0 || strcmp(m[q].kind, "small-kana") == 0)
            typed = tdb_typed("", m[q].text, "", "");
        else if (strcmp(m[q].kind, "phone") == 0)
            typed = tdb_typed("", "", "", m[q].text);
        else
            typed = tdb_typed(m[q].text, "", "", "");
        size_t n;
        db_person *rows = tdb_similar(d, &typed, TDB_LIMIT, &n);
        for (size_t s = 0; s < nm; s++) {
            bool found = tdb_pos(rows, n, m[s].id) >= 0;
            if (m[s].group == m[q].group)
                ck_assert_msg(found, "%s: \"%s\" is not similar to \"%s\"",
                              m[q].kind, m[q].text, m[s].text);
            else
                ck_assert_msg(!found, "\"%s\" finds unrelated \"%s\"", m[q].text, m[s].text);
        }
        /* The domain agrees: every candidate scores. */
        ck_assert_uint_eq(dom_person_rank(&typed, rows, n), n);
        db_person_list_free(rows, n);
    }
    free(m);
    for (size_t g = 0; g < t.n; g++)
        corpus_parts_free(parts[g], nparts[g]);
    free(parts);
    free(nparts);
    corpus_free(&t);
    db_close(d);
}
END_TEST

/* ---- 10. drafts ------------------------------------------------------- */

/* A draft to save, with borrowed strings. */
static db_draft tdb_draft(int64_t id, int64_t staff, const char *form, const char *data,
                          int64_t version)
{
    db_draft dr;
    memset(&dr, 0, sizeof dr);
    dr.id = id;
    dr.staff_id = staff;
    dr.form_id = (char *)form;
    dr.data = (char *)data;
    dr.version = version;
    return dr;
}

/* db_write body: delete one draft. */
static db_status tdb_draft_delete_tx(db *d, void *arg)
{
    return db_draft_delete(d, *(int64_t *)arg);
}

/* db_write body: succeed, or fail with the status given. */
static db_status tdb_status_tx(db *d, void *arg)
{
    (void)d;
    return *(db_status *)arg;
}

/* A draft tied to the saves that follow goes with the first one that
 * commits, in its transaction; a failed save leaves it. */
START_TEST(tdb_draft_attached)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    db_draft a = tdb_draft(0, s1, "plan", "goal\t働く\n", 0);
    ck_assert_int_eq(db_draft_save(d, &a), DB_OK);
    db_status fail = DB_INVALID, ok = DB_OK;

    db_draft_attach(d, a.id);
    ck_assert_int_eq(db_write(d, tdb_status_tx, &fail), DB_INVALID);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM draft"), 1);
    ck_assert_int_eq(db_write(d, tdb_status_tx, &ok), DB_OK);
    db_draft_attach(d, 0);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM draft"), 0);
    int64_t audits = 0;
    ck_assert_int_eq(db_audit_count(d, "delete", "draft", a.id, &audits), DB_OK);
    ck_assert_int_eq(audits, 1);

    /* Gone already (another terminal saved it): the save still goes. */
    db_draft_attach(d, a.id);
    ck_assert_int_eq(db_write(d, tdb_status_tx, &ok), DB_OK);
    db_draft_attach(d, 0);

    /* Untied, a save leaves drafts alone. */
    db_draft b = tdb_draft(0, s1, "plan", "goal\t学ぶ\n", 0);
    ck_assert_int_eq(db_draft_save(d, &b), DB_OK);
    ck_assert_int_eq(db_write(d, tdb_status_tx, &ok), DB_OK);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM draft"), 1);
    db_close(d);
}
END_TEST

START_TEST(tdb_drafts)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    db_draft a = tdb_draft(0, s1, "intake", "person.name\t林　健一\n", 0);
    ck_assert_int_eq(db_draft_save(d, &a), DB_OK);
    ck_assert_int_gt(a.id, 0);
    ck_assert_int_eq(a.version, 1);
    db_draft b = tdb_draft(0, s1, "assessment", "x\t1\n", 0);
    ck_assert_int_eq(db_draft_save(d, &b), DB_OK);
    db_draft other = tdb_draft(0, s2, "intake", "y\t2\n", 0);
    ck_assert_int_eq(db_draft_save(d, &other), DB_OK);

    db_draft *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_draft_list(d, s1, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, b.id);   /* the latest first */
    ck_assert_int_eq(rows[1].id, a.id);
    ck_assert_str_eq(rows[1].form_id, "intake");
    ck_assert_str_eq(rows[1].data, "person.name\t林　健一\n");
    ck_assert_int_eq(rows[1].staff_id, s1);
    ck_assert_int_eq(rows[1].version, 1);
    ck_assert_uint_eq(strlen(rows[1].saved_at), strlen("2026-01-01T00:00:00Z"));
    db_draft_list_free(rows, n);

    /* Replacing a, a second later, makes it the latest. */
    sleep(1);
    db_draft a2 = tdb_draft(a.id, s1, "intake", "person.name\t林　健一\nperson.kana\tハヤシ\n", 1);
    ck_assert_int_eq(db_draft_save(d, &a2), DB_OK);
    ck_assert_int_eq(a2.id, a.id);
    ck_assert_int_eq(a2.version, 2);
    ck_assert_int_eq(db_draft_list(d, s1, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, a.id);
    ck_assert_int_eq(rows[0].version, 2);
    ck_assert_str_eq(rows[0].data, "person.name\t林　健一\nperson.kana\tハヤシ\n");
    db_draft_list_free(rows, n);

    /* Another terminal saving over version 1 is refused and changes
     * nothing; another staff member cannot replace it either. */
    db_draft stale = tdb_draft(a.id, s1, "intake", "stale", 1);
    ck_assert_int_eq(db_draft_save(d, &stale), DB_CONFLICT);
    ck_assert_int_eq(stale.version, 1);
    db_draft foreign = tdb_draft(a.id, s2, "intake", "foreign", 2);
    ck_assert_int_eq(db_draft_save(d, &foreign), DB_NOTFOUND);
    ck_assert_int_eq(db_draft_list(d, s1, &rows, &n), DB_OK);
    ck_assert_str_eq(rows[0].data, "person.name\t林　健一\nperson.kana\tハヤシ\n");
    db_draft_list_free(rows, n);

    /* Every save is in the audit trail, without the form's values. */
    int64_t audits = 0;
    ck_assert_int_eq(db_audit_count(d, "draft", "draft", a.id, &audits), DB_OK);
    ck_assert_int_eq(audits, 2);
    ck_assert_int_eq(tdb_file_int("SELECT count(*) FROM audit WHERE detail LIKE '%林%'"), 0);

    /* Deleted inside a write; a second delete finds nothing. */
    ck_assert_int_eq(db_write(d, tdb_draft_delete_tx, &a.id), DB_OK);
    ck_assert_int_eq(db_write(d, tdb_draft_delete_tx, &a.id), DB_NOTFOUND);
    ck_assert_int_eq(db_audit_count(d, "delete", "draft", a.id, &audits), DB_OK);
    ck_assert_int_eq(audits, 1);
    ck_assert_int_eq(db_draft_list(d, s1, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, b.id);
    db_draft_list_free(rows, n);
    /* Saving a deleted draft again is DB_NOTFOUND: its form was saved. */
    db_draft gone = tdb_draft(a.id, s1, "intake", "again", 2);
    ck_assert_int_eq(db_draft_save(d, &gone), DB_NOTFOUND);
    ck_assert_int_eq(db_draft_list(d, s2, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rows[0].id, other.id);
    db_draft_list_free(rows, n);
    /* A draft needs a staff member and a form. */
    db_draft bad = tdb_draft(0, 0, "intake", "", 0);
    ck_assert_int_eq(db_draft_save(d, &bad), DB_INVALID);
    bad = tdb_draft(0, s1, "", "", 0);
    ck_assert_int_eq(db_draft_save(d, &bad), DB_INVALID);
    ck_assert_int_eq(bad.id, 0);
    db_close(d);
}
END_TEST

/* ---- 7. check --------------------------------------------------------- */

START_TEST(tdb_check_fresh)
{
    db *d = tfix_db();
    ck_assert_int_eq(tdb_problems(d), 0);
    int64_t ids[6];
    tdb_sample(d, ids);
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);
}
END_TEST

START_TEST(tdb_check_index_out_of_step)
{
    db *d = tfix_db();
    int64_t ids[6];
    tdb_sample(d, ids);
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);

    /* Delete a person behind the index's back: drop the trigger that keeps
     * the index in step, delete, and put the trigger back, so that only
     * the index is wrong. */
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char *trigger = tdb_raw_text(h, "SELECT sql FROM sqlite_schema"
                                    " WHERE name = 'person_fts_ad'");
    tdb_raw_exec(h, "DROP TRIGGER person_fts_ad");
    char sql[96];
    snprintf(sql, sizeof sql, "DELETE FROM person WHERE id = %" PRId64, ids[2]);
    tdb_raw_exec(h, sql);
    tdb_raw_exec(h, trigger);
    free(trigger);
    sqlite3_close(h);

    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_OK);
    ck_assert_int_gt(tdb_problems(d), 0);
    /* Lookup still works and skips the row that is gone. */
    ck_assert(!tdb_finds(d, "山田", ids[2]));
    db_close(d);
}
END_TEST

START_TEST(tdb_check_missing_trigger)
{
    db *d = tfix_db();
    db_close(d);
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    tdb_raw_exec(h, "DROP TRIGGER audit_no_delete");
    sqlite3_close(h);
    d = NULL;
    ck_assert_int_eq(db_open(tfix_path("t.db"), DB_OPEN_EXISTING, &d), DB_OK);
    ck_assert_int_gt(tdb_problems(d), 0);
    db_close(d);
}
END_TEST

/* How long the spool test waits for a held file before giving up (the
 * wait callback is first called at half a second). */
#define TDB_GIVE_UP_MS 600

/* The number of draft files in a spool folder. */
static int tdb_spool_files(const char *dir)
{
    DIR *dd = opendir(dir);
    if (dd == NULL)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) != NULL)
        n += strncmp(e->d_name, "draft-", strlen("draft-")) == 0;
    closedir(dd);
    return n;
}

/* A draft the database cannot take goes to the user's spool folder, and
 * moves into the database at the next import; a later save that reaches
 * the database removes the file. */
START_TEST(tdb_draft_spool)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    const char *spool = tfix_path("spool");
    /* The fault: another process holds the file, and the wait is given up
     * (as a pause-save or a hangup gives it up). */
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    tdb_raw_exec(h, "BEGIN EXCLUSIVE");
    memset(&tdb_waits, 0, sizeof tdb_waits);
    tdb_waits.give_up_ms = TDB_GIVE_UP_MS;
    db_set_wait_fn(d, tdb_wait_cb, NULL);
    db_draft dr = tdb_draft(0, s1, "intake", "consult.content\t停電の日の相談\n", 0);
    char *file = NULL;
    bool spooled = false;
    ck_assert_int_eq(dom_draft_keep(d, spool, &dr, &file, &spooled), DB_OK);
    ck_assert(spooled);
    ck_assert_ptr_nonnull(file);
    ck_assert_int_eq(tdb_spool_files(spool), 1);
    size_t len = 0;
    char *text = tdb_slurp(file, &len);
    ck_assert_ptr_nonnull(strstr(text, "停電の日の相談"));
    free(text);
    struct stat st;
    ck_assert_int_eq(stat(file, &st), 0);
    ck_assert_int_eq(st.st_mode & 0077, 0);   /* only the user reads it */
    /* Typing on: the same file is rewritten, not a second one. */
    dr.data = "consult.content\t停電の日の相談、続き\n";
    ck_assert_int_eq(dom_draft_keep(d, spool, &dr, &file, &spooled), DB_OK);
    ck_assert_int_eq(tdb_spool_files(spool), 1);
    /* While the file is held the import leaves the spooled draft. */
    size_t moved = 9, left = 9;
    dom_draft_import(d, spool, s1, &moved, &left);
    ck_assert_uint_eq(moved, 0);
    ck_assert_uint_eq(left, 1);
    tdb_raw_exec(h, "COMMIT");
    /* Another user's import does not take it. */
    dom_draft_import(d, spool, s1 + 1, &moved, &left);
    ck_assert_uint_eq(moved, 0);
    ck_assert_int_eq(tdb_spool_files(spool), 1);
    dom_draft_import(d, spool, s1, &moved, &left);
    ck_assert_uint_eq(moved, 1);
    ck_assert_uint_eq(left, 0);
    ck_assert_int_eq(tdb_spool_files(spool), 0);
    db_draft *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_draft_list(d, s1, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(rows[0].data, "consult.content\t停電の日の相談、続き\n");
    db_draft_list_free(rows, n);
    /* A form whose draft reaches the database again drops its file. */
    free(file);
    file = NULL;
    tdb_raw_exec(h, "BEGIN EXCLUSIVE");
    db_draft dr2 = tdb_draft(0, s1, "intake", "consult.content\t二件目\n", 0);
    ck_assert_int_eq(dom_draft_keep(d, spool, &dr2, &file, &spooled), DB_OK);
    ck_assert(spooled);
    tdb_raw_exec(h, "COMMIT");
    ck_assert_int_eq(dom_draft_keep(d, spool, &dr2, &file, &spooled), DB_OK);
    ck_assert(!spooled);
    ck_assert_ptr_null(file);
    ck_assert_int_eq(tdb_spool_files(spool), 0);
    sqlite3_close(h);
    db_close(d);
}
END_TEST

/* Age a lock directory as if its holder died this many seconds ago. */
static void tdb_age(const char *path, int seconds)
{
    struct timespec old[2];
    clock_gettime(CLOCK_REALTIME, &old[0]);
    old[0].tv_sec -= seconds;
    old[1] = old[0];
    ck_assert_int_eq(utimensat(AT_FDCWD, path, old, 0), 0);
}

/* How many rows the test table holds whose value is not the original. */
static int64_t tdb_dotlock_changed(const char *path)
{
    sqlite3 *h = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, "unix-dotfile"), SQLITE_OK);
    int64_t n = tdb_raw_int(h, "SELECT count(*) FROM t WHERE v <> 'before'");
    sqlite3_close(h);
    return n;
}

/* In a child: change every row of t through the dotfile scheme with so
 * little cache that the changes reach the file, then die mid-transaction,
 * leaving the lock directory and a hot journal as kill -9 would. */
static void tdb_dotlock_die_writing(const char *path)
{
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, "unix-dotfile") != SQLITE_OK ||
        sqlite3_exec(h, "PRAGMA cache_size=2; BEGIN IMMEDIATE;"
                        " UPDATE t SET v = 'half-written ' || hex(randomblob(400));",
                     NULL, NULL, NULL) != SQLITE_OK)
        _exit(1);
    _exit(0);
}

/* With locking = dotfile, a lock left by a dead writer is recovered: its
 * half-written transaction rolled back, its lock removed, and the waiting
 * write goes through.  SQLite's dotfile scheme alone would read the
 * half-written pages as they are. */
START_TEST(tdb_dotlock_dead_writer)
{
    db_set_locking(DB_LOCK_DOTFILE);
    db *d = tfix_db();
    db_close(d);
    const char *path = tfix_path("t.db");
    sqlite3 *h = tfix_raw(path);
    tdb_raw_exec(h, "CREATE TABLE t(v TEXT);"
                    " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                    " INSERT INTO t SELECT 'before' FROM n");
    sqlite3_close(h);
    pid_t child = fork();
    if (child == 0)
        tdb_dotlock_die_writing(path);
    int status = 0;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const char *lock = tfix_path("t.db.lock");
    struct stat st;
    ck_assert_msg(stat(lock, &st) == 0 && S_ISDIR(st.st_mode), "the dead writer's lock is there");
    ck_assert_int_eq(access(tfix_path("t.db-journal"), F_OK), 0);
    tdb_age(lock, 60);
    d = NULL;
    ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &d), DB_OK);
    int64_t sid = tfix_staff(d, "tanaka", "田中　一郎");
    ck_assert_int_gt(sid, 0);
    ck_assert_int_eq(db_stale_locks(d), 1);
    ck_assert_int_eq(tdb_problems(d), 0);
    db_close(d);
    ck_assert_int_eq(tdb_dotlock_changed(path), 0);
    ck_assert_int_ne(access(lock, F_OK), 0);
    db_set_locking(DB_LOCK_POSIX);
}
END_TEST

/* A lock younger than the stale age belongs to a live writer: waiting
 * for it never removes it. */
START_TEST(tdb_dotlock_live_lock_kept)
{
    db_set_locking(DB_LOCK_DOTFILE);
    db *d = tfix_db();
    const char *lock = tfix_path("t.db.lock");
    ck_assert_int_eq(mkdir(lock, 0777), 0);
    tdb_age(lock, 5);
    memset(&tdb_waits, 0, sizeof tdb_waits);
    tdb_waits.give_up_ms = 1500;
    db_set_wait_fn(d, tdb_wait_cb, NULL);
    /* Any write: it never gets past the lock. */
    db_draft dr = tdb_draft(0, 1, "intake", "consult.content\t待つ\n", 0);
    ck_assert_int_eq(db_draft_save(d, &dr), DB_BUSY);
    ck_assert_int_ge(tdb_waits.max_ms, 1500);
    ck_assert_int_eq(db_stale_locks(d), 0);
    ck_assert_int_eq(access(lock, F_OK), 0);
    rmdir(lock);
    db_close(d);
    db_set_locking(DB_LOCK_POSIX);
}
END_TEST

/* Run the groups of tests, each in a fresh folder; the exit status says
 * whether anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "migrate", { tdb_new_file_has_schema, tdb_create_refuses_existing,
                       tdb_reopen_existing, tdb_too_new_refused,
                       tdb_foreign_sqlite_refused, tdb_foreign_wal_untouched,
                       tdb_not_sqlite_refused, tdb_missing_notfound,
                       tdb_empty_file_initialised, tdb_migrate_from_v1, NULL } },
        { "settings", { tdb_settings, NULL } },
        { "transactions", { tdb_write_commits, tdb_write_rolls_back,
                            tdb_busy_waits_and_retries, tdb_busy_wait_cancelled, NULL } },
        { "versions", { tdb_version_conflict, NULL } },
        { "audit", { tdb_audit_append_only, NULL } },
        { "search", { tdb_search_corpus_groups, tdb_search_kanji,
                      tdb_search_phone_address_number, tdb_search_prefix_first,
                      tdb_search_more, tdb_search_hostile, tdb_search_fts_syntax,
                      NULL } },
        { "check", { tdb_check_fresh, tdb_check_index_out_of_step,
                     tdb_check_missing_trigger, NULL } },
        { "consult", { tdb_consult_round_trip, tdb_consult_invalid,
                       tdb_consult_anonymous_link, tdb_consult_lists, NULL } },
        { "similar", { tdb_similar_candidates, tdb_similar_corpus_groups, NULL } },
        { "drafts", { tdb_drafts, tdb_draft_attached, tdb_draft_spool, NULL } },
        { "dotfile locking", { tdb_dotlock_dead_writer, tdb_dotlock_live_lock_kept, NULL } },
    };
    return tfix_run("db", groups, sizeof groups / sizeof groups[0], tdb_setup);
}
