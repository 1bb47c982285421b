#!/usr/bin/env bash
# make bench-collect: wrk (-t1 -c32 -d10s, loopback, the product brief's corrected example) against
# three servers, two rounds taking turns:
#   bare      a bare Hummingbird app that reads the body and answers 200 (Benchmarks/BareServer);
#   record    the same app with --record: each body appended as one line and synced (group commit)
#             before the answer, the floor of any durable capture sink on Hummingbird;
#   padded    the recording baseline with each line padded to the length of the collector's record
#             line for the same request (for information: what writing as many bytes costs);
#   collect   `trackscope collect` (default durability: fsync before answering).
# Prints each run's throughput and each server's CPU time per request (utime + stime from
# /proc/PID/stat, before and after), and the ratio of collect to the recording baseline of the same
# round (and, for information, to the padded baseline); with several rounds, the median of those
# ratios. Each round also shows where each server's CPU time went (event loops, request handlers,
# the rest) and what the host's CPUs did meanwhile (idle, waiting for the disk, stolen by the
# hypervisor): a round with much idle or steal time was bound by the disk or by other machines,
# not by the server's own work. Then checks that every 200 that wrk saw is on disk, for the
# recording servers.
# The host's speed drifts (a shared machine): record and collect run back to back in every round,
# in alternating order (record first in odd rounds, collect first in even ones), so that a slow
# spell falls on both sides of a ratio alike and the order favours neither.
# Goal: collect / record >= 0.75. Environment: DURATION (default 10s), CONNECTIONS (32), THREADS (1),
# ROUNDS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-2}
BODY=Tests/Fixtures/legacy-brief-corrected.json
LUA=Benchmarks/collector-post.lua

for tool in wrk jq curl; do
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

# The same, of the process's live threads by kind: "NIO TASKS" (the event loops, the Swift
# cooperative pool that runs the request handlers); the rest (the log writer, ...) is the
# process's total less these. A pool thread that ends between two readings counts as the rest.
thread_ticks() {
  local nio=0 tasks=0 task name ticks
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    ticks=$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null) || continue
    case "$name" in
      NIO-*) nio=$((nio + ticks)) ;;
      *default-qos) tasks=$((tasks + ticks)) ;;
    esac
  done
  echo "$nio $tasks"
}

# The host's CPU counters (/proc/stat, first line: user nice system idle iowait irq softirq steal).
host_ticks() { awk 'NR == 1 { print $2, $3, $4, $5, $6, $7, $8, $9; exit }' /proc/stat; }

# What the host's CPUs did between two host_ticks readings: idle, waiting for the disk, taken by
# the hypervisor for other machines (steal), in percent.
host_share() { # BEFORE AFTER
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) { d[i] = y[i] - x[i]; t += d[i] }
    if (t == 0) t = 1
    printf "idle %.0f%%, iowait %.0f%%, steal %.0f%%", 100 * d[4] / t, 100 * d[5] / t, 100 * d[8] / t }'
}

run_wrk() { # URL -> prints wrk output
  timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$1" -- "$BODY"
}

"$BIN/BareServer" --port 0 >"$WORK/bare.out" 2>&1 &
PIDS+=($!); BARE_PID=$!
RECORD_FILE="$WORK/record.jsonl"
"$BIN/BareServer" --port 0 --record "$RECORD_FILE" >"$WORK/record.out" 2>&1 &
PIDS+=($!); RECORD_PID=$!
LOG="$WORK/capture.jsonl"
"$BIN/trackscope" collect --port 0 --log "$LOG" >"$WORK/collect.out" 2>&1 &
PIDS+=($!); COLLECT_PID=$!
declare -A PORT PID
PORT[bare]=$(wait_for_port "$WORK/bare.out"); PID[bare]=$BARE_PID
PORT[record]=$(wait_for_port "$WORK/record.out"); PID[record]=$RECORD_PID
PORT[collect]=$(wait_for_port "$WORK/collect.out"); PID[collect]=$COLLECT_PID

# One request as wrk sends it, to learn the length of the collector's line for it.
curl -sf -o /dev/null -H "Content-Type: application/json" -H "Authorization: Bearer bench-source-key" \
  --data-binary "@$BODY" "http://127.0.0.1:${PORT[collect]}/v2/1234/events"
LINE_BYTES=$(tail -n 1 "$LOG" | wc -c)
PADDED_FILE="$WORK/padded.jsonl"
"$BIN/BareServer" --port 0 --record "$PADDED_FILE" --pad-to $((LINE_BYTES - 1)) >"$WORK/padded.out" 2>&1 &
PIDS+=($!); PID[padded]=$!
PORT[padded]=$(wait_for_port "$WORK/padded.out")

