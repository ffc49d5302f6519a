// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The element loop of {@link DicomReader}: data elements, sequences, items and encapsulated
 * fragments of PS3.5 sections 7.1 to 7.5 and A.4, in implicit or explicit VR and either byte
 * order. Every length is checked against the bytes left in the file or enclosing item before
 * anything is allocated; nesting deeper than {@value #MAX_DEPTH} is refused.
 */
final class DataSetParser {
    static final int MAX_DEPTH = 64;
    private static final int UNDEFINED = -1;

    private final DicomInput in;
    private final ReadOptions options;
    private final List<String> warnings;
    private final DicomDictionary dict = DicomDictionary.standard();
    /** Set when the top-level loop met the stop tag. */
    private boolean stopped;

    DataSetParser(DicomInput in, ReadOptions options, List<String> warnings) {
        this.in = in;
        this.options = options;
        this.warnings = warnings;
    }

    /** Reads the top-level data set until the end of the data or the stop tag. */
    void readTopLevel(Attributes ds, boolean explicit, boolean bigEndian) throws IOException {
        readItem(ds, -1, explicit, bigEndian, 0);
    }

    /**
     * Reads the File Meta Information (PS3.10 7.1): explicit VR little endian elements for as
     * long as the group is 0002.
     */
    void readMetaGroup(Attributes meta) throws IOException {
        while (in.ensure(8) && in.u16(0, false) == 0x0002) {
            readElement(meta, readTag(false), in.position(), true, false, -1, 0);
        }
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Reads elements into {@code ds} until {@code end} (absolute offset), or for an
     * undefined-length item (end == -1, depth > 0) until its Item Delimitation Item; the top
     * level (depth 0) ends with the data.
     */
    private void readItem(Attributes ds, long end, boolean explicit, boolean be, int depth) throws IOException {
        boolean top = depth == 0;
        boolean first = true;
        while (true) {
            long pos = in.position();
            if (end >= 0 && pos >= end) {
                return;
            }
            if (!in.ensure(8)) {
                if (in.buffered() == 0 && (top || end >= 0 && pos >= end)) {
                    return;
                }
                if (top && trailingZeros()) {
                    return;
                }
                int partial = in.buffered() >= 4 ? readTag(be) : -1;
                throw error(pos, partial, end < 0 && !top
                        ? "item never ends: no Item Delimitation Item before the end of the data"
                        : "element header truncated: " + in.buffered() + " of 8 bytes left");
            }
            int tag = readTag(be);
            if (tag == Tag.ITEM_DELIMITATION) {
                in.advance(8);
                if (end < 0 && !top) {
                    return;
                }
                lenient(pos, tag, "unexpected Item Delimitation Item");
                continue;
            }
            if (tag == Tag.ITEM || tag == Tag.SEQUENCE_DELIMITATION) {
                throw error(pos, tag, "unexpected " + (tag == Tag.ITEM ? "Item" : "Sequence Delimitation Item")
                        + " inside a data set");
            }
            if (top && tag == 0 && trailingZeros()) {
                return; // zero fill after the data set
            }
            if (top && options.stopTag() != -1 && Integer.compareUnsigned(tag, options.stopTag()) >= 0) {
                stopped = true;
                if (tag == Tags.PixelData && options.pixelData() == BulkDataPolicy.REFERENCE) {
                    readElement(ds, tag, pos, explicit, be, end, depth);
                }
                return;
            }
            if (first) {
                explicit = checkEncoding(pos, tag, explicit, top);
                first = false;
            }
            readElement(ds, tag, pos, explicit, be, end, depth);
        }
    }

    /**
     * Whether the data set really uses the VR encoding its transfer syntax says, judged from its
     * first element as pydicom does: an explicit data set (or item) whose first element has no
     * VR code is read as implicit VR; a top-level implicit one whose first element has a VR code
     * is read as explicit VR.
     */
    private boolean checkEncoding(long pos, int tag, boolean explicit, boolean top) throws DicomParseException {
        boolean hasVr = isUpper(in.u8(4)) && isUpper(in.u8(5));
        if (explicit && !hasVr) {
            lenient(pos, tag, "expected explicit VR but found implicit VR; reading this data set as implicit VR");
            return false;
        }
        if (!explicit && top && hasVr && VR.fromCodeOrNull((in.u8(4) << 8) | in.u8(5)) != null) {
            lenient(pos, tag, "expected implicit VR but found explicit VR; reading this data set as explicit VR");
            return true;
        }
        return explicit;
    }

    private int readTag(boolean be) {
        return (in.u16(0, be) << 16) | in.u16(2, be);
    }

    private boolean trailingZeros() {
        byte[] b = in.buffer();
        for (int i = in.bufferPosition(), n = i + in.buffered(); i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        in.advance(in.buffered());
        return true;
    }

    private void readElement(Attributes ds, int tag, long pos, boolean explicit, boolean be, long end, int depth)
            throws IOException {
        VR vr;
        long length;
        boolean fromUn = false;
        if (explicit) {
            int c0 = in.u8(4);
            int c1 = in.u8(5);
            VR read = VR.fromCodeOrNull((c0 << 8) | c1);
            if (read == null && !(isUpper(c0) && isUpper(c1))) {
                // not a VR at all: the writer switched to implicit VR here, as pydicom assumes
                strict(pos, tag, "no VR code (bytes 0x" + hex2(c0) + hex2(c1) + "), read as implicit VR");
                vr = implicitVr(ds, tag);
                length = in.i32(4, be) & 0xFFFFFFFFL;
                in.advance(8);
            } else {
                if (read == null) {
                    strict(pos, tag, "unknown VR code '" + (char) c0 + (char) c1 + "', read as UN");
                    read = VR.UN;
                    length = in.u16(6, be);
                    in.advance(8);
                } else if (read.hasLongLength()) {
                    if (!in.ensure(12)) {
                        throw error(pos, tag, "element header truncated");
                    }
                    length = in.i32(8, be) & 0xFFFFFFFFL;
                    in.advance(12);
                } else {
                    length = in.u16(6, be);
                    in.advance(8);
                }
                vr = read;
                if (vr == VR.UN && length < 0xFFFF) {
                    VR known = dict.vr(tag);
                    if (known != VR.UN) {
                        // PS3.5 6.2.2: a UN value whose VR is known is read as that VR (pydicom's replace_un_with_known_vr)
                        vr = known == VR.US || known == VR.OW ? resolveAmbiguous(ds, tag, known) : known;
                        fromUn = true;
                    }
                }
            }
        } else {
            vr = implicitVr(ds, tag);
            length = in.i32(4, be) & 0xFFFFFFFFL;
            in.advance(8);
        }
        long valuePos = in.position();
        if (length == DicomElement.UNDEFINED_LENGTH) {
            readUndefined(ds, tag, vr, pos, valuePos, explicit, be, depth, fromUn);
            return;
        }
        long room = end >= 0 ? end - valuePos : in.remaining();
        if (length > room) {
            throw error(pos, tag, "value length " + length + " exceeds the " + room + " bytes left in the "
                    + (end >= 0 ? "enclosing item" : "file"));
        }
        if (vr == VR.SQ) {
            // a UN that the dictionary knows as SQ is encoded in implicit VR little endian (PS3.5 6.2.2)
            boolean ex = !fromUn && explicit;
            boolean bigE = !fromUn && be;
            ds.put(DicomElement.ofItems(tag, readSequence(tag, valuePos + length, ex, bigE, depth), pos));
            return;
        }
        if ((length & 1) != 0) {
            lenient(pos, tag, "odd value length " + length);
        }
        if (tag == Tags.PixelData && depth == 0 && options.pixelData() == BulkDataPolicy.REFERENCE) {
            if (!in.skip(length)) {
                throw error(pos, tag, "value of " + length + " bytes runs past the end of the data");
            }
            ds.put(DicomElement.ofBulk(tag, vr, new BulkData(in.file(), valuePos, length), pos));
            return;
        }
        byte[] value = in.read(length);
        if (value == null) {
            throw error(pos, tag, "value of " + length + " bytes runs past the end of the data");
        }
        ds.put(DicomElement.ofBytes(tag, vr, value, pos));
    }

    private void readUndefined(Attributes ds, int tag, VR vr, long pos, long valuePos, boolean explicit, boolean be,
                               int depth, boolean fromUn) throws IOException {
        if (vr == VR.SQ || vr == VR.UN) {
            // an undefined-length UN is a sequence in implicit VR little endian (PS3.5 6.2.2)
            boolean implicitLe = explicit && vr == VR.UN;
            ds.put(DicomElement.ofItems(tag, readSequence(tag, UNDEFINED, !implicitLe && explicit,
                    !implicitLe && be, depth), pos));
            return;
        }
        if (vr.kind() != VR.Kind.BINARY) {
            throw error(pos, tag, "undefined length on a " + vr + " element");
        }
        if (!explicit && vr == VR.OW) {
            // encapsulated pixel data is OB (PS3.5 A.4), whatever implicit VR's "OB or OW" guessed
            vr = VR.OB;
        }
        if (tag == Tags.PixelData && depth == 0 && options.pixelData() == BulkDataPolicy.REFERENCE) {
            BulkData bulk = new BulkData(in.file(), valuePos, -1);
            if (!stopped) {
                new FragmentReader(in, this).skip(tag, pos, be);
            }
            ds.put(DicomElement.ofBulk(tag, vr, bulk, pos));
            return;
        }
        ds.put(DicomElement.ofFragments(tag, vr == VR.UN ? VR.OB : vr, new FragmentReader(in, this).read(tag, pos, be),
                pos));
    }

    private List<Attributes> readSequence(int tag, long end, boolean explicit, boolean be, int depth)
            throws IOException {
        if (depth + 1 > MAX_DEPTH) {
            throw error(in.position(), tag, "sequences nested deeper than " + MAX_DEPTH + " levels");
        }
        List<Attributes> items = new ArrayList<>();
        while (end < 0 || in.position() < end) {
            long pos = in.position();
            if (!in.ensure(8)) {
                throw error(pos, tag, end < 0
                        ? "sequence never ends: no Sequence Delimitation Item before the end of the data"
                        : "sequence truncated: item header runs past the end of the data");
            }
            int itemTag = readTag(be);
            long len = in.i32(4, be) & 0xFFFFFFFFL;
            in.advance(8);
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                if (end >= 0) {
                    lenient(pos, tag, "Sequence Delimitation Item in a sequence of defined length");
                }
                break;
            }
            if (itemTag != Tag.ITEM) {
                throw error(pos, tag, "expected an Item (FFFE,E000) in the sequence, found " + Tag.toString(itemTag));
            }
            Attributes item = new Attributes(be);
            if (len == DicomElement.UNDEFINED_LENGTH) {
                readItem(item, -1, explicit, be, depth + 1);
            } else {
                long room = end >= 0 ? end - in.position() : in.remaining();
                if (len > room) {
                    // pydicom and dcmtk read such an item up to what is there
                    lenient(pos, tag, "item length " + len + " exceeds the " + room + " bytes left in the "
                            + (end >= 0 ? "sequence" : "file") + "; read up to there");
                    len = room;
                }
                readItem(item, in.position() + len, explicit, be, depth + 1);
            }
            items.add(item);
        }
        return items;
    }

    /**
     * The VR of an element read without one: the dictionary's, with the choices of PS3.6 made
     * as pydicom makes them (US or SS by Pixel Representation; LUT Data US only for 1-entry LUTs).
     */
    private VR implicitVr(Attributes ds, int tag) {
        VR vr = dict.vr(tag);
        return vr == VR.US || vr == VR.OW ? resolveAmbiguous(ds, tag, vr) : vr;
    }

    private VR resolveAmbiguous(Attributes ds, int tag, VR vr) {
        if (tag == Tags.LUTData) {
            int[] d = ds.contains(Tags.LUTDescriptor) ? safeInts(ds, Tags.LUTDescriptor) : new int[0];
            return d.length > 0 && d[0] == 1 ? VR.US : VR.OW;
        }
        if (vr != VR.US) {
            return vr;
        }
        var entry = dict.entry(tag);
        if (entry.isEmpty() || !entry.get().vrs().contains(VR.SS)) {
            return vr;
        }
        for (Attributes a = ds; a != null; a = a.parent()) {
            if (a.contains(Tags.PixelRepresentation)) {
                int[] pr = safeInts(a, Tags.PixelRepresentation);
                return pr.length > 0 && pr[0] == 1 ? VR.SS : VR.US;
            }
        }
        return VR.US;
    }

    private static int[] safeInts(Attributes a, int tag) {
        try {
            return a.getInts(tag);
        } catch (IllegalArgumentException e) {
            return new int[0];
        }
    }

    private static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String hex2(int b) {
        return Integer.toHexString(0x100 | b).substring(1).toUpperCase();
    }

    DicomParseException error(long offset, int tag, String what) {
        return new DicomParseException(in.file(), offset, tag, what);
    }

    /** A problem lenient mode lets pass with a warning and strict mode refuses. */
    void lenient(long offset, int tag, String what) throws DicomParseException {
        if (options.strict()) {
            throw error(offset, tag, what);
        }
        warnings.add(error(offset, tag, what).getMessage());
    }

    private void strict(long offset, int tag, String what) throws DicomParseException {
        lenient(offset, tag, what);
    }
}
