// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.ArrayList;
import java.util.List;

/**
 * Traces the boundary of a binary image along pixel <em>edges</em>: the result is a set of closed
 * rectilinear polygons whose vertices lie on pixel corners (half-integer coordinates), outer
 * boundaries and holes as separate polygons. Filled with the even-odd rule of {@link PolygonFill}
 * they give back exactly the pixels that were set: no pixel centre lies on an edge, and a ray from
 * a centre crosses the traced edges once per change between set and unset pixels.
 *
 * <p>Each boundary edge is directed with the set pixel on its right (in image coordinates, x
 * right, y down), so outer boundaries run clockwise on screen and holes counter-clockwise. Where
 * two set pixels touch only at a corner, the walk turns so that they end up in separate polygons.
 */
public final class MaskTracer {
    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private MaskTracer() {
    }

    /**
     * The boundary polygons of the non-zero pixels of {@code image[offset + j * nx + i]}.
     *
     * @return polygons as {x0, y0, x1, y1, ...} in pixel coordinates (pixel (i, j) is the square
     *         [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5]); only corner vertices, no collinear ones
     */
    public static List<double[]> trace(byte[] image, int offset, int nx, int ny) {
        int cw = nx + 1;
        byte[] out = new byte[cw * (ny + 1)];
        int edges = 0;
        for (int j = 0; j < ny; j++) {
            int row = offset + j * nx;
            for (int i = 0; i < nx; i++) {
                if (image[row + i] == 0) {
                    continue;
                }
                if (j == 0 || image[row + i - nx] == 0) {
                    out[j * cw + i] |= 1;            // top edge, corner (i, j) -> (i + 1, j), +x
                    edges++;
                }
                if (i == nx - 1 || image[row + i + 1] == 0) {
                    out[j * cw + i + 1] |= 2;        // right edge, (i + 1, j) -> (i + 1, j + 1), +y
                    edges++;
                }
                if (j == ny - 1 || image[row + i + nx] == 0) {
                    out[(j + 1) * cw + i + 1] |= 4;  // bottom edge, (i + 1, j + 1) -> (i, j + 1), -x
                    edges++;
                }
                if (i == 0 || image[row + i - 1] == 0) {
                    out[(j + 1) * cw + i] |= 8;      // left edge, (i, j + 1) -> (i, j), -y
                    edges++;
                }
            }
        }
        List<double[]> polygons = new ArrayList<>();
        if (edges == 0) {
            return polygons;
        }
        int[] xs = new int[edges + 1];
        int[] ys = new int[edges + 1];
        for (int start = 0; start < out.length; start++) {
            while (out[start] != 0) {
                polygons.add(walk(out, cw, start, xs, ys));
            }
        }
        return polygons;
    }

    /** Follows edges from a corner until it is reached again, removing them; returns the corners. */
    private static double[] walk(byte[] out, int cw, int start, int[] xs, int[] ys) {
        int x = start % cw;
        int y = start / cw;
        int dir = Integer.numberOfTrailingZeros(out[start]);
        int n = 0;
        int prevDir = -1;
        do {
            int c = y * cw + x;
            if (prevDir >= 0) {
                dir = choose(out[c], prevDir);
            }
            out[c] &= (byte) ~(1 << dir);
            if (dir != prevDir) {
                xs[n] = x;
                ys[n] = y;
                n++;
            }
            prevDir = dir;
            x += DX[dir];
            y += DY[dir];
        } while (y * cw + x != start);
        // Back at the start corner the polygon is closed; if the start corner has another edge (two
        // boundaries touching there) it begins another polygon.
        return toPolygon(xs, ys, n, prevDir);
    }

    private static int dirAt(int[] xs, int[] ys, int a, int b) {
        int dx = Integer.signum(xs[b] - xs[a]);
        int dy = Integer.signum(ys[b] - ys[a]);
        for (int d = 0; d < 4; d++) {
            if (DX[d] == dx && DY[d] == dy) {
                return d;
            }
        }
        return 0;
    }

    /** Turn right first at a corner where two boundaries touch: keeps diagonal neighbours apart. */
    private static int choose(int bits, int incoming) {
        int right = (incoming + 1) & 3;
        int straight = incoming;
        int left = (incoming + 3) & 3;
        if ((bits & (1 << right)) != 0) {
            return right;
        }
        if ((bits & (1 << straight)) != 0) {
            return straight;
        }
        if ((bits & (1 << left)) != 0) {
            return left;
        }
        throw new IllegalStateException("boundary walk lost its way: no outgoing edge at a corner");
    }

    private static double[] toPolygon(int[] xs, int[] ys, int n, int lastDir) {
        // If the last edge runs in the same direction as the first, the start corner is not a vertex.
        int first = 0;
        if (n > 1 && dirAt(xs, ys, 0, 1) == lastDir) {
            first = 1;
        }
        double[] poly = new double[2 * (n - first)];
        for (int q = first; q < n; q++) {
            poly[2 * (q - first)] = xs[q] - 0.5;
            poly[2 * (q - first) + 1] = ys[q] - 0.5;
        }
        return poly;
    }
}
