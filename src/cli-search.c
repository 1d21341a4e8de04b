/* cli-search.c - `tsunagi search`: the lookup as tab-separated text. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"

#define CLI_SEARCH_DEFAULT_LIMIT 50
#define CLI_SEARCH_MAX_LIMIT 100000

/* Print the rows with a header line. */
static void cli_search_print(const db_person *rows, size_t n)
{
    puts("id\tname\tkana\tbirth\tphone\taddress");
    for (size_t i = 0; i < n; i++) {
        printf("%lld\t", (long long)rows[i].id);
        cli_field(rows[i].name, "\t");
        cli_field(rows[i].kana, "\t");
        cli_field(rows[i].birth, "\t");
        cli_field(rows[i].phone, "\t");
        cli_field(rows[i].address, "\n");
    }
}

/* `tsunagi search [--limit N] QUERY`: 0 found, 1 none, 2 error. */
int cli_search(const cli_opts *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "limit", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    long limit = CLI_SEARCH_DEFAULT_LIMIT;
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end;
        if (c != 'l')
            return CLI_ERROR;
        limit = strtol(optarg, &end, 10);
        if (*end != '\0' || limit < 1 || limit > CLI_SEARCH_MAX_LIMIT) {
            cli_error("--limit は 1 から %d までの数です", CLI_SEARCH_MAX_LIMIT);
            return CLI_ERROR;
        }
    }
    if (optind + 1 != argc) {
        cli_error("検索語を一つ指定してください（空白を含むときは引用符で囲む）");
        return CLI_ERROR;
    }
    const char *query = argv[optind];
    db_staff who;
    db *d = cli_open(o, true, &who);
    if (d == NULL)
        return CLI_ERROR;
    db_person *rows = NULL;
    size_t n = 0;
    bool more = false;
    db_status st = db_search(d, query, (size_t)limit, &rows, &n, &more);
    if (st == DB_OK)
        st = db_audit_export(d, "search", "person", n, query);
    int rc = CLI_ERROR;
    if (st != DB_OK)
        cli_error("%s", db_errmsg(d));
    else {
        cli_search_print(rows, n);
        rc = n > 0 ? CLI_OK : CLI_NOMATCH;
    }
    db_person_list_free(rows, n);
    db_staff_free(&who);
    db_close(d);
    return rc;
}
