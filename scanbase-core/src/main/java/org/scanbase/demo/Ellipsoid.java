// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

/**
 * A solid ellipsoid in patient space: the points p with
 * {@code sum over a of ((p - center) . axes[a] / semiAxes[a])^2 <= 1}.
 *
 * @param center   LPS mm
 * @param semiAxes mm, along each of {@code axes}
 * @param axes     three orthonormal LPS unit vectors (for the hippocampi: the series' row
 *                 direction, column direction and slice normal, so that every slice cuts an
 *                 ellipse whose axes run along the image rows and columns)
 */
public record Ellipsoid(double[] center, double[] semiAxes, double[][] axes) {

  public Ellipsoid {
    if (center.length != 3 || semiAxes.length != 3 || axes.length != 3) {
      throw new IllegalArgumentException("an ellipsoid needs a 3-D centre, 3 semi-axes and 3 axes");
    }
    center = center.clone();
    semiAxes = semiAxes.clone();
    double[][] copy = new double[3][];
    for (int a = 0; a < 3; a++) {
      if (axes[a].length != 3 || !(semiAxes[a] > 0)) {
        throw new IllegalArgumentException("axis " + a + " needs 3 components and a positive semi-axis");
      }
      copy[a] = axes[a].clone();
    }
    axes = copy;
  }

  /** An ellipsoid whose axes are the LPS x, y and z axes. */
  static Ellipsoid aligned(double[] center, double... semiAxes) {
    return new Ellipsoid(center, semiAxes, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
  }

  @Override
  public double[] center() {
    return center.clone();
  }

  @Override
  public double[] semiAxes() {
    return semiAxes.clone();
  }

  @Override
  public double[][] axes() {
    return new double[][] {axes[0].clone(), axes[1].clone(), axes[2].clone()};
  }

  /** The squared normalised radius of an LPS point: at most 1 inside. */
  double norm2(double x, double y, double z) {
    double dx = x - center[0];
    double dy = y - center[1];
    double dz = z - center[2];
    double s = 0;
    for (int a = 0; a < 3; a++) {
      double[] u = axes[a];
      double t = (dx * u[0] + dy * u[1] + dz * u[2]) / semiAxes[a];
      s += t * t;
    }
    return s;
  }

  /** True when the LPS point lies inside or on the surface. */
  boolean contains(double x, double y, double z) {
    return norm2(x, y, z) <= 1;
  }
}
