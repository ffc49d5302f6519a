// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.scanbase.dicom.TransferSyntax;

/**
 * Rewrites, in place, a file that {@code DicomWriter} wrote (Explicit VR Little Endian, no
 * sequences, as {@link TestSeries#write} makes them) into another native transfer syntax, so
 * that tests can mix transfer syntaxes in one series: implicit VR little endian (PS3.5 A.1),
 * explicit VR big endian (A.3, values byte-swapped per VR), deflated explicit VR little endian
 * (A.5), or RLE Lossless (A.4.2, annex G: 16-bit monochrome pixels as a high-byte and a low-byte
 * segment of PackBits literal runs). Written by hand, byte by byte, so that the reader is not
 * checked against itself.
 */
final class Transcode {
    private static final Set<String> LONG_LENGTH = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");

    private Transcode() {
    }

    static void to(Path file, TransferSyntax ts) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int metaEnd = 144 + in.getInt(140);     // after (0002,0000) UL, whose value is at 140
        byte[] data = new byte[in.capacity() - metaEnd];
        in.get(metaEnd, data);
        byte[] body;
        if (ts.equals(TransferSyntax.DEFLATED_EXPLICIT_VR_LE)) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
                d.write(data);
            }
            body = z.toByteArray();
        } else if (ts.equals(TransferSyntax.IMPLICIT_VR_LE) || ts.equals(TransferSyntax.EXPLICIT_VR_BE)) {
            body = reencode(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), !ts.explicitVr());
        } else if (ts.equals(TransferSyntax.RLE_LOSSLESS)) {
            body = rle(data);
        } else {
            throw new IllegalArgumentException("cannot transcode to " + ts.describe());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in.array(), 0, 132);
        out.write(meta(in, metaEnd, ts.uid()));
        out.write(body);
        Files.write(file, out.toByteArray());
    }

    /** The meta group with another (0002,0010) TransferSyntaxUID and its group length recomputed. */
    private static byte[] meta(ByteBuffer in, int metaEnd, String uid) {
        ByteBuffer group = ByteBuffer.allocate(metaEnd + 64).order(ByteOrder.LITTLE_ENDIAN);
        int p = 144;
        while (p < metaEnd) {
            int tag = (in.getShort(p) & 0xFFFF) << 16 | in.getShort(p + 2) & 0xFFFF;
            String vr = new String(new byte[] {in.get(p + 4), in.get(p + 5)}, StandardCharsets.US_ASCII);
            boolean longLength = LONG_LENGTH.contains(vr);
            int length = longLength ? in.getInt(p + 8) : in.getShort(p + 6) & 0xFFFF;
            int header = longLength ? 12 : 8;
            if (tag == 0x00020010) {
                byte[] v = (uid.length() % 2 == 1 ? uid + "\0" : uid).getBytes(StandardCharsets.US_ASCII);
                group.putInt(tag >>> 16 | tag << 16).put((byte) 'U').put((byte) 'I').putShort((short) v.length).put(v);
            } else {
                group.put(in.array(), p, header + length);
            }
            p += header + length;
        }
        ByteBuffer out = ByteBuffer.allocate(12 + group.position()).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 2).putShort((short) 0).put((byte) 'U').put((byte) 'L').putShort((short) 4);
        out.putInt(group.position()).put(group.array(), 0, group.position());
        return out.array();
    }

    /** Explicit VR LE elements to implicit VR LE, or to explicit VR BE with each value swapped per its VR. */
    private static byte[] reencode(ByteBuffer in, boolean implicit) {
        ByteBuffer out = ByteBuffer.allocate(in.capacity() + 64)
                .order(implicit ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int p = 0;
        while (p < in.capacity()) {
            short group = in.getShort(p);
            short element = in.getShort(p + 2);
            String vr = new String(new byte[] {in.get(p + 4), in.get(p + 5)}, StandardCharsets.US_ASCII);
            boolean longLength = LONG_LENGTH.contains(vr);
            int length = longLength ? in.getInt(p + 8) : in.getShort(p + 6) & 0xFFFF;
            p += longLength ? 12 : 8;
            out.putShort(group).putShort(element);
            if (implicit) {
                out.putInt(length);
            } else {
                out.put((byte) vr.charAt(0)).put((byte) vr.charAt(1));
                if (longLength) {
                    out.putShort((short) 0).putInt(length);
                } else {
                    out.putShort((short) length);
                }
            }
            int size = implicit ? 1 : valueSize(vr);
            for (int v = 0; v < length; v += size) {
                for (int b = size - 1; b >= 0; b--) {
                    out.put(in.get(p + v + b));
                }
            }
            p += length;
        }
        byte[] bytes = new byte[out.position()];
        out.get(0, bytes);
        return bytes;
    }

    /** The data set with its last element, 16-bit (7FE0,0010) PixelData of one frame, RLE encapsulated. */
    private static byte[] rle(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (in.getInt(p) != 0x00107FE0) {
            String vr = new String(new byte[] {in.get(p + 4), in.get(p + 5)}, StandardCharsets.US_ASCII);
            boolean longLength = LONG_LENGTH.contains(vr);
            p += (longLength ? 12 : 8) + (longLength ? in.getInt(p + 8) : in.getShort(p + 6) & 0xFFFF);
        }
        int length = in.getInt(p + 8);
        byte[][] segments = new byte[2][];
        for (int s = 0; s < 2; s++) {
            ByteArrayOutputStream seg = new ByteArrayOutputStream();
            int pixels = length / 2;
            for (int run = 0; run < pixels; run += 128) {
                int n = Math.min(128, pixels - run);
                seg.write(n - 1);
                for (int i = run; i < run + n; i++) {
                    seg.write(in.get(p + 12 + 2 * i + 1 - s));   // segment 0: high bytes
                }
            }
            if (seg.size() % 2 == 1) {
                seg.write(0);
            }
            segments[s] = seg.toByteArray();
        }
        ByteBuffer frame = ByteBuffer.allocate(64 + segments[0].length + segments[1].length)
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(2).putInt(64).putInt(64 + segments[0].length).position(64);
        frame.put(segments[0]).put(segments[1]);
        ByteBuffer out = ByteBuffer.allocate(p + 12 + 8 + 8 + frame.capacity() + 8).order(ByteOrder.LITTLE_ENDIAN);
        out.put(data, 0, p);
        out.putInt(0x00107FE0).put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(-1);
        out.putInt(0xE000FFFE).putInt(0);                          // empty basic offset table
        out.putInt(0xE000FFFE).putInt(frame.capacity()).put(frame.array());
        out.putInt(0xE0DDFFFE).putInt(0);
        return out.array();
    }

    /** Bytes per value that big endian swaps (1: strings and bytes, unchanged). */
    private static int valueSize(String vr) {
        return switch (vr) {
            case "US", "SS", "OW", "AT" -> 2;
            case "UL", "SL", "FL", "OF", "OL" -> 4;
            case "FD", "OD", "SV", "UV", "OV" -> 8;
            default -> 1;
        };
    }
}
