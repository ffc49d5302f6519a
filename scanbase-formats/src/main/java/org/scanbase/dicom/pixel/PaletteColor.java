// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import org.scanbase.array.DType;
import java.util.ArrayList;
import java.util.List;
import org.scanbase.dicom.Attributes;

/**
 * PALETTE COLOR lookup (PS3.3 C.7.6.3.1.5 and C.7.9): each stored value indexes the red, green
 * and blue Palette Color LUTs, given in full (0028,1201-1203) or segmented (0028,1221-1223,
 * C.7.9.2: discrete, linear and indirect segments).
 */
public final class PaletteColor {
    static final int RED_DESCRIPTOR = 0x00281101;
    static final int RED_DATA = 0x00281201;
    static final int RED_SEGMENTED = 0x00281221;

    private PaletteColor() {
    }

    /**
     * RGB values (uint16 for 16-bit palettes, uint8 for 8-bit) for single-sample data; returns
     * {@code stored} itself unless the photometric interpretation is PALETTE COLOR.
     */
    public static PixelArray apply(Attributes ds, PixelArray stored, String photometric) {
        if (!photometric.equals("PALETTE COLOR") || stored.samples() != 1) {
            return stored;
        }
        Lut[] luts = new Lut[3];
        for (int c = 0; c < 3; c++) {
            luts[c] = read(ds, RED_DESCRIPTOR + c, RED_DATA + c, RED_SEGMENTED + c);
        }
        int bits = Math.max(luts[0].bits(), Math.max(luts[1].bits(), luts[2].bits()));
        int[] shape = stored.shape();
        shape[3] = 3;
        PixelArray out = PixelArray.allocate(bits > 8 ? DType.UINT16 : DType.UINT8, shape);
        int n = stored.size();
        for (int i = 0; i < n; i++) {
            double v = stored.getDouble(i);
            for (int c = 0; c < 3; c++) {
                ColorConversion.set(out, 3 * i + c, luts[c].lookup(v));
            }
        }
        return out;
    }

    private static Lut read(Attributes ds, int descriptorTag, int dataTag, int segmentedTag) {
        if (ds.contains(dataTag) || !ds.contains(segmentedTag)) {
            return Lut.read(ds, descriptorTag, dataTag);
        }
        double[] d = ds.getDoubles(descriptorTag);
        if (d.length != 3) {
            throw new IllegalArgumentException(org.scanbase.dicom.Tag.toString(descriptorTag)
                    + " Palette Color LUT Descriptor must have 3 values, had " + d.length);
        }
        int n = d[0] == 0 ? 65536 : (int) d[0];
        byte[] raw = ds.getBytes(segmentedTag);
        int[] words = Lut.words(raw, ds.bigEndian(), 16, raw.length / 2, segmentedTag);
        int[] entries = expandSegments(words, n, segmentedTag);
        return new Lut((int) d[1], (int) d[2], entries);
    }

    /** Expands segmented LUT data (C.7.9.2): opcode 0 discrete, 1 linear, 2 indirect. */
    static int[] expandSegments(int[] w, int n, int tag) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < w.length) {
            int op = w[i];
            int len = i + 1 < w.length ? w[i + 1] : 0;
            switch (op) {
                case 0 -> {
                    for (int k = 0; k < len; k++) {
                        out.add(w[i + 2 + k]);
                    }
                    i += 2 + len;
                }
                case 1 -> {
                    if (out.isEmpty()) {
                        throw new IllegalArgumentException(org.scanbase.dicom.Tag.toString(tag)
                                + " linear segment at word " + i + " has no previous value");
                    }
                    double y0 = out.get(out.size() - 1);
                    double y1 = w[i + 2];
                    for (int k = 1; k <= len; k++) {
                        out.add((int) Math.round(y0 + (y1 - y0) * k / len));
                    }
                    i += 3;
                }
                case 2 -> {
                    // indirect: re-expand 'len' segments found at a byte offset into the data
                    long offset = (w[i + 2] & 0xFFFFL) | ((long) w[i + 3] << 16);
                    int[] rest = java.util.Arrays.copyOfRange(w, (int) (offset / 2), w.length);
                    int[] again = expandFirstSegments(rest, len, tag);
                    for (int v : again) {
                        out.add(v);
                    }
                    i += 4;
                }
                default -> throw new IllegalArgumentException(org.scanbase.dicom.Tag.toString(tag)
                        + " unknown segment opcode " + op + " at word " + i);
            }
        }
        int[] r = new int[n];
        for (int k = 0; k < n; k++) {
            r[k] = out.isEmpty() ? 0 : out.get(Math.min(k, out.size() - 1));
        }
        return r;
    }

    private static int[] expandFirstSegments(int[] w, int segments, int tag) {
        int i = 0;
        for (int s = 0; s < segments && i < w.length; s++) {
            i += switch (w[i]) {
                case 0 -> 2 + w[i + 1];
                case 1 -> 3;
                default -> 4;
            };
        }
        int[] head = java.util.Arrays.copyOf(w, i);
        return expandSegments(head, expandedLength(head), tag);
    }

    private static int expandedLength(int[] w) {
        int n = 0;
        int i = 0;
        while (i < w.length) {
            n += w[i] == 2 ? 0 : w[i + 1];
            i += w[i] == 0 ? 2 + w[i + 1] : w[i] == 1 ? 3 : 4;
        }
        return Math.max(n, 1);
    }
}
