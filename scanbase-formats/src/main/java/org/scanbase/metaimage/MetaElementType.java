// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import java.util.Locale;
import org.scanbase.array.DType;

/**
 * MetaIO's {@code ElementType} values (metaTypes.h) that scanbase reads. MET_LONG and MET_ULONG
 * are 4 bytes in MetaIO, as ITK writes them; the {@code _ARRAY} forms name the same element types.
 */
public enum MetaElementType {
    MET_CHAR(DType.INT8),
    MET_UCHAR(DType.UINT8),
    MET_SHORT(DType.INT16),
    MET_USHORT(DType.UINT16),
    MET_INT(DType.INT32),
    MET_UINT(DType.UINT32),
    MET_LONG(DType.INT32),
    MET_ULONG(DType.UINT32),
    MET_LONG_LONG(DType.INT64),
    MET_ULONG_LONG(DType.UINT64),
    MET_FLOAT(DType.FLOAT32),
    MET_DOUBLE(DType.FLOAT64);

    private final DType dtype;

    MetaElementType(DType dtype) {
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    /** The type of an {@code ElementType} value, or null when unknown. */
    public static MetaElementType fromName(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("_ARRAY")) {
            v = v.substring(0, v.length() - 6);
        }
        for (MetaElementType t : values()) {
            if (t.name().equals(v)) {
                return t;
            }
        }
        return null;
    }

    /** The type ITK writes for {@code dtype} (MET_INT for int32, MET_LONG_LONG for int64). */
    public static MetaElementType forDType(DType dtype) {
        return switch (dtype) {
            case INT8 -> MET_CHAR;
            case UINT8 -> MET_UCHAR;
            case INT16 -> MET_SHORT;
            case UINT16 -> MET_USHORT;
            case INT32 -> MET_INT;
            case UINT32 -> MET_UINT;
            case INT64 -> MET_LONG_LONG;
            case UINT64 -> MET_ULONG_LONG;
            case FLOAT32 -> MET_FLOAT;
            case FLOAT64 -> MET_DOUBLE;
        };
    }
}
