#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Video benchmark (issue [6]): a 512x512x300 int16 CT volume to a browser-playable MP4, scanbase
# (NIfTI read + window + OpenH264 via JavaCV, faststart) against the seed's pipeline (nibabel +
# OpenCV VideoWriter mp4v + ffmpeg libx264 re-encode, scripts/seed_video.py) in the same run,
# end to end (process start to file written), with the PSNR of each against its intended frames.
#
# usage: bench/video.sh
set -euo pipefail
. "$(dirname "$0")/common.sh"
OUT="$ROOT/bench/out"
SERIES="$OUT/series-300"

require_python "pydicom, nibabel, cv2" "python3-pydicom, python3-nibabel and python3-opencv"
command -v ffmpeg >/dev/null || { echo "bench: needs Debian ffmpeg" >&2; exit 1; }
build_bench
ct_series "$SERIES" 300
if [ ! -f "$OUT/ct300.nii" ]; then
  echo "bench: writing $OUT/ct300.nii with nibabel" >&2
  "$PY" "$ROOT/bench/scripts/volume_reference.py" make "$SERIES" "$OUT/ct300"
fi
if [ ! -f "$OUT/ct300-hu.nii" ]; then
  # the same voxels with the series' rescale (-1024) in scl_inter, as dcm2niix writes CT: real values in HU
  echo "bench: writing $OUT/ct300-hu.nii with nibabel" >&2
  "$PY" -c "import nibabel as n, sys; i = n.load(sys.argv[1]); o = n.Nifti1Image(i.dataobj.get_unscaled(), i.affine); o.header.set_slope_inter(1, -1024); n.save(o, sys.argv[2])" "$OUT/ct300.nii" "$OUT/ct300-hu.nii"
fi
VOL="$OUT/ct300-hu.nii"
now() { date +%s.%N; }

t0=$(now)
ours="$(java -Xmx2g -cp "$JAR" org.scanbase.bench.VideoBench "$VOL" "$OUT/ct300-scanbase.mp4" soft)"
t1=$(now)
seed="$("$PY" "$ROOT/scripts/seed_video.py" "$VOL" "$OUT/ct300-seed.mp4")"
t2=$(now)
psnr_ours="$("$PY" "$ROOT/bench/scripts/video_psnr.py" "$VOL" "$OUT/ct300-scanbase.mp4" window 40 400)"
psnr_seed="$("$PY" "$ROOT/bench/scripts/video_psnr.py" "$VOL" "$OUT/ct300-seed.mp4" minmax)"

"$PY" - "$ours" "$seed" "$psnr_ours" "$psnr_seed" "$t0" "$t1" "$t2" <<'PYEOF'
import json, sys
ours, seed, po, ps = (json.loads(a) for a in sys.argv[1:5])
t0, t1, t2 = (float(a) for a in sys.argv[5:8])
# scanbase's process encodes three times (first pass + two steady passes): its end-to-end time
# is the process time minus the two extra passes
ours_e2e = (t1 - t0) - 2 * ours["steady_s"]
seed_e2e = t2 - t1
print("%-44s %10s %10s %9s" % ("512x512x300 CT -> browser MP4", "scanbase s", "seed s", "speed-up"))
print("%-44s %10.2f %10.2f %8.2fx" % ("end to end (process start to file)", ours_e2e, seed_e2e, seed_e2e / ours_e2e))
print("%-44s %10.2f %10.2f %8.2fx" % ("in process (first pass vs script total)", ours["first_pass_s"], seed["seconds"],
                                      seed["seconds"] / ours["first_pass_s"]))
print("%-44s %10.2f %10s" % ("steady state (warm JVM, read + encode)", ours["steady_s"], "-"))
print("%-44s %10.1f %10.1f   (scanbase vs its soft-tissue window; seed vs its min-max frames)"
      % ("PSNR dB", po["psnr_db"], ps["psnr_db"]))
print("%-44s %10.1f %10.1f" % ("file MB", ours["bytes"] / 1e6, seed["bytes"] / 1e6))
print("seed steps: load+scale %.2f s, OpenCV mp4v %.2f s, ffmpeg libx264 %.2f s"
      % (seed["load_scale_s"], seed["opencv_mp4v_s"], seed["ffmpeg_x264_s"]))
print(json.dumps({"scanbase": ours, "seed": seed, "psnr": {"scanbase": po, "seed": ps},
                  "end_to_end_s": {"scanbase": ours_e2e, "seed": seed_e2e}}))
PYEOF
