/* cli.h - the command line: subcommands and what they share. */
#ifndef TSUNAGI_CLI_H
#define TSUNAGI_CLI_H

#include <stdbool.h>

#include "db.h"

/* Exit statuses: search uses 1 for "nothing matched". */
enum {
    CLI_OK = 0,
    CLI_NOMATCH = 1,
    CLI_ERROR = 2
};

/* Options every subcommand accepts. */
typedef struct cli_opts {
    const char *db_path;   /* --db, or NULL */
} cli_opts;

/* The program: parse argv and run a subcommand or the screen. */
int cli_main(int argc, char **argv);

/* Open the database the options point to and make sure the invoking user
 * is an active staff member (unless anyone is allowed); prints a Japanese
 * message and returns NULL when not.  *who receives the staff row. */
db *cli_open(const cli_opts *o, bool need_staff, db_staff *who);

/* Print a Japanese error line to stderr, prefixed with the program name. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a line to stdout through the display path. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print one field of tab-separated output, made visible, then sep. */
void cli_field(const char *s, const char *sep);

int cli_init(const cli_opts *o, int argc, char **argv);
int cli_search(const cli_opts *o, int argc, char **argv);
int cli_check(const cli_opts *o, int argc, char **argv);
int cli_staff(const cli_opts *o, int argc, char **argv);
int cli_list(const cli_opts *o, int argc, char **argv);
/* `show PERSON_ID`: 0 shown, 1 no such person, 2 error. */
int cli_show(const cli_opts *o, int argc, char **argv);
/* `backup DEST`: 0 copied and checked, 2 error. */
int cli_backup(const cli_opts *o, int argc, char **argv);
/* `meetings [--from D] [--to D]`: 0 listed, 1 none, 2 error. */
int cli_meetings(const cli_opts *o, int argc, char **argv);
/* `agenda MEETING_ID [--encoding utf-8|cp932]`: 0 printed, 1 no such
 * meeting, 2 error. */
int cli_agenda(const cli_opts *o, int argc, char **argv);
/* `setting [KEY VALUE]`: 0 shown or set, 2 error or not allowed. */
int cli_setting(const cli_opts *o, int argc, char **argv);
/* `kinds [add NAME --confidential|--consent]`: 0 shown or added, 2 error. */
int cli_kinds(const cli_opts *o, int argc, char **argv);

#endif
