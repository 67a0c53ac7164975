#!/usr/bin/env bash
# Validation benchmark: generates a synthetic district (default 1,000,000 students, about 8 M rows) and, in the same
# JVM run with -Xmx512m, times (a) a bare parse of the six files with the validator's own CSV parser and (b) a full
# validation; prints rows/s for each, the ratio b/a and heap figures. Writes only under bench/out/.
#   bench/validate-bench.sh [STUDENTS] [SEED] [FORMAT]     FORMAT v1 (default) or v2.1 (see validate-v21-bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-1000000}"
seed="${2:-1}"
format="${3:-v1}"
out="bench/out/validate"
[ "$format" = v1 ] || out="bench/out/validate-${format//./}"
mkdir -p "$out"
jar="target/sis2sds.jar"
if [ ! -f "$jar" ] || [ ! -d target/lib ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building (mvn package, tests skipped) ..." >&2
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$jar:target/lib/*"
{
  echo "== generate $students students (seed $seed, $format) into $out/district"
  rm -rf "$out/district"
  "$JAVA" -Xmx512m -cp "$cp" org.sis2sds.cli.Sis2sds generate "$out/district" --students "$students" --seed "$seed" \
    --format "$format"
  echo "== bare parse vs validation, -Xmx512m"
  "$JAVA" -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$cp" org.sis2sds.validate.ValidateBench "$out/district"
} | tee "$out/result.txt"
echo "figures saved in $out/result.txt; the generated district is in $out/district (delete it when done)" >&2
