// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The separable transform against the definition: the minimum over all feature voxels. */
class DistanceTransformTest {
  @Test
  void equalsTheBruteForceMinimumOnAnAnisotropicGrid() {
    int[] n = {17, 11, 9};
    double[] s = {0.6, 1.3, 2.9};
    Random rnd = new Random(7);
    boolean[] f = new boolean[n[0] * n[1] * n[2]];
    for (int i = 0; i < f.length; i++) {
      f[i] = rnd.nextDouble() < 0.01;
    }
    double[] d = DistanceTransform.squared(f, n, s);
    for (int a = 0; a < f.length; a++) {
      double best = Double.POSITIVE_INFINITY;
      for (int b = 0; b < f.length; b++) {
        if (f[b]) {
          double dx = (a % n[0] - b % n[0]) * s[0];
          double dy = ((a / n[0]) % n[1] - (b / n[0]) % n[1]) * s[1];
          double dz = (a / (n[0] * n[1]) - b / (n[0] * n[1])) * s[2];
          best = Math.min(best, dx * dx + dy * dy + dz * dz);
        }
      }
      assertThat(d[a]).as("voxel %d", a).isCloseTo(best, within(1e-9));
    }
  }

  @Test
  void withoutFeaturesEveryDistanceIsInfinite() {
    double[] d = DistanceTransform.squared(new boolean[24], new int[] {2, 3, 4}, new double[] {1, 1, 1});
    assertThat(d).containsOnly(Double.POSITIVE_INFINITY);
  }
}
