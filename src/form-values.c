/* form-values.c - the values of a form being filled in, and their text
 * form for drafts, so that nothing typed is lost when a session ends. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"

/* Empty values for every field of f. */
int form_values_init(form_values *fv, const form *f)
{
    fv->f = f;
    fv->v = calloc(f->n_fields ? f->n_fields : 1, sizeof *fv->v);
    if (fv->v == NULL)
        return -1;
    for (size_t i = 0; i < f->n_fields; i++) {
        fv->v[i] = strdup("");
        if (fv->v[i] == NULL) {
            form_values_free(fv);
            return -1;
        }
    }
    return 0;
}

/* Free every value. */
void form_values_free(form_values *fv)
{
    if (fv->v)
        for (size_t i = 0; i < fv->f->n_fields; i++)
            free(fv->v[i]);
    free(fv->v);
    fv->v = NULL;
}

/* Replace value i. */
int form_values_set(form_values *fv, size_t i, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (copy == NULL)
        return -1;
    free(fv->v[i]);
    fv->v[i] = copy;
    return 0;
}

/* Whether nothing has been typed (filled-in fields do not count). */
bool form_values_blank(const form_values *fv)
{
    for (size_t i = 0; i < fv->f->n_fields; i++)
        if (fv->f->fields[i].fill == FORM_FILL_NONE && fv->v[i][0] != '\0')
            return false;
    return true;
}

/* Append value with backslash, tab and newline escaped. */
static void form_values_escape(txt_buf *b, const char *value)
{
    for (const char *p = value; *p; p++) {
        if (*p == '\\')
            txt_buf_adds(b, "\\\\");
        else if (*p == '\t')
            txt_buf_adds(b, "\\t");
        else if (*p == '\n')
            txt_buf_adds(b, "\\n");
        else
            txt_buf_add(b, p, 1);
    }
}

/* The values as "id<TAB>value" lines. */
char *form_values_dump(const form_values *fv)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < fv->f->n_fields; i++) {
        if (fv->v[i][0] == '\0')
            continue;
        txt_buf_adds(&b, fv->f->fields[i].id);
        txt_buf_adds(&b, "\t");
        form_values_escape(&b, fv->v[i]);
        txt_buf_adds(&b, "\n");
    }
    return txt_buf_take(&b);
}

/* Undo form_values_escape on s[0..len). */
static char *form_values_unescape(const char *s, size_t len)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 == len) {
            txt_buf_add(&b, s + i, 1);
            continue;
        }
        char c = s[++i];
        txt_buf_adds(&b, c == 't' ? "\t" : c == 'n' ? "\n" : c == '\\' ? "\\" : "?");
    }
    return txt_buf_take(&b);
}

/* Read values back from form_values_dump's text. */
int form_values_load(form_values *fv, const char *text)
{
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        const char *tab = memchr(line, '\t', len);
        if (tab != NULL) {
            size_t idlen = (size_t)(tab - line);
            for (size_t i = 0; i < fv->f->n_fields; i++) {
                const char *id = fv->f->fields[i].id;
                if (strlen(id) != idlen || strncmp(id, line, idlen) != 0)
                    continue;
                char *v = form_values_unescape(tab + 1, len - idlen - 1);
                if (v == NULL)
                    return -1;
                free(fv->v[i]);
                fv->v[i] = v;
            }
        }
        line += len;
        if (*line == '\n')
            line++;
    }
    return 0;
}
