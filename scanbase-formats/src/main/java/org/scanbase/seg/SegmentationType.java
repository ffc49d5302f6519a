// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

/** (0062,0001) SegmentationType (PS3.3 C.8.20.2). */
public enum SegmentationType {
    /** One bit per pixel: inside or outside. */
    BINARY,
    /** 8 bits per pixel: a probability or occupancy fraction 0..MaximumFractionalValue. */
    FRACTIONAL;

    /**
     * @throws IllegalArgumentException for any other value
     */
    public static SegmentationType fromCode(String code) {
        for (SegmentationType t : values()) {
            if (t.name().equals(code.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("(0062,0001) SegmentationType must be BINARY or FRACTIONAL, was '" + code + "'");
    }
}
