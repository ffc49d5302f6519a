// SPDX-License-Identifier: Apache-2.0
package org.scanbase.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.scanbase.volume.Geometry;

/**
 * The voxels of one demo CT scan and its masks, C order {@code [k][j][i]} (i fastest), as NIfTI
 * stores them.
 *
 * @param hu        the image, HU with Gaussian noise (sigma 5 in air, 12 in tissue), -1024 to 3071
 * @param lung      1 left lung, 2 right lung (patient's sides), 0 elsewhere
 * @param infection 1 infection, 0 elsewhere
 * @param combined  1 left lung, 2 right lung, 3 infection (infection wins)
 * @param huMin     smallest value of {@code hu}
 * @param huMax     largest value of {@code hu}
 */
record CtVolumes(short[] hu, byte[] lung, byte[] infection, byte[] combined, int huMin, int huMax) {

  /** Samples the phantom at every voxel centre of {@code g}; {@code body} is the phantom's centre in LPS mm. */
  static CtVolumes render(Geometry g, double[] body, ChestPhantom phantom, Random random) {
    int[] size = g.size();
    int nx = size[0];
    int ny = size[1];
    int nz = size[2];
    int total = nx * ny * nz;
    short[] hu = new short[total];
    byte[] lung = new byte[total];
    byte[] infection = new byte[total];
    byte[] combined = new byte[total];
    double[] o = g.origin();
    double[] ax = scaled(g.axis(0), g.spacing()[0]);
    double[] ay = scaled(g.axis(1), g.spacing()[1]);
    double[] az = scaled(g.axis(2), g.spacing()[2]);
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    int at = 0;
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++, at++) {
          double x = o[0] + i * ax[0] + j * ay[0] + k * az[0] - body[0];
          double y = o[1] + i * ax[1] + j * ay[1] + k * az[1] - body[1];
          double z = o[2] + i * ax[2] + j * ay[2] + k * az[2] - body[2];
          ChestPhantom.Point p = phantom.classify(x, y, z);
          double v = ChestPhantom.HU[p.tissue()];
          if (p.tissue() == ChestPhantom.INFECTION) {
            v += 60 * StrictMath.sin(x / 6) * StrictMath.sin(y / 7) * StrictMath.sin(z / 5);
          }
          v += (p.tissue() == ChestPhantom.AIR ? 5 : 12) * random.nextGaussian();
          int value = (int) Math.max(-1024, Math.min(3071, Math.round(v)));
          hu[at] = (short) value;
          min = Math.min(min, value);
          max = Math.max(max, value);
          if (p.lung() != 0) {
            lung[at] = (byte) p.lung();
            boolean infected = p.tissue() == ChestPhantom.INFECTION;
            infection[at] = (byte) (infected ? 1 : 0);
            combined[at] = (byte) (infected ? 3 : p.lung());
          }
        }
      }
    }
    return new CtVolumes(hu, lung, infection, combined, min, max);
  }

  /** Label value ("1".."maxLabel") -> voxels holding it. */
  static Map<String, Long> counts(byte[] labels, int maxLabel) {
    long[] n = new long[maxLabel + 1];
    for (byte b : labels) {
      n[b]++;
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int v = 1; v <= maxLabel; v++) {
      out.put(Integer.toString(v), n[v]);
    }
    return out;
  }

  /** Non-zero voxels of each slice k. */
  static long[] sliceCounts(byte[] labels, int nz) {
    long[] n = new long[nz];
    int per = labels.length / nz;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0) {
        n[i / per]++;
      }
    }
    return n;
  }

  private static double[] scaled(double[] v, double f) {
    return new double[] {v[0] * f, v[1] * f, v[2] * f};
  }
}
