// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * JSON text for documents: integers read as {@code Long} (doubles as {@code Double}), so values
 * come back as the expression semantics expect them.
 */
public final class Documents {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Documents() {}

  /** A document as JSON text. */
  public static String write(Object doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
    }
  }

  /** JSON text of an object as a map. */
  public static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored document is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Any JSON text as a Java value (null, Boolean, Long, Double, String, List, Map). */
  public static Object readValue(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
