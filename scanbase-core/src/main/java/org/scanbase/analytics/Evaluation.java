// SPDX-License-Identifier: Apache-2.0
package org.scanbase.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of one sample: metrics per label value, and per slice (k) the Dice of each
 * label for volumes.
 *
 * @param perLabel label value -> metrics, ascending; a label in neither mask is absent
 * @param sliceDice per slice k (0-based): label value -> Dice on that slice, absent where neither
 *                  mask has the label on the slice; empty for 2D masks
 */
public record Evaluation(Map<Integer, LabelMetrics> perLabel, List<Map<Integer, Double>> sliceDice) {

  public Evaluation {
    perLabel = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perLabel));
    sliceDice = List.copyOf(sliceDice);
  }

  /** The mean Dice over the labels evaluated, or null when there is none. */
  public Double dice() {
    return perLabel.isEmpty() ? null : perLabel.values().stream().mapToDouble(LabelMetrics::dice).average().orElseThrow();
  }

  /** The mean IoU over the labels evaluated, or null when there is none. */
  public Double iou() {
    return perLabel.isEmpty() ? null : perLabel.values().stream().mapToDouble(LabelMetrics::iou).average().orElseThrow();
  }

  /**
   * The sample-level document stored under the evaluation key: {@code {"dice", "iou",
   * "per_label": {"<value>": {...}}}}.
   */
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dice", dice());
    doc.put("iou", iou());
    Map<String, Object> labels = new LinkedHashMap<>();
    perLabel.forEach((v, m) -> labels.put(Integer.toString(v), m.toDoc()));
    doc.put("per_label", labels);
    return doc;
  }

  /**
   * The document of frame {@code k + 1}: {@code {"dice": mean over the labels on the slice,
   * "per_label": {"<value>": {"dice"}}}}, dice null when neither mask has a label there.
   */
  public Map<String, Object> sliceDoc(int k) {
    Map<Integer, Double> d = sliceDice.get(k);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dice", d.isEmpty() ? null : d.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    Map<String, Object> labels = new LinkedHashMap<>();
    d.forEach((v, x) -> labels.put(Integer.toString(v), Map.of("dice", x)));
    doc.put("per_label", labels);
    return doc;
  }
}
