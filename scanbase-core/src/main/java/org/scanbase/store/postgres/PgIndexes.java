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
import org.scanbase.view.ValueTableSql;
import org.scanbase.view.ViewSpec;

/**
 * The indexes and saved views of {@link PostgresStore}. An index on a key is the set of
 * expression indexes {@link org.scanbase.view.ViewSql#indexes(Expr)} lists (sort terms, and
 * per value class the typed value comparisons read), named {@code idx_<dataset>_<hash>_<i>};
 * an index on a field also keeps the field's {@link ValueTableSql value table}, which
 * countValues and histograms read.
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
        if (key instanceof Expr.Field f && !exists(c, valueTable(t.id(), f.path()))) {
          addValueTable(st, t, f.path());
        }
      }
      table[0] = t.samples();
      CatalogSql.recordIndex(c, t.id(), name, expression);
      return name;
    });
    // fresh statistics, so the planner knows the new index and the values' spread, and a fresh
    // visibility map of the value table, so that reading it need not check its rows (VACUUM needs
    // autocommit); the samples table is only analysed: vacuuming it would write all its pages
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("ANALYZE " + table[0]);
      if (key instanceof Expr.Field f) {
        st.execute("VACUUM (ANALYZE) " + valueTable(PostgresStore.tables(c, dataset, false).id(), f.path()));
      }
    } catch (SQLException e) {
      throw new StoreException("analysing " + dataset + " after creating an index failed: " + e.getMessage(), e);
    }
    return created;
  }

  /**
   * Adds the {@link ValueTableSql value table} of the field at {@code path}, filled from the
   * samples and kept in step with them by three statement-level triggers (function
   * {@code scanbase_index_values}, {@link PostgresSchema}): inserts add rows, updates replace
   * them, deletes remove them. (A generated column in the samples table would do the same, but
   * adding one rewrites the whole table.)
   */
  private static void addValueTable(Statement st, Tables t, List<String> path) throws SQLException {
    String values = valueTable(t.id(), path);
    st.execute(ValueTableSql.create(values));
    st.execute(ValueTableSql.fill(values, t.samples(), path));
    String args = "(" + PostgresDialect.stringLiteral(values) + ", "
        + PostgresDialect.stringLiteral(ValueTableSql.select("new_rows", path)) + ")";
    String[][] triggers = {{"i", "INSERT", "NEW TABLE AS new_rows"}, {"u", "UPDATE", "NEW TABLE AS new_rows"},
        {"d", "DELETE", "OLD TABLE AS old_rows"}};
    for (String[] trigger : triggers) {
      st.execute("CREATE TRIGGER " + values + "_" + trigger[0] + " AFTER " + trigger[1] + " ON " + t.samples()
          + " REFERENCING " + trigger[2] + " FOR EACH STATEMENT EXECUTE FUNCTION scanbase_index_values" + args);
    }
  }

  /** Drops the value table of the field at {@code path} and its triggers, if there is one. */
  private static void dropValueTable(Statement st, Tables t, List<String> path) throws SQLException {
    String values = valueTable(t.id(), path);
    for (String trigger : new String[] {"i", "u", "d"}) {
      st.execute("DROP TRIGGER IF EXISTS " + values + "_" + trigger + " ON " + t.samples());
    }
    st.execute("DROP TABLE IF EXISTS " + values);
  }

  /** Drops the value tables of dataset {@code id} (its samples table, and so its triggers, are dropped). */
  static void dropValueTables(Connection c, long id) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        + " AND tablename LIKE ? ESCAPE '\\'")) {
      st.setString(1, "values\\_" + id + "\\_%");
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    try (Statement st = c.createStatement()) {
      for (String name : names) {
        st.execute("DROP TABLE " + name);
      }
    }
  }

  /**
   * The {@link ValueTableSql value table} of the field at {@code path} in dataset {@code id}:
   * {@code values_<id>_} and 12 hex digits of the path's SHA-256.
   */
  static String valueTable(long id, List<String> path) {
    return "values_" + id + "_" + StoreDocs.indexName(0, String.join("\\0", path)).substring("idx_0_".length());
  }

  /** The value table of the field at {@code path} when dataset {@code t} has one. */
  static Optional<String> valueTable(Connection c, Tables t, List<String> path) throws SQLException {
    String name = valueTable(t.id(), path);
    return exists(c, name) ? Optional.of(name) : Optional.empty();
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
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
          dropValueTable(st, t, f.path());
        }
      }
      return true;
    });
  }

  /** Whether another index of the dataset is on the same field (and so reads its value table). */
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
