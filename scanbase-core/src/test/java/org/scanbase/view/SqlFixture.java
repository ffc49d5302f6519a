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
import java.util.concurrent.atomic.AtomicLong;
import org.scanbase.store.postgres.PgJson;
import org.scanbase.store.postgres.PgTestDatabase;
import org.scanbase.store.postgres.PostgresUrl;

/**
 * A database laid out as a store's dataset: {@code samples(seq, id, doc)} holding JSON
 * documents in insertion order and {@code frames(seq, id, sample_id, frame_number, doc)}; and
 * the same documents parsed by Jackson (integers as Long) for {@link InMemoryEvaluator} and
 * {@link InMemoryView}. Either an in-memory SQLite database (TEXT documents, with
 * {@link SqliteFunctions} registered) or a fresh schema of the PostgreSQL test server (JSONB
 * documents, dropped on close; see {@link PgTestDatabase}).
 */
final class SqlFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  /** The two SQL backends. */
  enum Backend {
    SQLITE(SqlDialect.SQLITE), POSTGRESQL(SqlDialect.POSTGRESQL);

    final SqlDialect dialect;

    Backend(SqlDialect dialect) {
      this.dialect = dialect;
    }
  }

  final Backend backend;
  final SqlDialect dialect;
  final Connection connection;
  private final String schema;
  private static final AtomicLong COUNTER = new AtomicLong();

  final Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
  /** Frame documents by sample id, in insertion order. */
  final Map<String, List<Map<String, Object>>> frames = new LinkedHashMap<>();

  SqlFixture(Map<String, String> jsonById) throws Exception {
    this(Backend.SQLITE, jsonById, List.of());
  }

  SqlFixture(Map<String, String> jsonById, List<String> frameJson) throws Exception {
    this(Backend.SQLITE, jsonById, frameJson);
  }

  /**
   * Samples inserted in the map's order; frames (JSON with {@code id}, {@code sample_id},
   * {@code frame_number}) in the list's order.
   */
  SqlFixture(Backend backend, Map<String, String> jsonById, List<String> frameJson) throws Exception {
    this.backend = backend;
    this.dialect = backend.dialect;
    String docType;
    String json;
    if (backend == Backend.SQLITE) {
      connection = DriverManager.getConnection("jdbc:sqlite::memory:");
      SqliteFunctions.register(connection);
      schema = null;
      docType = "TEXT";
      json = "?";
    } else {
      PostgresUrl server = PostgresUrl.parse(PgTestDatabase.serverUrl(), Map.of());
      schema = "fixture_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
      try (var s = connection.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
        s.execute("SET search_path TO " + schema);
        // as the store: no JIT compilation, which costs more than these queries run
        s.execute("SET jit = off");
      }
      docType = "jsonb";
      json = "CAST(? AS jsonb)";
    }
    String id = backend == Backend.SQLITE ? "TEXT" : "text COLLATE \"C\"";
    try (var s = connection.createStatement()) {
      s.execute("CREATE TABLE samples (seq INTEGER PRIMARY KEY, id " + id + " NOT NULL UNIQUE, doc "
          + docType + " NOT NULL)");
      s.execute("CREATE TABLE frames (seq INTEGER PRIMARY KEY, id " + id + " NOT NULL UNIQUE,"
          + " sample_id " + id + " NOT NULL, frame_number INTEGER NOT NULL, doc " + docType + " NOT NULL,"
          + " UNIQUE (sample_id, frame_number))");
    }
    try (PreparedStatement insert =
             connection.prepareStatement("INSERT INTO samples (seq, id, doc) VALUES (?, ?, " + json + ")")) {
      long seq = 0;
      for (Map.Entry<String, String> e : jsonById.entrySet()) {
        Map<String, Object> doc = read(e.getValue());
        docs.put(e.getKey(), doc);
        insert.setLong(1, ++seq);
        insert.setString(2, e.getKey());
        insert.setString(3, stored(e.getValue(), doc));
        insert.executeUpdate();
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO frames (seq, id, sample_id, frame_number, doc) VALUES (?, ?, ?, ?, " + json + ")")) {
      long seq = 0;
      for (String text : frameJson) {
        Map<String, Object> frame = read(text);
        frames.computeIfAbsent((String) frame.get("sample_id"), k -> new ArrayList<>()).add(frame);
        insert.setLong(1, ++seq);
        insert.setString(2, (String) frame.get("id"));
        insert.setString(3, (String) frame.get("sample_id"));
        insert.setLong(4, ((Number) frame.get("frame_number")).longValue());
        insert.setString(5, stored(text, frame));
        insert.executeUpdate();
      }
    }
  }

  /** The JSON text as given (SQLite), or as the PostgreSQL store writes the document. */
  private String stored(String text, Map<String, Object> doc) {
    return backend == Backend.SQLITE ? text : PgJson.write(doc, "fixture document");
  }

  /** The condition true for every row. */
  SqlFragment all() {
    return SqlFragment.of(dialect.trueLiteral());
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
    if (schema != null) {
      try (var s = connection.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    connection.close();
  }
}
