// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scanbase.store.Store.IndexInfo;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * The SQL both stores run on their catalog tables {@code field_indexes(dataset_id, name,
 * expression)} and {@code saved_views(dataset_id, name, spec)}, which have the same shape on
 * SQLite and PostgreSQL. Lists are ordered by name in code-point order: {@code nameOrder} is the
 * ORDER BY term that gives it on the caller's database.
 */
public final class CatalogSql {
  private CatalogSql() {}

  /**
   * The SQL of one index's terms.
   *
   * @throws IllegalArgumentException when a term needs parameters (an index cannot have them)
   */
  public static List<String> indexTerms(List<SqlFragment> terms, String expression) {
    List<String> out = new ArrayList<>();
    for (SqlFragment term : terms) {
      if (!term.params().isEmpty()) {
        throw new IllegalArgumentException("cannot index " + expression + ": it needs parameters");
      }
      out.add(term.sql());
    }
    return out;
  }

  /** Records (or re-records) index {@code name} of a dataset. */
  public static void recordIndex(Connection c, long datasetId, String name, String expression) throws SQLException {
    upsertByName(c, "field_indexes", "expression", datasetId, name, expression);
  }

  /** A dataset's indexes by name. */
  public static List<IndexInfo> indexes(Connection c, long datasetId, String nameOrder) throws SQLException {
    List<IndexInfo> out = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(
        "SELECT name, expression FROM field_indexes WHERE dataset_id = ? ORDER BY " + nameOrder)) {
      st.setLong(1, datasetId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new IndexInfo(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** Saves (or replaces) view {@code name} of a dataset. */
  public static void saveView(Connection c, long datasetId, String name, ViewSpec view) throws SQLException {
    upsertByName(c, "saved_views", "spec", datasetId, name, view.toJson());
  }

  /** A dataset's saved views by name. */
  public static Map<String, ViewSpec> savedViews(Connection c, long datasetId, String nameOrder) throws SQLException {
    Map<String, ViewSpec> out = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement(
        "SELECT name, spec FROM saved_views WHERE dataset_id = ? ORDER BY " + nameOrder)) {
      st.setLong(1, datasetId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), ViewSpec.fromJson(rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** Deletes view {@code name} of a dataset: whether there was one. */
  public static boolean deleteView(Connection c, long datasetId, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("DELETE FROM saved_views WHERE dataset_id = ? AND name = ?")) {
      st.setLong(1, datasetId);
      st.setString(2, name);
      return st.executeUpdate() > 0;
    }
  }

  /** Inserts or replaces the {@code column} value of the row {@code (datasetId, name)} of a catalog table. */
  private static void upsertByName(Connection c, String table, String column, long datasetId, String name,
                                   String value) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (dataset_id, name, " + column
        + ") VALUES (?, ?, ?) ON CONFLICT (dataset_id, name) DO UPDATE SET " + column + " = excluded." + column)) {
      st.setLong(1, datasetId);
      st.setString(2, name);
      st.setString(3, value);
      st.executeUpdate();
    }
  }
}
