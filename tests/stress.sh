#!/bin/sh
# stress.sh MODE - the shared-file guarantees, measured: several staff write
# one SQLite file, and nothing a user saved may be lost or silently
# overwritten.  MODE is "full" (make stress) or "small" (make check, through
# tests/e2e/stress-small.sh).  Prints one line per figure on stdout, each
# starting with its id and ending with PASS or FAIL; details of a failure go
# to stderr.  Exits 1 when any figure fails, 2 when it cannot run.
#
#   R1 load: writers save intakes into one file at once; lost saves,
#      'database is locked' errors that reach a user, integrity_check.
#   R2 conflicting edits: two processes edit the same person, case and
#      plan with random timing, each through the path its screen saves by
#      (db_person_update, dom_case_move, db_plan_update on the version read);
#      conflicts detected and silent overwrites.
#   R3 crash: kill -9 at random moments while two processes write; after
#      each kill, integrity and every save acknowledged before it.
#   R4 faults (tests/faults.sh): disk full, read-only, a share that
#      vanishes, a lock held 30 s, SIGHUP, on the real screen.
#   R5 fuzzing (tests/fuzz/run.sh, full mode only).
#   R7 two mounts of one folder (tests/mounts.sh).
#
# Every save goes through the application's own save path (tests/stress.c:
# the intake form's values, dom_intake_check, dom_intake_commit), never
# through hand-written SQL.  POSIX sh; needs GNU date (%N) and sleep
# (fractions of a second).

set -u

mode=${1:-}
case $mode in
full)
    R1_WRITERS=8; R1_SAVES=2000
    R2_EDITORS=2; R2_EDITS=500        # 2 x 500 = the issue's 1,000 edits
    R3_KILLS=500 ;;
small)
    R1_WRITERS=4; R1_SAVES=100
    R2_EDITORS=2; R2_EDITS=100
    R3_KILLS=20 ;;
*)
    echo "usage: stress.sh full|small" >&2
    exit 2 ;;
esac
# R3: two writers a round, each killed at a random moment (this many ms
# after the last event); the first is killed while the second writes on.
R3_WRITERS=2
R3_MIN_MS=20
R3_MAX_MS=300
# A writer in R3 never runs out of intakes before it is killed.
R3_ENDLESS=100000000
# R3 starts a new file after this many rounds: every save acknowledged in
# a file is checked after each later kill in it, and the file stays small
# enough (some 10,000 saves) for a check after every kill.
R3_ROUNDS_PER_FILE=25

: "${TSUNAGI_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
if [ -n "${TSUNAGI_TESTBIN:-}" ]; then
    STRESS=$TSUNAGI_TESTBIN/stress
elif [ -n "${TSUNAGI_BIN:-}" ]; then
    STRESS=$(dirname "$TSUNAGI_BIN")/tests/stress
else
    STRESS=./tests/stress
fi
if [ ! -x "$STRESS" ]; then
    echo "stress.sh: $STRESS is not built (make tests/stress)" >&2
    exit 2
fi
# The default intake form of this source tree, whatever /etc holds.
TSUNAGI_FORMS=$TSUNAGI_SRCDIR/forms
export TSUNAGI_FORMS
unset TSUNAGI_DB

DIR=$(mktemp -d "${TMPDIR:-/tmp}/tsunagi-stress.XXXXXX") || exit 2
KEEP=0
PIDS=""
FAILS=0

# stress_cleanup: stop any writer still running, remove the files unless a
# figure failed (then they stay for a look).
stress_cleanup() {
    for p in $PIDS; do
        kill -9 "$p" 2>/dev/null
    done
    if [ "$KEEP" -eq 0 ]; then
        rm -rf "$DIR"
    else
        echo "stress.sh: the files of the failed figures are kept in $DIR" >&2
    fi
}
trap stress_cleanup EXIT
trap 'exit 2' INT TERM HUP

# stress_now: seconds since the epoch, with nanoseconds.
stress_now() {
    date +%s.%N
}

# stress_elapsed START END: seconds between two stress_now readings, 1 decimal.
stress_elapsed() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'
}

