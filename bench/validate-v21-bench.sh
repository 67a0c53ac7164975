#!/usr/bin/env bash
# SDS v2.1 validation benchmark: generates a synthetic v2.1 district (default 1,000,000 students, about 10.6 M rows in
# the ten files) and, in the same JVM run with -Xmx512m, times (a) a bare parse of the files with the validator's own
# CSV parser and (b) a full v2.1 validation; prints rows/s for each, the ratio b/a (goal <= 1.3) and heap figures.
# Writes only under bench/out/.
#   bench/validate-v21-bench.sh [STUDENTS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-1000000}"
seed="${2:-1}"
out="bench/out/validate-v21"
mkdir -p "$out"
jar="target/sis2sds.jar"
if [ ! -f "$jar" ] || [ ! -d target/lib ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building (mvn package, tests skipped) ..." >&2
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$jar:target/lib/*"
{
  echo "== generate $students students (seed $seed, SDS v2.1) into $out/district"
  rm -rf "$out/district"
  "$JAVA" -Xmx512m -cp "$cp" org.sis2sds.cli.Sis2sds generate "$out/district" --students "$students" --seed "$seed" \
    --format v2.1
  echo "== bare parse vs validation, -Xmx512m"
  "$JAVA" -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$cp" org.sis2sds.validate.ValidateBench "$out/district"
} | tee "$out/result.txt"
echo "figures saved in $out/result.txt; the generated district is in $out/district (delete it when done)" >&2
