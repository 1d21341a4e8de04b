/* conf.c - finding the database, and the user behind the terminal. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"

#define CONF_USER_FILE "tsunagi/config"
/* Fixed, not under the configure prefix: administrators look for it there. */
#define CONF_SYSTEM_FILE "/etc/tsunagi.conf"
#define CONF_DEFAULT_DB "tsunagi/tsunagi.db"
#define CONF_DB_KEY "db"
#define CONF_DB_ENV "TSUNAGI_DB"
#define CONF_LOCKING_KEY "locking"
#define CONF_LOCKING_ENV "TSUNAGI_LOCKING"
#define CONF_LOCKING_DEFAULT "posix"
#define CONF_PAPER_SUBDIR "tsunagi-papers"
#define CONF_STATE_SUBDIR "tsunagi"
#define CONF_PATH_MAX 4096
/* Room for a folder of CONF_PATH_MAX and the file name under it. */
#define CONF_FILE_MAX (CONF_PATH_MAX + 64)

/* The Japanese name of a source. */
const char *conf_source_text(conf_source src)
{
    switch (src) {
    case CONF_FROM_OPTION: return "--db の指定";
    case CONF_FROM_ENV: return "環境変数 TSUNAGI_DB";
    case CONF_FROM_USER: return "~/.config/" CONF_USER_FILE;
    case CONF_FROM_SYSTEM: return CONF_SYSTEM_FILE;
    case CONF_FROM_DEFAULT: break;
    }
    return "既定の場所";
}

/* The home folder, from $HOME or the password database. */
static const char *conf_home(void)
{
    const char *home = getenv("HOME");
    if (home && home[0])
        return home;
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_dir ? pw->pw_dir : "/";
}

/* $VAR when set and absolute, else HOME/fallback, into buf. */
static void conf_xdg(char *buf, size_t n, const char *var, const char *fallback)
{
    const char *v = getenv(var);
    if (v && v[0] == '/')
        snprintf(buf, n, "%s", v);
    else
        snprintf(buf, n, "%s/%s", conf_home(), fallback);
}

/* One setting being looked for in the config files. */
struct conf_want {
    const char *key;
    char *value;
};

/* The ini handler: keep the value of the wanted key from the top or
 * [tsunagi]. */
static int conf_ini_entry(void *user, const char *section, const char *name,
                          const char *value)
{
    struct conf_want *w = user;
    if ((section[0] == '\0' || strcmp(section, "tsunagi") == 0) &&
        strcmp(name, w->key) == 0) {
        free(w->value);
        w->value = strdup(value);
    }
    return 1;
}

/* Read a key from one config file.  1 found, 0 absent, -1 unreadable. */
static int conf_read_file(const char *file, struct conf_want *w, char *err, size_t errlen)
{
    if (access(file, F_OK) != 0)
        return 0;
    int rc = ini_parse(file, conf_ini_entry, w);
    if (rc < 0) {
        snprintf(err, errlen, "設定ファイルを読めません: %s（%s）", file, strerror(errno));
        return -1;
    }
    if (rc > 0) {
        snprintf(err, errlen, "設定ファイルの %d 行目が読めません: %s", rc, file);
        return -1;
    }
    return w->value != NULL;
}

/* A key from the environment variable env, else the user's then the
 * system's config file: 1 found (*out malloc'd), 0 nowhere, -1 a config
 * file could not be read (err says why). */
static int conf_lookup(const char *key, const char *env, char **out, conf_source *src,
                       char *err, size_t errlen)
{
    *out = NULL;
    const char *e = getenv(env);
    if (e && e[0]) {
        *src = CONF_FROM_ENV;
        *out = strdup(e);
        return 1;
    }
    char file[CONF_FILE_MAX], base[CONF_PATH_MAX];
    struct conf_want w = { key, NULL };
    conf_xdg(base, sizeof base, "XDG_CONFIG_HOME", ".config");
    snprintf(file, sizeof file, "%s/%s", base, CONF_USER_FILE);
    int rc = conf_read_file(file, &w, err, errlen);
    *src = CONF_FROM_USER;
    if (rc == 0) {
        rc = conf_read_file(CONF_SYSTEM_FILE, &w, err, errlen);
        *src = CONF_FROM_SYSTEM;
    }
    if (rc <= 0) {
        free(w.value);
        return rc;
    }
    *out = w.value;
    return 1;
}

/* Find the database path, in the documented order. */
char *conf_db_path(const char *option, conf_source *src, char *err, size_t errlen)
{
    err[0] = '\0';
    if (option && option[0]) {
        *src = CONF_FROM_OPTION;
        return strdup(option);
    }
    char *found = NULL;
    int rc = conf_lookup(CONF_DB_KEY, CONF_DB_ENV, &found, src, err, errlen);
    if (rc < 0)
        return NULL;
    if (rc > 0)
        return found;
    char file[CONF_FILE_MAX], base[CONF_PATH_MAX];
    *src = CONF_FROM_DEFAULT;
    conf_xdg(base, sizeof base, "XDG_DATA_HOME", ".local/share");
    snprintf(file, sizeof file, "%s/%s", base, CONF_DEFAULT_DB);
    return strdup(file);
}

/* The locking scheme's name: $TSUNAGI_LOCKING, else locking= in the
 * config files, else "posix".  NULL with err set when a file is unreadable. */
char *conf_locking(conf_source *src, char *err, size_t errlen)
{
    err[0] = '\0';
    char *found = NULL;
    int rc = conf_lookup(CONF_LOCKING_KEY, CONF_LOCKING_ENV, &found, src, err, errlen);
    if (rc < 0)
        return NULL;
    if (rc > 0)
        return found;
    *src = CONF_FROM_DEFAULT;
    return strdup(CONF_LOCKING_DEFAULT);
}

/* The folder for what must outlive a lost database connection (drafts that
 * could not be saved): $XDG_STATE_HOME/tsunagi, into buf. */
void conf_state_dir(char *buf, size_t n)
{
    char base[CONF_PATH_MAX];
    conf_xdg(base, sizeof base, "XDG_STATE_HOME", ".local/state");
    snprintf(buf, n, "%s/%s", base, CONF_STATE_SUBDIR);
}

/* Where the screen writes a meeting's papers: $TSUNAGI_PAPERS, else a
 * folder the worker finds at once in their home ($HOME/tsunagi-papers). */
void conf_paper_dir(char *buf, size_t n)
{
    const char *env = getenv("TSUNAGI_PAPERS");
    const char *home = getenv("HOME");
    if (env && *env)
        snprintf(buf, n, "%s", env);
    else
        snprintf(buf, n, "%s/%s", home && *home ? home : ".", CONF_PAPER_SUBDIR);
}

/* Make the folders above a path, like mkdir -p of its dirname. */
int conf_make_parent(const char *path)
{
    char buf[CONF_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0770) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

/* The invoking user's login name, from the password database. */
int conf_login(char *buf, size_t n)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw == NULL || pw->pw_name == NULL)
        return -1;
    snprintf(buf, n, "%s", pw->pw_name);
    return 0;
}

/* The user's full name from the GECOS field, or the login. */
void conf_full_name(char *buf, size_t n)
{
    struct passwd *pw = getpwuid(geteuid());
    const char *gecos = pw && pw->pw_gecos ? pw->pw_gecos : "";
    size_t len = strcspn(gecos, ",");
    if (len > 0)
        snprintf(buf, n, "%.*s", (int)len, gecos);
    else if (conf_login(buf, n) != 0)
        snprintf(buf, n, "?");
}
