/* db-fts.c - the FTS5 tokenizer behind quick lookup.
 *
 * Why a tokenizer of our own: names have no word boundaries, a counter
 * types one or two kanji (林, 山田) and expects hits, and every kana form,
 * width and name variant must meet one token.  FTS5's trigram tokenizer
 * cannot match queries shorter than three characters.  So the text is first
 * turned into its search key (text layer), and then every character is
 * indexed as a unigram with the bigram that starts there at the same
 * position.  A query of one character looks up the unigram; a longer query
 * is the phrase of its bigrams, which matches exactly the documents that
 * contain the key as a substring. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-int.h"
#include "text.h"

#define DB_FTS_TOKENIZER "tsunagi"

/* The tokenizer keeps no state, so every table shares this one object. */
static int db_fts_dummy;

/* Create an instance of the tokenizer (it has no options). */
static int db_fts_create(void *ctx, const char **argv, int argc,
                         Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    if (argc != 0)
        return SQLITE_ERROR;
    *out = (Fts5Tokenizer *)&db_fts_dummy;
    return SQLITE_OK;
}

/* Nothing to free: the instance is static. */
static void db_fts_delete(Fts5Tokenizer *tok)
{
    (void)tok;
}

/* Byte offsets of each character of key, plus one past the end. */
static size_t *db_fts_offsets(const char *key, size_t len, size_t *n)
{
    size_t *off = malloc((len + 1) * sizeof *off);
    if (off == NULL)
        return NULL;
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        off[count++] = i;
        i += txt_utf8_next(key + i, len - i, &cp);
    }
    off[count] = len;
    *n = count;
    return off;
}

typedef int (*db_fts_emit)(void *, int, const char *, int, int, int);

/* Emit the tokens of a document: a unigram at each character, with the
 * bigram starting there colocated. */
static int db_fts_document(void *ctx, db_fts_emit emit, const char *key,
                           const size_t *off, size_t n, int text_len)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        rc = emit(ctx, 0, key + off[i], (int)(off[i + 1] - off[i]), 0, text_len);
        if (rc == SQLITE_OK && i + 1 < n)
            rc = emit(ctx, FTS5_TOKEN_COLOCATED, key + off[i],
                      (int)(off[i + 2] - off[i]), 0, text_len);
    }
    return rc;
}

/* Emit the tokens of a query: its unigram when it is one character,
 * else the phrase of its bigrams. */
static int db_fts_query(void *ctx, db_fts_emit emit, const char *key,
                        const size_t *off, size_t n, int text_len)
{
    if (n == 1)
        return emit(ctx, 0, key, (int)off[1], 0, text_len);
    int rc = SQLITE_OK;
    for (size_t i = 0; i + 1 < n && rc == SQLITE_OK; i++)
        rc = emit(ctx, 0, key + off[i], (int)(off[i + 2] - off[i]), 0, text_len);
    return rc;
}

/* Split text into search-key unigrams and bigrams for FTS5. */
static int db_fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
                           const char *text, int text_len, db_fts_emit emit)
{
    (void)tok;
    if (text_len <= 0)
        return SQLITE_OK;
    char *key = txt_search_key(text, (size_t)text_len);
    if (key == NULL)
        return SQLITE_NOMEM;
    size_t n = 0;
    size_t *off = db_fts_offsets(key, strlen(key), &n);
    int rc = SQLITE_NOMEM;
    if (off != NULL) {
        if (n == 0)
            rc = SQLITE_OK;
        else if ((flags & FTS5_TOKENIZE_QUERY) != 0)
            rc = db_fts_query(ctx, emit, key, off, n, text_len);
        else
            rc = db_fts_document(ctx, emit, key, off, n, text_len);
    }
    free(off);
    free(key);
    return rc;
}

/* The connection's FTS5 API, through the documented fts5(?1) pointer. */
static fts5_api *db_fts_api(sqlite3 *h)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

/* Register the search-key tokenizer on a connection. */
db_status db_fts_register(db *d)
{
    static fts5_tokenizer tokenizer = {
        db_fts_create, db_fts_delete, db_fts_tokenize
    };
    fts5_api *api = db_fts_api(d->h);
    if (api == NULL)
        return db_failf(d, DB_ERROR, "SQLite に FTS5 がありません");
    int rc = api->xCreateTokenizer(api, DB_FTS_TOKENIZER, NULL, &tokenizer, NULL);
    return rc == SQLITE_OK ? DB_OK : db_fail(d, rc, "FTS5 tokenizer");
}
