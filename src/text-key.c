/* text-key.c - search keys: the one form a query and a stored name are
 * compared in.
 *
 * Staff at a counter type what they hear or what is on a paper form: in
 * hiragana or katakana, half- or full-width, with or without the dashes of
 * a phone number, and with the everyday kanji where the record holds an
 * old or variant one (髙橋 stored, 高橋 typed).  NFKC and case folding
 * cover the width and case differences; the rest is done here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "text.h"

#define ASCII_DEL         0x7Fu
#define C0_LAST           0x1Fu
#define C1_FIRST          0x80u
#define C1_LAST           0x9Fu

/* Hiragana that have a katakana twin exactly this far up. */
#define HIRAGANA_FIRST    0x3041u   /* ぁ */
#define HIRAGANA_LAST     0x3096u   /* ゖ */
#define HIRAGANA_ITER     0x309Du   /* ゝ */
#define HIRAGANA_ITER_V   0x309Eu   /* ゞ */
#define KATAKANA_OFFSET   0x60u

/* Spacing (sound) marks ゛゜: NFKC turns them into a space plus the
 * combining mark, which would then not compose with the kana before it. */
#define SPACING_DAKUTEN   0x309Bu
#define SPACING_HANDAKUTEN 0x309Cu
#define COMBINING_DAKUTEN 0x3099u
#define COMBINING_HANDAKUTEN 0x309Au

/* Variation selectors pick a glyph (an IVS for a name kanji), not a
 * different character, so a search ignores them. */
#define VS_FIRST          0xFE00u
#define VS_LAST           0xFE0Fu
#define VS_SUPP_FIRST     0xE0100u
#define VS_SUPP_LAST      0xE01EFu
#define MONGOLIAN_FVS_FIRST 0x180Bu
#define MONGOLIAN_FVS_LAST  0x180Fu

/* One code point mapped to another; tables are sorted by `from`. */
typedef struct txt_map {
    uint32_t from, to;
} txt_map;

/* Small kana (after hiragana became katakana) to full size, so that
 * キャノン finds キヤノン: old registers and company names often could
 * not write small kana, and people do not know which form a record has. */
static const txt_map txt_small_kana[] = {
    { 0x30A1, 0x30A2 }, { 0x30A3, 0x30A4 }, { 0x30A5, 0x30A6 },
    { 0x30A7, 0x30A8 }, { 0x30A9, 0x30AA }, { 0x30C3, 0x30C4 },
    { 0x30E3, 0x30E4 }, { 0x30E5, 0x30E6 }, { 0x30E7, 0x30E8 },
    { 0x30EE, 0x30EF }, { 0x30F5, 0x30AB }, { 0x30F6, 0x30B1 },
    /* Katakana Phonetic Extensions (Ainu small kana) */
    { 0x31F0, 0x30AF }, { 0x31F1, 0x30B7 }, { 0x31F2, 0x30B9 },
    { 0x31F3, 0x30C8 }, { 0x31F4, 0x30CC }, { 0x31F5, 0x30CF },
    { 0x31F6, 0x30D2 }, { 0x31F7, 0x30D5 }, { 0x31F8, 0x30D8 },
    { 0x31F9, 0x30DB }, { 0x31FA, 0x30E0 }, { 0x31FB, 0x30E9 },
    { 0x31FC, 0x30EA }, { 0x31FD, 0x30EB }, { 0x31FE, 0x30EC },
    { 0x31FF, 0x30ED },
    /* Small Kana Extension */
    { 0x1B132, 0x30B3 }, { 0x1B150, 0x30F0 }, { 0x1B151, 0x30F1 },
    { 0x1B152, 0x30F2 }, { 0x1B155, 0x30B3 }, { 0x1B164, 0x30F0 },
    { 0x1B165, 0x30F1 }, { 0x1B166, 0x30F2 }, { 0x1B167, 0x30F3 },
};

/* Itaiji: variant kanji of names mapped to the everyday form.  A family
 * register may hold 髙, 﨑 or 邊 while the person at the counter types 高,
 * 崎 or 辺, and no Unicode normalisation relates them (most are separate
 * unified ideographs; 﨑 and 﨔 are compatibility ideographs without a
 * decomposition).  Compatibility ideographs that do decompose (塚 U+FA10,
 * 隆 U+F9DC) are already handled by NFKC, which runs first.  Sorted by
 * code point for binary search; no `to` is itself a `from`, so one lookup
 * is enough. */
