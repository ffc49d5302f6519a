#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# RTSTRUCT rasterisation benchmark (issue [3]): 10 ROIs over a 512x512x200 CT series, scanbase
# (read the RTSTRUCT + rasterise every ROI and the label volume) against a Python script doing
# what rt_utils does (pydicom + OpenCV fillPoly), same files, same run. Prints the ratio.
#
# usage: bench/rtstruct.sh [N_SLICES=200]
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-200}"
DATA="${BENCH_DATA:-$ROOT/bench/out/rt-ct-$N}"
RS="$DATA-rtstruct.dcm"

require_python "pydicom, cv2" "python3-pydicom and python3-opencv"
build_bench
ct_series "$DATA" "$N"
if [ ! -f "$RS" ]; then
  echo "bench: writing a 10-ROI RTSTRUCT with pydicom to $RS" >&2
  "$PY" "$ROOT/bench/scripts/rtstruct_reference.py" make "$DATA" "$RS"
fi

ours="$(java -Xmx6g -jar "$JAR" rtstruct-masks "$DATA" "$RS")"
ref="$("$PY" "$ROOT/bench/scripts/rtstruct_reference.py" masks "$DATA" "$RS")"

"$PY" - "$ours" "$ref" <<'PYEOF'
import json, sys
o, r = (json.loads(a) for a in sys.argv[1:3])
ratio = r["seconds"] / o["seconds"]
print("%-22s %14s %14s %8s %8s" % ("benchmark", "scanbase s", "rt_utils-like s", "ratio", "target"))
print("%-22s %14.3f %14.3f %7.1fx %7dx%s" % ("rtstruct -> 10 masks", o["seconds"], r["seconds"], ratio, 5,
      "" if ratio >= 5 else "  BELOW TARGET"))
print(json.dumps({"scanbase": o, "reference": r}))
PYEOF
