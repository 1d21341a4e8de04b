/* fuzz-form.c - libFuzzer target: any bytes as a form file.  The parser
 * must refuse or accept without crashing, and an accepted form must hold
 * what form_check and the look-ups rely on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

/* Parse one input; abort when an accepted form breaks an invariant. */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    FILE *fp = fmemopen((void *)data, size, "r");
    if (fp == NULL)
        return 0;
    form f;
    char err[FORM_ERR_MAX];
    if (form_load_stream(fp, "fuzz.form", &f, err, sizeof err) == 0) {
        if (f.n_fields == 0)
            abort();
        for (size_t i = 0; i < f.n_fields; i++) {
            const form_field *fl = &f.fields[i];
            if (form_field_by_id(&f, fl->id) != fl)
                abort();
            char norm[32];
            form_check(fl, "", norm, sizeof norm);
            if (fl->n_choices > 0)
                form_check(fl, fl->choices[0], norm, sizeof norm);
        }
        form_free(&f);
    } else if (err[0] == '\0') {
        abort();   /* a refusal always says why */
    }
    fclose(fp);
    return 0;
}
