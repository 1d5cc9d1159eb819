#!/usr/bin/env bash
# Takes the daylight-saving screenshots in docs/ from the real app under Xvfb, with the
# machine's clock faked by libfaketime and the agent's zone set to America/New_York.
#
#   docs/screenshots.sh              # all of them
#   docs/screenshots.sh jump hour    # only some: jump, hour, fallback, twice
#
# Needs (Debian/Ubuntu): xvfb openbox xdotool x11-utils imagemagick faketime procps
# fonts-dejavu-core and the X libraries the README lists; the app installed in .venv.
#
# The clock: `faketime -f "@SECONDS"` with FAKETIME_FMT=%s starts the app's clock at
# that Unix instant (no zone to guess, so the first and the second 01:30 of the night
# the clocks fall back are told apart) and lets it keep ticking from there.
# FAKETIME_DONT_RESET=1 lets the processes the app starts (its sender) share that clock
# instead of starting it again. Python's time.time() and Qt both read it; the demo
# server of --demo runs inside the app, so it does too.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
APP=${AGENT_DESKTOP:-$ROOT/.venv/bin/agent-desktop}
OUT=${OUT:-$HERE}
SCREEN_NUMBER=${SCREEN_NUMBER:-91}
PORT=${PORT:-3091}                  # the separate demo server of the last step
SETTLE=${SETTLE:-15}                # seconds for the window to load and paint (busy machines: more)
export DISPLAY=:$SCREEN_NUMBER
export TZ=America/New_York LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export FAKETIME_FMT=%s FAKETIME_DONT_RESET=1
export QT_QPA_PLATFORM=xcb
unset AGENT_DESKTOP_HOME AGENT_DESKTOP_TOKEN

WORK=$(mktemp -d /tmp/agent-desktop-shots-XXXXXX)
GROUPS_STARTED=()      # process groups this script started (setsid), ended at exit

# The senders (`agent-desktop run --for-window PID`) that the windows of a process
# group started: they run in a session of their own, outside the group.
senders_of() {
    local pid
    for pid in $(pgrep -g "$1" || true); do
        pgrep -f -- "--for-window $pid\$" || true
    done
}

cleanup() {
    local group senders=""
    for group in "${GROUPS_STARTED[@]}"; do
        senders+=" $(senders_of "$group")"
        kill -- "-$group" 2>/dev/null || true
    done
    sleep 1
    for group in "${GROUPS_STARTED[@]}"; do
        kill -KILL -- "-$group" 2>/dev/null || true
    done
    for pid in $senders; do kill "$pid" 2>/dev/null || true; done
    sleep 1
    rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '== %s\n' "$*" >&2; }

# Start a command in its own process group, remembered for cleanup (LAST_GROUP).
spawn() {
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 &
    GROUPS_STARTED+=("$!")
    LAST_GROUP=$!
}

ny_epoch() { TZ=America/New_York date -d "$1" +%s; }   # an unambiguous New York time
utc_epoch() { TZ=UTC date -d "$1" +%s; }

# -- the X server ------------------------------------------------------------------

start_display() {
    if xdpyinfo >/dev/null 2>&1; then
        echo "display $DISPLAY is taken: set SCREEN_NUMBER" >&2
        exit 1
    fi
    spawn "$WORK/xvfb.log" Xvfb "$DISPLAY" -screen 0 1440x900x24 -nolisten tcp -r
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
    spawn "$WORK/openbox.log" openbox   # focus and window frames, as on a desktop
    sleep 1
}

# -- the app -----------------------------------------------------------------------

WIN=""      # the main window
CX=0 CY=0   # its top-left corner on the screen; clicks are relative to it
APP_GROUP=""

# start_app EPOCH ARGS...: the window with its clock starting at EPOCH
start_app() {
    local epoch=$1
    shift
    spawn "$WORK/app-$epoch.log" faketime -f "@$epoch" "$APP" "$@"
    APP_GROUP=$LAST_GROUP
    WIN=$(wait_window '^Agent Desktop')
    sleep "$SETTLE"
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
    read -r CX CY < <(xwininfo -id "$WIN" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} END{print x, y}')
}

