// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What and how to export.
 *
 * @param format      the output format
 * @param out         the output folder (created; must be empty when it exists)
 * @param labelFields the Segmentation fields to export, in order; empty: every Segmentation field
 *                    (nnU-Net: the dataset's first one)
 * @param anonymize   apply {@link Anonymizer} to DICOM outputs and manifest fields, and name
 *                    files {@code case_NNN} instead of after their source
 * @param pngBits     8 (windowed) or 16 (real values + offset) for PNG images
 */
public record ExportOptions(ExportFormat format, Path out, List<String> labelFields, boolean anonymize, int pngBits) {
  public ExportOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    labelFields = List.copyOf(labelFields);
    if (pngBits != 8 && pngBits != 16) {
      throw new IllegalArgumentException("PNG bit depth must be 8 or 16, was " + pngBits);
    }
  }

  /** Every Segmentation field, no anonymisation, 8-bit PNG. */
  public static ExportOptions of(ExportFormat format, Path out) {
    return new ExportOptions(format, out, List.of(), false, 8);
  }

  public ExportOptions withLabelFields(List<String> fields) {
    return new ExportOptions(format, out, fields, anonymize, pngBits);
  }

  public ExportOptions withAnonymize(boolean on) {
    return new ExportOptions(format, out, labelFields, on, pngBits);
  }

  public ExportOptions withPngBits(int bits) {
    return new ExportOptions(format, out, labelFields, anonymize, bits);
  }
}
