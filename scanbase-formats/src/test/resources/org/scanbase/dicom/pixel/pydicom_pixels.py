# SPDX-License-Identifier: Apache-2.0
# Prints one JSON line per DICOM file given: pydicom's view of its pixel values.
# Run with /usr/bin/python3 (pydicom 2.3). Used by PydicomPixelsIT.
import hashlib, json, sys, warnings
import pydicom

warnings.simplefilter("ignore")
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    a = ds.pixel_array
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    spp = int(ds.get("SamplesPerPixel", 1))
    dtype = a.dtype.newbyteorder("=").name
    values = a.astype("<" + a.dtype.str[1:])
    print(json.dumps({
        "path": path,
        "dtype": dtype,
        "shape": [frames, int(ds.Rows), int(ds.Columns), spp],
        "size": int(a.size),
        "sha256": hashlib.sha256(values.tobytes()).hexdigest(),
        "min": float(a.min()), "max": float(a.max()), "mean": float(a.mean()),
        "values": [float(v) for v in values.reshape(-1)[:: max(1, a.size // 997)]],
        "stride": max(1, a.size // 997),
    }))
