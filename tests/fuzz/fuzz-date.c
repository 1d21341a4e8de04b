/* fuzz-date.c - libFuzzer target: any bytes as a date typed at a counter.
 * An accepted date must be real, and its 和暦 and ISO forms must read back
 * as the same day. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

#define FUZZ_DATE_MAX 64

/* Parse one input and check the round trips. */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    txt_date d;
    if (txt_date_parse((const char *)data, size, &d) != 0)
        return 0;
    if (!txt_date_valid(d.y, d.m, d.d))
        abort();
    char buf[FUZZ_DATE_MAX];
    txt_date back;
    void (*const formats[])(txt_date, char *, size_t) = {
        txt_date_iso, txt_date_wareki, txt_date_wareki_short,
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        formats[i](d, buf, sizeof buf);
        if (txt_date_parse(buf, strlen(buf), &back) != 0 || txt_date_cmp(back, d) != 0)
            abort();
    }
    return 0;
}
