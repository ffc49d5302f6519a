// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame of a volume or video sample: frame {@code n} is the n-th slice along the slice
 * normal (1-based), with its own fields and labels (frame <i>i</i> of a 3D mask is slice
 * <i>i</i> of the label volume).
 */
public final class Frame {
  private final int number;
  private final Map<String, Object> doc;

  Frame(int number, Map<String, Object> doc) {
    this.number = number;
    this.doc = doc;
    doc.put("frame_number", (long) number);
  }

  /** The 1-based frame number. */
  public int number() {
    return number;
  }

  /** The value at a field or dotted path, or null. */
  public Object get(String path) {
    return Docs.get(doc, path);
  }

  /** Sets a field (values as {@link Sample#set}); {@code frame_number} and ids are fixed. */
  public Frame set(String path, Object value) {
    if (path.equals("frame_number") || path.equals("id") || path.equals("sample_id")) {
      throw new IllegalArgumentException(path + " of a frame cannot be set");
    }
    Docs.put(doc, path, Docs.toValue(value));
    return this;
  }

  /** The frame's document (a deep copy). */
  public Map<String, Object> toMap() {
    return Docs.deepCopy(doc);
  }

  Map<String, Object> doc() {
    return doc;
  }

  static Frame empty(int number) {
    return new Frame(number, new LinkedHashMap<>());
  }
}
