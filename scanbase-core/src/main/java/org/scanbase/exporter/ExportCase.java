// SPDX-License-Identifier: Apache-2.0
package org.scanbase.exporter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scanbase.dicom.Attributes;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Volume;

/**
 * One case loaded for export: the image volume, one label volume per field on the image's grid
 * (voxel axes i = column, j = row, k = slice ascending along the normal; LPS geometry), and, for a
 * DICOM source, the series it references.
 *
 * @param plan   what the case was loaded from
 * @param image  the image (stored values with their slope and intercept)
 * @param labels field -> label volume (uint8, or uint16 when a value exceeds 255), in plan order
 * @param series the DICOM series, or null when the source is a volume file
 */
public record ExportCase(CasePlan plan, Volume image, Map<String, Volume> labels, Series series) {

  /**
   * The referenced DICOM series.
   *
   * @param grid   the series grid with each slice's SOP instance
   * @param files  the file of slice k at index k
   * @param header the first slice's data set (Patient and Study modules are copied from it)
   */
  public record Series(ReferencedGrid grid, List<Path> files, Attributes header) {}
}
