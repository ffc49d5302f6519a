// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import org.scanbase.array.DType;
import org.scanbase.array.NdArray;

/**
 * The intensities of an image on a voxel grid (C order, i fastest): stored values and the linear
 * map to real values — Hounsfield units for CT (DICOM modality LUT rescale, PS3.3 C.11.1; NIfTI
 * scl_slope / scl_inter).
 *
 * @param stored    stored voxel values, one component per voxel
 * @param slope     real = stored * slope + intercept
 * @param intercept see slope
 */
public record ImageValues(NdArray stored, double slope, double intercept) {

  /** The real value (HU for CT) at a flat index. */
  public double real(int index) {
    return stored.getDouble(index) * slope + intercept;
  }

  /** True when stored values fit 16 bits, so a 65,536-bin histogram holds them exactly. */
  boolean sixteenBit() {
    DType t = stored.dtype();
    return t == DType.INT16 || t == DType.UINT16 || t == DType.INT8 || t == DType.UINT8;
  }

  /** The histogram bin (0..65535) of the stored value at a flat index; only when {@link #sixteenBit()}. */
  int bin(int index) {
    Object d = stored.data();
    return switch (stored.dtype()) {
      case INT16 -> ((short[]) d)[index] + 32768;
      case UINT16 -> ((short[]) d)[index] & 0xFFFF;
      case INT8 -> ((byte[]) d)[index] + 128;
      case UINT8 -> ((byte[]) d)[index] & 0xFF;
      default -> throw new IllegalStateException(stored.dtype() + " has no 16-bit histogram");
    };
  }

  /** The real value of a histogram bin. */
  double realOfBin(int bin) {
    int v = switch (stored.dtype()) {
      case INT16 -> bin - 32768;
      case INT8 -> bin - 128;
      default -> bin;
    };
    return v * slope + intercept;
  }
}
