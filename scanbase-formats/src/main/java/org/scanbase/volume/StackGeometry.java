// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.scanbase.dicom.Tags;

/**
 * Orders the images of a stack and derives the volume grid from their positions (PS3.3
 * C.7.6.2.1.1), never from SliceLocation, SliceThickness or SpacingBetweenSlices when positions
 * are there:
 * <ul>
 * <li>order: ImagePositionPatient projected on the slice normal n = row cosine x column cosine,
 *     ascending; InstanceNumber only when a position is missing (with a warning);</li>
 * <li>slice step: the median of the regular steps between neighbours along n (those below 1.5
 *     times the smallest, so that gaps do not inflate it). A step that differs from it by more
 *     than {@code max(0.01 mm, 1% of the step)} is non-uniform spacing; a step of 1.5 times it or
 *     more is reported as missing slices, with where the gap is;</li>
 * <li>gantry tilt: when the positions do not run along n, voxel axis k follows the positions
 *     (unit vector of last minus first position, step = median step / cos(tilt)): a sheared
 *     grid in which every voxel lies where the scanner put it. dcm2niix instead resamples tilted
 *     CT onto an orthogonal grid when (0018,1120) GantryDetectorTilt is set, and otherwise writes
 *     the unsheared grid with a warning; scanbase keeps the voxels as acquired and lets the
 *     affine carry the shear (NIfTI sform can, qform cannot).</li>
 * </ul>
 *
 * @param slices   the images in volume order (k = 0 first)
 * @param geometry the grid: origin = position of slice 0, directions = row cosine (i), column
 *                 cosine (j), slice direction (k); spacing = [column spacing, row spacing, step]
 * @param problems geometry warnings (strict mode makes them errors)
 */
record StackGeometry(List<SliceInfo> slices, Geometry geometry, List<String> problems) {
    /** Cosines whose length or dot product is off by more than this are not orthonormal. */
    static final double ORTHONORMAL_TOLERANCE = 1e-3;
    /** Tilts below this many degrees (and below 0.01 mm of drift) are rounding, not tilt. */
    static final double TILT_DEGREES = 0.01;

    static StackGeometry of(SliceStack stack) throws SeriesException {
        List<String> problems = new ArrayList<>();
        List<SliceInfo> in = stack.slices();
        SliceInfo first = in.get(0);
        String name = "series " + stack.seriesUid() + (stack.label().isEmpty() ? "" : " [" + stack.label() + "]");
        double[] row = {1, 0, 0};
        double[] col = {0, 1, 0};
        double[] o = first.orientation();
        if (o == null) {
            problems.add(name + ": (0020,0037) ImageOrientationPatient missing in " + first.where()
                    + "; axial orientation (row cosine 1\\0\\0, column cosine 0\\1\\0) assumed");
        } else {
            row = Arrays.copyOfRange(o, 0, 3);
            col = Arrays.copyOfRange(o, 3, 6);
            double nr = norm(row);
            double nc = norm(col);
            double dot = dot(row, col) / (nr * nc);
            if (Math.abs(nr - 1) > ORTHONORMAL_TOLERANCE || Math.abs(nc - 1) > ORTHONORMAL_TOLERANCE
                    || Math.abs(dot) > ORTHONORMAL_TOLERANCE) {
                problems.add(String.format(Locale.ROOT, "%s: (0020,0037) ImageOrientationPatient is not orthonormal"
                        + " (|row| %.6f, |column| %.6f, angle between them %.4f degrees; tolerance %.0e); cosines"
                        + " normalised and used as given", name, nr, nc, Math.toDegrees(Math.acos(dot)),
                        ORTHONORMAL_TOLERANCE));
            }
            row = scale(row, 1 / nr);
            col = scale(col, 1 / nc);
        }
        double[] normal = cross(row, col);
        normal = scale(normal, 1 / norm(normal));
        double[] ps = first.pixelSpacing();
        if (ps == null) {
            problems.add(name + ": (0028,0030) PixelSpacing missing in " + first.where() + "; 1 mm assumed");
            ps = new double[] {1, 1};
        }
        for (SliceInfo s : in) {
            double[] p = s.pixelSpacing();
            if (p != null && (Math.abs(p[0] - ps[0]) > 1e-4 || Math.abs(p[1] - ps[1]) > 1e-4)) {
                problems.add(name + ": (0028,0030) PixelSpacing varies: " + ps[0] + "\\" + ps[1] + " in "
                        + first.where() + ", " + p[0] + "\\" + p[1] + " in " + s.where() + "; the first is used");
                break;
            }
        }
        List<SliceInfo> missing = in.stream().filter(s -> s.position() == null).toList();
        List<SliceInfo> ordered = new ArrayList<>(in);
        double[] kDir = normal;
        double step;
        if (!missing.isEmpty()) {
            ordered.sort(Comparator.comparingInt(SliceInfo::order));
            step = first.sliceSpacing() > 0 ? first.sliceSpacing() : 1;
            if (in.size() > 1) {
                problems.add(String.format(Locale.ROOT, "%s: (0020,0032) ImagePositionPatient missing in %d of %d"
                        + " images (first %s): slices ordered by (0020,0013) InstanceNumber, slice step %s mm taken"
                        + " from %s", name, missing.size(), in.size(), missing.get(0).where(), fmt(step),
                        first.sliceSpacing() > 0 ? "SpacingBetweenSlices / SliceThickness" : "nothing (assumed)"));
            }
        } else {
            final double[] n = normal;
            ordered.sort(Comparator.comparingDouble((SliceInfo s) -> dot(s.position(), n))
                    .thenComparingInt(SliceInfo::order));
            if (ordered.size() == 1) {
                step = first.sliceSpacing() > 0 ? first.sliceSpacing() : 1;
            } else {
                step = spacing(name, ordered, normal, problems);
                double[] tilted = tiltDirection(name, ordered, normal, problems);
                if (tilted != null) {
                    double cos = dot(tilted, normal);
                    kDir = tilted;
                    step = step / cos;
                }
            }
        }
        double[] origin = ordered.get(0).position() != null ? ordered.get(0).position() : new double[3];
        double[] dir = {row[0], col[0], kDir[0], row[1], col[1], kDir[1], row[2], col[2], kDir[2]};
        Geometry g = new Geometry(new int[] {first.columns(), first.rows(), ordered.size()},
                new double[] {ps[1], ps[0], step}, origin, dir);
        return new StackGeometry(List.copyOf(ordered), g, List.copyOf(problems));
    }

