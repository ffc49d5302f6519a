// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.scanbase.store.sqlite.SqliteStore.Tables;
import org.scanbase.view.IndexedConjunction;
import org.scanbase.view.SqlFragment;
import org.scanbase.view.ViewSpec;

/**
 * How {@link SqliteStore} counts a view: with {@link IndexedConjunction} when SQLite's plan
 * for it reads covering expression indexes only (no document), else with
 * {@link org.scanbase.view.ViewSql#count}.
 */
final class SqliteCounts {
  private SqliteCounts() {}

  /** The {@code SELECT count(*)} to run for {@code view}. */
  static SqlFragment count(Connection c, Tables t, ViewSpec view) throws SQLException {
    Optional<SqlFragment> conjunction = new IndexedConjunction(t.dialect(), t.samples()).count(view);
    if (conjunction.isPresent() && indexOnly(c, conjunction.get())) {
      return conjunction.get();
    }
    return t.sql().count(view);
  }

  /**
   * True when SQLite's plan for {@code q} reads covering indexes only: every step that scans or
   * searches something does so {@code USING COVERING INDEX} (a table scan, a {@code json_each}
   * scan or a lookup of rows by {@code seq} does not).
   */
  static boolean indexOnly(Connection c, SqlFragment q) throws SQLException {
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
    return reads;
  }
}
