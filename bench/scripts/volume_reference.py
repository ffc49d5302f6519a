# SPDX-License-Identifier: Apache-2.0
"""Reference side of the volume benchmark (issue [2]): nibabel and pydicom + numpy.

usage:
  /usr/bin/python3 volume_reference.py make SERIES_DIR OUT_PREFIX   writes OUT_PREFIX.nii and .nii.gz from the series
  /usr/bin/python3 volume_reference.py nifti FILE                   nibabel load: dataobj and get_fdata, best of 3
  /usr/bin/python3 volume_reference.py series DIR                   pydicom read + sort by position + numpy stack,
                                                                    timed as Bench.java times series-assemble
Prints one JSON line per measurement.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def best_of(n, fn):
    best = None
    for _ in range(n):
        t = time.perf_counter()
        fn()
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    return best


# the rule of Bench.timings on the Java side: repeat the pass for WARM_SECONDS (and at least 3
# times), then keep the best of STEADY_RUNS passes; the first pass and the best of the first 3
# (this script's usual best_of(3)) are reported too
WARM_SECONDS = 3
STEADY_RUNS = 5


def timings(fn):
    seconds = []
    warm_until = time.perf_counter() + WARM_SECONDS
    timed_from = None
    while timed_from is None or len(seconds) < timed_from + STEADY_RUNS:
        if timed_from is None and len(seconds) >= 3 and time.perf_counter() >= warm_until:
            timed_from = len(seconds)
            continue
        t = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - t)
    return {"first_s": seconds[0], "best_of_first_3_s": min(seconds[:3]), "steady_s": min(seconds[timed_from:]),
            "passes": len(seconds)}


def stack_series(d):
    import pydicom
    files = [pydicom.dcmread(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".dcm")]
    iop = np.array(files[0].ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    files.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, dtype=float))))
    return np.stack([ds.pixel_array for ds in files], axis=0)


def main():
    mode = sys.argv[1]
    if mode == "make":
        import nibabel as nib
        vol = stack_series(sys.argv[2])  # [z, y, x]
        img = nib.Nifti1Image(np.ascontiguousarray(vol.transpose(2, 1, 0)), np.eye(4))
        img.header.set_data_dtype(vol.dtype)
        nib.save(img, sys.argv[3] + ".nii")
        nib.save(img, sys.argv[3] + ".nii.gz")
        return
    if mode == "nifti":
        import nibabel as nib
        path = sys.argv[2]
        # mmap=False: the voxels are read into memory, as scanbase does (nibabel's default
        # memory-maps an uncompressed .nii and reads nothing until the values are used)
        t_raw = best_of(3, lambda: np.asarray(nib.load(path, mmap=False).dataobj))
        t_f = best_of(3, lambda: nib.load(path).get_fdata())
        print(json.dumps({"tool": "nibabel " + nib.__version__, "file": os.path.basename(path),
                          "dataobj_s": t_raw, "get_fdata_s": t_f,
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    if mode == "series":
        import pydicom
        t = timings(lambda: stack_series(sys.argv[2]))
        print(json.dumps({"tool": "pydicom " + pydicom.__version__ + " + numpy", "series_s": t["steady_s"], **t,
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
