#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Analytics benchmark (issue 10): statistics of the three masks (HU intensities, per slice too) and
# the evaluation of lung_mask against lung_and_infection_mask (Dice ... HD95, ASSD in mm) over the
# covid-ct demo, scanbase (Java API, warm JVM) against nibabel + numpy + scipy in the same run;
# plus the end-to-end CLI (`compute stats` + `evaluate` on the imported dataset, JVM start included).
#
# usage: bench/analytics.sh [SCANS] [SIZE] [SLICES]     (default 4 x 256x256x100; the issue's size is 20 512 200)
set -euo pipefail
. "$(dirname "$0")/common.sh"
SCANS="${1:-4}"
SIZE="${2:-256}"
SLICES="${3:-100}"
OUT="$ROOT/bench/out/analytics-$SCANS-$SIZE-$SLICES"
require_python "nibabel, numpy, scipy" "python3-nibabel, python3-scipy"
"$ROOT/scanbase" --version >/dev/null
demo_data "$OUT/data/ct_scans" "$OUT/data" --kind covid-ct --patients "$SCANS" --size "$SIZE" --slices "$SLICES"
build_bench
ours="$(java -Xmx6g -cp "$JAR" org.scanbase.bench.AnalyticsBench "$OUT/data")"
ref="$("$PY" "$ROOT/bench/scripts/analytics_reference.py" "$OUT/data")"
rm -rf "$OUT/home"
export SCANBASE_HOME="$OUT/home"
"$ROOT/scanbase" import nifti "$OUT/data" --name bench --layout covid19-ct >/dev/null 2>&1
start=$(date +%s.%N)
"$ROOT/scanbase" compute stats bench >/dev/null 2>&1
"$ROOT/scanbase" evaluate bench --gt "All Masks" --pred "Lung Mask" --key eval >/dev/null 2>&1
end=$(date +%s.%N)
"$PY" - "$ours" "$ref" "$start" "$end" "$SCANS" "$SIZE" "$SLICES" <<'PYEOF'
import json, sys
ours, ref = json.loads(sys.argv[1]), json.loads(sys.argv[2])
cli = float(sys.argv[4]) - float(sys.argv[3])
n = ours["volumes"]
print("covid-ct demo: %s volumes of %sx%sx%s, three masks each" % (n, sys.argv[6], sys.argv[6], sys.argv[7]))
print("%-52s %12s %12s %9s  %s" % ("benchmark", "scanbase s/vol", "numpy s/vol", "speed-up", "target"))
print("%-52s %12.3f %12.3f %8.2fx  %s" % ("stats (3 masks, HU) + evaluation, warm JVM", ours["per_volume_s"],
      ref["per_volume_s"], ref["per_volume_s"] / ours["per_volume_s"], ">= 5x"))
print("%-52s %12.3f %12.3f %8.2fx  %s" % ("CLI compute stats + evaluate (JVM start, store writes)", cli / n,
      ref["per_volume_s"], ref["per_volume_s"] / (cli / n), "-"))
PYEOF
