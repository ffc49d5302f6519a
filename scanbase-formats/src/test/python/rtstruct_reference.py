# SPDX-License-Identifier: Apache-2.0
"""Prints what pydicom reads from an RT Structure Set, as JSON, for RtStructReaderTest.

usage: rtstruct_reference.py FILE
"""
import json
import sys

import pydicom


def main(path):
    ds = pydicom.dcmread(path, force=True)
    rois = {}
    for item in ds.get("StructureSetROISequence", []):
        rois[int(item.ROINumber)] = {
            "number": int(item.ROINumber),
            "name": str(item.get("ROIName", "")),
            "frameOfReferenceUid": str(item.get("ReferencedFrameOfReferenceUID", "")),
            "generationAlgorithm": str(item.get("ROIGenerationAlgorithm", "")),
            "interpretedType": "",
            "displayColor": [],
            "contours": [],
        }
    for item in ds.get("ROIContourSequence", []):
        roi = rois[int(item.ReferencedROINumber)]
        roi["displayColor"] = [int(v) for v in item.get("ROIDisplayColor", [])]
        for c in item.get("ContourSequence", []):
            data = c.ContourData
            data = [float(v) for v in (data if isinstance(data, (list, pydicom.multival.MultiValue)) else [data])]
            roi["contours"].append({
                "type": str(c.ContourGeometricType),
                "points": data,
                "refs": [str(i.ReferencedSOPInstanceUID) for i in c.get("ContourImageSequence", [])],
            })
    for item in ds.get("RTROIObservationsSequence", []):
        rois[int(item.ReferencedROINumber)]["interpretedType"] = str(item.get("RTROIInterpretedType", ""))
    frames = []
    for f in ds.get("ReferencedFrameOfReferenceSequence", []):
        series = []
        for st in f.get("RTReferencedStudySequence", []):
            for se in st.get("RTReferencedSeriesSequence", []):
                series.append(str(se.SeriesInstanceUID))
        frames.append({"frameOfReferenceUid": str(f.FrameOfReferenceUID), "series": series})
    print(json.dumps({"sopInstanceUid": str(ds.SOPInstanceUID), "label": str(ds.get("StructureSetLabel", "")),
                      "frames": frames, "rois": list(rois.values())}))


if __name__ == "__main__":
    main(sys.argv[1])
