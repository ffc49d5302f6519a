// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads labels from their document form by {@code "_type"}, through an explicit registry (no
 * class named by the data is ever loaded).
 */
public final class Labels {
  private static final Set<String> TYPES =
      Set.of("Segmentation", "Classification", "Detection", "Detections", "Polyline", "Polylines");

  private Labels() {}

  /** The label type of a value when it is a label document ({@code "_type"} known), else empty. */
  public static Optional<String> typeOf(Object value) {
    if (value instanceof Map<?, ?> m && m.get("_type") instanceof String t && TYPES.contains(t)) {
      return Optional.of(t);
    }
    return Optional.empty();
  }

  /**
   * The label a document describes.
   *
   * @throws IllegalArgumentException when it is not a label document
   */
  public static Label fromDoc(Map<String, ?> doc) {
    String type = typeOf(doc).orElseThrow(() ->
        new IllegalArgumentException("not a label document (\"_type\" is " + doc.get("_type") + ")"));
    return switch (type) {
      case "Segmentation" -> Segmentation.fromDoc(doc);
      case "Classification" -> Classification.fromDoc(doc);
      case "Detection" -> Detection.fromDoc(doc);
      case "Detections" -> Detections.fromDoc(doc);
      case "Polyline" -> Polyline.fromDoc(doc);
      default -> Polylines.fromDoc(doc);
    };
  }

  static Double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }

  @SuppressWarnings("unchecked")
  static List<String> tags(Map<String, ?> doc) {
    return doc.get("tags") instanceof List<?> l ? (List<String>) l : List.of();
  }

  /** Every key except {@code _type}, {@code tags} and the label's own fields. */
  static Map<String, Object> attributes(Map<String, ?> doc, String... own) {
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> skip = Set.of(own);
    doc.forEach((k, v) -> {
      if (!k.equals("_type") && !k.equals("tags") && !skip.contains(k) && v != null) {
        out.put(k, v);
      }
    });
    return out;
  }
}
