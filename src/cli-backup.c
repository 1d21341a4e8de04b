/* cli-backup.c - `tsunagi backup`: a checked copy of the database, made
 * while the counters keep working, for cron or by hand. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

/* Print one problem found in the copy. */
static void cli_backup_report(void *arg, const char *problem)
{
    (void)arg;
    cli_say("NG: %s", problem);
}

/* `tsunagi backup DEST`: 0 when the copy is made and checked, 2 otherwise. */
int cli_backup(const cli_opts *o, int argc, char **argv)
{
    if (argc != 2) {
        cli_error("使い方: tsunagi backup [--db パス] 保存先（既にあるファイルには上書きしません）");
        return CLI_ERROR;
    }
    const char *dest = argv[1];
    /* The copy holds every person's data: only staff may make one, and
     * the audit trail names who did and where it went. */
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_backup_result res;
    db_status st = db_backup(d, dest, cli_backup_report, NULL, &res);
    int rc = CLI_OK;
    if (st != DB_OK) {
        cli_error("%s", db_errmsg(d));
        rc = CLI_ERROR;
    } else {
        cli_say("バックアップ: %s", dest);
        cli_say("元: %s", db_path(d));
        cli_say("ページ数: %lld", (long long)res.pages);
        cli_say("大きさ: %lld バイト", (long long)res.bytes);
        cli_say("検査: ok");
    }
    db_staff_free(&who);
    db_close(d);
    return rc;
}
