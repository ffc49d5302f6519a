// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nifti;

import java.util.Locale;
import org.scanbase.array.DType;

/**
 * The NIfTI {@code datatype} codes (nifti1.h, {@code NIFTI_TYPE_*}; the same codes in nifti2.h)
 * with their size in bits and the {@link DType} scanbase holds their values in. RGB24 and RGBA32
 * are held as uint8 with 3 or 4 interleaved components per voxel; complex and 128-bit float
 * types have no {@link DType} and are reported as unsupported.
 */
public enum NiftiDataType {
    UINT8(2, 8, DType.UINT8, 1),
    INT16(4, 16, DType.INT16, 1),
    INT32(8, 32, DType.INT32, 1),
    FLOAT32(16, 32, DType.FLOAT32, 1),
    COMPLEX64(32, 64, null, 2),
    FLOAT64(64, 64, DType.FLOAT64, 1),
    RGB24(128, 24, DType.UINT8, 3),
    INT8(256, 8, DType.INT8, 1),
    UINT16(512, 16, DType.UINT16, 1),
    UINT32(768, 32, DType.UINT32, 1),
    INT64(1024, 64, DType.INT64, 1),
    UINT64(1280, 64, DType.UINT64, 1),
    FLOAT128(1536, 128, null, 1),
    COMPLEX128(1792, 128, null, 2),
    COMPLEX256(2048, 256, null, 2),
    RGBA32(2304, 32, DType.UINT8, 4);

    private final int code;
    private final int bitpix;
    private final DType dtype;
    private final int components;

    NiftiDataType(int code, int bitpix, DType dtype, int components) {
        this.code = code;
        this.bitpix = bitpix;
        this.dtype = dtype;
        this.components = components;
    }

    /** The {@code datatype} field value. */
    public int code() {
        return code;
    }

    /** Bits per voxel, the value {@code bitpix} must hold. */
    public int bitpix() {
        return bitpix;
    }

    /** Bytes per voxel. */
    public int bytesPerVoxel() {
        return bitpix / 8;
    }

    /** True when scanbase can hold the values (everything but complex and float128). */
    public boolean supported() {
        return dtype != null;
    }

    /**
     * The element type values are held in (uint8 for RGB24 and RGBA32).
     *
     * @throws IllegalStateException for complex and float128 types
     */
    public DType dtype() {
        if (dtype == null) {
            throw new IllegalStateException("datatype " + code + " (" + label() + ") has no scanbase element type");
        }
        return dtype;
    }

    /** Values per voxel: 3 for RGB24, 4 for RGBA32, 1 otherwise (complex types: 2, unsupported). */
    public int components() {
        return components;
    }

    /** True for the colour types, which nibabel never scales. */
    public boolean isColour() {
        return this == RGB24 || this == RGBA32;
    }

    /** True for the types NIfTI scaling never applies to (colour and complex). */
    public boolean neverScaled() {
        return isColour() || this == COMPLEX64 || this == COMPLEX128 || this == COMPLEX256;
    }

    /** Lower-case label as nibabel prints it: {@code "int16"}, {@code "rgb24"}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of a {@code datatype} code.
     *
     * @throws IllegalArgumentException for a code nifti1.h does not define
     */
    public static NiftiDataType fromCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("datatype " + code + " is not a NIfTI datatype code");
    }

    /**
     * The NIfTI type for an element type with {@code components} values per voxel: uint8 with 3
     * or 4 components is RGB24 / RGBA32; other types need 1 component.
     *
     * @throws IllegalArgumentException for other combinations
     */
    public static NiftiDataType forDType(DType dtype, int components) {
        if (components == 3 && dtype == DType.UINT8) {
            return RGB24;
        }
        if (components == 4 && dtype == DType.UINT8) {
            return RGBA32;
        }
        if (components != 1) {
            throw new IllegalArgumentException("NIfTI can hold " + components + " components per voxel only as uint8"
                    + " RGB24 (3) or RGBA32 (4), not " + dtype.numpyName());
        }
        for (NiftiDataType t : values()) {
            if (t.dtype == dtype && t.components == 1) {
                return t;
            }
        }
        throw new IllegalArgumentException("no NIfTI datatype for " + dtype.numpyName());
    }
}
