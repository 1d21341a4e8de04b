/* conf.h - where the database is, and who is running tsunagi. */
#ifndef TSUNAGI_CONF_H
#define TSUNAGI_CONF_H

#include <stddef.h>

/* Where a database path came from, for messages and `--help`. */
typedef enum conf_source {
    CONF_FROM_OPTION,   /* --db */
    CONF_FROM_ENV,      /* $TSUNAGI_DB, $TSUNAGI_LOCKING */
    CONF_FROM_USER,     /* ~/.config/tsunagi/config */
    CONF_FROM_SYSTEM,   /* /etc/tsunagi.conf */
    CONF_FROM_DEFAULT   /* $XDG_DATA_HOME/tsunagi/tsunagi.db */
} conf_source;

/* Find the database: --db (option, may be NULL), else $TSUNAGI_DB, else
 * `db = PATH` in the user's then the system's config file, else the
 * default under $XDG_DATA_HOME.  Returns a malloc'd path, or NULL with a
 * Japanese reason in err when a config file cannot be read. */
char *conf_db_path(const char *option, conf_source *src, char *err, size_t errlen);

/* The name of the locking scheme (db_lock_parse reads it):
 * $TSUNAGI_LOCKING, else `locking = NAME` in the user's then the system's
 * config file, else "posix".  malloc'd; NULL with a Japanese reason in err
 * when a config file cannot be read. */
char *conf_locking(conf_source *src, char *err, size_t errlen);

/* The folder for drafts that could not reach the database
 * ($XDG_STATE_HOME/tsunagi, default ~/.local/state/tsunagi), into buf. */
void conf_state_dir(char *buf, size_t n);
/* Where the screen writes meeting papers ($TSUNAGI_PAPERS, else
 * $HOME/tsunagi-papers). */
void conf_paper_dir(char *buf, size_t n);

/* The Japanese name of a source. */
const char *conf_source_text(conf_source src);

/* Make the folders above a path (for the default database). 0 or -1. */
int conf_make_parent(const char *path);

/* The invoking user's login name, from the password database (so it is
 * right over SSH and under sudo -u), into buf.  0, or -1 if unknown. */
int conf_login(char *buf, size_t n);

/* The user's full name from the password database, or the login. */
void conf_full_name(char *buf, size_t n);

#endif
