/* fuzz-visible.c - libFuzzer target: any bytes through the display path's
 * cleaning.  What reaches the terminal must be valid UTF-8 with no control
 * byte, no C1 control and no bidi override, and a cut to a width must be
 * exactly that width. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

#define FUZZ_CELLS 17   /* odd, so that a wide character meets the edge */

/* Whether a code point must never reach the terminal raw. */
static int fuzz_forbidden(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Check that s is clean for a terminal; abort otherwise. */
static void fuzz_check_clean(const char *s)
{
    size_t len = strlen(s);
    if (!txt_utf8_valid(s, len))
        abort();
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += txt_utf8_next(s + i, len - i, &cp);
        if (fuzz_forbidden(cp))
            abort();
    }
}

/* Clean and fit one input, and check the results. */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *v = txt_visible((const char *)data, size);
    if (v == NULL)
        return 0;
    fuzz_check_clean(v);
    char *fit = txt_fit((const char *)data, size, FUZZ_CELLS);
    if (fit != NULL) {
        fuzz_check_clean(fit);
        if (txt_width(fit, strlen(fit)) != FUZZ_CELLS)
            abort();
    }
    free(fit);
    free(v);
    return 0;
}
