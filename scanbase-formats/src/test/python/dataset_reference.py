# SPDX-License-Identifier: Apache-2.0
"""Reference structure for DicomReaderTest: for each file on the command line, pydicom's
transfer syntax, top-level tags ("GGGGEEEE"), and the item count of every top-level sequence.
Prints {file name: {"ts", "tags", "items"}}. Run with /usr/bin/python3 (pydicom 2.3)."""
import json
import os
import sys
import warnings

import pydicom


def main():
    warnings.simplefilter("ignore")
    out = {}
    for path in sys.argv[1:]:
        ds = pydicom.dcmread(path, force=True)
        meta = getattr(ds, "file_meta", None)
        ts = str(meta.TransferSyntaxUID) if meta is not None and "TransferSyntaxUID" in meta else None
        tags = ["%08X" % int(t) for t in ds.keys()]
        items = {"%08X" % int(e.tag): len(e.value) for e in ds if e.VR == "SQ"}
        out[os.path.basename(path)] = {"ts": ts, "tags": tags, "items": items}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
