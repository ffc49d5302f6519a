# SPDX-License-Identifier: Apache-2.0
"""PSNR of an MP4 against the frames it was meant to show, decoded by Debian's ffmpeg.

usage: /usr/bin/python3 video_psnr.py VOLUME MP4 minmax|window [CENTER WIDTH]
  minmax: the seed's frames, data[:, :, i].T of the globally min-max scaled volume (uint8, truncated)
  window: scanbase's frames, the RAS-canonical volume shown radiologically (patient's right on the
          image's left, anterior up, inferior to superior) through a DICOM LINEAR window
Prints one JSON line {"psnr_db", "frames"}.
"""
import json
import subprocess
import sys

import nibabel as nib
import numpy as np


def expected(volume, mode, c=None, w=None):
    img = nib.load(volume)
    if mode == "minmax":
        d = img.get_fdata()
        s = ((d - d.min()) / (d.max() - d.min()) * 255).astype(np.uint8)
        return np.stack([s[:, :, i].T for i in range(s.shape[2])])
    d = nib.as_closest_canonical(img).get_fdata()
    c, w = c - 0.5, w - 1
    g = np.where(d <= c - w / 2, 0, np.where(d > c + w / 2, 255, ((d - c) / w + 0.5) * 255))
    g = np.round(g).astype(np.uint8)
    return np.stack([g[::-1, ::-1, z].T for z in range(g.shape[2])])


def main():
    want = expected(sys.argv[1], sys.argv[3], *(float(a) for a in sys.argv[4:6]))
    n, h, w = want.shape
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", sys.argv[2]], check=True, capture_output=True, text=True).stdout
    pw, ph = (int(v) for v in probe.strip().split(","))
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", sys.argv[2], "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         check=True, capture_output=True).stdout
    got = np.frombuffer(raw, np.uint8).reshape(-1, ph, pw)[:, :h, :w]
    if got.shape[0] != n:
        raise SystemExit("%s has %d frames, expected %d" % (sys.argv[2], got.shape[0], n))
    mse = np.mean((got.astype(np.float64) - want) ** 2)
    print(json.dumps({"psnr_db": float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse), "frames": n}))


if __name__ == "__main__":
    main()
