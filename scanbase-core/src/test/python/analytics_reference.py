#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Independent reference for scanbase's analytics: numpy + scipy.ndimage (Debian python3-scipy).

Usage: analytics_reference.py SPEC.json  ->  JSON on stdout.
SPEC for files: {"kind": "nifti"|"png", "gt_file", "pred_file" (or null), "image_file", "labels"}.
SPEC: {"shape": [nz, ny, nx] or [ny, nx], "spacing": [sx, sy, sz], "affine": 4x4 voxel(i,j,k)->LPS,
       "gt": raw uint16 file, "pred": raw uint16 file or null, "image": raw int16 file or null,
       "slope": s, "intercept": b, "labels": [values to evaluate]}
Surfaces are mask & ~binary_erosion(mask) (cross-shaped element, background border); distances
come from distance_transform_edt(~surface, sampling=spacing); HD95 is the 95th percentile of both
directions pooled, ASSD their mean.
"""
import json
import sys

import numpy as np
from scipy import ndimage


def surface(m):
    return m & ~ndimage.binary_erosion(m, structure=ndimage.generate_binary_structure(m.ndim, 1), border_value=0)


def metrics(g, p, sampling):
    gs, ps, tp = int(g.sum()), int(p.sum()), int((g & p).sum())
    out = {"dice": 2.0 * tp / (gs + ps), "iou": tp / (gs + ps - tp),
           "precision": tp / ps if ps else None, "recall": tp / gs if gs else None,
           "hd_mm": None, "hd95_mm": None, "assd_mm": None}
    if gs and ps:
        sg, sp = surface(g), surface(p)
        d_gp = ndimage.distance_transform_edt(~sp, sampling=sampling)[sg]
        d_pg = ndimage.distance_transform_edt(~sg, sampling=sampling)[sp]
        both = np.concatenate([d_gp, d_pg])
        out["hd_mm"] = float(max(d_gp.max(), d_pg.max()))
        out["hd95_mm"] = float(np.percentile(both, 95))
        out["assd_mm"] = float(both.mean())
    return out


def stats(mask, image, affine, voxel_ml):
    idx = np.nonzero(mask)            # (k, j, i) or (j, i)
    ijk = [idx[-1], idx[-2], idx[0] if mask.ndim == 3 else np.zeros_like(idx[0])]
    c = np.array([a.mean() for a in ijk] + [1.0])
    out = {"voxels": int(mask.sum()), "volume_ml": float(mask.sum() * voxel_ml),
           "slices": int(len(np.unique(ijk[2]))),
           "bbox": [[int(a.min()) for a in ijk], [int(a.max()) for a in ijk]],
           "centroid_mm": [float(x) for x in (np.array(affine) @ c)[:3]]}
    if image is not None:
        v = image[mask]
        out.update(mean=float(v.mean()), std=float(v.std()), min=float(v.min()), max=float(v.max()))
        for p in (5, 25, 50, 75, 95):
            out["p%d" % p] = float(np.percentile(v, p))
    return out


def load_files(spec):
    """Masks and image from files: "kind" nifti (nibabel; LPS = diag(-1,-1,1) RAS) or png (PIL + pydicom)."""
    if spec["kind"] == "nifti":
        import nibabel as nib
        def labels(path):
            return None if not path else np.transpose(np.asanyarray(nib.load(path).dataobj), (2, 1, 0)).astype(np.uint16)
        img = nib.load(spec["image_file"])
        image = np.transpose(img.get_fdata(), (2, 1, 0))
        affine = (np.diag([-1.0, -1.0, 1.0, 1.0]) @ img.affine).tolist()
        spacing = [float(z) for z in img.header.get_zooms()[:3]]
    else:
        import pydicom
        from PIL import Image
        def labels(path):
            return None if not path else np.array(Image.open(path)).astype(np.uint16)
        ds = pydicom.dcmread(spec["image_file"])
        image = ds.pixel_array * float(getattr(ds, "RescaleSlope", 1)) + float(getattr(ds, "RescaleIntercept", 0))
        row, col = np.array(ds.ImageOrientationPatient[:3], float), np.array(ds.ImageOrientationPatient[3:], float)
        ps = [float(x) for x in ds.PixelSpacing]
        spacing = [ps[1], ps[0], float(ds.SliceThickness)]
        a = np.eye(4)
        a[:3, 0], a[:3, 1], a[:3, 2] = row * spacing[0], col * spacing[1], np.cross(row, col) * spacing[2]
        a[:3, 3] = [float(x) for x in ds.ImagePositionPatient]
        affine = a.tolist()
    gt = labels(spec["gt_file"])
    pred = labels(spec.get("pred_file"))
    shape = gt.shape
    return gt, pred, image, affine, spacing, shape


def main():
    spec = json.load(open(sys.argv[1]))
    if "kind" in spec:
        gt, pred, image, affine, spacing, shape = load_files(spec)
        spec["affine"] = affine
        spec["spacing"] = spacing
    else:
        shape = tuple(spec["shape"])
        gt = np.fromfile(spec["gt"], dtype="<u2").reshape(shape)
        pred = np.fromfile(spec["pred"], dtype="<u2").reshape(shape) if spec.get("pred") else None
        image = None
        if spec.get("image"):
            image = np.fromfile(spec["image"], dtype="<i2").reshape(shape) * spec["slope"] + spec["intercept"]
    sx, sy, sz = spec["spacing"]
    sampling = (sz, sy, sx) if len(shape) == 3 else (sy, sx)
    result = {"metrics": {}, "stats": {}, "slice_voxels": {}, "values": sorted(int(x) for x in np.unique(gt) if x)}
    for v in sorted(int(x) for x in np.unique(gt) if x):
        result["stats"][str(v)] = stats(gt == v, image, spec["affine"], sx * sy * sz / 1000.0)
        if gt.ndim == 3:
            result["slice_voxels"][str(v)] = [int(x) for x in (gt == v).sum(axis=(1, 2))]
    if pred is not None:
        for v in spec["labels"]:
            g, p = gt == v, pred == v
            if g.any() or p.any():
                result["metrics"][str(v)] = metrics(g, p, sampling)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
