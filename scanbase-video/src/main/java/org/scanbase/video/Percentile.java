// SPDX-License-Identifier: Apache-2.0
package org.scanbase.video;

import java.util.Arrays;
import org.scanbase.array.DType;
import org.scanbase.array.NdArray;
import org.scanbase.dicom.pixel.VoiWindow;
import org.scanbase.volume.Volume;

/**
 * Percentiles of a volume's real values with numpy's default ("linear") definition: the value at
 * rank {@code p / 100 * (n - 1)} of the sorted values, interpolated between neighbours. Exact
 * for 8- and 16-bit volumes (a histogram of every voxel); for wider types, computed over an
 * evenly strided sample of at most 4 million voxels.
 */
final class Percentile {
    private static final int MAX_SAMPLE = 4_000_000;

    private Percentile() {
    }

    /**
     * A LINEAR_EXACT window running from the {@code low}-th to the {@code high}-th percentile, so
     * that those values map to black and white.
     */
    static VoiWindow window(Volume volume, double low, double high) {
        double[] p = of(volume, low, high);
        double width = p[1] - p[0];
        if (!(width > 0)) {
            width = 1; // a constant volume: any positive width shows it as one grey
        }
        return new VoiWindow((p[0] + p[1]) / 2, width, VoiWindow.Function.LINEAR_EXACT);
    }

    /** The real values at the given percentiles (0..100), in the order asked. */
    static double[] of(Volume volume, double... percents) {
        NdArray v = volume.voxels();
        int n = volume.nx() * volume.ny() * volume.nz() * volume.components();
        // a negative slope reverses the order: the p-th real percentile is the (100 - p)-th stored one
        double[] asked = percents.clone();
        if (volume.slope() < 0) {
            for (int i = 0; i < asked.length; i++) {
                asked[i] = 100 - asked[i];
            }
        }
        double[] stored = switch (v.dtype()) {
            case UINT8, INT8, UINT16, INT16 -> fromHistogram(v, n, asked);
            default -> fromSample(v, n, asked);
        };
        double[] real = new double[stored.length];
        for (int i = 0; i < stored.length; i++) {
            real[i] = stored[i] * volume.slope() + volume.intercept();
        }
        return real;
    }

    private static double[] fromHistogram(NdArray v, int n, double[] percents) {
        int offset = v.dtype().signed() ? (v.dtype() == DType.INT8 ? 128 : 32768) : 0;
        long[] counts = new long[v.dtype().bytes() == 1 ? 256 : 65536];
        if (v.data() instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                counts[(v.dtype().signed() ? b[i] : b[i] & 0xFF) + offset]++;
            }
        } else {
            short[] s = (short[]) v.data();
            for (int i = 0; i < n; i++) {
                counts[(v.dtype().signed() ? s[i] : s[i] & 0xFFFF) + offset]++;
            }
        }
        double[] out = new double[percents.length];
        for (int q = 0; q < percents.length; q++) {
            double rank = percents[q] / 100 * (n - 1);
            long lo = (long) Math.floor(rank);
            double frac = rank - lo;
            double a = valueAtRank(counts, lo) - offset;
            double b = frac == 0 ? a : valueAtRank(counts, Math.min(lo + 1, n - 1)) - offset;
            out[q] = a + (b - a) * frac;
        }
        return out;
    }

    private static int valueAtRank(long[] counts, long rank) {
        long seen = 0;
        for (int value = 0; value < counts.length; value++) {
            seen += counts[value];
            if (seen > rank) {
                return value;
            }
        }
        return counts.length - 1;
    }

    private static double[] fromSample(NdArray v, int n, double[] percents) {
        int step = Math.max(1, (int) Math.ceil((double) n / MAX_SAMPLE));
        double[] sample = new double[(n + step - 1) / step];
        int m = 0;
        for (int i = 0; i < n; i += step) {
            double x = v.getDouble(i);
            if (!Double.isNaN(x)) {
                sample[m++] = x;
            }
        }
        if (m == 0) {
            return new double[percents.length];
        }
        double[] sorted = Arrays.copyOf(sample, m);
        Arrays.sort(sorted);
        double[] out = new double[percents.length];
        for (int q = 0; q < percents.length; q++) {
            double rank = percents[q] / 100 * (m - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(lo + 1, m - 1);
            out[q] = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        }
        return out;
    }
}
