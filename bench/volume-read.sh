#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Volume benchmark (issue [2]): load a 512x512x300 int16 CT volume from .nii and .nii.gz, and
# assemble it from 300 DICOM files, scanbase against nibabel and pydicom + numpy in the same run.
#
# usage: bench/volume-read.sh
set -euo pipefail
. "$(dirname "$0")/common.sh"
OUT="$ROOT/bench/out"
SERIES="$OUT/series-300"

require_python "pydicom, nibabel" "python3-pydicom and python3-nibabel"
build_bench
ct_series "$SERIES" 300
if [ ! -f "$OUT/ct300.nii.gz" ]; then
  echo "bench: writing $OUT/ct300.nii and .nii.gz with nibabel" >&2
  "$PY" "$ROOT/bench/scripts/volume_reference.py" make "$SERIES" "$OUT/ct300"
fi
JAVA_OPTS="-Xmx4g"
ours_nii="$(java $JAVA_OPTS -jar "$JAR" nifti-load "$OUT/ct300.nii")"
ours_gz="$(java $JAVA_OPTS -jar "$JAR" nifti-load "$OUT/ct300.nii.gz")"
raw_gz="$(java $JAVA_OPTS -jar "$JAR" gunzip "$OUT/ct300.nii.gz")"
ours_series="$(java $JAVA_OPTS -jar "$JAR" series-assemble "$SERIES")"
ref_nii="$("$PY" "$ROOT/bench/scripts/volume_reference.py" nifti "$OUT/ct300.nii")"
ref_gz="$("$PY" "$ROOT/bench/scripts/volume_reference.py" nifti "$OUT/ct300.nii.gz")"
ref_series="$("$PY" "$ROOT/bench/scripts/volume_reference.py" series "$SERIES")"

"$PY" - "$ours_nii" "$ours_gz" "$raw_gz" "$ours_series" "$ref_nii" "$ref_gz" "$ref_series" <<'PYEOF'
import json, sys
on, og, rg, os_, rn, rgz, rs = (json.loads(a) for a in sys.argv[1:8])
rows = [
    ("load .nii (vs nibabel dataobj)", on["seconds"], rn["dataobj_s"], ">= 1x"),
    ("load .nii (vs nibabel get_fdata)", on["seconds"], rn["get_fdata_s"], ">= 1x"),
    ("load .nii.gz (vs nibabel dataobj)", og["seconds"], rgz["dataobj_s"], "-"),
    ("load .nii.gz (vs raw inflate, Java)", og["seconds"], rg["seconds"], "<= 1.2x slower"),
    ("assemble 300 DICOM (vs pydicom+numpy)", os_["seconds"], rs["series_s"], ">= 5x"),
]
print("%-40s %10s %10s %9s  %s" % ("benchmark", "scanbase s", "ref s", "speed-up", "target"))
for name, ours, ref, target in rows:
    print("%-40s %10.3f %10.3f %8.2fx  %s" % (name, ours, ref, ref / ours, target))
print("assemble 300 DICOM: steady state above (each side repeats the pass for 3 s, then best of 5; %d threads);"
      % os_["threads"])
print("  first pass: scanbase %.3f s (fresh JVM), pydicom+numpy %.3f s = %.2fx;"
      " best of passes 3-5 vs best of 1-3: %.3f s vs %.3f s = %.2fx"
      % (os_["first_pass_seconds"], rs["first_s"], rs["first_s"] / os_["first_pass_seconds"],
         os_["best_of_3_after_2_seconds"], rs["best_of_first_3_s"], rs["best_of_first_3_s"] / os_["best_of_3_after_2_seconds"]))
print("peak heap above baseline: .nii %.0f MB, .nii.gz %.0f MB, series %.0f MB for a %.0f MB volume (target <= 2x)"
      % (on["peak_heap_above_baseline_mb"], og["peak_heap_above_baseline_mb"], os_["peak_heap_above_baseline_mb"],
         on["volume_mb"]))
print(json.dumps({"scanbase": [on, og, rg, os_], "reference": [rn, rgz, rs]}))
PYEOF
