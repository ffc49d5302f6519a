// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.util.Locale;

/** The formats {@link Exporter} writes ({@code mp4} is the video export's, not this package's). */
public enum ExportFormat {
  /** Image and label volumes as {@code .nii.gz} pairs with a CSV manifest. */
  NIFTI,
  /** The nnU-Net v2 raw dataset layout. */
  NNUNET,
  /** 2D slices and masks as PNG with a CSV manifest. */
  PNG,
  /** An RT Structure Set per series, next to a copy of the series it references. */
  RTSTRUCT,
  /** A DICOM Segmentation per series, next to a copy of the series it references. */
  SEG;

  /** The format of a {@code --format} code. */
  public static ExportFormat fromCode(String code) {
    for (ExportFormat f : values()) {
      if (f.code().equals(code.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format '" + code + "' (known: nifti, png, nnunet, rtstruct, seg)");
  }

  /** The lower-case name used on the command line. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
