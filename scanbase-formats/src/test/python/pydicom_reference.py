# SPDX-License-Identifier: Apache-2.0
"""Reference values from pydicom for PydicomReferenceIT.

Run with the Debian interpreter (/usr/bin/python3, package python3-pydicom):

    /usr/bin/python3 pydicom_reference.py [--raw-dir DIR] FILE_OR_DIR...

Prints one JSON document {path: result} on stdout. A result is either
    {"error": "..."}                      pydicom could not read the file, or
    {"transfer_syntax": uid | null,
     "attributes": {tagHex: {"keyword", "vr", "value"}},
     "pixels": {...} | "pixel_error": "..." }   (neither when there is no Pixel Data)

Values follow scanbase's Values convention (org.scanbase.dicom.Values), computed here
independently from pydicom's data elements:
  empty -> null; one value -> scalar, several -> list;
  text VRs, UI, PN -> str; AT -> "GGGGEEEE"; DA -> "YYYY-MM-DD"; TM -> "HH:MM:SS.frac";
  DT -> ISO 8601; IS -> int; DS -> float (unparseable -> the raw string);
  US/SS/UL/SL/UV/SV -> int; FL/FD -> float ("NaN", "Infinity", "-Infinity" as strings);
  OB/OW/OF/OD/OL/OV/UN -> {"vr", "length"}; encapsulated -> {"vr", "fragments"};
  SQ -> list of items, each {tagHex: {"keyword", "vr", "value"}} like the top level.

pixels = {"shape": [frames, rows, columns, samples], "dtype", "min", "max", "mean",
          "sha256" (of the C-order little-endian bytes), "handler", "raw" (path of those
          bytes, only with --raw-dir: the Java side compares lossy decodes value by value)}.
"""
import datetime
import hashlib
import json
import math
import os
import re
import sys
import warnings

import pydicom
import pydicom.errors
from pydicom import config
from pydicom.encaps import generate_pixel_data_fragment, get_frame_offsets
from pydicom.filebase import DicomBytesIO
from pydicom.multival import MultiValue
from pydicom.sequence import Sequence

BINARY_VRS = {"OB", "OW", "OF", "OD", "OL", "OV", "UN", "OB or OW", "US or OW"}
INT_VRS = {"US", "SS", "UL", "SL", "UV", "SV", "US or SS"}
FLOAT_VRS = {"FL", "FD"}
TEXT_VRS = {"LT", "ST", "UT", "UR"}

# Handlers tried in this order. pillow before gdcm: pydicom's pillow handler keeps JPEG YBR data
# in YCbCr (the colour space the file declares, as scanbase does); gdcm takes what pillow cannot
# (JPEG lossless, JPEG-LS, 12-bit JPEG).
HANDLER_ORDER = ["numpy", "rle", "pillow", "gdcm"]


