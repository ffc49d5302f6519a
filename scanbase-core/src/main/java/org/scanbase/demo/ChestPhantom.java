// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.Random;

/**
 * A chest CT in patient space, in Hounsfield units: air outside (-1000), an elliptical body of
 * soft tissue (40) under a subcutaneous fat layer (-100), two lungs (-860) inside the rib cage with
 * branching vessels (40) and ground-glass infection patches (-520, posterior and peripheral as
 * in COVID-19 pneumonia), the heart between them (indenting the left lung), the trachea (air),
 * the spine (cortical bone 750 around marrow 220), ribs and sternum. Coordinates are LPS mm
 * relative to the body's centre; the patient's left lung is at +x.
 */
final class ChestPhantom {
  /** Tissue classes. */
  static final int AIR = 0;
  static final int FAT = 1;
  static final int SOFT = 2;
  static final int BONE = 3;
  static final int MARROW = 4;
  static final int LUNG = 5;
  static final int VESSEL = 6;
  static final int INFECTION = 7;
  /** Nominal HU of each class. */
  static final int[] HU = {-1000, -100, 40, 750, 220, -860, 40, -520};

  private final double bodyA;
  private final double bodyB;
  private final double s;
  private final Ellipsoid[] lungs;
  private final Ellipsoid heart;
  private final double lungTop;
  private final double carina;
  private final double[][][] vessels;
  private final Ellipsoid[][] patches;

  /** What one point is: its tissue class and, inside a lung, which (1 = left, 2 = right). */
  record Point(int tissue, int lung) {
  }

  /**
   * @param scale    body size relative to an average adult (body 300 x 210 mm)
   * @param maxHalfWidth the largest half-width of the body that fits the field of view, mm
   * @param coverage the cranio-caudal length of the scan, mm (the body's centre is its middle)
   * @param random   the scan's random numbers (vessel and patch placement)
   */
  ChestPhantom(double scale, double maxHalfWidth, double coverage, Random random) {
    s = scale;
    bodyA = Math.min(150 * s, maxHalfWidth);
    bodyB = 105 * s;
    double lz = 0.05 * coverage;
    double lzSemi = 0.42 * coverage;
    lungTop = lz + lzSemi;
    carina = lz + 0.35 * lzSemi;
    lungs = new Ellipsoid[] {
        Ellipsoid.aligned(new double[] {68 * s, -5 * s, lz}, 52 * s, 74 * s, lzSemi),
        Ellipsoid.aligned(new double[] {-68 * s, -5 * s, lz}, 52 * s, 74 * s, lzSemi)};
    heart = Ellipsoid.aligned(new double[] {18 * s, -30 * s, lz - 0.25 * lzSemi}, 58 * s, 46 * s, 0.35 * lzSemi);
    vessels = new double[2][16][];
    patches = new Ellipsoid[2][];
    for (int side = 0; side < 2; side++) {
      double sign = side == 0 ? 1 : -1;
      double[] hilum = {sign * 24 * s, -8 * s, lz + 0.1 * lzSemi};
      for (int v = 0; v < vessels[side].length; v++) {
        double[] end = pointIn(lungs[side], 0.55, 0.9, false, random);
        vessels[side][v] = new double[] {hilum[0], hilum[1], hilum[2], end[0], end[1], end[2]};
      }
      int n = 1 + random.nextInt(3);
      patches[side] = new Ellipsoid[n];
      for (int p = 0; p < n; p++) {
        double[] c = pointIn(lungs[side], 0.45, 0.8, true, random);
        patches[side][p] = Ellipsoid.aligned(c, (12 + 16 * random.nextDouble()) * s,
            (12 + 16 * random.nextDouble()) * s, 14 + 20 * random.nextDouble());
      }
    }
  }

  /** A random point of an ellipsoid at a normalised radius in [lo, hi), posterior half if asked. */
  private static double[] pointIn(Ellipsoid e, double lo, double hi, boolean posterior, Random random) {
    double[] d = new double[3];
    double n;
    do {
      for (int a = 0; a < 3; a++) {
        d[a] = 2 * random.nextDouble() - 1;
      }
      n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    } while (n < 0.2 || n > 1);
    if (posterior) {
      d[1] = Math.abs(d[1]);
    }
    double r = lo + (hi - lo) * random.nextDouble();
    double[] c = e.center();
    double[] semi = e.semiAxes();
    return new double[] {c[0] + d[0] / n * r * semi[0], c[1] + d[1] / n * r * semi[1], c[2] + d[2] / n * r * semi[2]};
  }

  /** The tissue at a point (LPS mm relative to the body's centre). */
  Point classify(double x, double y, double z) {
    double e = (x / bodyA) * (x / bodyA) + (y / bodyB) * (y / bodyB);
    if (e > 1) {
      return new Point(AIR, 0);
    }
    double r = Math.sqrt(e);
    if (r > 0.93) {
      return new Point(FAT, 0);
    }
    int bone = bone(x, y, z, r);
    if (bone != SOFT) {
      return new Point(bone, 0);
    }
    if (z > carina && z < lungTop + 20 && Math.hypot(x, y + 12 * s) < 9 * s) {
      return new Point(AIR, 0);
    }
    for (int side = 0; side < 2; side++) {
      if (r < 0.80 && lungs[side].contains(x, y, z) && !heart.contains(x, y, z)) {
        return new Point(lungTissue(side, x, y, z), side + 1);
      }
    }
    return new Point(SOFT, 0);
  }

  private int bone(double x, double y, double z, double r) {
    double sy = 0.62 * bodyB;
    double dv = Math.hypot(x, y - sy);
    if (dv < 17 * s) {
      return dv > 13 * s ? BONE : MARROW;
    }
    double px = x / (5 * s);
    double py = (y - sy - 30 * s) / (13 * s);
    if (px * px + py * py < 1) {
      return BONE;
    }
    boolean thorax = z > lungs[0].center()[2] - 0.9 * lungs[0].semiAxes()[2];
    double qx = x / (13 * s);
    double qy = (y + 0.86 * bodyB) / (6 * s);
    if (thorax && qx * qx + qy * qy < 1) {
      return BONE;
    }
    if (thorax && r > 0.80 && r < 0.86 && !(y < 0 && Math.abs(x) < 0.3 * bodyA)) {
      double phase = (z + 0.3 * y) / 26.0;
      if (phase - Math.floor(phase) < 0.36) {
        return BONE;
      }
    }
    return SOFT;
  }

  private int lungTissue(int side, double x, double y, double z) {
    for (double[] v : vessels[side]) {
      if (nearVessel(v, x, y, z)) {
        return VESSEL;
      }
    }
    for (Ellipsoid p : patches[side]) {
      if (p.contains(x, y, z)) {
        return INFECTION;
      }
    }
    return LUNG;
  }

  /** Inside a vessel tapering from 5 mm radius at the hilum to 1.5 mm at its end. */
  private boolean nearVessel(double[] v, double x, double y, double z) {
    double ex = v[3] - v[0];
    double ey = v[4] - v[1];
    double ez = v[5] - v[2];
    double len2 = ex * ex + ey * ey + ez * ez;
    double t = ((x - v[0]) * ex + (y - v[1]) * ey + (z - v[2]) * ez) / len2;
    if (t < 0 || t > 1) {
      return false;
    }
    double dx = x - v[0] - t * ex;
    double dy = y - v[1] - t * ey;
    double dz = z - v[2] - t * ez;
    double radius = (5.0 - 3.5 * t) * s;
    return dx * dx + dy * dy + dz * dz < radius * radius;
  }
}
