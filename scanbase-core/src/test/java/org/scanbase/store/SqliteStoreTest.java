// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
}
