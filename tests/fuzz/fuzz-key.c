/* fuzz-key.c - libFuzzer target: any bytes through the search-key
 * normaliser.  The key must be valid UTF-8 without controls or spaces, and
 * normalising it again must change nothing (stored keys and query keys are
 * made by the same function at different times). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Normalise one input and check the key. */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *key = txt_search_key((const char *)data, size);
    if (key == NULL)
        return 0;
    size_t len = strlen(key);
    if (!txt_utf8_valid(key, len))
        abort();
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)key[i] < 0x20 || key[i] == 0x7f || key[i] == ' ')
            abort();
    char *again = txt_search_key(key, len);
    if (again != NULL && strcmp(again, key) != 0)
        abort();
    free(again);
    free(key);
    return 0;
}
