# SPDX-License-Identifier: Apache-2.0
"""RTSTRUCT benchmark helper: writes a 10-ROI structure set for a series, and rasterises one the
way rt_utils does (pydicom + OpenCV fillPoly), timing it.

usage: /usr/bin/python3 rtstruct_reference.py make SERIES_DIR OUT_RS
       /usr/bin/python3 rtstruct_reference.py masks SERIES_DIR RS
"""
import json
import os
import sys
import time

import cv2
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid


def load_series(folder):
    """Slice headers sorted along the normal (as rt_utils does, by position)."""
    slices = []
    for name in sorted(os.listdir(folder)):
        ds = pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True, force=True)
        if "ImagePositionPatient" in ds and "Rows" in ds:
            slices.append(ds)
    iop = np.array(slices[0].ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, dtype=float))))
    return slices


def make(series_dir, out):
    slices = load_series(series_dir)
    rows, cols = int(slices[0].Rows), int(slices[0].Columns)
    ps = [float(v) for v in slices[0].PixelSpacing]
    origin = np.array(slices[0].ImagePositionPatient, dtype=float)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.481.3"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "RTSTRUCT"
    ds.StudyInstanceUID = slices[0].StudyInstanceUID
    ds.SeriesInstanceUID = generate_uid()
    ds.StructureSetLabel = "bench"
    frame = Dataset()
    frame.FrameOfReferenceUID = slices[0].FrameOfReferenceUID
    ds.ReferencedFrameOfReferenceSequence = Sequence([frame])
    rng = np.random.default_rng(11)
    ss, rc, obs = [], [], []
    for r in range(10):
        # an ellipsoid with a wobbly outline, 360 points per contour
        cx = cols * ps[1] * rng.uniform(0.3, 0.7)
        cy = rows * ps[0] * rng.uniform(0.3, 0.7)
        ax, ay = rng.uniform(30, 90), rng.uniform(30, 90)
        k0, k1 = sorted(rng.integers(0, len(slices), 2))
        k1 = max(k1, k0 + 40)
        contours = []
        for k in range(k0, min(k1, len(slices))):
            t = (k - (k0 + k1) / 2) / ((k1 - k0) / 2)
            f = np.sqrt(max(0.0, 1 - t * t))
            if f < 0.05:
                continue
            a = np.linspace(0, 2 * np.pi, 360, endpoint=False)
            wob = 1 + 0.05 * np.sin(7 * a + r)
            x = origin[0] + cx + ax * f * wob * np.cos(a)
            y = origin[1] + cy + ay * f * wob * np.sin(a)
            z = np.full_like(x, float(slices[k].ImagePositionPatient[2]))
            c = Dataset()
            img = Dataset()
            img.ReferencedSOPClassUID = slices[k].SOPClassUID
            img.ReferencedSOPInstanceUID = slices[k].SOPInstanceUID
            c.ContourImageSequence = Sequence([img])
            c.ContourGeometricType = "CLOSED_PLANAR"
            c.NumberOfContourPoints = len(x)
            c.ContourData = ["%.4f" % v for v in np.stack([x, y, z], axis=1).ravel()]
            contours.append(c)
        roi = Dataset()
        roi.ROINumber = r + 1
        roi.ReferencedFrameOfReferenceUID = frame.FrameOfReferenceUID
        roi.ROIName = "roi%02d" % (r + 1)
        roi.ROIGenerationAlgorithm = "MANUAL"
        ss.append(roi)
        item = Dataset()
        item.ROIDisplayColor = [255, 0, 0]
        item.ContourSequence = Sequence(contours)
        item.ReferencedROINumber = r + 1
        rc.append(item)
        o = Dataset()
        o.ObservationNumber = r + 1
        o.ReferencedROINumber = r + 1
        o.RTROIInterpretedType = "ORGAN"
        o.ROIInterpreter = ""
        obs.append(o)
    ds.StructureSetROISequence = Sequence(ss)
    ds.ROIContourSequence = Sequence(rc)
    ds.RTROIObservationsSequence = Sequence(obs)
    ds.save_as(out, write_like_original=False)


def slice_matrix(s):
    """rt_utils' patient -> pixel transform of one slice (inverse of its pixel -> patient affine)."""
    iop = np.array(s.ImageOrientationPatient, dtype=float)
    ps = [float(v) for v in s.PixelSpacing]
    m = np.eye(4)
    m[:3, 0] = iop[:3] * ps[1]
    m[:3, 1] = iop[3:] * ps[0]
    m[:3, 2] = np.cross(iop[:3], iop[3:])
    m[:3, 3] = np.array(s.ImagePositionPatient, dtype=float)
    return np.linalg.inv(m)


def rasterise(slices, rs_path):
    """What rt_utils' get_roi_mask_by_name does, for every ROI."""
    rs = pydicom.dcmread(rs_path, force=True)
    rows, cols = int(slices[0].Rows), int(slices[0].Columns)
    total = 0
    for roi in rs.StructureSetROISequence:
        rc = next(c for c in rs.ROIContourSequence if c.ReferencedROINumber == roi.ROINumber)
        mask = np.zeros((rows, cols, len(slices)), dtype=bool)
        for k, s in enumerate(slices):
            polys = []
            for c in rc.ContourSequence:
                if c.ContourImageSequence[0].ReferencedSOPInstanceUID != s.SOPInstanceUID:
                    continue
                pts = np.array(c.ContourData, dtype=float).reshape(-1, 3)
                pts = np.hstack([pts, np.ones((len(pts), 1))]) @ slice_matrix(s).T
                polys.append(np.around(pts[:, :2]).astype(np.int32))
            if polys:
                fill = np.zeros((rows, cols), dtype=np.uint8)
                cv2.fillPoly(img=fill, pts=polys, color=1)
                mask[:, :, k] = fill.astype(bool)
        total += int(mask.sum())
    return total


def masks(series_dir, rs_path):
    slices = load_series(series_dir)
    rasterise(slices, rs_path)
    best = float("inf")
    voxels = 0
    for _ in range(3):
        t = time.perf_counter()
        voxels = rasterise(slices, rs_path)
        best = min(best, time.perf_counter() - t)
    n = len(pydicom.dcmread(rs_path, force=True).StructureSetROISequence)
    print(json.dumps({"tool": "pydicom+opencv", "mode": "rtstruct-masks", "rois": n, "voxels": voxels,
                      "seconds": best, "rois_per_s": n / best}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    else:
        masks(sys.argv[2], sys.argv[3])
