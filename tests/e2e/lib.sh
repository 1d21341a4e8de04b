# lib.sh - shared by the end-to-end tests: the real binary in a real
# terminal emulator (tmux), driven by keys, judged by the screen.
# Each test sources this file; it runs in its own temporary directory
# with its own tmux server, which is killed on exit.

set -u
: "${TSUNAGI_BIN:?set by make check}"
: "${TSUNAGI_TESTBIN:?set by make check}"
: "${TSUNAGI_CORPUS:?set by make check}"

E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tsunagi-e2e.XXXXXX")
E2E_SOCK="$E2E_DIR/tmux.0.sock"
E2E_STARTS=0
E2E_FAILS=0
E2E_PASSES=0
# How long to wait for the screen to show something, in tenths of a second.
E2E_WAIT=${E2E_WAIT:-100}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_CONFIG_HOME="$E2E_DIR/config" XDG_DATA_HOME="$E2E_DIR/data"
export XDG_STATE_HOME="$E2E_DIR/state"
unset TSUNAGI_DB TMUX

e2e_cleanup() {
    tmux -S "$E2E_SOCK" kill-server 2>/dev/null
    rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

# e2e_start COLS ROWS TERM COMMAND...: run a command in a fresh terminal.
e2e_start() {
    cols=$1 rows=$2 term=$3
    shift 3
    tmux -S "$E2E_SOCK" kill-server 2>/dev/null
    # A new server per terminal: a dying one may still hold the old socket.
    E2E_STARTS=$((E2E_STARTS + 1))
    E2E_SOCK="$E2E_DIR/tmux.$E2E_STARTS.sock"
    tmux -S "$E2E_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
        "env TERM=$term LANG=$LANG LC_ALL=$LC_ALL $*; echo '[exit '\$?']'; sleep 30"
    tmux -S "$E2E_SOCK" set-option -g -t t remain-on-exit on >/dev/null
}

# e2e_keys KEY...: type keys (tmux key names, or literal text with -l).
e2e_keys() {
    tmux -S "$E2E_SOCK" send-keys -t t "$@"
}

# e2e_type TEXT: type text literally, as an input method delivers it.
e2e_type() {
    tmux -S "$E2E_SOCK" send-keys -t t -l "$1"
}

# e2e_screen: the visible screen, one line per row.
e2e_screen() {
    tmux -S "$E2E_SOCK" capture-pane -p -t t
}

# e2e_pid: the process id of the program in the terminal.
e2e_pid() {
    pgrep -P "$(tmux -S "$E2E_SOCK" display-message -p -t t '#{pane_pid}')" | head -1
}

# e2e_resize COLS ROWS
e2e_resize() {
    tmux -S "$E2E_SOCK" resize-window -t t -x "$1" -y "$2"
}

# e2e_shows TEXT: the screen shows TEXT now, on one row or running on
# from one row into the next (a long message takes two).
e2e_shows() {
    e2e_screen > "$E2E_DIR/screen.now"
    grep -qF -- "$1" "$E2E_DIR/screen.now" || tr -d '\n' < "$E2E_DIR/screen.now" | grep -qF -- "$1"
}

# e2e_wait TEXT: wait until the screen shows TEXT; false on time-out.
e2e_wait() {
    i=0
    while [ $i -lt "$E2E_WAIT" ]; do
        e2e_shows "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# e2e_until COMMAND...: wait until a check of the screen holds; false on
# time-out, after a last try that shows what the command says.  A frame
# reaches tmux in pieces, so a check that reads the screen once may see
# half of it.
e2e_until() {
    i=0
    while [ $i -lt "$E2E_WAIT" ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        i=$((i + 1))
    done
    "$@"
}

# e2e_wait_gone TEXT: wait until the screen no longer shows TEXT.
e2e_wait_gone() {
    i=0
    while [ $i -lt "$E2E_WAIT" ]; do
        e2e_screen | grep -qF -- "$1" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# e2e_ok NAME / e2e_fail NAME: record a result; a failure shows the screen.
e2e_ok() {
    E2E_PASSES=$((E2E_PASSES + 1))
    echo "ok - $1"
}
e2e_fail() {
    E2E_FAILS=$((E2E_FAILS + 1))
    echo "FAIL - $1"
    echo "---- screen ----"
    e2e_screen 2>/dev/null | sed 's/^/| /'
    echo "----------------"
}

# e2e_check NAME COMMAND...: pass when the command succeeds.
e2e_check() {
    name=$1
    shift
    if "$@"; then e2e_ok "$name"; else e2e_fail "$name"; fi
}

# e2e_demo_db: a demo database made by the real `tsunagi init --demo`.
e2e_demo_db() {
    "$TSUNAGI_BIN" init --demo --db "$E2E_DIR/demo.db" >/dev/null || return 1
    echo "$E2E_DIR/demo.db"
}

# e2e_done: the closing line, and the exit status.
e2e_done() {
    echo "$E2E_PASSES passed, $E2E_FAILS failed"
    [ "$E2E_FAILS" -eq 0 ]
}
