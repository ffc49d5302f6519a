// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scanbase.store.Store.IndexInfo;
import org.scanbase.store.CatalogSql;
import org.scanbase.store.IndexesAndViews;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.StoreException;
import org.scanbase.store.postgres.PostgresStore.Tables;
import org.scanbase.view.Expr;
import org.scanbase.view.ExprParser;
import org.scanbase.view.PostgresDialect;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The indexes and saved views of {@link PostgresStore}. An index on a key is the set of
 * expression indexes {@link org.scanbase.view.ViewSql#indexes(Expr)} lists (sort terms, and
 * per value class the typed value comparisons read), named {@code idx_<dataset>_<hash>_<i>}.
 */
final class PgIndexes implements IndexesAndViews {
  /** Names in code-point order, as on SQLite. */
  private static final String BY_NAME = "name COLLATE \"C\"";
  private final PostgresStore store;

  PgIndexes(PostgresStore store) {
    this.store = store;
  }

  @Override
  public String create(String dataset, Expr key) {
    String expression = key.toString();
    String[] table = new String[1];
    String created = store.write("creating an index on " + expression + " in " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      String name = StoreDocs.indexName(t.id(), expression);
      List<List<SqlFragment>> indexes = t.sql().indexes(key);
      try (Statement st = c.createStatement()) {
        for (int i = 0; i < indexes.size(); i++) {
          List<String> terms = CatalogSql.indexTerms(indexes.get(i), expression).stream()
              .map(term -> "(" + term + ")").toList();
          st.execute("CREATE INDEX IF NOT EXISTS " + name + "_" + i + " ON " + t.samples()
              + " (" + String.join(", ", terms) + ")");
        }
        if (key instanceof Expr.Field f) {
          // the field's value as a stored column with a plain index: aggregations read it by an
          // index-only scan, which PostgreSQL never runs on an expression index
          String column = valueColumn(f.path());
          st.execute("ALTER TABLE " + t.samples() + " ADD COLUMN IF NOT EXISTS " + column
              + " jsonb GENERATED ALWAYS AS " + jsonPath(f.path()) + " STORED");
          st.execute("CREATE INDEX IF NOT EXISTS " + name + "_" + indexes.size() + " ON " + t.samples()
              + " (" + column + ")");
        }
      }
      table[0] = t.samples();
      CatalogSql.recordIndex(c, t.id(), name, expression);
      return name;
    });
    // fresh statistics, so the planner knows the new index and the values' spread, and a fresh
    // visibility map, so index-only scans need not visit the rows (VACUUM needs autocommit)
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("VACUUM (ANALYZE) " + table[0]);
    } catch (SQLException e) {
      throw new StoreException("vacuuming " + dataset + " after creating an index failed: " + e.getMessage(), e);
    }
    return created;
  }

  /**
   * The generated column holding the JSONB value at {@code path} of every sample document of a
   * dataset with an index on that field: {@code v_} and 12 hex digits of the path's SHA-256.
   */
  static String valueColumn(List<String> path) {
    return "v_" + StoreDocs.indexName(0, String.join("\\0", path)).substring("idx_0_".length());
  }

  /** The value column of {@code path} when the samples table has one. */
  static Optional<String> valueColumn(Connection c, String samplesTable, List<String> path) throws SQLException {
    String column = valueColumn(path);
    try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?)"
        + " AND attname = ? AND NOT attisdropped")) {
      st.setString(1, samplesTable);
      st.setString(2, column);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(column) : Optional.empty();
      }
    }
  }

  private static String jsonPath(List<String> path) {
    StringBuilder j = new StringBuilder("(doc");
    for (String key : path) {
      j.append(" -> ").append(PostgresDialect.stringLiteral(key));
    }
    return j.append(')').toString();
  }

  @Override
  public List<IndexInfo> list(String dataset) {
    return store.read("listing indexes of " + dataset, c -> {
      return CatalogSql.indexes(c, PostgresStore.tables(c, dataset, false).id(), BY_NAME);
    });
  }

  @Override
  public boolean drop(String dataset, String name) {
    return store.write("dropping index " + name, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      String expression = null;
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM field_indexes WHERE dataset_id = ? AND name = ? RETURNING expression")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          expression = rs.getString(1);
        }
      }
      List<String> parts = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
          + " AND tablename = ? AND indexname LIKE ? ESCAPE '\\'")) {
        st.setString(1, t.samples());
        st.setString(2, name.replace("_", "\\_") + "\\_%");
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            parts.add(rs.getString(1));
          }
        }
      }
      try (Statement st = c.createStatement()) {
        for (String part : parts) {
          st.execute("DROP INDEX IF EXISTS \"" + part.replace("\"", "\"\"") + "\"");
        }
        if (ExprParser.parse(expression) instanceof Expr.Field f && !indexedElsewhere(c, t.id(), f)) {
          st.execute("ALTER TABLE " + t.samples() + " DROP COLUMN IF EXISTS " + valueColumn(f.path()));
        }
      }
      return true;
    });
  }

  /** Whether another index of the dataset is on the same field (and so reads its value column). */
  private static boolean indexedElsewhere(Connection c, long datasetId, Expr.Field field) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT expression FROM field_indexes WHERE dataset_id = ?")) {
      st.setLong(1, datasetId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (ExprParser.parse(rs.getString(1)) instanceof Expr.Field f && f.path().equals(field.path())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public void saveView(String dataset, String name, ViewSpec view) {
    store.write("saving view " + name, c -> {
      CatalogSql.saveView(c, PostgresStore.tables(c, dataset, true).id(), name, view);
      return null;
    });
  }

  @Override
  public Map<String, ViewSpec> savedViews(String dataset) {
    return store.read("reading saved views of " + dataset, c -> {
      return CatalogSql.savedViews(c, PostgresStore.tables(c, dataset, false).id(), BY_NAME);
    });
  }

  @Override
  public boolean deleteView(String dataset, String name) {
    return store.write("deleting view " + name, c -> {
      return CatalogSql.deleteView(c, PostgresStore.tables(c, dataset, true).id(), name);
    });
  }
}
