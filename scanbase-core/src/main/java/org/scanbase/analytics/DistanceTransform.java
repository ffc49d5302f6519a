// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform on an anisotropic voxel grid: for every voxel, the squared
 * distance in mm² to the centre of the nearest feature voxel. Separable, one pass per axis, each
 * pass the lower envelope of parabolas of Felzenszwalb and Huttenlocher ("Distance Transforms of
 * Sampled Functions", Theory of Computing 8, 2012), with sample positions {@code q * spacing} so
 * that unequal spacings stay exact. Lines of a pass run in parallel.
 *
 * <p>The grid is C order with i fastest: index {@code (k * ny + j) * nx + i}.
 */
public final class DistanceTransform {
  private DistanceTransform() {}

  /**
   * Squared distances (mm²) to the nearest voxel where {@code feature[index]} is true;
   * {@link Double#POSITIVE_INFINITY} everywhere when there is no feature voxel.
   *
   * @param size    nx, ny, nz
   * @param spacing mm along i, j, k (positive)
   */
  public static double[] squared(boolean[] feature, int[] size, double[] spacing) {
    int nx = size[0];
    int ny = size[1];
    int nz = size[2];
    if ((long) nx * ny * nz != feature.length) {
      throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " does not hold " + feature.length + " voxels");
    }
    double[] d = new double[feature.length];
    int plane = nx * ny;
    // along i, straight from the binary input: the squared distance to the nearest feature of the row
    IntStream.range(0, nz).parallel().forEach(k -> {
      for (int j = 0; j < ny; j++) {
        rowPass(feature, d, (k * ny + j) * nx, nx, spacing[0]);
      }
    });
    // along j: lines (i, k), stride nx; along k: lines (i, j), stride nx * ny
    IntStream.range(0, nz).parallel().forEach(k -> blockPass(d, k * plane, nx, nx, ny, spacing[1]));
    if (nz > 1) {
      IntStream.range(0, ny).parallel().forEach(j -> blockPass(d, j * nx, nx, plane, nz, spacing[2]));
    }
    return d;
  }

  /** Two sweeps along a row: distance in voxels to the nearest feature left and right, squared in mm². */
  private static void rowPass(boolean[] feature, double[] d, int start, int n, double s) {
    int last = -1;
    for (int q = 0; q < n; q++) {
      if (feature[start + q]) {
        last = q;
      }
      d[start + q] = last < 0 ? Double.POSITIVE_INFINITY : q - last;
    }
    last = -1;
    for (int q = n - 1; q >= 0; q--) {
      if (feature[start + q]) {
        last = q;
      }
      double steps = last < 0 ? d[start + q] : Math.min(d[start + q], last - q);
      d[start + q] = steps == Double.POSITIVE_INFINITY ? steps : steps * steps * s * s;
    }
  }

  /** Lines handled together: neighbours in memory, so a strided pass reads whole cache lines. */
  private static final int BLOCK = 16;

  /**
   * Transforms the {@code width} lines starting at {@code base + b} (b = 0..width-1), each of
   * {@code n} values {@code stride} apart, copying {@link #BLOCK} adjacent lines at a time into a
   * contiguous buffer and back.
   */
  private static void blockPass(double[] d, int base, int width, int stride, int n, double s) {
    Line line = new Line(n);
    double[] buf = new double[BLOCK * n];
    for (int b0 = 0; b0 < width; b0 += BLOCK) {
      int bw = Math.min(BLOCK, width - b0);
      for (int q = 0; q < n; q++) {
        int at = base + b0 + q * stride;
        for (int b = 0; b < bw; b++) {
          buf[b * n + q] = d[at + b];
        }
      }
      for (int b = 0; b < bw; b++) {
        line.transform(buf, b * n, 1, n, s);
      }
      for (int q = 0; q < n; q++) {
        int at = base + b0 + q * stride;
        for (int b = 0; b < bw; b++) {
          d[at + b] = buf[b * n + q];
        }
      }
    }
  }

  /** Work buffers for the 1-D transform of one line, reused along a pass. */
  private static final class Line {
    private final double[] f;
    private final double[] pos;
    private final int[] v;
    private final double[] z;

    Line(int n) {
      f = new double[n];
      pos = new double[n];
      v = new int[n];
      z = new double[n + 1];
    }

    /**
     * In place: {@code d[q] = min over p of (q - p)² s² + d[p]} for the {@code n} values at
     * {@code start + q * stride}.
     */
    void transform(double[] d, int start, int stride, int n, double s) {
      int sites = 0;
      boolean any = false;
      for (int q = 0; q < n; q++) {
        double x = d[start + q * stride];
        f[q] = x;
        any |= x != Double.POSITIVE_INFINITY;
      }
      if (!any) {
        return; // all infinite: unchanged
      }
      if (pos[n - 1] != (n - 1) * s || n == 1) {
        for (int q = 0; q < n; q++) {
          pos[q] = q * s;
        }
      }
      // the lower envelope, built from the finite parabolas only
      int k = -1;
      for (int q = 0; q < n; q++) {
        if (f[q] == Double.POSITIVE_INFINITY) {
          continue;
        }
        sites++;
        if (k < 0) {
          k = 0;
          v[0] = q;
          z[0] = Double.NEGATIVE_INFINITY;
          z[1] = Double.POSITIVE_INFINITY;
          continue;
        }
        double cut;
        while (true) {
          int p = v[k];
          cut = ((f[q] + pos[q] * pos[q]) - (f[p] + pos[p] * pos[p])) / (2 * (pos[q] - pos[p]));
          if (cut <= z[k] && k > 0) {
            k--;
          } else {
            break;
          }
        }
        if (cut <= z[k]) {
          // k == 0 and the new parabola is lower everywhere
          v[0] = q;
          z[0] = Double.NEGATIVE_INFINITY;
          z[1] = Double.POSITIVE_INFINITY;
          continue;
        }
        k++;
        v[k] = q;
        z[k] = cut;
        z[k + 1] = Double.POSITIVE_INFINITY;
      }
      if (sites == 0) {
        return; // all infinite: unchanged
      }
      k = 0;
      for (int q = 0; q < n; q++) {
        while (z[k + 1] < pos[q]) {
          k++;
        }
        double dx = pos[q] - pos[v[k]];
        d[start + q * stride] = dx * dx + f[v[k]];
      }
    }
  }
}
