#!/bin/sh
# faults.sh MODE - R4: what a worker sees when the shared file fails under
# them, measured on the real binary in a real terminal (tmux).  Each fault
# strikes while an intake form is open with text typed into it:
#
#   disk full         the file system fills up (a small tmpfs)
#   read-only         the file system turns read-only (remount,ro)
#   share vanishes    the FUSE mount holding the file dies (bindfs killed),
#                     and comes back later
#   lock held         another process holds the write lock (30 s; 5 s small)
#   SIGHUP            the terminal goes away mid-form
#
# For each: a Japanese message, the typed text still on screen or kept as a
# draft (in the user's own folder where the database cannot take it), no
# crash, an intact file, and the save going through once the fault is
# gone.  One line per fault on stdout, starting with R4 and ending with
# PASS or FAIL (SKIP when not root: the faults need a private mount
# namespace).  MODE is full or small.  Needs tmux, sqlite3, bindfs.
set -u

mode=${1:-}
case $mode in
full) LOCK_HOLD_S=30 ;;
small) LOCK_HOLD_S=5 ;;
*) echo "usage: faults.sh full|small" >&2; exit 2 ;;
esac
# The status line must show a wait within this long of pressing Ctrl-S
# (the notice comes at 0.5 s), and ESC must take effect within this long;
# both include the time tmux takes to deliver the key and show the screen.
NOTICE_LIMIT_MS=1500
CANCEL_LIMIT_MS=2000
# Room on the small file system: the empty database and a little more.
TMPFS_SIZE=2m

if [ "$(id -u)" -ne 0 ]; then
    echo "R4 faults: skipped, a private mount namespace needs root — SKIP"
    exit 0
fi
if [ -z "${TSUNAGI_FAULTS_NS:-}" ]; then
    TSUNAGI_FAULTS_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi

: "${TSUNAGI_SRCDIR:?}"
. "$TSUNAGI_SRCDIR/tests/e2e/lib.sh"
T=$TSUNAGI_BIN
export XDG_STATE_HOME="$E2E_DIR/state"
TSUNAGI_FORMS=$TSUNAGI_SRCDIR/forms
export TSUNAGI_FORMS
SPOOL=$XDG_STATE_HOME/tsunagi
FAILS=0
BINDFS_PID=""

# faults_cleanup: unmount what was mounted (the namespace goes with us
# anyway), then the usual e2e cleanup.
faults_cleanup() {
    [ -z "$BINDFS_PID" ] || kill -9 "$BINDFS_PID" 2>/dev/null
    tmux -S "$E2E_SOCK" kill-server 2>/dev/null
    for m in "$E2E_DIR"/share "$E2E_DIR"/fuse; do
        umount -l "$m" 2>/dev/null
    done
    rm -rf "$E2E_DIR"
}
trap faults_cleanup EXIT

# next N: move the focus N fields on.
next() { n=$1; while [ "$n" -gt 0 ]; do e2e_keys Tab; n=$((n - 1)); done; }

# now_ms: milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# faults_fill TEXT: a new intake with the required fields and TEXT as what
# was said (the default form's order; see tests/e2e/intake.sh).
faults_fill() {
    e2e_keys F3
    e2e_wait "相談受付票" >/dev/null
    e2e_keys 1                      # 相談経路: 窓口
    next 12; e2e_type "$1"          # 相談内容
    next 1; e2e_keys 3              # 緊急度: 通常
    next 2; e2e_keys 1              # 対応: 窓口で対応・終了
}

# faults_start DB: the screen on DB, waiting for the lookup.
faults_start() {
    e2e_start 80 24 xterm-256color "$T" --db "$1"
    e2e_wait "クイック検索" >/dev/null
}

# faults_saved DB TEXT: how many consultations say TEXT.
faults_saved() {
    sqlite3 "$1" "SELECT count(*) FROM consultation WHERE content = '$2'" 2>/dev/null || echo 0
}

# faults_intact DB: integrity_check says ok.
faults_intact() {
    [ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>/dev/null)" = ok ]
}

# faults_alive: the program in the terminal is still running.
faults_alive() {
    [ -n "$(e2e_pid)" ] && ! e2e_screen | grep -q '^\[exit'
}

# faults_spooled TEXT: a draft file in the user's own folder holds TEXT.
faults_spooled() {
    grep -qs -- "$1" "$SPOOL"/draft-*.txt
}

# faults_result NAME LINE: print a fault's line; $bad lists what failed.
faults_result() {
    if [ -z "$bad" ]; then
        printf 'R4 %s: %s — PASS\n' "$1" "$2"
    else
        printf 'R4 %s: %s; failed:%s — FAIL\n' "$1" "$2" "$bad"
        echo "---- screen ($1) ----" >&2
        e2e_screen 2>/dev/null | sed 's/^/| /' >&2
        FAILS=$((FAILS + 1))
    fi
}

# expect WHAT COMMAND...: note WHAT as failed unless the command succeeds.
expect() {
    what=$1
    shift
    "$@" || bad="$bad $what;"
}

# faults_new_db PATH: an empty database there, made by the real init.
faults_new_db() {
    "$T" init --db "$1" > /dev/null 2>&1
}

