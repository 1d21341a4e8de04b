/* seed.c - a test helper: a real database holding one person for every
 * member of every group of search.tsv (for the command-line search test),
 * or, with "hostile", one person named by each row of hostile.tsv plus one
 * with a name of 10,000 characters (for the screen tests).
 * Prints "group<TAB>id<TAB>member" per person, the member as stored. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "corpus.h"
#include "db.h"
#include "domain.h"

#define SEED_LOGIN_MAX 256
#define SEED_LONG_NAME_CHARS 10000
#define SEED_HOSTILE_KANA "キケン　データ"

struct seed_ctx {
    const corpus_table *t;
    bool hostile;
    char login[SEED_LOGIN_MAX];
};

/* Put a member into the field its kind is about. */
static void seed_fill(db_person *p, const char *kind, const char *member)
{
    static char name[] = "試験　利用者";
    p->name = name;
    if (strcmp(kind, "kana") == 0 || strcmp(kind, "small-kana") == 0)
        p->kana = (char *)member;
    else if (strncmp(kind, "phone", 5) == 0)
        p->phone = (char *)member;
    else
        p->name = (char *)member;
}

/* Insert one person per hostile row, and the very long name. */
static db_status seed_hostile(db *d, const corpus_table *t)
{
    db_status st = DB_OK;
    int64_t id;
    for (size_t i = 0; st == DB_OK && i < t->n; i++) {
        db_person p = { 0 };
        p.name = t->rows[i].f[0].s;
        p.kana = (char *)SEED_HOSTILE_KANA;
        p.address = t->rows[i].f[0].s;
        st = db_person_insert(d, &p, &id);
        if (st == DB_OK)
            printf("%zu\t%lld\thostile\n", i, (long long)id);
    }
    char *name = malloc(SEED_LONG_NAME_CHARS * 3 + 1);
    if (name == NULL)
        return DB_NOMEM;
    for (size_t i = 0; i < SEED_LONG_NAME_CHARS; i++)
        memcpy(name + i * 3, "長", 3);
    name[SEED_LONG_NAME_CHARS * 3] = '\0';
    db_person p = { 0 };
    p.name = name;
    p.kana = (char *)SEED_HOSTILE_KANA;
    p.phone = (char *)"0569-00-0000";
    st = st == DB_OK ? db_person_insert(d, &p, &id) : st;
    free(name);
    return st;
}

/* Insert the administrator and every member of every group. */
static db_status seed_tx(db *d, void *arg)
{
    struct seed_ctx *c = arg;
    db_staff s = { 0 };
    int64_t id;
    s.login = c->login;
    s.name = c->login;
    s.role = (char *)dom_role_code(DOM_ROLE_ADMIN);
    s.active = true;
    db_status st = db_staff_insert(d, &s, &id);
    if (c->hostile)
        return st == DB_OK ? seed_hostile(d, c->t) : st;
    for (size_t g = 0; st == DB_OK && g < c->t->n; g++) {
        corpus_field *parts = NULL;
        size_t n = corpus_split(&c->t->rows[g].f[1], " | ", &parts);
        for (size_t i = 0; st == DB_OK && i < n; i++) {
            db_person p = { 0 };
            seed_fill(&p, c->t->rows[g].f[0].s, parts[i].s);
            st = db_person_insert(d, &p, &id);
            if (st == DB_OK)
                printf("%zu\t%lld\t%s\n", g, (long long)id, parts[i].s);
        }
        corpus_parts_free(parts, n);
    }
    return st;
}

/* seed DBPATH [hostile] */
int main(int argc, char **argv)
{
    struct seed_ctx c;
    corpus_table t;
    c.hostile = argc == 3 && strcmp(argv[2], "hostile") == 0;
    if (argc < 2 || argc > 3 ||
        corpus_load(c.hostile ? "hostile.tsv" : "search.tsv", &t) != 0 ||
        conf_login(c.login, sizeof c.login) != 0) {
        fprintf(stderr, "usage: seed DBPATH [hostile] (with TSUNAGI_CORPUS set)\n");
        return 2;
    }
    c.t = &t;
    db *d = NULL;
    db_status st = db_open(argv[1], DB_OPEN_CREATE, &d);
    if (st == DB_OK)
        st = db_write(d, seed_tx, &c);
    if (st != DB_OK)
        fprintf(stderr, "seed: %s\n", d ? db_errmsg(d) : db_status_text(st));
    db_close(d);
    corpus_free(&t);
    return st == DB_OK ? 0 : 1;
}
