// SPDX-License-Identifier: Apache-2.0
package org.scanbase.label;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The free attributes of a label, copied once so a stored document keeps the caller's key order. */
final class LabelAttributes {
  private LabelAttributes() {}

  /**
   * An unmodifiable copy in the given order ({@code Map.copyOf} would reorder the keys from run to
   * run, and with them the label documents).
   *
   * @throws NullPointerException on a null key or value, as {@code Map.copyOf} does
   */
  static Map<String, Object> copy(Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>(attributes.size() * 2);
    attributes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"),
        Objects.requireNonNull(v, () -> "attribute " + k)));
    return Collections.unmodifiableMap(copy);
  }
}
