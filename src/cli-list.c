/* cli-list.c - `tsunagi list`: the latest consultations, by disposition,
 * so that what was handed on (つなぎ, 多機関協働へ ...) is listed until the
 * referral and case screens take it over. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "domain.h"

#define CLI_LIST_DEFAULT_LIMIT 100
#define CLI_LIST_MAX_LIMIT 100000

/* Whether text is one of the dispositions the domain knows. */
static bool cli_list_known(const char *text)
{
    for (size_t i = 0; i < dom_n_dispositions; i++)
        if (strcmp(dom_dispositions[i], text) == 0)
            return true;
    return false;
}

/* Print the rows with a header line; the person's name is looked up. */
static db_status cli_list_print(db *d, const db_consult *cs, size_t n)
{
    puts("id\treceived_at\tperson_id\tname\tchannel\turgency\tdisposition\tnext_contact");
    for (size_t i = 0; i < n; i++) {
        const db_consult *c = &cs[i];
        db_person p;
        bool named = false;
        if (c->person_id > 0) {
            db_status st = db_person_get(d, c->person_id, &p);
            if (st != DB_OK && st != DB_NOTFOUND)
                return st;
            named = st == DB_OK;
        }
        printf("%lld\t", (long long)c->id);
        cli_field(c->received_at, "\t");
        if (c->person_id > 0)
            printf("%lld\t", (long long)c->person_id);
        else
            fputs("\t", stdout);
        cli_field(named ? p.name : (c->person_id > 0 ? "" : "（匿名）"), "\t");
        cli_field(c->channel, "\t");
        cli_field(c->urgency, "\t");
        cli_field(c->disposition, "\t");
        cli_field(c->next_contact, "\n");
        if (named)
            db_person_free(&p);
    }
    return DB_OK;
}

/* `tsunagi list [--disposition D] [--anonymous] [--limit N]`. */
int cli_list(const cli_opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "disposition", required_argument, NULL, 'd' },
        { "anonymous", no_argument, NULL, 'a' },
        { "limit", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    const char *disposition = "";
    bool anonymous = false;
    long limit = CLI_LIST_DEFAULT_LIMIT;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end;
        if (c == 'd')
            disposition = optarg;
        else if (c == 'a')
            anonymous = true;
        else if (c == 'l' && (limit = strtol(optarg, &end, 10)) >= 1 &&
                 limit <= CLI_LIST_MAX_LIMIT && *end == '\0')
            continue;
        else {
            cli_error("使い方: tsunagi list [--disposition 対応] [--anonymous] [--limit 1〜%d]",
                      CLI_LIST_MAX_LIMIT);
            return CLI_ERROR;
        }
    }
    if (optind != argc || (disposition[0] && !cli_list_known(disposition))) {
        cli_error("対応は次のいずれかです: 窓口で対応・終了 つなぎ 多機関協働へ アウトリーチへ 参加支援へ 継続相談");
        return CLI_ERROR;
    }
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_consult *rows = NULL;
    size_t n = 0;
    db_status st = anonymous ? db_consult_anonymous(d, (size_t)limit, &rows, &n)
                             : db_consult_by_disposition(d, disposition, (size_t)limit, &rows, &n);
    if (st == DB_OK)
        st = db_audit_export(d, "list", "consultation", n, anonymous ? "匿名" : disposition);
    if (st == DB_OK)
        st = cli_list_print(d, rows, n);
    if (st != DB_OK)
        cli_error("%s", db_errmsg(d));
    db_consult_list_free(rows, n);
    db_staff_free(&who);
    db_close(d);
    return st != DB_OK ? CLI_ERROR : n > 0 ? CLI_OK : CLI_NOMATCH;
}