# ---- disk full ---------------------------------------------------------------
fault_disk_full() {
    bad=""
    share=$E2E_DIR/share
    mkdir -p "$share"
    if ! mount -t tmpfs -o size=$TMPFS_SIZE tmpfs "$share" 2>/dev/null; then
        bad=" mount a tmpfs;"
        faults_result "disk full" "could not make the small file system"
        return
    fi
    db=$share/tsunagi.db
    faults_new_db "$db" || bad="$bad init;"
    faults_start "$db"
    text="ディスクが満杯の日の相談"
    faults_fill "$text"
    dd if=/dev/zero of="$share/fill" bs=64k 2>/dev/null
    e2e_keys C-s
    expect "Japanese message" e2e_wait "ディスクの空き容量がありません"
    expect "text on screen" e2e_wait "$text"
    expect "draft in the user's folder" faults_spooled "$text"
    expect "still running" faults_alive
    rm -f "$share/fill"
    e2e_keys C-s
    expect "saved once space was freed" e2e_wait "匿名の相談として保存しました"
    expect "saved exactly once" test "$(faults_saved "$db" "$text")" -eq 1
    expect "draft file removed after the save" sh -c "! grep -qs -- '$text' '$SPOOL'/draft-*.txt"
    expect "integrity" faults_intact "$db"
    e2e_keys F10
    e2e_wait "[exit 0]" >/dev/null
    faults_result "disk full" "message 「ディスクの空き容量がありません」, text kept on screen and as a draft file, saved after space was freed, integrity ok"
}

# ---- read-only -----------------------------------------------------------------
# The administrator takes write permission away from the folder and the
# file while a worker (not root, whom permissions do not stop) has the
# form open: the journal cannot be created next to the file.
fault_read_only() {
    bad=""
    ro=$E2E_DIR/ro
    mkdir -p "$ro"
    db=$ro/tsunagi.db
    faults_new_db "$db" || bad="$bad init;"
    "$T" staff add --db "$db" nobody '読取　専用' --role counter > /dev/null 2>&1 ||
        bad="$bad staff add;"
    # nobody's own folder for drafts.
    state=$E2E_DIR/state-nobody
    mkdir -p "$state"
    chmod 755 "$E2E_DIR"
    chown nobody "$ro" "$db" "$state"
    e2e_start 80 24 xterm-256color runuser -u nobody -- env XDG_STATE_HOME="$state" \
        TSUNAGI_FORMS="$TSUNAGI_FORMS" "$T" --db "$db"
    e2e_wait "クイック検索" >/dev/null
    text="読み取り専用になった日の相談"
    faults_fill "$text"
    chmod 555 "$ro"
    chmod 444 "$db"
    e2e_keys C-s
    expect "Japanese message" e2e_wait "読み取り専用です"
    expect "text on screen" e2e_wait "$text"
    expect "draft in the user's folder" grep -qs -- "$text" "$state"/tsunagi/draft-*.txt
    expect "still running" faults_alive
    chmod 755 "$ro"
    chmod 644 "$db"
    e2e_keys C-s
    expect "saved once writable again" e2e_wait "匿名の相談として保存しました"
    expect "saved exactly once" test "$(faults_saved "$db" "$text")" -eq 1
    expect "integrity" faults_intact "$db"
    e2e_keys F10
    e2e_wait "[exit 0]" >/dev/null
    faults_result "read-only" "message 「読み取り専用です」, text kept on screen and as a draft file, saved once writable again, integrity ok"
}

# faults_mount_fuse: mount the folder behind the share through bindfs.
faults_mount_fuse() {
    bindfs -f "$E2E_DIR/backing" "$E2E_DIR/fuse" 2>/dev/null &
    BINDFS_PID=$!
    i=0
    while [ $i -lt 50 ] && ! mountpoint -q "$E2E_DIR/fuse"; do
        sleep 0.1
        i=$((i + 1))
    done
    mountpoint -q "$E2E_DIR/fuse"
}

