/* db-backup.c - `tsunagi backup`: a consistent copy of the database made
 * while others keep working, checked before it is given its name. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-int.h"

/* Pages copied per step: each step holds a read lock on the file, so a
 * small step lets a writer in between steps within milliseconds. */
#define DB_BACKUP_STEP_PAGES 64
/* How long to sleep when a step finds the file locked by a writer. */
#define DB_BACKUP_NAP_MS 20
/* A write by another user between two steps makes SQLite start the copy
 * over.  After this many restarts the rest is copied in one step, which
 * keeps writers waiting (within their busy time-out) but always ends. */
#define DB_BACKUP_RESTARTS 3
/* The copy is made under this name beside dest; mkstemp fills in the X's,
 * so that a copy left by a crash never looks like the backup. */
#define DB_BACKUP_TMP_SUFFIX ".tmp-XXXXXX"
/* SQLite's journal beside a file, left only if the process died. */
#define DB_BACKUP_JOURNAL_SUFFIX "-journal"
/* SQLite's extended result codes keep the primary code in the low byte. */
#define DB_BACKUP_PRIMARY(rc) ((rc) & 0xff)
/* The audit names the database itself, not a record. */
#define DB_BACKUP_ENTITY "database"

/* Record a failure of the destination connection: the status from its
 * result code, the detail from its own message rather than the source's. */
static db_status db_backup_fail(db *d, sqlite3 *to, int rc, const char *what)
{
    db_status st = db_fail(d, rc, what);
    db_failf(d, st, "%s（%s: %s）", db_status_text(st), what,
             to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
    snprintf(d->errtext, sizeof d->errtext, "%s", db_status_text(st));
    return st;
}

/* Record a failed system call on a file of the backup. */
static db_status db_backup_errno(db *d, int e, const char *what, const char *path)
{
    db_status st = e == EACCES || e == EPERM || e == EROFS ? DB_READONLY
                 : e == ENOSPC || e == EDQUOT ? DB_FULL
                 : e == EEXIST ? DB_EXISTS : DB_IOERR;
    return db_failf(d, st, "%s（%s: %s: %s）", db_status_text(st), what, path,
                    strerror(e));
}

/* dest made absolute through its folder, for the audit row: the folder
 * must exist, the file itself not yet. */
static db_status db_backup_where(db *d, const char *dest, char **out)
{
    *out = NULL;
    const char *slash = strrchr(dest, '/');
    const char *base = slash ? slash + 1 : dest;
    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return db_failf(d, DB_INVALID, "保存先はファイル名で指定してください: %s", dest);
    char *dir = slash ? strndup(dest, slash == dest ? 1 : (size_t)(slash - dest))
                      : strdup(".");
    if (dir == NULL)
        return db_nomem(d);
    char *real = realpath(dir, NULL);
    int e = errno;
    free(dir);
    if (real == NULL)
        return db_failf(d, DB_NOTFOUND, "保存先のフォルダがありません: %s（%s）",
                        dest, strerror(e));
    size_t n = strlen(real) + 1 + strlen(base) + 1;
    *out = malloc(n);
    if (*out)
        snprintf(*out, n, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
    free(real);
    return *out ? DB_OK : db_nomem(d);
}

/* The body of the audit transaction. */
static db_status db_backup_audit_tx(db *d, void *arg)
{
    return db_audit(d, "backup", DB_BACKUP_ENTITY, 0, arg);
}

/* Copy the source into the open connection to, a few pages at a time. */
static db_status db_backup_copy(db *d, sqlite3 *to, db_backup_result *out)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", d->h, "main");
    if (b == NULL)
        return db_backup_fail(d, to, sqlite3_errcode(to), "backup");
    int rc, waited_ms = 0, restarts = 0, step = DB_BACKUP_STEP_PAGES;
    int left = -1;   /* pages still to copy; not known before the first step */
    for (;;) {
        rc = sqlite3_backup_step(b, step);
        if (rc == SQLITE_DONE)
            break;
        int primary = DB_BACKUP_PRIMARY(rc);
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            /* The source's busy handler has waited already; a writer
             * still holds the file, so give it a moment more. */
            if (waited_ms >= DB_BUSY_TIMEOUT_MS)
                break;
            sqlite3_sleep(DB_BACKUP_NAP_MS);
            waited_ms += DB_BACKUP_NAP_MS;
            continue;
        }
        if (rc != SQLITE_OK)
            break;
        int now_left = sqlite3_backup_remaining(b);
        if (left >= 0 && now_left > left && ++restarts >= DB_BACKUP_RESTARTS)
            step = -1;
        left = now_left;
    }
    out->pages = sqlite3_backup_pagecount(b);
    int frc = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return db_backup_fail(d, to, rc, "backup");
    if (frc != SQLITE_OK)
        return db_backup_fail(d, to, frc, "backup");
    return DB_OK;
}

/* Make the copy at tmp (an empty file) and close it. */
static db_status db_backup_make(db *d, const char *tmp, db_backup_result *out)
{
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL);
    db_status st = rc == SQLITE_OK ? db_backup_copy(d, to, out)
                                   : db_backup_fail(d, to, rc, "open");
    rc = sqlite3_close(to);
    if (st == DB_OK && rc != SQLITE_OK)
        st = db_backup_fail(d, NULL, rc, "close");
    return st;
}

/* Open the copy as tsunagi opens any database and run `tsunagi check`'s
 * checks on it. */
