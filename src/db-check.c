/* db-check.c - `tsunagi check`: integrity, schema and settings, and what
 * lies around the file: permissions, the file system and its locking. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <mntent.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db-int.h"

/* The probe file beside the database; mkstemp fills in the X's, so that
 * two checks at once, or one left by a crash, never collide. */
#define DB_PROBE_SUFFIX ".lockprobe-XXXXXX"
/* The byte the probe locks: any will do, since the probe file is ours. */
#define DB_PROBE_BYTE 0
#define DB_PROBE_LEN 1
/* A child that has not answered by then hangs on the file system (a hard
 * NFS mount whose server is gone); its alarm ends it. */
#define DB_PROBE_TIMEOUT_S 10
/* The child's answers, as its exit status. */
enum { DB_PROBE_SEEN = 0, DB_PROBE_UNSEEN = 1, DB_PROBE_BROKEN = 2 };
/* Where the kernel lists what is mounted, with the options in force. */
#define DB_MOUNTS "/proc/self/mounts"
/* Room for a journal mode, a user or group name, a file system type. */
#define DB_NAME_MAX 64

/* The objects a current schema must hold. */
static const char *const db_expected[] = {
    "agency", "staff", "household", "person", "person_agency", "audit",
    "person_fts", "audit_no_update", "audit_no_delete",
    "person_fts_ai", "person_fts_ad", "person_fts_au",
    "person_name_key", "person_kana_key", "person_phone_key", "person_phone_rev",
    "consultation", "consultation_concern", "consultation_extra", "draft",
    "consultation_person", "consultation_disposition", "consultation_fiscal_year",
    "consultation_received", "consultation_concern_primary", "draft_staff",
    "consent", "consent_agency", "consent_person", "consent_only_withdrawn",
    "consent_no_delete", "support_case", "support_case_person", "support_case_stage",
    "case_event", "case_event_case", "case_event_no_update", "case_event_no_delete",
    "referral", "referral_agency", "referral_state", "referral_person",
    "referral_event", "referral_event_referral", "assessment", "assessment_case",
    "plan", "plan_role", "setting", "meeting_kind", "meeting", "meeting_held",
    "meeting_member", "meeting_member_meeting", "agenda_item", "agenda_item_case",
    "agenda_item_gap", "outreach", "outreach_next", "outreach_stage", "outreach_attempt",
    "outreach_attempt_entry", "outreach_attempt_no_update", "outreach_attempt_no_delete",
    "resource", "resource_kind", "matching", "matching_resource", "matching_person",
    "matching_follow", "matching_event", "matching_event_matching", "matching_event_no_update",
    "matching_event_no_delete", "resource_need", "resource_need_open",
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

/* ---- around the file ------------------------------------------------ */

/* Where the lines about the file go, and how many were problems. */
struct db_noter {
    db_note_fn note;
    void *arg;
    int problems;
};

/* Pass one line about the file on, counting the problems. */
__attribute__((format(printf, 3, 4)))
static void db_note(struct db_noter *n, db_note_level level, const char *fmt, ...)
{
    char line[DB_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    n->note(n->arg, level, line);
    if (level == DB_NOTE_PROBLEM)
        n->problems++;
}

/* The name of a user, or its number when the password database has none
 * (a file made on another host of the share). */
static void db_user_name(uid_t uid, char *buf, size_t n)
{
    const struct passwd *pw = getpwuid(uid);
    if (pw)
        snprintf(buf, n, "%s", pw->pw_name);
    else
        snprintf(buf, n, "%lu", (unsigned long)uid);
}

/* The name of a group, or its number. */
static void db_group_name(gid_t gid, char *buf, size_t n)
{
    const struct group *gr = getgrgid(gid);
    if (gr)
        snprintf(buf, n, "%s", gr->gr_name);
    else
        snprintf(buf, n, "%lu", (unsigned long)gid);
}

/* The file's permissions: personal data must not be open to every user of
 * the host, and what others may write they may also falsify. */
static db_status db_check_mode(db *d, struct db_noter *n)
{
    struct stat sb;
    if (stat(d->path, &sb) != 0)
        return db_failf(d, DB_IOERR, "%s: %s", d->path, strerror(errno));
    char owner[DB_NAME_MAX], group[DB_NAME_MAX];
    db_user_name(sb.st_uid, owner, sizeof owner);
    db_group_name(sb.st_gid, group, sizeof group);
    db_note(n, DB_NOTE_INFO, "権限: %04o 所有者 %s グループ %s",
            (unsigned)(sb.st_mode & (mode_t)~S_IFMT), owner, group);
    if (sb.st_mode & S_IWOTH)
        db_note(n, DB_NOTE_PROBLEM,
                "他のユーザーが書き込めます。記録や監査記録を書き換えられます"
                "（chmod o-rwx で閉じてください）");
    else if (sb.st_mode & S_IROTH)
        db_note(n, DB_NOTE_WARN, "他のユーザーが読めます（chmod o-rwx で閉じてください）");
    return DB_OK;
}

/* The folder: SQLite makes its journal there on every save, and whoever
 * may write the folder may delete or replace the file. */
static db_status db_check_folder(db *d, struct db_noter *n)
{
    char *dir = strdup(d->path);
    if (dir == NULL)
        return db_nomem(d);
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        strcpy(dir, ".");
    else if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    struct stat sb;
    if (access(dir, W_OK | X_OK) != 0)
        db_note(n, DB_NOTE_WARN,
                "フォルダ %s に書き込めません。保存のたびにジャーナルを作るので、"
                "職員には書き込み権限が要ります", dir);
    if (stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX))
        db_note(n, DB_NOTE_WARN,
                "フォルダ %s は他のユーザーが書き込めます。ファイルを消したり"
                "置き換えたりできます（chmod o-w で閉じてください）", dir);
    free(dir);
    return DB_OK;
}

/* What the mount the file lives on says about its locking. */
struct db_mount {
    char type[DB_NAME_MAX];
    char dir[PATH_MAX];
    size_t len;             /* of dir: the longest prefix wins */
    bool nolock;            /* NFS: locks stay inside this host */
    char local_lock[DB_NAME_MAX]; /* NFS: which locks stay inside it */
    bool soft;              /* NFS: a slow server fails writes */
    bool nobrl;             /* SMB: byte-range locks stay inside this host */
    bool cache_loose;       /* SMB: other hosts' changes may go unseen */
};

/* Whether the mount point dir holds path. */
static bool db_mount_holds(const char *dir, const char *path, size_t len)
{
    if (strncmp(path, dir, len) != 0)
        return false;
    return path[len] == '/' || path[len] == '\0' || (len > 0 && dir[len - 1] == '/');
}

/* Remember the options of a mount that holds the file. */
static void db_mount_take(struct db_mount *m, const struct mntent *e, size_t len)
{
    static const char local_lock[] = "local_lock";
    memset(m, 0, sizeof *m);
    snprintf(m->type, sizeof m->type, "%s", e->mnt_type);
    snprintf(m->dir, sizeof m->dir, "%s", e->mnt_dir);
    m->len = len;
    m->nolock = hasmntopt(e, "nolock") != NULL;
    m->soft = hasmntopt(e, "soft") != NULL;
    m->nobrl = hasmntopt(e, "nobrl") != NULL;
    m->cache_loose = hasmntopt(e, "cache=loose") != NULL;
    const char *ll = hasmntopt(e, local_lock);
    if (ll && ll[sizeof local_lock - 1] == '=') {
        ll += sizeof local_lock;
        snprintf(m->local_lock, sizeof m->local_lock, "%.*s", (int)strcspn(ll, ","), ll);
    }
}

/* Find the mount that holds path; false when the list cannot be read. */
static bool db_mount_find(const char *path, struct db_mount *m)
{
    FILE *f = setmntent(DB_MOUNTS, "r");
    if (f == NULL)
        return false;
    bool found = false;
    const struct mntent *e;
    while ((e = getmntent(f)) != NULL) {
        size_t len = strlen(e->mnt_dir);
        /* A later mount on the same point hides the earlier one. */
        if (db_mount_holds(e->mnt_dir, path, len) && (!found || len >= m->len)) {
            db_mount_take(m, e, len);
            found = true;
        }
    }
    endmntent(f);
    return found;
}

/* FUSE mounts (sshfs, bindfs, ...) keep byte-range locks to themselves:
 * R7 found two mounts of one folder corrupting the file with POSIX locks,
 * and losing saves to stale caches with the dotfile scheme unless the
 * mounts bypass the page cache. */
static void db_check_fuse(struct db_noter *n, const char *type)
{
    bool fuse = strcmp(type, "fuse") == 0 || strncmp(type, "fuse.", strlen("fuse.")) == 0;
    if (!fuse)
        return;
    if (db_locking() == DB_LOCK_POSIX)
        db_note(n, DB_NOTE_WARN,
                "%s ではロックが他のマウントや他のホストに届きません。他のホストからも"
                "同時に使うなら、ファイルのあるホストに SSH で入って使うか、全員の設定を "
                "locking = dotfile にして、各マウントをキャッシュなし（direct_io）に"
                "してください（doc/admin.md を参照）", type);
    else
        db_note(n, DB_NOTE_WARN,
                "%s の各マウントがキャッシュなし（direct_io）でなければ、他のマウントの"
                "書き込みが見えずに壊れます（doc/admin.md を参照）", type);
}

/* The file system and the mount options that break or weaken locking:
 * the lock probe cannot see those, since locks that stay inside this host
 * still work between two processes of it. */
static db_status db_check_mount(db *d, struct db_noter *n)
{
    char *real = realpath(d->path, NULL);
    if (real == NULL)
        return db_failf(d, DB_IOERR, "%s: %s", d->path, strerror(errno));
    struct db_mount *m = calloc(1, sizeof *m);
    if (m == NULL) {
        free(real);
        return db_nomem(d);
    }
    if (!db_mount_find(real, m)) {
        db_note(n, DB_NOTE_INFO, "ファイルシステム: 不明（%s を読めません）", DB_MOUNTS);
        free(m);
        free(real);
        return DB_OK;
    }
    db_note(n, DB_NOTE_INFO, "ファイルシステム: %s（%s にマウント）", m->type, m->dir);
    db_note(n, DB_NOTE_INFO, "ロック方式: %s", db_lock_name(db_locking()));
    bool nfs = strncmp(m->type, "nfs", strlen("nfs")) == 0;
    bool smb = strcmp(m->type, "cifs") == 0 || strcmp(m->type, "smb3") == 0;
    if (nfs && m->nolock)
        db_note(n, DB_NOTE_PROBLEM,
                "NFS が nolock でマウントされています。ロックがこのホストの中でしか働かず、"
                "他のホストと同時に書くとファイルが壊れます。nolock を外してください"
                "（doc/admin.md を参照）");
    if (nfs && (strcmp(m->local_lock, "all") == 0 || strcmp(m->local_lock, "posix") == 0))
        db_note(n, DB_NOTE_PROBLEM,
                "NFS が local_lock=%s でマウントされています。ロックがこのホストの中でしか"
                "働きません。local_lock=none にしてください（doc/admin.md を参照）",
                m->local_lock);
    if (nfs && m->soft)
        db_note(n, DB_NOTE_WARN,
                "NFS が soft でマウントされています。サーバーの応答が遅れると書き込みが"
                "途中で失敗します。hard にしてください");
    if (smb && m->nobrl)
        db_note(n, DB_NOTE_PROBLEM,
                "SMB が nobrl でマウントされています。ロックがサーバーに届かず、"
                "他のホストと同時に書くとファイルが壊れます。nobrl を外してください"
                "（doc/admin.md を参照）");
    if (smb && m->cache_loose)
        db_note(n, DB_NOTE_WARN,
                "SMB が cache=loose でマウントされています。他のホストの変更が見えない"
                "ことがあります。cache=strict にしてください");
    db_check_fuse(n, m->type);
    free(m);
    free(real);
    return DB_OK;
}

/* The probe's byte range, as a lock of the given type. */
static struct flock db_probe_range(short type)
{
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = DB_PROBE_BYTE;
    fl.l_len = DB_PROBE_LEN;
    return fl;
}

/* In the child: whether the parent's lock on the probe file is seen, both
 * by asking (F_GETLK) and by trying to take it (F_SETLK). */
static int db_probe_answer(const char *probe)
{
    int fd = open(probe, O_RDWR);
    if (fd < 0)
        return DB_PROBE_BROKEN;
    struct flock ask = db_probe_range(F_WRLCK);
    if (fcntl(fd, F_GETLK, &ask) != 0)
        return DB_PROBE_UNSEEN;
    bool seen = ask.l_type != F_UNLCK;
    struct flock take = db_probe_range(F_WRLCK);
    bool refused = fcntl(fd, F_SETLK, &take) != 0 && (errno == EACCES || errno == EAGAIN);
    return seen && refused ? DB_PROBE_SEEN : DB_PROBE_UNSEEN;
}

/* Fork a child to look for the lock the parent holds on probe: POSIX
 * locks belong to a process, so only another process can test them. */
static db_status db_probe_child(db *d, const char *probe, bool *works)
{
    pid_t pid = fork();
    if (pid < 0)
        return db_failf(d, DB_ERROR, "ロックを確かめるプロセスを作れません（%s）",
                        strerror(errno));
    if (pid == 0) {
        alarm(DB_PROBE_TIMEOUT_S);
        /* _exit: the parent's buffers and SQLite's files are not ours. */
        _exit(db_probe_answer(probe));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return db_failf(d, DB_ERROR, "ロックを確かめるプロセスを待てません（%s）",
                            strerror(errno));
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        return db_failf(d, DB_IOERR, "ロックの確認が %d 秒たっても終わりません"
                        "（ファイルシステムが応答しません）", DB_PROBE_TIMEOUT_S);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == DB_PROBE_BROKEN)
        return db_failf(d, DB_IOERR, "ロックを確かめるファイルを別のプロセスから開けません: %s",
                        probe);
    *works = WEXITSTATUS(status) == DB_PROBE_SEEN;
    return DB_OK;
}

/* Whether POSIX byte-range locks work in the folder of the database. */
db_status db_lock_probe(db *d, bool *works)
{
    *works = false;
    size_t len = strlen(d->path) + sizeof DB_PROBE_SUFFIX;
    char *probe = malloc(len);
    if (probe == NULL)
        return db_nomem(d);
    snprintf(probe, len, "%s%s", d->path, DB_PROBE_SUFFIX);
    int fd = mkstemp(probe);
    if (fd < 0) {
        int e = errno;
        db_status st = db_failf(d, e == EACCES || e == EPERM || e == EROFS ? DB_READONLY : DB_IOERR,
                                "ロックを確かめるファイルを作れません: %s（%s）",
                                probe, strerror(e));
        free(probe);
        return st;
    }
    db_status st = DB_OK;
    struct flock hold = db_probe_range(F_WRLCK);
    /* A file system that refuses locks outright (NFS without its lock
     * daemon says ENOLCK) leaves *works false. */
    if (fcntl(fd, F_SETLK, &hold) == 0)
        st = db_probe_child(d, probe, works);
    close(fd);
    unlink(probe);
    free(probe);
    return st;
}

/* Run the lock probe and say what it found. */
static db_status db_check_lock(db *d, struct db_noter *n)
{
    bool works = false;
    db_status st = db_lock_probe(d, &works);
    if (st == DB_NOMEM)
        return st;
    if (st != DB_OK)
        db_note(n, DB_NOTE_WARN, "ロックを確かめられません: %s", db_errmsg(d));
    else if (works)
        db_note(n, DB_NOTE_INFO,
                "ロック: この場所ではファイルロックが働きます（このホストの別のプロセスで確認）");
    else
        db_note(n, DB_NOTE_PROBLEM,
                "この場所ではファイルロックが働きません。NFS なら nolock、SMB なら nobrl を"
                "外してください。doc/admin.md を参照");
    return DB_OK;
}

/* What lies around the file's contents, for `tsunagi check`. */
db_status db_check_file(db *d, db_note_fn note, void *arg, int *problems)
{
    struct db_noter n = { note, arg, 0 };
    char journal[DB_NAME_MAX];
    int version = 0;
    db_status s = db_pragma(d, "journal_mode", journal, sizeof journal);
    if (s == DB_OK)
        s = db_file_version(d, &version);
    if (s == DB_OK) {
        db_note(&n, DB_NOTE_INFO, "ジャーナル: %s", journal);
        db_note(&n, DB_NOTE_INFO, "スキーマの版: %d（この tsunagi: %d）",
                version, db_schema_version());
        s = db_check_mode(d, &n);
    }
    if (s == DB_OK)
        s = db_check_folder(d, &n);
    if (s == DB_OK)
        s = db_check_mount(d, &n);
    if (s == DB_OK)
        s = db_check_lock(d, &n);
    *problems = n.problems;
    return s;
}
