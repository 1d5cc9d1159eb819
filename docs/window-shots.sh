#!/usr/bin/env bash
# Takes the screenshots of the main window in docs/ from the real app under Xvfb with a
# window manager, on the demo server (`agent-desktop --demo`), a conversation open in each.
#
#   docs/window-shots.sh                  # all of them
#   docs/window-shots.sh light small      # only some: light dark pt_BR small scale2 note
#                                         # customer reply scheduled
#
#   light   main-window.png           1440x900 screen, the window at its 1280x800, a reply
#                                     scheduled for tomorrow 9:00 at the thread's end
#   dark    main-window-dark.png      GTK's Adwaita:dark palette, canned responses open
#   pt_BR   main-window-pt_BR.png     in Portuguese (LANGUAGE=pt_BR), the scheduler open
#   small   window-800x500.png        an 800x500 screen: the window fits it
#   scale2  window-scale-2.png        QT_SCALE_FACTOR=2 on a 1440x900 screen (720x450 to Qt)
#   note    note-and-contact.png      a private note with an @mention, the contact panel open
#   customer customer-time.png        the agent in New York (TZ), Beatriz in São Paulo: the
#                                     header's "HH:MM for Beatriz (São Paulo)", a reply for
#                                     tomorrow 21:30 in the scheduler, her time, the warnings
#                                     and the better time's button
#   reply   reply-box-scheduler.png   the agent in New York (TZ), a reply typed, the scheduler
#                                     open at "Tomorrow 9:00": the send time with its offset
#                                     and zone, the same instant in UTC and Beatriz's time
#   scheduled scheduled-tab.png       the agent in New York (TZ): replies scheduled in three
#                                     conversations from the keyboard, then the Scheduled tab
#                                     (Ctrl+2) with their times, statuses and backends
#
# Needs (Debian/Ubuntu): xvfb openbox xdotool x11-utils imagemagick procps fonts-dejavu-core,
# libgtk-3-0 (for the dark palette) and the X libraries the README lists; the app
# installed in .venv. docs/screenshots.sh takes the scheduler's daylight-saving ones.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
APP=${AGENT_DESKTOP:-$ROOT/.venv/bin/agent-desktop}
OUT=${OUT:-$HERE}
SCREEN_NUMBER=${SCREEN_NUMBER:-92}
SETTLE=${SETTLE:-15}   # seconds for the window to load and for the first notice to pass
export DISPLAY=:$SCREEN_NUMBER
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export QT_QPA_PLATFORM=xcb
unset AGENT_DESKTOP_HOME AGENT_DESKTOP_TOKEN QT_SCALE_FACTOR QT_QPA_PLATFORMTHEME GTK_THEME

WORK=$(mktemp -d /tmp/agent-desktop-window-shots-XXXXXX)
GROUPS_STARTED=()   # process groups this script started (setsid), ended at exit

say() { printf '== %s\n' "$*" >&2; }

spawn() {  # LOG COMMAND...: in its own process group, remembered for the end
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 &
    GROUPS_STARTED+=("$!")
    LAST_GROUP=$!
}

stop_group() { kill -- "-$1" 2>/dev/null || true; }

