# SPDX-License-Identifier: Apache-2.0
"""pydicom side of the DICOM read benchmark: prints one JSON line with files/s.

usage: /usr/bin/python3 pydicom_read.py headers DIR | pixels DIR N
headers: dcmread(stop_before_pixels=True) on every file, best of 3 passes.
pixels:  dcmread + pixel_array on the first N files, best of 3 passes.
"""
import json
import os
import sys
import time

import pydicom


def files(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".dcm"))


def best_of(n, fn):
    best = None
    for _ in range(n):
        t = time.perf_counter()
        count = fn()
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    return count, best


def headers(d):
    fs = files(d)
    def run():
        for f in fs:
            pydicom.dcmread(f, stop_before_pixels=True)
        return len(fs)
    return best_of(3, run)


def pixels(d, n):
    fs = files(d)[:n]
    def run():
        total = 0
        for f in fs:
            total += int(pydicom.dcmread(f).pixel_array[0, 0])
        return len(fs)
    return best_of(3, run)


if __name__ == "__main__":
    mode, d = sys.argv[1], sys.argv[2]
    count, secs = headers(d) if mode == "headers" else pixels(d, int(sys.argv[3]))
    print(json.dumps({"tool": "pydicom " + pydicom.__version__, "mode": mode, "files": count,
                      "seconds": secs, "files_per_s": count / secs}))
