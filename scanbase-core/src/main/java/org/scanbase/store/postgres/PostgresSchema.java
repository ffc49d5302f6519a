// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.scanbase.store.StoreException;

/**
 * The versioned schema of the PostgreSQL store, shaped as the SQLite store's: numbered steps,
 * only ever appended, each applied in its own transaction; table {@code scanbase_version} holds
 * the version (SQLite's {@code PRAGMA user_version}). Concurrent processes starting on one
 * database take a transaction-level advisory lock, so one migrates and the others find it done.
 * A database written by a newer scanbase is refused.
 *
 * <p>Per dataset (created by the store): {@code samples_<id>(seq bigint PRIMARY KEY, id text
 * UNIQUE, doc jsonb)} with a GIN index on {@code doc -> 'tags'}, a value table per indexed
 * field ({@link PgIndexes}, kept by triggers calling {@code scanbase_index_values()}), and {@code frames_<id>(seq,
 * id, sample_id, frame_number, doc jsonb, UNIQUE (sample_id, frame_number))}. Ids use the
 * {@code "C"} collation: byte order, whatever the database's locale.
 */
final class PostgresSchema {

  /** Migration steps; step i (0-based) takes the database from version i to i + 1. */
  private static final List<List<String>> STEPS = List.of(
      List.of(
          "CREATE TABLE datasets (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE,"
              + " media_type text NOT NULL, created_at text NOT NULL, doc jsonb NOT NULL)",
          "CREATE TABLE saved_views (dataset_id bigint NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
              + " name text NOT NULL, spec text NOT NULL, PRIMARY KEY (dataset_id, name))",
          "CREATE TABLE field_indexes (dataset_id bigint NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
              + " name text NOT NULL, expression text NOT NULL, PRIMARY KEY (dataset_id, name))"),
      // the trigger function keeping a value table (PgIndexes) in step with its samples table:
      // statement-level, one INSERT ... SELECT per statement over its transition table;
      // TG_ARGV: the value table, the query giving its rows from new_rows (ValueTableSql.select)
      List.of("CREATE FUNCTION scanbase_index_values() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
          + "BEGIN\n"
          + "  IF TG_OP = 'DELETE' THEN\n"
          + "    EXECUTE format('DELETE FROM %I.%I WHERE seq IN (SELECT seq FROM old_rows)', TG_TABLE_SCHEMA, TG_ARGV[0]);\n"
          + "  ELSIF TG_OP = 'INSERT' THEN\n"
          + "    EXECUTE format('INSERT INTO %I.%I (seq, kind, t, n) %s', TG_TABLE_SCHEMA, TG_ARGV[0], TG_ARGV[1]);\n"
          + "  ELSE\n"
          + "    EXECUTE format('INSERT INTO %I.%I AS o (seq, kind, t, n) %s ON CONFLICT (seq) DO UPDATE'\n"
          + "      ' SET kind = excluded.kind, t = excluded.t, n = excluded.n'\n"
          + "      ' WHERE (o.kind, o.t, o.n) IS DISTINCT FROM (excluded.kind, excluded.t, excluded.n)',\n"
          + "      TG_TABLE_SCHEMA, TG_ARGV[0], TG_ARGV[1]);\n"
          + "  END IF;\n"
          + "  RETURN NULL;\n"
          + "END\n"
          + "$body$"));

  /** The version this code writes. */
  static final int VERSION = STEPS.size();

  private PostgresSchema() {}

  /** Brings the schema of {@code c} (autocommit off) up to {@link #VERSION}. */
  static void migrate(Connection c, String schema, String location) throws SQLException {
    try (Statement s = c.createStatement()) {
      // one process at a time: the lock is released by the commit
      s.execute("SELECT pg_advisory_xact_lock(hashtext('scanbase schema " + schema + "'))");
      s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
      s.execute("CREATE TABLE IF NOT EXISTS scanbase_version (version integer NOT NULL)");
      int version = version(c);
      if (version > VERSION) {
        throw new StoreException(location + ": database schema version " + version
            + " is newer than this scanbase understands (" + VERSION + "); upgrade scanbase");
      }
      for (int v = version; v < VERSION; v++) {
        for (String sql : STEPS.get(v)) {
          s.execute(sql);
        }
        s.execute("DELETE FROM scanbase_version");
        s.execute("INSERT INTO scanbase_version (version) VALUES (" + (v + 1) + ")");
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(version) FROM scanbase_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Whether the server compresses with LZ4 (PostgreSQL 14+ built with it): documents of more
   * than ~2 KB are compressed on every write, and LZ4 takes half the time of the default pglz
   * for a slightly larger table.
   */
  static boolean hasLz4(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * The statements that create the tables of dataset {@code id}, documents compressed with LZ4
   * if {@code lz4}. Sample documents of up to ~8 KB stay in the row uncompressed
   * ({@code toast_tuple_target} at its maximum for 8 KB pages; the default moves every document
   * over ~2 KB, compressed, to the TOAST table): every expression over {@code doc} (indexes,
   * filters, sort keys, ANALYZE) then reads it in place instead of fetching and decompressing it
   * again for each use, for ~40% more space.
   */
  static List<String> datasetTables(long id, boolean lz4) {
    String doc = "doc jsonb" + (lz4 ? " COMPRESSION lz4" : "") + " NOT NULL";
    return List.of(
        "CREATE TABLE samples_" + id + " (seq bigint PRIMARY KEY, id text COLLATE \"C\" NOT NULL UNIQUE, " + doc + ")"
            + " WITH (toast_tuple_target = 8160)",
        "CREATE INDEX samples_" + id + "_tags ON samples_" + id + " USING gin ((doc -> 'tags'))",
        "CREATE TABLE frames_" + id + " (seq bigserial PRIMARY KEY, id text COLLATE \"C\" NOT NULL UNIQUE,"
            + " sample_id text COLLATE \"C\" NOT NULL, frame_number bigint NOT NULL, " + doc + ","
            + " UNIQUE (sample_id, frame_number))");
  }
}
