/* cli-meeting.c - the meetings on the command line: `tsunagi meetings`
 * lists them as tab-separated rows, `tsunagi agenda` prints a meeting's
 * paper (its agenda, and after it the record of decisions) for A4 in
 * UTF-8 or CP932 for Windows, and `tsunagi setting` shows and sets what
 * the administrator chooses for them (the agenda's cap, how a 支援会議's
 * papers name persons). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "domain.h"
#include "text.h"

#define CLI_MEETING_DATE_MAX 16
#define CLI_MEETING_ID_MAX INT64_MAX
/* Unmappable characters named one by one before the rest are counted. */
#define CLI_MEETING_ISSUES_SHOWN 5

/* A date option in ISO or 和暦, as ISO into buf; false when it is not one. */
static bool cli_meeting_date(const char *arg, char *buf, size_t n)
{
    txt_date d;
    if (txt_date_parse(arg, strlen(arg), &d) != 0)
        return false;
    txt_date_iso(d, buf, n);
    return true;
}

/* Print the meetings with a header line. */
static void cli_meetings_print(const db_meeting *ms, size_t n)
{
    puts("id\ttype\tdate\tstate\titems");
    for (size_t i = 0; i < n; i++) {
        printf("%lld\t", (long long)ms[i].id);
        cli_field(ms[i].kind_name, "\t");
        cli_field(ms[i].held_on, "\t");
        cli_field(ms[i].state, "\t");
        printf("%lld\n", (long long)ms[i].n_items);
    }
}

/* `tsunagi meetings [--from DATE] [--to DATE]`: 0 listed, 1 none, 2 error. */
int cli_meetings(const cli_opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "from", required_argument, NULL, 'f' },
        { "to", required_argument, NULL, 't' },
        { NULL, 0, NULL, 0 },
    };
    char from[CLI_MEETING_DATE_MAX] = "", to[CLI_MEETING_DATE_MAX] = "";
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if ((c == 'f' && cli_meeting_date(optarg, from, sizeof from)) ||
            (c == 't' && cli_meeting_date(optarg, to, sizeof to)))
            continue;
        cli_error("使い方: tsunagi meetings [--from 日付] [--to 日付]（日付は 2026-04-01 か 令和8年4月1日）");
        return CLI_ERROR;
    }
    if (optind != argc) {
        cli_error("使い方: tsunagi meetings [--from 日付] [--to 日付]");
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_meeting *ms = NULL;
    size_t n = 0;
    db_status st = db_meeting_list(d, from, to, &ms, &n);
    if (st == DB_OK)
        st = db_audit_export(d, "list", "meeting", n, from[0] || to[0] ? "期間指定" : "すべて");
    if (st == DB_OK)
        cli_meetings_print(ms, n);
    else
        cli_error("%s", db_errmsg(d));
    db_meeting_list_free(ms, n);
    db_staff_free(&who);
    db_close(d);
    return st != DB_OK ? CLI_ERROR : n > 0 ? CLI_OK : CLI_NOMATCH;
}

/* Write the paper in CP932, telling on stderr which characters it cannot
 * hold (they are printed as '?'). */
static int cli_agenda_cp932(const char *text)
{
    txt_conv_result res;
    if (txt_from_utf8(TXT_ENC_CP932, text, strlen(text), &res) != 0) {
        cli_error("CP932 に変換できません（iconv）");
        return CLI_ERROR;
    }
    fwrite(res.out, 1, res.out_len, stdout);
    for (size_t i = 0; i < res.n_issues && i < CLI_MEETING_ISSUES_SHOWN; i++) {
        char ch[8] = "";
        txt_utf8_encode(res.issues[i].cp, ch);
        cli_error("CP932 で表せない文字を ? にしました: %s（%zu 文字目）", ch,
                  res.issues[i].charno);
    }
    if (res.n_issues > CLI_MEETING_ISSUES_SHOWN)
        cli_error("ほかに %zu 文字を ? にしました", res.n_issues - CLI_MEETING_ISSUES_SHOWN);
    txt_conv_result_free(&res);
    return CLI_OK;
}

/* `tsunagi agenda MEETING_ID [--encoding utf-8|cp932]`: 0 printed, 1 no
 * such meeting, 2 error. */
int cli_agenda(const cli_opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "encoding", required_argument, NULL, 'e' },
        { NULL, 0, NULL, 0 },
    };
    bool cp932 = false;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'e' && (strcmp(optarg, "utf-8") == 0 || strcmp(optarg, "cp932") == 0)) {
            cp932 = strcmp(optarg, "cp932") == 0;
            continue;
        }
        cli_error("使い方: tsunagi agenda 会議番号 [--encoding utf-8|cp932]");
        return CLI_ERROR;
    }
    char *end = NULL;
    long long id = optind + 1 == argc ? strtoll(argv[optind], &end, 10) : 0;
    if (optind + 1 != argc || end == argv[optind] || *end != '\0' || id <= 0) {
        cli_error("会議番号を数字で一つ指定してください（tsunagi meetings で一覧）");
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    char *text = NULL;
    size_t omitted = 0;
    db_status st = dom_paper_agenda(d, (int64_t)id, &text, &omitted);
    int rc = st == DB_OK ? CLI_OK : st == DB_NOTFOUND ? CLI_NOMATCH : CLI_ERROR;
    if (st == DB_NOTFOUND)
        cli_error("会議 %lld はありません", id);
    else if (st != DB_OK)
        cli_error("%s", db_errmsg(d));
    else if (cp932)
        rc = cli_agenda_cp932(text);
    else
        fputs(text, stdout);
    free(text);
    db_staff_free(&who);
    db_close(d);
    return rc;
}

