# SPDX-License-Identifier: Apache-2.0
"""Writes a DICOM Segmentation with pydicom, independently of scanbase's writer, for SegReaderTest.

Usage: seg_fixture.py OUT.dcm SPEC.json
SPEC: rows, columns, orientation (6), spacing ([row, column] mm), thickness, positions (per slice),
uids (per slice), frameOfReference, series, frames ([segment, slice] in file order), fractional
(bool), withReference ([bool] per frame: DerivationImageSequence present).
Pixel (r, c) of the frame for (segment s, slice k) is v = (13 s + 7 k + 3 r + 5 c) mod 256;
BINARY stores v mod 4 == 0, FRACTIONAL stores v (MaximumFractionalValue 255).
1-bit frames are packed with pydicom's pack_bits over all frames at once (no byte alignment).
"""
import json
import sys

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixel_data_handlers.numpy_handler import pack_bits
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, spec = sys.argv[1], json.load(open(sys.argv[2]))
rows, cols = spec["rows"], spec["columns"]
fractional = spec["fractional"]


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


ds = Dataset()
ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.66.4"
ds.SOPInstanceUID = generate_uid()
ds.Modality = "SEG"
ds.StudyInstanceUID = generate_uid()
ds.SeriesInstanceUID = generate_uid()
ds.FrameOfReferenceUID = spec["frameOfReference"]
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.Rows, ds.Columns = rows, cols
ds.BitsAllocated = 8 if fractional else 1
ds.BitsStored = ds.BitsAllocated
ds.HighBit = ds.BitsAllocated - 1
ds.PixelRepresentation = 0
ds.SegmentationType = "FRACTIONAL" if fractional else "BINARY"
if fractional:
    ds.SegmentationFractionalType = "PROBABILITY"
    ds.MaximumFractionalValue = 255
segments = []
for number, label, lab in [(1, "alpha", [65535, 32896, 32896]), (2, "beta", None)]:
    s = Dataset()
    s.SegmentNumber = number
    s.SegmentLabel = label
    s.SegmentAlgorithmType = "AUTOMATIC"
    s.SegmentAlgorithmName = "fixture"
    s.SegmentedPropertyCategoryCodeSequence = Sequence([code("123037004", "SCT", "Anatomical Structure")])
    s.SegmentedPropertyTypeCodeSequence = Sequence([code("10200004", "SCT", "Liver")])
    if lab:
        s.RecommendedDisplayCIELabValue = lab
    segments.append(s)
ds.SegmentSequence = Sequence(segments)
shared = Dataset()
po = Dataset()
po.ImageOrientationPatient = spec["orientation"]
pm = Dataset()
pm.PixelSpacing = spec["spacing"]
pm.SliceThickness = spec["thickness"]
shared.PlaneOrientationSequence = Sequence([po])
shared.PixelMeasuresSequence = Sequence([pm])
ds.SharedFunctionalGroupsSequence = Sequence([shared])
per_frame = []
pixels = []
r = np.arange(rows).reshape(rows, 1)
c = np.arange(cols).reshape(1, cols)
for (seg, k), with_ref in zip(spec["frames"], spec["withReference"]):
    item = Dataset()
    if with_ref:
        src = Dataset()
        src.ReferencedSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        src.ReferencedSOPInstanceUID = spec["uids"][k]
        der = Dataset()
        der.SourceImageSequence = Sequence([src])
        item.DerivationImageSequence = Sequence([der])
    pp = Dataset()
    pp.ImagePositionPatient = spec["positions"][k]
    item.PlanePositionSequence = Sequence([pp])
    si = Dataset()
    si.ReferencedSegmentNumber = seg
    item.SegmentIdentificationSequence = Sequence([si])
    per_frame.append(item)
    v = (13 * seg + 7 * k + 3 * r + 5 * c) % 256
    pixels.append((v % 4 == 0).astype(np.uint8) if not fractional else v.astype(np.uint8))
ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
ds.NumberOfFrames = len(per_frame)
frames = np.stack(pixels)
data = pack_bits(frames.ravel()) if not fractional else frames.tobytes()
if len(data) % 2:
    data += b"\0"
ds.PixelData = data
ds["PixelData"].VR = "OB"
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = ds.SOPClassUID
meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds.file_meta = meta
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(out, write_like_original=False)
