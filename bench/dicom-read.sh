#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# DICOM read benchmark (issue [1]): header-only parse of a folder of CT files and full pixel
# decode, scanbase against pydicom on the same files in the same run. Prints the ratios.
#
# usage: bench/dicom-read.sh [N_FILES=3000] [N_PIXEL_FILES=300]
set -euo pipefail
. "$(dirname "$0")/common.sh"
N="${1:-3000}"
NP="${2:-300}"
DATA="${BENCH_DATA:-$ROOT/bench/out/ct-$N}"

require_python "pydicom" "python3-pydicom (apt-get install python3-pydicom)"
build_bench
ct_series "$DATA" "$N"

ours_h="$(java -Xmx2g -jar "$JAR" dicom-headers "$DATA")"
ref_h="$("$PY" "$ROOT/bench/scripts/pydicom_read.py" headers "$DATA")"
ours_p="$(java -Xmx2g -jar "$JAR" dicom-pixels "$DATA" "$NP")"
ref_p="$("$PY" "$ROOT/bench/scripts/pydicom_read.py" pixels "$DATA" "$NP")"

"$PY" - "$ours_h" "$ref_h" "$ours_p" "$ref_p" <<'PYEOF'
import json, sys
oh, rh, op, rp = (json.loads(a) for a in sys.argv[1:5])
print("%-22s %14s %14s %8s %8s" % ("benchmark", "scanbase f/s", "pydicom f/s", "ratio", "target"))
for name, o, r, target in (("header-only parse", oh, rh, 10), ("full pixel decode", op, rp, 3)):
    ratio = o["files_per_s"] / r["files_per_s"]
    print("%-22s %14.0f %14.0f %7.1fx %7dx%s" % (name, o["files_per_s"], r["files_per_s"], ratio, target,
          "" if ratio >= target else "  BELOW TARGET"))
print(json.dumps({"headers": {"scanbase": oh, "pydicom": rh}, "pixels": {"scanbase": op, "pydicom": rp}}))
PYEOF
