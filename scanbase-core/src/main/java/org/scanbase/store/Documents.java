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
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** Jackson, built on first use: plain documents never need it ({@link DocumentText}, {@link DocumentParser}). */
  private static final class Jackson {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  }

  private Documents() {}

  /** A document as JSON text. */
  public static String write(Object doc) {
    String text = DocumentText.write(doc);
    if (text != null) {
      return text;
    }
    try {
      return Jackson.JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Plain values (null, booleans, integers, finite floats, strings, lists, maps with string
   * keys) as indented JSON text, exactly as Jackson's default pretty printer writes them; null
   * for anything else, for the caller's own Jackson writer.
   */
  public static String writeIndented(Object value) {
    return DocumentText.writeIndented(value);
  }

  /** JSON text of an object as a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(String json) {
    Object fast = json == null ? DocumentParser.FALLBACK : DocumentParser.read(json);
    if (fast instanceof Map<?, ?> doc) {
      return (Map<String, Object>) doc;
    }
    try {
      return Jackson.JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored document is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Any JSON text as a Java value (null, Boolean, Long, Double, String, List, Map). */
  public static Object readValue(String json) {
    Object fast = json == null ? DocumentParser.FALLBACK : DocumentParser.read(json);
    if (fast != DocumentParser.FALLBACK) {
      return fast;
    }
    try {
      return Jackson.JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
