// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.Tag;

/**
 * A lookup table as PS3.3 C.11.1.1.1 describes it: the LUT Descriptor (number of entries, 0
 * meaning 65536; first stored value mapped; bits per entry) and the entries. Input below the
 * first mapped value takes the first entry, above the last takes the last.
 *
 * @param firstMapped first input value mapped
 * @param bits        bits per entry (8 or 16)
 * @param entries     output values, unsigned
 */
public record Lut(int firstMapped, int bits, int[] entries) {

    /** The output for an input value. */
    public int lookup(double x) {
        long i = (long) Math.floor(x) - firstMapped;
        if (i < 0) {
            return entries[0];
        }
        return i >= entries.length ? entries[entries.length - 1] : entries[(int) i];
    }

    /** The largest value an entry can hold: 2^bits - 1. */
    public int maxOutput() {
        return (1 << bits) - 1;
    }

    /**
     * Reads a LUT from an item or data set.
     *
     * @param descriptorTag e.g. (0028,3002) LUTDescriptor
     * @param dataTag       e.g. (0028,3006) LUTData
     * @throws IllegalArgumentException naming the tag when the descriptor or data is malformed
     */
    public static Lut read(Attributes ds, int descriptorTag, int dataTag) {
        double[] d = ds.getDoubles(descriptorTag);
        if (d.length != 3) {
            throw new IllegalArgumentException(Tag.toString(descriptorTag) + " LUT Descriptor must have 3 values, had "
                    + d.length);
        }
        int n = d[0] == 0 ? 65536 : (int) d[0] & 0xFFFF;
        // the first mapped value is US or SS depending on Pixel Representation; a negative SS arrives signed
        int first = (int) d[1];
        int bits = (int) d[2];
        byte[] raw = ds.getBytes(dataTag);
        int[] entries = words(raw, ds.bigEndian(), bits, n, dataTag);
        return new Lut(first, bits, entries);
    }

    /** 16-bit words of a US/OW value; 8-bit entries may be packed two per word (PS3.3 C.11.1.1.1). */
    static int[] words(byte[] raw, boolean bigEndian, int bits, int n, int dataTag) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int words = raw.length / 2;
        int[] out = new int[n];
        if (bits == 8 && words * 2 == n) {
            for (int i = 0; i < words; i++) {
                int w = b.getShort(i * 2) & 0xFFFF;
                out[2 * i] = w & 0xFF;
                out[2 * i + 1] = w >>> 8;
            }
            return out;
        }
        if (words < n) {
            throw new IllegalArgumentException(Tag.toString(dataTag) + " has " + words + " entries, the descriptor says "
                    + n);
        }
        for (int i = 0; i < n; i++) {
            out[i] = b.getShort(i * 2) & 0xFFFF;
        }
        return out;
    }
}