static const txt_map txt_itaiji[] = {
    { 0x4E58, 0x4E57 },  /* 乘 -> 乗 */
    { 0x4E9E, 0x4E9C },  /* 亞 -> 亜 */
    { 0x4F86, 0x6765 },  /* 來 -> 来 */
    { 0x50B3, 0x4F1D },  /* 傳 -> 伝 */
    { 0x5152, 0x5150 },  /* 兒 -> 児 */
    { 0x51A8, 0x5BCC },  /* 冨 -> 富 */
    { 0x5377, 0x5DFB },  /* 卷 -> 巻 */
    { 0x570B, 0x56FD },  /* 國 -> 国 */
    { 0x5713, 0x5186 },  /* 圓 -> 円 */
    { 0x5718, 0x56E3 },  /* 團 -> 団 */
    { 0x57C0, 0x5782 },  /* 埀 -> 垂 */
    { 0x589E, 0x5897 },  /* 增 -> 増 */
    { 0x58FD, 0x5BFF },  /* 壽 -> 寿 */
    { 0x5B78, 0x5B66 },  /* 學 -> 学 */
    { 0x5BE6, 0x5B9F },  /* 實 -> 実 */
    { 0x5BF3, 0x5B9D },  /* 寳 -> 宝 */
    { 0x5BF6, 0x5B9D },  /* 寶 -> 宝 */
    { 0x5C07, 0x5C06 },  /* 將 -> 将 */
    { 0x5CEF, 0x5CF0 },  /* 峯 -> 峰 */
    { 0x5D5C, 0x5D0E },  /* 嵜 -> 崎 */
    { 0x5D8B, 0x5CF6 },  /* 嶋 -> 島 */
    { 0x5D8C, 0x5CF6 },  /* 嶌 -> 島 */
    { 0x5DB9, 0x5CF6 },  /* 嶹 -> 島 */
    { 0x5DBD, 0x5CB3 },  /* 嶽 -> 岳 */
    { 0x5EE3, 0x5E83 },  /* 廣 -> 広 */
    { 0x5EF3, 0x5E81 },  /* 廳 -> 庁 */
    { 0x5EF8, 0x8FEA },  /* 廸 -> 迪 */
    { 0x5F4C, 0x5F25 },  /* 彌 -> 弥 */
    { 0x5F65, 0x5F66 },  /* 彥 -> 彦 */
    { 0x5FB7, 0x5FB3 },  /* 德 -> 徳 */
    { 0x6046, 0x6052 },  /* 恆 -> 恒 */
    { 0x60E0, 0x6075 },  /* 惠 -> 恵 */
    { 0x62D4, 0x629C },  /* 拔 -> 抜 */
    { 0x654E, 0x6559 },  /* 敎 -> 教 */
    { 0x6589, 0x658E },  /* 斉 -> 斎 */
    { 0x6649, 0x664B },  /* 晉 -> 晋 */
    { 0x66FB, 0x6607 },  /* 曻 -> 昇 */
    { 0x66FE, 0x66FD },  /* 曾 -> 曽 */
    { 0x6703, 0x4F1A },  /* 會 -> 会 */
    { 0x6801, 0x67F3 },  /* 栁 -> 柳 */
    { 0x6852, 0x6851 },  /* 桒 -> 桑 */
    { 0x689D, 0x6761 },  /* 條 -> 条 */
    { 0x69AE, 0x6804 },  /* 榮 -> 栄 */
    { 0x69C7, 0x69D9 },  /* 槇 -> 槙 */
    { 0x69D7, 0x6A4B },  /* 槗 -> 橋 */
    { 0x6A02, 0x697D },  /* 樂 -> 楽 */
    { 0x6A9C, 0x6867 },  /* 檜 -> 桧 */
    { 0x6AA2, 0x691C },  /* 檢 -> 検 */
    { 0x6AFB, 0x685C },  /* 櫻 -> 桜 */
    { 0x6DF5, 0x6E15 },  /* 淵 -> 渕 */
    { 0x6DF8, 0x6E05 },  /* 淸 -> 清 */
    { 0x6DFA, 0x6D45 },  /* 淺 -> 浅 */
    { 0x6E0A, 0x6E15 },  /* 渊 -> 渕 */
    { 0x6F80, 0x6E0B },  /* 澀 -> 渋 */
    { 0x6F81, 0x6E0B },  /* 澁 -> 渋 */
    { 0x6FA4, 0x6CA2 },  /* 澤 -> 沢 */
    { 0x6FDF, 0x6E08 },  /* 濟 -> 済 */
    { 0x6FF1, 0x6D5C },  /* 濱 -> 浜 */
    { 0x6FF5, 0x6D5C },  /* 濵 -> 浜 */
    { 0x7027, 0x6EDD },  /* 瀧 -> 滝 */
    { 0x7028, 0x702C },  /* 瀨 -> 瀬 */
    { 0x771E, 0x771F },  /* 眞 -> 真 */
    { 0x79AE, 0x793C },  /* 禮 -> 礼 */
    { 0x7A3B, 0x7A32 },  /* 稻 -> 稲 */
    { 0x7A57, 0x7A42 },  /* 穗 -> 穂 */
    { 0x7A70, 0x7A63 },  /* 穰 -> 穣 */
    { 0x7D72, 0x7CF8 },  /* 絲 -> 糸 */
    { 0x7E23, 0x770C },  /* 縣 -> 県 */
    { 0x7E6A, 0x7D75 },  /* 繪 -> 絵 */
    { 0x8070, 0x8061 },  /* 聰 -> 聡 */
    { 0x81FA, 0x53F0 },  /* 臺 -> 台 */
    { 0x8207, 0x4E0E },  /* 與 -> 与 */
    { 0x8218, 0x9928 },  /* 舘 -> 館 */
    { 0x8229, 0x8239 },  /* 舩 -> 船 */
    { 0x838A, 0x8358 },  /* 莊 -> 荘 */
    { 0x842C, 0x4E07 },  /* 萬 -> 万 */
    { 0x85CF, 0x8535 },  /* 藏 -> 蔵 */
    { 0x85EA, 0x85AE },  /* 藪 -> 薮 */
    { 0x8606, 0x82A6 },  /* 蘆 -> 芦 */
    { 0x8B93, 0x8B72 },  /* 讓 -> 譲 */
    { 0x8C50, 0x8C4A },  /* 豐 -> 豊 */
    { 0x9059, 0x9065 },  /* 遙 -> 遥 */
    { 0x9089, 0x8FBA },  /* 邉 -> 辺 */
    { 0x908A, 0x8FBA },  /* 邊 -> 辺 */
    { 0x90A8, 0x6751 },  /* 邨 -> 村 */
    { 0x9109, 0x90F7 },  /* 鄉 -> 郷 */
    { 0x9115, 0x90F7 },  /* 鄕 -> 郷 */
    { 0x9435, 0x9244 },  /* 鐵 -> 鉄 */
    { 0x95DC, 0x95A2 },  /* 關 -> 関 */
    { 0x9751, 0x9752 },  /* 靑 -> 青 */
    { 0x975C, 0x9759 },  /* 靜 -> 静 */
    { 0x984F, 0x9854 },  /* 顏 -> 顔 */
    { 0x986F, 0x9855 },  /* 顯 -> 顕 */
    { 0x9A52, 0x9A28 },  /* 驒 -> 騨 */
    { 0x9A5B, 0x99C5 },  /* 驛 -> 駅 */
    { 0x9AD9, 0x9AD8 },  /* 髙 -> 高 */
    { 0x9AEE, 0x9AEA },  /* 髮 -> 髪 */
    { 0x9DD7, 0x9D0E },  /* 鷗 -> 鴎 */
    { 0x9ED1, 0x9ED2 },  /* 黑 -> 黒 */
    { 0x9F4A, 0x658E },  /* 齊 -> 斎 */
    { 0x9F4B, 0x658E },  /* 齋 -> 斎 */
    { 0x9F8D, 0x7ADC },  /* 龍 -> 竜 */
    { 0xFA11, 0x5D0E },  /* 﨑 -> 崎 */
    { 0xFA14, 0x6B05 },  /* 﨔 -> 欅 */
    { 0x20BB7, 0x5409 },  /* 𠮷 -> 吉 */
};

