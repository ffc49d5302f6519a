// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.label.Labels;

/**
 * The field schema inferred from documents: path to type name. Types: {@code bool},
 * {@code int}, {@code float}, {@code string}, {@code date}, {@code datetime} (declared when a
 * {@link java.time.LocalDate} or {@link java.time.LocalDateTime} is set; stored as ISO-8601
 * strings so that they compare in time order), {@code list<T>} (T the element type, or
 * {@code list} when mixed or empty), {@code document} (whose keys appear as dotted paths, down
 * to three levels) and label types by name ({@code Segmentation}, {@code Detections}...).
 * Values of two types merge: {@code int} and {@code float} give {@code float}, anything else
 * gives {@code mixed}. Nulls say nothing about a type.
 */
public final class FieldTypes {
  private static final int MAX_DEPTH = 3;

  private FieldTypes() {}

  /** Merges the types of {@code doc} into {@code schema}, which is changed. */
  public static void infer(Map<String, Object> doc, Map<String, String> schema) {
    infer("", doc, schema, 1);
  }

  private static void infer(String prefix, Map<?, ?> doc, Map<String, String> schema, int depth) {
    for (Map.Entry<?, ?> e : doc.entrySet()) {
      // top-level keys as they are: the key's cached hash, no new string per field and document
      String path = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + e.getKey();
      Object v = e.getValue();
      String type = typeOf(v);
      if (type == null) {
        continue;
      }
      schema.merge(path, type, FieldTypes::merge);
      if (type.equals("document") && depth < MAX_DEPTH) {
        infer(path + ".", (Map<?, ?>) v, schema, depth + 1);
      }
    }
  }

  /** The type of one value, or null for null. */
  public static String typeOf(Object v) {
    if (v == null) {
      return null;
    } else if (v instanceof String) {
      return "string"; // first: most fields of a DICOM slice are strings
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof java.math.BigInteger) {
      return "int";
    } else if (v instanceof Number) {
      return "float";
    } else if (v instanceof List<?> list) {
      String element = null;
      for (Object item : list) {
        String t = typeOf(item);
        element = t == null ? element : element == null ? t : merge(element, t);
      }
      return element == null || element.equals("mixed") || element.startsWith("list")
          ? "list" : "list<" + element + ">";
    } else if (v instanceof Map<?, ?> m) {
      return Labels.typeOf(m).orElse("document");
    }
    return "mixed";
  }

  /** The type of a field holding values of types {@code a} and {@code b}. */
  public static String merge(String a, String b) {
    if (a.equals(b)) {
      return a;
    }
    if (isNumber(a) && isNumber(b)) {
      return "float";
    }
    if ((a.equals("date") || a.equals("datetime")) && b.equals("string")
        || (b.equals("date") || b.equals("datetime")) && a.equals("string")) {
      // dates are stored as strings; a declared date stays a date
      return a.equals("string") ? b : a;
    }
    if (a.startsWith("list") && b.startsWith("list")) {
      return "list";
    }
    return "mixed";
  }

  private static boolean isNumber(String t) {
    return t.equals("int") || t.equals("float");
  }

  /** A new schema map. */
  static Map<String, String> of(Map<String, String> existing) {
    return new LinkedHashMap<>(existing);
  }
}
