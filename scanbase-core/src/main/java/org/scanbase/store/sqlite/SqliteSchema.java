// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.scanbase.store.StoreException;

/**
 * The versioned schema of the SQLite store. {@code PRAGMA user_version} holds the version of a
 * database file; {@link #migrate} applies the steps it lacks, each in its own transaction, and
 * refuses a file written by a newer scanbase. Steps are only ever appended.
 *
 * <p>Per dataset (created by the store, not here): {@code samples_<id>(seq INTEGER PRIMARY KEY,
 * id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)} and {@code frames_<id>(seq INTEGER PRIMARY KEY,
 * id TEXT NOT NULL UNIQUE, sample_id TEXT NOT NULL, frame_number INTEGER NOT NULL, doc TEXT NOT
 * NULL, UNIQUE (sample_id, frame_number))}, documents as JSON text.
 */
final class SqliteSchema {

  /** Migration steps; step i (0-based) takes the file from version i to i + 1. */
  private static final List<List<String>> STEPS = List.of(
      List.of(
          "CREATE TABLE datasets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
              + " media_type TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL)",
          "CREATE TABLE saved_views (dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
              + " name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (dataset_id, name))",
          "CREATE TABLE field_indexes (dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
              + " name TEXT NOT NULL, expression TEXT NOT NULL, PRIMARY KEY (dataset_id, name))"),
      // version 2: top-level document keys stored as short codes (SqliteKeys); the store
      // rewrites the documents of version 1 after this step
      List.of("CREATE TABLE doc_keys (key TEXT NOT NULL UNIQUE)"));

  /** The version this code writes. */
  static final int VERSION = STEPS.size();

  private SqliteSchema() {}

  /** Work done in Java after the SQL of a step, in the same transaction. */
  @FunctionalInterface
  interface JavaStep {
    void run(Connection c) throws SQLException;
  }

  /**
   * Brings the database on {@code c} (autocommit off) up to {@link #VERSION}; {@code after}
   * maps a version to Java work that completes the step to it.
   */
  static void migrate(Connection c, String location, java.util.Map<Integer, JavaStep> after) throws SQLException {
    int version = version(c);
    if (version > VERSION) {
      throw new StoreException(location + ": database schema version " + version
          + " is newer than this scanbase understands (" + VERSION + "); upgrade scanbase");
    }
    for (int v = version; v < VERSION; v++) {
      try (Statement s = c.createStatement()) {
        // re-read inside the write transaction: another process may have migrated meanwhile
        if (version(c) > v) {
          c.rollback();
          continue;
        }
        for (String sql : STEPS.get(v)) {
          s.execute(sql);
        }
        if (after.containsKey(v + 1)) {
          after.get(v + 1).run(c);
        }
        s.execute("PRAGMA user_version = " + (v + 1));
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
