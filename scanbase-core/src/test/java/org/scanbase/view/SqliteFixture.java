// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory SQLite database laid out as a store's dataset: {@code samples(seq, id, doc)}
 * holding JSON documents in insertion order and {@code frames(seq, id, sample_id,
 * frame_number, doc)}, with {@link SqliteFunctions} registered; and the same documents parsed
 * by Jackson (integers as Long) for {@link InMemoryEvaluator} and {@link InMemoryView}.
 */
final class SqliteFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  final Connection connection;
  final Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
  /** Frame documents by sample id, in insertion order. */
  final Map<String, List<Map<String, Object>>> frames = new LinkedHashMap<>();

  SqliteFixture(Map<String, String> jsonById) throws Exception {
    this(jsonById, List.of());
  }

  /**
   * Samples inserted in the map's order; frames (JSON with {@code id}, {@code sample_id},
   * {@code frame_number}) in the list's order.
   */
  SqliteFixture(Map<String, String> jsonById, List<String> frameJson) throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    SqliteFunctions.register(connection);
    try (var s = connection.createStatement()) {
      s.execute("CREATE TABLE samples (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
      s.execute("CREATE TABLE frames (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
          + " sample_id TEXT NOT NULL, frame_number INTEGER NOT NULL, doc TEXT NOT NULL,"
          + " UNIQUE (sample_id, frame_number))");
    }
    try (PreparedStatement insert =
             connection.prepareStatement("INSERT INTO samples (id, doc) VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : jsonById.entrySet()) {
        docs.put(e.getKey(), read(e.getValue()));
        insert.setString(1, e.getKey());
        insert.setString(2, e.getValue());
        insert.executeUpdate();
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO frames (id, sample_id, frame_number, doc) VALUES (?, ?, ?, ?)")) {
      for (String json : frameJson) {
        Map<String, Object> frame = read(json);
        frames.computeIfAbsent((String) frame.get("sample_id"), k -> new ArrayList<>()).add(frame);
        insert.setString(1, (String) frame.get("id"));
        insert.setString(2, (String) frame.get("sample_id"));
        insert.setLong(3, ((Number) frame.get("frame_number")).longValue());
        insert.setString(4, json);
        insert.executeUpdate();
      }
    }
  }

  /** JSON text of a document as a map, integers as Long. */
  static Map<String, Object> read(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<>() {});
  }

  /** The rows of {@code q}, each a list of its columns as strings. */
  List<List<String>> run(SqlFragment q) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(q.sql())) {
      for (int i = 0; i < q.params().size(); i++) {
        st.setObject(i + 1, q.params().get(i));
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** Ids of the rows matching {@code where}, in {@code orderBy} order then id. */
  List<String> query(SqlFragment where, SqlFragment orderBy) throws SQLException {
    String order = orderBy.sql().isEmpty() ? "id" : orderBy.sql() + ", id";
    List<Object> params = new ArrayList<>(where.params());
    params.addAll(orderBy.params());
    return ids("SELECT id FROM samples WHERE " + where.sql() + " ORDER BY " + order, params);
  }

  List<String> ids(String sql, List<Object> params) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        st.setObject(i + 1, params.get(i));
      }
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
