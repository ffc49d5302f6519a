// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes raw data set bytes by hand, in any encoding, for parser tests (lengths as given: lies allowed). */
final class RawDataSet {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean bigEndian;

    RawDataSet(boolean explicit, boolean bigEndian) {
        this.explicit = explicit;
        this.bigEndian = bigEndian;
    }

    static RawDataSet explicitLe() {
        return new RawDataSet(true, false);
    }

    static RawDataSet implicitLe() {
        return new RawDataSet(false, false);
    }

    static RawDataSet explicitBe() {
        return new RawDataSet(true, true);
    }

    RawDataSet u16(int v) {
        if (bigEndian) {
            out.write(v >> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >> 8);
        }
        return this;
    }

    RawDataSet u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16));
            u16((int) v);
        } else {
            u16((int) v);
            u16((int) (v >>> 16));
        }
        return this;
    }

    RawDataSet tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    RawDataSet raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    /** An element header with the given length (0xFFFFFFFFL for undefined). */
    RawDataSet header(int tag, VR vr, long length) {
        tag(tag);
        if (!explicit) {
            return u32(length);
        }
        raw((byte) vr.name().charAt(0), (byte) vr.name().charAt(1));
        if (vr.hasLongLength()) {
            return u16(0).u32(length);
        }
        return u16((int) length);
    }

    RawDataSet element(int tag, VR vr, byte[] value) {
        return header(tag, vr, value.length).raw(value);
    }

    RawDataSet string(int tag, VR vr, String value) {
        return element(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawDataSet us(int tag, int value) {
        header(tag, VR.US, 2);
        return u16(value);
    }

    RawDataSet item(long length) {
        return tag(Tag.ITEM).u32(length);
    }

    RawDataSet itemEnd() {
        return tag(Tag.ITEM_DELIMITATION).u32(0);
    }

    RawDataSet sequenceEnd() {
        return tag(Tag.SEQUENCE_DELIMITATION).u32(0);
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Preamble, "DICM" and a meta group naming the transfer syntax, then this data set. */
    byte[] asPart10(String transferSyntaxUid) {
        return concat(meta(transferSyntaxUid), bytes());
    }

    static byte[] meta(String transferSyntaxUid) {
        RawDataSet group = explicitLe();
        group.element(Tags.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        group.string(Tags.MediaStorageSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7\0");
        group.string(Tags.MediaStorageSOPInstanceUID, VR.UI, "1.2.3.4\0");
        String ts = transferSyntaxUid.length() % 2 == 1 ? transferSyntaxUid + "\0" : transferSyntaxUid;
        group.string(Tags.TransferSyntaxUID, VR.UI, ts);
        RawDataSet head = explicitLe();
        head.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
        head.header(Tags.FileMetaInformationGroupLength, VR.UL, 4).u32(group.size());
        return concat(head.bytes(), group.bytes());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
