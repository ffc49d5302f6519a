// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import org.scanbase.volume.Geometry;

/** Analytic masks for the tests: spheres and boxes drawn in mm on anisotropic grids. */
final class Shapes {
  private Shapes() {}

  /** Sets {@code value} on every voxel whose centre (mm, grid frame) lies within {@code r} of {@code c}. */
  static void sphere(short[] labels, Geometry g, double[] c, double r, int value) {
    int[] n = g.size();
    double[] s = g.spacing();
    for (int k = 0; k < n[2]; k++) {
      for (int j = 0; j < n[1]; j++) {
        for (int i = 0; i < n[0]; i++) {
          double dx = i * s[0] - c[0];
          double dy = j * s[1] - c[1];
          double dz = k * s[2] - c[2];
          if (dx * dx + dy * dy + dz * dz <= r * r) {
            labels[(k * n[1] + j) * n[0] + i] = (short) value;
          }
        }
      }
    }
  }

  /** Sets {@code value} on voxels lo..hi (inclusive) along each axis. */
  static void box(short[] labels, Geometry g, int[] lo, int[] hi, int value) {
    int[] n = g.size();
    for (int k = lo[2]; k <= hi[2]; k++) {
      for (int j = lo[1]; j <= hi[1]; j++) {
        for (int i = lo[0]; i <= hi[0]; i++) {
          labels[(k * n[1] + j) * n[0] + i] = (short) value;
        }
      }
    }
  }
}
