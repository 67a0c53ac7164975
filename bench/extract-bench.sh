#!/usr/bin/env bash
# Extraction benchmark: a generated district served by the PowerSchool sandbox (its own JVM) with a fixed latency
# per request, extracted at each concurrency. Prints requests, wall time, the ratio to the latency bound
# (requests x latency / concurrency; target <= 1.3) and the extractor's peak heap. Output only under bench/out/.
#   bench/extract-bench.sh [students=100000] [latency-ms=20] [concurrencies="4 8"]
# HEAP=128m bench/extract-bench.sh ... caps the extractor's heap (default 512m) to show it streams.
set -euo pipefail
cd "$(dirname "$0")/.."
STUDENTS=${1:-100000}
LATENCY=${2:-20}
CONCS=${3:-"4 8"}
OUT=bench/out
mkdir -p "$OUT"
MVN="mvn -B -q"
if [ -d "$HOME/.m2/repository/org/apache/camel" ]; then MVN="$MVN -o"; fi
$MVN -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/classpath.txt")"  # test-classes: the sandboxes
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 18091)
java -Xmx512m -cp "$CP" org.sis2sds.sandbox.powerschool.PowerSchoolSandbox "$PORT" "$STUDENTS" 42 "$LATENCY" \
  > "$OUT/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true; rm -rf "$OUT/work"' EXIT
for _ in $(seq 1 100); do grep -q "PowerSchool sandbox on" "$OUT/sandbox.log" && break; sleep 0.2; done
echo "PowerSchool sandbox: $STUDENTS students, ${LATENCY} ms per request, port $PORT"
# shellcheck disable=SC2086
java -Xmx"${HEAP:-512m}" -cp "$CP" org.sis2sds.powerschool.ExtractBench \
  "http://127.0.0.1:$PORT" "$LATENCY" "$OUT/work" $CONCS 2> "$OUT/bench.log" | grep --line-buffered -v " INFO " | tee "$OUT/extract-bench.txt"
