// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.scanbase.store.Store;
import org.scanbase.store.postgres.PostgresStore;
import org.scanbase.store.postgres.PostgresUrl;

/**
 * The PostgreSQL side of {@link DatasetBench}: a store in schema {@code scanbase_bench} of the
 * given database, emptied before and after, and its size on disk (tables, TOAST and indexes).
 */
final class BenchPostgres {
  private static final String SCHEMA = "scanbase_bench";
  private final String url;
  private final PostgresUrl server;

  BenchPostgres(String url) {
    this.url = url + (url.contains("?") ? "&" : "?") + "schema=" + SCHEMA;
    this.server = PostgresUrl.parse(url, System.getenv());
  }

  Store open() {
    return PostgresStore.open(url);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  /** Drops the benchmark's schema. */
  void reset() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  /** Bytes of every table of the schema with its TOAST data and indexes. */
  long bytes() {
    try (Connection c = connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
             + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the size of " + SCHEMA + ": " + e.getMessage(), e);
    }
  }
}
