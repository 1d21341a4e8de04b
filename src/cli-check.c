/* cli-check.c - `tsunagi check`: integrity and schema, for cron and for
 * the administrator after a crash or a share outage. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

/* Print one problem. */
static void cli_check_report(void *arg, const char *problem)
{
    (void)arg;
    cli_say("NG: %s", problem);
}

/* `tsunagi check`: prints ok and exits 0, or lists the problems. */
int cli_check(const cli_opts *o, int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        cli_error("check に引数は要りません");
        return CLI_ERROR;
    }
    /* The check shows no personal data, so it needs no staff login: it
     * must work for an administrator repairing a server. */
    db *d = cli_open(o, false, NULL);
    if (d == NULL)
        return CLI_ERROR;
    int problems = 0;
    db_status st = db_check(d, cli_check_report, NULL, &problems);
    int rc = CLI_OK;
    if (st != DB_OK) {
        cli_error("%s", db_errmsg(d));
        rc = CLI_ERROR;
    } else if (problems > 0) {
        cli_say("問題が %d 件あります: %s", problems, db_path(d));
        rc = CLI_ERROR;
    } else {
        puts("ok");
    }
    db_close(d);
    return rc;
}
