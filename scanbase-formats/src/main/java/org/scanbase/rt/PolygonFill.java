// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.Arrays;
import java.util.List;

/**
 * Fills polygons given in continuous pixel coordinates into a binary image, by scanlines with
 * exact edge crossings (no per-pixel point-in-polygon tests).
 *
 * <p><b>Pixel inclusion rule.</b> Pixel (i, j) has its centre at (x, y) = (i, j). It is set when
 * its centre lies inside the region the polygons enclose under the <em>even-odd rule</em> (a point
 * is inside when a ray from it crosses the polygons' edges an odd number of times; so a polygon
 * inside another is a hole, one inside a hole an island), <em>or on any edge</em>: the region is
 * closed, its boundary included. A square whose edges pass through pixel centres therefore
 * includes the pixels on its edges. Coordinates within {@value #EPSILON} pixel of a boundary
 * count as on it, which absorbs the rounding of decimal (DS) coordinates.
 *
 * <p>How: for each row y = j the crossings of all edges with the line are found with the
 * half-open rule (an edge counts when y0 <= j < y1), sorted, and the pixels between each pair
 * (both ends included) are set; pixels on edges that end on the row and on horizontal edges lying
 * on it are set too. Nothing is rounded before the crossings are known.
 */
public final class PolygonFill {
    /** Tolerance, in pixels, for a centre to count as lying on an edge. */
    public static final double EPSILON = 1e-7;

    private PolygonFill() {
    }

    /**
     * Sets to 1 the pixels of {@code image[offset + j * nx + i]} that the polygons cover.
     *
     * @param polygons each {x0, y0, x1, y1, ...} in pixel coordinates (x = column i, y = row j),
     *                 closed implicitly (the last point joins the first); at least 3 points each
     * @return the number of pixels set that were 0 before
     */
    public static int fill(List<double[]> polygons, int nx, int ny, byte[] image, int offset) {
        int edges = 0;
        for (double[] p : polygons) {
            edges += p.length / 2;
        }
        double[] x0 = new double[edges];
        double[] y0 = new double[edges];
        double[] x1 = new double[edges];
        double[] y1 = new double[edges];
        int e = 0;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (double[] p : polygons) {
            int n = p.length / 2;
            for (int a = 0; a < n; a++) {
                int b = a + 1 == n ? 0 : a + 1;
                double ax = p[2 * a], ay = p[2 * a + 1], bx = p[2 * b], by = p[2 * b + 1];
                if (ay <= by) {
                    x0[e] = ax; y0[e] = ay; x1[e] = bx; y1[e] = by;
                } else {
                    x0[e] = bx; y0[e] = by; x1[e] = ax; y1[e] = ay;
                }
                ymin = Math.min(ymin, y0[e]);
                ymax = Math.max(ymax, y1[e]);
                e++;
            }
        }
        if (edges == 0) {
            return 0;
        }
        Integer[] order = new Integer[edges];
        for (int i = 0; i < edges; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(y0[p], y0[q]));
        int rowStart = (int) Math.max(0, Math.ceil(ymin - EPSILON));
        int rowEnd = (int) Math.min(ny - 1, Math.floor(ymax + EPSILON));
        int[] active = new int[edges];
        int nActive = 0;
        int next = 0;
        double[] crossings = new double[edges];
        int set = 0;
        for (int j = rowStart; j <= rowEnd; j++) {
            while (next < edges && y0[order[next]] <= j + EPSILON) {
                active[nActive++] = order[next++];
            }
            int nc = 0;
            int row = offset + j * nx;
            for (int a = 0; a < nActive; a++) {
                int k = active[a];
                if (y1[k] < j - EPSILON) {
                    active[a--] = active[--nActive];
                    continue;
                }
                if (y1[k] - y0[k] <= EPSILON) {
                    set += span(Math.min(x0[k], x1[k]), Math.max(x0[k], x1[k]), nx, image, row);
                    continue;
                }
                double x = x0[k] + (j - y0[k]) * (x1[k] - x0[k]) / (y1[k] - y0[k]);
                if (y0[k] <= j && j < y1[k]) {
                    crossings[nc++] = x;
                } else {
                    set += span(x, x, nx, image, row);
                }
            }
            Arrays.sort(crossings, 0, nc);
            for (int c = 0; c + 1 < nc; c += 2) {
                set += span(crossings[c], crossings[c + 1], nx, image, row);
            }
        }
        return set;
    }

    /** Sets the pixels whose centre lies in [from, to], clipped to the row. */
    private static int span(double from, double to, int nx, byte[] image, int row) {
        int a = (int) Math.max(0, Math.ceil(from - EPSILON));
        int b = (int) Math.min(nx - 1, Math.floor(to + EPSILON));
        int set = 0;
        for (int i = a; i <= b; i++) {
            if (image[row + i] == 0) {
                image[row + i] = 1;
                set++;
            }
        }
        return set;
    }
}