/* The transaction that sets one setting. */
struct cli_setting_set {
    const char *key, *value;
};

/* db_write body: set the setting. */
static db_status cli_setting_tx(db *d, void *arg)
{
    const struct cli_setting_set *s = arg;
    return db_setting_set(d, s->key, s->value);
}

/* Print every setting with its value and help. */
static db_status cli_setting_list(db *d)
{
    const char *help;
    for (size_t i = 0; dom_setting_key(i, &help) != NULL; i++) {
        const char *key = dom_setting_key(i, &help);
        char *value = NULL;
        db_status st = db_setting_get(d, key, &value);
        if (st != DB_OK && st != DB_NOTFOUND)
            return st;
        printf("%s\t", key);
        cli_field(st == DB_OK ? value : "（既定）", "\t");
        cli_field(help, "\n");
        free(value);
    }
    return DB_OK;
}

/* `tsunagi setting [KEY VALUE]`: list the settings, or set one
 * (administrators only). */
int cli_setting(const cli_opts *o, int argc, char **argv)
{
    if (argc != 1 && argc != 3) {
        cli_error("使い方: tsunagi setting [名前 値]");
        return CLI_ERROR;
    }
    const char *why = argc == 3 ? dom_setting_invalid(argv[1], argv[2]) : NULL;
    if (why) {
        cli_error("%s", why);
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_status st = DB_OK;
    if (argc == 3 && !dom_staff_is_admin(&who)) {
        cli_error("設定を変えられるのは管理者だけです");
        st = DB_INVALID;
    } else if (argc == 3) {
        struct cli_setting_set s = { argv[1], argv[2] };
        st = db_write(d, cli_setting_tx, &s);
        if (st == DB_OK)
            cli_say("%s を %s にしました", argv[1], argv[2]);
    } else {
        st = cli_setting_list(d);
    }
    if (st != DB_OK && st != DB_INVALID)
        cli_error("%s", db_errmsg(d));
    db_staff_free(&who);
    db_close(d);
    return st == DB_OK ? CLI_OK : CLI_ERROR;
}

/* db_write body: add the kind given. */
static db_status cli_kind_tx(db *d, void *arg)
{
    return db_meeting_kind_add(d, arg);
}

/* Print the kinds of meeting. */
static db_status cli_kinds_list(db *d)
{
    db_meeting_kind *ks = NULL;
    size_t n = 0;
    db_status st = db_meeting_kinds(d, true, &ks, &n);
    if (st != DB_OK)
        return st;
    puts("id\tname\tconfidential\tactive");
    for (size_t i = 0; i < n; i++) {
        printf("%lld\t", (long long)ks[i].id);
        cli_field(ks[i].name, "\t");
        printf("%d\t%d\n", ks[i].confidential, ks[i].active);
    }
    db_meeting_kind_list_free(ks, n);
    return DB_OK;
}

/* `tsunagi kinds [add NAME --confidential|--consent]`: list the kinds of
 * meeting, or (administrators) add one, saying whether it is under
 * 守秘義務 (cases without consent may come) or takes consented cases only. */
int cli_kinds(const cli_opts *o, int argc, char **argv)
{
    bool add = argc == 4 && strcmp(argv[1], "add") == 0 &&
               (strcmp(argv[3], "--confidential") == 0 || strcmp(argv[3], "--consent") == 0);
    if (argc != 1 && !add) {
        cli_error("使い方: tsunagi kinds [add 名前 --confidential|--consent]"
                  "（--confidential は守秘義務の会議、--consent は同意のあるケースだけの会議）");
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_status st = DB_OK;
    if (add && !dom_staff_is_admin(&who)) {
        cli_error("会議の種類を足せるのは管理者だけです");
        st = DB_INVALID;
    } else if (add) {
        db_meeting_kind k = { 0, argv[2], strcmp(argv[3], "--confidential") == 0, true };
        st = db_write(d, cli_kind_tx, &k);
        if (st == DB_OK)
            cli_say("会議の種類「%s」を足しました（%s）", argv[2],
                    k.confidential ? "守秘義務の会議" : "同意のあるケースだけ");
    } else {
        st = cli_kinds_list(d);
    }
    if (st != DB_OK && st != DB_INVALID)
        cli_error("%s", db_errmsg(d));
    db_staff_free(&who);
    db_close(d);
    return st == DB_OK ? CLI_OK : CLI_ERROR;
}
