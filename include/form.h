/* form.h - forms as data: the fields of the intake form (相談受付票) and
 * the assessment sheet (インテーク・アセスメントシート) are read from text
 * files, so that a municipality changes a file, not C code.
 *
 * Plain C: no curses, no SQL.  The file format is documented in
 * forms/README.md. */
#ifndef TSUNAGI_FORM_H
#define TSUNAGI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum form_type {
    FORM_TEXT,      /* one line */
    FORM_LONGTEXT,  /* several lines, wrapped by display width */
    FORM_DATE,      /* 和暦 or ISO entry, stored as ISO */
    FORM_CHOICE,    /* one of the choices */
    FORM_MULTI,     /* any of the choices; one may be marked the most pressing */
    FORM_YESNO,     /* はい / いいえ */
    FORM_NUMBER,    /* an integer */
    FORM_PHONE,     /* digits, hyphens and spaces */
    FORM_N_TYPES
} form_type;

/* Values filled in by the program rather than typed. */
typedef enum form_fill {
    FORM_FILL_NONE,
    FORM_FILL_NOW,    /* the date and time of the intake */
    FORM_FILL_STAFF   /* the staff member taking it */
} form_fill;

typedef struct form_field {
    char *id;          /* [a-z0-9_]+, unique in the form */
    char *label;       /* Japanese, shown before the entry */
    form_type type;
    int width;         /* cells of the entry (lines for long text) */
    bool required;
    char **choices;    /* for choice and multi */
    size_t n_choices;
    bool primary;      /* multi: one item may be marked the most pressing */
    char *column;      /* the core column it maps to, "" for an extra field */
    form_fill fill;
    char *help;        /* a hint shown while the field is edited, or "" */
    int line;          /* where the field was defined, for messages */
} form_field;

typedef struct form {
    char *id;          /* e.g. "intake" */
    char *title;       /* e.g. "相談受付票" */
    char *path;        /* the file it came from */
    form_field *fields;
    size_t n_fields;
} form;

/* The longest error message form_load writes. */
#define FORM_ERR_MAX 512

/* Read a form file.  Returns 0, or -1 with "FILE:LINE: reason" (in
 * Japanese) in err; *out is then empty. */
int form_load(const char *path, form *out, char *err, size_t errlen);

/* The same from an open stream, named name in messages. */
int form_load_stream(FILE *fp, const char *name, form *out, char *err, size_t errlen);

/* Find and read the form named id ("intake", "assessment"): the first of
 * $TSUNAGI_FORMS, /etc/tsunagi/forms, the installed data directory and the
 * source tree's forms/ that holds ID.form. */
int form_find(const char *id, form *out, char *err, size_t errlen);

void form_free(form *f);

/* The field with this id, or NULL. */
const form_field *form_field_by_id(const form *f, const char *id);
/* The field mapped to a core column ("person.name"), or NULL. */
const form_field *form_field_by_column(const form *f, const char *column);

/* Give a choice or multi-choice field the choices only the program knows
 * (e.g. the agencies of the database).  0, or -1 when id is no such field
 * or memory runs out. */
int form_set_choices(form *f, const char *id, const char *const *choices, size_t n);

/* The Japanese name of a type ("一行", "日付", ...). */
const char *form_type_label(form_type t);

/* ---- values ---------------------------------------------------------- */

/* Multi-choice values are stored as their items joined by this separator;
 * the most pressing item is prefixed with FORM_PRIMARY_MARK. */
#define FORM_MULTI_SEP "\n"
#define FORM_PRIMARY_MARK "*"

/* Check a value typed for a field.  Returns NULL when it is acceptable,
 * else a Japanese message for beside the field.  A date is also
 * normalised to ISO into norm (which may be NULL; at least 11 bytes), and
 * a number to ASCII digits ("－１２" -> "-12"); for anything else, and for
 * an empty value, norm is left "". */
const char *form_check(const form_field *fl, const char *value,
                       char *norm, size_t normlen);

/* ---- values being filled in (form-values.c) --------------------------- */

/* One string per field, parallel to form->fields; never NULL. */
typedef struct form_values {
    const form *f;
    char **v;
} form_values;

/* Empty values for every field of f.  0, or -1 when memory runs out. */
int form_values_init(form_values *fv, const form *f);
void form_values_free(form_values *fv);
/* Replace value i.  0, or -1 when memory runs out (the old value stays). */
int form_values_set(form_values *fv, size_t i, const char *value);
/* Whether nothing has been typed (fields the program fills do not count). */
bool form_values_blank(const form_values *fv);
/* Whether a yesno field's value says yes. */
bool form_value_yes(const char *value);
/* The values as text for a draft: "id<TAB>value" lines, with backslash,
 * tab and newline in values escaped.  NULL when memory runs out. */
char *form_values_dump(const form_values *fv);
/* Read values back from form_values_dump's text.  Lines of fields the form
 * no longer has are skipped, so a changed form file loses nothing else. */
int form_values_load(form_values *fv, const char *text);

#endif
