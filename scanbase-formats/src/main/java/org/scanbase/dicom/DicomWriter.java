// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import org.scanbase.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes DICOM Part 10 files (PS3.10 section 7): 128-byte zero preamble, "DICM", the File Meta
 * Information group in explicit VR little endian with a recomputed (0002,0000) group length,
 * then the data set in Explicit VR Little Endian (PS3.5 A.2.1) — or, when the data set holds
 * encapsulated Pixel Data, in the encapsulated transfer syntax the meta group names.
 *
 * <p>Choices: sequences and items are written with undefined length and delimitation items
 * (PS3.5 7.5.2), so nothing needs measuring in advance; group length elements (gggg,0000) of
 * the data set are dropped (PS3.5 7.2: optional, and stale after re-encoding); values of a big
 * endian data set are byte-swapped per the VR's value size; odd values are padded with the
 * VR's padding byte (PS3.5 6.2).
 */
public final class DicomWriter {
    /** scanbase's implementation class UID (a 2.25 UUID-derived UID, PS3.5 B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.159744208794532283106937432155416930517";
    public static final String IMPLEMENTATION_VERSION = "SCANBASE_0_1";

    private DicomWriter() {
    }

    /** Writes a file atomically (a temporary file next to {@code out}, then a rename). */
    public static void write(Path out, Attributes fileMeta, Attributes dataset) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                write(os, fileMeta, dataset);
            }
            AtomicFiles.replace(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes preamble, meta group and data set to a stream (not closed). Missing meta elements
     * are filled in: version 00\01, Media Storage SOP Class/Instance UID from the data set's
     * SOPClassUID/SOPInstanceUID, Transfer Syntax UID, implementation class UID and version.
     *
     * @throws IllegalArgumentException when a value cannot be encoded (e.g. longer than 65534
     *     bytes in a VR with a 16-bit length, or encapsulated pixel data without an encapsulated
     *     transfer syntax in the meta group)
     */
    public static void write(OutputStream out, Attributes fileMeta, Attributes dataset) throws IOException {
        Attributes meta = completeMeta(fileMeta, dataset);
        ByteArrayOutputStream group = new ByteArrayOutputStream(256);
        Encoder metaEncoder = new Encoder(group);
        for (DicomElement e : meta.elements()) {
            if (e.tag() != Tags.FileMetaInformationGroupLength) {
                metaEncoder.element(meta, e);
            }
        }
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        Encoder enc = new Encoder(out);
        enc.element(meta, DicomElement.ofBytes(Tags.FileMetaInformationGroupLength, VR.UL,
                Encoder.le32(group.size()), -1));
        group.writeTo(out);
        for (DicomElement e : dataset.elements()) {
            if (Tag.group(e.tag()) != 0x0002 && !Tag.isGroupLength(e.tag())) {
                enc.element(dataset, e);
            }
        }
        out.flush();
    }

    private static Attributes completeMeta(Attributes fileMeta, Attributes dataset) {
        Attributes meta = new Attributes(false);
        if (fileMeta != null) {
            for (DicomElement e : fileMeta.elements()) {
                if (Tag.group(e.tag()) == 0x0002) {
                    meta.put(e);
                }
            }
        }
        if (!meta.contains(Tags.FileMetaInformationVersion)) {
            meta.put(DicomElement.ofBytes(Tags.FileMetaInformationVersion, VR.OB, new byte[] {0, 1}, -1));
        }
        copyUid(dataset, Tags.SOPClassUID, meta, Tags.MediaStorageSOPClassUID);
        copyUid(dataset, Tags.SOPInstanceUID, meta, Tags.MediaStorageSOPInstanceUID);
        DicomElement pixels = dataset.getOrNull(Tags.PixelData);
        String ts = meta.getString(Tags.TransferSyntaxUID).orElse("");
        if (pixels != null && (pixels.isFragments() || pixels.isBulk() && pixels.length() < 0)) {
            if (ts.isEmpty() || !TransferSyntax.fromUid(ts).encapsulated()) {
                throw new IllegalArgumentException("(7FE0,0010) PixelData is encapsulated but the meta group's "
                        + "(0002,0010) TransferSyntaxUID '" + ts + "' is not an encapsulated syntax");
            }
        } else {
            meta.put(DicomElements.string(Tags.TransferSyntaxUID, VR.UI, TransferSyntax.EXPLICIT_VR_LE.uid()));
        }
        if (!meta.contains(Tags.ImplementationClassUID)) {
            meta.put(DicomElements.string(Tags.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID));
            meta.put(DicomElements.string(Tags.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION));
        }
        return meta;
    }

    private static void copyUid(Attributes from, int fromTag, Attributes to, int toTag) {
        if (!to.getString(toTag).orElse("").isEmpty()) {
            return;
        }
        from.getString(fromTag).ifPresent(uid -> to.put(DicomElements.string(toTag, VR.UI, uid)));
    }

    /** Explicit VR little endian encoding of elements, items and fragments. */
    private static final class Encoder {
        private final OutputStream out;
        private final byte[] header = new byte[12];

        Encoder(OutputStream out) {
            this.out = out;
        }

        void element(Attributes owner, DicomElement e) throws IOException {
            int tag = e.tag();
            VR vr = e.vr();
            if (e.isSequence()) {
                header(tag, VR.SQ, DicomElement.UNDEFINED_LENGTH);
                for (Attributes item : e.items()) {
                    delimiter(Tag.ITEM, DicomElement.UNDEFINED_LENGTH);
                    for (DicomElement child : item.elements()) {
                        if (!Tag.isGroupLength(child.tag())) {
                            element(item, child);
                        }
                    }
                    delimiter(Tag.ITEM_DELIMITATION, 0);
                }
                delimiter(Tag.SEQUENCE_DELIMITATION, 0);
                return;
            }
            if (e.isFragments()) {
                fragments(tag, vr, e.fragments());
                return;
            }
            byte[] value = e.isBulk() ? readBulk(e) : e.bytes();
            if (owner.bigEndian()) {
                value = toLittleEndian(value, vr);
            }
            int padded = value.length + (value.length & 1);
            if (!vr.hasLongLength() && padded > 0xFFFF) {
                throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " value of " + value.length
                        + " bytes does not fit a 16-bit length");
            }
            header(tag, vr, padded);
            out.write(value);
            if (padded != value.length) {
                out.write(vr.paddingByte());
            }
        }

        private void fragments(int tag, VR vr, Fragments f) throws IOException {
            header(tag, vr == VR.OW ? VR.OW : VR.OB, DicomElement.UNDEFINED_LENGTH);
            long[] bot = f.basicOffsetTable();
            delimiter(Tag.ITEM, bot.length * 4L);
            for (long o : bot) {
                out.write(le32((int) o));
            }
            for (byte[] frag : f.fragments()) {
                int padded = frag.length + (frag.length & 1);
                delimiter(Tag.ITEM, padded);
                out.write(frag);
                if (padded != frag.length) {
                    out.write(0);
                }
            }
            delimiter(Tag.SEQUENCE_DELIMITATION, 0);
        }

        private static byte[] readBulk(DicomElement e) throws IOException {
            BulkData b = e.bulk();
            if (b.length() < 0 || b.length() > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(Tag.toString(e.tag())
                        + " is an undefined-length bulk reference: load it first (DicomReader.loadPixelData)");
            }
            byte[] v = new byte[(int) b.length()];
            try (FileChannel ch = FileChannel.open(b.file(), StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.wrap(v);
                long pos = b.offset();
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos);
                    if (r < 0) {
                        throw new DicomParseException(b.file(), pos, e.tag(), "bulk data runs past the end of the file");
                    }
                    pos += r;
                }
            }
            return v;
        }

        private void header(int tag, VR vr, long length) throws IOException {
            put16(0, Tag.group(tag));
            put16(2, Tag.element(tag));
            header[4] = (byte) vr.name().charAt(0);
            header[5] = (byte) vr.name().charAt(1);
            if (vr.hasLongLength()) {
                header[6] = 0;
                header[7] = 0;
                put32(8, (int) length);
                out.write(header, 0, 12);
            } else {
                put16(6, (int) length);
                out.write(header, 0, 8);
            }
        }

        private void delimiter(int tag, long length) throws IOException {
            put16(0, Tag.group(tag));
            put16(2, Tag.element(tag));
            put32(4, (int) length);
            out.write(header, 0, 8);
        }

        private void put16(int at, int v) {
            header[at] = (byte) v;
            header[at + 1] = (byte) (v >> 8);
        }

        private void put32(int at, int v) {
            put16(at, v);
            put16(at + 2, v >>> 16);
        }

        static byte[] le32(int v) {
            return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        }

        /** Swaps each value of a binary VR; strings and byte VRs are left as they are. */
        static byte[] toLittleEndian(byte[] v, VR vr) {
            int unit = switch (vr) {
                case US, SS, OW, AT -> 2;
                case UL, SL, FL, OF, OL -> 4;
                case FD, OD, SV, UV, OV -> 8;
                default -> 1;
            };
            if (unit == 1) {
                return v;
            }
            byte[] out = v.clone();
            for (int i = 0; i + unit <= out.length; i += unit) {
                for (int k = 0; k < unit; k++) {
                    out[i + k] = v[i + unit - 1 - k];
                }
            }
            return out;
        }
    }
}