wait_window() {  # NAME-REGEX: the id of the first visible window so named
    local id=""
    for _ in $(seq 120); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
        [ -n "$id" ] && { echo "$id"; return; }
        sleep 0.5
    done
    echo "no window named $1 appeared" >&2
    exit 1
}

quit_app() {  # File > Quit (Ctrl+Q), as an agent would; the process group if it lingers
    local pid senders
    senders=$(senders_of "$APP_GROUP")
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
    xdotool key ctrl+q
    for _ in $(seq 60); do
        kill -0 -- "-$APP_GROUP" 2>/dev/null || break
        sleep 0.5
    done
    kill -- "-$APP_GROUP" 2>/dev/null || true
    sleep 2
    for pid in $senders; do   # a demo's ends with its window; one for a kept home goes on
        kill "$pid" 2>/dev/null || true
    done
}

click() { xdotool mousemove $((CX + $1)) $((CY + $2)) click 1; sleep 0.7; }
keys() { xdotool key --delay 150 "$@"; sleep 1; }
typed() { xdotool type --delay 60 "$1"; sleep 1; }

# shot WINDOW FILE: the window with its frame (title bar), cut out of the screen
shot() {
    local frame=$1 file=$2 tree geometry
    while tree=$(xwininfo -tree -id "$frame" | grep 'Parent window id') \
        && ! grep -q 'the root window' <<<"$tree"; do
        frame=$(awk '{print $4}' <<<"$tree")   # up to the frame the window manager drew
    done
    geometry=$(xwininfo -id "$frame" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} /Width:/{w=$2} /Height:/{h=$2} END{printf "%dx%d+%d+%d", w, h, x, y}')
    import -window root -crop "$geometry" +repage "$file"
    say "wrote $file ($geometry)"
}

# Places in the 1280x800 main window (relative to its top-left corner), as laid out
# by default: the first conversation of the list, the reply box, and the scheduler's
# date-time picker once it is open with a time without seconds.
FIRST_CONVERSATION="120 168"
REPLY_BOX="820 663"
PICKER="469 596"   # below "Send at:" and "For the customer:"

open_first_conversation_and_write() {  # TEXT
    click $FIRST_CONVERSATION
    sleep 2
    click $REPLY_BOX
    typed "$1"
}

# -- 1. A time that does not exist -------------------------------------------------
# 10 March 2027, 10:00 EST. In the reply box, Ctrl+Shift+Enter opens the scheduler;
# Alt+2 (tomorrow 9:00) gives the picker a time without seconds; then 2027-03-14 02:30
# is typed into it. That night New York's clocks jump from 02:00 to 03:00: the panel
# refuses the time and offers 01:59 EST (UTC-05:00) and 03:00 EDT (UTC-04:00).
shoot_jump() {
    say "clocks jump: 2027-03-14 02:30 in New York"
    start_app "$(ny_epoch '2027-03-10 10:00:00')" --demo
    open_first_conversation_and_write "Your new card will be ready on Sunday."
    keys ctrl+shift+Return
    keys alt+2
    click $PICKER
    keys ctrl+a
    typed "2027-03-14 02:30"
    sleep 2
    shot "$WIN" "$OUT/clocks-jump-new-york.png"
    quit_app
}

# -- 2. "In 1 hour" on the nights the clocks change ---------------------------------
# Spring: the clock starts at 2027-03-14 01:30:00 EST (06:30 UTC). "In 1 hour" (Alt+1)
# is exactly 3,600 s later: 03:30 EDT (UTC-04:00), 07:30 UTC (plus the seconds that
# passed while the window opened).
shoot_hour() {
    say "in 1 hour from 2027-03-14 01:30 EST"
    start_app "$(ny_epoch '2027-03-14 01:30:00')" --demo
    open_first_conversation_and_write "Checking again in an hour."
    keys ctrl+shift+Return
    keys alt+1
    sleep 1
    shot "$WIN" "$OUT/in-one-hour-new-york.png"
    quit_app
}

