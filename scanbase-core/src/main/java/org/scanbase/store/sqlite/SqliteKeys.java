// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scanbase.view.KeyCodec;

/**
 * Short codes for the top-level keys of stored documents (table {@code doc_keys}, one row per
 * key; the code is the row number in base 62). A slice's 86 DICOM keywords are half of its
 * JSON; stored as codes the document shrinks by about 40 %. Every top-level key is coded, so a
 * stored key is always a code and a field name never collides with one. Codes are given inside
 * the write transaction that first stores a key; other processes see them after
 * {@link #refresh}.
 */
final class SqliteKeys implements KeyCodec {
  private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final Map<String, String> codeOf = new ConcurrentHashMap<>();
  private final Map<String, String> keyOf = new ConcurrentHashMap<>();
  private volatile long known;

  /** Reads codes added since the last look (by this or another process). */
  void refresh(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT rowid, key FROM doc_keys WHERE rowid > ? ORDER BY rowid")) {
      st.setLong(1, known);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long row = rs.getLong(1);
          remember(rs.getString(2), code(row));
          known = Math.max(known, row);
        }
      }
    }
  }

  /** Forgets everything: after a rolled-back write, codes it gave may not exist. */
  void reset() {
    codeOf.clear();
    keyOf.clear();
    known = 0;
  }

  private void remember(String key, String code) {
    codeOf.put(key, code);
    keyOf.put(code, key);
  }

  /** The code of a key for a query; a key never stored gets a name no code has. */
  @Override
  public String encode(String key) {
    String code = codeOf.get(key);
    return code != null ? code : "!" + key;
  }

  /** The document with coded top-level keys, giving codes to new keys (write transaction). */
  Map<String, Object> encode(Connection c, Map<String, Object> doc) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>(doc.size() * 2);
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      out.put(code(c, e.getKey()), e.getValue());
    }
    return out;
  }

  /** The code of a key, given now when it has none (write transaction). */
  String code(Connection c, String key) throws SQLException {
    String code = codeOf.get(key);
    if (code != null) {
      return code;
    }
    refresh(c);
    code = codeOf.get(key);
    if (code != null) {
      return code;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO doc_keys (key) VALUES (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, key);
      st.executeUpdate();
      try (ResultSet rs = st.getGeneratedKeys()) {
        rs.next();
        long row = rs.getLong(1);
        code = code(row);
        remember(key, code);
        known = Math.max(known, row);
        return code;
      }
    }
  }

  /** The document with its field names back. */
  Map<String, Object> decode(Connection c, Map<String, Object> stored) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>(stored.size() * 2);
    for (Map.Entry<String, Object> e : stored.entrySet()) {
      String key = keyOf.get(e.getKey());
      if (key == null) {
        refresh(c);
        key = keyOf.getOrDefault(e.getKey(), e.getKey());
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  static String code(long row) {
    StringBuilder b = new StringBuilder();
    long n = row;
    do {
      b.append(DIGITS.charAt((int) (n % 62)));
      n /= 62;
    } while (n > 0);
    return b.reverse().toString();
  }
}