def json_float(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def valid_date(y, m, d):
    try:
        datetime.date(int(y), int(m), int(d))
        return True
    except ValueError:
        return False


def iso_date(s):
    """YYYYMMDD (or the pre-1993 YYYY.MM.DD) of a real calendar day -> YYYY-MM-DD."""
    m = re.fullmatch(r"(\d{4})\.?(\d{2})\.?(\d{2})", s)
    if not m or ("." in s and len(s) != 10) or not valid_date(*m.groups()):
        return s
    return "%s-%s-%s" % m.groups()


def time_parts(t):
    """HH[MM[SS[.F{1,6}]]] -> "HH[:MM[:SS[.F]]]", or None."""
    m = re.fullmatch(r"(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,6})?)?)?", t)
    if not m:
        return None
    hh, mm, ss, frac = m.groups()
    if int(hh) > 23 or (mm and int(mm) > 59) or (ss and int(ss) > 60):
        return None
    return ":".join(p for p in (hh, mm, ss) if p is not None) + (frac or "")


def iso_time(s):
    out = time_parts(s.replace(":", ""))
    return s if out is None else out


def iso_datetime(s):
    """YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX] -> ISO 8601 of the components present."""
    m = re.fullmatch(r"(\d{4})(\d{2})?(\d{2})?(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?([+-]\d{4})?", s)
    if not m:
        return s
    y, mo, d, t, tz = m.groups()
    out = y
    if mo is not None:
        if not 1 <= int(mo) <= 12:
            return s
        out += "-" + mo
    if d is not None:
        if not valid_date(y, mo, d):
            return s
        out += "-" + d
    if t is not None:
        tt = time_parts(t)
        if tt is None:
            return s
        out += "T" + tt
    if tz:
        if int(tz[1:3]) > 14 or int(tz[3:]) > 59:
            return s
        out += tz[:3] + ":" + tz[3:]
    return out


def is_empty(v):
    return v is None or v == "" or v == b"" or (isinstance(v, (list, MultiValue)) and len(v) == 0)


def unpad(vr, s):
    """Padding removed as PS3.5 6.2 allows: trailing spaces and NULs; leading spaces too
    except for the text VRs, whose leading spaces are significant."""
    s = s.rstrip(" \0")
    return s if vr in TEXT_VRS else s.lstrip()


def one(vr, v):
    """One value of a (possibly multi-valued) element."""
    if v is None:
        return None
    if vr == "AT":
        return "%08X" % int(v)
    if vr in INT_VRS:
        return int(v)
    if vr in FLOAT_VRS:
        return json_float(v)
    if vr == "IS":
        if isinstance(v, int):
            return int(v)
        t = unpad(vr, str(v))
        if t == "":
            return None
        try:
            return int(t)
        except ValueError:
            try:
                f = float(t)
                return int(f) if f == int(f) and abs(f) < 9e15 else t
            except (ValueError, OverflowError):
                return t
    if vr == "DS":
        if isinstance(v, float):
            return json_float(v)
        t = unpad(vr, str(v))
        if t == "":
            return None
        if not re.fullmatch(r"[0-9+\-.eE]+", t):
            return t
        try:
            return json_float(float(t))
        except ValueError:
            return t
    s = unpad(vr, str(v))
    if vr == "DA":
        return iso_date(s)
    if vr == "TM":
        return iso_time(s)
    if vr == "DT":
        return iso_datetime(s)
    return s


def convert(elem):
    vr = elem.VR
    v = elem.value
    if vr == "SQ":
        return [walk(item) for item in v] if v is not None else []
    if elem.tag == 0x7FE00010 and getattr(elem, "is_undefined_length", False):
        fp = DicomBytesIO(v)
        fp.is_little_endian = True
        get_frame_offsets(fp)  # the Basic Offset Table item is not a fragment
        n = sum(1 for _ in generate_pixel_data_fragment(fp))
        return {"vr": vr if vr in ("OB", "OW") else "OB", "fragments": n}
    if vr in BINARY_VRS or isinstance(v, (bytes, bytearray)):
        if v is None:
            return None
        if isinstance(v, (bytes, bytearray)):
            return {"vr": vr, "length": len(v)} if len(v) > 0 else None
        # e.g. "US or OW" resolved to a list of numbers by pydicom
        return values(vr, v)
    return values(vr, v)


def values(vr, v):
    if is_empty(v):
        return None
    if isinstance(v, (list, tuple, MultiValue)):
        out = [one(vr, x) for x in v]
        return out[0] if len(out) == 1 else out
    return one(vr, v)


def walk(ds):
    out = {}
    for elem in ds:
        try:
            value = convert(elem)
        except Exception as ex:  # a value pydicom cannot convert: report it, keep going
            value = {"pydicom_error": str(ex)}
        out["%08X" % int(elem.tag)] = {"keyword": elem.keyword or "", "vr": elem.VR, "value": value}
    return out


def normalized_shape(ds, arr):
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    spp = int(getattr(ds, "SamplesPerPixel", 1) or 1)
    rows, cols = int(ds.Rows), int(ds.Columns)
    return [frames, rows, cols, spp] if arr.size == frames * rows * cols * spp else list(arr.shape)


def decode_pixels(ds, path, raw_dir):
    ts = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    errors = []
    arr, used = None, None
    for name in HANDLER_ORDER:
        handler = getattr(config, "np_handler" if name == "numpy" else name + "_handler")
        if not handler.is_available():
            continue
        if ts is not None and not handler.supports_transfer_syntax(ts):
            continue
        try:
            ds.convert_pixel_data(handler_name=name)
            arr, used = ds.pixel_array, name
            break
        except Exception as ex:
            errors.append("%s: %s" % (name, ex))
    if arr is None:
        return {"pixel_error": "; ".join(errors) or "no pixel data handler for " + str(ts)}
    le = arr.astype("<" + arr.dtype.str[1:])
    data = le.tobytes()
    px = {
        "shape": normalized_shape(ds, arr),
        "dtype": le.dtype.name,
        "min": json_float(arr.min()) if arr.size else None,
        "max": json_float(arr.max()) if arr.size else None,
        "mean": json_float(arr.astype("float64").mean()) if arr.size else None,
        "sha256": hashlib.sha256(data).hexdigest(),
        "handler": used,
    }
    if raw_dir is not None:
        name = hashlib.sha1(os.path.abspath(path).encode()).hexdigest() + ".raw"
        target = os.path.join(raw_dir, name)
        with open(target, "wb") as f:
            f.write(data)
        px["raw"] = target
    return {"pixels": px}


def reference(path, raw_dir):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            forced = False
            try:
                ds = pydicom.dcmread(path)
            except pydicom.errors.InvalidDicomError:
                # No preamble and "DICM" prefix: a bare data set (ACR-NEMA style), which
                # scanbase reads too; pydicom needs force=True for it.
                ds = pydicom.dcmread(path, force=True)
                forced = True
            meta = getattr(ds, "file_meta", None)
            attributes = walk(ds)
            if forced and not any(a["keyword"] for a in attributes.values()):
                # force=True "reads" anything; no standard element at all means not DICOM
                return {"error": "not DICOM: no standard data element even with force=True"}
            result = {
                "forced": forced,
                "transfer_syntax": str(meta.TransferSyntaxUID) if meta is not None and "TransferSyntaxUID" in meta else None,
                "attributes": attributes,
            }
    except Exception as ex:
        return {"error": "%s: %s" % (type(ex).__name__, ex)}
    if any(t in ds for t in (0x7FE00010, 0x7FE00008, 0x7FE00009)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                result.update(decode_pixels(ds, path, raw_dir))
            except Exception as ex:
                result["pixel_error"] = "%s: %s" % (type(ex).__name__, ex)
    return result


def files_of(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, names in sorted(os.walk(a)):
                for n in sorted(names):
                    yield os.path.join(root, n)
        else:
            yield a


def main(argv):
    raw_dir = None
    if len(argv) >= 2 and argv[0] == "--raw-dir":
        raw_dir = argv[1]
        argv = argv[2:]
        os.makedirs(raw_dir, exist_ok=True)
    out = {p: reference(p, raw_dir) for p in files_of(argv)}
    json.dump(out, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
