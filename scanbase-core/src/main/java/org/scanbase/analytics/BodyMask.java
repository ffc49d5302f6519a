// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.Arrays;

/**
 * A simple body mask for the "mask outside the body" check: voxels above a threshold (CT:
 * -500 HU, so air and the scanner room are out; other images: 10 % of the 99th intensity
 * percentile), the largest face-connected region of them, with the holes of each slice filled
 * (the lungs, bowel gas and sinuses are inside the body though darker than the threshold).
 */
public final class BodyMask {
  /** CT body threshold, HU. */
  public static final double CT_THRESHOLD_HU = -500;

  private BodyMask() {}

  /**
   * The body voxels of an image.
   *
   * @param size nx, ny, nz of the grid
   * @param ct   true for CT (values in HU)
   */
  public static boolean[] of(ImageValues image, int[] size, boolean ct) {
    int n = image.stored().size();
    double threshold = ct ? CT_THRESHOLD_HU : 0.1 * highPercentile(image);
    boolean[] on = new boolean[n];
    for (int i = 0; i < n; i++) {
      on[i] = image.real(i) > threshold;
    }
    boolean[] body = largestRegion(on, size);
    fillSliceHoles(body, size);
    return body;
  }

  /** The 99th percentile of every 7th voxel: enough for a threshold. */
  private static double highPercentile(ImageValues image) {
    int n = image.stored().size();
    double[] v = new double[(n + 6) / 7];
    for (int i = 0, o = 0; i < n; i += 7) {
      v[o++] = image.real(i);
    }
    Arrays.sort(v);
    return v[(int) Math.floor(0.99 * (v.length - 1))];
  }

  private static boolean[] largestRegion(boolean[] on, int[] size) {
    int nx = size[0];
    int ny = size[1];
    int nz = size[2];
    int plane = nx * ny;
    int[] region = new int[on.length];
    int[] queue = new int[on.length];
    int best = 0;
    int bestSize = 0;
    int next = 0;
    for (int seed = 0; seed < on.length; seed++) {
      if (!on[seed] || region[seed] != 0) {
        continue;
      }
      int id = ++next;
      int head = 0;
      int tail = 0;
      queue[tail++] = seed;
      region[seed] = id;
      while (head < tail) {
        int at = queue[head++];
        int i = at % nx;
        int j = (at / nx) % ny;
        int k = at / plane;
        int[] nb = {i > 0 ? at - 1 : -1, i < nx - 1 ? at + 1 : -1, j > 0 ? at - nx : -1, j < ny - 1 ? at + nx : -1,
            k > 0 ? at - plane : -1, k < nz - 1 ? at + plane : -1};
        for (int b : nb) {
          if (b >= 0 && on[b] && region[b] == 0) {
            region[b] = id;
            queue[tail++] = b;
          }
        }
      }
      if (tail > bestSize) {
        bestSize = tail;
        best = id;
      }
    }
    boolean[] out = new boolean[on.length];
    for (int i = 0; i < on.length; i++) {
      out[i] = best != 0 && region[i] == best;
    }
    return out;
  }

  /** Sets every voxel of a slice that the slice's border cannot reach through non-body voxels. */
  private static void fillSliceHoles(boolean[] body, int[] size) {
    int nx = size[0];
    int ny = size[1];
    int plane = nx * ny;
    boolean[] outside = new boolean[plane];
    int[] queue = new int[plane];
    for (int k = 0; k < size[2]; k++) {
      int base = k * plane;
      Arrays.fill(outside, false);
      int tail = 0;
      for (int p = 0; p < plane; p++) {
        int i = p % nx;
        int j = p / nx;
        boolean border = i == 0 || j == 0 || i == nx - 1 || j == ny - 1;
        if (border && !body[base + p]) {
          outside[p] = true;
          queue[tail++] = p;
        }
      }
      for (int head = 0; head < tail; head++) {
        int p = queue[head];
        int i = p % nx;
        int j = p / nx;
        int[] nb = {i > 0 ? p - 1 : -1, i < nx - 1 ? p + 1 : -1, j > 0 ? p - nx : -1, j < ny - 1 ? p + nx : -1};
        for (int b : nb) {
          if (b >= 0 && !outside[b] && !body[base + b]) {
            outside[b] = true;
            queue[tail++] = b;
          }
        }
      }
      for (int p = 0; p < plane; p++) {
        if (!outside[p]) {
          body[base + p] = true;
        }
      }
    }
  }
}
