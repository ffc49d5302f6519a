// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Arrays;
import org.scanbase.volume.Geometry;

/**
 * Which voxel axis, and which way along it, gives the columns, rows and frames of a video in a
 * {@link Plane}: decided from the volume's direction cosines, never from the file's axis order,
 * so a NIfTI stored with flipped or permuted axes plays the same as the DICOM series it came
 * from. For oblique volumes each output axis takes the voxel axis closest to it (the
 * permutation with the largest total |cosine|); voxels are not resampled.
 *
 * @param voxelAxis for output axis 0 (columns), 1 (rows), 2 (frames): the voxel axis (0 = i,
 *                  1 = j, 2 = k) that runs along it
 * @param reversed  for each output axis: true when it runs against its voxel axis
 * @param voxelSize the volume's size along i, j, k
 */
public record SliceLayout(int[] voxelAxis, boolean[] reversed, int[] voxelSize) {

    private static final int[][] PERMUTATIONS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    public SliceLayout {
        voxelAxis = voxelAxis.clone();
        reversed = reversed.clone();
        voxelSize = voxelSize.clone();
    }

    /** The layout showing {@code geometry} in {@code plane}. */
    public static SliceLayout of(Geometry geometry, Plane plane) {
        int[] best = null;
        double bestScore = -1;
        for (int[] p : PERMUTATIONS) {
            double score = 0;
            for (int out = 0; out < 3; out++) {
                score += Math.abs(dot(geometry.axis(p[out]), plane.direction(out)));
            }
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = p;
            }
        }
        boolean[] rev = new boolean[3];
        for (int out = 0; out < 3; out++) {
            rev[out] = dot(geometry.axis(best[out]), plane.direction(out)) < 0;
        }
        return new SliceLayout(best, rev, geometry.size());
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** Image width in pixels (before padding to an even size). */
    public int width() {
        return voxelSize[voxelAxis[0]];
    }

    /** Image height in pixels (before padding to an even size). */
    public int height() {
        return voxelSize[voxelAxis[1]];
    }

    /** Number of frames. */
    public int frames() {
        return voxelSize[voxelAxis[2]];
    }

    /** The voxel index along i, j, k shown at column {@code c}, row {@code r} of frame {@code f}. */
    public int[] voxel(int c, int r, int f) {
        int[] ijk = new int[3];
        int[] out = {c, r, f};
        for (int a = 0; a < 3; a++) {
            int n = voxelSize[voxelAxis[a]];
            ijk[voxelAxis[a]] = reversed[a] ? n - 1 - out[a] : out[a];
        }
        return ijk;
    }

    /**
     * Flat C-order offset (i fastest) of the voxel at column 0, row 0 of frame {@code f}, and the
     * offset steps per column and per row: {@code [start, columnStep, rowStep]}.
     */
    int[] walk(int f) {
        int[] stride = {1, voxelSize[0], voxelSize[0] * voxelSize[1]};
        int[] origin = voxel(0, 0, f);
        int start = origin[0] * stride[0] + origin[1] * stride[1] + origin[2] * stride[2];
        int col = stride[voxelAxis[0]] * (reversed[0] ? -1 : 1);
        int row = stride[voxelAxis[1]] * (reversed[1] ? -1 : 1);
        return new int[] {start, col, row};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceLayout l && Arrays.equals(voxelAxis, l.voxelAxis)
                && Arrays.equals(reversed, l.reversed) && Arrays.equals(voxelSize, l.voxelSize);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(voxelAxis) * 31 + Arrays.hashCode(reversed);
    }

    @Override
    public String toString() {
        return "SliceLayout[axes=" + Arrays.toString(voxelAxis) + ", reversed=" + Arrays.toString(reversed)
                + ", size=" + Arrays.toString(voxelSize) + "]";
    }
}