static db_status db_backup_verify(db *d, const char *tmp, db_report_fn report,
                                  void *arg)
{
    db *c = NULL;
    int problems = 0;
    db_status st = db_open(tmp, DB_OPEN_EXISTING, &c);
    if (st == DB_OK)
        st = db_check(c, report, arg, &problems);
    if (st != DB_OK)
        db_failf(d, st, "写しを検査できません: %s", c ? db_errmsg(c) : db_status_text(st));
    else if (problems > 0)
        st = db_failf(d, DB_NOTDB, "写しの検査で問題が %d 件見つかりました。"
                      "写しは消しました", problems);
    db_close(c);
    return st;
}

/* Flush a file, or a folder's entries, to the disk. */
static db_status db_backup_sync(db *d, const char *path, int flags, int64_t *size)
{
    int fd = open(path, flags);
    if (fd < 0)
        return db_backup_errno(d, errno, "open", path);
    struct stat sb;
    int rc = fsync(fd);
    if (rc == 0 && size != NULL && (rc = fstat(fd, &sb)) == 0)
        *size = (int64_t)sb.st_size;
    int e = errno;
    close(fd);
    return rc == 0 ? DB_OK : db_backup_errno(d, e, "fsync", path);
}

/* Give the checked copy its name without replacing anything: a hard link
 * fails when dest exists.  A share without hard links gets a rename after
 * a last look, which another backup to the same name could race. */
static db_status db_backup_name(db *d, const char *tmp, const char *dest)
{
    if (link(tmp, dest) == 0) {
        unlink(tmp);
        return DB_OK;
    }
    int e = errno;
    if (e == EEXIST)
        return db_backup_errno(d, e, "link", dest);
    if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EMLINK && e != ENOSYS)
        return db_backup_errno(d, e, "link", dest);
    struct stat sb;
    if (lstat(dest, &sb) == 0)
        return db_backup_errno(d, EEXIST, "rename", dest);
    if (rename(tmp, dest) != 0)
        return db_backup_errno(d, errno, "rename", dest);
    return DB_OK;
}

/* Remove what a failed backup left: the copy and any journal of it. */
static void db_backup_discard(const char *tmp)
{
    unlink(tmp);
    size_t n = strlen(tmp) + sizeof DB_BACKUP_JOURNAL_SUFFIX;
    char *journal = malloc(n);
    if (journal) {
        snprintf(journal, n, "%s%s", tmp, DB_BACKUP_JOURNAL_SUFFIX);
        unlink(journal);
        free(journal);
    }
}

/* Copy, check, sync and name: everything after the temporary file exists. */
static db_status db_backup_steps(db *d, const char *tmp, const char *dest,
                                 const char *folder, db_report_fn report,
                                 void *arg, db_backup_result *out)
{
    db_status st = db_backup_make(d, tmp, out);
    if (st == DB_OK)
        st = db_backup_verify(d, tmp, report, arg);
    if (st == DB_OK)
        st = db_backup_sync(d, tmp, O_RDWR, &out->bytes);
    if (st == DB_OK)
        st = db_backup_name(d, tmp, dest);
    /* The name is durable only once the folder's entry is on the disk. */
    if (st == DB_OK)
        st = db_backup_sync(d, folder, O_RDONLY | O_DIRECTORY, NULL);
    return st;
}

/* Make the copy under a temporary name beside where, then name it where;
 * on failure nothing is left. */
static db_status db_backup_via_tmp(db *d, const char *where, const char *folder,
                                   db_report_fn report, void *arg,
                                   db_backup_result *out)
{
    size_t n = strlen(where) + sizeof DB_BACKUP_TMP_SUFFIX;
    char *tmp = malloc(n);
    if (tmp == NULL)
        return db_nomem(d);
    snprintf(tmp, n, "%s%s", where, DB_BACKUP_TMP_SUFFIX);
    /* mkstemp makes the file 0600: the copy holds personal data. */
    int fd = mkstemp(tmp);
    db_status st;
    if (fd < 0) {
        st = db_backup_errno(d, errno, "create", tmp);
    } else {
        close(fd);
        st = db_backup_steps(d, tmp, where, folder, report, arg, out);
        if (st != DB_OK)
            db_backup_discard(tmp);
    }
    free(tmp);
    return st;
}

/* A consistent, checked copy of the database at dest. */
db_status db_backup(db *d, const char *dest, db_report_fn report, void *arg,
                    db_backup_result *out)
{
    memset(out, 0, sizeof *out);
    struct stat sb;
    if (lstat(dest, &sb) == 0)
        return db_failf(d, DB_EXISTS, "%s。上書きはしません: %s",
                        db_status_text(DB_EXISTS), dest);
    char *where = NULL;
    db_status st = db_backup_where(d, dest, &where);
    if (st != DB_OK)
        return st;
    /* The folder of where, for syncing the new name; where is absolute,
     * so it has a slash, which stays when the folder is the root. */
    char *folder = strdup(where);
    if (folder == NULL) {
        free(where);
        return db_nomem(d);
    }
    char *slash = strrchr(folder, '/');
    if (slash == folder)
        slash[1] = '\0';
    else
        *slash = '\0';
    st = db_write(d, db_backup_audit_tx, where);
    if (st == DB_OK)
        st = db_backup_via_tmp(d, where, folder, report, arg, out);
    free(folder);
    free(where);
    return st;
}
