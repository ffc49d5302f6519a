// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** JSON text of Java values, for the few SQL parameters that are JSON documents. */
final class JsonText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonText() {}

  /** A JSON array of strings. */
  static String array(List<String> items) {
    return value(items);
  }

  /** JSON text of null, a Boolean, Long, Double, String, or a list or map of those. */
  static String value(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
    }
  }
}
