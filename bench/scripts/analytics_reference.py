#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reference for bench/analytics.sh: the same statistics and metrics as scanbase's analytics with
nibabel + numpy + scipy.ndimage, scan by scan over a covid-ct folder (Kaggle layout).

Per mask and label: voxels, volume_ml, slices, bbox, centroid (LPS mm), HU mean/std/min/max and
percentiles 5/25/50/75/95. Evaluation of lung_mask against lung_and_infection_mask, labels 1-3:
Dice, IoU, precision, recall and, on the bounding box of both masks (as scanbase does, so
the reference is not slowed by empty space), surfaces by binary erosion and distances by
distance_transform_edt with the real spacing: HD, HD95, ASSD.
Prints {"volumes", "seconds", "per_volume_s"} (one pass, after one warm-up scan).
"""
import json
import os
import re
import sys
import time

import nibabel as nib
import numpy as np
from scipy import ndimage

MASKS = ("lung_mask", "infection_mask", "lung_and_infection_mask")


def stats(labels, hu, affine, zooms):
    out = {}
    for v in np.unique(labels):
        if v == 0:
            continue
        m = labels == v
        idx = np.nonzero(m)
        vals = hu[m]
        c = affine @ np.array([idx[0].mean(), idx[1].mean(), idx[2].mean(), 1.0])
        out[int(v)] = dict(voxels=len(vals), volume_ml=len(vals) * float(np.prod(zooms)) / 1000,
                           slices=len(np.unique(idx[2])), bbox=[[int(a.min()) for a in idx], [int(a.max()) for a in idx]],
                           centroid=c[:3].tolist(), mean=vals.mean(), std=vals.std(), min=vals.min(), max=vals.max(),
                           pct=np.percentile(vals, [5, 25, 50, 75, 95]).tolist())
    return out


def surface(m):
    return m & ~ndimage.binary_erosion(m, structure=ndimage.generate_binary_structure(3, 1), border_value=0)


def metrics(gt, pred, zooms):
    out = {}
    for v in (1, 2, 3):
        g, p = gt == v, pred == v
        gs, ps, tp = g.sum(), p.sum(), (g & p).sum()
        if gs + ps == 0:
            continue
        r = dict(dice=2 * tp / (gs + ps), iou=tp / (gs + ps - tp))
        if gs and ps:
            box = ndimage.find_objects((g | p).astype(np.uint8))[0]
            sg, sp = surface(g[box]), surface(p[box])
            d1 = ndimage.distance_transform_edt(~sp, sampling=zooms)[sg]
            d2 = ndimage.distance_transform_edt(~sg, sampling=zooms)[sp]
            both = np.concatenate([d1, d2])
            r.update(hd=max(d1.max(), d2.max()), hd95=np.percentile(both, 95), assd=both.mean())
        out[v] = r
    return out


def scan(root, ct):
    key = re.sub(r"-dcm$", "", ct[:-4]).replace("_org_covid-19-pneumonia-", "_").replace("_org_", "_")
    img = nib.load(os.path.join(root, "ct_scans", ct))
    hu = img.get_fdata()
    zooms = img.header.get_zooms()[:3]
    lps = np.diag([-1.0, -1.0, 1.0, 1.0]) @ img.affine
    masks = {}
    for d in MASKS:
        masks[d] = np.asanyarray(nib.load(os.path.join(root, d, key + ".nii")).dataobj).astype(np.uint16)
        stats(masks[d], hu, lps, zooms)
    return metrics(masks["lung_and_infection_mask"], masks["lung_mask"], zooms)


def main():
    root = sys.argv[1]
    cts = sorted(f for f in os.listdir(os.path.join(root, "ct_scans")) if f.endswith(".nii"))
    scan(root, cts[0])
    start = time.perf_counter()
    for ct in cts:
        scan(root, ct)
    seconds = time.perf_counter() - start
    print(json.dumps({"volumes": len(cts), "seconds": seconds, "per_volume_s": seconds / len(cts)}))


if __name__ == "__main__":
    main()
