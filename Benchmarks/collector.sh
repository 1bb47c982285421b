#!/usr/bin/env bash
# make bench-collect: wrk (-t1 -c32 -d10s, loopback, the product brief's corrected example) against
# `trackscope collect` (default durability: fsync before answering) and, in the same run, against a
# bare Hummingbird app that reads the body and answers 200. Prints both throughputs and their ratio,
# then checks that every 200 the collector gave is a record in its capture log.
# Goal: ratio >= 0.6. Environment: DURATION (default 10s), CONNECTIONS (32), THREADS (1).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
BODY=Tests/Fixtures/legacy-brief-corrected.json
LUA=Benchmarks/collector-post.lua

for tool in wrk jq; do
  command -v "$tool" >/dev/null || { echo "bench-collect needs $tool (make system-packages-bench)" >&2; exit 1; }
done

echo "building release ..."
swift build -c release --product trackscope >/dev/null
swift build -c release --product BareServer >/dev/null
BIN=$(swift build -c release --show-bin-path)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Waits (at most 20 s) until the server writing to file $1 prints its port; echoes the port.
wait_for_port() {
  local out=$1
  for _ in $(seq 200); do
    local port
    port=$(grep -oE '(listening on (http://127\.0\.0\.1:)?)[0-9]+' "$out" | grep -oE '[0-9]+$' | head -1 || true)
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    sleep 0.1
  done
  echo "server did not start:" >&2; cat "$out" >&2; exit 1
}

# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_wrk() { # URL -> prints wrk output
  timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$1" -- "$BODY"
}

"$BIN/BareServer" --port 0 >"$WORK/bare.out" 2>&1 &
BARE_PID=$!
PIDS+=($BARE_PID)
LOG="$WORK/capture.jsonl"
"$BIN/trackscope" collect --port 0 --log "$LOG" >"$WORK/collect.out" 2>&1 &
COLLECT_PID=$!
PIDS+=($COLLECT_PID)
BARE_PORT=$(wait_for_port "$WORK/bare.out")
COLLECT_PORT=$(wait_for_port "$WORK/collect.out")

echo "bare Hummingbird on 127.0.0.1:$BARE_PORT, trackscope collect on 127.0.0.1:$COLLECT_PORT (log $LOG)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, body $BODY ($(wc -c <"$BODY") bytes)"
echo
echo "== bare Hummingbird =="
BARE_TICKS=$(cpu_ticks "$BARE_PID")
BARE=$(run_wrk "http://127.0.0.1:$BARE_PORT/v2/1234/events")
BARE_TICKS=$(( $(cpu_ticks "$BARE_PID") - BARE_TICKS ))
echo "$BARE" | grep -E "Requests/sec|Latency|99%|requests in|status"
echo
echo "== trackscope collect (durability fsync) =="
COLLECT_TICKS=$(cpu_ticks "$COLLECT_PID")
COLLECT=$(run_wrk "http://127.0.0.1:$COLLECT_PORT/v2/1234/events")
COLLECT_TICKS=$(( $(cpu_ticks "$COLLECT_PID") - COLLECT_TICKS ))
echo "$COLLECT" | grep -E "Requests/sec|Latency|99%|requests in|status"

# Stop the collector cleanly (SIGTERM), so its log is closed, then count what it holds.
kill -TERM "$COLLECT_PID"
for _ in $(seq 100); do kill -0 "$COLLECT_PID" 2>/dev/null || break; sleep 0.1; done

BARE_RPS=$(echo "$BARE" | awk '/Requests\/sec/ {print $2}')
COLLECT_RPS=$(echo "$COLLECT" | awk '/Requests\/sec/ {print $2}')
OK=$(echo "$COLLECT" | awk -F= '/^status200=/ {print $2}')
RECORDED=$(tail -n +2 "$LOG" | jq -c 'select(.direction == "received" and .response.status == 200)' | wc -l)
ALL=$(tail -n +2 "$LOG" | wc -l)

echo
printf 'bare:    %12.1f requests/s\n' "$BARE_RPS"
printf 'collect: %12.1f requests/s\n' "$COLLECT_RPS"
RATIO=$(awk -v c="$COLLECT_RPS" -v b="$BARE_RPS" 'BEGIN { printf "%.3f", c / b }')
echo "ratio collect/bare: $RATIO (goal >= 0.6)"
# Both cores are shared with wrk, so the ratio follows the servers' CPU time per request.
HZ=$(getconf CLK_TCK)
BARE_REQUESTS=$(echo "$BARE" | awk '/requests in/ {print $1}')
COLLECT_REQUESTS=$(echo "$COLLECT" | awk '/requests in/ {print $1}')
awk -v t="$BARE_TICKS" -v n="$BARE_REQUESTS" -v hz="$HZ" 'BEGIN { printf "server CPU per request: bare %.0f us", t * 1e6 / hz / n }'
awk -v t="$COLLECT_TICKS" -v n="$COLLECT_REQUESTS" -v hz="$HZ" 'BEGIN { printf ", collect %.0f us\n", t * 1e6 / hz / n }'
echo "200s seen by wrk: $OK; records answered 200 in the log: $RECORDED (all records: $ALL)"
# wrk stops counting at the deadline while up to $CONNECTIONS requests are in flight: those are
# recorded (and answered) but not counted by wrk. Every counted 200 must be on disk.
if [ "$RECORDED" -lt "$OK" ]; then
  echo "FAIL: $((OK - RECORDED)) answered 200s are missing from the log" >&2
  exit 1
fi
if [ $((RECORDED - OK)) -gt "$CONNECTIONS" ]; then
  echo "FAIL: the log holds $((RECORDED - OK)) more records than 200s (more than the $CONNECTIONS in flight)" >&2
  exit 1
fi
echo "OK: every 200 is on disk ($((RECORDED - OK)) more were in flight when wrk stopped)"
