# SPDX-License-Identifier: Apache-2.0
"""Independent reads of scanbase exports for ExportIT (Debian python3-nibabel, python3-pydicom,
python3-numpy, python3-pil). Prints one JSON document on stdout.

  nifti FILE...            nibabel: shape, affine, dtype, scaled min/max, counts of each integer value
  nnunet DIR               checks DIR against the nnU-Net v2 raw dataset format (dataset_format.md)
  slice FILE K             slice K of the real values, rounded, rows of PNG order
  merged LABELS_A LABELS_B  counts of where(B > 0, max(A) + B, A): A's values, then B's after them
  seg FILE                 pydicom: per frame, segment number, referenced SOP instance, pixels set
  png FILE...              PIL: mode, size, counts of each value, min, max
  windowed FILE            pydicom: the image through its modality and VOI LUTs, scaled to 0..255
  roicolours FILE          pydicom: ROI name -> ROIDisplayColor of an RTSTRUCT
  ipp FILE...              pydicom: ImagePositionPatient of each file
  dicom FILE...            pydicom: PatientName, PatientID, StudyDate, every UI value
"""
import json
import os
import re
import sys

import numpy as np


def counts(a):
    values, n = np.unique(np.asarray(a), return_counts=True)
    return {str(int(v)): int(c) for v, c in zip(values, n) if float(v).is_integer()}


def nifti(files):
    import nibabel as nib
    out = []
    for f in files:
        img = nib.load(f)
        data = np.asanyarray(img.dataobj)
        real = img.get_fdata()
        out.append({"file": f, "shape": list(img.shape), "affine": img.affine.tolist(),
                    "dtype": str(img.get_data_dtype()), "min": float(real.min()), "max": float(real.max()),
                    "counts": counts(data) if np.issubdtype(data.dtype, np.integer) else {}})
    return out


def nnunet(root):
    """The rules of nnU-Net v2's dataset_format.md, as far as files and dataset.json go."""
    import nibabel as nib
    errors = []
    with open(os.path.join(root, "dataset.json")) as fh:
        ds = json.load(fh)
    for key in ("channel_names", "labels", "numTraining", "file_ending"):
        if key not in ds:
            errors.append("dataset.json lacks " + key)
    if errors:
        return {"errors": errors}
    ch = ds["channel_names"]
    if not isinstance(ch, dict) or sorted(ch.keys(), key=int) != [str(i) for i in range(len(ch))]:
        errors.append("channel_names keys must be '0'..'n-1': %r" % ch)
    labels = ds["labels"]
    if labels.get("background") != 0:
        errors.append("labels must map background to 0")
    ids = sorted(v for v in labels.values() if isinstance(v, int))
    if ids != list(range(len(ids))) or len(ids) != len(labels):
        errors.append("label values must be consecutive integers from 0: %r" % labels)
    ending = ds["file_ending"]
    images = sorted(os.listdir(os.path.join(root, "imagesTr")))
    segs = sorted(os.listdir(os.path.join(root, "labelsTr")))
    cases = sorted(s[:-len(ending)] for s in segs if s.endswith(ending))
    if len(cases) != len(segs):
        errors.append("labelsTr files not ending in " + ending)
    if ds["numTraining"] != len(cases):
        errors.append("numTraining %r but %d label files" % (ds["numTraining"], len(cases)))
    expected_images = sorted("%s_%04d%s" % (c, int(k), ending) for c in cases for k in ch)
    if images != expected_images:
        errors.append("imagesTr %r, expected %r" % (images, expected_images))
    per_case = {}
    for c in cases:
        lab = nib.load(os.path.join(root, "labelsTr", c + ending))
        for k in ch:
            img = nib.load(os.path.join(root, "imagesTr", "%s_%04d%s" % (c, int(k), ending)))
            if img.shape != lab.shape or not np.allclose(img.affine, lab.affine, atol=1e-4):
                errors.append(c + ": image and label differ in shape or affine")
        data = np.asanyarray(lab.dataobj)
        extra = set(np.unique(data).tolist()) - set(ids)
        if extra:
            errors.append(c + ": label values not in dataset.json: %r" % sorted(extra))
        per_case[c] = counts(data)
    return {"errors": errors, "labels": labels, "channel_names": ch, "cases": per_case}


