// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.Objects;

/**
 * A POINT, OPEN_PLANAR or OPEN_NONPLANAR contour, kept as points or a polyline rather than filled.
 *
 * @param roiNumber (3006,0084) the ROI it belongs to
 * @param type      its geometric type
 * @param lps       x, y, z of each point, LPS mm, flat
 * @param voxel     i, j, k of each point, continuous voxel coordinates of the grid, flat
 */
public record ContourMark(int roiNumber, ContourType type, double[] lps, double[] voxel) {
    public ContourMark {
        Objects.requireNonNull(type, "type");
        if (lps.length != voxel.length) {
            throw new IllegalArgumentException("LPS and voxel points differ in number: " + lps.length + " vs " + voxel.length);
        }
        lps = lps.clone();
        voxel = voxel.clone();
    }

    @Override
    public double[] lps() {
        return lps.clone();
    }

    @Override
    public double[] voxel() {
        return voxel.clone();
    }
}
