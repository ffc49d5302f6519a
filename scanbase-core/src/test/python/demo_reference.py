# SPDX-License-Identifier: Apache-2.0
"""Independent readings of the demo data for the org.scanbase.demo tests, with Debian's
pydicom 2.3, nibabel 5 and numpy (run with /usr/bin/python3). Prints one JSON document.

usage:
  demo_reference.py dicom FILE...   pydicom: headers and pixel summaries of MR slices, ROIs of RTSTRUCTs
  demo_reference.py nifti FILE...   nibabel: shape, dtype, affine, raw scaling, label counts (numpy)
  demo_reference.py mha FILE...     plastimatch's MetaImage masks: size and non-zero voxel count
"""
import hashlib
import json
import sys
import zlib

import numpy as np


def dicom(files):
    import pydicom
    out = []
    for f in files:
        ds = pydicom.dcmread(f)
        d = {"file": f, "sop_class_uid": str(ds.SOPClassUID), "sop_instance_uid": str(ds.SOPInstanceUID),
             "modality": str(ds.Modality), "patient_id": str(ds.PatientID),
             "study_instance_uid": str(ds.StudyInstanceUID)}
        if ds.Modality == "RTSTRUCT":
            rois = {int(r.ROINumber): {"name": str(r.ROIName),
                                       "frame_of_reference_uid": str(r.ReferencedFrameOfReferenceUID)}
                    for r in ds.StructureSetROISequence}
            for rc in ds.ROIContourSequence:
                roi = rois[int(rc.ReferencedROINumber)]
                roi["color"] = [int(v) for v in rc.ROIDisplayColor]
                contours = list(getattr(rc, "ContourSequence", []))
                roi["contours"] = len(contours)
                roi["types"] = sorted({str(c.ContourGeometricType) for c in contours})
                roi["points"] = sorted({int(c.NumberOfContourPoints) for c in contours})
                roi["contour_images"] = [str(c.ContourImageSequence[0].ReferencedSOPInstanceUID) for c in contours]
            ref = ds.ReferencedFrameOfReferenceSequence[0]
            series = ref.RTReferencedStudySequence[0].RTReferencedSeriesSequence[0]
            d["rois"] = [dict(number=n, **rois[n]) for n in sorted(rois)]
            d["frame_of_reference_uid"] = str(ref.FrameOfReferenceUID)
            d["referenced_series_uid"] = str(series.SeriesInstanceUID)
            d["referenced_images"] = [str(i.ReferencedSOPInstanceUID) for i in series.ContourImageSequence]
        else:
            px = ds.pixel_array
            d.update({
                "series_instance_uid": str(ds.SeriesInstanceUID),
                "frame_of_reference_uid": str(ds.FrameOfReferenceUID),
                "instance_number": int(ds.InstanceNumber),
                "slice_location": float(ds.SliceLocation),
                "manufacturer": str(ds.Manufacturer),
                "magnetic_field_strength": float(ds.MagneticFieldStrength),
                "body_part_examined": str(ds.BodyPartExamined),
                "pixel_spacing": [float(v) for v in ds.PixelSpacing],
                "image_orientation_patient": [float(v) for v in ds.ImageOrientationPatient],
                "image_position_patient": [float(v) for v in ds.ImagePositionPatient],
                "has_rescale": "RescaleSlope" in ds or "RescaleIntercept" in ds,
                "shape": list(px.shape), "dtype": str(px.dtype),
                "min": int(px.min()), "max": int(px.max()),
                "sha256": hashlib.sha256(px.astype("<u2").tobytes()).hexdigest()})
        out.append(d)
    return out


def nifti(files):
    import nibabel as nib
    out = []
    for f in files:
        raw = nib.Nifti1Header.from_fileobj(open(f, "rb"))
        img = nib.load(f)
        data = np.asanyarray(img.dataobj)
        values, counts = np.unique(data, return_counts=True)
        d = {"file": f, "shape": list(data.shape), "dtype": str(raw.get_data_dtype()),
             "affine": img.affine.tolist(), "axcodes": list(nib.aff2axcodes(img.affine)),
             "scl_slope": float(raw["scl_slope"]), "scl_inter": float(raw["scl_inter"]),
             "sform_code": int(raw["sform_code"]), "min": int(data.min()), "max": int(data.max())}
        if data.dtype == np.uint8:
            d["counts"] = {str(int(v)): int(c) for v, c in zip(values, counts) if v != 0}
            d["slice_nonzero"] = [int(n) for n in np.count_nonzero(data, axis=(0, 1))]
            centroids = {}
            for v in d["counts"]:
                ijk = np.argwhere(data == int(v)).mean(axis=0)
                centroids[v] = (img.affine @ np.append(ijk, 1.0))[:3].tolist()
            d["centroid_ras"] = centroids
        out.append(d)
    return out


def mha(files):
    out = []
    for f in files:
        blob = open(f, "rb").read()
        end = blob.index(b"ElementDataFile = LOCAL")
        start = blob.index(b"\n", end) + 1
        header = dict(line.split(" = ", 1) for line in blob[:start].decode("latin-1").splitlines() if " = " in line)
        data = blob[start:]
        if header.get("CompressedData", "False") == "True":
            data = zlib.decompress(data)
        size = [int(v) for v in header["DimSize"].split()]
        voxels = np.frombuffer(data, dtype=np.uint8)
        assert voxels.size == np.prod(size), (f, voxels.size, size)
        out.append({"file": f, "size": size, "nonzero": int(np.count_nonzero(voxels))})
    return out


if __name__ == "__main__":
    command, files = sys.argv[1], sys.argv[2:]
    print(json.dumps({"dicom": dicom, "nifti": nifti, "mha": mha}[command](files)))
