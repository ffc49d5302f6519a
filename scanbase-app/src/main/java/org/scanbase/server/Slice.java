// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import java.util.Arrays;
import org.scanbase.array.DType;
import org.scanbase.dicom.pixel.VoiWindow;

/**
 * One 2D greyscale slice of a sample, row-major: {@code stored} values as the file holds them
 * (after bit-depth correction for DICOM) and {@code real = stored * slope + intercept} in
 * modality units (HU for CT). Volume slices are axial slice k with rows j and columns i as
 * stored, no flips.
 *
 * @param storedType the file's stored type
 * @param fileWindow the file's own first VOI window (DICOM), or null
 * @param modality   DICOM Modality or the sample's Modality field ("" when unknown)
 * @param frames     the number of frames (slices) the sample has
 * @param invert     MONOCHROME1: display inverted
 */
record Slice(int width, int height, double[] stored, DType storedType, double slope, double intercept,
             VoiWindow fileWindow, String modality, int frames, boolean invert) {
  /** CT soft tissue, the default when a CT file has no window of its own. */
  static final VoiWindow CT_DEFAULT = VoiWindow.linear(40, 400);

  double real(int i) {
    return stored[i] * slope + intercept;
  }

  /**
   * The window to use when the client names none: the file's own, else CT soft tissue W400/L40
   * for CT, else the 0.5th..99.5th percentile of the slice's real values (LINEAR_EXACT, so a
   * narrow float range keeps its width).
   */
  VoiWindow defaultWindow() {
    if (fileWindow != null) {
      return fileWindow;
    }
    if (modality.equals("CT")) {
      return CT_DEFAULT;
    }
    double[] sorted = new double[stored.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = real(i);
    }
    Arrays.sort(sorted);
    double lo = percentile(sorted, 0.5);
    double hi = percentile(sorted, 99.5);
    double width = hi > lo ? hi - lo : 1;
    return new VoiWindow(lo + width / 2, width, VoiWindow.Function.LINEAR_EXACT);
  }

  /** Linear interpolation between closest ranks (numpy's default percentile). */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** The 8-bit display values at {@code window} (PS3.3 C.11.2.1.2), inverted for MONOCHROME1. */
  byte[] display(VoiWindow window) {
    byte[] out = new byte[stored.length];
    for (int i = 0; i < out.length; i++) {
      int v = (int) Math.round(window.apply(real(i), 0, 255));
      out[i] = (byte) (invert ? 255 - v : v);
    }
    return out;
  }
}