# ---- share vanishes ----------------------------------------------------------
fault_share_vanishes() {
    bad=""
    mkdir -p "$E2E_DIR/backing" "$E2E_DIR/fuse"
    if ! faults_mount_fuse; then
        bad=" mount bindfs;"
        faults_result "share vanishes" "could not mount the FUSE share"
        return
    fi
    db=$E2E_DIR/fuse/tsunagi.db
    faults_new_db "$db" || bad="$bad init;"
    faults_start "$db"
    text="共有が切れた日の相談"
    faults_fill "$text"
    kill -9 "$BINDFS_PID"
    wait "$BINDFS_PID" 2>/dev/null
    BINDFS_PID=""
    e2e_keys C-s
    expect "Japanese message" e2e_wait "共有フォルダの切断など"
    expect "text on screen" e2e_wait "$text"
    expect "draft in the user's folder" faults_spooled "$text"
    expect "still running" faults_alive
    # The share comes back while the form is still open: the same Ctrl-S
    # saves, through a new connection.
    umount -l "$E2E_DIR/fuse" 2>/dev/null
    faults_mount_fuse || bad="$bad remount;"
    e2e_keys C-s
    expect "saved once the share was back" e2e_wait "匿名の相談として保存しました"
    expect "saved exactly once" test "$(faults_saved "$db" "$text")" -eq 1
    # Vanishing again, the worker quits: the draft goes to the user's
    # folder, and the next start (share back) brings it into the database.
    text2="切断中に終了した相談"
    faults_fill "$text2"
    kill -9 "$BINDFS_PID"
    wait "$BINDFS_PID" 2>/dev/null
    BINDFS_PID=""
    e2e_keys F10
    expect "F10 exits though the database is gone" e2e_wait "[exit 0]"
    expect "the quit form kept as a draft file" faults_spooled "$text2"
    umount -l "$E2E_DIR/fuse" 2>/dev/null
    faults_mount_fuse || bad="$bad remount;"
    faults_start_drafts "$db"
    expect "next start offers it" e2e_wait "保存されていない入力（下書き）が 1 件あります"
    e2e_keys Enter
    expect "with the typed text" e2e_wait "$text2"
    expect "the draft file moved into the database" sh -c "! grep -qs -- '$text2' '$SPOOL'/draft-*.txt"
    expect "integrity" faults_intact "$db"
    e2e_keys F10
    e2e_wait "[exit 0]" >/dev/null
    faults_result "share vanishes" "message 「…共有フォルダの切断など…」, text kept on screen and as a draft file, saved through a new connection once the share was back; quit while it was gone, the draft came back at the next start; integrity ok"
}

# faults_start_drafts DB: the screen on DB where the drafts list comes first.
faults_start_drafts() {
    e2e_start 80 24 xterm-256color "$T" --db "$1"
    e2e_wait "下書き" >/dev/null
}

# ---- lock held ---------------------------------------------------------------
fault_lock_held() {
    bad=""
    db=$E2E_DIR/lock.db
    faults_new_db "$db" || bad="$bad init;"
    faults_start "$db"
    text="ロックが続いた日の相談"
    faults_fill "$text"
    (echo "BEGIN IMMEDIATE;"
     echo "INSERT INTO household(name, created_at, updated_at) VALUES ('lock', 'x', 'x');"
     sleep "$LOCK_HOLD_S"
     echo "COMMIT;") | sqlite3 "$db" &
    holder=$!
    held_at=$(now_ms)
    sleep 0.3
    t0=$(now_ms)
    e2e_keys C-s
    expect "wait shown" e2e_wait "他の端末が書き込み中です"
    notice=$(($(now_ms) - t0))
    t1=$(now_ms)
    e2e_keys Escape
    expect "ESC gives up and keeps the form" e2e_wait "入力内容は残っています"
    cancel=$(($(now_ms) - t1))
    expect "text on screen" e2e_wait "$text"
    expect "notice within ${NOTICE_LIMIT_MS} ms" test "$notice" -le "$NOTICE_LIMIT_MS"
    expect "ESC within ${CANCEL_LIMIT_MS} ms" test "$cancel" -le "$CANCEL_LIMIT_MS"
    # Saving again and waiting: it goes through when the holder lets go.
    e2e_keys C-s
    E2E_WAIT=$(( (LOCK_HOLD_S + 10) * 10 )) e2e_wait "匿名の相談として保存しました" ||
        bad="$bad saved after the lock was released;"
    waited=$(( ($(now_ms) - held_at) / 1000 ))
    wait "$holder" 2>/dev/null
    expect "saved exactly once" test "$(faults_saved "$db" "$text")" -eq 1
    expect "still running" faults_alive
    expect "integrity" faults_intact "$db"
    e2e_keys F10
    e2e_wait "[exit 0]" >/dev/null
    faults_result "lock held ${LOCK_HOLD_S} s" "wait shown after $notice ms, ESC gave the save up in $cancel ms with the form kept, saved again once released (${waited} s after the lock was taken), integrity ok"
}

# ---- SIGHUP mid-form -----------------------------------------------------------
fault_sighup() {
    bad=""
    db=$E2E_DIR/lock.db
    faults_start "$db"
    text="回線が切れた瞬間の相談"
    faults_fill "$text"
    # At once, before a pause could have kept it.
    kill -HUP "$(e2e_pid)"
    expect "ends cleanly" e2e_wait "[exit 0]"
    expect "kept as a draft" sh -c "sqlite3 '$db' 'SELECT data FROM draft' | grep -q -- '$text'"
    faults_start_drafts "$db"
    expect "next start offers it" e2e_wait "保存されていない入力（下書き）が 1 件あります"
    e2e_keys Enter
    expect "with the typed text" e2e_wait "$text"
    e2e_keys C-s
    expect "and it saves" e2e_wait "匿名の相談として保存しました"
    expect "integrity" faults_intact "$db"
    e2e_keys F10
    e2e_wait "[exit 0]" >/dev/null
    faults_result "SIGHUP mid-form" "ended cleanly, the form kept as a draft and offered at the next start, then saved, integrity ok"
}

fault_disk_full
fault_read_only
fault_share_vanishes
fault_lock_held
fault_sighup
[ "$FAILS" -eq 0 ]