    /** The median step along the normal; reports non-uniform steps and gaps. */
    private static double spacing(String name, List<SliceInfo> ordered, double[] normal, List<String> problems)
            throws SeriesException {
        int n = ordered.size();
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = dot(ordered.get(k).position(), normal);
        }
        double[] steps = new double[n - 1];
        for (int k = 0; k + 1 < n; k++) {
            steps[k] = d[k + 1] - d[k];
        }
        double[] sorted = steps.clone();
        Arrays.sort(sorted);
        if (sorted[0] < SeriesSplitter.SAME_POSITION_MM) {
            throw new SeriesException(name + ": two images lie in the same plane (step " + fmt(sorted[0])
                    + " mm along the slice normal); ordered: " + ordered.get(0).where() + " ... "
                    + ordered.get(n - 1).where());
        }
        // the median of the regular steps: those below 1.5x the smallest (a gap must not raise the
        // estimate: 2, 4 is a step of 2 with a slice missing, not a step of 3)
        int regular = 0;
        while (regular < sorted.length && sorted[regular] < 1.5 * sorted[0]) {
            regular++;
        }
        double step = (sorted[(regular - 1) / 2] + sorted[regular / 2]) / 2;
        double tol = Math.max(0.01, 0.01 * step);
        List<String> gaps = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean uneven = false;
        for (int k = 0; k + 1 < n; k++) {
            double s = steps[k];
            if (s >= 1.5 * step) {
                long lost = Math.round(s / step) - 1;
                gaps.add(String.format(Locale.ROOT, "a gap of %s mm between slice %d (%s mm along the normal, %s)"
                        + " and slice %d (%s mm, %s), about %d slice%s missing", fmt(s), k, fmt(d[k]),
                        ordered.get(k).path().getFileName(), k + 1, fmt(d[k + 1]), ordered.get(k + 1).path().getFileName(),
                        Math.max(1, lost), lost > 1 ? "s" : ""));
            } else if (Math.abs(s - step) > tol) {
                uneven = true;
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        if (!gaps.isEmpty()) {
            problems.add(name + ": missing slices: " + String.join("; ", gaps.subList(0, Math.min(5, gaps.size())))
                    + (gaps.size() > 5 ? "; and " + (gaps.size() - 5) + " more gaps" : "")
                    + "; slices stacked at the median step " + fmt(step) + " mm");
        }
        if (uneven) {
            problems.add(String.format(Locale.ROOT, "%s: non-uniform slice spacing: steps from %s to %s mm along the"
                    + " normal, median %s mm, tolerance %s mm (the larger of 0.01 mm and 1%% of the step); slices"
                    + " stacked at the median step", name, fmt(Math.min(min, step)), fmt(Math.max(max, step)),
                    fmt(step), fmt(tol)));
        }
        return step;
    }

    /** The unit vector from the first to the last position when it leaves the normal (gantry tilt), else null. */
    private static double[] tiltDirection(String name, List<SliceInfo> ordered, double[] normal, List<String> problems) {
        double[] a = ordered.get(0).position();
        double[] b = ordered.get(ordered.size() - 1).position();
        double[] v = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double along = dot(v, normal);
        double[] lateral = {v[0] - along * normal[0], v[1] - along * normal[1], v[2] - along * normal[2]};
        double drift = norm(lateral);
        double angle = Math.toDegrees(Math.atan2(drift, along));
        if (drift <= 0.01 || angle <= TILT_DEGREES) {
            return null;
        }
        String tag = ordered.get(0).dataset().getString(Tags.GantryDetectorTilt).map(t -> ", (0018,1120)"
                + " GantryDetectorTilt " + t).orElse("");
        problems.add(String.format(Locale.ROOT, "%s: gantry tilt: slice positions run at %.3f degrees from the"
                + " slice normal%s; voxel axis k follows the positions (sheared grid, not resampled)", name, angle, tag));
        return scale(v, 1 / norm(v));
    }

    /** A length for messages: at most 4 significant digits, no trailing zeros. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] scale(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
