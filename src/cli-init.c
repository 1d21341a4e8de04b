/* cli-init.c - `tsunagi init`: a new database, its first administrator,
 * and optionally the demo town. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conf.h"
#include "demo.h"
#include "domain.h"

#define CLI_NAME_MAX 256
#define CLI_ERRBUF 512
#define CLI_DEMO_SEED 1

struct cli_admin {
    const char *login;
    const char *name;
    int64_t id;
};

/* Register the invoking user as the first administrator. */
static db_status cli_init_admin(db *d, void *arg)
{
    struct cli_admin *a = arg;
    db_staff s = { 0 };
    s.login = (char *)a->login;
    s.name = (char *)a->name;
    s.role = (char *)dom_role_code(DOM_ROLE_ADMIN);
    s.active = true;
    return db_staff_insert(d, &s, &a->id);
}

/* Create the file and register the administrator; print what was done. */
static int cli_init_create(const char *path, bool demo)
{
    char login[CLI_NAME_MAX], name[CLI_NAME_MAX];
    if (conf_login(login, sizeof login) != 0) {
        cli_error("利用者のログイン名が分かりません");
        return CLI_ERROR;
    }
    conf_full_name(name, sizeof name);
    db *d = NULL;
    db_status st = db_open(path, DB_OPEN_CREATE, &d);
    struct cli_admin admin = { login, name, 0 };
    if (st == DB_OK)
        st = db_write(d, cli_init_admin, &admin);
    demo_stats stats = { 0 };
    if (st == DB_OK && demo) {
        db_set_actor(d, admin.id);
        st = demo_populate(d, CLI_DEMO_SEED, &stats);
    }
    if (st != DB_OK) {
        cli_error("%s", d ? db_errmsg(d) : db_status_text(st));
        db_close(d);
        return CLI_ERROR;
    }
    cli_say("データベースを作成しました: %s", path);
    cli_say("管理者として登録しました: %s（%s）", login, name);
    if (demo)
        cli_say("デモデータ: 機関 %d、世帯 %d、人 %d、相談 %d、同意 %d、つなぎ %d、ケース %d、会議 %d",
               stats.agencies, stats.households, stats.persons, stats.consultations,
               stats.consents, stats.referrals, stats.cases, stats.meetings);
    db_close(d);
    return CLI_OK;
}

/* `tsunagi init [--demo]`: refuses to overwrite an existing file. */
int cli_init(const cli_opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "demo", no_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    bool demo = false;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c != 'd')
            return CLI_ERROR;
        demo = true;
    }
    if (optind < argc) {
        cli_error("init に余分な引数があります: %s", argv[optind]);
        return CLI_ERROR;
    }
    char err[CLI_ERRBUF];
    conf_source src;
    char *path = conf_db_path(o->db_path, &src, err, sizeof err);
    if (path == NULL) {
        cli_error("%s", err);
        return CLI_ERROR;
    }
    if (src == CONF_FROM_DEFAULT && conf_make_parent(path) != 0) {
        cli_error("フォルダを作成できません: %s", path);
        free(path);
        return CLI_ERROR;
    }
    int rc = cli_init_create(path, demo);
    free(path);
    return rc;
}
