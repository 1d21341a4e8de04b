/* db-search.c - quick lookup, run on every keystroke.
 *
 * Every step is an index look-up bounded by the row limit, never a scan:
 * names and readings that start with the query (B-tree ranges on the
 * stored search keys, walked in index order so that the limit ends them),
 * then anything that contains it (the FTS5 index of db-fts.c), then the
 * person number ("#123" asks for it alone).  All of it runs in one read
 * transaction, because on a network share each lock costs a round trip. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

/* Person numbers are shown as plain digits and asked for as "#123". */
#define DB_SEARCH_ID_DIGITS 9
#define DB_SEARCH_NUMBER_MARK '#'
/* From this many digits on, a query is looked up as a phone number's
 * start or end only. */
#define DB_SEARCH_PHONE_DIGITS 6

typedef struct db_idset {
    int64_t *ids;
    size_t n, cap;   /* cap is the limit plus one, to tell "more" */
} db_idset;

/* Add id unless it is there already; false when the set is full. */
static bool db_idset_add(db_idset *s, int64_t id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->ids[i] == id)
            return s->n < s->cap;
    if (s->n < s->cap)
        s->ids[s->n++] = id;
    return s->n < s->cap;
}

/* Run st (already bound, with ?LIMIT as its last parameter) and add the ids
 * of column 0 to the set. */
static db_status db_idset_collect(db *d, db_idset *s, sqlite3_stmt *st, int limit_param)
{
    /* Earlier steps may find the same persons again: asking for cap rows
     * still leaves enough new ones to fill the set. */
    sqlite3_bind_int64(st, limit_param, (int64_t)s->cap);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!db_idset_add(s, sqlite3_column_int64(st, 0)))
            break;
    db_status r = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? DB_OK : db_fail(d, rc, "search");
    sqlite3_reset(st);
    return r;
}

/* The least string greater than every string that starts with key. */
static char *db_prefix_end(const char *key)
{
    size_t n = strlen(key);
    char *end = strdup(key);
    if (end != NULL && n > 0)
        end[n - 1] = (char)((unsigned char)end[n - 1] + 1);
    return end;
}

/* Add the persons whose stored key column starts with key. */
static db_status db_search_prefix(db *d, db_idset *s, const char *sql, const char *key)
{
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    char *end = db_prefix_end(key);
    if (end == NULL)
        return db_nomem(d);
    db_bind_text(st, 1, key);
    sqlite3_bind_text(st, 2, end, -1, free);
    return db_idset_collect(d, s, st, 3);
}

/* Add the person whose number the query is, if it is one. */
static db_status db_search_number(db *d, db_idset *s, const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > DB_SEARCH_ID_DIGITS || strspn(key, "0123456789") != n)
        return DB_OK;
    static const char sql[] = "SELECT id FROM person WHERE id = ?1 LIMIT ?2";
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    sqlite3_bind_int64(st, 1, strtoll(key, NULL, 10));
    return db_idset_collect(d, s, st, 2);
}

/* Quote text as one FTS5 string ("..." with inner quotes doubled). */
static void db_fts_quote(txt_buf *q, const char *text, size_t len)
{
    txt_buf_adds(q, "\"");
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"')
            txt_buf_adds(q, "\"");
        txt_buf_add(q, text + i, 1);
    }
    txt_buf_adds(q, "\" ");
}

/* Add the persons whose fields contain every phrase of the FTS query. */
static db_status db_search_fts(db *d, db_idset *s, const char *match)
{
    static const char sql[] =
        "SELECT rowid FROM person_fts WHERE person_fts MATCH ?1 LIMIT ?2";
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    if (r != DB_OK)
        return r;
    db_bind_text(st, 1, match);
    return db_idset_collect(d, s, st, 2);
}

/* The query with ideographic spaces (U+3000, what a Japanese input
 * method types) made ASCII, so that words split on either. */
static char *db_query_words(const char *query)
{
    static const char ideographic_space[] = "\xe3\x80\x80";
    txt_buf b;
    txt_buf_init(&b);
    for (const char *p = query; *p;) {
        if (strncmp(p, ideographic_space, sizeof ideographic_space - 1) == 0) {
            txt_buf_adds(&b, " ");
            p += sizeof ideographic_space - 1;
        } else {
            txt_buf_add(&b, p++, 1);
        }
    }
    return txt_buf_take(&b);
}

/* An FTS query that wants every white-space separated word of words, or
 * NULL when there are fewer than two words. */
static char *db_words_match(const char *words, bool *nomem)
{
    txt_buf q;
    txt_buf_init(&q);
    int count = 0;
    for (const char *p = words; *p;) {
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t");
        if (n > 0) {
            db_fts_quote(&q, p, n);
            count++;
        }
        p += n;
    }
    char *match = txt_buf_take(&q);
    *nomem = match == NULL;
    if (count < 2) {
        free(match);
        return NULL;
    }
    return match;
}

