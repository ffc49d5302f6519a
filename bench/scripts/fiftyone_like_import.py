# SPDX-License-Identifier: Apache-2.0
"""Import benchmark reference: what FiftyOne's DICOMDataset importer plus rt_utils do for the
hippocampus layout, in one process and without a database: for every MR slice, pydicom reads the
file and its pixel_array, which is scaled to uint8 and written as a PNG (FiftyOne's importer
converts each slice to an image file), and its attributes go into a dict (FiftyOne's
DICOM-to-fields step); for every RTSTRUCT, rt_utils' method: slices sorted by position, each ROI's
contours turned into pixel polygons and filled with OpenCV fillPoly, one PNG mask per ROI and
slice. Prints {"slices", "seconds", "slices_per_s"} as one JSON line.

usage: /usr/bin/python3 fiftyone_like_import.py ROOT OUT_DIR
"""
import fnmatch
import json
import os
import sys
import time

import cv2
import numpy as np
import pydicom


def attributes(ds):
    out = {}
    for elem in ds:
        if elem.tag == 0x7FE00010 or elem.VR in ("OB", "OW", "UN", "SQ"):
            continue
        value = elem.value
        if isinstance(value, pydicom.multival.MultiValue):
            value = list(value)
        out[elem.keyword or str(elem.tag)] = value
    return out


def main(root, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    start = time.perf_counter()
    series = {}
    rtstructs = []
    samples = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if fnmatch.fnmatch(name, "RS*.dcm"):
                rtstructs.append(path)
                continue
            if not fnmatch.fnmatch(name, "MR*.dcm"):
                continue
            ds = pydicom.dcmread(path)
            pixels = ds.pixel_array.astype(np.float32)
            lo, hi = float(pixels.min()), float(pixels.max())
            img = ((pixels - lo) / (hi - lo if hi > lo else 1.0) * 255.0).astype(np.uint8)
            png = os.path.join(out_dir, "%s.png" % ds.SOPInstanceUID)
            cv2.imwrite(png, img)
            samples.append({"filepath": path, "image": png, **attributes(ds)})
            series.setdefault(ds.SeriesInstanceUID, []).append(ds)
    masks = 0
    for path in rtstructs:
        rs = pydicom.dcmread(path)
        ref_series = rs.ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0] \
            .RTReferencedSeriesSequence[0].SeriesInstanceUID
        slices = series[ref_series]
        iop = np.array(slices[0].ImageOrientationPatient, dtype=float)
        normal = np.cross(iop[:3], iop[3:])
        slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, dtype=float))))
        for roi, contours in zip(rs.StructureSetROISequence, rs.ROIContourSequence):
            by_slice = {}
            for contour in getattr(contours, "ContourSequence", []):
                pts = np.array(contour.ContourData, dtype=float).reshape(-1, 3)
                by_slice.setdefault(contour.ContourImageSequence[0].ReferencedSOPInstanceUID, []).append(pts)
            for s in slices:
                mask = np.zeros((int(s.Rows), int(s.Columns)), dtype=np.uint8)
                origin = np.array(s.ImagePositionPatient, dtype=float)
                row_dir, col_dir = iop[:3], iop[3:]
                ps = [float(v) for v in s.PixelSpacing]
                polys = []
                for pts in by_slice.get(s.SOPInstanceUID, []):
                    rel = pts - origin
                    x = rel @ row_dir / ps[1]
                    y = rel @ col_dir / ps[0]
                    polys.append(np.round(np.stack([x, y], axis=1)).astype(np.int32))
                if polys:
                    cv2.fillPoly(mask, polys, 1)
                cv2.imwrite(os.path.join(out_dir, "%s_%s.png" % (s.SOPInstanceUID, roi.ROIName)), mask)
                masks += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"slices": len(samples), "masks": masks, "seconds": seconds,
                      "slices_per_s": len(samples) / seconds}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
