#!/usr/bin/env bash
# kill -9 and resume against the industryData sandbox: a real daemon (bin/sis2sds run) publishes two dropped v1
# batches to a v1 inbound flow and is killed with SIGKILL once during the upload and once while it follows SDS's run;
# each time it is started again in the same work dir. Checks that both batches end archived and that SDS saw exactly
# one validation per batch (an upload is redone only when SDS had not validated it). Writes only under bench/out/.
#   bench/industrydata-kill.sh [STUDENTS] [SDS_PORT] [STORAGE_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-200000}"
port="${2:-48182}"
storage="${3:-48183}"
out="bench/out/industrydata-kill"
rm -rf "$out/work" && mkdir -p "$out/work"
jar="target/sis2sds.jar"
if [ ! -f "$jar" ] || [ ! -f target/sis2sds-sandboxes.jar ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
if [ ! -f "$out/district/Student.csv" ]; then
  bin/sis2sds generate "$out/district" --students "$students" --seed 3 >&2
fi
SIS2SDS_SDS_SANDBOX_STORAGE_PORT="$storage" SIS2SDS_SDS_SANDBOX_INDUSTRYDATA_RUN_DURATION=20s \
  SIS2SDS_SDS_SANDBOX_INDUSTRYDATA_RUN_DELAY=1s SIS2SDS_SDS_SANDBOX_INDUSTRYDATA_READINESS_DELAY=200ms \
  bin/sis2sds sandbox --sds-port "$port" --powerschool-port "$((port + 10))" --students 10 > "$out/sandbox.log" 2>&1 &
sandbox=$!
daemon=""
trap 'kill "$sandbox" 2>/dev/null || true; [ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null || true' EXIT
until grep -q 'Press Ctrl-C' "$out/sandbox.log" 2>/dev/null; do sleep 0.5; done
flow=$(bin/sis2sds flow setup --name "Kill $$" --year-start 2026-08-01 --year-end 2027-07-31 --format v1 \
       --sandbox="$port" --json | sed -n 's/.*"inboundFlowId" *: *"\([^"]*\)".*/\1/p')
export SIS2SDS_SDS_MODE=industrydata SIS2SDS_SDS_INDUSTRYDATA_FLOW_ID="$flow" \
       SIS2SDS_SDS_GRAPH_URL="http://127.0.0.1:$port/beta" SIS2SDS_SDS_LOGIN_URL="http://127.0.0.1:$port" \
       SIS2SDS_SDS_TENANT=sandbox SIS2SDS_SDS_CLIENT_ID=sandbox SIS2SDS_SDS_CLIENT_SECRET=sandbox-secret \
       SIS2SDS_WORK_DIR="$PWD/$out/work" SIS2SDS_SDS_INDUSTRYDATA_VALIDATE_POLL_INTERVAL=1s \
       SIS2SDS_SDS_INDUSTRYDATA_RUN_POLL_INTERVAL=1s SIS2SDS_DROP_POLL_INTERVAL=500ms \
       CAMEL_SERVER_ENABLED=false CAMEL_MANAGEMENT_ENABLED=false SIS2SDS_SYNCS_SCHEDULING=false
start_daemon() { bin/sis2sds run >> "$out/daemon.log" 2>&1 & daemon=$!; }
drop() { cp -r "$out/district" "$out/work/inbox-$1" && mkdir -p "$out/work/inbox" && mv "$out/work/inbox-$1" "$out/work/inbox/$1" \
         && touch "$out/work/inbox/$1/_READY"; }
wait_for() { for _ in $(seq 1 600); do eval "$1" && return 0; sleep 0.2; done; echo "timed out: $1" >&2; return 1; }
operations() {
  tok=$(curl -s -d 'grant_type=client_credentials&client_id=sandbox&client_secret=sandbox-secret&scope=https://graph.microsoft.com/.default' \
        "http://127.0.0.1:$port/sandbox/oauth2/v2.0/token" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
  curl -s -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/beta/external/industryData/operations/\$count"
}
start_daemon
echo "== kill -9 during the upload"
drop k1
wait_for '[ -d "$out/work/processing/k1" ]'
sleep 1
kill -9 "$daemon"; wait "$daemon" 2>/dev/null || true
j="$out/work/processing/k1/_publish.json"
echo "   journal at the kill: $( [ -f "$j" ] && tr -d '\n ' < "$j" | head -c 200 || echo '(none yet: nothing recorded, the upload starts over)')"
start_daemon
wait_for '[ -f "$out/work/archive/k1/report.json" ]'
echo "   k1 archived; validations so far: $(operations)"
echo "== kill -9 while the run is followed"
drop k2
wait_for 'grep -q industrydata.validate.result "$out/work/processing/k2/_publish.json" 2>/dev/null'
kill -9 "$daemon"; wait "$daemon" 2>/dev/null || true
start_daemon
wait_for '[ -f "$out/work/archive/k2/report.json" ]'
n=$(operations)
echo "   k2 archived; validations in all: $n (expected 2: one per batch)"
[ "$n" = "2" ] && echo "OK" || { echo "FAILED"; exit 1; }
