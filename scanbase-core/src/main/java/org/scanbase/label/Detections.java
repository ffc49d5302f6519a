// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects found in one image: {@code {"_type": "Detections", "detections": [...]}}. */
public record Detections(List<Detection> detections) implements Label {

  public Detections {
    detections = List.copyOf(detections);
  }

  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Detections");
    doc.put("detections", detections.stream().map(Detection::toDoc).toList());
    return doc;
  }

  @SuppressWarnings("unchecked")
  static Detections fromDoc(Map<String, ?> doc) {
    List<Map<String, ?>> list = (List<Map<String, ?>>) doc.get("detections");
    return new Detections(list == null ? List.of() : list.stream().map(Detection::fromDoc).toList());
  }
}
