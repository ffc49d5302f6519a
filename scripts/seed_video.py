# SPDX-License-Identifier: Apache-2.0
"""The seed notebook's video pipeline, as the reference for bench/video.sh (not used by scanbase).

usage: /usr/bin/python3 scripts/seed_video.py VOLUME.nii OUT.mp4
1. nibabel loads the volume (get_fdata), min-max scales it globally to uint8;
2. OpenCV's VideoWriter writes each slice data[:, :, i] with the 'mp4v' codec at 30 fps;
3. ffmpeg re-encodes to H.264 for browsers as FiftyOne's reencode_video does
   (libx264, preset medium, CRF 23, yuv420p).
Prints one JSON line: seconds per step and in total.
"""
import json
import os
import subprocess
import sys
import time

import cv2
import nibabel as nib
import numpy as np


def main(volume, out):
    t0 = time.perf_counter()
    data = nib.load(volume).get_fdata()
    lo, hi = data.min(), data.max()
    scaled = ((data - lo) / (hi - lo) * 255).astype(np.uint8)
    t1 = time.perf_counter()
    h, w = scaled.shape[1], scaled.shape[0]
    tmp = out + ".mp4v.mp4"
    writer = cv2.VideoWriter(tmp, cv2.VideoWriter_fourcc(*"mp4v"), 30, (w, h))
    for i in range(scaled.shape[2]):
        writer.write(cv2.cvtColor(np.ascontiguousarray(scaled[:, :, i].T), cv2.COLOR_GRAY2BGR))
    writer.release()
    t2 = time.perf_counter()
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", tmp, "-c:v", "libx264", "-preset", "medium", "-crf", "23",
                    "-pix_fmt", "yuv420p", "-an", out], check=True)
    t3 = time.perf_counter()
    os.remove(tmp)
    print(json.dumps({"tool": "nibabel + OpenCV mp4v + ffmpeg libx264", "load_scale_s": t1 - t0,
                      "opencv_mp4v_s": t2 - t1, "ffmpeg_x264_s": t3 - t2, "seconds": t3 - t0,
                      "bytes": os.path.getsize(out)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
