// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

/**
 * (3006,0042) ContourGeometricType (PS3.3 C.8.8.6.1): how the points of a contour are joined.
 * Only {@link #CLOSED_PLANAR} (and its XOR variant) encloses an area that a mask can fill.
 */
public enum ContourType {
    /** A single point, e.g. an isocentre marker. */
    POINT,
    /** An open polyline in one plane. */
    OPEN_PLANAR,
    /** An open polyline in 3-D. */
    OPEN_NONPLANAR,
    /** A closed polygon in one plane: the last point joins the first. */
    CLOSED_PLANAR,
    /** A closed polygon combined with the others of its ROI by XOR (PS3.3 C.8.8.6.3, added 2020). */
    CLOSEDPLANAR_XOR;

    /**
     * The type of a (3006,0042) code.
     *
     * @throws IllegalArgumentException for an unknown code, naming the tag and value
     */
    public static ContourType fromCode(String code) {
        for (ContourType t : values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("(3006,0042) ContourGeometricType '" + code + "' is not one of POINT,"
                + " OPEN_PLANAR, OPEN_NONPLANAR, CLOSED_PLANAR, CLOSEDPLANAR_XOR");
    }

    /** True for types that enclose an area (filled when rasterising). */
    public boolean isClosed() {
        return this == CLOSED_PLANAR || this == CLOSEDPLANAR_XOR;
    }
}
