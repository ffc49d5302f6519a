// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * Puts the frames of a segmentation on a series' grid (PS3.3 C.8.20.3: each frame is one segment
 * on one plane). A frame goes to slice k when its (0008,9124) DerivationImageSequence /
 * (0008,2112) SourceImageSequence names slice k's SOP instance; otherwise when its
 * (0020,0032) ImagePositionPatient, projected on the slice normal, lies within half a slice
 * spacing of slice k's and within half a pixel of it in the plane. Frames that fit neither rule,
 * or whose segment is not in (0062,0002) SegmentSequence, are skipped with a warning.
 */
final class SegFramePlacer {
    private static final double ORIENTATION_TOLERANCE = 1e-4;

    private SegFramePlacer() {
    }

    static SegMasks place(Segmentation seg, ReferencedGrid grid) {
        Geometry g = grid.geometry();
        int[] size = g.size();
        int nx = size[0], ny = size[1], nz = size[2];
        check(seg, grid);
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> sliceOfUid = new HashMap<>();
        for (int k = 0; k < nz; k++) {
            String uid = grid.sopInstanceUids().get(k);
            if (!uid.isEmpty()) {
                sliceOfUid.put(uid, k);
            }
        }
        Map<Integer, byte[]> data = new LinkedHashMap<>();
        for (Segment s : seg.segments()) {
            data.put(s.number(), new byte[nx * ny * nz]);
        }
        double[] n = grid.normal();
        double[] xdir = g.axis(0);
        double[] ydir = g.axis(1);
        double[] sp = g.spacing();
        byte[] pixels = seg.frameData();
        int frameLen = nx * ny;
        for (SegFrame f : seg.frames()) {
            byte[] target = data.get(f.segmentNumber());
            if (target == null) {
                continue;   // the reader has warned about the unknown segment number
            }
            String where = seg.file() + ": frame " + (f.index() + 1) + ": (5200,9230) PerFrameFunctionalGroupsSequence";
            Integer byUid = sliceOfUid.get(f.sourceSopInstanceUid());
            int k = -1;
            if (byUid != null) {
                k = byUid;
                if (f.position() != null) {
                    double d = dot(sub(f.position(), grid.slicePosition(k)), n);
                    if (Math.abs(d) > sp[2] / 2) {
                        warnings.add(where + " / (0020,9113) PlanePositionSequence / (0020,0032) ImagePositionPatient"
                                + " lies " + fmt(d) + " mm from slice " + k + ", the slice its (0008,9124)"
                                + " DerivationImageSequence names; placed by the reference");
                    }
                }
            } else if (f.position() != null) {
                double[] p = f.position();
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int q = 0; q < nz; q++) {
                    double d = Math.abs(dot(sub(p, grid.slicePosition(q)), n));
                    if (d < bestD) {
                        bestD = d;
                        best = q;
                    }
                }
                double[] off = sub(p, grid.slicePosition(best));
                double di = dot(off, xdir) / sp[0];
                double dj = dot(off, ydir) / sp[1];
                if (bestD > sp[2] / 2 || Math.abs(di) > 0.5 || Math.abs(dj) > 0.5) {
                    warnings.add(where + " / (0020,9113) PlanePositionSequence / (0020,0032) ImagePositionPatient "
                            + Arrays.toString(p) + " is not on the grid: nearest slice " + best + " is " + fmt(bestD)
                            + " mm away along the normal (limit " + fmt(sp[2] / 2) + "), in-plane offset (" + fmt(di)
                            + ", " + fmt(dj) + ") pixels (limit 0.5); frame skipped");
                    continue;
                }
                k = best;
            } else {
                warnings.add(where + " has neither a (0008,9124) DerivationImageSequence / (0008,2112)"
                        + " SourceImageSequence / (0008,1155) ReferencedSOPInstanceUID that is a slice of the grid"
                        + (f.sourceSopInstanceUid().isEmpty() ? "" : " (it names " + f.sourceSopInstanceUid() + ")")
                        + " nor a (0020,9113) PlanePositionSequence; frame skipped");
                continue;
            }
            int src = f.index() * frameLen;
            int dst = k * frameLen;
            for (int i = 0; i < frameLen; i++) {
                byte v = pixels[src + i];
                if ((v & 0xFF) > (target[dst + i] & 0xFF)) {
                    target[dst + i] = v;
                }
            }
        }
        return assemble(seg, g, data, warnings);
    }

    private static SegMasks assemble(Segmentation seg, Geometry g, Map<Integer, byte[]> data, List<String> warnings) {
        int[] size = g.size();
        int[] shape = {size[2], size[1], size[0]};
        int maxNumber = 0;
        for (Segment s : seg.segments()) {
            maxNumber = Math.max(maxNumber, s.number());
        }
        NdArray labels = NdArray.allocate(maxNumber <= 255 ? DType.UINT8 : DType.UINT16, shape);
        boolean fractional = seg.type() == SegmentationType.FRACTIONAL;
        int max = seg.maxFractionalValue();
        double slope = fractional ? 1.0 / max : 1.0;
        List<SegMasks.SegMask> masks = new ArrayList<>();
        Map<Integer, String> targets = new LinkedHashMap<>();
        for (Segment s : seg.segments()) {
            byte[] d = data.get(s.number());
            long count = 0;
            for (int i = 0; i < d.length; i++) {
                int v = d[i] & 0xFF;
                if (v != 0) {
                    count++;
                    if (!fractional || 2 * v >= max) {
                        labels.setDouble(i, s.number());
                    }
                }
            }
            Volume mask = new Volume(new NdArray(DType.UINT8, shape, d), g, 1, 1, slope, 0, List.of());
            masks.add(new SegMasks.SegMask(s.number(), s.label(), mask, count));
            targets.put(s.number(), s.label());
        }
        return new SegMasks(masks, Volume.of(labels, g), targets, warnings);
    }

    /** Frame of reference, image size, orientation and pixel spacing must match the grid's. */
    private static void check(Segmentation seg, ReferencedGrid grid) {
        Geometry g = grid.geometry();
        if (!seg.frameOfReferenceUid().isEmpty() && !grid.frameOfReferenceUid().isEmpty()
                && !seg.frameOfReferenceUid().equals(grid.frameOfReferenceUid())) {
            throw new SegException(seg.file() + ": (0020,0052) FrameOfReferenceUID " + seg.frameOfReferenceUid()
                    + " differs from the series' " + grid.frameOfReferenceUid());
        }
        if (seg.columns() != g.size()[0] || seg.rows() != g.size()[1]) {
            throw new SegException(seg.file() + ": (0028,0010) Rows x (0028,0011) Columns " + seg.rows() + " x "
                    + seg.columns() + " differ from the series' " + g.size()[1] + " x " + g.size()[0]);
        }
        double[] o = seg.orientation();
        if (o.length == 6) {
            double[] x = g.axis(0), y = g.axis(1);
            for (int a = 0; a < 3; a++) {
                if (Math.abs(o[a] - x[a]) > ORIENTATION_TOLERANCE || Math.abs(o[3 + a] - y[a]) > ORIENTATION_TOLERANCE) {
                    throw new SegException(seg.file() + ": (0020,9116) PlaneOrientationSequence / (0020,0037)"
                            + " ImageOrientationPatient " + Arrays.toString(o) + " differs from the series' "
                            + Arrays.toString(new double[] {x[0], x[1], x[2], y[0], y[1], y[2]}));
                }
            }
        }
        double[] ps = seg.pixelSpacing();
        double[] sp = g.spacing();
        if (ps.length == 2 && (Math.abs(ps[0] - sp[1]) > 1e-3 * sp[1] || Math.abs(ps[1] - sp[0]) > 1e-3 * sp[0])) {
            throw new SegException(seg.file() + ": (0028,9110) PixelMeasuresSequence / (0028,0030) PixelSpacing "
                    + Arrays.toString(ps) + " (row, column) differs from the series' [" + sp[1] + ", " + sp[0] + "]");
        }
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