def slice_values(f, k):
    """Slice k of a NIfTI file's real values, rounded, in PNG order (row j, then column i)."""
    import nibabel as nib
    real = nib.load(f).get_fdata()
    return {"values": np.rint(real[:, :, int(k)].T).astype(np.int64).ravel().tolist()}


def merged(a_file, b_file):
    import nibabel as nib
    a = np.asanyarray(nib.load(a_file).dataobj).astype(np.int64)
    b = np.asanyarray(nib.load(b_file).dataobj).astype(np.int64)
    return counts(np.where(b > 0, a.max() + b, a))


def seg(path):
    import pydicom
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array
    if arr.ndim == 2:
        arr = arr[np.newaxis]
    frames = []
    for i, fg in enumerate(ds.PerFrameFunctionalGroupsSequence):
        number = int(fg.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
        src = fg.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
        frames.append({"segment": number, "sop": str(src), "pixels": int(np.count_nonzero(arr[i]))})
    segments = {str(int(s.SegmentNumber)): str(s.SegmentLabel) for s in ds.SegmentSequence}
    refs = [str(i.ReferencedSOPInstanceUID) for s in ds.ReferencedSeriesSequence for i in s.ReferencedInstanceSequence]
    return {"frames": frames, "segments": segments, "series": str(ds.ReferencedSeriesSequence[0].SeriesInstanceUID),
            "referenced": refs, "rows": int(ds.Rows), "columns": int(ds.Columns)}


def png(files):
    from PIL import Image
    out = []
    for f in files:
        im = Image.open(f)
        a = np.asarray(im)
        out.append({"file": f, "mode": im.mode, "size": list(im.size), "min": int(a.min()), "max": int(a.max()),
                    "counts": counts(a), "values": a.astype(np.int64).ravel().tolist()})
    return out


def dicom(files):
    import pydicom
    out = []
    for f in files:
        ds = pydicom.dcmread(f)
        uids = set()

        def walk(d):
            for el in d:
                if el.VR == "SQ":
                    for item in el.value:
                        walk(item)
                elif el.VR == "UI" and el.value:
                    values = el.value if isinstance(el.value, (list, pydicom.multival.MultiValue)) else [el.value]
                    uids.update(str(v) for v in values)
        walk(ds)
        out.append({"file": f, "PatientName": str(ds.get("PatientName", "")), "PatientID": str(ds.get("PatientID", "")),
                    "StudyDate": str(ds.get("StudyDate", "")), "SeriesInstanceUID": str(ds.get("SeriesInstanceUID", "")),
                    "SOPInstanceUID": str(ds.get("SOPInstanceUID", "")), "uids": sorted(uids)})
    return out


def ipp(files):
    import pydicom
    return [[float(v) for v in pydicom.dcmread(f, stop_before_pixels=True).ImagePositionPatient] for f in files]


def roi_colours(path):
    import pydicom
    ds = pydicom.dcmread(path)
    names = {int(r.ROINumber): str(r.ROIName) for r in ds.StructureSetROISequence}
    return {names[int(c.ReferencedROINumber)]: [int(v) for v in c.ROIDisplayColor]
            for c in ds.ROIContourSequence if "ROIDisplayColor" in c}


def windowed(path):
    """pydicom's modality LUT then VOI LUT (the file's window), scaled from its output range to 0..255."""
    import pydicom
    from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut
    ds = pydicom.dcmread(path)
    out = apply_voi_lut(apply_modality_lut(ds.pixel_array, ds), ds)
    if ds.PixelRepresentation == 0:
        y_min, y_max = 0, 2 ** ds.BitsStored - 1
    else:
        y_min, y_max = -2 ** (ds.BitsStored - 1), 2 ** (ds.BitsStored - 1) - 1
    if "RescaleSlope" in ds and "RescaleIntercept" in ds:
        y_min = y_min * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        y_max = y_max * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    scaled = (out.astype(np.float64) - y_min) / (y_max - y_min) * 255
    return {"values": np.rint(scaled).astype(np.int64).ravel().tolist()}


def main():
    command, args = sys.argv[1], sys.argv[2:]
    result = {"nifti": lambda: nifti(args), "nnunet": lambda: nnunet(args[0]), "merged": lambda: merged(*args),
              "slice": lambda: slice_values(*args),
              "seg": lambda: seg(args[0]), "png": lambda: png(args), "dicom": lambda: dicom(args),
              "ipp": lambda: ipp(args),
              "roicolours": lambda: roi_colours(args[0]),
              "windowed": lambda: windowed(args[0])}[command]()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
