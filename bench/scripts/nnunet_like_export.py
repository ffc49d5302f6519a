# SPDX-License-Identifier: Apache-2.0
"""The reference for bench/export.sh: what a nibabel script does to make an nnU-Net v2 raw dataset
from the covid19-ct layout (image, lung_mask and infection_mask per scan; infection over the
lungs as label 3), timed. Prints {"seconds", "cases"}."""
import json
import os
import sys
import time

import nibabel as nib
import numpy as np

root, out = sys.argv[1], sys.argv[2]
start = time.perf_counter()
os.makedirs(os.path.join(out, "imagesTr"), exist_ok=True)
os.makedirs(os.path.join(out, "labelsTr"), exist_ok=True)
images = sorted(os.listdir(os.path.join(root, "ct_scans")))
for n, name in enumerate(images, 1):
    stem = name[:-4]
    key = stem[:-4] if stem.endswith("-dcm") else stem
    key = key.replace("_org_covid-19-pneumonia-", "_").replace("_org_", "_")
    img = nib.load(os.path.join(root, "ct_scans", name))
    lung = np.asanyarray(nib.load(os.path.join(root, "lung_mask", key + ".nii")).dataobj)
    inf = np.asanyarray(nib.load(os.path.join(root, "infection_mask", key + ".nii")).dataobj)
    label = np.where(inf > 0, 3, lung).astype(np.uint8)
    case = "bench_%03d" % n
    nib.save(nib.Nifti1Image(np.asanyarray(img.dataobj), img.affine, img.header),
             os.path.join(out, "imagesTr", case + "_0000.nii.gz"))
    nib.save(nib.Nifti1Image(label, img.affine), os.path.join(out, "labelsTr", case + ".nii.gz"))
with open(os.path.join(out, "dataset.json"), "w") as fh:
    json.dump({"channel_names": {"0": "CT"}, "labels": {"background": 0, "left lung": 1, "right lung": 2,
               "infection": 3}, "numTraining": len(images), "file_ending": ".nii.gz"}, fh, indent=2)
print(json.dumps({"seconds": time.perf_counter() - start, "cases": len(images)}))
