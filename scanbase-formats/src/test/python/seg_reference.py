# SPDX-License-Identifier: Apache-2.0
"""Reads a DICOM Segmentation with pydicom for SegPydicomIT.

Usage: seg_reference.py SEG.dcm FRAMES.raw
Writes pydicom's pixel_array (1-bit frames unpacked by pydicom) as uint8 [frames, rows, columns]
to FRAMES.raw and prints one JSON object: frame count, rows, columns, and per frame the
ReferencedSegmentNumber, ImagePositionPatient and the source ReferencedSOPInstanceUID.
"""
import json
import sys

import numpy as np
import pydicom

ds = pydicom.dcmread(sys.argv[1])
px = ds.pixel_array
frames = int(ds.NumberOfFrames)
if frames == 1:
    px = px.reshape((1,) + px.shape)
np.ascontiguousarray(px, dtype=np.uint8).tofile(sys.argv[2])
out = {
    "frames": frames,
    "rows": int(ds.Rows),
    "columns": int(ds.Columns),
    "segments": [[int(s.SegmentNumber), str(s.SegmentLabel)] for s in ds.SegmentSequence],
    "perFrame": [],
}
for item in ds.PerFrameFunctionalGroupsSequence:
    out["perFrame"].append({
        "segment": int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
        "position": [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
        "source": str(item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID),
    })
print(json.dumps(out))
