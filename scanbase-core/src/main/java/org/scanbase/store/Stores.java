// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store;

import java.nio.file.Path;
import org.scanbase.store.postgres.PostgresStore;
import org.scanbase.store.postgres.PostgresUrl;
import org.scanbase.store.sqlite.SqliteStore;

/**
 * Opens the store a command or program should use: the {@code --db} argument, else
 * {@code SCANBASE_DB}, else the embedded SQLite database under {@code $SCANBASE_HOME} (default
 * {@code ~/.scanbase}).
 */
public final class Stores {

  private Stores() {}

  /**
   * Opens a store.
   *
   * @param db a database URL ({@code sqlite:/path/file.db}, a path to a SQLite file,
   *           {@code sqlite} for the default SQLite file, or
   *           {@code postgresql://user[:password]@host:port/db}, see {@link PostgresUrl}), or null
   *           for the default
   */
  public static Store open(String db) {
    String url = db != null && !db.isBlank() ? db : System.getenv("SCANBASE_DB");
    if (url == null || url.isBlank() || url.equals("sqlite")) {
      return new SqliteStore(home().resolve("scanbase.db"));
    }
    if (PostgresUrl.matches(url)) {
      return new PostgresStore(PostgresUrl.parse(url, System.getenv()));
    }
    return new SqliteStore(Path.of(url.startsWith("sqlite:") ? url.substring("sqlite:".length()) : url));
  }

  /** {@code $SCANBASE_HOME}, default {@code ~/.scanbase}: the database and generated media. */
  public static Path home() {
    String home = System.getenv("SCANBASE_HOME");
    return home != null && !home.isBlank() ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".scanbase");
  }

  /** The URL without a password, for messages. */
  static String redact(String url) {
    return PostgresUrl.redact(url);
  }
}
