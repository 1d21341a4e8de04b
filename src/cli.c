/* cli.c - the command line: global options, subcommand dispatch, and the
 * opening of the database that every subcommand shares. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conf.h"
#include "domain.h"
#include "text.h"
#include "ui.h"

#define CLI_ERRBUF 512
#define CLI_LOGIN_MAX 256
#define CLI_LINE_MAX 2048
#define CLI_PATH_MAX 4096

static const char cli_usage[] =
    "使い方: tsunagi [--db パス] [サブコマンド] [引数]\n"
    "\n"
    "重層的支援体制整備事業の相談窓口のための端末アプリケーションです。\n"
    "サブコマンドなしで起動すると画面（クイック検索）を開きます。\n"
    "\n"
    "サブコマンド:\n"
    "  init [--demo]                 データベースを新規作成し、実行者を管理者として登録\n"
    "  search [--limit N] 検索語     人を検索してタブ区切り（UTF-8）で出力\n"
    "                                終了コード: 0 該当あり / 1 該当なし / 2 エラー\n"
    "  check                         整合性・スキーマ・権限・ファイルロックを検査\n"
    "                                （問題なしなら ok。注意は失敗にしません）\n"
    "  backup 保存先                 使用中のまま写しを作って検査する（上書きはしません）\n"
    "  staff list                    職員の一覧\n"
    "  staff add ログイン名 氏名 [--role 役割] [--agency 機関名]\n"
    "                                職員を登録（管理者のみ）\n"
    "                                役割: admin coordinator counter agency\n"
    "  staff disable ログイン名      職員を無効化（管理者のみ）\n"
    "  show 番号                     人の概要・未完了の対応・支援経過記録（新しい順）を表示\n"
    "  list [--disposition 対応] [--anonymous] [--limit N]\n"
    "                                最近の相談受付の一覧（対応別・匿名のみ）をタブ区切りで出力\n"
    "                                終了コード: 0 表示 / 1 該当なし / 2 エラー\n"
    "  meetings [--from 日付] [--to 日付]\n"
    "                                会議の一覧をタブ区切りで出力（番号・種類・開催日・状態・議題数）\n"
    "  agenda 会議番号 [--encoding utf-8|cp932]\n"
    "                                会議の次第（開催後は決定の記録）を A4 向けの文書で出力\n"
    "  setting [名前 値]             会議の設定を表示・変更（変更は管理者のみ）\n"
    "                                agenda_cap（議題の上限）、confidential_names\n"
    "                                （支援会議の資料での本人の表し方）\n"
    "  kinds [add 名前 --confidential|--consent]\n"
    "                                会議の種類の一覧・追加（追加は管理者のみ。\n"
    "                                --confidential は守秘義務の会議）\n"
    "\n"
    "共通オプション:\n"
    "  --db パス      データベースファイル\n"
    "  --help         この説明を表示\n"
    "  --version      版を表示\n"
    "\n"
    "データベースの場所: --db、環境変数 TSUNAGI_DB、~/.config/tsunagi/config の\n"
    "db = パス、/etc/tsunagi.conf の db = パス、$XDG_DATA_HOME/tsunagi/tsunagi.db\n"
    "の順に探します。\n";

/* Write a formatted line through the display path: names, paths and
 * arguments in it may hold control bytes that must not reach a terminal. */
static void cli_vline(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
    char buf[CLI_LINE_MAX];
    vsnprintf(buf, sizeof buf, fmt, ap);
    char *v = txt_visible(buf, strlen(buf));
    fprintf(out, "%s%s\n", prefix, v ? v : "");
    free(v);
}

/* Print a Japanese error line to stderr, prefixed with the program name. */
void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vline(stderr, "tsunagi: ", fmt, ap);
    va_end(ap);
}

/* Print a line to stdout through the display path. */
void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vline(stdout, "", fmt, ap);
    va_end(ap);
}

/* Print one field of tab-separated output through the display path, then
 * sep: no tab, newline or control byte of the data can break the columns
 * or reach a terminal. */
void cli_field(const char *s, const char *sep)
{
    char *v = txt_visible(s, strlen(s));
    fputs(v ? v : "", stdout);
    free(v);
    fputs(sep, stdout);
}