# stress_field TEXT NAME: the word after NAME in TEXT ("lost 3 corrupt 0").
stress_field() {
    printf '%s\n' "$1" | awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

# stress_result LINE OK: print a figure's line with PASS or FAIL.
stress_result() {
    if [ "$2" -eq 1 ]; then
        printf '%s — PASS\n' "$1"
    else
        printf '%s — FAIL\n' "$1"
        FAILS=$((FAILS + 1))
        KEEP=1
    fi
}

# stress_show FILE...: a failure's details, on stderr.
stress_show() {
    for f in "$@"; do
        [ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" >&2
    done
    return 0
}

# stress_seed: a random seed for awk.
stress_seed() {
    od -An -N4 -tu4 /dev/urandom | tr -d ' '
}

# ---- R1 load ---------------------------------------------------------------
stress_r1() {
    db=$DIR/r1.db
    if ! "$STRESS" init "$db" > "$DIR/r1.init" 2>&1; then
        stress_show "$DIR/r1.init"
        stress_result "R1 load: could not create the database" 0
        return
    fi
    t0=$(stress_now)
    w=1
    pids=""
    while [ "$w" -le "$R1_WRITERS" ]; do
        "$STRESS" load "$db" "$w" "$R1_SAVES" > "$DIR/r1.ack.$w" 2> "$DIR/r1.err.$w" < /dev/null &
        pids="$pids $!"
        w=$((w + 1))
    done
    PIDS=$pids
    crashed=0
    for p in $pids; do
        wait "$p"
        # 1 is a worker that counted errors; anything else is a crash.
        case $? in 0|1) ;; *) crashed=$((crashed + 1)) ;; esac
    done
    PIDS=""
    t1=$(stress_now)
    # Each worker ends with "errors N busy M saved S waits W longest MS".
    sums=$(cat "$DIR"/r1.err.* | awk '$1 == "errors" { e += $2; b += $4; if ($10 > l) l = $10 }
                                      END { print e + 0, b + 0, l + 0 }')
    read -r errors busy longest <<EOF
$sums
EOF
    verify=$("$STRESS" verify "$db" "$DIR"/r1.ack.* 2> "$DIR/r1.verify")
    acked=$(stress_field "$verify" acked)
    lost=$(stress_field "$verify" lost)
    extra=$(stress_field "$verify" extra)
    dup=$(stress_field "$verify" dup)
    corrupt=$(stress_field "$verify" corrupt)
    : "${acked:=0}" "${lost:=0}" "${extra:=0}" "${dup:=0}" "${corrupt:=1}"
    want=$((R1_WRITERS * R1_SAVES))
    secs=$(stress_elapsed "$t0" "$t1")
    rate=$(awk -v n="$acked" -v s="$secs" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')
    integrity=ok
    [ "$corrupt" -eq 0 ] || integrity=FAILED
    other=$((errors - busy))
    line="R1 load: $R1_WRITERS writers x $R1_SAVES saves, lost $lost, locked-errors $busy, integrity $integrity"
    [ "$other" -eq 0 ] || line="$line, other errors $other"
    [ "$crashed" -eq 0 ] || line="$line, writers crashed $crashed"
    [ "$extra" -eq 0 ] || line="$line, unacknowledged rows $extra"
    [ "$dup" -eq 0 ] || line="$line, saved twice $dup"
    line="$line, $acked saved in $secs s ($rate/s), longest lock wait"
    line="$line $(awk -v ms="$longest" 'BEGIN { printf "%.1f", ms / 1000 }') s — goal 0, 0, ok"
    ok=0
    if [ "$lost" -eq 0 ] && [ "$busy" -eq 0 ] && [ "$corrupt" -eq 0 ] && [ "$other" -eq 0 ] &&
       [ "$crashed" -eq 0 ] && [ "$acked" -eq "$want" ] && [ "$extra" -eq 0 ] && [ "$dup" -eq 0 ]; then
        ok=1
    else
        stress_show "$DIR"/r1.err.* "$DIR/r1.verify"
    fi
    stress_result "$line" "$ok"
}

# ---- R2 conflicting edits --------------------------------------------------

# stress_r2_kind KIND ID V0: two editors on one record; sets the kind's
# figures (edits, conflicts, errors, silent, chain) and prints nothing.
stress_r2_kind() {
    kind=$1 id=$2 v0=$3
    w=1
    pids=""
    while [ "$w" -le "$R2_EDITORS" ]; do
        "$STRESS" edit "$db" "$w" "$R2_EDITS" "$kind" "$id" > "$DIR/r2.$kind.log.$w" \
            2> "$DIR/r2.$kind.err.$w" < /dev/null &
        pids="$pids $!"
        w=$((w + 1))
    done
    PIDS=$pids
    for p in $pids; do
        wait "$p"
    done
    PIDS=""
    out=$("$STRESS" edits "$db" "$kind" "$id" "$v0" "$DIR"/r2.$kind.log.* 2> "$DIR/r2.$kind.judge")
    edits=$(stress_field "$out" edits)
    conflicts=$(stress_field "$out" conflicts)
    errors=$(stress_field "$out" errors)
    silent=$(stress_field "$out" silent)
    chain=$(stress_field "$out" chain)
    : "${edits:=0}" "${conflicts:=0}" "${errors:=0}" "${silent:=0}" "${chain:=broken}"
}

stress_r2() {
    db=$DIR/r2.db
    if ! "$STRESS" init "$db" > "$DIR/r2.init" 2>&1; then
        stress_show "$DIR/r2.init"
        stress_result "R2 conflicting edits: could not create the database" 0
        return
    fi
    t0=$(stress_now)
    want=$((R2_EDITORS * R2_EDITS))
    line="R2 conflicting edits: $R2_EDITORS editors x $R2_EDITS on each record;"
    ok=1 sep=""
    # "person ID V", "case ID V", "plan ID V": one record of each kind.
    while read -r kind id v0; do
        stress_r2_kind "$kind" "$id" "$v0"
        line="$line$sep $kind $edits edits, conflicts detected $conflicts, silent overwrites $silent"
        sep=";"
        [ "$errors" -eq 0 ] || line="$line, errors $errors"
        [ "$chain" = ok ] || line="$line, version chain broken"
        # Two editors that never collided tested nothing.
        [ "$conflicts" -gt 0 ] || line="$line, no edit collided"
        if [ "$silent" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$chain" != ok ] ||
           [ "$edits" -ne "$want" ] || [ "$conflicts" -eq 0 ]; then
            ok=0
            stress_show "$DIR"/r2.$kind.err.* "$DIR/r2.$kind.judge"
        fi
    done < "$DIR/r2.init"
    [ "$(wc -l < "$DIR/r2.init")" -eq 3 ] || { ok=0; line="$line; a record is missing"; }
    line="$line in $(stress_elapsed "$t0" "$(stress_now)") s — goal 0 silent"
    stress_result "$line" "$ok"
}

# ---- R3 crash ----------------------------------------------------------------

# stress_r3_verify [--live]: check the file against every acknowledgement
# so far (--live: while a writer still runs); adds to corrupt and keeps the
# largest loss seen in this file.
stress_r3_verify() {
    out=$("$STRESS" verify "$@" "$db" "$DIR/r3.acks" "$DIR"/r3.ack.live.* 2>> "$DIR/r3.verify")
    l=$(stress_field "$out" lost)
    c=$(stress_field "$out" corrupt)
    d=$(stress_field "$out" dup)
    : "${l:=0}" "${c:=1}" "${d:=0}"
    [ "$l" -le "$file_lost" ] || file_lost=$l
    [ "$d" -le "$file_dup" ] || file_dup=$d
    corrupt=$((corrupt + c))
    acked=$(stress_field "$out" acked)
}

# stress_r3_sleep MS: sleep a number of milliseconds.
stress_r3_sleep() {
    sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"
}

# stress_r3_close: add the figures of the file in use to the totals, and
# remove it.
stress_r3_close() {
    total=$((total + acked)) lost=$((lost + file_lost)) dup=$((dup + file_dup))
    acked=0 file_lost=0 file_dup=0
    [ -z "$db" ] || rm -f "$db" "$db-journal"
}

# stress_r3_file N: start file N of R3, with no acknowledgements yet.
stress_r3_file() {
    db=$DIR/r3.$1.db
    : > "$DIR/r3.acks"
    "$STRESS" init "$db" > "$DIR/r3.init" 2>&1
}

stress_r3() {
    : > "$DIR/r3.verify"
    rounds=$((R3_KILLS / R3_WRITERS))
    awk -v n="$rounds" -v seed="$(stress_seed)" -v lo="$R3_MIN_MS" -v hi="$R3_MAX_MS" \
        'BEGIN { srand(seed); for (i = 0; i < n; i++)
                     printf "%d %d\n", lo + int(rand() * (hi - lo + 1)), lo + int(rand() * (hi - lo + 1)) }' \
        > "$DIR/r3.delays"
    lost=0 dup=0 corrupt=0 acked=0 total=0 kills=0 journals=0 errors=0
    file_lost=0 file_dup=0 db=""
    t0=$(stress_now)
    r=0
    while read -r first second <&3; do
        if [ $((r % R3_ROUNDS_PER_FILE)) -eq 0 ]; then
            stress_r3_close
            if ! stress_r3_file $((r / R3_ROUNDS_PER_FILE + 1)); then
                stress_show "$DIR/r3.init"
                stress_result "R3 crash: could not create the database" 0
                return
            fi
        fi
        r=$((r + 1))
        # Two terminals writing; A crashes while B writes on through A's
        # hot journal; then B crashes too.  Check after each.
        a=$((r * 2)) b=$((r * 2 + 1))
        "$STRESS" load "$db" "$a" "$R3_ENDLESS" > "$DIR/r3.ack.live.a" 2> "$DIR/r3.err.$a" < /dev/null &
        pa=$!
        "$STRESS" load "$db" "$b" "$R3_ENDLESS" > "$DIR/r3.ack.live.b" 2> "$DIR/r3.err.$b" < /dev/null &
        pb=$!
        PIDS="$pa $pb"
        stress_r3_sleep "$first"
        kill -9 "$pa"
        wait "$pa" 2>/dev/null
        kills=$((kills + 1))
        stress_r3_verify --live
        stress_r3_sleep "$second"
        kill -9 "$pb"
        wait "$pb" 2>/dev/null
        PIDS=""
        kills=$((kills + 1))
        [ ! -e "$db-journal" ] || journals=$((journals + 1))
        stress_r3_verify
        # Keep the complete lines only (awk ends a torn last line, which
        # verify then skips as torn).
        awk 1 "$DIR/r3.ack.live.a" "$DIR/r3.ack.live.b" >> "$DIR/r3.acks"
        rm -f "$DIR/r3.ack.live.a" "$DIR/r3.ack.live.b"
        # A killed writer prints nothing on stderr; anything there reached a user.
        for e in "$DIR/r3.err.$a" "$DIR/r3.err.$b"; do
            if [ -s "$e" ]; then
                errors=$((errors + 1))
            else
                rm -f "$e"
            fi
        done
        # A damaged file stays damaged: stop at the first, and keep it.
        [ "$corrupt" -eq 0 ] || break
    done 3< "$DIR/r3.delays"
    t1=$(stress_now)
    : "${acked:=0}"
    [ "$corrupt" -eq 0 ] || db=""
    stress_r3_close
    line="R3 crash: $kills kill -9 during writes ($r rounds of $R3_WRITERS writers, a journal left"
    line="$line $journals times), $total saves acknowledged, corrupt $corrupt, lost $lost"
    [ "$dup" -eq 0 ] || line="$line, saved twice $dup"
    [ "$errors" -eq 0 ] || line="$line, writers with errors $errors"
    [ "$total" -gt 0 ] || line="$line, nothing was saved"
    line="$line in $(stress_elapsed "$t0" "$t1") s — goal 0, 0"
    ok=0
    if [ "$corrupt" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$dup" -eq 0 ] && [ "$errors" -eq 0 ] &&
       [ "$kills" -eq "$R3_KILLS" ] && [ "$total" -gt 0 ]; then
        ok=1
    else
        stress_show "$DIR"/r3.err.* "$DIR/r3.verify"
    fi
    stress_result "$line" "$ok"
}

# stress_script NAME: another script's figures (it prints its own lines).
stress_script() {
    sh "$TSUNAGI_SRCDIR/tests/$1" "$mode" || FAILS=$((FAILS + 1))
}

stress_r1
stress_r2
stress_r3
stress_script faults.sh      # R4
# R5: the fuzz targets for their full runs (make check replays the kept
# corpora instead: tests/e2e/fuzz-replay.sh).
if [ "$mode" = full ]; then
    sh "$TSUNAGI_SRCDIR/tests/fuzz/run.sh" || FAILS=$((FAILS + 1))
fi
stress_script mounts.sh      # R7
[ "$FAILS" -eq 0 ]
