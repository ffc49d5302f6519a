// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.scanbase.store.sqlite.SqliteStore;

/** The store contract on SQLite, plus what is particular to the SQLite file. */
class SqliteStoreTest extends StoreContract {

  @Override
  protected Store open(Path dir) {
    return new SqliteStore(dir.resolve("scanbase.db"));
  }

  @Test
  void usesWriteAheadLoggingAndRecordsTheSchemaVersion() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("scanbase.db"));
         var st = c.createStatement()) {
      var mode = st.executeQuery("PRAGMA journal_mode");
      mode.next();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
      var version = st.executeQuery("PRAGMA user_version");
      version.next();
      assertThat(version.getInt(1)).isPositive();
    }
  }

  @Test
  void refusesAFileFromANewerScanbase() throws Exception {
    store.close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("scanbase.db"));
         var st = c.createStatement()) {
      st.execute("PRAGMA user_version = 999");
    }
    assertThatThrownBy(() -> open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("999").hasMessageContaining("newer");
    store = open(dir.resolve("other"));
  }

  @Test
  void storesTopLevelKeysAsShortCodes() throws Exception {
    store.createDataset("d", "image");
    store.insertSamples("d", List.of(StoreContract.doc("filepath", "/a", "SmallestImagePixelValue", 3L,
        "nested", java.util.Map.of("InnerKeyStaysAsIs", 1L))));
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("scanbase.db"));
         var st = c.createStatement(); var rs = st.executeQuery("SELECT doc FROM samples_1")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("SmallestImagePixelValue", "filepath")
          .contains("InnerKeyStaysAsIs");
    }
    assertThat(store.find("d", org.scanbase.view.ViewSpec.of(), 0, 1).get(0))
        .containsEntry("SmallestImagePixelValue", 3L).containsEntry("filepath", "/a");
    assertThat(store.count("d", org.scanbase.view.ViewSpec.of(new org.scanbase.view.Stage.Match(
        org.scanbase.view.ExprParser.parse("SmallestImagePixelValue == 3 and nested.InnerKeyStaysAsIs == 1"))))).isEqualTo(1);
  }

  @Test
  void migratesAVersionOneFileByCodingItsKeys() throws Exception {
    store.close();
    Path old = dir.resolve("v1.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var st = c.createStatement()) {
      st.execute("CREATE TABLE datasets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
          + " media_type TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL)");
      st.execute("CREATE TABLE saved_views (dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
          + " name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (dataset_id, name))");
      st.execute("CREATE TABLE field_indexes (dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
          + " name TEXT NOT NULL, expression TEXT NOT NULL, PRIMARY KEY (dataset_id, name))");
      st.execute("INSERT INTO datasets (name, media_type, created_at, doc) VALUES ('old', 'image', '2026-01-01T00:00:00Z', '{}')");
      st.execute("CREATE TABLE samples_1 (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
      st.execute("CREATE TABLE frames_1 (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sample_id TEXT NOT NULL,"
          + " frame_number INTEGER NOT NULL, doc TEXT NOT NULL, UNIQUE (sample_id, frame_number))");
      st.execute("INSERT INTO samples_1 (id, doc) VALUES ('a', '{\"id\": \"a\", \"filepath\": \"/a\", \"n\": 1}'),"
          + " ('b', '{\"id\": \"b\", \"filepath\": \"/b\", \"n\": 5}')");
      st.execute("PRAGMA user_version = 1");
    }
    store = new org.scanbase.store.sqlite.SqliteStore(old);
    assertThat(store.count("old", org.scanbase.view.ViewSpec.of(new org.scanbase.view.Stage.Match(
        org.scanbase.view.ExprParser.parse("n > 2"))))).isEqualTo(1);
    assertThat(store.find("old", org.scanbase.view.ViewSpec.of(), 0, 5).get(1)).containsEntry("filepath", "/b");
  }
}