cleanup() {
    local group
    for group in "${GROUPS_STARTED[@]}"; do stop_group "$group"; done
    sleep 1
    for group in "${GROUPS_STARTED[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# -- a screen of a given size, with openbox for frames and focus --------------------

DISPLAY_GROUPS=()

start_display() {  # WIDTHxHEIGHT
    if xdpyinfo >/dev/null 2>&1; then
        echo "display $DISPLAY is taken: set SCREEN_NUMBER" >&2
        exit 1
    fi
    spawn "$WORK/xvfb.log" Xvfb "$DISPLAY" -screen 0 "$1x24" -nolisten tcp -r
    DISPLAY_GROUPS=("$LAST_GROUP")
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
    spawn "$WORK/openbox.log" openbox
    DISPLAY_GROUPS+=("$LAST_GROUP")
    sleep 1
}

stop_display() {
    local group
    for group in "${DISPLAY_GROUPS[@]}"; do stop_group "$group"; done
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 || break; sleep 0.2; done
}

# -- the app -------------------------------------------------------------------------

WIN=""       # the main window
CX=0 CY=0    # its top-left corner on the screen; clicks are relative to it
APP_GROUP=""

start_app() {  # the demo window, with the environment the caller exported
    spawn "$WORK/app.log" "$APP" --demo
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
    xdotool windowactivate --sync "$WIN" >/dev/null 2>&1 || true
    xdotool key ctrl+q
    for _ in $(seq 40); do
        kill -0 -- "-$APP_GROUP" 2>/dev/null || break
        sleep 0.5
    done
    stop_group "$APP_GROUP"
}

click() { xdotool mousemove $((CX + $1)) $((CY + $2)) click 1; sleep 0.7; }
keys() { xdotool key --delay 150 "$@"; sleep 1; }
typed() { xdotool type --delay 60 "$1"; sleep 1; }
park_pointer() { xdotool mousemove 0 0; sleep 0.5; }   # no hover, no tooltip

open_first_conversation() {  # Alt+J: the list's first, as the keyboard opens it
    keys alt+j
    sleep 3
    park_pointer
}

# shot_window FILE: the window with its frame (title bar), cut out of the screen
shot_window() {
    local frame=$WIN tree geometry
    while tree=$(xwininfo -tree -id "$frame" | grep 'Parent window id') \
        && ! grep -q 'the root window' <<<"$tree"; do
        frame=$(awk '{print $4}' <<<"$tree")   # up to the frame the window manager drew
    done
    geometry=$(xwininfo -id "$frame" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} /Width:/{w=$2} /Height:/{h=$2} END{printf "%dx%d+%d+%d", w, h, x, y}')
    import -window root -crop "$geometry" +repage "$1"
    say "wrote $1 ($geometry)"
}

shot_screen() {  # FILE: the whole screen, to show the window fits it
    import -window root "$1"
    say "wrote $1 (the whole screen)"
}

# -- the shots -----------------------------------------------------------------------

# main_window FILE [STEP]: the default window, the first conversation open, then STEP
main_window() {
    start_display 1440x900
    start_app
    open_first_conversation
    [ $# -gt 1 ] && "$2"
    park_pointer
    shot_window "$1"
    quit_app
    stop_display
}

# A reply scheduled for tomorrow 9:00 (Alt+2): its card ends the thread.
scheduled_reply() {
    typed "Oi Beatriz! O cupom foi reativado, pode tentar de novo amanhã de manhã."
    keys ctrl+shift+Return
    keys alt+2
    keys ctrl+shift+Return
    sleep 3
}

# "/re" in the reply: the account's canned responses that match.
canned_list() { typed "Claro! /re"; sleep 1; }

# A reply being written with the scheduler open (Ctrl+Shift+Enter, Alt+2).
scheduler_open() {
    typed "Oi Beatriz! O cupom foi reativado, pode tentar de novo amanhã de manhã."
    keys ctrl+shift+Return
    keys alt+2
}

# The scheduler open with tomorrow 21:30 typed into its date-time picker: 23:30 for a
# customer in São Paulo, after her inbox's hours and in her night, so the scheduler says so
# and offers the next time that suits both (Alt+N).
PICKER="469 596"   # in the 1280x800 window, below "Send at:" and "For the customer:"
customer_evening() {
    scheduler_open
    click $PICKER
    keys ctrl+a
    typed "$(date -d tomorrow +%F) 21:30"
    sleep 2
}

shoot_light() { say "light"; main_window "$OUT/main-window.png" scheduled_reply; }

shoot_dark() {
    say "dark"
    (
        export QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark
        main_window "$OUT/main-window-dark.png" canned_list
    )
}

shoot_pt_BR() {
    say "pt_BR"
    (export LANGUAGE=pt_BR; main_window "$OUT/main-window-pt_BR.png" scheduler_open)
}

shoot_small() {
    say "an 800x500 screen"
    start_display 800x500
    start_app
    open_first_conversation
    shot_screen "$OUT/window-800x500.png"
    quit_app
    stop_display
}

shoot_scale2() {
    say "QT_SCALE_FACTOR=2 on a 1440x900 screen"
    (
        export QT_SCALE_FACTOR=2
        start_display 1440x900
        start_app
        open_first_conversation
        shot_screen "$OUT/window-scale-2.png"
        quit_app
        stop_display
    )
}

# The first conversation, its contact panel (Alt+I), a private note mentioning Bruno:
# "@Bru" offers the account's agents and Enter puts the mention in.
PRIVATE_NOTE_TAB="485 591"   # in the 1280x800 window with the contact panel open
NOTE_EDITOR="500 660"
shoot_note() {
    say "a private note with a mention, the contact panel open"
    start_display 1440x900
    start_app
    open_first_conversation
    keys alt+i
    click $PRIVATE_NOTE_TAB
    click $NOTE_EDITOR
    typed "Coupon PRIMEIRA10 needs R\$ 100 in the cart. @Bru"
    sleep 1
    keys Return
    typed "could you check her cart before we reply?"
    park_pointer
    shot_window "$OUT/note-and-contact.png"
    # leave nothing half written behind in the throwaway demo
    quit_app
    stop_display
}

# The customer's clock: the agent's zone America/New_York, the first conversation's
# customer (Beatriz Lima, a São Paulo phone number in the demo) two or three hours ahead.
shoot_customer() {
    say "the customer's time: an agent in New York, a customer in São Paulo"
    (export TZ=America/New_York; main_window "$OUT/customer-time.png" customer_evening)
}

# The reply box as the README shows it: the agent in New York, the first conversation's
# customer in São Paulo, a reply typed and "Tomorrow 9:00" picked (Alt+2).
shoot_reply() {
    say "the reply box with the scheduler open"
    (export TZ=America/New_York; main_window "$OUT/reply-box-scheduler.png" scheduler_open)
}

# Replies scheduled in three conversations, one after the other as the keyboard goes
# (Alt+J the next): tomorrow 9:00 (Alt+2), in 1 hour (Alt+1), the customer's morning
# (Alt+4: 9:00 where Ana is); then the Scheduled tab (Ctrl+2), its first row clicked so
# that the message and its attempts show below.
FIRST_SCHEDULED_ROW="300 122"   # in the 1280x800 window, the Scheduled tab's first row
several_scheduled() {
    scheduled_reply
    keys alt+j
    sleep 2
    typed "Hi Michael! Your refund was processed today; it shows up in 3 to 5 business days."
    keys ctrl+shift+Return
    keys alt+1
    keys ctrl+shift+Return
    sleep 2
    keys alt+j
    sleep 2
    typed "Bom dia! Passando para confirmar se a troca deu certo."
    keys ctrl+shift+Return
    keys alt+4
    keys ctrl+shift+Return
    sleep 2
    keys ctrl+2
    sleep 2
    click $FIRST_SCHEDULED_ROW
}

shoot_scheduled() {
    say "the Scheduled tab"
    (export TZ=America/New_York; main_window "$OUT/scheduled-tab.png" several_scheduled)
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(light dark pt_BR small scale2 note customer reply scheduled)
for step in "${steps[@]}"; do
    "shoot_$step"
done
