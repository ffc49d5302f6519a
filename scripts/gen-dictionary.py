#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate scanbase's DICOM data dictionary and tag constants.

Source: the public data dictionary of DCMTK as installed by Debian, package libdcmtk17
3.6.7 (file /usr/share/libdcmtk17/dicom.dic, "Generated automatically from DICOM PS 3.6-2022b
and PS 3.7-2022b" by OFFIS e.V.). Only the facts are taken from it (tag, VR, VM, keyword,
retired status); the output formats are scanbase's own.

Outputs (both kept in the repository; the Maven build does not run Python):
  scanbase-formats/src/main/resources/org/scanbase/dicom/dictionary.tsv
  scanbase-formats/src/main/java/org/scanbase/dicom/Tags.java

Decisions, so that the output is PS3.6 (and PS3.7 for group 0000) and nothing else:
  * Entries whose version column is PRIVATE, ILLEGAL or GENERIC are dcmtk's catch-alls for
    private group lengths, private creators and group lengths in general; they are not
    PS3.6 entries and are dropped (DicomDictionary handles those rules in code).
  * Entries marked DICOM/DICONDE and DICOM/DICOS are kept: dcmtk marks with these the PS3.6
    attributes that DICONDE (ASTM E2339) and DICOS (NEMA IIC 1) also use; they are in PS3.6.
  * acrnema.dic (ACR-NEMA 2.0 only; names prefixed ACR_NEMA_, VRs that differ from PS3.7,
    e.g. Initiator LO instead of AE), diconde.dic and private.dic are not read.
  * dcmtk prefixes retired keywords with RETIRED_; the prefix is stripped and the entry is
    flagged retired (so is anything whose version column is DICOM/retired).
  * dcmtk's internal VR codes become PS3.6 text: ox and px -> "OB or OW", xs -> "US or SS",
    lt -> "US or SS or OW", up -> UL, na (items and delimiters) -> NONE.
  * dcmtk's lt code stands for two PS3.6 VRs: "US or SS or OW" ((0028,1200) Gray Lookup
    Table Data) and "US or OW" ((0028,3006) LUT Data, PS3.6 table 6-1). VR_FIX restores
    the latter; the generator fails if that dcmtk entry changes.
  * Group ranges (gggg-gggg,eeee) are even groups only (PS3.5 7.6, PS3.6 section 6: odd
    groups are private); element ranges cover every element. Each range must be
    expressible as hex nibbles ("x") so that the loader matches it with value & mask.
  * dcmtk lists some PS3.6 repeating elements only by their first instance (e.g.
    (1000,0010) for PS3.6's (1000,xxx0) Escape Triplet). WIDEN below restores the PS3.6
    pattern for those, and the generator fails if the dcmtk entry it widens has moved.

Run from the repository root:  python3 scripts/gen-dictionary.py
"""
import os
import re
import sys

SOURCE = "/usr/share/libdcmtk17/dicom.dic"
SOURCE_DESC = "DCMTK 3.6.7 dicom.dic (Debian libdcmtk17 3.6.7; DICOM PS3.6-2022b, PS3.7-2022b)"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV = os.path.join(ROOT, "scanbase-formats/src/main/resources/org/scanbase/dicom/dictionary.tsv")
JAVA = os.path.join(ROOT, "scanbase-formats/src/main/java/org/scanbase/dicom/Tags.java")

VR_TEXT = {"ox": "OB or OW", "px": "OB or OW", "xs": "US or SS", "lt": "US or SS or OW",
           "up": "UL", "na": "NONE"}
PLAIN_VRS = set("AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM "
                "UC UI UL UN UR US UT UV".split())
SKIP_VERSIONS = {"PRIVATE", "ILLEGAL", "GENERIC"}

# dcmtk tag -> PS3.6 pattern, for repeating elements dcmtk lists by their first instance only.
WIDEN = {
    "(0028,0410)": "002804x0", "(0028,0411)": "002804x1", "(0028,0412)": "002804x2",
    "(0028,0413)": "002804x3",
    "(0028,0800)": "002808x0", "(0028,0802)": "002808x2", "(0028,0803)": "002808x3",
    "(0028,0804)": "002808x4", "(0028,0808)": "002808x8",
    "(1000,0010)": "1000xxx0", "(1000,0011)": "1000xxx1", "(1000,0012)": "1000xxx2",
    "(1000,0013)": "1000xxx3", "(1000,0014)": "1000xxx4", "(1000,0015)": "1000xxx5",
    "(1010,0004)": "1010xxxx",
}

# dcmtk tag -> (dcmtk VR code expected, PS3.6 VR text), where dcmtk's code is ambiguous.
VR_FIX = {"(0028,3006)": ("lt", "US or OW")}

TAG_RE = re.compile(r"^\(([0-9A-F]{4})(?:-([0-9A-F]{4}))?,([0-9A-F]{4})(?:-([0-9A-F]{4}))?\)$")
JAVA_RESERVED = set("""abstract assert boolean break byte case catch char class const continue
default do double else enum extends final finally float for goto if implements import instanceof
int interface long native new package private protected public return short static strictfp super
switch synchronized this throw throws transient try void volatile while true false null var
record yield sealed permits""".split())


def fail(msg):
    sys.exit("gen-dictionary: " + msg)


def nibble_pattern(lo, hi, what, raw):
    """A 4-digit hex range as a pattern with 'x' for every free nibble, e.g. 6000-60FF -> 60xx."""
    if hi is None:
        return lo
    for k in range(5):
        span = 16 ** k
        if int(lo, 16) % span == 0 and int(hi, 16) == int(lo, 16) + span - 1:
            return lo[:4 - k] + "x" * k
    fail(f"{what} range in {raw} is not expressible as hex nibbles")


def mask_of(pattern, even_group):
    mask = 0
    for ch in pattern:
        mask = (mask << 4) | (0 if ch == "x" else 0xF)
    if even_group and pattern[:4] != pattern[:4].replace("x", ""):
        mask |= 0x00010000  # repeating groups are even groups only
    return mask


def read_entries():
    entries = {}
    with open(SOURCE, encoding="ascii") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                fail(f"{SOURCE}:{lineno}: expected 5 tab-separated columns, got {len(cols)}")
            raw_tag, raw_vr, name, vm, version = cols
            if version in SKIP_VERSIONS:
                continue
            if version not in ("DICOM", "DICOM/retired", "DICOM/DICONDE", "DICOM/DICOS"):
                fail(f"{SOURCE}:{lineno}: unexpected version column '{version}'")
            m = TAG_RE.match(raw_tag)
            if not m:
                fail(f"{SOURCE}:{lineno}: tag {raw_tag} has a range form this generator does not know")
            retired = version == "DICOM/retired"
            if name.startswith("RETIRED_"):
                name, retired = name[len("RETIRED_"):], True
            if name.startswith("ACR_NEMA_"):
                fail(f"{SOURCE}:{lineno}: ACR-NEMA entry {name} in dicom.dic; decide how to handle it")
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) or name in JAVA_RESERVED:
                fail(f"{SOURCE}:{lineno}: keyword '{name}' is not a PS3.6 keyword / Java identifier")
            if raw_tag in VR_FIX:
                expected, vr = VR_FIX.pop(raw_tag)
                if raw_vr != expected:
                    fail(f"{SOURCE}:{lineno}: {raw_tag} has VR {raw_vr}, VR_FIX expects {expected}")
            elif raw_vr in VR_TEXT:
                vr = VR_TEXT[raw_vr]
            elif raw_vr in PLAIN_VRS:
                vr = raw_vr
            else:
                fail(f"{SOURCE}:{lineno}: unknown VR '{raw_vr}'")
            if raw_tag in WIDEN:
                pattern = WIDEN.pop(raw_tag)
            else:
                g0, g1, e0, e1 = m.groups()
                pattern = nibble_pattern(g0, g1, "group", raw_tag) + nibble_pattern(e0, e1, "element", raw_tag)
            if pattern in entries:
                fail(f"{SOURCE}:{lineno}: {raw_tag} listed twice")
            entries[pattern] = (vr, vm, name, retired)
    if VR_FIX:
        fail(f"dcmtk entries to fix not found (has dicom.dic changed?): {sorted(VR_FIX)}")
    if WIDEN:
        fail(f"dcmtk entries to widen not found (has dicom.dic changed?): {sorted(WIDEN)}")
    keywords = {}
    for pattern, (_, _, name, _) in entries.items():
        if name in keywords:
            fail(f"keyword {name} used by both {keywords[name]} and {pattern}")
        keywords[name] = pattern
    return entries


def sort_key(pattern):
    return int(pattern.replace("x", "0"), 16)


def write_tsv(entries):
    lines = [
        f"# DICOM data dictionary (PS3.6 data elements, PS3.7 command elements) for scanbase.",
        f"# Generated by scripts/gen-dictionary.py from {SOURCE_DESC}. Do not edit.",
        "# Columns: tag (x = any hex digit), mask (hex; tag & mask == value, where value is the tag",
        "# with x read as 0), VR as written in PS3.6 (NONE for items and delimiters), VM, keyword,",
        "# retired (R) or current (-).",
    ]
    for pattern in sorted(entries, key=sort_key):
        vr, vm, name, retired = entries[pattern]
        mask = mask_of(pattern, even_group=True)
        lines.append("\t".join([pattern, f"{mask:08X}", vr, vm, name, "R" if retired else "-"]))
    os.makedirs(os.path.dirname(TSV), exist_ok=True)
    with open(TSV, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_java(entries):
    out = [
        "// SPDX-License-Identifier: Apache-2.0",
        "package org.scanbase.dicom;",
        "",
        "// Generated by scripts/gen-dictionary.py from",
        f"// {SOURCE_DESC}.",
        "// Do not edit: change the script and run it again.",
        "",
        "/**",
        " * Tag constants named by their PS3.6 (and PS3.7) keyword, for every data element with a",
        " * fixed tag, retired ones included. Repeating groups such as (60xx,3000) Overlay Data and",
        " * ranges such as (0020,31xx) have no constant here; {@link DicomDictionary} resolves them.",
        " */",
        "public final class Tags {",
        "    private Tags() {",
        "    }",
    ]
    for pattern in sorted(entries, key=sort_key):
        if "x" in pattern:
            continue
        vr, vm, name, retired = entries[pattern]
        doc = f"({pattern[:4]},{pattern[4:]}) {vr} {vm}" + (" retired" if retired else "")
        out.append("")
        out.append(f"    /** {doc} */")
        out.append(f"    public static final int {name} = 0x{pattern};")
    out.append("}")
    with open(JAVA, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def main():
    entries = read_entries()
    write_tsv(entries)
    write_java(entries)
    fixed = sum(1 for p in entries if "x" not in p)
    print(f"{len(entries)} entries ({fixed} fixed tags, {len(entries) - fixed} patterns) -> "
          f"{os.path.relpath(TSV, ROOT)}, {os.path.relpath(JAVA, ROOT)}")


if __name__ == "__main__":
    main()