/* When the whole query found nothing, try its words each on its own
 * ("山田 緑町": a name and a place). */
static db_status db_search_words(db *d, db_idset *s, const char *query)
{
    char *words = db_query_words(query);
    bool nomem = words == NULL;
    char *match = words ? db_words_match(words, &nomem) : NULL;
    db_status r = nomem ? db_nomem(d) : DB_OK;
    if (match)
        r = db_search_fts(d, s, match);
    free(match);
    free(words);
    return r;
}

/* Collect the ids matching query, best first. */
static db_status db_search_ids(db *d, const char *query, const char *key, db_idset *s)
{
    static const char kana_sql[] =
        "SELECT id FROM person WHERE kana_key >= ?1 AND kana_key < ?2"
        " ORDER BY kana_key, id LIMIT ?3";
    /* In index order, so that the LIMIT stops the walk: ordering by the
     * reading here would sort every name starting with 山 first. */
    static const char name_sql[] =
        "SELECT id FROM person WHERE name_key >= ?1 AND name_key < ?2"
        " ORDER BY name_key, id LIMIT ?3";
    static const char phone_sql[] =
        "SELECT id FROM person WHERE phone_key >= ?1 AND phone_key < ?2"
        " ORDER BY phone_key, id LIMIT ?3";
    static const char phone_end_sql[] =
        "SELECT id FROM person WHERE phone_rev >= ?1 AND phone_rev < ?2"
        " ORDER BY phone_rev, id LIMIT ?3";
    /* "#123" asks for a person number and nothing else. */
    if (key[0] == DB_SEARCH_NUMBER_MARK)
        return db_search_number(d, s, key + 1);
    db_status r = db_search_prefix(d, s, kana_sql, key);
    if (r == DB_OK && s->n < s->cap)
        r = db_search_prefix(d, s, name_sql, key);
    if (r == DB_OK && s->n < s->cap)
        r = db_search_prefix(d, s, phone_sql, key);
    size_t len = strlen(key);
    bool digits = strspn(key, "0123456789") == len;
    if (r == DB_OK && s->n < s->cap && digits) {
        char *rev = db_reverse(key);
        r = rev ? db_search_prefix(d, s, phone_end_sql, rev) : db_nomem(d);
        free(rev);
    }
    /* A long run of digits is a phone number, found whole above; in the
     * FTS index every digit pair is in nearly every record. */
    if (r == DB_OK && s->n < s->cap && !(digits && len >= DB_SEARCH_PHONE_DIGITS)) {
        txt_buf q;
        txt_buf_init(&q);
        db_fts_quote(&q, key, strlen(key));
        char *match = txt_buf_take(&q);
        r = match ? db_search_fts(d, s, match) : db_nomem(d);
        free(match);
    }
    if (r == DB_OK && s->n == 0)
        r = db_search_words(d, s, query);
    /* Bare digits are mostly phone numbers: a person number comes last. */
    if (r == DB_OK && s->n < s->cap)
        r = db_search_number(d, s, key);
    return r;
}

/* Read the rows of the collected ids, in their order. */
static db_status db_search_rows(db *d, const db_idset *s, size_t limit,
                                db_person *rows, size_t *n)
{
    static const char sql[] = "SELECT " DB_PERSON_COLS " WHERE id = ?1";
    sqlite3_stmt *st;
    db_status r = db_prep(d, sql, &st);
    for (size_t i = 0; r == DB_OK && i < s->n && i < limit; i++) {
        sqlite3_bind_int64(st, 1, s->ids[i]);
        r = db_read_one(d, st, db_person_read, &rows[*n]);
        if (r == DB_OK)
            (*n)++;
        else if (r == DB_NOTFOUND)
            r = DB_OK;  /* deleted between the index and the row: skip */
    }
    return r;
}

/* Incremental lookup: up to limit persons matching query, best first. */
db_status db_search(db *d, const char *query, size_t limit,
                    db_person **out, size_t *n, bool *more)
{
    *out = NULL;
    *n = 0;
    *more = false;
    char *key = txt_search_key(query, strlen(query));
    if (key == NULL)
        return db_nomem(d);
    if (key[0] == '\0' || limit == 0) {
        free(key);
        return DB_OK;
    }
    db_idset s = { calloc(limit + 1, sizeof(int64_t)), 0, limit + 1 };
    db_person *rows = calloc(limit, sizeof *rows);
    db_status r = (s.ids && rows) ? db_read_begin(d) : db_nomem(d);
    if (r == DB_OK) {
        r = db_search_ids(d, query, key, &s);
        if (r == DB_OK)
            r = db_search_rows(d, &s, limit, rows, n);
        db_read_end(d);
    }
    free(key);
    free(s.ids);
    if (r != DB_OK) {
        db_person_list_free(rows, *n);
        *n = 0;
        return r;
    }
    *more = s.n > limit;
    *out = rows;
    return DB_OK;
}
