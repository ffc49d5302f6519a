// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.List;
import java.util.Objects;

/**
 * One item of (3006,0040) ContourSequence (PS3.3 C.8.8.6): a polygon, polyline or point in
 * patient coordinates.
 *
 * @param type                      (3006,0042) ContourGeometricType
 * @param points                    (3006,0050) ContourData: x, y, z of each point in LPS mm, flat;
 *                                  finite values only, length a non-zero multiple of 3
 * @param referencedSopInstanceUids (3006,0016) ContourImageSequence: the images the contour lies
 *                                  on (usually one); empty when absent
 * @param number                    (3006,0048) ContourNumber, or 0 when absent
 */
public record Contour(ContourType type, double[] points, List<String> referencedSopInstanceUids, int number) {

    public Contour {
        Objects.requireNonNull(type, "type");
        if (points.length == 0 || points.length % 3 != 0) {
            throw new IllegalArgumentException("(3006,0050) ContourData needs x\\y\\z triplets, has "
                    + points.length + " values");
        }
        for (double v : points) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("(3006,0050) ContourData holds a value that is not a finite number: " + v);
            }
        }
        points = points.clone();
        referencedSopInstanceUids = List.copyOf(referencedSopInstanceUids);
    }

    /** Number of points (x, y, z triplets). */
    public int pointCount() {
        return points.length / 3;
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /** Coordinate {@code axis} (0 = x, 1 = y, 2 = z, LPS mm) of point {@code p}. */
    public double coordinate(int p, int axis) {
        return points[p * 3 + axis];
    }
}
