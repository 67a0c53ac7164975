#!/usr/bin/env bash
# SDS v2.1 validation benchmark: generates a synthetic v2.1 district (default 1,000,000 students, about 10.5 M rows in
# the ten files) and, in the same JVM run with -Xmx512m, times (a) a bare parse of the files with the validator's own
# CSV parser and (b) a full v2.1 validation; prints rows/s for each, the ratio b/a (goal <= 1.3), CPU times and heap
# figures. Writes only under bench/out/. The same script as the v1 bench, with the format v2.1.
#   bench/validate-v21-bench.sh [STUDENTS] [SEED]
set -euo pipefail
exec "$(dirname "$0")/validate-bench.sh" "${1:-1000000}" "${2:-1}" v2.1