echo "bare on 127.0.0.1:${PORT[bare]}, bare --record on 127.0.0.1:${PORT[record]} ($RECORD_FILE),"
echo "bare --record --pad-to $((LINE_BYTES - 1)) on 127.0.0.1:${PORT[padded]} (the collector's line is $LINE_BYTES bytes),"
echo "trackscope collect on 127.0.0.1:${PORT[collect]} (log $LOG)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, body $BODY ($(wc -c <"$BODY") bytes), $ROUNDS rounds"
HZ=$(getconf CLK_TCK)
declare -A OK_TOTAL=([bare]=0 [record]=0 [padded]=0 [collect]=1)
SUMMARY=""
RATIOS=""
for round in $(seq "$ROUNDS"); do
  declare -A RPS=() CPU=() SPLIT=() HOST=()
  if [ $((round % 2)) = 1 ]; then order="record collect padded bare"; else order="collect record bare padded"; fi
  for server in $order; do
    echo
    echo "== round $round: $server =="
    before=$(cpu_ticks "${PID[$server]}")
    read -r nio_before tasks_before <<<"$(thread_ticks "${PID[$server]}")"
    host_before=$(host_ticks)
    output=$(run_wrk "http://127.0.0.1:${PORT[$server]}/v2/1234/events")
    HOST[$server]=$(host_share "$host_before" "$(host_ticks)")
    ticks=$(( $(cpu_ticks "${PID[$server]}") - before ))
    read -r nio_after tasks_after <<<"$(thread_ticks "${PID[$server]}")"
    echo "$output" | grep -E "Requests/sec|Latency|99%|requests in|status|Non-2xx"
    RPS[$server]=$(echo "$output" | awk '/Requests\/sec/ {print $2}')
    requests=$(echo "$output" | awk '/requests in/ {print $1}')
    CPU[$server]=$(awk -v t="$ticks" -v n="$requests" -v hz="$HZ" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    SPLIT[$server]=$(awk -v t="$ticks" -v io=$((nio_after - nio_before)) -v ta=$((tasks_after - tasks_before)) \
      -v n="$requests" -v hz="$HZ" 'BEGIN { u = 1e6 / hz / n
        printf "NIO %.1f, handlers %.1f, rest %.1f", io * u, ta * u, (t - io - ta) * u }')
    ok=$(echo "$output" | awk -F= '/^status200=/ {print $2}')
    OK_TOTAL[$server]=$(( OK_TOTAL[$server] + ok ))
  done
  ratio=$(awk -v c="${RPS[collect]}" -v r="${RPS[record]}" 'BEGIN { printf "%.3f", c / r }')
  padded_ratio=$(awk -v c="${RPS[collect]}" -v r="${RPS[padded]}" 'BEGIN { printf "%.3f", c / r }')
  line=$(printf 'round %d: bare %8.1f req/s (%5.1f us CPU/req) | record %8.1f (%5.1f us) | padded %8.1f (%5.1f us) | collect %8.1f (%5.1f us) | collect/record %s (collect/padded %s)' \
    "$round" "${RPS[bare]}" "${CPU[bare]}" "${RPS[record]}" "${CPU[record]}" "${RPS[padded]}" "${CPU[padded]}" \
    "${RPS[collect]}" "${CPU[collect]}" "$ratio" "$padded_ratio")
  SUMMARY+="$line"$'\n'
  SUMMARY+="         us CPU/req by thread: record ${SPLIT[record]} | collect ${SPLIT[collect]}"$'\n'
  SUMMARY+="         host CPUs during the run: record ${HOST[record]} | collect ${HOST[collect]}"$'\n'
  RATIOS+="$ratio"$'\n'
done

# Stop the collector cleanly (SIGTERM), so its log is closed, then count what each server holds.
kill -TERM "$COLLECT_PID"
for _ in $(seq 100); do kill -0 "$COLLECT_PID" 2>/dev/null || break; sleep 0.1; done

echo
echo "== summary (server CPU time per request from /proc/PID/stat; goal collect/record >= 0.75) =="
printf '%s' "$SUMMARY"
if [ "$ROUNDS" -gt 1 ]; then
  printf '%s' "$RATIOS" | sort -n | awk '{ r[NR] = $1 } END {
    median = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "collect/record over %d rounds: median %.3f (lowest %.3f, highest %.3f)\n", NR, median, r[1], r[NR] }'
fi

# wrk stops counting at the deadline while up to $CONNECTIONS requests are in flight: those are
# recorded (and answered) but not counted by wrk. Every counted 200 must be on disk.
STATUS=0
check_on_disk() { # NAME 200s ON_DISK
  local name=$1 ok=$2 stored=$3 slack=$((CONNECTIONS * ROUNDS))
  echo "$name: 200s seen by wrk $ok, on disk $stored"
  if [ "$stored" -lt "$ok" ]; then
    echo "FAIL: $name: $((ok - stored)) answered 200s are missing from disk" >&2; STATUS=1
  elif [ $((stored - ok)) -gt "$slack" ]; then
    echo "FAIL: $name: $((stored - ok)) more on disk than 200s (more than the $slack in flight)" >&2; STATUS=1
  fi
}
check_on_disk record "${OK_TOTAL[record]}" "$(wc -l <"$RECORD_FILE")"
check_on_disk padded "${OK_TOTAL[padded]}" "$(wc -l <"$PADDED_FILE")"
check_on_disk collect "${OK_TOTAL[collect]}" \
  "$(tail -n +2 "$LOG" | jq -c 'select(.direction == "received" and .response.status == 200)' | wc -l)"
if [ "$STATUS" = 0 ]; then echo "OK: every 200 is on disk"; fi
exit "$STATUS"
