// SPDX-License-Identifier: Apache-2.0
package org.scanbase.metaimage;

import java.util.List;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * A MetaImage read whole: header and stored values, shape {@code DimSize} reversed plus a trailing
 * channel axis when {@code ElementNumberOfChannels > 1} (C order: x fastest after the channels).
 *
 * @param header the parsed header
 * @param data   the values as stored (after inflating and byte swapping)
 */
public record MetaImage(MetaImageHeader header, NdArray data) {
    /** Key scanbase writes to keep a volume's scaling (MetaImage has no scaling fields). */
    static final String SLOPE_KEY = "ScanbaseRescaleSlope";
    static final String INTERCEPT_KEY = "ScanbaseRescaleIntercept";

    /**
     * The image as a {@link Volume}: axes 0-2 are i, j, k (a 2-D image has one slice along the
     * normal), a 4th axis the timepoints; Offset and the TransformMatrix columns are LPS, as ITK
     * writes them.
     *
     * @throws MetaImageFormatException for more than 4 dimensions or a zero direction
     */
    public Volume toVolume() throws MetaImageFormatException {
        MetaImageHeader h = header;
        Geometry g = geometry(h);
        int[] size = g.size();
        int nt = timepoints(h);
        int comps = h.channels();
        int[] shape = nt > 1 ? new int[] {nt, size[2], size[1], size[0]} : new int[] {size[2], size[1], size[0]};
        if (comps > 1) {
            shape = java.util.Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = comps;
        }
        return new Volume(data.reshape(shape), g, nt, comps, scaling(h, SLOPE_KEY, 1), scaling(h, INTERCEPT_KEY, 0),
                List.of());
    }

    /** Timepoints: the 4th DimSize, else 1. */
    public static int timepoints(MetaImageHeader h) {
        return h.ndims() == 4 ? (int) h.dimSize()[3] : 1;
    }

    /**
     * The LPS grid of axes 0-2 from the header alone (a 2-D image gets one slice along the normal).
     *
     * @throws MetaImageFormatException for other than 2 to 4 dimensions, a zero direction or spacing
     */
    public static Geometry geometry(MetaImageHeader h) throws MetaImageFormatException {
        int n = h.ndims();
        if (n < 2 || n > 4) {
            throw MetaImageFormatException.of(h.file(), "NDims", "is " + n + ", scanbase reads 2-D, 3-D and 4-D images");
        }
        int[] size = {1, 1, 1};
        double[] spacing = {1, 1, 1};
        double[] origin = {0, 0, 0};
        double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int a = 0; a < Math.min(3, n); a++) {
            size[a] = (int) h.dimSize()[a];
            spacing[a] = h.spacing()[a];
            origin[a] = h.origin()[a];
            double[] v = h.axis(a);
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw MetaImageFormatException.of(h.file(), "TransformMatrix", "direction of axis " + a + " is zero");
            }
            axes[a] = new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
            if (!(spacing[a] > 0) || !Double.isFinite(spacing[a])) {
                throw MetaImageFormatException.of(h.file(), "ElementSpacing", "[" + a + "] is " + spacing[a]
                        + ", must be a positive number");
            }
        }
        if (n == 2) {
            double[] u = axes[0];
            double[] w = axes[1];
            axes[2] = new double[] {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
        }
        double[] dir = new double[9];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                dir[r * 3 + c] = axes[c][r];
            }
        }
        return new Geometry(size, spacing, origin, dir);
    }

    private static double scaling(MetaImageHeader header, String key, double dflt) throws MetaImageFormatException {
        String v = header.fields().get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw MetaImageFormatException.of(header.file(), key, "is \"" + v + "\", not a number");
        }
    }
}
