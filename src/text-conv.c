/* text-conv.c - UTF-8 to and from the legacy Japanese encodings.
 *
 * Exports go to Excel (CP932) and to older systems (Shift_JIS, EUC-JP).
 * Every character that cannot be written, or that would be read back as a
 * different one, is reported with its position, because a name changed
 * silently on its way to another office is a wrong record there.  glibc's
 * iconv has no "report and continue" mode, so characters are converted
 * one at a time; names are short, so this costs nothing noticeable. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* What an unwritable character or byte becomes. */
#define TXT_CONV_SUBST_OUT   "?"
#define TXT_CONV_SUBST_IN    0xFFFDu    /* REPLACEMENT CHARACTER */
/* Room for one character in any of these encodings, or in UTF-8. */
#define TXT_CONV_CHAR_MAX    16
/* Chunk size when decoding a whole legacy string at once. */
#define TXT_CONV_CHUNK       256
/* iconv's error return. */
#define TXT_ICONV_FAIL       ((size_t)-1)
#define TXT_ICONV_OPEN_FAIL  ((iconv_t)-1)
/* UTF-8 continuation bytes look like 10xxxxxx. */
#define UTF8_CONT_MASK       0xC0u
#define UTF8_CONT_BITS       0x80u

/* iconv name of enc. */
const char *txt_enc_name(txt_enc enc)
{
    switch (enc) {
    case TXT_ENC_CP932: return "CP932";
    case TXT_ENC_SJIS:  return "SHIFT_JIS";
    case TXT_ENC_EUCJP: return "EUC-JP";
    }
    return "CP932";
}

/* Start res empty. */
static void txt_conv_result_init(txt_conv_result *res)
{
    res->out = NULL;
    res->out_len = 0;
    res->issues = NULL;
    res->n_issues = 0;
}

/* Free everything res holds and leave it empty. */
void txt_conv_result_free(txt_conv_result *res)
{
    free(res->out);
    free(res->issues);
    txt_conv_result_init(res);
}

/* Growable list of issues while converting. */
typedef struct txt_issue_list {
    txt_conv_issue *v;
    size_t n, cap;
    bool failed;
} txt_issue_list;

/* Record one issue; sets failed when memory runs out. */
static void txt_issue_add(txt_issue_list *l, size_t offset, size_t charno,
                          uint32_t cp, txt_conv_kind kind)
{
    if (l->failed)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        txt_conv_issue *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->failed = true;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n].offset = offset;
    l->v[l->n].charno = charno;
    l->v[l->n].cp = cp;
    l->v[l->n].kind = kind;
    l->n++;
}

/* Run cd over in[0..len) as one complete unit into out (cap bytes) and
 * return the bytes written, or TXT_ICONV_FAIL if any of it failed. */
static size_t txt_iconv_unit(iconv_t cd, const char *in, size_t len,
                             char *out, size_t cap)
{
    char *ip = (char *)in, *op = out;
    size_t il = len, ol = cap;

    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == TXT_ICONV_FAIL || il != 0)
        return TXT_ICONV_FAIL;
    /* Return a stateful encoding to its initial shift state. */
    if (iconv(cd, NULL, NULL, &op, &ol) == TXT_ICONV_FAIL)
        return TXT_ICONV_FAIL;
    return (size_t)(op - out);
}

/* Hand the buffer and issues over to res; -1 if memory ran out. */
static int txt_conv_finish(txt_buf *b, txt_issue_list *l, txt_conv_result *res)
{
    size_t out_len = b->len;
    char *out = txt_buf_take(b);

    if (!out || l->failed) {
        free(out);
        free(l->v);
        return -1;
    }
    res->out = out;
    res->out_len = out_len;
    res->issues = l->v;
    res->n_issues = l->n;
    return 0;
}

