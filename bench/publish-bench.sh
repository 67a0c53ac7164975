#!/usr/bin/env bash
# Publish benchmark: the project's own Classic publish (bin/sis2sds profile upload --start --wait, -Xmx512m) of a
# synthetic district (default 1,000,000 students, about 8 M rows, 300+ MB) through the SDS sandbox with Azure's size
# caps on, beside a baseline in the same run: the same files sent by curl as one Put Blob each at a current
# x-ms-version. Also shows the cap: curl without x-ms-version (the upload URL's sv=2015-07-08, 64 MiB) gets 413 for
# the largest file. The sandbox runs in its own JVM; its row limit is raised (SDS itself takes at most 2,000,000 rows a
# file: this measures the upload path, not SDS's limits). Writes only under bench/out/.
#   bench/publish-bench.sh [STUDENTS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-1000000}"
seed="${2:-1}"
out="bench/out/publish"
mkdir -p "$out"
jar="target/sis2sds.jar"
if [ ! -f "$jar" ] || [ ! -f target/sis2sds-sandboxes.jar ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building (mvn package, tests skipped) ..." >&2
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$jar:target/lib/*"
sbcp="$cp:target/sis2sds-sandboxes.jar:target/lib-sandbox/*"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
graph=$(port); storage=$(port); ps=$(port)
district="$out/district-$students-$seed"
sandbox_pid=""
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true; }
trap cleanup EXIT
{
  if [ ! -f "$district/StudentEnrollment.csv" ]; then
    echo "== generate $students students (seed $seed) into $district"
    "$JAVA" -Xmx512m -cp "$cp" org.sis2sds.cli.Sis2sds generate "$district" --students "$students" --seed "$seed"
  fi
  echo "== files"
  ls -l "$district"/*.csv | awk '{printf "  %-24s %12d bytes\n", $NF, $5}' | sed "s#$district/##"
  echo "== SDS sandbox on 127.0.0.1:$graph, storage on 127.0.0.1:$storage (caps on)"
  SIS2SDS_SDS_SANDBOX_MAX_ROWS=100000000 SIS2SDS_SDS_SANDBOX_PROVISION_DELAY=200ms \
  SIS2SDS_SDS_SANDBOX_EXTRACT_DELAY=200ms SIS2SDS_SDS_SANDBOX_VALIDATE_DELAY=200ms SIS2SDS_SDS_SANDBOX_SYNC_DELAY=500ms \
  SIS2SDS_SDS_SANDBOX_STORAGE_CAPS=true \
    "$JAVA" -Xmx2g -cp "$sbcp" org.sis2sds.cli.Sis2sds sandbox --sds-port "$graph" --storage-port "$storage" \
      --powerschool-port "$ps" --students 10 > "$out/sandbox.log" 2>&1 &
  sandbox_pid=$!
  for i in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$graph/sandbox/v2.0/.well-known/openid-configuration" && break; sleep 0.5; done
  profile=$("$JAVA" -cp "$cp" org.sis2sds.cli.Sis2sds profile create config/examples/sds-csv-profile.json --wait \
      --sandbox="$graph" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  echo "   profile $profile"

  token=$(curl -s -d 'grant_type=client_credentials&client_id=sandbox&client_secret=sandbox-secret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default' \
      "http://127.0.0.1:$graph/sandbox/oauth2/v2.0/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  sas=$(curl -s -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$graph/beta/education/synchronizationProfiles/$profile/uploadUrl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])')
  base="${sas%%\?*}"; query="${sas#*\?}"

  echo "== the cap: StudentEnrollment.csv as one Put Blob without x-ms-version (runs at the SAS's sv=2015-07-08)"
  code=$(curl -s -o "$out/413.xml" -w '%{http_code}' -X PUT -H 'x-ms-blob-type: BlockBlob' \
      -T "$district/StudentEnrollment.csv" "$base/StudentEnrollment.csv?$query")
  echo "   HTTP $code $(grep -o '<Code>[^<]*</Code><Message>[^<]*' "$out/413.xml" | head -1 | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-100)"

  echo "== baseline: curl, one Put Blob per file, x-ms-version 2024-11-04"
  start=$(date +%s.%N)
  for f in "$district"/*.csv; do
    curl -s -o /dev/null -w "   %{http_code} $(basename "$f")\n" -X PUT -H 'x-ms-blob-type: BlockBlob' \
        -H 'x-ms-version: 2024-11-04' -T "$f" "$base/$(basename "$f")?$query"
  done
  end=$(date +%s.%N)
  baseline=$(python3 -c "print(round($end - $start, 2))")
  echo "   baseline upload: $baseline s"

  echo "== sis2sds profile upload, -Xmx512m (blocks of 8 MiB, 4 in flight; JVM start included)"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/time.txt" env SIS2SDS_JAVA_OPTS= "$JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$cp" \
      org.sis2sds.cli.Sis2sds profile upload "$profile" "$district" --sandbox="$graph" 2>&1 | sed 's/^/   /'
  end=$(date +%s.%N)
  upload=$(python3 -c "print(round($end - $start, 2))")
  rss=$(grep 'Maximum resident' "$out/time.txt" | awk '{print $NF}')
  echo "   upload: $upload s; max RSS ${rss} KB"
  echo "== the same client, every file as one Put Blob (block-threshold 5000MB): the cost of blocks alone"
  start=$(date +%s.%N)
  SIS2SDS_SDS_UPLOAD_BLOCK_THRESHOLD=5000MB "$JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$cp" \
      org.sis2sds.cli.Sis2sds profile upload "$profile" "$district" --sandbox="$graph" 2>&1 | sed 's/^/   /'
  end=$(date +%s.%N)
  single=$(python3 -c "print(round($end - $start, 2))")
  echo "   single-shot upload: $single s"
  echo "== sis2sds profile start --wait (the sandbox validates the files, then syncs)"
  start=$(date +%s.%N)
  "$JAVA" -Xmx512m -cp "$cp" org.sis2sds.cli.Sis2sds profile start "$profile" --wait --sandbox="$graph" 2>&1 | sed 's/^/   /'
  end=$(date +%s.%N)
  echo "   start + wait: $(python3 -c "print(round($end - $start, 2))") s"
  total=$upload
  bytes=$(cat "$district"/*.csv | wc -c)
  echo "== summary: $bytes bytes; curl single-shot $baseline s; sis2sds single-shot $single s; sis2sds blocks $total s (blocks/curl $(python3 -c "print(round($total / $baseline, 2))"), blocks/sis2sds single-shot $(python3 -c "print(round($total / $single, 2))"))"
} | tee "$out/result.txt"
echo "figures saved in $out/result.txt; the generated district is in $out/district-* (delete it when done)" >&2
