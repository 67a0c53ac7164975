#!/usr/bin/env bash
# Live-SDS publish benchmark: generates a synthetic district (default 1,000,000 students, SDS v1, about 313 MB),
# starts the SDS sandbox (Graph industryData and its Data Lake storage) on loopback, sets up a v1 inbound flow with
# bin/sis2sds flow setup, and in one client JVM with -Xmx512m reads the batch once (the disk baseline), uploads it
# with 1 and 4 appends in flight (8 MB chunks, a fresh upload session each time) and validates it. Prints MB/s, the
# client's peak heap (garbage included) and its live heap after a collection. Writes only under bench/out/.
#   bench/industrydata-bench.sh [STUDENTS] [SDS_PORT] [STORAGE_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-1000000}"
port="${2:-48082}"
storage="${3:-48083}"
out="bench/out/industrydata"
mkdir -p "$out"
jar="target/sis2sds.jar"
if [ ! -f "$jar" ] || [ ! -f target/sis2sds-sandboxes.jar ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building (mvn package, tests skipped) ..." >&2
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$jar:target/lib/*"
if [ ! -f "$out/district/Student.csv" ]; then
  "$JAVA" -Xmx512m -cp "$cp" org.sis2sds.cli.Sis2sds generate "$out/district" --students "$students" --seed 1 >&2
fi
export SIS2SDS_SDS_SANDBOX_STORAGE_PORT="$storage" SIS2SDS_SDS_SANDBOX_INDUSTRYDATA_READINESS_DELAY=200ms \
       SIS2SDS_SDS_SANDBOX_INDUSTRYDATA_VALIDATE_DELAY=1s
bin/sis2sds sandbox --sds-port "$port" --powerschool-port "$((port + 10))" --students 10 > "$out/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q 'Press Ctrl-C' "$out/sandbox.log" 2>/dev/null && break
  sleep 0.5
done
flow=$(bin/sis2sds flow setup --name "Bench $$" --year-start 2026-08-01 --year-end 2027-07-31 --format v1 \
       --sandbox="$port" --json | sed -n 's/.*"inboundFlowId" *: *"\([^"]*\)".*/\1/p')
export SIS2SDS_SDS_GRAPH_URL="http://127.0.0.1:$port/beta" SIS2SDS_SDS_LOGIN_URL="http://127.0.0.1:$port" \
       SIS2SDS_SDS_TENANT=sandbox SIS2SDS_SDS_CLIENT_ID=sandbox SIS2SDS_SDS_CLIENT_SECRET=sandbox-secret
{
  echo "== $students students, $(du -sm "$out/district" | cut -f1) MB on disk; client -Xmx512m; flow $flow"
  "$JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -Dsis2sds.home="$PWD" -cp "$cp" \
      org.sis2sds.industrydata.PublishBench "$out/district" "$flow" 1 4
} | tee "$out/result.txt"
echo "figures saved in $out/result.txt; the generated district is in $out/district (delete it when done)" >&2
