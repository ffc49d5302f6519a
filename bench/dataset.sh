#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Dataset-engine benchmark (issue [4]): N slice samples with 80 DICOM-like fields in a fresh
# SQLite store; insert rate, then the four App sidebar queries with the App's indexes.
#
# usage: bench/dataset.sh [N]     (default 1000000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000000}"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
JAR="$ROOT/bench/target/scanbase-bench.jar"
result="$(java -Xmx2g -cp "$JAR" org.scanbase.bench.DatasetBench "$OUT/dataset-bench.db" "$N")"
/usr/bin/python3 - "$result" <<'PYEOF'
import json, sys
r = json.loads(sys.argv[1])
print("%d samples, %d fields each" % (r["samples"], r["fields_per_sample"]))
rows = [
    ("insert", "%.0f samples/s" % r["insert_per_s"], ">= 20000 samples/s"),
    ("create 4 indexes", "%.1f s" % r["index_s"], "-"),
    ("match + sort + first page of 50", "%.1f ms" % r["match_sort_page_ms"], "< 200 ms"),
    ("countValues Manufacturer", "%.1f ms" % r["count_values_ms"], "< 200 ms"),
    ("histogram SliceLocation (50 bins)", "%.1f ms" % r["histogram_ms"], "< 200 ms"),
    ("groupBy PatientID by SliceLocation, 20 groups", "%.1f ms" % r["group_page_ms"], "< 200 ms"),
    ("database size", "%.0f bytes/sample" % r["bytes_per_sample"], "< 2048 bytes/sample"),
    ("peak heap", "%.0f MB" % r["peak_heap_mb"], "-"),
]
for name, value, target in rows:
    print("%-48s %22s   target %s" % (name, value, target))
print(json.dumps(r))
PYEOF
