/* dom-consult.c - rules about consultations: the national form's choices,
 * the 年度 a contact counts in, 新規 and 継続, open items, and how likely
 * a stored person is the one a caller is talking about. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain.h"

/* The choices of the national intake form, in its order. */
const char *const dom_channels[] = {
    "窓口", "電話", "訪問", "メール", "LINE", "その他",
};
const size_t dom_n_channels = sizeof dom_channels / sizeof dom_channels[0];

const char *const dom_urgencies[] = { "緊急", "高", "通常" };
const size_t dom_n_urgencies = sizeof dom_urgencies / sizeof dom_urgencies[0];

const char *const dom_dispositions[] = {
    "窓口で対応・終了", "つなぎ", "多機関協働へ", "アウトリーチへ", "参加支援へ",
    DOM_DISPOSITION_CONTINUE,
};
const size_t dom_n_dispositions = sizeof dom_dispositions / sizeof dom_dispositions[0];

/* "YYYY-MM-DD" at the start of a timestamp. */
#define DOM_DATE_LEN 10

/* Read the date at the start of "YYYY-MM-DD..." (a date alone, or with a
 * time after "T" or a space); false when there is none. */
static bool dom_stamp_date(const char *s, txt_date *out)
{
    if (s == NULL || strnlen(s, DOM_DATE_LEN + 1) < DOM_DATE_LEN)
        return false;
    char c = s[DOM_DATE_LEN];
    if (c != '\0' && c != 'T' && c != ' ')
        return false;
    /* txt_date_parse takes 和暦 and slashes too; a stored stamp is ISO. */
    if (s[4] != '-' || s[7] != '-')
        return false;
    return txt_date_parse(s, DOM_DATE_LEN, out) == 0;
}

/* The 年度 of a "YYYY-MM-DD..." timestamp, or -1 when unreadable. */
int dom_fiscal_year_of(const char *timestamp)
{
    txt_date d;
    return dom_stamp_date(timestamp, &d) ? txt_date_fiscal_year(d) : -1;
}

/* The 年度 a consultation counts in: from its timestamp, which is what the
 * counter wrote, else the stored year. */
static int dom_consult_year(const db_consult *c)
{
    int y = dom_fiscal_year_of(c->received_at);
    return y >= 0 ? y : c->fiscal_year;
}

/* Whether a came before b: by received_at, then by id (the one entered
 * first), so that two contacts in the same minute still have an order. */
static bool dom_consult_before(const db_consult *a, const db_consult *b)
{
    int cmp = strcmp(a->received_at ? a->received_at : "",
                     b->received_at ? b->received_at : "");
    return cmp < 0 || (cmp == 0 && a->id < b->id);
}

/* Mark the first contact of each 年度 新規 and every later one 継続.  One
 * person's contacts are few, so each is compared with all the others. */
void dom_consult_mark_new(db_consult *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int year = dom_consult_year(&cs[i]);
        bool first = true;
        for (size_t j = 0; j < n && first; j++)
            if (j != i && dom_consult_year(&cs[j]) == year &&
                dom_consult_before(&cs[j], &cs[i]))
                first = false;
        cs[i].is_new = first;
    }
}

/* Whether consultation i of one person's list is still an open item. */
bool dom_consult_is_open(const db_consult *cs, size_t n, size_t i, txt_date today)
{
    const db_consult *c = &cs[i];
    txt_date next;
    if (dom_stamp_date(c->next_contact, &next) && txt_date_cmp(next, today) >= 0)
        return true;
    if (!c->disposition || strcmp(c->disposition, DOM_DISPOSITION_CONTINUE) != 0)
        return false;
    for (size_t j = 0; j < n; j++)
        if (j != i && dom_consult_before(c, &cs[j]))
            return false;
    return true;
}

/* ---- matching a typed person with stored ones ---------------------------- */

/* What two persons are compared by: the search keys, so that kana forms,
 * widths and itaiji meet. */
typedef struct dom_keys {
    char *kana, *name, *phone;
    txt_date birth;
    bool has_birth;
} dom_keys;

/* The search key of a field, "" for NULL. */
static char *dom_key(const char *s)
{
    return txt_search_key(s ? s : "", s ? strlen(s) : 0);
}

