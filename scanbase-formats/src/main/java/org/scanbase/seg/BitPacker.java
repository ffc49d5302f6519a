// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

/**
 * Packs 1-bit pixel values as PS3.5 8.1.1 lays them out for BitsAllocated 1: eight pixels per
 * byte, the first pixel in the least significant bit, frames following each other without
 * padding to a byte boundary (frame f starts at bit f x rows x columns).
 */
final class BitPacker {
    private BitPacker() {
    }

    /**
     * Packs {@code count} values of {@code values} starting at {@code from} into {@code out} from
     * bit {@code firstBit} on; a value is 1 when non-zero. {@code out} must be zero where written.
     */
    static void pack(byte[] values, int from, int count, byte[] out, long firstBit) {
        for (int i = 0; i < count; i++) {
            if (values[from + i] != 0) {
                long bit = firstBit + i;
                out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
    }

    /** Bytes that {@code bits} bits occupy, rounded up to an even length as PS3.5 7.1.1 requires of values. */
    static int bytesFor(long bits) {
        long bytes = (bits + 7) / 8;
        bytes += bytes & 1;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("1-bit pixel data of " + bits + " bits is too large for one array");
        }
        return (int) bytes;
    }
}
