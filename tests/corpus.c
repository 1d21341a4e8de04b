/* corpus.c - loader for the test corpus; see corpus.h. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

#define CORPUS_DEFAULT_DIR "tests/corpus"
#define CORPUS_ENV "TSUNAGI_CORPUS"
#define CORPUS_COMMENT '#'
#define CORPUS_HEX_DIGITS 2
#define CORPUS_HEX_BASE 16

/* Where the corpus lives. */
const char *corpus_dir(void)
{
    const char *d = getenv(CORPUS_ENV);
    return d && *d ? d : CORPUS_DEFAULT_DIR;
}

/* Value of hex digit c, or -1. */
static int corpus_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Undo the escapes; anything that is not a known escape stays as it is. */
char *corpus_unescape(const char *s, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    size_t o = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[i + 1];
            if (c == 't' || c == 'n') {
                out[o++] = c == 't' ? '\t' : '\n';
                i++;
                continue;
            }
            if (c == 'x' && i + 1 + CORPUS_HEX_DIGITS < len) {
                int hi = corpus_hexval(s[i + 2]), lo = corpus_hexval(s[i + 3]);
                if (hi >= 0 && lo >= 0) {
                    out[o++] = (char)(hi * CORPUS_HEX_BASE + lo);
                    i += 1 + CORPUS_HEX_DIGITS;
                    continue;
                }
            }
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* Free the fields of one row. */
static void corpus_row_free(corpus_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i].s);
    free(r->f);
    r->f = NULL;
    r->n = 0;
}

/* Split one line (without its newline) into the fields of r. */
static int corpus_parse_line(const char *line, size_t len, corpus_row *r)
{
    size_t nf = 1, start = 0, k = 0;

    for (size_t i = 0; i < len; i++)
        if (line[i] == '\t')
            nf++;
    r->f = calloc(nf, sizeof *r->f);
    r->n = 0;
    if (!r->f)
        return -1;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t')
            continue;
        r->f[k].s = corpus_unescape(line + start, i - start, &r->f[k].len);
        if (!r->f[k].s) {
            corpus_row_free(r);
            return -1;
        }
        r->n = ++k;
        start = i + 1;
    }
    return 0;
}

/* Read the whole file at path; NULL on error. */
static char *corpus_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (!fp)
        return NULL;
    for (;;) {
        if (cap - n < BUFSIZ) {
            char *nb = realloc(buf, cap + BUFSIZ + 1);
            if (!nb) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = nb;
            cap += BUFSIZ;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        fclose(fp);
        return NULL;
    }
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Load one corpus file; see corpus.h. */
int corpus_load(const char *file, corpus_table *t)
{
    const char *dir = corpus_dir();
    size_t plen = strlen(dir) + 1 + strlen(file) + 1, len, pos = 0, lineno = 0;
    char *buf;

    t->rows = NULL;
    t->n = 0;
    t->path = malloc(plen);
    if (!t->path)
        return -1;
    snprintf(t->path, plen, "%s/%s", dir, file);
    buf = corpus_slurp(t->path, &len);
    if (!buf) {
        corpus_free(t);
        return -1;
    }
    while (pos < len) {
        const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
        size_t llen = nl ? (size_t)(nl - line) : len - pos;

        pos += llen + (nl ? 1 : 0);
        lineno++;
        if (llen > 0 && line[llen - 1] == '\r')
            llen--;
        if (llen == 0 || line[0] == CORPUS_COMMENT)
            continue;
        corpus_row *rows = realloc(t->rows, (t->n + 1) * sizeof *rows);
        if (!rows)
            goto fail;
        t->rows = rows;
        if (corpus_parse_line(line, llen, &t->rows[t->n]) < 0)
            goto fail;
        t->rows[t->n].lineno = lineno;
        t->n++;
    }
    free(buf);
    return 0;
fail:
    free(buf);
    corpus_free(t);
    return -1;
}

/* Free a loaded table. */
void corpus_free(corpus_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        corpus_row_free(&t->rows[i]);
    free(t->rows);
    free(t->path);
    t->rows = NULL;
    t->n = 0;
    t->path = NULL;
}

/* Split a field at each separator; see corpus.h. */
size_t corpus_split(const corpus_field *f, const char *sep,
                    corpus_field **parts)
{
    size_t seplen = strlen(sep), n = 0, start = 0, i = 0;
    corpus_field *v = NULL;

    *parts = NULL;
    for (;;) {
        bool at_sep = seplen > 0 && i + seplen <= f->len
                      && memcmp(f->s + i, sep, seplen) == 0;
        if (i < f->len && !at_sep) {
            i++;
            continue;
        }
        corpus_field *nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv)
            goto fail;
        v = nv;
        v[n].len = i - start;
        v[n].s = malloc(v[n].len + 1);
        if (!v[n].s)
            goto fail;
        memcpy(v[n].s, f->s + start, v[n].len);
        v[n].s[v[n].len] = '\0';
        n++;
        if (i >= f->len)
            break;
        i += seplen;
        start = i;
    }
    *parts = v;
    return n;
fail:
    corpus_parts_free(v, n);
    return 0;
}

/* Free split parts. */
void corpus_parts_free(corpus_field *parts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(parts[i].s);
    free(parts);
}
