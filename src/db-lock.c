/* db-lock.c - the locking schemes.  POSIX byte-range locks (SQLite's
 * default) are right on one host and on a share that forwards them.  Two
 * mounts that do not pass locks on to the server (sshfs, most FUSE file
 * systems, SMB with nobrl, NFS with nolock) each see only their own locks,
 * and two writers there corrupt the file; the dotfile scheme locks by
 * creating a directory next to the database, which every such mount sees,
 * at the price of one writer or reader at a time.  A process killed while
 * holding a dotfile lock leaves the directory behind (and perhaps a
 * half-written transaction), so waiters recover a lock older than any
 * transaction of ours can be. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db-int.h"

/* No transaction of tsunagi holds a lock for more than a few seconds, so
 * a lock directory untouched this long was left by a process that died. */
#define DB_DOTLOCK_STALE_S 20
/* How often a waiter looks at the lock directory's age. */
#define DB_DOTLOCK_CHECK_MS 1000
/* SQLite's dotfile scheme names the lock "<database>.lock". */
#define DB_DOTLOCK_SUFFIX ".lock"
#define DB_DOTLOCK_STALE_SUFFIX ".stale"
/* Held by the one waiter recovering a dead lock. */
#define DB_DOTLOCK_BREAK_SUFFIX ".break"
#define DB_DOTLOCK_MODE 0777
#define DB_JOURNAL_SUFFIX "-journal"
#define DB_LOCK_SUFFIX_MAX 32

static const char *const db_lock_names[DB_N_LOCK] = {
    [DB_LOCK_POSIX] = "posix",
    [DB_LOCK_DOTFILE] = "dotfile",
};

/* SQLite's VFS for each scheme; NULL is the default (POSIX locks). */
static const char *const db_lock_vfs_names[DB_N_LOCK] = {
    [DB_LOCK_POSIX] = NULL,
    [DB_LOCK_DOTFILE] = "unix-dotfile",
};

static db_lock_scheme db_lock_current = DB_LOCK_POSIX;

/* Choose the scheme for connections opened from now on. */
void db_set_locking(db_lock_scheme s)
{
    db_lock_current = s;
}

/* The scheme connections are opened with. */
db_lock_scheme db_locking(void)
{
    return db_lock_current;
}

/* The name of a scheme as the config file spells it. */
const char *db_lock_name(db_lock_scheme s)
{
    return s < DB_N_LOCK ? db_lock_names[s] : "?";
}

/* Read a scheme's name; false when it is none of ours. */
bool db_lock_parse(const char *name, db_lock_scheme *out)
{
    for (int s = 0; s < DB_N_LOCK; s++)
        if (strcmp(name, db_lock_names[s]) == 0) {
            *out = (db_lock_scheme)s;
            return true;
        }
    return false;
}

/* The VFS to open a connection with, for the scheme in use. */
const char *db_lock_vfs(void)
{
    return db_lock_vfs_names[db_lock_current];
}

/* A path beside the database: path + suffix (malloc'd). */
static char *db_lock_beside(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", path, suffix);
    return p;
}

/* Whether a lock directory is older than any live holder's could be; its
 * identity goes to *st. */
static bool db_dotlock_stale(const char *lock, struct stat *st)
{
    return stat(lock, st) == 0 && time(NULL) - st->st_mtime > DB_DOTLOCK_STALE_S;
}

/* Roll back what the dead holder left half-written.  SQLite's dotfile
 * scheme never does this itself: to it, the journal of a dead writer
 * looks like the journal of whoever holds the lock, so it would read the
 * half-written pages.  A connection with POSIX locks sees the journal as
 * hot and plays it back; the dead lock still keeps everyone out
 * meanwhile. */
static void db_dotlock_rollback(const char *path)
{
    char *journal = db_lock_beside(path, DB_JOURNAL_SUFFIX);
    if (journal && access(journal, F_OK) == 0) {
        sqlite3 *h = NULL;
        if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
            sqlite3_exec(h, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        sqlite3_close(h);
    }
    free(journal);
}

/* Take the dead lock away, but only if it is still the one judged dead:
 * it is renamed aside first and put back if someone took the name. */
static bool db_dotlock_remove(const char *lock, const struct stat *dead)
{
    char suffix[DB_LOCK_SUFFIX_MAX];
    snprintf(suffix, sizeof suffix, "%s.%ld", DB_DOTLOCK_STALE_SUFFIX, (long)getpid());
    char *aside = db_lock_beside(lock, suffix);
    bool removed = false;
    struct stat now;
    if (aside && rename(lock, aside) == 0) {
        if (stat(aside, &now) == 0 && now.st_ino == dead->st_ino &&
            now.st_mtime == dead->st_mtime)
            removed = rmdir(aside) == 0;
        else
            rename(aside, lock);
    }
    free(aside);
    return removed;
}

/* Recover from a lock left by a dead process: roll back its journal, then
 * remove the lock.  One waiter at a time does it (the "break" directory,
 * itself removed when a recoverer died at it).  True when a lock was
 * removed. */
static bool db_dotlock_break(const char *path)
{
    char *lock = db_lock_beside(path, DB_DOTLOCK_SUFFIX);
    char *brk = db_lock_beside(path, DB_DOTLOCK_SUFFIX DB_DOTLOCK_BREAK_SUFFIX);
    struct stat dead, again, old_brk;
    bool broke = false;
    if (lock && brk && db_dotlock_stale(lock, &dead)) {
        if (mkdir(brk, DB_DOTLOCK_MODE) != 0) {
            if (db_dotlock_stale(brk, &old_brk))
                db_dotlock_remove(brk, &old_brk);
        } else {
            if (stat(lock, &again) == 0 && again.st_ino == dead.st_ino &&
                again.st_mtime == dead.st_mtime) {
                db_dotlock_rollback(path);
                broke = db_dotlock_remove(lock, &dead);
            }
            rmdir(brk);
        }
    }
    free(lock);
    free(brk);
    return broke;
}

/* Called from the busy handler while a lock is waited for: with the
 * dotfile scheme, now and then see whether the lock is a dead one. */
void db_lock_waiting(db *d)
{
    if (db_lock_current != DB_LOCK_DOTFILE || d->waited_ms < d->next_stale_check_ms)
        return;
    d->next_stale_check_ms = d->waited_ms + DB_DOTLOCK_CHECK_MS;
    if (db_dotlock_break(d->path))
        d->stale_locks++;
}

/* How many stale lock directories this connection removed. */
int db_stale_locks(const db *d)
{
    return d->stale_locks;
}
