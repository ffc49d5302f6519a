// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Turns the contours of a structure set into masks on a series' grid (PS3.3 C.8.8.6).
 *
 * <ul>
 * <li>Patient to voxel: each contour point (LPS mm) is mapped with its slice's own
 *     ImagePositionPatient and the series' row and column directions and pixel spacing
 *     (i along columns with the column spacing, j along rows with the row spacing), in floating
 *     point until the fill.</li>
 * <li>Slice assignment: by (0008,1155) ReferencedSOPInstanceUID of the contour's
 *     ContourImageSequence; when that is absent, names no image of the series, or names an image
 *     whose plane is more than half a slice spacing away from the points, by the distance of the
 *     points' mean from the slice planes along the normal, within half the local slice spacing
 *     (counted in the warnings). A contour farther than that from every slice is not drawn (warning).</li>
 * <li>Filling: all CLOSED_PLANAR (and CLOSEDPLANAR_XOR) contours of an ROI on one slice are filled
 *     together by {@link PolygonFill} with the even-odd rule, so holes and islands come out right;
 *     pixel centres on an edge are inside (see {@link PolygonFill} for the exact rule).</li>
 * <li>POINT and OPEN contours are returned as {@link ContourMark}s, not filled; closed contours of
 *     one or two points are skipped with a warning; contours (partly) outside the image are
 *     clipped with a warning; an ROI whose mask comes out empty is always reported.</li>
 * <li>An ROI in another frame of reference than the series is an error ({@link RtStructException});
 *     references to images that are not in the series are a warning, or an error with
 *     {@link Options#strictReferences()}.</li>
 * </ul>
 */
public final class ContourRasterizer {

    /**
     * How strict rasterising is.
     *
     * @param strictReferences true: a structure set that references images not in the series is
     *                         an error; false: a warning (contours are then placed by distance)
     */
    public record Options(boolean strictReferences) {
        /** Lenient: unknown image references are warnings. */
        public static Options defaults() {
            return new Options(false);
        }
    }

    /** Pixels by which a contour may pass the image's outer pixel edges before it counts as outside (rounding). */
    private static final double EDGE_TOLERANCE = 1e-6;

    private final ReferencedGrid grid;
    private final Options options;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] rowDir;
    private final double[] colDir;
    private final double[] normal;
    private final double[] spacing;
    private final double[] along;
    private final Map<String, Integer> sliceOfUid = new HashMap<>();

    private ContourRasterizer(ReferencedGrid grid, Options options) {
        this.grid = grid;
        this.options = options;
        Geometry g = grid.geometry();
        int[] size = g.size();
        nx = size[0];
        ny = size[1];
        nz = size[2];
        rowDir = g.axis(0);
        colDir = g.axis(1);
        normal = grid.normal();
        spacing = g.spacing();
        along = new double[nz];
        double[] p0 = grid.slicePosition(0);
        for (int k = 0; k < nz; k++) {
            along[k] = dot(sub(grid.slicePosition(k), p0), normal);
            String uid = grid.sopInstanceUids().get(k);
            if (!uid.isEmpty()) {
                sliceOfUid.putIfAbsent(uid, k);
            }
        }
    }

    /**
     * Rasterises every ROI of a structure set onto a grid.
     *
     * @throws RtStructException when an ROI lies in another frame of reference, or (strict) the
     *                           structure set references images that are not in the series
     */
    public static RoiMasks rasterize(RtStructureSet set, ReferencedGrid grid, Options options) {
        return new ContourRasterizer(grid, options).run(set);
    }

    /** Rasterises with {@link Options#defaults()}. */
    public static RoiMasks rasterize(RtStructureSet set, ReferencedGrid grid) {
        return rasterize(set, grid, Options.defaults());
    }

    private RoiMasks run(RtStructureSet set) {
        List<String> warnings = new ArrayList<>();
        checkFrameOfReference(set);
        checkReferencedImages(set, warnings);
        List<Filled> filled = new ArrayList<>();
        for (Roi roi : set.rois()) {
            filled.add(rasterizeRoi(roi, warnings));
        }
        List<RoiMasks.RoiMask> masks = filled.stream().map(Filled::mask).toList();
        boolean wide = set.rois().stream().anyMatch(r -> r.number() > 255);
        int[] shape = {nz, ny, nx};
        NdArray labels = NdArray.allocate(wide ? DType.UINT16 : DType.UINT8, shape);
        Map<Integer, String> targets = new LinkedHashMap<>();
        for (Filled f : filled) {
            RoiMasks.RoiMask m = f.mask();
            if (m.roiNumber() < 1 || m.roiNumber() > 65535) {
                warnings.add("ROI " + m.roiNumber() + " '" + m.name() + "': (3006,0022) ROINumber cannot be a label"
                        + " value (1-65535); left out of the label volume");
                continue;
            }
            targets.put(m.roiNumber(), m.name());
            byte[] src = (byte[]) m.mask().voxels().data();
            // only the slices the ROI has pixels on, and on them the rows its polygons span: most
            // of a series is empty for most ROIs
            for (int k = f.firstSlice(); k < f.endSlice(); k++) {
                if (m.sliceVoxels(k) == 0) {
                    continue;
                }
                int from = k * nx * ny + f.rowFrom()[k] * nx;
                int to = k * nx * ny + (f.rowTo()[k] + 1) * nx;
                if (wide) {
                    short[] dst = (short[]) labels.data();
                    short v = (short) m.roiNumber();
                    for (int i = from; i < to; i++) {
                        if (src[i] != 0) {
                            dst[i] = v;
                        }
                    }
                } else {
                    byte[] dst = (byte[]) labels.data();
                    byte v = (byte) m.roiNumber();
                    for (int i = from; i < to; i++) {
                        if (src[i] != 0) {
                            dst[i] = v;
                        }
                    }
                }
            }
        }
        return new RoiMasks(masks, Volume.of(labels, grid.geometry()), targets, warnings);
    }

    private void checkFrameOfReference(RtStructureSet set) {
        String series = grid.frameOfReferenceUid();
        if (series.isEmpty()) {
            return;
        }
        for (Roi roi : set.rois()) {
            if (!roi.frameOfReferenceUid().isEmpty() && !roi.frameOfReferenceUid().equals(series)) {
                throw new RtStructException("ROI " + roi.number() + " '" + roi.name()
                        + "': (3006,0024) ReferencedFrameOfReferenceUID " + roi.frameOfReferenceUid()
                        + " is not the series' (0020,0052) FrameOfReferenceUID " + series);
            }
        }
    }

    private void checkReferencedImages(RtStructureSet set, List<String> warnings) {
        List<String> missing = new ArrayList<>();
        for (String uid : set.referencedSopInstanceUids()) {
            if (!sliceOfUid.containsKey(uid)) {
                missing.add(uid);
            }
        }
        for (Roi roi : set.rois()) {
            for (Contour c : roi.contours()) {
                for (String uid : c.referencedSopInstanceUids()) {
                    if (!sliceOfUid.containsKey(uid) && !missing.contains(uid)) {
                        missing.add(uid);
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String msg = missing.size() + " image(s) referenced by (3006,0016) ContourImageSequence are not in series "
                + grid.seriesInstanceUid() + ", e.g. (0008,1155) ReferencedSOPInstanceUID " + missing.get(0);
        if (options.strictReferences()) {
            throw new RtStructException(msg);
        }
        warnings.add(msg + "; their contours are placed by distance to the slice planes");
    }

    /**
     * An ROI's mask, the slices {@code firstSlice <= k < endSlice} that hold all of its pixels,
     * and on slice k the rows {@code rowFrom[k] <= j <= rowTo[k]} that hold all of them (the
     * rows its polygons span, one more each side).
     */
    private record Filled(RoiMasks.RoiMask mask, int firstSlice, int endSlice, int[] rowFrom, int[] rowTo) {
    }

    private Filled rasterizeRoi(Roi roi, List<String> warnings) {
        String who = "ROI " + roi.number() + " '" + roi.name() + "'";
        List<List<double[]>> polygonsOfSlice = new ArrayList<>(nz);
        for (int k = 0; k < nz; k++) {
            polygonsOfSlice.add(null);
        }
        List<ContourMark> marks = new ArrayList<>();
        int closed = 0;
        int byDistance = 0;
        int offSlice = 0;
        int degenerate = 0;
        int outside = 0;
        int clipped = 0;
        for (Contour c : roi.contours()) {
            int k = sliceOf(c);
            if (c.type() == ContourType.POINT || !c.type().isClosed()) {
                marks.add(mark(roi.number(), c));
                continue;
            }
            closed++;
            if (c.pointCount() < 3) {
                degenerate++;
                continue;
            }
            if (k < 0) {
                offSlice++;
                continue;
            }
            if (k >= nz) {
                byDistance++;
                k -= nz;
            }
            double[] poly = toPixels(c, k);
            int where = inImage(poly);
            if (where == 0) {
                outside++;
                continue;
            }
            if (where == 1) {
                clipped++;
            }
            List<double[]> list = polygonsOfSlice.get(k);
            if (list == null) {
                list = new ArrayList<>();
                polygonsOfSlice.set(k, list);
            }
            list.add(poly);
        }
        NdArray mask = NdArray.allocate(DType.UINT8, new int[] {nz, ny, nx});
        byte[] data = (byte[]) mask.data();
        long voxels = 0;
        long[] sliceVoxels = new long[nz];
        int[] rowFrom = new int[nz];
        int[] rowTo = new int[nz];
        int firstSlice = nz;
        int endSlice = 0;
        for (int k = 0; k < nz; k++) {
            rowFrom[k] = 0;
            rowTo[k] = -1;
            if (polygonsOfSlice.get(k) != null) {
                double ymin = Double.POSITIVE_INFINITY;
                double ymax = Double.NEGATIVE_INFINITY;
                for (double[] poly : polygonsOfSlice.get(k)) {
                    for (int q = 1; q < poly.length; q += 2) {
                        ymin = Math.min(ymin, poly[q]);
                        ymax = Math.max(ymax, poly[q]);
                    }
                }
                rowFrom[k] = (int) Math.max(0, Math.floor(ymin) - 1);
                rowTo[k] = (int) Math.min(ny - 1, Math.ceil(ymax) + 1);
                long n = PolygonFill.fill(polygonsOfSlice.get(k), nx, ny, data, k * nx * ny);
                voxels += n;
                sliceVoxels[k] = n;
                if (n > 0) {
                    firstSlice = Math.min(firstSlice, k);
                    endSlice = k + 1;
                }
            }
        }
        report(warnings, who, byDistance, "closed contour(s) were placed on a slice by plane distance (no usable"
                + " (3006,0016) ContourImageSequence reference)");
        report(warnings, who, degenerate, "closed contour(s) with fewer than 3 points were skipped");
        report(warnings, who, offSlice, "contour(s) lie farther than half a slice spacing from every slice and were"
                + " not drawn");
        report(warnings, who, outside, "contour(s) lie entirely outside the image and were not drawn");
        report(warnings, who, clipped, "contour(s) extend outside the image and were clipped");
        if (voxels == 0) {
            warnings.add(who + ": the mask is empty (" + closed + " closed contour(s), " + marks.size()
                    + " point/open contour(s) kept as marks)");
        }
        return new Filled(new RoiMasks.RoiMask(roi.number(), roi.name(), Volume.of(mask, grid.geometry()), voxels,
                sliceVoxels, marks), Math.min(firstSlice, endSlice), endSlice, rowFrom, rowTo);
    }

    private static void report(List<String> warnings, String who, int count, String what) {
        if (count > 0) {
            warnings.add(who + ": " + count + " " + what);
        }
    }

    /**
     * The slice of a contour: k when its reference names a slice the points lie on, k + nz when
     * placed by distance, -1 when no slice is within half a slice spacing.
     */
    private int sliceOf(Contour c) {
        double s = meanAlongNormal(c);
        for (String uid : c.referencedSopInstanceUids()) {
            Integer k = sliceOfUid.get(uid);
            if (k != null && Math.abs(s - along[k]) <= halfSpacing(k)) {
                return k;
            }
        }
        int k = nearestSlice(s);
        if (Math.abs(s - along[k]) > halfSpacing(k)) {
            return -1;
        }
        return k + nz;
    }

    private double meanAlongNormal(Contour c) {
        double[] p0 = grid.slicePosition(0);
        double sum = 0;
        for (int p = 0; p < c.pointCount(); p++) {
            sum += (c.coordinate(p, 0) - p0[0]) * normal[0] + (c.coordinate(p, 1) - p0[1]) * normal[1]
                    + (c.coordinate(p, 2) - p0[2]) * normal[2];
        }
        return sum / c.pointCount();
    }

    private int nearestSlice(double s) {
        int idx = Arrays.binarySearch(along, s);
        if (idx >= 0) {
            return idx;
        }
        int ins = -idx - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == nz) {
            return nz - 1;
        }
        return s - along[ins - 1] <= along[ins] - s ? ins - 1 : ins;
    }

    /** Half the distance to the nearest neighbouring slice (half the grid's k spacing for one slice), plus a tolerance. */
    private double halfSpacing(int k) {
        double gap = Double.POSITIVE_INFINITY;
        if (k > 0) {
            gap = Math.min(gap, along[k] - along[k - 1]);
        }
        if (k + 1 < nz) {
            gap = Math.min(gap, along[k + 1] - along[k]);
        }
        if (!Double.isFinite(gap) || gap <= 0) {
            gap = spacing[2];
        }
        return gap / 2 * (1 + 1e-9) + 1e-9;
    }

    /** The contour's points as pixel coordinates {i0, j0, i1, j1, ...} on slice k. */
    private double[] toPixels(Contour c, int k) {
        double[] p = grid.slicePosition(k);
        int n = c.pointCount();
        double[] out = new double[2 * n];
        for (int q = 0; q < n; q++) {
            double dx = c.coordinate(q, 0) - p[0];
            double dy = c.coordinate(q, 1) - p[1];
            double dz = c.coordinate(q, 2) - p[2];
            out[2 * q] = (dx * rowDir[0] + dy * rowDir[1] + dz * rowDir[2]) / spacing[0];
            out[2 * q + 1] = (dx * colDir[0] + dy * colDir[1] + dz * colDir[2]) / spacing[1];
        }
        return out;
    }

    /** 2 when the polygon's bounding box lies in the image, 1 when partly, 0 when not at all. */
    private int inImage(double[] poly) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < poly.length; q += 2) {
            minX = Math.min(minX, poly[q]);
            maxX = Math.max(maxX, poly[q]);
            minY = Math.min(minY, poly[q + 1]);
            maxY = Math.max(maxY, poly[q + 1]);
        }
        double lo = -0.5 - EDGE_TOLERANCE;
        if (maxX < lo || maxY < lo || minX > nx - lo - 1 || minY > ny - lo - 1) {
            return 0;
        }
        return minX < lo || minY < lo || maxX > nx - lo - 1 || maxY > ny - lo - 1 ? 1 : 2;
    }

    private ContourMark mark(int roiNumber, Contour c) {
        Geometry g = grid.geometry();
        double[] lps = c.points();
        double[] vox = new double[lps.length];
        for (int q = 0; q < c.pointCount(); q++) {
            double[] v = g.lpsToVoxel(lps[3 * q], lps[3 * q + 1], lps[3 * q + 2]);
            System.arraycopy(v, 0, vox, 3 * q, 3);
        }
        return new ContourMark(roiNumber, c.type(), lps, vox);
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
