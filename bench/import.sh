#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Import benchmark (issue [5]): the hippocampus demo (25 patients x 48 slices by default), imported
# by `scanbase import dicom` (headers, every attribute as a field, RTSTRUCT masks as PNG) against a
# Python pipeline doing what FiftyOne's DICOM importer plus rt_utils do, in the same run.
#
# The launcher's start-up cache (class archive, SQLite library) is prepared by the untimed
# `scanbase --version` below, as it is once after every build for a user.
#
# usage: bench/import.sh [PATIENTS] [SLICES] [RUNS]
set -euo pipefail
. "$(dirname "$0")/common.sh"
PATIENTS="${1:-25}"
SLICES="${2:-48}"
RUNS="${3:-3}"
OUT="$ROOT/bench/out/import-$PATIENTS-$SLICES"
require_python "pydicom, cv2, numpy" "python3-pydicom, python3-opencv"
"$ROOT/scanbase" --version >/dev/null
demo_data "$OUT/data/HippocampalMRISlices" "$OUT/data" --kind hippocampus --patients "$PATIENTS" --slices "$SLICES"
N_FILES=$(find "$OUT/data/HippocampalMRISlices" -name 'MR*.dcm' | wc -l)
# Each side runs RUNS times, alternating, each time into a fresh folder; both keep their best
# run (the machine is shared: the best run is the one least disturbed by other work). The CPU
# time of each process (user + sys, /usr/bin/time) is printed too: it depends far less on the
# load of the machine than the wall time. The reference's seconds are its own timer, which
# starts after Python has started and imported pydicom, OpenCV and numpy; its CPU time includes
# them.
ours=()
refs=()
for run in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/home" "$OUT/reference"
  start=$(date +%s.%N)
  SCANBASE_HOME="$OUT/home" /usr/bin/time -f "%U %S" -o "$OUT/cpu-ours" "$ROOT/scanbase" import dicom "$OUT/data/HippocampalMRISlices" --name bench \
    --glob 'MR*.dcm' --rtstruct 'RS*.dcm' --json > "$OUT/import.json" 2>/dev/null
  end=$(date +%s.%N)
  ours+=("$start:$end:$(tr ' ' ':' < "$OUT/cpu-ours")")
  ref="$(/usr/bin/time -f "%U %S" -o "$OUT/cpu-ref" \
    "$PY" "$ROOT/bench/scripts/fiftyone_like_import.py" "$OUT/data/HippocampalMRISlices" "$OUT/reference")"
  refs+=("$(echo "$ref" | "$PY" -c 'import json, sys; r = json.load(sys.stdin); u, s = open(sys.argv[1]).read().split(); r["cpu"] = float(u) + float(s); print(json.dumps(r))' "$OUT/cpu-ref")")
done
build_bench
warm="$(java -cp "$JAR" org.scanbase.bench.ImportBench "$OUT/data/HippocampalMRISlices" "$OUT/warm")"
"$PY" - "$N_FILES" "$OUT/import.json" "$warm" "${ours[*]}" "${refs[@]}" <<'PYEOF'
import json, statistics, sys
n = int(sys.argv[1])
report = json.load(open(sys.argv[2]))
warm = json.loads(sys.argv[3])
runs = [[float(v) for v in x.split(":")] for x in sys.argv[4].split()]
ours = [r[1] - r[0] for r in runs]
ours_cpu = [r[2] + r[3] for r in runs]
refs = [json.loads(x) for x in sys.argv[5:]]
ref_s = [r["seconds"] for r in refs]
best, best_ref = min(ours), min(ref_s)
print("%-48s %10s %10s %9s  %s" % ("benchmark", "scanbase s", "ref s", "speed-up", "target"))
print("%-48s %10.2f %10.2f %8.2fx  %s" % ("import %d slices + RTSTRUCT masks (end to end)" % n, best,
      best_ref, best_ref / best, ">= 10x"))
print("%-48s %10.2f %10.2f %8.2fx  %s" % ("  median of %d runs" % len(ours), statistics.median(ours),
      statistics.median(ref_s), statistics.median(ref_s) / statistics.median(ours), "-"))
ref_cpu = [r["cpu"] for r in refs]
print("%-48s %10.2f %10.2f %8.2fx  %s" % ("  CPU time, user + sys (least of %d runs)" % len(ours), min(ours_cpu),
      min(ref_cpu), min(ref_cpu) / min(ours_cpu), "-"))
print("%-48s %10.2f %10.2f %8.2fx  %s" % ("same import in a warm JVM (best of 3)", warm["seconds"],
      best_ref, best_ref / warm["seconds"], "-"))
print("scanbase: %.0f slices/s (imported %d, skipped %d; JVM start included); reference: %.0f slices/s"
      % (n / best, report["imported"], len(report["skipped"]), n / best_ref))
print("runs (s): scanbase %s; reference %s" % (" ".join("%.2f" % x for x in ours),
      " ".join("%.2f" % x for x in ref_s)))
PYEOF
