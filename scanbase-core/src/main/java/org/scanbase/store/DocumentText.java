// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.List;
import java.util.Map;

/**
 * JSON text of plain document values (null, Boolean, Long/Integer/Short/Byte, finite
 * Double/Float, String, List, Map with String keys) without Jackson: the same text as Jackson's
 * default writer (numbers as {@link Double#toString}, the escapes {@code \" \\ \b \t \n \f \r}
 * and a six-character {@code u00XX} escape for other control characters, everything else as it
 * is). An import writes a document per slice; on a JVM that has just started, this small loop
 * runs long before Jackson's serializers would have been built and compiled. {@link #write} returns null for
 * anything else (non-finite numbers, other types), which {@link Documents} hands to Jackson.
 */
final class DocumentText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DocumentText() {}

  /** The JSON text of {@code value}, or null when it holds a value this writer leaves to Jackson. */
  static String write(Object value) {
    StringBuilder b = new StringBuilder(256);
    return append(b, value) ? b.toString() : null;
  }

  /**
   * The JSON text of {@code value} indented as Jackson's default pretty printer indents it
   * (objects one entry a line, two spaces a level, {@code " : "} after names; arrays on one
   * line, {@code [ 1, 2 ]}, {@code [ ]}; line separator of the platform), or null as for
   * {@link #write}.
   */
  static String writeIndented(Object value) {
    StringBuilder b = new StringBuilder(256);
    return indented(b, value, 0) ? b.toString() : null;
  }

  private static boolean indented(StringBuilder b, Object v, int level) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{ }");
        return true;
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        b.append(first ? "" : ",").append(System.lineSeparator()).append("  ".repeat(level + 1));
        first = false;
        string(b, key);
        b.append(" : ");
        if (!indented(b, e.getValue(), level + 1)) {
          return false;
        }
      }
      b.append(System.lineSeparator()).append("  ".repeat(level)).append('}');
      return true;
    }
    if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        b.append("[ ]");
        return true;
      }
      b.append("[ ");
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          b.append(", ");
        }
        if (!indented(b, list.get(i), level)) {
          return false;
        }
      }
      b.append(" ]");
      return true;
    }
    return append(b, v);
  }

  private static boolean append(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      b.append(((Number) v).longValue());
    } else if (v instanceof Double d) {
      if (!Double.isFinite(d)) {
        return false;
      }
      b.append(d.doubleValue());
    } else if (v instanceof Float f) {
      if (!Float.isFinite(f)) {
        return false;
      }
      b.append(f.floatValue());
    } else if (v instanceof Boolean bool) {
      b.append(bool.booleanValue());
    } else if (v instanceof Map<?, ?> m) {
      return object(b, m);
    } else if (v instanceof List<?> list) {
      b.append('[');
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        if (!append(b, list.get(i))) {
          return false;
        }
      }
      b.append(']');
    } else {
      return false;
    }
    return true;
  }

  private static boolean object(StringBuilder b, Map<?, ?> m) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        return false;
      }
      if (!first) {
        b.append(',');
      }
      first = false;
      string(b, key);
      b.append(':');
      if (!append(b, e.getValue())) {
        return false;
      }
    }
    b.append('}');
    return true;
  }

  private static void string(StringBuilder b, String s) {
    // the characters are looked at in an array, not with charAt: on a JVM that has just started
    // each charAt is several interpreted calls, and almost no string needs an escape
    int n = s.length();
    char[] chars = new char[n];
    s.getChars(0, n, chars, 0);
    int first = 0;
    while (first < n) {
      char c = chars[first];
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      first++;
    }
    b.append('"');
    if (first == n) {
      b.append(s).append('"');
      return;
    }
    b.append(chars, 0, first);
    for (int i = first; i < n; i++) {
      char c = chars[i];
      if (c >= 0x20 && c != '"' && c != '\\') {
        b.append(c);
        continue;
      }
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    b.append('"');
  }
}
