/* cli-check.c - `tsunagi check`: integrity and schema, and what lies
 * around the file (permissions, file system, locking), for cron and for
 * the administrator after a crash, a share outage or a move. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

/* Print one problem. */
static void cli_check_report(void *arg, const char *problem)
{
    (void)arg;
    cli_say("NG: %s", problem);
}

/* Print one line about the file: facts as they are, warnings and
 * problems marked so that a script can grep them. */
static void cli_check_note(void *arg, db_note_level level, const char *text)
{
    (void)arg;
    switch (level) {
    case DB_NOTE_INFO: cli_say("%s", text); break;
    case DB_NOTE_WARN: cli_say("注意: %s", text); break;
    case DB_NOTE_PROBLEM: cli_say("NG: %s", text); break;
    }
}

/* `tsunagi check`: facts about the file, then ok and exit 0, or the
 * problems and exit 2.  Warnings alone do not fail the check. */
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
    cli_say("ファイル: %s", db_path(d));
    int problems = 0, file_problems = 0;
    db_status st = db_check_file(d, cli_check_note, NULL, &file_problems);
    if (st == DB_OK)
        st = db_check(d, cli_check_report, NULL, &problems);
    problems += file_problems;
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
