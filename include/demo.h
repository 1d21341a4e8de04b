/* demo.h - a demo town for trying tsunagi out and for the tests: 武豊町's
 * 支援関係機関 as its plan lists them, a few demo staff, households of
 * several generations (8050, ダブルケア, ヤングケアラー, 独居 …) with links
 * to the agencies that support them, their consultations over two 年度,
 * the consents, referrals, cases and plans of some of them, and a year of
 * 重層的支援会議 and 支援会議 with their agendas and decisions.
 *
 * Everything is written through the storage API (db.h), and the consents,
 * referrals, cases, plans, meetings and decisions through the domain
 * layer's rules (domain.h), as the screens write them.  The agencies,
 * the staff and the first households are the same for every seed, so that
 * tests can rely on them (see the list at the top of src/demo.c); the rest
 * of the town depends on the seed only, never on the clock. */
#ifndef TSUNAGI_DEMO_H
#define TSUNAGI_DEMO_H

#include "db.h"

/* What demo_populate wrote. */
typedef struct demo_stats {
    int agencies, households, persons, links, consultations;
    int consents, referrals, cases;
    int meetings;   /* of both kinds, held and planned */
} demo_stats;

/* Fill an empty database with a plausible demo town.  Deterministic for a
 * seed.  Refuses with DB_EXISTS when the database already holds persons or
 * the demo agencies.  Does not create the administrator: the caller
 * registers the invoking OS user.  stats may be NULL. */
db_status demo_populate(db *d, unsigned seed, demo_stats *stats);

#endif
