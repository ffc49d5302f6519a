// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object found in an image.
 *
 * @param label       the class name
 * @param boundingBox {@code [x, y, width, height]} relative to the image size, in [0, 1], from
 *                    the top-left corner (FiftyOne's convention)
 * @param confidence  in [0, 1], or null for ground truth
 */
public record Detection(String label, List<Double> boundingBox, Double confidence, List<String> tags,
    Map<String, Object> attributes) implements Label {

  public Detection {
    Objects.requireNonNull(label, "label");
    boundingBox = List.copyOf(boundingBox);
    if (boundingBox.size() != 4) {
      throw new IllegalArgumentException("a bounding box is [x, y, width, height], got " + boundingBox);
    }
    tags = List.copyOf(tags == null ? List.of() : tags);
    attributes = LabelAttributes.copy(attributes);
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Detection");
    doc.put("label", label);
    doc.put("bounding_box", boundingBox);
    if (confidence != null) {
      doc.put("confidence", confidence);
    }
    doc.put("tags", tags);
    attributes.forEach(doc::putIfAbsent);
    return doc;
  }

  @SuppressWarnings("unchecked")
  static Detection fromDoc(Map<String, ?> doc) {
    List<Double> box = ((List<Object>) doc.get("bounding_box")).stream()
        .map(Labels::number).toList();
    return new Detection((String) doc.get("label"), box, Labels.number(doc.get("confidence")),
        Labels.tags(doc), Labels.attributes(doc, "label", "bounding_box", "confidence"));
  }
}
