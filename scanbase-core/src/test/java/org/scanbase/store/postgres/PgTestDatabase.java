// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.scanbase.store.Store;

/**
 * The PostgreSQL server of the tests, named by {@code SCANBASE_TEST_PG} (a
 * {@code postgresql://} URL). Each test gets a fresh schema of that database, dropped after the
 * test, so tests never see each other's datasets. Tests that need PostgreSQL fail, with the
 * command to start a server, when the variable is missing.
 *
 * <pre>{@code
 * @RegisterExtension PgTestDatabase pg = new PgTestDatabase();
 * @Test void something() { try (Store store = pg.open()) { ... } }
 * }</pre>
 * The same extension serves other modules' tests (App API, importers) through the test jar of
 * scanbase-core. Test classes that share one store across their tests (a fixture made in
 * {@code @BeforeAll}) register {@link #perClass()} in a static field: its schema lives until
 * all the class's tests ran.
 */
public final class PgTestDatabase implements AfterEachCallback, AfterAllCallback {
  /** The variable naming the server. */
  public static final String ENV = "SCANBASE_TEST_PG";
  private static final AtomicLong COUNTER = new AtomicLong();

  private final List<String> schemas = new ArrayList<>();
  private final List<Store> opened = new ArrayList<>();
  private final boolean perClass;
  private String current;

  /** A fresh schema per test. */
  public PgTestDatabase() {
    this(false);
  }

  private PgTestDatabase(boolean perClass) {
    this.perClass = perClass;
  }

  /** One schema for all tests of a class, dropped after the last; register it in a static field. */
  public static PgTestDatabase perClass() {
    return new PgTestDatabase(true);
  }

  /**
   * The server's URL.
   *
   * @throws IllegalStateException (failing the test) when {@code SCANBASE_TEST_PG} is not set
   */
  public static String serverUrl() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(ENV + " is not set: the PostgreSQL tests need a server. Start a private"
          + " one with  eval \"$(scripts/pg-test-cluster.sh start)\"  (from the repository root; Debian"
          + " package postgresql) and run the tests again; stop it with  scripts/pg-test-cluster.sh stop");
    }
    return url;
  }

  /** The URL of this test's schema (made on first use): {@code ...?schema=t_...}. */
  public String url() {
    if (current == null) {
      String schema = "t_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000_000L
          + "_" + COUNTER.incrementAndGet();
      schemas.add(schema);
      current = withSchema(serverUrl(), schema);
    }
    return current;
  }

  /** Another fresh schema's URL, for a test that needs two stores (copy from one to another). */
  public String otherUrl() {
    String keep = current;
    current = null;
    String other = url();
    current = keep;
    return other;
  }

  /** Opens a store on this test's schema; closed after the test. */
  public Store open() {
    return track(PostgresStore.open(url()));
  }

  /** Opens a store on this test's schema with its generated media under {@code mediaRoot}; closed after the test. */
  public Store open(java.nio.file.Path mediaRoot) {
    return track(new PostgresStore(PostgresUrl.parse(url(), System.getenv()), mediaRoot));
  }

  /** Opens a store on {@code url}; closed after the test. */
  public Store open(String url) {
    return track(PostgresStore.open(url));
  }

  private Store track(Store store) {
    opened.add(store);
    return store;
  }

  private static String withSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (!perClass) {
      dropAll();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    dropAll();
  }

  private void dropAll() throws SQLException {
    for (Store s : opened) {
      s.close();
    }
    opened.clear();
    if (schemas.isEmpty()) {
      return;
    }
    PostgresUrl server = PostgresUrl.parse(serverUrl(), Map.of());
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
         Statement st = c.createStatement()) {
      for (String schema : schemas) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    schemas.clear();
    current = null;
  }
}
