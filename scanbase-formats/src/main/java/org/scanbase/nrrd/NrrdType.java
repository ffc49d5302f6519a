// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.util.List;
import java.util.Locale;
import org.scanbase.array.DType;

/**
 * The NRRD {@code type:} field with every spelling the format allows (teem NRRD0005, "type"):
 * C names ("signed short"), stdint names ("int16_t"), short forms ("int16", "ushort").
 */
public enum NrrdType {
    INT8(DType.INT8, "int8", "signed char", "int8_t"),
    UINT8(DType.UINT8, "uint8", "uchar", "unsigned char", "uint8_t"),
    INT16(DType.INT16, "int16", "short", "short int", "signed short", "signed short int", "int16_t"),
    UINT16(DType.UINT16, "uint16", "ushort", "unsigned short", "unsigned short int", "uint16_t"),
    INT32(DType.INT32, "int32", "int", "signed int", "int32_t"),
    UINT32(DType.UINT32, "uint32", "uint", "unsigned int", "uint32_t"),
    INT64(DType.INT64, "int64", "longlong", "long long", "long long int", "signed long long",
            "signed long long int", "int64_t"),
    UINT64(DType.UINT64, "uint64", "ulonglong", "unsigned long long", "unsigned long long int", "uint64_t"),
    FLOAT(DType.FLOAT32, "float"),
    DOUBLE(DType.FLOAT64, "double");

    private final DType dtype;
    private final List<String> spellings;

    NrrdType(DType dtype, String... spellings) {
        this.dtype = dtype;
        this.spellings = List.of(spellings);
    }

    public DType dtype() {
        return dtype;
    }

    /** The spelling this writer uses (the stdint-like short form, e.g. "int16"). */
    public String canonicalName() {
        return spellings.get(0);
    }

    /** The type of a {@code type:} value in any spelling (case and spacing ignored), or null. */
    public static NrrdType fromName(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (NrrdType t : values()) {
            if (t.spellings.contains(v)) {
                return t;
            }
        }
        return null;
    }

    /** The NRRD type holding values of {@code dtype}. */
    public static NrrdType forDType(DType dtype) {
        for (NrrdType t : values()) {
            if (t.dtype == dtype) {
                return t;
            }
        }
        throw new IllegalArgumentException("no NRRD type for " + dtype);
    }
}
