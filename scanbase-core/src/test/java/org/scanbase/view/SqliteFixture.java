// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * An in-memory SQLite database with a table {@code samples(id, doc TEXT)} holding JSON
 * documents, and the same documents parsed by Jackson for {@link InMemoryEvaluator}.
 */
final class SqliteFixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Connection connection;
  final Map<String, Map<String, Object>> docs = new LinkedHashMap<>();

  SqliteFixture(Map<String, String> jsonById) throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (var s = connection.createStatement()) {
      s.execute("CREATE TABLE samples (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
    }
    try (PreparedStatement insert =
             connection.prepareStatement("INSERT INTO samples (id, doc) VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : jsonById.entrySet()) {
        Map<String, Object> doc = JSON.readValue(e.getValue(), new TypeReference<>() {});
        docs.put(e.getKey(), doc);
        insert.setString(1, e.getKey());
        insert.setString(2, e.getValue());
        insert.executeUpdate();
      }
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
