// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Compares a predicted label volume with a ground truth on the same grid, label value by label
 * value: overlap (Dice, IoU, precision, recall) from voxel counts, and surface distances in mm
 * (Hausdorff, HD95, ASSD) from {@link SurfaceDistances}. Slices are counted in parallel.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Evaluates {@code pred} against {@code gt} for the given label values plus every value
   * present in {@code gt}; a value present in neither mask is left out.
   *
   * @throws IllegalArgumentException when the grids differ in size
   */
  public static Evaluation evaluate(LabelVolume gt, LabelVolume pred, int[] targetValues) {
    if (!Arrays.equals(gt.geometry().size(), pred.geometry().size())) {
      throw new IllegalArgumentException("prediction grid " + Arrays.toString(pred.geometry().size())
          + " differs from the ground truth's " + Arrays.toString(gt.geometry().size()));
    }
    TreeSet<Integer> wanted = new TreeSet<>();
    for (int v : targetValues) {
      wanted.add(v);
    }
    for (int v : gt.values()) {
      wanted.add(v);
    }
    int[] values = wanted.stream().mapToInt(Integer::intValue).filter(v -> v > 0 && v < 65536).toArray();
    int[] slot = new int[65536];
    Arrays.fill(slot, -1);
    for (int n = 0; n < values.length; n++) {
      slot[values[n]] = n;
    }
    int nx = gt.nx();
    int plane = nx * gt.ny();
    int nz = gt.nz();
    int nl = values.length;
    // per slice, per label: gt, pred and both counts; per slice bounding boxes of either
    long[][] g = new long[nz][nl];
    long[][] p = new long[nz][nl];
    long[][] tp = new long[nz][nl];
    int[][] lo = new int[nz][nl * 2];
    int[][] hi = new int[nz][nl * 2];
    short[] a = gt.labels();
    short[] b = pred.labels();
    IntStream.range(0, nz).parallel().forEach(k -> {
      Arrays.fill(lo[k], Integer.MAX_VALUE);
      Arrays.fill(hi[k], -1);
      for (int at = k * plane, end = at + plane; at < end; at++) {
        int la = a[at] & 0xFFFF;
        int lb = b[at] & 0xFFFF;
        if ((la | lb) == 0) {
          continue;
        }
        int sa = slot[la];
        int sb = slot[lb];
        int r = at - k * plane;
        int i = r % nx;
        int j = r / nx;
        if (la != 0 && sa >= 0) {
          g[k][sa]++;
          box(lo[k], hi[k], sa, i, j);
          if (la == lb) {
            tp[k][sa]++;
          }
        }
        if (lb != 0 && sb >= 0) {
          p[k][sb]++;
          if (la != lb) {
            box(lo[k], hi[k], sb, i, j);
          }
        }
      }
    });
    Map<Integer, LabelMetrics> perLabel = new LinkedHashMap<>();
    List<Map<Integer, Double>> slices = new ArrayList<>();
    for (int k = 0; k < nz && nz > 1; k++) {
      Map<Integer, Double> d = new LinkedHashMap<>();
      for (int n = 0; n < nl; n++) {
        if (g[k][n] + p[k][n] > 0) {
          d.put(values[n], 2.0 * tp[k][n] / (g[k][n] + p[k][n]));
        }
      }
      slices.add(d);
    }
    for (int n = 0; n < nl; n++) {
      long gs = 0;
      long ps = 0;
      long ts = 0;
      int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
      int[] max = {-1, -1, -1};
      for (int k = 0; k < nz; k++) {
        gs += g[k][n];
        ps += p[k][n];
        ts += tp[k][n];
        if (hi[k][2 * n] >= 0) {
          min[0] = Math.min(min[0], lo[k][2 * n]);
          min[1] = Math.min(min[1], lo[k][2 * n + 1]);
          max[0] = Math.max(max[0], hi[k][2 * n]);
          max[1] = Math.max(max[1], hi[k][2 * n + 1]);
          min[2] = Math.min(min[2], k);
          max[2] = k;
        }
      }
      if (gs + ps == 0) {
        continue;
      }
      Double hd = null;
      Double hd95 = null;
      Double assd = null;
      if (gs > 0 && ps > 0) {
        SurfaceDistances sd = SurfaceDistances.of(gt, pred, values[n], min, max);
        hd = sd.hausdorff();
        hd95 = sd.hausdorff95();
        assd = sd.assd();
      }
      perLabel.put(values[n], new LabelMetrics(2.0 * ts / (gs + ps), (double) ts / (gs + ps - ts),
          ps == 0 ? null : (double) ts / ps, gs == 0 ? null : (double) ts / gs, hd, hd95, assd, gs, ps));
    }
    return new Evaluation(perLabel, slices);
  }

  private static void box(int[] lo, int[] hi, int s, int i, int j) {
    lo[2 * s] = Math.min(lo[2 * s], i);
    lo[2 * s + 1] = Math.min(lo[2 * s + 1], j);
    hi[2 * s] = Math.max(hi[2 * s], i);
    hi[2 * s + 1] = Math.max(hi[2 * s + 1], j);
  }
}
