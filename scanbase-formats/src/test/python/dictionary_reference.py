# SPDX-License-Identifier: Apache-2.0
"""Dump pydicom's DICOM data dictionary as JSON, for DicomDictionaryIT.

Usage: /usr/bin/python3 dictionary_reference.py [GGGGEEEE ...]

Prints one JSON document on stdout:
  {"pydicom": version,
   "entries": [{"tag": "00100010" or "60xx3000", "vr", "vm", "keyword", "retired"}],
   "probes": {"GGGGEEEE": {"keyword": keyword_for_tag(), "vr": dictionary_VR() or null}}}
Tags in "entries" are upper-case hex with a lower-case x for each repeating nibble. A missing
pydicom makes the script fail (exit 1, message on stderr) rather than print an empty dictionary.
"""
import json
import sys

try:
    import pydicom
    from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
    from pydicom.datadict import dictionary_VR, keyword_for_tag
except ImportError as e:
    sys.exit(f"dictionary_reference.py: pydicom is not importable by {sys.executable}: {e}")


def entry(tag, value):
    vr, vm, _name, retired, keyword = value
    return {"tag": tag, "vr": vr, "vm": vm, "keyword": keyword, "retired": retired == "Retired"}


def probe(text):
    tag = int(text, 16)
    try:
        vr = dictionary_VR(tag)
    except KeyError:
        vr = None
    return {"keyword": keyword_for_tag(tag), "vr": vr}


entries = [entry(f"{tag:08X}", value) for tag, value in DicomDictionary.items()]
entries += [entry(mask.upper().replace("X", "x"), value) for mask, value in RepeatersDictionary.items()]
json.dump({"pydicom": pydicom.__version__,
           "entries": entries,
           "probes": {t.upper(): probe(t) for t in sys.argv[1:]}},
          sys.stdout)
