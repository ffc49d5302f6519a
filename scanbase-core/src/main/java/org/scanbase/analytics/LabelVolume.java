// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.io.IOException;
import java.util.Arrays;
import org.scanbase.array.NdArray;
import org.scanbase.volume.Geometry;

/**
 * A label mask on a voxel grid: 0 = background, label values 1..65535, held as unsigned 16-bit
 * values in C order with i fastest ({@code (k * ny + j) * nx + i}). A 2D mask is a grid with
 * {@code nz = 1} whose k spacing is the slice thickness, so its volumes are in mL too.
 *
 * @param labels   the label value of every voxel (read with {@code & 0xFFFF})
 * @param geometry the grid in LPS patient space (size, spacing in mm, origin, directions)
 * @param planar   true for a 2D mask: surfaces and distances are taken in-plane only
 */
public record LabelVolume(short[] labels, Geometry geometry, boolean planar) {

  public LabelVolume {
    if (labels.length != geometry.voxelCount()) {
      throw new IllegalArgumentException("grid " + Arrays.toString(geometry.size()) + " needs "
          + geometry.voxelCount() + " labels, got " + labels.length);
    }
  }

  /**
   * The labels of a stored mask volume (any integer or float type holding whole values).
   *
   * @param where names the file in error messages
   * @throws IOException when a value is negative, above 65535 or not a whole number
   */
  public static LabelVolume of(NdArray voxels, Geometry geometry, String where) throws IOException {
    short[] out = new short[voxels.size()];
    Object data = voxels.data();
    if (data instanceof byte[] b && !voxels.dtype().signed()) {
      for (int i = 0; i < b.length; i++) {
        out[i] = (short) (b[i] & 0xFF);
      }
    } else if (data instanceof short[] s && !voxels.dtype().signed()) {
      System.arraycopy(s, 0, out, 0, s.length);
    } else {
      for (int i = 0; i < out.length; i++) {
        double v = voxels.getDouble(i);
        if (v < 0 || v > 65535 || v != Math.rint(v)) {
          throw new IOException(where + ": voxel " + i + " has value " + v + ", not a label 0..65535");
        }
        out[i] = (short) (int) v;
      }
    }
    return new LabelVolume(out, geometry, false);
  }

  public int nx() {
    return geometry.size()[0];
  }

  public int ny() {
    return geometry.size()[1];
  }

  public int nz() {
    return geometry.size()[2];
  }

  /** The label at a flat index, 0..65535. */
  public int label(int index) {
    return labels[index] & 0xFFFF;
  }

  /** The distinct non-zero label values, ascending. */
  public int[] values() {
    boolean[] seen = new boolean[65536];
    for (short l : labels) {
      seen[l & 0xFFFF] = true;
    }
    return java.util.stream.IntStream.range(1, 65536).filter(v -> seen[v]).toArray();
  }

  /** Volume of one voxel in mL (mm³ / 1000). */
  public double voxelMl() {
    double[] s = geometry.spacing();
    return s[0] * s[1] * s[2] / 1000.0;
  }
}
