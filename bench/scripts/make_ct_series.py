# SPDX-License-Identifier: Apache-2.0
"""Writes a synthetic CT series with pydicom (an independent writer) for the read benchmarks.

usage: /usr/bin/python3 make_ct_series.py OUT_DIR N_FILES [ROWS]
Each file is a 512x512 int16 CT slice in Explicit VR Little Endian with ~90 realistic attributes,
including a nested sequence, so header parsing does representative work.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid


def make(out, n, rows):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    yy, xx = np.mgrid[0:rows, 0:rows]
    body = ((yy - rows / 2) ** 2 / (rows * 0.42) ** 2 + (xx - rows / 2) ** 2 / (rows * 0.35) ** 2) < 1
    for i in range(n):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SpecificCharacterSet = "ISO_IR 100"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = "20240131"
        ds.StudyTime = ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = "101530.250000"
        ds.AccessionNumber = "A%06d" % 1
        ds.Modality = "CT"
        ds.Manufacturer = "SYNTHETIC"
        ds.InstitutionName = "Bench Hospital"
        ds.ReferringPhysicianName = "Doe^Jane"
        ds.StationName = "CT01"
        ds.StudyDescription = "CHEST W/O CONTRAST"
        ds.SeriesDescription = "AXIAL 1.25mm"
        ds.ManufacturerModelName = "Model X"
        ds.PatientName = "Bench^Patient"
        ds.PatientID = "BENCH001"
        ds.PatientBirthDate = "19600101"
        ds.PatientSex = "O"
        ds.PatientAge = "064Y"
        ds.BodyPartExamined = "CHEST"
        ds.SliceThickness = "1.25"
        ds.KVP = "120"
        ds.DataCollectionDiameter = "500.0"
        ds.SoftwareVersions = "1.0"
        ds.ReconstructionDiameter = "360.0"
        ds.DistanceSourceToDetector = "946.7"
        ds.DistanceSourceToPatient = "538.5"
        ds.GantryDetectorTilt = "0.0"
        ds.TableHeight = "160.0"
        ds.RotationDirection = "CW"
        ds.ExposureTime = "500"
        ds.XRayTubeCurrent = "300"
        ds.Exposure = "150"
        ds.FilterType = "BODY FILTER"
        ds.GeneratorPower = "36000"
        ds.FocalSpots = "1.2"
        ds.ConvolutionKernel = "STANDARD"
        ds.PatientPosition = "FFS"
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.StudyID = "1"
        ds.SeriesNumber = 2
        ds.AcquisitionNumber = 1
        ds.InstanceNumber = i + 1
        ds.ImagePositionPatient = [-180.0, -180.0, -300.0 + 1.25 * i]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.FrameOfReferenceUID = frame
        ds.PositionReferenceIndicator = ""
        ds.SliceLocation = -300.0 + 1.25 * i
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = rows
        ds.Columns = rows
        ds.PixelSpacing = [0.703125, 0.703125]
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        ds.WindowCenter = "40"
        ds.WindowWidth = "400"
        ds.RescaleIntercept = "-1024"
        ds.RescaleSlope = "1"
        ds.RescaleType = "HU"
        item = Dataset()
        item.CodeValue = "113691"
        item.CodingSchemeDesignator = "DCM"
        item.CodeMeaning = "IHE Standard"
        ds.ProcedureCodeSequence = Sequence([item])
        ref = Dataset()
        ref.ReferencedSOPClassUID = ds.SOPClassUID
        ref.ReferencedSOPInstanceUID = generate_uid()
        ds.ReferencedImageSequence = Sequence([ref])
        img = np.where(body, 1024 + 40, 24).astype(np.int16)
        img = img + rng.integers(-20, 20, size=img.shape, dtype=np.int16)
        ds.PixelData = img.tobytes()
        ds.save_as(os.path.join(out, "CT%05d.dcm" % i), write_like_original=False)


if __name__ == "__main__":
    make(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 512)
