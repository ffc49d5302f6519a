// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.scanbase.store.sqlite.SqliteStore.Tables;
import org.scanbase.view.IndexedConjunction;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * How {@link SqliteStore} counts a view: as the intersection of {@link IndexedConjunction}'s
 * parts when SQLite's plan answers every part from an index alone (a covering expression
 * index, no document read), else with {@link org.scanbase.view.ViewSql#count}.
 */
final class SqliteCounts {
  private SqliteCounts() {}

  /** The {@code SELECT count(*)} to run for {@code view}. */
  static SqlFragment count(Connection c, Tables t, ViewSpec view) throws SQLException {
    Optional<List<SqlFragment>> parts = new IndexedConjunction(t.dialect(), t.samples()).parts(view);
    if (parts.isPresent() && indexOnly(c, parts.get())) {
      return IndexedConjunction.count(parts.get());
    }
    return t.sql().count(view);
  }

  /**
   * True when SQLite's plan for each query reads covering indexes only: every step that scans
   * or searches something does so {@code USING COVERING INDEX} (a table scan, a
   * {@code json_each} scan or a table lookup after an index does not).
   */
  static boolean indexOnly(Connection c, List<SqlFragment> queries) throws SQLException {
    for (SqlFragment q : queries) {
      boolean reads = false;
      try (PreparedStatement st = SqliteStore.prepare(c, new SqlFragment("EXPLAIN QUERY PLAN " + q.sql(), q.params()));
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String detail = rs.getString("detail");
          if (detail.startsWith("SCAN") || detail.startsWith("SEARCH")) {
            if (!detail.contains("USING COVERING INDEX")) {
              return false;
            }
            reads = true;
          }
        }
      }
      if (!reads) {
        return false;
      }
    }
    return true;
  }
}
