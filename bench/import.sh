#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Import benchmark (issue [5]): the hippocampus demo (25 patients x 48 slices by default), imported
# by `scanbase import dicom` (headers, every attribute as a field, RTSTRUCT masks as PNG) against a
# Python pipeline doing what FiftyOne's DICOM importer plus rt_utils do, in the same run.
#
# usage: bench/import.sh [PATIENTS] [SLICES]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PATIENTS="${1:-25}"
SLICES="${2:-48}"
OUT="$ROOT/bench/out/import-$PATIENTS-$SLICES"
PY=/usr/bin/python3
"$PY" -c "import pydicom, cv2, numpy" 2>/dev/null || { echo "bench: needs Debian python3-pydicom, python3-opencv" >&2; exit 1; }
"$ROOT/scanbase" --version >/dev/null
if [ ! -d "$OUT/data/HippocampalMRISlices" ]; then
  "$ROOT/scanbase" demo-data "$OUT/data" --kind hippocampus --patients "$PATIENTS" --slices "$SLICES" >&2
fi
rm -rf "$OUT/home" "$OUT/reference"
N_FILES=$(find "$OUT/data/HippocampalMRISlices" -name 'MR*.dcm' | wc -l)
start=$(date +%s.%N)
SCANBASE_HOME="$OUT/home" "$ROOT/scanbase" import dicom "$OUT/data/HippocampalMRISlices" --name bench \
  --glob 'MR*.dcm' --rtstruct 'RS*.dcm' --json > "$OUT/import.json" 2>/dev/null
end=$(date +%s.%N)
ref="$("$PY" "$ROOT/bench/scripts/fiftyone_like_import.py" "$OUT/data/HippocampalMRISlices" "$OUT/reference")"
(cd "$ROOT" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
warm="$(java -cp "$ROOT/bench/target/scanbase-bench.jar" org.scanbase.bench.ImportBench "$OUT/data/HippocampalMRISlices" "$OUT/warm")"
"$PY" - "$start" "$end" "$N_FILES" "$ref" "$OUT/import.json" "$warm" <<'PYEOF'
import json, sys
start, end, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
ref = json.loads(sys.argv[4])
report = json.load(open(sys.argv[5]))
warm = json.loads(sys.argv[6])
ours = end - start
print("%-44s %10s %10s %9s  %s" % ("benchmark", "scanbase s", "ref s", "speed-up", "target"))
print("%-44s %10.2f %10.2f %8.2fx  %s" % ("import %d slices + RTSTRUCT masks (end to end)" % n, ours,
      ref["seconds"], ref["seconds"] / ours, ">= 10x"))
print("%-44s %10.2f %10.2f %8.2fx  %s" % ("same import in a warm JVM (best of 3)", warm["seconds"],
      ref["seconds"], ref["seconds"] / warm["seconds"], "-"))
print("scanbase: %.0f slices/s (imported %d, skipped %d; JVM start included); reference: %.0f slices/s"
      % (n / ours, report["imported"], len(report["skipped"]), ref["slices_per_s"]))
PYEOF