/* Compute the keys of p; false when memory runs out. */
static bool dom_keys_of(const db_person *p, dom_keys *k)
{
    const char *phone = p->phone ? p->phone : "";
    k->kana = dom_key(p->kana);
    k->name = dom_key(p->name);
    k->phone = txt_digits(phone, strlen(phone));
    k->has_birth = p->birth && p->birth[0] &&
                   txt_date_parse(p->birth, strlen(p->birth), &k->birth) == 0;
    return k->kana && k->name && k->phone;
}

/* Free what dom_keys_of made. */
static void dom_keys_free(dom_keys *k)
{
    free(k->kana);
    free(k->name);
    free(k->phone);
}

/* Whether a typed key is set and equal to the stored one. */
static bool dom_same(const char *typed, const char *stored)
{
    return typed[0] != '\0' && strcmp(typed, stored) == 0;
}

/* The length in bytes of the first n characters of s, or 0 when s is
 * shorter. */
static size_t dom_prefix_len(const char *s, int n)
{
    size_t len = strlen(s), used = 0;
    for (int i = 0; i < n; i++) {
        if (used >= len)
            return 0;
        uint32_t cp;
        used += txt_utf8_next(s + used, len - used, &cp);
    }
    return used;
}

/* Whether two readings start with the same two characters. */
static bool dom_close_kana(const char *typed, const char *stored)
{
    size_t n = dom_prefix_len(typed, 2);
    return n > 0 && strncmp(typed, stored, n) == 0;
}

/* The match of a typed person's keys with a stored person's. */
static dom_match dom_match_keys(const dom_keys *t, const dom_keys *c)
{
    bool kana = dom_same(t->kana, c->kana);
    bool name = dom_same(t->name, c->name);
    bool phone = strlen(t->phone) >= DB_SIMILAR_PHONE_DIGITS && dom_same(t->phone, c->phone);
    bool birth = t->has_birth && c->has_birth && txt_date_cmp(t->birth, c->birth) == 0;
    dom_match m = { DOM_MATCH_NONE, "" };
    if (kana && birth)
        m = (dom_match){ DOM_MATCH_HIGH, "読みと生年月日が一致" };
    else if (phone)
        m = (dom_match){ DOM_MATCH_HIGH, "電話番号が一致" };
    else if (name && birth)
        m = (dom_match){ DOM_MATCH_HIGH, "氏名と生年月日が一致" };
    else if (name)
        m = (dom_match){ DOM_MATCH_MEDIUM, "氏名が一致" };
    else if (kana)
        m = (dom_match){ DOM_MATCH_LOW, "読みが一致" };
    else if (birth && dom_close_kana(t->kana, c->kana))
        m = (dom_match){ DOM_MATCH_LOW, "読みが近く生年月日が一致" };
    if (m.score > 0) {
        /* Each further fact that agrees makes the candidate likelier. */
        int facts = kana + name + phone + birth;
        int bonus = facts > 1 ? facts - 1 : 0;
        m.score += bonus < DOM_MATCH_LEVEL ? bonus : DOM_MATCH_LEVEL - 1;
    }
    return m;
}

/* How likely cand is the person typed in. */
dom_match dom_person_match(const db_person *typed, const db_person *cand)
{
    dom_keys t, c;
    dom_match m = { DOM_MATCH_NONE, "" };
    bool ok_t = dom_keys_of(typed, &t), ok_c = dom_keys_of(cand, &c);
    if (ok_t && ok_c)
        m = dom_match_keys(&t, &c);
    dom_keys_free(&t);
    dom_keys_free(&c);
    return m;
}

/* Order candidates best first (ties keep their order), freeing and
 * dropping those that score 0. */
size_t dom_person_rank(const db_person *typed, db_person *cands, size_t n)
{
    int *scores = malloc((n ? n : 1) * sizeof *scores);
    if (scores == NULL)
        return n;   /* unranked is still better than nothing */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int score = dom_person_match(typed, &cands[i]).score;
        if (score <= 0) {
            db_person_free(&cands[i]);
            continue;
        }
        /* Insertion into the kept part: stable, and the lists are short. */
        db_person p = cands[i];
        size_t j = kept;
        while (j > 0 && scores[j - 1] < score) {
            cands[j] = cands[j - 1];
            scores[j] = scores[j - 1];
            j--;
        }
        cands[j] = p;
        scores[j] = score;
        kept++;
    }
    /* The slots after the kept ones hold stale copies: clear them, so that
     * freeing the whole list with its old length is harmless too. */
    if (kept < n)
        memset(&cands[kept], 0, (n - kept) * sizeof *cands);
    free(scores);
    return kept;
}
