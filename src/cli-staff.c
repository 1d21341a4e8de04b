/* cli-staff.c - `tsunagi staff`: the administrator registers, lists and
 * disables the workers who may use tsunagi. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "domain.h"
#include "text.h"

/* `staff list`: every staff member, tab-separated with a header. */
static int cli_staff_list(db *d)
{
    db_staff *ss = NULL;
    size_t n = 0;
    if (db_staff_list(d, &ss, &n) != DB_OK) {
        cli_error("%s", db_errmsg(d));
        return CLI_ERROR;
    }
    puts("login\tname\trole\tagency\tactive");
    for (size_t i = 0; i < n; i++) {
        cli_field(ss[i].login, "\t");
        cli_field(ss[i].name, "\t");
        printf("%s\t", dom_role_label(dom_role_of(ss[i].role)));
        cli_field(ss[i].agency_name, "\t");
        puts(ss[i].active ? "有効" : "無効");
    }
    db_staff_list_free(ss, n);
    return CLI_OK;
}

struct cli_staff_new {
    db_staff s;
    const char *agency;
    int64_t id;
};

/* Insert the new staff member, resolving the agency by name. */
static db_status cli_staff_add_tx(db *d, void *arg)
{
    struct cli_staff_new *n = arg;
    n->s.agency_id = 0;
    if (n->agency) {
        db_agency a;
        db_status st = db_agency_by_name(d, n->agency, &a);
        if (st != DB_OK)
            return st;
        n->s.agency_id = a.id;
        db_agency_free(&a);
    }
    return db_staff_insert(d, &n->s, &n->id);
}

/* `staff add LOGIN NAME [--role ROLE] [--agency NAME]`. */
static int cli_staff_add(db *d, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "role", required_argument, NULL, 'r' },
        { "agency", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_staff_new n = { 0 };
    dom_role role = DOM_ROLE_COUNTER;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'r')
            role = dom_role_parse(optarg);
        else if (c == 'a')
            n.agency = optarg;
        else
            return CLI_ERROR;
    }
    if (role == DOM_ROLE_UNKNOWN || optind + 2 != argc) {
        cli_error("使い方: tsunagi staff add ログイン名 氏名 [--role admin|coordinator|counter|agency] [--agency 機関名]");
        return CLI_ERROR;
    }
    n.s.login = argv[optind];
    n.s.name = argv[optind + 1];
    n.s.role = (char *)dom_role_code(role);
    n.s.active = true;
    db_status st = db_write(d, cli_staff_add_tx, &n);
    if (st == DB_NOTFOUND) {
        cli_error("機関が見つかりません: %s", n.agency);
        return CLI_ERROR;
    }
    if (st == DB_INVALID) {
        cli_error("登録できません（ログイン名が既にあるか、空です）: %s", n.s.login);
        return CLI_ERROR;
    }
    if (st != DB_OK) {
        cli_error("%s", db_errmsg(d));
        return CLI_ERROR;
    }
    cli_say("登録しました: %s（%s）", n.s.login, dom_role_label(role));
    return CLI_OK;
}

struct cli_staff_off {
    const char *login;
};

/* Disable a staff member, reading the row inside the transaction. */
static db_status cli_staff_disable_tx(db *d, void *arg)
{
    struct cli_staff_off *off = arg;
    db_staff s;
    db_status st = db_staff_by_login(d, off->login, &s);
    if (st != DB_OK)
        return st;
    st = db_staff_set_active(d, s.id, s.version, false);
    db_staff_free(&s);
    return st;
}

/* `staff disable LOGIN`: the row stays, for the audit trail. */
static int cli_staff_disable(db *d, const db_staff *me, int argc, char **argv)
{
    if (argc != 2) {
        cli_error("使い方: tsunagi staff disable ログイン名");
        return CLI_ERROR;
    }
    if (strcmp(argv[1], me->login) == 0) {
        cli_error("自分自身は無効にできません");
        return CLI_ERROR;
    }
    struct cli_staff_off off = { argv[1] };
    db_status st = db_write(d, cli_staff_disable_tx, &off);
    if (st == DB_NOTFOUND) {
        cli_error("職員が見つかりません: %s", argv[1]);
        return CLI_ERROR;
    }
    if (st != DB_OK) {
        cli_error("%s", db_errmsg(d));
        return CLI_ERROR;
    }
    cli_say("無効にしました: %s", argv[1]);
    return CLI_OK;
}

/* `tsunagi staff list|add|disable`. */
int cli_staff(const cli_opts *o, int argc, char **argv)
{
    if (argc < 2) {
        cli_error("staff の後に list、add、disable のいずれかを指定してください");
        return CLI_ERROR;
    }
    db_staff me;
    db *d = cli_open(o, true, &me);
    if (d == NULL)
        return CLI_ERROR;
    int rc = CLI_ERROR;
    const char *verb = argv[1];
    bool writes = strcmp(verb, "add") == 0 || strcmp(verb, "disable") == 0;
    if (writes && !dom_staff_is_admin(&me))
        cli_error("職員の登録と無効化は管理者だけができます");
    else if (strcmp(verb, "list") == 0)
        rc = cli_staff_list(d);
    else if (strcmp(verb, "add") == 0)
        rc = cli_staff_add(d, argc - 1, argv + 1);
    else if (strcmp(verb, "disable") == 0)
        rc = cli_staff_disable(d, &me, argc - 1, argv + 1);
    else
        cli_error("不明な staff の操作です: %s", verb);
    db_staff_free(&me);
    db_close(d);
    return rc;
}
