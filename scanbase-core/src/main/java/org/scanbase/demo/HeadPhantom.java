// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.Random;

/**
 * A T1-weighted head in patient space (LPS mm): an ellipsoidal head of shells (scalp fat bright,
 * skull dark, CSF dark, a cortical grey matter ribbon with gyri, white matter brightest inside),
 * two lateral ventricles (CSF), deep grey nuclei and the two hippocampi (grey matter), under a
 * smooth coil bias field, with Rician noise added by {@link #sample}. Signal values are in
 * arbitrary MR units scaled by a per-scanner gain, within 12 bits.
 */
final class HeadPhantom {
  /** Nominal T1 signal of each tissue (before gain and bias). */
  static final double SCALP = 950;
  static final double SKULL = 90;
  static final double CSF = 160;
  static final double GREY = 520;
  static final double WHITE = 820;
  static final double DEEP_GREY = 600;
  static final double HIPPOCAMPUS = 560;
  /** Largest stored value: BitsStored 12. */
  static final int MAX_VALUE = 4095;

  private final double[] centre;
  private final double[] semi;
  private final double gain;
  private final double noise;
  private final Ellipsoid left;
  private final Ellipsoid right;
  private final Ellipsoid[] ventricles;
  private final Ellipsoid[] deepGrey;
  private final double[] gyri;

  /**
   * @param centre LPS mm of the head's centre
   * @param scale  head size relative to an adult average (semi-axes 72 x 92 x 85 mm)
   * @param gain   scanner gain applied to the nominal signals
   * @param left   the left hippocampus (patient's left: +x in LPS)
   * @param right  the right hippocampus
   * @param random the patient's random numbers (gyri phases)
   */
  HeadPhantom(double[] centre, double scale, double gain, Ellipsoid left, Ellipsoid right, Random random) {
    this.centre = centre.clone();
    this.semi = new double[] {72 * scale, 92 * scale, 85 * scale};
    this.gain = gain;
    this.noise = 14 * gain;
    this.left = left;
    this.right = right;
    ventricles = new Ellipsoid[] {
        Ellipsoid.aligned(offset(8 * scale, -2 * scale, 14 * scale), 5 * scale, 20 * scale, 9 * scale),
        Ellipsoid.aligned(offset(-8 * scale, -2 * scale, 14 * scale), 5 * scale, 20 * scale, 9 * scale)};
    deepGrey = new Ellipsoid[] {
        Ellipsoid.aligned(offset(18 * scale, 3 * scale, 3 * scale), 8 * scale, 12 * scale, 9 * scale),
        Ellipsoid.aligned(offset(-18 * scale, 3 * scale, 3 * scale), 8 * scale, 12 * scale, 9 * scale)};
    gyri = new double[] {random.nextDouble() * 6.283, random.nextDouble() * 6.283, random.nextDouble() * 6.283};
  }

  /** LPS mm of a point given relative to the head's centre. */
  double[] offset(double dx, double dy, double dz) {
    return new double[] {centre[0] + dx, centre[1] + dy, centre[2] + dz};
  }

  /** The noise-free signal at an LPS point, gain and bias field applied. */
  double signal(double x, double y, double z) {
    double nx = (x - centre[0]) / semi[0];
    double ny = (y - centre[1]) / semi[1];
    double nz = (z - centre[2]) / semi[2];
    double r2 = nx * nx + ny * ny + nz * nz;
    if (r2 > 1) {
      return 0;
    }
    double r = Math.sqrt(r2);
    double tissue;
    if (r > 0.95) {
      tissue = SCALP;
    } else if (r > 0.89) {
      tissue = SKULL;
    } else if (r > 0.865) {
      tissue = CSF;
    } else if (left.contains(x, y, z) || right.contains(x, y, z)) {
      tissue = HIPPOCAMPUS;
    } else if (ventricles[0].contains(x, y, z) || ventricles[1].contains(x, y, z)) {
      tissue = CSF;
    } else if (deepGrey[0].contains(x, y, z) || deepGrey[1].contains(x, y, z)) {
      tissue = DEEP_GREY;
    } else if (r > 0.70 && r > whiteMatterEdge(nx, ny, nz)) {
      tissue = r > 0.79 && isSulcus(nx, ny, nz) ? CSF : GREY;
    } else {
      tissue = WHITE;
    }
    return tissue * gain * (1 + 0.06 * nx - 0.05 * nz);
  }

  /** The normalised radius where white matter ends: 0.77 with gyral folds of +-0.06. */
  private double whiteMatterEdge(double nx, double ny, double nz) {
    return 0.77 + 0.06 * StrictMath.sin(13 * nx + gyri[0]) * StrictMath.sin(15 * ny + gyri[1])
        * StrictMath.sin(11 * nz + gyri[2]);
  }

  /** Thin CSF-filled sulci cutting into the cortex: where a sum of waves crosses zero. */
  private boolean isSulcus(double nx, double ny, double nz) {
    double f = StrictMath.sin(19 * nx + gyri[1]) + StrictMath.sin(23 * ny + gyri[2]) + StrictMath.sin(17 * nz + gyri[0]);
    return Math.abs(f) < 0.18;
  }

  /**
   * A stored value: the magnitude of the signal plus complex Gaussian noise (Rician; Rayleigh in
   * the air), rounded and clipped to 0..4095.
   */
  int sample(double signal, Random random) {
    double re = signal + noise * random.nextGaussian();
    double im = noise * random.nextGaussian();
    long v = Math.round(Math.sqrt(re * re + im * im));
    return (int) Math.min(MAX_VALUE, v);
  }

  /** The nominal hippocampus value with this scanner's gain (no bias field). */
  double hippocampusSignal() {
    return HIPPOCAMPUS * gain;
  }
}
