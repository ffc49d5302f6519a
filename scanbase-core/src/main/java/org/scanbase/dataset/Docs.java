// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.label.Label;

/**
 * Dotted paths into documents and the conversion of Java values into document values, shared by
 * samples and frames.
 */
final class Docs {
  private Docs() {}

  /** Splits {@code metadata.width} into its keys; a key may not be empty. */
  static List<String> path(String dotted) {
    if (dotted.indexOf('.') < 0 && !dotted.isEmpty()) {
      return List.of(dotted); // a top-level field, by far the most common: no split, no regex
    }
    List<String> keys = List.of(dotted.split("\\.", -1));
    if (keys.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("bad field path '" + dotted + "'");
    }
    return keys;
  }

  /** The value at a path, or null when any key is missing or a step is not a document. */
  static Object get(Map<String, Object> doc, String dotted) {
    Object at = doc;
    for (String key : path(dotted)) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(key);
    }
    return at;
  }

  /** True when the path leads to a key that is present (its value may be null). */
  static boolean has(Map<String, Object> doc, String dotted) {
    List<String> keys = path(dotted);
    Map<String, Object> parent = parent(doc, keys);
    return parent != null && parent.containsKey(keys.get(keys.size() - 1));
  }

  /** The document holding the last key of {@code keys}, or null when the way is missing. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> parent(Map<String, Object> doc, List<String> keys) {
    Object at = doc;
    for (int i = 0; i < keys.size() - 1; i++) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(keys.get(i));
    }
    return at instanceof Map<?, ?> ? (Map<String, Object>) at : null;
  }

  /** Sets the value at a path, creating documents on the way (replacing non-documents). */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> doc, String dotted, Object value) {
    List<String> keys = path(dotted);
    Map<String, Object> at = doc;
    for (int i = 0; i < keys.size() - 1; i++) {
      Object next = at.get(keys.get(i));
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        at.put(keys.get(i), next);
      }
      at = (Map<String, Object>) next;
    }
    at.put(keys.get(keys.size() - 1), value);
  }

  /** Removes the key at a path; false when it was not there. */
  static boolean remove(Map<String, Object> doc, String dotted) {
    List<String> keys = path(dotted);
    Map<String, Object> parent = parent(doc, keys);
    if (parent == null || !parent.containsKey(keys.get(keys.size() - 1))) {
      return false;
    }
    parent.remove(keys.get(keys.size() - 1));
    return true;
  }

  /**
   * A Java value as a document value: labels as their documents, dates and times as ISO-8601
   * strings, paths as absolute path strings, small integers as {@code Long}, floats as
   * {@code Double}, collections as lists and maps as documents (recursively).
   *
   * @throws IllegalArgumentException for values with no document form (NaN included)
   */
  static Object toValue(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("a field cannot hold " + d + " (JSON has no NaN or infinity)");
      }
      return d;
    } else if (v instanceof Number n) {
      return n instanceof java.math.BigInteger b && b.bitLength() < 64 ? (Object) b.longValue() : (Object) n.doubleValue();
    } else if (v instanceof Label label) {
      return toValue(label.toDoc());
    } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime
        || v instanceof Instant || v instanceof OffsetDateTime) {
      return v.toString();
    } else if (v instanceof Path p) {
      return p.toAbsolutePath().normalize().toString();
    } else if (v instanceof Enum<?> e) {
      return e.name();
    } else if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object item : c) {
        out.add(toValue(item));
      }
      return out;
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), toValue(x)));
      return out;
    } else if (v instanceof double[] a) {
      return toValue(java.util.Arrays.stream(a).boxed().toList());
    } else if (v instanceof long[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    } else if (v instanceof int[] a) {
      return java.util.Arrays.stream(a).mapToObj(x -> (Object) (long) x).toList();
    }
    throw new IllegalArgumentException("a field cannot hold a " + v.getClass().getName());
  }

  /** The declared schema type of a Java value when its document form loses it (dates). */
  static String declaredType(Object v) {
    if (v instanceof LocalDate) {
      return "date";
    } else if (v instanceof LocalDateTime || v instanceof Instant || v instanceof OffsetDateTime) {
      return "datetime";
    }
    return null;
  }

  /** A deep, mutable copy of a document. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, ?> doc) {
    Map<String, Object> out = new LinkedHashMap<>();
    doc.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return deepCopy((Map<String, ?>) m);
    } else if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(copyValue(x)));
      return out;
    }
    return v;
  }
}
