// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One outline, such as an RT structure contour on a slice.
 *
 * @param label  the class (ROI) name
 * @param points one or more shapes, each a list of {@code [x, y]} points relative to the image
 *               size, in [0, 1], from the top-left corner
 * @param closed whether the last point joins the first
 * @param filled whether the shape is drawn filled
 */
public record Polyline(String label, List<List<List<Double>>> points, boolean closed, boolean filled,
    List<String> tags, Map<String, Object> attributes) implements Label {

  public Polyline {
    Objects.requireNonNull(label, "label");
    points = points.stream().map(shape -> shape.stream().map(List::copyOf).toList()).toList();
    tags = List.copyOf(tags == null ? List.of() : tags);
    attributes = LabelAttributes.copy(attributes);
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Polyline");
    doc.put("label", label);
    doc.put("points", points);
    doc.put("closed", closed);
    doc.put("filled", filled);
    doc.put("tags", tags);
    attributes.forEach(doc::putIfAbsent);
    return doc;
  }

  @SuppressWarnings("unchecked")
  static Polyline fromDoc(Map<String, ?> doc) {
    List<List<List<Object>>> raw = (List<List<List<Object>>>) doc.get("points");
    List<List<List<Double>>> points = raw.stream()
        .map(shape -> shape.stream().map(p -> p.stream().map(Labels::number).toList()).toList())
        .toList();
    return new Polyline((String) doc.get("label"), points, Boolean.TRUE.equals(doc.get("closed")),
        Boolean.TRUE.equals(doc.get("filled")), Labels.tags(doc),
        Labels.attributes(doc, "label", "points", "closed", "filled"));
  }
}
