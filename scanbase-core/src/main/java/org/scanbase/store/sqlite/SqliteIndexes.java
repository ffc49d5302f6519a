// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scanbase.store.Store.IndexInfo;
import org.scanbase.store.CatalogSql;
import org.scanbase.store.IndexesAndViews;
import org.scanbase.store.StoreDocs;
import org.scanbase.store.sqlite.SqliteStore.Tables;
import org.scanbase.view.Expr;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The indexes and saved views of {@link SqliteStore}: an index on a key is the set of
 * expression indexes {@link org.scanbase.view.ViewSql#indexes(Expr)} lists, named
 * {@code idx_<dataset>_<hash>_<i>}.
 */
final class SqliteIndexes implements IndexesAndViews {
  private final SqliteStore store;

  SqliteIndexes(SqliteStore store) {
    this.store = store;
  }

  @Override
  public String create(String dataset, Expr key) {
    String expression = key.toString();
    return store.write("creating an index on " + expression + " in " + dataset, c -> {
      Tables t = store.tables(c, dataset);
      String name = StoreDocs.indexName(t.id(), expression);
      if (key instanceof Expr.Field f) {
        // a field no document holds yet gets its key code now, so the index names the code
        store.keys.code(c, f.path().get(0));
      }
      List<List<SqlFragment>> indexes = t.sql().indexes(key);
      try (Statement st = c.createStatement()) {
        for (int i = 0; i < indexes.size(); i++) {
          List<String> terms = CatalogSql.indexTerms(indexes.get(i), expression);
          st.execute("CREATE INDEX IF NOT EXISTS " + name + "_" + i + " ON " + t.samples()
              + " (" + String.join(", ", terms) + ")");
        }
        // fresh statistics, so the planner knows the new index is selective
        st.execute("ANALYZE " + t.samples());
      }
      CatalogSql.recordIndex(c, t.id(), name, expression);
      return name;
    });
  }

  @Override
  public List<IndexInfo> list(String dataset) {
    return store.read("listing indexes of " + dataset, c -> {
      return CatalogSql.indexes(c, store.tables(c, dataset).id(), "name");
    });
  }

  @Override
  public boolean drop(String dataset, String name) {
    return store.write("dropping index " + name, c -> {
      Tables t = store.tables(c, dataset);
      try (PreparedStatement st = c.prepareStatement(
          "DELETE FROM field_indexes WHERE dataset_id = ? AND name = ?")) {
        st.setLong(1, t.id());
        st.setString(2, name);
        if (st.executeUpdate() == 0) {
          return false;
        }
      }
      List<String> parts = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE ? ESCAPE '\\'")) {
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

  @Override
  public void saveView(String dataset, String name, ViewSpec view) {
    store.write("saving view " + name, c -> {
      CatalogSql.saveView(c, store.tables(c, dataset).id(), name, view);
      return null;
    });
  }

  @Override
  public Map<String, ViewSpec> savedViews(String dataset) {
    return store.read("reading saved views of " + dataset, c -> {
      return CatalogSql.savedViews(c, store.tables(c, dataset).id(), "name");
    });
  }

  @Override
  public boolean deleteView(String dataset, String name) {
    return store.write("deleting view " + name, c -> {
      return CatalogSql.deleteView(c, store.tables(c, dataset).id(), name);
    });
  }
}
