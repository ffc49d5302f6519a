#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Export benchmark (issue [10]): the covid-ct demo (4 scans of 256x256x120 by default) imported once,
# then `scanbase export --format nnunet` with the lung and infection masks merged into one label map,
# end to end (JVM start included) and in a warm JVM (ExportBench, best of 3 after 2 warm-up passes),
# against a nibabel script doing the same (its own timer, interpreter start excluded), in the same run.
#
# usage: bench/export.sh [SCANS] [SIZE] [SLICES]
set -euo pipefail
. "$(dirname "$0")/common.sh"
SCANS="${1:-4}"
SIZE="${2:-256}"
SLICES="${3:-120}"
OUT="$ROOT/bench/out/export-$SCANS-$SIZE-$SLICES"
require_python "nibabel, numpy" "python3-nibabel"
"$ROOT/scanbase" --version >/dev/null
demo_data "$OUT/data/ct_scans" "$OUT/data" --kind covid-ct --patients "$SCANS" --size "$SIZE" --slices "$SLICES"
rm -rf "$OUT/home" "$OUT/nnunet" "$OUT/reference"
export SCANBASE_HOME="$OUT/home"
"$ROOT/scanbase" import nifti "$OUT/data" --name bench --layout covid19-ct >/dev/null 2>&1
start=$(date +%s.%N)
"$ROOT/scanbase" export bench --format nnunet --out "$OUT/nnunet" --label-field "Lung Mask,Infection Mask" \
  --json > "$OUT/export.json" 2>/dev/null
end=$(date +%s.%N)
ref="$("$PY" "$ROOT/bench/scripts/nnunet_like_export.py" "$OUT/data" "$OUT/reference")"
build_bench
warm="$(java -cp "$JAR" org.scanbase.bench.ExportBench "$OUT/home/scanbase.db" bench "$OUT/warm")"
"$PY" - "$start" "$end" "$ref" "$OUT/export.json" "$SIZE" "$SLICES" "$warm" <<'PYEOF'
import json, sys
start, end = float(sys.argv[1]), float(sys.argv[2])
ref = json.loads(sys.argv[3])
report = json.load(open(sys.argv[4]))
warm = json.loads(sys.argv[7])
ours = end - start
print("%-52s %10s %10s %9s" % ("benchmark", "scanbase s", "ref s", "speed-up"))
print("%-52s %10.2f %10.2f %8.2fx" % ("nnU-Net export, %d scans of %sx%sx%s (end to end)" % (
      report["exported"], sys.argv[5], sys.argv[5], sys.argv[6]), ours, ref["seconds"], ref["seconds"] / ours))
print("%-52s %10.2f %10.2f %8.2fx" % ("same export in a warm JVM (best of 3)", warm["seconds"], ref["seconds"],
      ref["seconds"] / warm["seconds"]))
print("scanbase: %.2f s per case (JVM start included); nibabel: %.2f s per case"
      % (ours / report["exported"], ref["seconds"] / ref["cases"]))
PYEOF
