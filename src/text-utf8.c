/* text-utf8.c - strict UTF-8 decoding and encoding.
 *
 * Names at a counter arrive from Excel sheets, old systems and hand-typed
 * CSV, so bad bytes are expected.  The decoder never guesses: anything
 * that is not shortest-form UTF-8 for a Unicode scalar value is one invalid
 * byte, which the display layer then shows and the search layer drops. */
#include "config.h"

#include "text.h"

/* Bit patterns of lead and continuation bytes. */
#define UTF8_CONT_MASK   0xC0u
#define UTF8_CONT_BITS   0x80u
#define UTF8_CONT_PAYLOAD 0x3Fu
#define UTF8_CONT_SHIFT  6

#define UTF8_2_MASK      0xE0u
#define UTF8_2_BITS      0xC0u
#define UTF8_2_PAYLOAD   0x1Fu
#define UTF8_3_MASK      0xF0u
#define UTF8_3_BITS      0xE0u
#define UTF8_3_PAYLOAD   0x0Fu
#define UTF8_4_MASK      0xF8u
#define UTF8_4_BITS      0xF0u
#define UTF8_4_PAYLOAD   0x07u

/* Smallest code point each sequence length may encode; anything below is
 * an overlong form, which is how filters get bypassed. */
#define UTF8_MAX_1       0x7Fu
#define UTF8_MIN_2       0x80u
#define UTF8_MAX_2       0x7FFu
#define UTF8_MIN_3       0x800u
#define UTF8_MAX_3       0xFFFFu
#define UTF8_MIN_4       0x10000u

#define UNICODE_MAX      0x10FFFFu
#define SURROGATE_FIRST  0xD800u
#define SURROGATE_LAST   0xDFFFu
#define REPLACEMENT_CHAR 0xFFFDu

/* Whether byte b is a continuation byte 10xxxxxx. */
static bool txt_utf8_is_cont(unsigned char b)
{
    return (b & UTF8_CONT_MASK) == UTF8_CONT_BITS;
}

/* Decode one code point; see text.h for the contract on bad input. */
size_t txt_utf8_next(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t need;
    uint32_t c, min;

    if (len == 0) {
        *cp = TXT_INVALID_CP;
        return 0;
    }
    if (u[0] <= UTF8_MAX_1) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & UTF8_2_MASK) == UTF8_2_BITS) {
        need = 2; c = u[0] & UTF8_2_PAYLOAD; min = UTF8_MIN_2;
    } else if ((u[0] & UTF8_3_MASK) == UTF8_3_BITS) {
        need = 3; c = u[0] & UTF8_3_PAYLOAD; min = UTF8_MIN_3;
    } else if ((u[0] & UTF8_4_MASK) == UTF8_4_BITS) {
        need = 4; c = u[0] & UTF8_4_PAYLOAD; min = UTF8_MIN_4;
    } else {
        *cp = TXT_INVALID_CP;
        return 1;
    }
    if (len < need) {
        *cp = TXT_INVALID_CP;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if (!txt_utf8_is_cont(u[i])) {
            *cp = TXT_INVALID_CP;
            return 1;
        }
        c = (c << UTF8_CONT_SHIFT) | (u[i] & UTF8_CONT_PAYLOAD);
    }
    if (c < min || c > UNICODE_MAX
        || (c >= SURROGATE_FIRST && c <= SURROGATE_LAST)) {
        *cp = TXT_INVALID_CP;
        return 1;
    }
    *cp = c;
    return need;
}

/* Check that every byte of s belongs to a valid sequence. */
bool txt_utf8_valid(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        uint32_t cp;
        pos += txt_utf8_next(s + pos, len - pos, &cp);
        if (cp == TXT_INVALID_CP)
            return false;
    }
    return true;
}

/* Encode cp; a value that is not a scalar value becomes U+FFFD so the
 * output is always valid UTF-8. */
size_t txt_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *u = (unsigned char *)out;

    if (cp > UNICODE_MAX || (cp >= SURROGATE_FIRST && cp <= SURROGATE_LAST))
        cp = REPLACEMENT_CHAR;
    if (cp <= UTF8_MAX_1) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp <= UTF8_MAX_2) {
        u[0] = (unsigned char)(UTF8_2_BITS | (cp >> UTF8_CONT_SHIFT));
        u[1] = (unsigned char)(UTF8_CONT_BITS | (cp & UTF8_CONT_PAYLOAD));
        return 2;
    }
    if (cp <= UTF8_MAX_3) {
        u[0] = (unsigned char)(UTF8_3_BITS | (cp >> (2 * UTF8_CONT_SHIFT)));
        u[1] = (unsigned char)(UTF8_CONT_BITS
                               | ((cp >> UTF8_CONT_SHIFT) & UTF8_CONT_PAYLOAD));
        u[2] = (unsigned char)(UTF8_CONT_BITS | (cp & UTF8_CONT_PAYLOAD));
        return 3;
    }
    u[0] = (unsigned char)(UTF8_4_BITS | (cp >> (3 * UTF8_CONT_SHIFT)));
    u[1] = (unsigned char)(UTF8_CONT_BITS
                           | ((cp >> (2 * UTF8_CONT_SHIFT)) & UTF8_CONT_PAYLOAD));
    u[2] = (unsigned char)(UTF8_CONT_BITS
                           | ((cp >> UTF8_CONT_SHIFT) & UTF8_CONT_PAYLOAD));
    u[3] = (unsigned char)(UTF8_CONT_BITS | (cp & UTF8_CONT_PAYLOAD));
    return 4;
}

/* Count code points, each invalid byte as one, as the display shows them. */
size_t txt_utf8_count(const char *s, size_t len)
{
    size_t pos = 0, n = 0;
    while (pos < len) {
        uint32_t cp;
        pos += txt_utf8_next(s + pos, len - pos, &cp);
        n++;
    }
    return n;
}
