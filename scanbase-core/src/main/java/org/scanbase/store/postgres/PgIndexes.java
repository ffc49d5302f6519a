// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.store.Store.IndexInfo;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.postgres.PostgresStore.Tables;
import org.scanbase.view.Expr;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The indexes and saved views of {@link PostgresStore}. An index on a key is the set of
 * expression indexes {@link org.scanbase.view.ViewSql#indexes(Expr)} lists (sort terms, and
 * per value class the typed value comparisons read), named {@code idx_<dataset>_<hash>_<i>}.
 */
final class PgIndexes {
  private final PostgresStore store;

  PgIndexes(PostgresStore store) {
    this.store = store;
  }

  String create(String dataset, Expr key) {
    String expression = key.toString();
    return store.write("creating an index on " + expression + " in " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      String name = StoreDocs.indexName(t.id(), expression);
      List<List<SqlFragment>> indexes = t.sql().indexes(key);
      try (Statement st = c.createStatement()) {
        for (int i = 0; i < indexes.size(); i++) {
          List<String> terms = new ArrayList<>();
          for (SqlFragment term : indexes.get(i)) {
            if (!term.params().isEmpty()) {
              throw new IllegalArgumentException("cannot index " + expression + ": it needs parameters");
            }
            terms.add("(" + term.sql() + ")");
          }
          st.execute("CREATE INDEX IF NOT EXISTS " + name + "_" + i + " ON " + t.samples()
              + " (" + String.join(", ", terms) + ")");
        }
        // fresh statistics, so the planner knows the new index and the values' spread
        st.execute("ANALYZE " + t.samples());
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO field_indexes (dataset_id, name, expression)"
          + " VALUES (?, ?, ?) ON CONFLICT (dataset_id, name) DO UPDATE SET expression = excluded.expression")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        st.setString(3, expression);
        st.executeUpdate();
      }
      return name;
    });
  }

  List<IndexInfo> list(String dataset) {
    return store.read("listing indexes of " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, false);
      List<IndexInfo> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT name, expression FROM field_indexes WHERE dataset_id = ? ORDER BY name COLLATE \"C\"")) {
        st.setLong(1, t.id());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new IndexInfo(rs.getString(1), rs.getString(2)));
          }
        }
      }
      return out;
    });
  }

  boolean drop(String dataset, String name) {
    return store.write("dropping index " + name, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      try (PreparedStatement st = c.prepareStatement("DELETE FROM field_indexes WHERE dataset_id = ? AND name = ?")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        if (st.executeUpdate() == 0) {
          return false;
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
      }
      return true;
    });
  }

  void saveView(String dataset, String name, ViewSpec view) {
    store.write("saving view " + name, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      try (PreparedStatement st = c.prepareStatement("INSERT INTO saved_views (dataset_id, name, spec) VALUES (?, ?, ?)"
          + " ON CONFLICT (dataset_id, name) DO UPDATE SET spec = excluded.spec")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        st.setString(3, view.toJson());
        st.executeUpdate();
      }
      return null;
    });
  }

  Map<String, ViewSpec> savedViews(String dataset) {
    return store.read("reading saved views of " + dataset, c -> {
      Tables t = PostgresStore.tables(c, dataset, false);
      Map<String, ViewSpec> out = new LinkedHashMap<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT name, spec FROM saved_views WHERE dataset_id = ? ORDER BY name COLLATE \"C\"")) {
        st.setLong(1, t.id());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), ViewSpec.fromJson(rs.getString(2)));
          }
        }
      }
      return out;
    });
  }

  boolean deleteView(String dataset, String name) {
    return store.write("deleting view " + name, c -> {
      Tables t = PostgresStore.tables(c, dataset, true);
      try (PreparedStatement st = c.prepareStatement("DELETE FROM saved_views WHERE dataset_id = ? AND name = ?")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        return st.executeUpdate() > 0;
      }
    });
  }
}
