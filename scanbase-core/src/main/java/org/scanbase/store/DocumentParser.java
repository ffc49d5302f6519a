// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored JSON text into the values {@link Documents} promises (LinkedHashMap, ArrayList,
 * Long, Double, String, Boolean, null) without Jackson, for the common case: a command that
 * reads a few dataset records need not build Jackson's deserializers. Only plain, well-formed
 * JSON is read here; anything else (integers beyond 18 digits, which Jackson reads as
 * BigInteger, non-standard tokens, trailing text, malformed input) gives {@link #FALLBACK}, and
 * {@link Documents} hands the text to Jackson, which reads it or reports the error.
 */
final class DocumentParser {
  /** The result when this parser leaves the text to Jackson. */
  static final Object FALLBACK = new Object();

  /** Thrown inside the parser to give up; never escapes {@link #read}. */
  private static final class GiveUp extends RuntimeException {
    private static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private final String s;
  private int i;

  private DocumentParser(String s) {
    this.s = s;
  }

  /** The value of {@code json}, or {@link #FALLBACK}. */
  static Object read(String json) {
    DocumentParser p = new DocumentParser(json);
    try {
      Object v = p.value();
      p.skipSpace();
      return p.i == json.length() ? v : FALLBACK;
    } catch (GiveUp | IndexOutOfBoundsException e) {
      return FALLBACK;
    }
  }

  private Object value() {
    skipSpace();
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    i++;
    Map<String, Object> out = new LinkedHashMap<>();
    skipSpace();
    if (s.charAt(i) == '}') {
      i++;
      return out;
    }
    while (true) {
      skipSpace();
      if (s.charAt(i) != '"') {
        throw GiveUp.INSTANCE;
      }
      String key = string();
      skipSpace();
      expect(':');
      out.put(key, value());
      skipSpace();
      char c = s.charAt(i++);
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw GiveUp.INSTANCE;
      }
    }
  }

  private List<Object> array() {
    i++;
    List<Object> out = new ArrayList<>();
    skipSpace();
    if (s.charAt(i) == ']') {
      i++;
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      char c = s.charAt(i++);
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw GiveUp.INSTANCE;
      }
    }
  }

  private String string() {
    int start = ++i;
    StringBuilder b = null;
    while (true) {
      char c = s.charAt(i);
      if (c == '"') {
        String tail = s.substring(start, i++);
        return b == null ? tail : b.append(tail).toString();
      }
      if (c < 0x20) {
        throw GiveUp.INSTANCE;
      }
      if (c != '\\') {
        i++;
        continue;
      }
      if (b == null) {
        b = new StringBuilder();
      }
      b.append(s, start, i);
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int code = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
              throw GiveUp.INSTANCE;
            }
            code = code * 16 + d;
          }
          b.append((char) code);
        }
        default -> throw GiveUp.INSTANCE;
      }
      start = i;
    }
  }

  /** JSON numbers: integers up to 18 digits as Long, the rest with a fraction or exponent as Double. */
  private Object number() {
    int start = i;
    if (s.charAt(i) == '-') {
      i++;
    }
    int digits = digits();
    if (digits == 0 || digits > 1 && s.charAt(i - digits) == '0') {
      throw GiveUp.INSTANCE; // no digit, or a leading zero
    }
    boolean integer = true;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      integer = false;
      if (digits() == 0) {
        throw GiveUp.INSTANCE;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      integer = false;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (digits() == 0) {
        throw GiveUp.INSTANCE;
      }
    }
    String text = s.substring(start, i);
    if (integer) {
      if (digits > 18) {
        throw GiveUp.INSTANCE;
      }
      return Long.parseLong(text);
    }
    return Double.parseDouble(text);
  }

  private int digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - start;
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) {
      throw GiveUp.INSTANCE;
    }
    i += word.length();
    return value;
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) {
      throw GiveUp.INSTANCE;
    }
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }
}
