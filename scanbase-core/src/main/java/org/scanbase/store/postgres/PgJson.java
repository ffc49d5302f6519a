// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.store.Documents;
import org.scanbase.store.StoreException;

/**
 * JSON text for JSONB columns. JSONB keeps numbers as {@code numeric}, which forgets that
 * {@code 1e10} was a double (it prints {@code 10000000000} and that reads back as a Long), so
 * doubles are written in plain decimal notation with a fraction ({@code 10000000000.0}), which
 * numeric keeps. JSONB cannot hold the character U+0000: a document with one is refused with a
 * message naming the field. JSONB also reorders keys (shorter first); documents read back get
 * the well-known keys first again ({@link #read}).
 */
public final class PgJson {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(
      new SimpleModule().addSerializer(Double.class, new PlainDouble()));
  private static final List<String> FIRST =
      List.of("id", "sample_id", "frame_number", "filepath", "media_type", "tags", "metadata");

  private PgJson() {}

  /**
   * A document or value as JSON text JSONB keeps exactly.
   *
   * @param what names the document in messages
   */
  public static String write(Object value, String what) {
    String json;
    try {
      json = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
    }
    if (json.contains("\\u0000")) {
      throw new StoreException(what + ": PostgreSQL cannot store the character U+0000 in a JSON string"
          + " (field " + fieldWithNul(value, "") + ")");
    }
    return json;
  }

  /**
   * Appends {@code value} as JSON text to {@code copy} as one field of COPY's text format (UTF-8,
   * every backslash doubled; JSON text holds no raw tab or newline), through {@code scratch}:
   * no intermediate strings, as {@link #write} and an escaping pass would make.
   *
   * @param what names the document in messages
   */
  static void writeCopyField(Object value, String what, Bytes scratch, Bytes copy) {
    scratch.reset();
    try {
      JSON.writeValue(scratch, value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON-able: " + e.getMessage(), e);
    }
    byte[] json = scratch.array();
    int n = scratch.size();
    int from = 0;
    for (int i = 0; i < n; i++) {
      if (json[i] != '\\') {
        continue;
      }
      // an escape \\u0000 (not an escaped backslash before "u0000"): the character U+0000
      if (i + 5 < n && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0'
          && json[i + 5] == '0') {
        throw new StoreException(what + ": PostgreSQL cannot store the character U+0000 in a JSON string"
            + " (field " + fieldWithNul(value, "") + ")");
      }
      // the backslash doubled for COPY; an escaped backslash is skipped whole
      copy.write(json, from, i + 1 - from);
      copy.write('\\');
      from = i + 1;
      if (i + 1 < n && json[i + 1] == '\\') {
        copy.write('\\');
        copy.write('\\');
        from = i + 2;
        i++;
      }
    }
    copy.write(json, from, n - from);
  }

  /** A growable byte buffer, unsynchronized, whose array is read in place. */
  static final class Bytes extends java.io.OutputStream {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void room(int more) {
      if (size + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    @Override
    public void write(int b) {
      room(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      room(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    byte[] array() {
      return buf;
    }

    int size() {
      return size;
    }

    void reset() {
      size = 0;
    }

    /** Appends the ASCII characters of {@code text} (digits, hex ids). */
    Bytes ascii(String text) {
      for (int i = 0; i < text.length(); i++) {
        write(text.charAt(i));
      }
      return this;
    }
  }

  /** A stored document read back, well-known keys first. */
  public static Map<String, Object> read(String json) {
    Map<String, Object> stored = Documents.read(json);
    Map<String, Object> out = new LinkedHashMap<>(stored.size() * 2);
    for (String key : FIRST) {
      if (stored.containsKey(key)) {
        out.put(key, stored.get(key));
      }
    }
    out.putAll(stored);
    return out;
  }

  private static String fieldWithNul(Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        if (String.valueOf(e.getKey()).indexOf('\0') >= 0) {
          return p;
        }
        String found = fieldWithNul(e.getValue(), p);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        String found = fieldWithNul(l.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof String s && s.indexOf('\0') >= 0) {
      return path;
    }
    return null;
  }

  /** A finite double in plain notation, always with a fraction so it reads back as a double. */
  private static final class PlainDouble extends StdSerializer<Double> {
    PlainDouble() {
      super(Double.class);
    }

    @Override
    public void serialize(Double d, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      // Double.toString has BigDecimal.valueOf's digits; only its E notation needs rewriting
      String shortest = Double.toString(d);
      String plain = shortest.indexOf('E') < 0 ? shortest : BigDecimal.valueOf(d).toPlainString();
      gen.writeNumber(plain.indexOf('.') >= 0 ? plain : plain + ".0");
    }
  }
}
