// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one label value of a mask (or of one slice of it). Intensity figures are real
 * values (HU for CT) of the image under the mask, null when there is no image on the mask's grid.
 *
 * @param voxels      voxels holding the value
 * @param volumeMl    voxels x voxel volume, mL (the real spacing; 2D masks use the slice thickness)
 * @param slices      slices (k) holding the value
 * @param bboxMin     smallest voxel indices i, j, k holding the value
 * @param bboxMax     largest voxel indices i, j, k holding the value (inclusive)
 * @param centroidMm  mean position of the voxel centres, LPS patient coordinates in mm (DICOM's
 *                    system: x to the patient's left, y posterior, z head)
 * @param mean        mean intensity
 * @param std         population standard deviation of the intensity (numpy's {@code std})
 * @param min         lowest intensity
 * @param max         highest intensity
 * @param percentiles intensity percentiles 5, 25, 50, 75, 95 (linear interpolation, as numpy), or
 *                    null (per-slice statistics and no image)
 */
public record LabelStats(long voxels, double volumeMl, int slices, int[] bboxMin, int[] bboxMax, double[] centroidMm,
    Double mean, Double std, Double min, Double max, double[] percentiles) {

  /** The percentiles reported, in {@link #percentiles()} order. */
  public static final int[] PERCENTILES = {5, 25, 50, 75, 95};

  /**
   * The document stored under {@code stats."<value>"}: {@code voxels, volume_ml, slices, bbox
   * [[i,j,k] min, [i,j,k] max], centroid_mm [x,y,z] LPS, mean, std, min, max} and, when known,
   * {@code p5, p25, p50, p75, p95}.
   */
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("voxels", voxels);
    doc.put("volume_ml", volumeMl);
    doc.put("slices", slices);
    doc.put("bbox", List.of(List.of(bboxMin[0], bboxMin[1], bboxMin[2]), List.of(bboxMax[0], bboxMax[1], bboxMax[2])));
    doc.put("centroid_mm", List.of(centroidMm[0], centroidMm[1], centroidMm[2]));
    if (mean != null) {
      doc.put("mean", mean);
      doc.put("std", std);
      doc.put("min", min);
      doc.put("max", max);
    }
    if (percentiles != null) {
      for (int n = 0; n < PERCENTILES.length; n++) {
        doc.put("p" + PERCENTILES[n], percentiles[n]);
      }
    }
    return doc;
  }
}