#define TXT_COUNT(a) (sizeof (a) / sizeof (a)[0])

/* Compare a code point with a table entry for bsearch. */
static int txt_map_cmp(const void *key, const void *elem)
{
    uint32_t k = *(const uint32_t *)key;
    const txt_map *m = elem;
    return k < m->from ? -1 : k > m->from ? 1 : 0;
}

/* Look cp up in a sorted table; cp itself if it is not there. */
static uint32_t txt_map_lookup(const txt_map *table, size_t n, uint32_t cp)
{
    const txt_map *m = bsearch(&cp, table, n, sizeof *table, txt_map_cmp);
    return m ? m->to : cp;
}

/* Whether cp never belongs in a key: controls, invisible format
 * characters and variation selectors. */
static bool txt_key_ignorable(uint32_t cp)
{
    if (cp <= C0_LAST || cp == ASCII_DEL || (cp >= C1_FIRST && cp <= C1_LAST))
        return true;
    if ((cp >= VS_FIRST && cp <= VS_LAST)
        || (cp >= VS_SUPP_FIRST && cp <= VS_SUPP_LAST)
        || (cp >= MONGOLIAN_FVS_FIRST && cp <= MONGOLIAN_FVS_LAST))
        return true;
    return uc_is_general_category(cp, UC_CATEGORY_Cf);
}

/* Whether cp separates the digits of a phone number: every hyphen, dash,
 * minus and the long-vowel mark an IME produces for "-" in kana mode. */
