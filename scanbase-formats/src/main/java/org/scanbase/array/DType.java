// SPDX-License-Identifier: Apache-2.0
package org.scanbase.array;

/**
 * The element type of an {@link NdArray} (pixels, voxels), named as numpy names it so that
 * reports and JSON ({@code "pixels": {"dtype": ...}}) match pydicom's and nibabel's dtypes.
 */
public enum DType {
    UINT8(1, false, false),
    INT8(1, true, false),
    UINT16(2, false, false),
    INT16(2, true, false),
    UINT32(4, false, false),
    INT32(4, true, false),
    INT64(8, true, false),
    UINT64(8, false, false),
    FLOAT32(4, true, true),
    FLOAT64(8, true, true);

    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    DType(int bytes, boolean signed, boolean floating) {
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    public boolean signed() {
        return signed;
    }

    public boolean floating() {
        return floating;
    }

    /** {@code "uint8"}, {@code "int16"}, {@code "float32"}...: numpy's name for the type. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The type pydicom's {@code pixel_dtype} gives stored values (PS3.3 C.7.6.3.1): 1-bit data is
     * uint8, otherwise (u)int of Bits Allocated by Pixel Representation, or float32/float64 for
     * Float and Double Float Pixel Data.
     *
     * @throws IllegalArgumentException for Bits Allocated other than 1, 8, 16, 32 (64 for floats)
     *                                  or a Pixel Representation other than 0 or 1
     */
    public static DType forStoredValues(int bitsAllocated, int pixelRepresentation, boolean floating) {
        if (floating) {
            return switch (bitsAllocated) {
                case 32 -> FLOAT32;
                case 64 -> FLOAT64;
                default -> throw new IllegalArgumentException(
                        "(0028,0100) BitsAllocated must be 32 or 64 for float pixel data, was " + bitsAllocated);
            };
        }
        if (pixelRepresentation != 0 && pixelRepresentation != 1) {
            throw new IllegalArgumentException(
                    "(0028,0103) PixelRepresentation must be 0 or 1, was " + pixelRepresentation);
        }
        boolean s = pixelRepresentation == 1;
        return switch (bitsAllocated) {
            case 1 -> UINT8;
            case 8 -> s ? INT8 : UINT8;
            case 16 -> s ? INT16 : UINT16;
            case 32 -> s ? INT32 : UINT32;
            default -> throw new IllegalArgumentException(
                    "(0028,0100) BitsAllocated must be 1, 8, 16 or 32 for integer pixel data, was " + bitsAllocated);
        };
    }
}
