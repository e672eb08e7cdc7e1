# Helpers of the drills on the simulated network (run.sh, overflow.sh), sourced after they set
# repo, here, work and topology; viewer also needs broker (the broker's viewer URL).
cdn() { CDN_SKIP_BUILD=1 "$repo/cdn" "$@"; }
load() { cut -d' ' -f1 /proc/loadavg; }
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%T.%3N)" "$line"; done; }
event() { echo "{\"event\": \"$1\", \"t\": $(date +%s%3N)}" >> "$work/events.jsonl"; }
ps_json() { cdn ps --topology "$topology" --json; }
field() { ps_json | jq -r --arg n "$1" ".[] | select(.name == \$n) | .$2"; }
viewer() { # GROUP MODE ARGS...: player.py in the group's namespace, logging to work/GROUP-MODE.jsonl
  local group="$1" mode="$2"; shift 2
  cdn topology exec --topology "$topology" "$group" -- \
    python3 "$here/player.py" "$mode" --broker "$broker" --log "$work/$group-$mode.jsonl" "$@"
}
