#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# App API latency (issue [7]): N slice samples (DatasetBench's generator) with the App's indexes,
# an App server on loopback, and the grid / sidebar / group requests timed over HTTP (p50, p95)
# next to the same work through the Java API in the same run. The store is kept in bench/out and
# reused by the next run with the same N.
#
# usage: bench/app.sh [N]     (default 1000000)
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-1000000}"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
build_bench
result="$(java -Xmx2g -cp "$JAR" org.scanbase.bench.AppBench "$OUT/app-bench-$N.db" "$N")"
/usr/bin/python3 - "$result" <<'PYEOF'
import json, sys
r = json.loads(sys.argv[1])
print("%d samples; HTTP API vs the Java API in the same JVM (p50 / p95 of up to 50 runs)" % r["samples"])
names = [("first_page", "samples page 1 of 50 + count", "< 200 ms"),
         ("filtered_sorted_page", "match + sort + page of 50", "< 200 ms"),
         ("filtered_count", "count of that match (separate call)", "-"),
         ("page_at_offset_10000", "page of 50 at offset 10,000", "-"),
         ("sidebar_countvalues_histogram", "sidebar: countValues + histogram", "-"),
         ("group_page_20", "20 groups by PatientID", "-"),
         ("one_group_200_members", "one group's 200 members in order", "-")]
for key, label, target in names:
    v = r[key]
    print("%-36s api %8.1f / %8.1f ms   java %8.1f / %8.1f ms   x%.2f   target %s" % (
        label, v["api_p50_ms"], v["api_p95_ms"], v["java_p50_ms"], v["java_p95_ms"], v["api_over_java_p50"], target))
print("peak heap %.0f MB" % r["peak_heap_mb"])
print(json.dumps(r))
PYEOF
