/* corpus.h - loader for the test corpus, the .tsv files of tests/corpus.
 *
 * Each row is a list of fields with their escapes undone.  Fields may hold
 * invalid UTF-8 on purpose, so each carries its byte length; each is also
 * NUL-terminated for convenience (the corpus holds no NUL bytes). */
#ifndef TSUNAGI_CORPUS_H
#define TSUNAGI_CORPUS_H

#include <stddef.h>

typedef struct corpus_field {
    char *s;      /* unescaped bytes, NUL-terminated */
    size_t len;   /* bytes, without the NUL */
} corpus_field;

typedef struct corpus_row {
    corpus_field *f;
    size_t n;        /* number of fields */
    size_t lineno;   /* 1-based line in the file, for messages */
} corpus_row;

typedef struct corpus_table {
    corpus_row *rows;
    size_t n;
    char *path;      /* the file that was read */
} corpus_table;

/* Directory of the corpus: $TSUNAGI_CORPUS, or "tests/corpus". */
const char *corpus_dir(void);

/* Load `file` (a name such as "width.tsv") from corpus_dir() into t,
 * skipping comments and blank lines.  Returns 0, or -1 if the file cannot
 * be read or memory runs out (t is then empty). */
int corpus_load(const char *file, corpus_table *t);

/* Free what corpus_load allocated and leave t empty. */
void corpus_free(corpus_table *t);

/* Undo the corpus escapes of s[0..len): \xNN, \t, \n.  Returns a malloc'd
 * NUL-terminated string and its length in *out_len, or NULL. */
char *corpus_unescape(const char *s, size_t len, size_t *out_len);

/* Split field f at every occurrence of sep (e.g. " | ") into *parts, a
 * malloc'd array of malloc'd fields.  Returns the number of parts, or 0 if
 * memory runs out.  Free with corpus_parts_free. */
size_t corpus_split(const corpus_field *f, const char *sep,
                    corpus_field **parts);

/* Free the result of corpus_split. */
void corpus_parts_free(corpus_field *parts, size_t n);

#endif
