# SPDX-License-Identifier: Apache-2.0
"""Reference values for SpecificCharacterSetTest: pydicom's decoding of every PN, LO, SH, ST,
LT, UT and UC element (nested ones too, private elements stored as UN excepted) of the files named on the command line.

Prints one JSON object: {file name: {tag path: value}}, the path being "GGGGEEEE" joined by
"/<item index>/" through sequences, the value str(elem.value) for PN and the string (or list of
strings) pydicom decodes for the others. Run with /usr/bin/python3 (pydicom 2.3)."""
import json
import os
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

VRS = {"PN", "LO", "SH", "ST", "LT", "UT", "UC"}


def walk(ds, prefix, out):
    for tag in list(ds.keys()):
        raw = ds.get_item(tag)
        if getattr(raw, "VR", None) == "UN":
            # pydicom knows some private dictionaries; scanbase keeps such values as UN
            continue
        elem = ds[tag]
        key = prefix + "%08X" % int(elem.tag)
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                walk(item, key + "/%d/" % i, out)
        elif elem.VR in VRS and elem.value not in (None, ""):
            v = elem.value
            if isinstance(v, MultiValue):
                out[key] = [str(x) for x in v]
            else:
                out[key] = str(v)


def main():
    warnings.simplefilter("ignore")
    result = {}
    for path in sys.argv[1:]:
        ds = pydicom.dcmread(path)
        out = {}
        walk(ds, "", out)
        result[os.path.basename(path)] = out
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