/* Convert UTF-8 to enc, reporting what is lost; see text.h. */
int txt_from_utf8(txt_enc enc, const char *in, size_t len,
                  txt_conv_result *res)
{
    const char *name = txt_enc_name(enc);
    iconv_t to, back;
    txt_buf b;
    txt_issue_list l = { NULL, 0, 0, false };
    size_t pos = 0, charno = 0;

    txt_conv_result_init(res);
    to = iconv_open(name, "UTF-8");
    if (to == TXT_ICONV_OPEN_FAIL)
        return -1;
    back = iconv_open("UTF-8", name);
    if (back == TXT_ICONV_OPEN_FAIL) {
        iconv_close(to);
        return -1;
    }
    txt_buf_init(&b);
    while (pos < len) {
        char enc_buf[TXT_CONV_CHAR_MAX], dec_buf[TXT_CONV_CHAR_MAX];
        uint32_t cp;
        size_t n = txt_utf8_next(in + pos, len - pos, &cp), olen, blen;

        charno++;
        if (cp == TXT_INVALID_CP) {
            txt_issue_add(&l, pos, charno, cp, TXT_CONV_INVALID);
            txt_buf_adds(&b, TXT_CONV_SUBST_OUT);
        } else if ((olen = txt_iconv_unit(to, in + pos, n, enc_buf,
                                          sizeof enc_buf)) == TXT_ICONV_FAIL) {
            txt_issue_add(&l, pos, charno, cp, TXT_CONV_UNMAPPABLE);
            txt_buf_adds(&b, TXT_CONV_SUBST_OUT);
        } else {
            /* glibc writes some characters to a code that decodes as a
             * different one (WAVE DASH -> 0x8160 -> FULLWIDTH TILDE in
             * CP932); only reading it back shows that. */
            blen = txt_iconv_unit(back, enc_buf, olen, dec_buf, sizeof dec_buf);
            if (blen != n || memcmp(dec_buf, in + pos, n) != 0)
                txt_issue_add(&l, pos, charno, cp, TXT_CONV_LOSSY);
            txt_buf_add(&b, enc_buf, olen);
        }
        pos += n;
    }
    iconv_close(to);
    iconv_close(back);
    return txt_conv_finish(&b, &l, res);
}

/* Number of code points in UTF-8 text that is known to be valid. */
static size_t txt_count_valid(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & UTF8_CONT_MASK) != UTF8_CONT_BITS)
            n++;
    return n;
}

/* Convert enc to UTF-8, replacing and reporting each bad byte. */
int txt_to_utf8(txt_enc enc, const char *in, size_t len,
                txt_conv_result *res)
{
    iconv_t cd;
    txt_buf b;
    txt_issue_list l = { NULL, 0, 0, false };
    char *ip = (char *)in;
    size_t il = len, chars = 0;

    txt_conv_result_init(res);
    cd = iconv_open("UTF-8", txt_enc_name(enc));
    if (cd == TXT_ICONV_OPEN_FAIL)
        return -1;
    txt_buf_init(&b);
    for (bool flushed = false; !flushed;) {
        char chunk[TXT_CONV_CHUNK];
        char *op = chunk;
        size_t ol = sizeof chunk, r;
        int err;

        /* Once the input is used up, one more call returns a stateful
         * encoding to its initial state. */
        if (il > 0) {
            r = iconv(cd, &ip, &il, &op, &ol);
        } else {
            r = iconv(cd, NULL, NULL, &op, &ol);
            flushed = r != TXT_ICONV_FAIL;
        }
        err = errno;
        txt_buf_add(&b, chunk, (size_t)(op - chunk));
        chars += txt_count_valid(chunk, (size_t)(op - chunk));
        if (r != TXT_ICONV_FAIL || err == E2BIG)
            continue;
        if ((err != EILSEQ && err != EINVAL) || il == 0) {
            iconv_close(cd);
            txt_buf_free(&b);
            free(l.v);
            return -1;
        }
        /* A bad or truncated sequence: report its first byte, replace it
         * and carry on from the next byte. */
        chars++;
        txt_issue_add(&l, (size_t)(ip - in), chars, TXT_INVALID_CP,
                      TXT_CONV_INVALID);
        txt_buf_addcp(&b, TXT_CONV_SUBST_IN);
        ip++;
        il--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return txt_conv_finish(&b, &l, res);
}
