// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a series into stacks that each make one volume. Images go to separate stacks when they
 * differ in Rows x Columns, in ImageOrientationPatient (beyond 1e-4 in any cosine), in
 * EchoNumbers (enhanced MR: effective echo time) or in TemporalPositionIdentifier (enhanced:
 * TemporalPositionIndex and StackID). Within such a stack, images that repeat a position
 * (ImagePositionPatient within 0.001 mm) are separated by AcquisitionNumber when that tells them
 * apart, and what still repeats goes, by InstanceNumber, into a second, third... stack
 * ("repeat 2"). AcquisitionNumber alone never splits: some scanners number each slice its own
 * acquisition.
 */
public final class SeriesSplitter {
    /** Positions closer than this (mm) are the same position. */
    static final double SAME_POSITION_MM = 1e-3;
    private static final double SAME_COSINE = 1e-4;
    /** The resolution of {@link #positionKey}: coordinates are rounded to this (mm). */
    private static final double NEAR_MM = 1e-3;

    private SeriesSplitter() {
    }

    /** The stacks of a series, in order of first appearance; labels empty when there is one. */
    public static List<SliceStack> split(DicomSeries series) {
        Map<String, List<SliceInfo>> groups = new LinkedHashMap<>();
        List<double[]> orientations = new ArrayList<>();
        for (SliceInfo s : series.slices()) {
            groups.computeIfAbsent(key(s, orientations), k -> new ArrayList<>()).add(s);
        }
        List<String[]> labelled = new ArrayList<>();
        List<List<SliceInfo>> stacks = new ArrayList<>();
        for (Map.Entry<String, List<SliceInfo>> g : groups.entrySet()) {
            for (Map.Entry<String, List<SliceInfo>> r : splitRepeats(g.getValue()).entrySet()) {
                labelled.add(new String[] {g.getKey(), r.getKey()});
                stacks.add(r.getValue());
            }
        }
        List<SliceStack> out = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            String label = stacks.size() == 1 ? "" : label(labelled.get(i));
            out.add(new SliceStack(series.uid(), label, stacks.get(i)));
        }
        return out;
    }

    private static String key(SliceInfo s, List<double[]> orientations) {
        StringBuilder k = new StringBuilder();
        k.append(s.columns()).append('x').append(s.rows());
        double[] o = s.orientation();
        if (o != null) {
            int index = -1;
            for (int i = 0; i < orientations.size() && index < 0; i++) {
                if (close(orientations.get(i), o)) {
                    index = i;
                }
            }
            if (index < 0) {
                orientations.add(o);
                index = orientations.size() - 1;
            }
            k.append("|orientation ").append(index + 1);
        }
        if (!s.echo().isEmpty()) {
            k.append("|echo ").append(s.echo());
        }
        if (!s.temporal().isEmpty()) {
            k.append("|temporal ").append(s.temporal());
        }
        return k.toString();
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > SAME_COSINE) {
                return false;
            }
        }
        return true;
    }

    /** Sub-stacks without repeated positions, keyed by "" or "acquisition N" and/or "repeat N". */
    private static Map<String, List<SliceInfo>> splitRepeats(List<SliceInfo> group) {
        Map<String, List<SliceInfo>> out = new LinkedHashMap<>();
        if (!repeatsPosition(group)) {
            out.put("", group);
            return out;
        }
        Map<String, List<SliceInfo>> byAcq = new LinkedHashMap<>();
        for (SliceInfo s : group) {
            byAcq.computeIfAbsent(s.acquisition(), k -> new ArrayList<>()).add(s);
        }
        boolean acqHelps = byAcq.size() > 1;
        for (Map.Entry<String, List<SliceInfo>> a : byAcq.entrySet()) {
            String acqLabel = acqHelps ? "acquisition " + a.getKey() : "";
            List<SliceInfo> sorted = new ArrayList<>(a.getValue());
            sorted.sort(Comparator.comparingInt(SliceInfo::order));
            Map<String, Integer> seen = new HashMap<>();
            Map<Integer, List<SliceInfo>> byRepeat = new java.util.TreeMap<>();
            for (SliceInfo s : sorted) {
                int n = s.position() == null ? 1 : seen.merge(positionKey(s.position()), 1, Integer::sum);
                byRepeat.computeIfAbsent(n, k -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<Integer, List<SliceInfo>> r : byRepeat.entrySet()) {
                String l = byRepeat.size() == 1 ? acqLabel
                        : (acqLabel.isEmpty() ? "" : acqLabel + ", ") + "repeat " + r.getKey();
                out.put(l, r.getValue());
            }
        }
        return out;
    }

    /**
     * Whether two images share a position key. Keys round each coordinate to 0.001 mm, so images
     * 0.002 mm or more apart along any axis never share one: only neighbours that close along the
     * axis where the positions spread most are compared, which keeps the check linear for a stack.
     */
    private static boolean repeatsPosition(List<SliceInfo> group) {
        List<double[]> ps = new ArrayList<>(group.size());
        for (SliceInfo s : group) {
            double[] p = s.position();
            if (p != null) {
                ps.add(p);
            }
        }
        int axis = 0;
        double widest = -1;
        for (int a = 0; a < 3 && !ps.isEmpty(); a++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : ps) {
                lo = Math.min(lo, p[a]);
                hi = Math.max(hi, p[a]);
            }
            if (hi - lo > widest) {
                widest = hi - lo;
                axis = a;
            }
        }
        final int along = axis;
        ps.sort(Comparator.comparingDouble(p -> p[along]));
        for (int i = 0; i < ps.size(); i++) {
            String key = null;
            for (int j = i + 1; j < ps.size() && ps.get(j)[along] - ps.get(i)[along] < 2 * NEAR_MM; j++) {
                key = key != null ? key : positionKey(ps.get(i));
                if (key.equals(positionKey(ps.get(j)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String positionKey(double[] p) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", p[0] + 0.0, p[1] + 0.0, p[2] + 0.0);
    }

    private static String label(String[] keys) {
        String base = keys[0].replace("|", ", ");
        return keys[1].isEmpty() ? base : base + ", " + keys[1];
    }
}
