// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agreement of one label value between a ground truth and a prediction. A figure that is not
 * defined is null: precision without predicted voxels, recall without ground-truth voxels, and
 * the surface distances unless both masks hold the label.
 *
 * @param dice      2 |G ∩ P| / (|G| + |P|)
 * @param iou       |G ∩ P| / |G ∪ P|
 * @param precision |G ∩ P| / |P|
 * @param recall    |G ∩ P| / |G|
 * @param hdMm      Hausdorff distance between the surfaces, mm
 * @param hd95Mm    95th percentile of the pooled surface distances, mm
 * @param assdMm    average symmetric surface distance, mm
 * @param gtVoxels   voxels of the label in the ground truth
 * @param predVoxels voxels of the label in the prediction
 */
public record LabelMetrics(double dice, double iou, Double precision, Double recall, Double hdMm, Double hd95Mm,
    Double assdMm, long gtVoxels, long predVoxels) {

  /** The document stored under {@code per_label."<value>"} (DESIGN.md "Segmentations in JSON"). */
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dice", dice);
    doc.put("iou", iou);
    doc.put("precision", precision);
    doc.put("recall", recall);
    doc.put("hd_mm", hdMm);
    doc.put("hd95_mm", hd95Mm);
    doc.put("assd_mm", assdMm);
    return doc;
  }
}