/* Open the database the options point to, checking who is using it. */
db *cli_open(const cli_opts *o, bool need_staff, db_staff *who)
{
    char err[CLI_ERRBUF], login[CLI_LOGIN_MAX];
    conf_source src;
    char *path = conf_db_path(o->db_path, &src, err, sizeof err);
    if (path == NULL) {
        cli_error("%s", err);
        return NULL;
    }
    db *d = NULL;
    db_status st = db_open(path, DB_OPEN_EXISTING, &d);
    free(path);
    if (st != DB_OK) {
        /* Say where the path came from: a wrong TSUNAGI_DB or config line
         * is the usual cause of "no such file". */
        cli_error("%s（場所の指定: %s）", d ? db_errmsg(d) : db_status_text(st),
                  conf_source_text(src));
        db_close(d);
        return NULL;
    }
    if (!need_staff)
        return d;
    if (conf_login(login, sizeof login) != 0) {
        cli_error("利用者のログイン名が分かりません");
        db_close(d);
        return NULL;
    }
    st = db_staff_by_login(d, login, who);
    if (st == DB_OK && dom_staff_may_enter(who)) {
        db_set_actor(d, who->id);
        return d;
    }
    if (st == DB_OK || st == DB_NOTFOUND)
        cli_error("利用者「%s」は tsunagi の職員として登録されていないか、無効になっています。"
                  "管理者に tsunagi staff add での登録を依頼してください", login);
    else
        cli_error("%s", db_errmsg(d));
    if (st == DB_OK)
        db_staff_free(who);
    db_close(d);
    return NULL;
}

/* Whether arg is the global option name, taking its value from the next
 * argument or from "--db=VALUE". */
static bool cli_take_db(int argc, char **argv, int *i, const char **value)
{
    const char *a = argv[*i];
    if (strncmp(a, "--db=", 5) == 0) {
        *value = a + 5;
        return true;
    }
    if (strcmp(a, "--db") != 0)
        return false;
    if (*i + 1 >= argc) {
        cli_error("--db にはパスが必要です");
        *value = NULL;
        return true;
    }
    *value = argv[++*i];
    return true;
}

/* Open the screen on the configured database. */
static int cli_screen(const cli_opts *o)
{
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    char spool[CLI_PATH_MAX], papers[CLI_PATH_MAX];
    conf_state_dir(spool, sizeof spool);
    conf_paper_dir(papers, sizeof papers);
    int rc = ui_run(d, &who, spool, papers);
    db_staff_free(&who);
    db_close(d);
    return rc == 0 ? CLI_OK : CLI_ERROR;
}

typedef int (*cli_command_fn)(const cli_opts *, int, char **);

static const struct {
    const char *name;
    cli_command_fn fn;
} cli_commands[] = {
    { "init", cli_init },
    { "search", cli_search },
    { "check", cli_check },
    { "staff", cli_staff },
    { "show", cli_show },
    { "list", cli_list },
    { "backup", cli_backup },
    { "meetings", cli_meetings },
    { "agenda", cli_agenda },
    { "setting", cli_setting },
    { "kinds", cli_kinds },
};

/* Use the locking scheme the configuration names for every connection of
 * this process; false (with a message) when it names none of ours. */
static bool cli_locking(void)
{
    char err[CLI_ERRBUF];
    conf_source src;
    char *name = conf_locking(&src, err, sizeof err);
    if (name == NULL) {
        cli_error("%s", err);
        return false;
    }
    db_lock_scheme s;
    bool ok = db_lock_parse(name, &s);
    if (ok)
        db_set_locking(s);
    else
        cli_error("ロック方式「%s」は使えません（posix か dotfile を指定してください）", name);
    free(name);
    return ok;
}

/* The program: parse argv and run a subcommand or the screen.  --db,
 * --help and --version may stand anywhere; the rest belongs to the
 * subcommand. */
int cli_main(int argc, char **argv)
{
    cli_opts o = { NULL };
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0;
    if (rest == NULL)
        return CLI_ERROR;
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(cli_usage, stdout);
            free(rest);
            return CLI_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("tsunagi %s\n", PACKAGE_VERSION);
            free(rest);
            return CLI_OK;
        }
        if (cli_take_db(argc, argv, &i, &value)) {
            if (value == NULL) {
                free(rest);
                return CLI_ERROR;
            }
            o.db_path = value;
            continue;
        }
        rest[nrest++] = argv[i];
    }
    int rc = CLI_ERROR;
    if (!cli_locking()) {
        free(rest);
        return CLI_ERROR;
    }
    if (nrest == 0) {
        rc = cli_screen(&o);
    } else {
        size_t i;
        for (i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++)
            if (strcmp(rest[0], cli_commands[i].name) == 0)
                break;
        if (i < sizeof cli_commands / sizeof cli_commands[0])
            rc = cli_commands[i].fn(&o, nrest, rest);
        else
            cli_error("不明なサブコマンドです: %s（tsunagi --help を参照）", rest[0]);
    }
    free(rest);
    return rc;
}
