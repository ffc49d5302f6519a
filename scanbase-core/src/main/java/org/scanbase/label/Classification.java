// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A class label for a whole sample or frame.
 *
 * @param label      the class name
 * @param confidence the model's confidence in [0, 1], or null for ground truth
 */
public record Classification(String label, Double confidence, List<String> tags, Map<String, Object> attributes)
    implements Label {

  public Classification {
    Objects.requireNonNull(label, "label");
    tags = List.copyOf(tags == null ? List.of() : tags);
    attributes = LabelAttributes.copy(attributes);
  }

  /** A ground-truth class label. */
  public static Classification of(String label) {
    return new Classification(label, null, List.of(), Map.of());
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Classification");
    doc.put("label", label);
    if (confidence != null) {
      doc.put("confidence", confidence);
    }
    doc.put("tags", tags);
    attributes.forEach(doc::putIfAbsent);
    return doc;
  }

  static Classification fromDoc(Map<String, ?> doc) {
    return new Classification((String) doc.get("label"), Labels.number(doc.get("confidence")),
        Labels.tags(doc), Labels.attributes(doc, "label", "confidence"));
  }
}
