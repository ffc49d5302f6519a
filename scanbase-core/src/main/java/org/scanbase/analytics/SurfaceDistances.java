// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.Arrays;

/**
 * Distances in mm between the surfaces of two binary masks (one label value of two label
 * volumes on the same grid). A surface voxel is a mask voxel with at least one of its
 * face neighbours (6 in 3D, 4 in-plane for 2D masks) outside the mask or outside the grid — the
 * mask minus its binary erosion with the cross-shaped element and a background border, as
 * {@code mask & ~scipy.ndimage.binary_erosion(mask)}. The distance of a surface voxel of A to B
 * is the Euclidean distance between voxel centres (real spacing) to the nearest surface voxel of
 * B, from an exact {@link DistanceTransform}.
 *
 * <p>Work is confined to the bounding box of both masks: every surface voxel lies in it, so the
 * distances are the same as over the whole grid.
 *
 * @param aToB distances (mm) from each surface voxel of A to the surface of B, in voxel order
 * @param bToA distances (mm) from each surface voxel of B to the surface of A
 */
public record SurfaceDistances(double[] aToB, double[] bToA) {

  /**
   * The surface distances of label {@code value} in {@code a} and {@code b}, inside the box
   * {@code min..max} (voxel indices i, j, k, inclusive) that holds every voxel of that label in
   * both; both masks must be non-empty.
   */
  public static SurfaceDistances of(LabelVolume a, LabelVolume b, int value, int[] min, int[] max) {
    int cx = max[0] - min[0] + 1;
    int cy = max[1] - min[1] + 1;
    int cz = max[2] - min[2] + 1;
    int[] crop = {cx, cy, cz};
    boolean[] inA = crop(a, value, min, crop);
    boolean[] inB = crop(b, value, min, crop);
    boolean planar = a.planar() || a.nz() == 1;
    boolean[] surfA = surface(inA, crop, planar);
    boolean[] surfB = surface(inB, crop, planar);
    double[] spacing = a.geometry().spacing();
    return new SurfaceDistances(sample(DistanceTransform.squared(surfB, crop, spacing), surfA),
        sample(DistanceTransform.squared(surfA, crop, spacing), surfB));
  }

  /** The largest distance either way: the Hausdorff distance (mm). */
  public double hausdorff() {
    return Math.max(max(aToB), max(bToA));
  }

  /**
   * The 95th percentile of all distances of both directions pooled (mm), with linear
   * interpolation between ranks as numpy's default {@code percentile}.
   */
  public double hausdorff95() {
    return percentile(pooled(), 95);
  }

  /** The mean of all distances of both directions pooled: average symmetric surface distance (mm). */
  public double assd() {
    double sum = 0;
    for (double d : aToB) {
      sum += d;
    }
    for (double d : bToA) {
      sum += d;
    }
    return sum / (aToB.length + bToA.length);
  }

  private double[] pooled() {
    double[] all = Arrays.copyOf(aToB, aToB.length + bToA.length);
    System.arraycopy(bToA, 0, all, aToB.length, bToA.length);
    return all;
  }

  /** Percentile {@code p} (0..100) of {@code values} with linear interpolation (sorts a copy). */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    double rank = p / 100.0 * (v.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - lo);
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }

  private static boolean[] crop(LabelVolume v, int value, int[] min, int[] crop) {
    int nx = v.nx();
    int ny = v.ny();
    short[] labels = v.labels();
    short want = (short) value;
    boolean[] out = new boolean[crop[0] * crop[1] * crop[2]];
    int o = 0;
    for (int k = 0; k < crop[2]; k++) {
      for (int j = 0; j < crop[1]; j++) {
        int from = ((min[2] + k) * ny + min[1] + j) * nx + min[0];
        for (int i = 0; i < crop[0]; i++) {
          out[o++] = labels[from + i] == want;
        }
      }
    }
    return out;
  }

  static boolean[] surface(boolean[] m, int[] size, boolean planar) {
    int nx = size[0];
    int ny = size[1];
    int nz = size[2];
    int plane = nx * ny;
    boolean[] s = new boolean[m.length];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        int row = (k * ny + j) * nx;
        for (int i = 0; i < nx; i++) {
          int at = row + i;
          if (!m[at]) {
            continue;
          }
          boolean inner = i > 0 && m[at - 1] && i < nx - 1 && m[at + 1]
              && j > 0 && m[at - nx] && j < ny - 1 && m[at + nx]
              && (planar || k > 0 && m[at - plane] && k < nz - 1 && m[at + plane]);
          s[at] = !inner;
        }
      }
    }
    return s;
  }

  private static double[] sample(double[] squared, boolean[] where) {
    int n = 0;
    for (boolean w : where) {
      if (w) {
        n++;
      }
    }
    double[] out = new double[n];
    int o = 0;
    for (int i = 0; i < where.length; i++) {
      if (where[i]) {
        out[o++] = Math.sqrt(squared[i]);
      }
    }
    return out;
  }
}