static bool txt_is_dash(uint32_t cp)
{
    switch (cp) {
    case 0x002D: /* - */
    case 0x2010: /* ‐ (NFKC target of U+2011 ‑) */
    case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2043: /* ⁃ */
    case 0x2212: /* − */
    case 0x2500: /* ─ */
    case 0x30FC: /* ー (NFKC target of ｰ) */
    case 0xFE58: case 0xFE63: case 0xFF0D: case 0xFF70:
        return true;
    default:
        return false;
    }
}

/* Copy the valid, visible code points of s to b, so that u8_normalize
 * (which refuses invalid UTF-8) always gets clean input. */
static void txt_key_clean(txt_buf *b, const char *s, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        uint32_t cp;
        pos += txt_utf8_next(s + pos, len - pos, &cp);
        if (cp == TXT_INVALID_CP || txt_key_ignorable(cp))
            continue;
        if (cp == SPACING_DAKUTEN)
            cp = COMBINING_DAKUTEN;
        else if (cp == SPACING_HANDAKUTEN)
            cp = COMBINING_HANDAKUTEN;
        txt_buf_addcp(b, cp);
    }
}

/* Return u[0..len) as a NUL-terminated string; libunistring results are
 * not terminated.  Frees u. */
static char *txt_nul_terminate(uint8_t *u, size_t len)
{
    char *s = realloc(u, len + 1);

    if (!s) {
        free(u);
        return NULL;
    }
    s[len] = '\0';
    return s;
}

/* NFKC of the cleaned form of s, as a malloc'd string and its length;
 * NULL when memory runs out. */
static char *txt_nfkc(const char *s, size_t len, size_t *out_len)
{
    txt_buf clean;
    uint8_t *norm;

    txt_buf_init(&clean);
    txt_key_clean(&clean, s, len);
    if (clean.failed) {
        txt_buf_free(&clean);
        return NULL;
    }
    norm = u8_normalize(UNINORM_NFKC,
                        (const uint8_t *)(clean.data ? clean.data : ""),
                        clean.len, NULL, out_len);
    txt_buf_free(&clean);
    return (char *)norm;
}

/* Katakana, full-size, everyday-kanji form of one code point. */
static uint32_t txt_key_fold_cp(uint32_t cp)
{
    if ((cp >= HIRAGANA_FIRST && cp <= HIRAGANA_LAST)
        || cp == HIRAGANA_ITER || cp == HIRAGANA_ITER_V)
        cp += KATAKANA_OFFSET;
    cp = txt_map_lookup(txt_small_kana, TXT_COUNT(txt_small_kana), cp);
    return txt_map_lookup(txt_itaiji, TXT_COUNT(txt_itaiji), cp);
}

/* Hand over b recomposed (NFC): a mark that followed small kana, as in
 * ㇷ゚, meets its full-size base only after the mapping above. */
static char *txt_key_compose(txt_buf *b)
{
    size_t len = b->len, out_len;
    char *s = txt_buf_take(b);
    uint8_t *nfc;

    if (!s)
        return NULL;
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &out_len);
    free(s);
    if (!nfc)
        return NULL;
    return txt_nul_terminate(nfc, out_len);
}

/* The search key; see text.h for the rules. */
char *txt_search_key(const char *s, size_t len)
{
    size_t nlen, flen, pos = 0;
    char *norm;
    uint8_t *folded;
    txt_buf b;
    uint32_t prev = 0;

    norm = txt_nfkc(s, len, &nlen);
    if (!norm)
        return NULL;
    /* Case folding after NFKC, normalised again, is the NFKC_Casefold
     * recipe: folding can produce text that NFKC would change. */
    folded = u8_casefold((const uint8_t *)norm, nlen, NULL, UNINORM_NFKC,
                         NULL, &flen);
    free(norm);
    if (!folded)
        return NULL;

    txt_buf_init(&b);
    while (pos < flen) {
        uint32_t cp;
        pos += txt_utf8_next((const char *)folded + pos, flen - pos, &cp);
        if (cp == TXT_INVALID_CP || txt_key_ignorable(cp)
            || uc_is_property_white_space(cp))
            continue;
        /* A dash after a digit is a phone separator; elsewhere, as in
         * ハーバー, it is part of the word and stays. */
        if (txt_is_dash(cp) && prev >= '0' && prev <= '9')
            continue;
        cp = txt_key_fold_cp(cp);
        txt_buf_addcp(&b, cp);
        prev = cp;
    }
    free(folded);
    return txt_key_compose(&b);
}

/* ASCII digits of the NFKC form, for comparing phone numbers. */
char *txt_digits(const char *s, size_t len)
{
    size_t nlen;
    char *norm = txt_nfkc(s, len, &nlen);
    txt_buf b;

    if (!norm)
        return NULL;
    txt_buf_init(&b);
    for (size_t i = 0; i < nlen; i++)
        if (norm[i] >= '0' && norm[i] <= '9')
            txt_buf_add(&b, norm + i, 1);
    free(norm);
    return txt_buf_take(&b);
}
