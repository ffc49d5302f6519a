// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.ArrayList;
import java.util.List;
import org.scanbase.array.NdArray;

/**
 * 2-D slices of a {@link Volume} for display, with the patient direction of each image edge.
 *
 * <p>{@link #extract} gives axial, coronal and sagittal slices in the radiological display
 * convention: axial with anterior at the top and the patient's right on the image's left
 * (top "A", bottom "P", left "R", right "L"); coronal with superior at the top and right on
 * the left ("S", "I", "R", "L"); sagittal with superior at the top and anterior on the left
 * ("S", "I", "A", "P"). For oblique volumes each plane uses the voxel axes closest to the
 * patient axes (no resampling); the letters then name the real directions of the edges, the
 * strongest first (e.g. "LP"), as viewers show them. {@link #slice} gives a plane along any
 * voxel axis as stored, with its letters.
 *
 * <p>Pixels are the stored voxel values in the volume's dtype (apply {@link Volume#slope()} and
 * {@link Volume#intercept()} for real values), shape {@code [rows, columns]} or
 * {@code [rows, columns, components]}. Directions come from the LPS geometry (PS3.3 C.7.6.2.1.1).
 */
public final class SliceExtractor {
    /** The three display planes. */
    public enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /**
     * A display slice.
     *
     * @param pixels        stored values, {@code [rows, columns]} (+ components)
     * @param top           patient direction letters of the top edge ("A", "S", or "SA" when oblique)
     * @param bottom        of the bottom edge
     * @param left          of the left edge
     * @param right         of the right edge
     * @param rowSpacing    mm between display rows
     * @param columnSpacing mm between display columns
     * @param voxelAxis     the voxel axis sliced (0 = i, 1 = j, 2 = k)
     * @param index         the voxel index along that axis
     */
    public record DisplaySlice(NdArray pixels, String top, String bottom, String left, String right,
                               double rowSpacing, double columnSpacing, int voxelAxis, int index) {
    }

    private static final String[] POSITIVE = {"L", "P", "S"};
    private static final String[] NEGATIVE = {"R", "A", "I"};

    private SliceExtractor() {
    }

    /** The voxel axis (0 = i, 1 = j, 2 = k) closest to the normal of a display plane. */
    public static int axisFor(Volume v, Plane plane) {
        return inverse(closestAxes(v.geometry()))[lpsNormal(plane)];
    }

    /** The number of slices of a display plane. */
    public static int count(Volume v, Plane plane) {
        return v.geometry().size()[axisFor(v, plane)];
    }

    /** Slice {@code index} (voxel index along {@link #axisFor}) of a plane, timepoint 0. */
    public static DisplaySlice extract(Volume v, Plane plane, int index) {
        return extract(v, plane, index, 0);
    }

    /** Slice {@code index} of a plane at a timepoint, in display orientation. */
    public static DisplaySlice extract(Volume v, Plane plane, int index, int timepoint) {
        Geometry g = v.geometry();
        int[] voxelOf = inverse(closestAxes(g));
        // the LPS axis shown along display columns and rows, and whether it runs + (L, P, S) or - down/right
        int colLps = plane == Plane.SAGITTAL ? 1 : 0;
        int rowLps = plane == Plane.AXIAL ? 1 : 2;
        boolean rowPositive = plane == Plane.AXIAL;
        int colAxis = voxelOf[colLps];
        int rowAxis = voxelOf[rowLps];
        boolean colFlip = g.axis(colAxis)[colLps] < 0;
        boolean rowFlip = (g.axis(rowAxis)[rowLps] < 0) == rowPositive;
        return build(v, voxelOf[lpsNormal(plane)], index, colAxis, colFlip, rowAxis, rowFlip, timepoint);
    }

    /**
     * The plane {@code index} along voxel axis {@code axis}, as stored (no flips): axis 2 gives rows
     * j and columns i, axis 1 rows k and columns i, axis 0 rows k and columns j. Timepoint 0.
     */
    public static DisplaySlice slice(Volume v, int axis, int index) {
        int colAxis = axis == 0 ? 1 : 0;
        int rowAxis = axis == 2 ? 1 : 2;
        return build(v, axis, index, colAxis, false, rowAxis, false, 0);
    }

    private static DisplaySlice build(Volume v, int axis, int index, int colAxis, boolean colFlip, int rowAxis,
                                      boolean rowFlip, int timepoint) {
        Geometry g = v.geometry();
        int[] size = g.size();
        if (index < 0 || index >= size[axis]) {
            throw new IndexOutOfBoundsException("slice " + index + " along voxel axis " + "ijk".charAt(axis)
                    + " of a volume of " + size[axis]);
        }
        if (timepoint < 0 || timepoint >= v.timepoints()) {
            throw new IndexOutOfBoundsException("timepoint " + timepoint + " of " + v.timepoints());
        }
        int rows = size[rowAxis];
        int cols = size[colAxis];
        int comps = v.components();
        long[] stride = {comps, (long) size[0] * comps, (long) size[0] * size[1] * comps};
        long base = (long) timepoint * size[0] * size[1] * size[2] * comps + index * stride[axis];
        int[] shape = comps == 1 ? new int[] {rows, cols} : new int[] {rows, cols, comps};
        NdArray out = NdArray.allocate(v.voxels().dtype(), shape);
        Object src = v.voxels().data();
        Object dst = out.data();
        int d = 0;
        for (int r = 0; r < rows; r++) {
            int rr = rowFlip ? rows - 1 - r : r;
            for (int c = 0; c < cols; c++) {
                int cc = colFlip ? cols - 1 - c : c;
                int s = (int) (base + rr * stride[rowAxis] + cc * stride[colAxis]);
                System.arraycopy(src, s, dst, d, comps);
                d += comps;
            }
        }
        double[] right = g.axis(colAxis);
        double[] down = g.axis(rowAxis);
        if (colFlip) {
            right = StackGeometry.scale(right, -1);
        }
        if (rowFlip) {
            down = StackGeometry.scale(down, -1);
        }
        return new DisplaySlice(out, letters(StackGeometry.scale(down, -1)), letters(down),
                letters(StackGeometry.scale(right, -1)), letters(right), g.spacing()[rowAxis], g.spacing()[colAxis],
                axis, index);
    }

    /** Patient direction letters of an LPS vector: each component of at least 0.2, strongest first. */
    static String letters(double[] lps) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        order.sort((a, b) -> Double.compare(Math.abs(lps[b]), Math.abs(lps[a])));
        StringBuilder s = new StringBuilder();
        for (int a : order) {
            if (Math.abs(lps[a]) >= 0.2 || s.length() == 0) {
                s.append(lps[a] >= 0 ? POSITIVE[a] : NEGATIVE[a]);
            }
        }
        return s.toString();
    }

    private static int lpsNormal(Plane plane) {
        return switch (plane) {
            case AXIAL -> 2;
            case CORONAL -> 1;
            case SAGITTAL -> 0;
        };
    }

    /** For each voxel axis, the LPS axis it is closest to: the permutation maximising the summed |cosines|. */
    static int[] closestAxes(Geometry g) {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        int[] best = perms[0];
        double bestScore = -1;
        for (int[] p : perms) {
            double score = 0;
            for (int a = 0; a < 3; a++) {
                double[] d = g.axis(a);
                score += Math.abs(d[p[a]]) / StackGeometry.norm(d);
            }
            if (score > bestScore + 1e-12) {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }

    private static int[] inverse(int[] p) {
        int[] inv = new int[3];
        for (int a = 0; a < 3; a++) {
            inv[p[a]] = a;
        }
        return inv;
    }
}
