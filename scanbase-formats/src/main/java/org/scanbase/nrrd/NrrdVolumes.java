// SPDX-License-Identifier: Apache-2.0
package org.scanbase.nrrd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Maps NRRD axes to a {@link Volume}: the axes with a space direction are the grid's i, j, k (a
 * 2-D image gets k of one slice along the normal); a non-spatial axis before them holds the
 * components of each voxel (RGB, vectors), one after them the timepoints. Directions and origin
 * are converted from the file's space to LPS (RAS and LAS flip x and/or y); without space
 * directions, {@code spacings} (default 1) and an identity direction are used, and a non-domain
 * first axis ({@code kinds} vector, RGB-color, list...) is taken as components.
 */
final class NrrdVolumes {
    /** Key/value pairs scanbase writes to keep a volume's scaling (NRRD has no scaling fields). */
    static final String SLOPE_KEY = "scanbase_rescale_slope";
    static final String INTERCEPT_KEY = "scanbase_rescale_intercept";
    private static final Set<String> DOMAIN_KINDS = Set.of("domain", "space", "time", "", "???", "none");

    private NrrdVolumes() {
    }

    static Volume toVolume(NrrdHeader h, NdArray data) throws NrrdFormatException {
        NrrdLayout l = layout(h);
        int[] size = l.geometry().size();
        int[] shape = l.timepoints() > 1 ? new int[] {l.timepoints(), size[2], size[1], size[0]}
                : new int[] {size[2], size[1], size[0]};
        if (l.components() > 1) {
            shape = java.util.Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = l.components();
        }
        return new Volume(data.reshape(shape), l.geometry(), l.timepoints(), l.components(), l.slope(), l.intercept(),
                l.warnings());
    }

    static NrrdLayout layout(NrrdHeader h) throws NrrdFormatException {
        int n = h.dimension();
        long[] sizes = h.sizes();
        int first;
        int spatial;
        List<String> warnings = new ArrayList<>();
        if (h.spaceDirections() != null) {
            double[][] d = h.spaceDirections();
            first = 0;
            while (first < n && d[first] == null) {
                first++;
            }
            spatial = 0;
            while (first + spatial < n && d[first + spatial] != null) {
                spatial++;
            }
            for (int a = first + spatial; a < n; a++) {
                if (d[a] != null) {
                    throw NrrdFormatException.of(h.file(), "space directions", "spatial axes must be consecutive");
                }
            }
        } else {
            first = n >= 3 && !DOMAIN_KINDS.contains(h.kind(0)) ? 1 : 0;
            spatial = Math.min(3, n - first);
        }
        int after = n - first - spatial;
        if (first > 1 || after > 1 || spatial < 2 && n > 1 || spatial < 1) {
            throw NrrdFormatException.of(h.file(), "dimension", "is " + n + " with " + spatial + " spatial axes: scanbase"
                    + " reads 2-D, 3-D and 4-D grids, with at most one component axis before the spatial axes and"
                    + " one time axis after them");
        }
        int components = first == 1 ? (int) sizes[0] : 1;
        int timepoints = after == 1 ? (int) sizes[n - 1] : 1;
        int[] size = {1, 1, 1};
        double[] spacing = {1, 1, 1};
        double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[] flip = NrrdSpace.toLps(h.space());
        for (int a = 0; a < spatial; a++) {
            size[a] = (int) sizes[first + a];
            if (h.spaceDirections() != null) {
                double[] v = h.spaceDirections()[first + a];
                double[] lps = {v[0] * flip[0] + 0.0, v[1] * flip[1] + 0.0, v[2] * flip[2] + 0.0};
                double norm = Math.sqrt(lps[0] * lps[0] + lps[1] * lps[1] + lps[2] * lps[2]);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    throw NrrdFormatException.of(h.file(), "space directions", "vector of axis " + (first + a)
                            + " is zero or not finite");
                }
                spacing[a] = norm;
                axes[a] = new double[] {lps[0] / norm, lps[1] / norm, lps[2] / norm};
            } else if (h.spacings() != null && Double.isFinite(h.spacings()[first + a]) && h.spacings()[first + a] != 0) {
                double s = h.spacings()[first + a];
                spacing[a] = Math.abs(s);
                axes[a][a] = Math.signum(s);
            }
        }
        if (spatial == 2) {
            double[] u = axes[0];
            double[] v = axes[1];
            double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
            double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            axes[2] = norm > 0 ? new double[] {w[0] / norm, w[1] / norm, w[2] / norm} : new double[] {0, 0, 1};
        }
        if (h.spaceDirections() == null) {
            warnings.add("no space directions: axis-aligned LPS grid assumed, spacing from "
                    + (h.spacings() != null ? "spacings" : "defaults of 1 mm"));
        } else if (!NrrdSpace.anatomical(h.space())) {
            warnings.add("space is " + (h.space() == null ? "not named" : h.space())
                    + ", not anatomical: coordinates taken as LPS");
        }
        double[] origin = {0, 0, 0};
        if (h.spaceOrigin() != null) {
            for (int r = 0; r < 3; r++) {
                double o = h.spaceOrigin()[r];
                origin[r] = Double.isFinite(o) ? o * flip[r] + 0.0 : 0;
            }
        }
        double[] dir = new double[9];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                dir[r * 3 + c] = axes[c][r];
            }
        }
        Geometry g = new Geometry(size, spacing, origin, dir);
        return new NrrdLayout(g, components, timepoints, scaling(h, SLOPE_KEY, 1), scaling(h, INTERCEPT_KEY, 0), warnings);
    }

    private static double scaling(NrrdHeader h, String key, double dflt) throws NrrdFormatException {
        String v = h.keyValues().get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw NrrdFormatException.of(h.file(), key, "is \"" + v + "\", not a number");
        }
    }

    /** The kind of a component axis of {@code components} values of this type. */
    static String componentKind(Volume v) {
        boolean bytes = v.voxels().dtype().bytes() == 1;
        return switch (v.components()) {
            case 3 -> bytes ? "RGB-color" : "3-vector";
            case 4 -> bytes ? "RGBA-color" : "4-vector";
            default -> "vector";
        };
    }

    /** {@code (x,y,z)} with shortest round-trip decimal forms. */
    static String vector(double... v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? "," : "").append(number(v[i]));
        }
        return b.append(')').toString();
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
