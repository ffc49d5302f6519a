#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reference values for scanbase's NIfTI reader and writer, computed with nibabel at test time.

  nibabel_reference.py ref FILE...   one JSON document: a list with, per file, what nibabel
                                     reads (shape, dtype, affine and its source, scaling,
                                     sha256/min/max/mean of the unscaled values in file order)
  nibabel_reference.py make DIR      writes test images with nibabel (every datatype, both byte
                                     orders, NIfTI-1/2, .nii/.nii.gz/pairs, qform/sform/fallback,
                                     scaling, extensions) and prints their names as JSON
"""
import hashlib
import json
import math
import os
import sys

try:
    import numpy as np
    import nibabel as nib
except ImportError as e:  # pragma: no cover
    sys.stderr.write("nibabel_reference.py needs numpy and nibabel: apt-get install python3-nibabel (%s)\n" % e)
    sys.exit(3)


def num(x):
    x = float(x)
    return x if math.isfinite(x) else str(x)


def affine_source(hdr):
    def ok(c):
        return int(c) in (0, 1, 2, 3, 4, 5) and int(c) != 0
    if ok(hdr['sform_code']):
        return 'SFORM'
    if ok(hdr['qform_code']):
        return 'QFORM'
    return 'FALLBACK'


def load(path):
    img = nib.load(path)
    if not isinstance(img, (nib.Nifti1Pair, nib.Nifti2Pair)):  # e.g. Cifti2Image for .dconn.nii
        with open(path, 'rb') as f:
            sizeof = int.from_bytes(f.read(4), 'little')
        cls = nib.Nifti1Image if sizeof in (348, 348 << 24) else nib.Nifti2Image
        img = cls.from_filename(path)
    return img


def describe(path):
    out = {'file': path}
    try:
        img = load(path)
    except Exception as e:  # noqa: BLE001 - the error is the reference
        out['error'] = '%s: %s' % (type(e).__name__, e)
        return out
    hdr = img.header
    out['class'] = type(img).__name__
    out['version'] = 2 if isinstance(hdr, nib.Nifti2Header) else 1
    out['endianness'] = hdr.endianness
    out['shape'] = [int(s) for s in img.shape]
    out['datatype'] = int(hdr['datatype'])
    out['affine'] = [[num(v) for v in row] for row in img.affine]
    out['affine_source'] = affine_source(hdr)
    # esize as on disk; a parsed extension (CIFTI XML) is re-serialised by nibabel, so no size
    out['extensions'] = [[int(e.get_code()), int(e.get_sizeondisk()) if isinstance(e.get_content(), bytes) else None]
                         for e in hdr.extensions]
    # the image's header has its scaling reset on load; the data proxy holds what was in the file
    out['slope'] = num(img.dataobj.slope)
    out['inter'] = num(img.dataobj.inter)
    try:
        raw = np.asanyarray(img.dataobj.get_unscaled())
    except Exception as e:  # noqa: BLE001
        out['data_error'] = '%s: %s' % (type(e).__name__, e)
        return out
    if raw.dtype.names:  # RGB24 / RGBA32: interleaved uint8
        flat = raw.ravel(order='F')
        values = flat.view(np.uint8)
        data = flat.tobytes()
        out['dtype'] = 'uint8'
        out['array_shape'] = out['shape'] + [len(raw.dtype.names)]
    else:
        le = raw.dtype.newbyteorder('<') if raw.dtype.byteorder != '|' else raw.dtype
        values = raw.ravel(order='F')
        data = values.astype(le).tobytes()
        out['dtype'] = raw.dtype.newbyteorder('=').name
        out['array_shape'] = out['shape']
    out['sha256'] = hashlib.sha256(data).hexdigest()
    if values.size and values.dtype.kind != 'c':
        v = values.astype(np.float64)
        out['min'] = num(np.nanmin(v))
        out['max'] = num(np.nanmax(v))
        out['mean'] = num(np.nanmean(v))
    if 'slope' in out:
        f = np.asanyarray(img.get_fdata(dtype=np.float64)) if not raw.dtype.names else None
        if f is not None and f.size and raw.dtype.kind != 'c':
            out['scaled_sha256'] = hashlib.sha256(f.ravel(order='F').astype('<f8').tobytes()).hexdigest()
    return out


def make(folder):
    rng = np.random.default_rng(20240601)
    names = []
    aff = np.array([[0.9, 0.1, 0.0, -40.5], [-0.1, 0.95, 0.2, 12.25], [0.0, -0.2, 2.5, 30.0], [0, 0, 0, 1]])
    oblique = nib.affines.from_matvec(nib.eulerangles.euler2mat(0.3, -0.2, 0.1) @ np.diag([0.8, 1.2, 3.0]),
                                      [-90.0, 100.5, -20.0])

    def values(dtype, shape):
        dt = np.dtype(dtype)
        if dt.names:
            return rng.integers(0, 256, shape + (len(dt.names),), dtype=np.uint8).view(dt).reshape(shape)
        if dt.kind == 'c':
            return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
        if dt.kind == 'f':
            a = (rng.standard_normal(shape) * 1000).astype(dt)
            a.flat[3] = np.nan
            return a
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)

    def save(img, name, patch=None):
        path = os.path.join(folder, name)
        nib.save(img, path)
        if patch:
            hdr_path = path.replace('.img', '.hdr')
            with open(hdr_path, 'r+b') as fp:
                hdr = type(img.header).from_fileobj(fp, check=False)
                for k, v in patch.items():
                    hdr[k] = v
                fp.seek(0)
                hdr.write_to(fp)
        names.append(name)

    rgb = np.dtype([('R', 'u1'), ('G', 'u1'), ('B', 'u1')])
    rgba = np.dtype([('R', 'u1'), ('G', 'u1'), ('B', 'u1'), ('A', 'u1')])
    dtypes = ['uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
              ('rgb24', rgb), ('rgba32', rgba), 'complex64']
    for entry in dtypes:
        label, dt = (entry, np.dtype(entry)) if isinstance(entry, str) else entry
        for order in '<>':
            for version, cls, hcls in ((1, nib.Nifti1Image, nib.Nifti1Header), (2, nib.Nifti2Image, nib.Nifti2Header)):
                hdr = hcls(endianness=order)
                img = cls(values(dt, (5, 4, 3)), aff, header=hdr)
                img.set_data_dtype(dt.newbyteorder(order) if not dt.names else dt)
                save(img, 'dt_%s_%s_n%d.nii' % (label, 'be' if order == '>' else 'le', version))
    data = values('int16', (6, 5, 4, 3))
    for name, cls in (('n1_4d.nii.gz', nib.Nifti1Image), ('n2_4d.nii.gz', nib.Nifti2Image),
                      ('pair_n1.img', nib.Nifti1Pair), ('pair_n2.img', nib.Nifti2Pair),
                      ('pairgz_n1.img.gz', nib.Nifti1Pair)):
        save(cls(data, oblique), name)
    save(nib.Nifti1Image(values('float32', (4, 3, 2, 2, 3)), aff), 'n1_5d.nii')
    save(nib.Nifti1Image(values('int16', (7, 6)), aff), 'n1_2d.nii')
    base = values('int16', (7, 6, 5))
    save(nib.Nifti1Image(base, oblique), 'qform_only.nii', {'sform_code': 0, 'qform_code': 1})
    save(nib.Nifti1Image(base, oblique), 'sform_only.nii', {'sform_code': 2, 'qform_code': 0,
                                                            'quatern_b': 0.5})
    save(nib.Nifti1Image(base, oblique), 'fallback.nii', {'sform_code': 0, 'qform_code': 0})
    save(nib.Nifti1Image(base, oblique), 'fallback_negative_pixdim.nii',
         {'sform_code': 0, 'qform_code': 0, 'pixdim': [1, -2, 0, 3, 1, 1, 1, 1]})
    save(nib.Nifti1Image(base, oblique), 'qform_qfac0.nii', {'sform_code': 0, 'qform_code': 1,
                                                             'pixdim': [0, 0.8, 1.2, 3, 1, 1, 1, 1]})
    save(nib.Nifti1Image(base, oblique), 'qform_qfac_neg.nii', {'sform_code': 0, 'qform_code': 2,
                                                                'pixdim': [-1, 0.8, 1.2, 3, 1, 1, 1, 1]})
    save(nib.Nifti1Image(base, oblique), 'bad_sform_code.nii', {'sform_code': 9, 'qform_code': 1})
    save(nib.Nifti2Image(base, oblique), 'qform_only_n2.nii', {'sform_code': 0, 'qform_code': 1})
    save(nib.Nifti1Image(base, aff), 'scaled.nii', {'scl_slope': 2.5, 'scl_inter': -7})
    save(nib.Nifti1Image(base, aff), 'slope_zero.nii', {'scl_slope': 0, 'scl_inter': 5})
    save(nib.Nifti1Image(base, aff), 'slope_nan.nii', {'scl_slope': np.nan, 'scl_inter': 5})
    save(nib.Nifti1Image(base, aff), 'inter_nan.nii', {'scl_slope': 3, 'scl_inter': np.nan})
    save(nib.Nifti1Image(values(rgb, (5, 4, 3)), aff), 'rgb_scaled.nii', {'scl_slope': 2, 'scl_inter': 1})
    ext = nib.Nifti1Image(base, aff)
    ext.header.extensions.append(nib.nifti1.Nifti1Extension('comment', b'scanbase test extension' * 3))
    ext.header.extensions.append(nib.nifti1.Nifti1Extension(4, b'<AFNI_attributes/>'))
    save(ext, 'extensions.nii')
    ext2 = nib.Nifti2Image(base, aff)
    ext2.header.extensions.append(nib.nifti1.Nifti1Extension('comment', b'nifti2 extension'))
    save(ext2, 'extensions_n2.nii.gz')
    print(json.dumps(names))


if __name__ == '__main__':
    if len(sys.argv) >= 2 and sys.argv[1] == 'ref':
        print(json.dumps([describe(p) for p in sys.argv[2:]]))
    elif len(sys.argv) == 3 and sys.argv[1] == 'make':
        make(sys.argv[2])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
