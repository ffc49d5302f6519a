#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Dataset-engine benchmark (issues [4] and [8]): N slice samples with 80 DICOM-like fields, in a
# fresh SQLite store and a fresh PostgreSQL store side by side: insert rate, the four App sidebar
# queries with the App's indexes, and 4 concurrent writers into datasets of their own.
#
# usage: bench/dataset.sh [N]     (default 1000000)
# PostgreSQL: $SCANBASE_BENCH_PG (a postgresql:// URL; schema scanbase_bench is used and dropped),
# else a private durable cluster started here with scripts/pg-test-cluster.sh and stopped after.
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-1000000}"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
build_bench
PG="${SCANBASE_BENCH_PG:-}"
if [ -z "$PG" ]; then
  SCANBASE_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/scanbase-bench-pg.XXXXXX")"
  export SCANBASE_PG_DIR SCANBASE_PG_DURABLE=1
  trap '"$ROOT/scripts/pg-test-cluster.sh" stop' EXIT
  PG="$("$ROOT/scripts/pg-test-cluster.sh" start | sed 's/^export SCANBASE_TEST_PG=//')"
fi
result="$(java -Xmx2g -cp "$JAR" org.scanbase.bench.DatasetBench "$OUT/dataset-bench.db" "$N" "$PG")"
/usr/bin/python3 - "$result" <<'PYEOF'
import json, sys
r = json.loads(sys.argv[1])
s, p = r["sqlite"], r["postgresql"]
print("%d samples, %d fields each; SQLite (WAL, synchronous=NORMAL) vs PostgreSQL (JSONB, fsync on)"
      % (r["samples"], r["fields_per_sample"]))
rows = [
    ("insert (samples/s)", "insert_per_s", "%.0f", True),
    ("create 4 indexes (s)", "index_s", "%.1f", False),
    ("match + sort + first page of 50 (ms)", "match_sort_page_ms", "%.1f", False),
    ("countValues Manufacturer (ms)", "count_values_ms", "%.1f", False),
    ("histogram SliceLocation, 50 bins (ms)", "histogram_ms", "%.1f", False),
    ("groupBy PatientID by SliceLocation, 20 groups (ms)", "group_page_ms", "%.1f", False),
    ("4 concurrent writers (samples/s)", "concurrent_insert_per_s", "%.0f", True),
    ("database size (bytes/sample)", "bytes_per_sample", "%.0f", False),
    ("peak heap (MB)", "peak_heap_mb", "%.0f", False),
]
print("%-52s %12s %12s   %s" % ("", "SQLite", "PostgreSQL", "PostgreSQL / SQLite"))
for name, key, fmt, higher_better in rows:
    ratio = p[key] / s[key] if s[key] else float("nan")
    note = "(higher is better)" if higher_better else ""
    print("%-52s %12s %12s   %.2fx %s" % (name, fmt % s[key], fmt % p[key], ratio, note))
print("targets: PostgreSQL queries within 2x of SQLite; 4 concurrent writers faster than SQLite's")
print(json.dumps(r))
PYEOF
