// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.scanbase.volume.Geometry;

/**
 * Per-label statistics of a label mask, optionally with the intensities of its image, for the
 * whole mask and for each slice. One pass over the voxels, slabs of slices in parallel;
 * percentiles of 8- and 16-bit images come exactly from a 65,536-bin histogram of stored values,
 * those of other images from the sorted values.
 */
public final class MaskStats {
  private MaskStats() {}

  /**
   * Statistics of a mask.
   *
   * @param labels value -> statistics over the whole mask, ascending values
   * @param slices per slice k (0-based): value -> statistics of that slice (no percentiles)
   */
  public record Result(Map<Integer, LabelStats> labels, List<Map<Integer, LabelStats>> slices) {}

  /**
   * The statistics of every non-zero value of {@code mask}.
   *
   * @param image the image on the mask's grid, or null for no intensity figures
   * @throws IllegalArgumentException when the image has another number of voxels
   */
  public static Result compute(LabelVolume mask, ImageValues image) {
    if (image != null && image.stored().size() != mask.labels().length) {
      throw new IllegalArgumentException("image has " + image.stored().size() + " voxels, mask " + mask.labels().length);
    }
    int[] values = mask.values();
    int nl = values.length;
    int[] slot = new int[65536];
    Arrays.fill(slot, -1);
    for (int n = 0; n < nl; n++) {
      slot[values[n]] = n;
    }
    int nz = mask.nz();
    int chunks = Math.min(nz, 4 * Runtime.getRuntime().availableProcessors());
    Acc[][] perSlice = new Acc[nz][nl];
    Dist[][] dists = new Dist[chunks][nl];
    IntStream.range(0, chunks).parallel().forEach(c -> {
      for (int n = 0; n < nl; n++) {
        dists[c][n] = image == null ? null : new Dist(image.sixteenBit());
      }
      for (int k = (int) ((long) nz * c / chunks); k < (int) ((long) nz * (c + 1) / chunks); k++) {
        accumulate(mask, image, k, slot, perSlice[k], dists[c]);
      }
    });
    Geometry g = mask.geometry();
    Map<Integer, LabelStats> labels = new LinkedHashMap<>();
    List<Map<Integer, LabelStats>> slices = new ArrayList<>();
    for (int k = 0; k < nz; k++) {
      Map<Integer, LabelStats> m = new LinkedHashMap<>();
      for (int n = 0; n < nl; n++) {
        if (perSlice[k][n] != null) {
          m.put(values[n], perSlice[k][n].stats(g, mask.voxelMl(), 1, image != null, null));
        }
      }
      slices.add(m);
    }
    for (int n = 0; n < nl; n++) {
      Acc total = new Acc();
      int covered = 0;
      for (int k = 0; k < nz; k++) {
        if (perSlice[k][n] != null) {
          total.add(perSlice[k][n]);
          covered++;
        }
      }
      double[] pct = null;
      if (image != null) {
        Dist all = new Dist(image.sixteenBit());
        for (int c = 0; c < chunks; c++) {
          all.add(dists[c][n]);
        }
        pct = all.percentiles(image, total.count);
      }
      labels.put(values[n], total.stats(g, mask.voxelMl(), covered, image != null, pct));
    }
    return new Result(labels, slices);
  }

  private static void accumulate(LabelVolume mask, ImageValues image, int k, int[] slot, Acc[] accs, Dist[] dists) {
    int nx = mask.nx();
    int plane = nx * mask.ny();
    short[] l = mask.labels();
    boolean hist = image != null && image.sixteenBit();
    for (int at = k * plane, end = at + plane; at < end; at++) {
      int v = l[at] & 0xFFFF;
      if (v == 0) {
        continue;
      }
      int n = slot[v];
      Acc a = accs[n];
      if (a == null) {
        a = accs[n] = new Acc();
      }
      int r = at - k * plane;
      int i = r % nx;
      int j = r / nx;
      a.count++;
      a.si += i;
      a.sj += j;
      a.sk += k;
      a.lo[0] = Math.min(a.lo[0], i);
      a.lo[1] = Math.min(a.lo[1], j);
      a.lo[2] = Math.min(a.lo[2], k);
      a.hi[0] = Math.max(a.hi[0], i);
      a.hi[1] = Math.max(a.hi[1], j);
      a.hi[2] = Math.max(a.hi[2], k);
      if (image != null) {
        double x = image.real(at);
        a.sum += x;
        a.sum2 += x * x;
        a.min = Math.min(a.min, x);
        a.max = Math.max(a.max, x);
        if (hist) {
          dists[n].hist[image.bin(at)]++;
        } else {
          dists[n].addValue(x);
        }
      }
    }
  }

  /** Running sums of one label on one slice, or merged over slices. */
  private static final class Acc {
    long count;
    long si;
    long sj;
    long sk;
    double sum;
    double sum2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    final int[] hi = {-1, -1, -1};

    void add(Acc o) {
      count += o.count;
      si += o.si;
      sj += o.sj;
      sk += o.sk;
      sum += o.sum;
      sum2 += o.sum2;
      min = Math.min(min, o.min);
      max = Math.max(max, o.max);
      for (int a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], o.lo[a]);
        hi[a] = Math.max(hi[a], o.hi[a]);
      }
    }

    LabelStats stats(Geometry g, double voxelMl, int slices, boolean intensities, double[] percentiles) {
      double[] c = g.voxelToLps((double) si / count, (double) sj / count, (double) sk / count);
      Double mean = null;
      Double std = null;
      if (intensities) {
        mean = sum / count;
        std = Math.sqrt(Math.max(0, sum2 / count - mean * mean));
      }
      return new LabelStats(count, count * voxelMl, slices, lo.clone(), hi.clone(), c, mean, std,
          intensities ? min : null, intensities ? max : null, percentiles);
    }
  }

  /** The distribution of intensities of one label: a histogram of stored values, or the values. */
  private static final class Dist {
    final long[] hist;
    double[] values = new double[0];
    int n;

    Dist(boolean sixteenBit) {
      hist = sixteenBit ? new long[65536] : null;
    }

    void addValue(double x) {
      if (n == values.length) {
        values = Arrays.copyOf(values, Math.max(16, n * 2));
      }
      values[n++] = x;
    }

    void add(Dist o) {
      if (hist != null) {
        for (int b = 0; b < hist.length; b++) {
          hist[b] += o.hist[b];
        }
      } else {
        for (int i = 0; i < o.n; i++) {
          addValue(o.values[i]);
        }
      }
    }

    double[] percentiles(ImageValues image, long count) {
      double[] out = new double[LabelStats.PERCENTILES.length];
      double[] sorted = null;
      if (hist == null) {
        sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
      }
      for (int p = 0; p < out.length; p++) {
        double rank = LabelStats.PERCENTILES[p] / 100.0 * (count - 1);
        long lo = (long) Math.floor(rank);
        long hi = Math.min(lo + 1, count - 1);
        double a = sorted != null ? sorted[(int) lo] : image.realOfBin(binAt(lo));
        double b = sorted != null ? sorted[(int) hi] : image.realOfBin(binAt(hi));
        out[p] = a + (b - a) * (rank - lo);
      }
      return out;
    }

    /** The bin of the value of ordinal {@code rank} (0-based) in ascending order. */
    private int binAt(long rank) {
      long seen = 0;
      for (int b = 0; b < hist.length; b++) {
        seen += hist[b];
        if (seen > rank) {
          return b;
        }
      }
      throw new IllegalStateException("rank " + rank + " beyond " + seen + " values");
    }
  }
}
