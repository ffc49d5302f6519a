// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outlines of one image: {@code {"_type": "Polylines", "polylines": [...]}}. */
public record Polylines(List<Polyline> polylines) implements Label {

  public Polylines {
    polylines = List.copyOf(polylines);
  }

  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public Map<String, Object> toDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_type", "Polylines");
    doc.put("polylines", polylines.stream().map(Polyline::toDoc).toList());
    return doc;
  }

  @SuppressWarnings("unchecked")
  static Polylines fromDoc(Map<String, ?> doc) {
    List<Map<String, ?>> list = (List<Map<String, ?>>) doc.get("polylines");
    return new Polylines(list == null ? List.of() : list.stream().map(Polyline::fromDoc).toList());
  }
}