# Autumn: the clock starts at 2027-11-07 05:30:00 UTC, the first 01:30 (EDT, UTC-04:00).
# "In 1 hour" is the second 01:30: EST (UTC-05:00), 06:30 UTC.
shoot_fallback() {
    say "in 1 hour from 2027-11-07 01:30 EDT (the first 01:30)"
    start_app "$(utc_epoch '2027-11-07 05:30:00')" --demo
    open_first_conversation_and_write "Checking again in an hour."
    keys ctrl+shift+Return
    keys alt+1
    sleep 1
    shot "$WIN" "$OUT/in-one-hour-fall-back-new-york.png"
    quit_app
}

# -- 3. A message in the hour that happens twice, edited ------------------------------
# `agent-desktop --demo` keeps its data in a throwaway directory that the command line
# cannot reach, so this step runs `agent-desktop demo-server` on its own port (account 1:
# upstream Chatwoot, so the message waits in the app's local outbox) and points the
# command line and the window at one data directory with --home. Everything runs with
# the clock starting at 2027-11-06 10:00 EDT.
#   - The command line schedules a reply for 2027-11-07 01:30:45, --later: the second
#     01:30, EST (UTC-05:00) = 06:30:45 UTC.
#   - The window, Scheduled tab (Ctrl+2): the message is opened for editing (Enter),
#     its text replaced and nothing else touched; the dialog, before saving, shows
#     01:30:45 and the second occurrence (EST, UTC-05:00): hour-twice-new-york.png.
#   - Saved, the Scheduled tab's row still says 01:30:45 EST: hour-twice-kept-new-york.png.
shoot_twice() {
    say "a message at the second 01:30:45 of 2027-11-07, edited"
    local start home server
    start=$(ny_epoch '2027-11-06 10:00:00')
    home=$WORK/home
    server=http://127.0.0.1:$PORT
    spawn "$WORK/demo-server.log" faketime -f "@$start" "$APP" demo-server --port "$PORT" \
        --customer-interval 0
    local server_group=$LAST_GROUP
    for _ in $(seq 60); do grep -q '^token:' "$WORK/demo-server.log" 2>/dev/null && break; sleep 0.5; done
    cli() { AGENT_DESKTOP_TOKEN=demo-agent-token faketime -f "@$start" "$APP" --home "$home" "$@"; }
    # sign in: the profile is kept; the token is not (no keyring here), so the command
    # line and the window take it from AGENT_DESKTOP_TOKEN
    echo demo-agent-token | faketime -f "@$start" "$APP" --server "$server" --account 1 \
        --home "$home" login || true
    cli schedule 4 --text "Good morning! Your replacement ships first thing on Monday." \
        --at "2027-11-07 01:30:45" --later
    cli scheduled
    AGENT_DESKTOP_TOKEN=demo-agent-token start_app "$start" --home "$home"
    keys ctrl+2
    sleep 2
    click $SCHEDULED_FIRST_ROW
    if [ -n "${DEBUG_DIR:-}" ]; then import -window root "$DEBUG_DIR/scheduled-tab.png"; fi
    keys Return
    local dialog
    dialog=$(wait_window '^Edit scheduled message')
    sleep 2
    xdotool windowactivate --sync "$dialog" >/dev/null 2>&1 || true
    keys ctrl+a
    typed "Good morning! Your replacement ships first thing on Monday, tracking number inside."
    sleep 1
    shot "$dialog" "$OUT/hour-twice-new-york.png"
    # Save: the dialog's button box, bottom right
    local dx dy dw dh
    read -r dx dy dw dh < <(xwininfo -id "$dialog" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} /Width:/{w=$2} /Height:/{h=$2} END{print x, y, w, h}')
    xdotool mousemove $((dx + dw - 136)) $((dy + dh - 23)) click 1
    sleep 3
    cli scheduled --json   # the stored instant after the edit: still 06:30:45 UTC
    shot "$WIN" "$OUT/hour-twice-kept-new-york.png"
    quit_app
    kill -- "-$server_group" 2>/dev/null || true
}
SCHEDULED_FIRST_ROW="300 120"

start_display
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(jump hour fallback twice)
for step in "${steps[@]}"; do
    "shoot_$step"
done
