# SPDX-License-Identifier: Apache-2.0
"""Reference for scanbase's video tests, independent of scanbase: nibabel writes the test volumes
and computes the frames a video must show (RAS canonical orientation, then the radiological axial
view: patient's right on the image's left, anterior at the top, frames inferior to superior),
windowed with numpy (DICOM PS3.3 C.11.2.1.2 LINEAR, or linear between numpy percentiles).

  make OUT_DIR                                    writes the test volumes
  frames VOLUME OUT.raw linear CENTER WIDTH       expected uint8 frames, frame-major
  frames VOLUME OUT.raw percentiles LOW HIGH
  dicom OUT_DIR                                   writes an axial CT series with pydicom (window 300/1200)
  dicomframes DIR OUT.raw                         expected frames of that series: pydicom pixels sorted by
                                                  position along the normal, rescaled, through its own window
Prints {"frames", "width", "height"} as JSON.
"""
import json
import sys

import nibabel as nib
import numpy as np


def phantom(shape, rng):
    """A chest-like HU phantom on RAS voxel axes (x, y, z): body, two lungs, a spine."""
    x, y, z = np.meshgrid(*[np.linspace(-1, 1, n) for n in shape], indexing="ij")
    v = np.full(shape, -1000.0)
    body = (x / 0.9) ** 2 + (y / 0.7) ** 2 < 1
    v[body] = 40 + 30 * np.sin(3 * z[body])
    for cx in (-0.4, 0.4):
        v[((x - cx) / 0.3) ** 2 + (y / 0.45) ** 2 < 1] = -820
    v[(x / 0.12) ** 2 + ((y + 0.5) / 0.12) ** 2 < 1] = 700
    return v + rng.normal(0, 4, shape)


def make(out):
    rng = np.random.default_rng(7)
    # 1. odd size, voxel axes permuted and flipped: i runs superior, j towards the patient's right,
    #    k posterior. RAS shape (x, y, z) = (63, 47, 21).
    ras = phantom((63, 47, 21), rng)
    stored = np.transpose(ras[::-1, ::-1, :], (2, 0, 1))  # (z, x reversed, y reversed)
    aff = np.array([[0, -0.8, 0, 30], [0, 0, -0.9, 20], [2.5, 0, 0, -40], [0, 0, 0, 1]], float)
    nib.save(nib.Nifti1Image(np.round(stored).astype(np.int16), aff), f"{out}/ct_odd.nii.gz")
    # 2. one slice, ordinary LPS-like storage (as dcm2niix writes: x flipped)
    one = phantom((64, 64, 1), rng)
    nib.save(nib.Nifti1Image(np.round(one).astype(np.int16), np.diag([-0.7, 0.7, 3, 1])), f"{out}/single.nii.gz")
    # 3. a 16-bit MR: uint16 magnitudes, smooth blobs
    x, y, z = np.meshgrid(np.linspace(-1, 1, 80), np.linspace(-1, 1, 96), np.linspace(-1, 1, 24), indexing="ij")
    mr = 1500 * np.exp(-(x ** 2 + y ** 2) * 2) * (1 + 0.5 * np.cos(4 * z)) + 300 * (x ** 2 + y ** 2 < 0.6)
    mr = mr + rng.normal(0, 10, mr.shape).clip(-20, 20) + 25
    nib.save(nib.Nifti1Image(mr.astype(np.uint16), np.diag([1.0, 1.0, 2.0, 1])), f"{out}/mr16.nii.gz")
    # 4. order marker: k runs towards the feet (the file starts superior); only stored slice k = 1 is
    #    bright, and only in the patient's right-anterior quarter: i runs to +x (RAS: the patient's
    #    right) and j to +y (anterior), so right-anterior is i >= 20, j >= 15
    m = np.zeros((40, 30, 12), np.int16)
    aff = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, -4, 0], [0, 0, 0, 1]], float)
    m[20:, 15:, 1] = 1000
    nib.save(nib.Nifti1Image(m, aff), f"{out}/marker.nii.gz")


def window_linear(v, c, w):
    c, w = c - 0.5, w - 1
    y = ((v - c) / w + 0.5) * 255
    return np.where(v <= c - w / 2, 0, np.where(v > c + w / 2, 255, y))


def frames(path, out, kind, a, b):
    img = nib.as_closest_canonical(nib.load(path))
    d = img.get_fdata()
    if d.ndim == 4:
        d = d[..., 0]
    if kind == "linear":
        g = window_linear(d, a, b)
    else:
        lo, hi = np.percentile(nib.load(path).get_fdata(), [a, b])
        g = np.clip((d - lo) / max(hi - lo, 1) * 255, 0, 255)
    g = np.round(g).astype(np.uint8)
    f = np.stack([g[::-1, ::-1, z].T for z in range(g.shape[2])])  # (frames, rows = y, columns = x)
    f.tofile(out)
    print(json.dumps({"frames": f.shape[0], "height": f.shape[1], "width": f.shape[2]}))


def dicom(out):
    import random
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid
    rng = np.random.default_rng(3)
    rows, cols, n = 33, 41, 9
    series, study, frame = generate_uid(), generate_uid(), generate_uid()
    order = list(range(n))
    random.Random(5).shuffle(order)  # file names and instance numbers say nothing about position
    yy, xx = np.mgrid[0:rows, 0:cols]
    for name_index, k in enumerate(order):
        hu = np.where(((yy - 16) / 14.0) ** 2 + ((xx - 20) / 18.0) ** 2 < 1, 60 + 25 * k, -1000.0)
        hu = hu + rng.normal(0, 3, hu.shape)
        if k == 0:  # the most inferior slice: a bright block in the patient's right-anterior corner
            hu[:8, :10] = 1500
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
        ds.Modality, ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = "CT", study, series, frame
        ds.InstanceNumber = n - name_index
        ds.ImagePositionPatient = [-20.0, -15.0, 5.0 * k]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [0.9, 0.9]
        ds.SliceThickness = 5
        ds.Rows, ds.Columns = rows, cols
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
        ds.WindowCenter, ds.WindowWidth = 300, 1200
        ds.PixelData = np.clip(np.round(hu + 1024), 0, 4095).astype(np.uint16).tobytes()
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(f"{out}/IMG{name_index:03d}.dcm", write_like_original=False)


def dicom_frames(d, out):
    import os
    import pydicom
    files = [pydicom.dcmread(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".dcm")]
    iop = np.array(files[0].ImageOrientationPatient, float)
    assert np.allclose(iop, [1, 0, 0, 0, 1, 0]), "the reference handles the standard axial orientation only"
    normal = np.cross(iop[:3], iop[3:])
    files.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, float))))
    c, w = float(files[0].WindowCenter), float(files[0].WindowWidth)
    hu = np.stack([ds.pixel_array * float(ds.RescaleSlope) + float(ds.RescaleIntercept) for ds in files])
    f = np.round(window_linear(hu, c, w)).astype(np.uint8)
    f.tofile(out)
    print(json.dumps({"frames": f.shape[0], "height": f.shape[1], "width": f.shape[2]}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "dicom":
        dicom(sys.argv[2])
    elif sys.argv[1] == "dicomframes":
        dicom_frames(sys.argv[2], sys.argv[3])
    else:
        frames(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), float(sys.argv[6]))
