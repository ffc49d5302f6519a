// SPDX-License-Identifier: Apache-2.0
package org.scanbase.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scanbase.store.Store;
import org.scanbase.store.StoreContract;
import org.scanbase.store.StoreException;
import org.scanbase.store.Stores;
import org.scanbase.view.ExprParser;
import org.scanbase.view.F;
import org.scanbase.view.Stage;
import org.scanbase.view.ViewSpec;

/** The store contract on PostgreSQL, plus what is particular to the PostgreSQL store. */
class PostgresStoreIT extends StoreContract {
  @RegisterExtension
  final PgTestDatabase pg = new PgTestDatabase();

  @Override
  protected Store open(Path dir) {
    return PostgresStore.open(pg.url());
  }

  private java.sql.Connection sql() throws Exception {
    PostgresUrl u = PostgresUrl.parse(pg.url(), Map.of());
    var c = DriverManager.getConnection(u.jdbcUrl() + "?currentSchema=" + u.schema(), u.user(), u.password());
    return c;
  }

  @Test
  void storesDocumentsAsJsonbAndRecordsTheSchemaVersion() throws Exception {
    store.createDataset("d", "image");
    store.insertSamples("d", List.of(doc("filepath", "/a", "SliceLocation", 1e10, "n", 3L)));
    try (var c = sql(); var st = c.createStatement()) {
      var type = st.executeQuery("SELECT pg_typeof(doc)::text, doc ->> 'SliceLocation' FROM samples_1");
      type.next();
      assertThat(type.getString(1)).isEqualTo("jsonb");
      assertThat(type.getString(2)).isEqualTo("10000000000.0");
      var version = st.executeQuery("SELECT version FROM scanbase_version");
      version.next();
      assertThat(version.getInt(1)).isEqualTo(PostgresSchema.VERSION);
      var gin = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'samples_1' AND indexdef LIKE '%gin%'");
      assertThat(gin.next()).as("GIN index on tags").isTrue();
    }
    // a double stays a double, an integer a Long
    assertThat(store.find("d", ViewSpec.of(), 0, 1).get(0)).containsEntry("SliceLocation", 1e10).containsEntry("n", 3L);
  }

  @Test
  void refusesADatabaseFromANewerScanbase() throws Exception {
    store.close();
    try (var c = sql(); var st = c.createStatement()) {
      st.execute("UPDATE scanbase_version SET version = 999");
    }
    assertThatThrownBy(() -> open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("999").hasMessageContaining("newer");
    try (var c = sql(); var st = c.createStatement()) {
      st.execute("UPDATE scanbase_version SET version = " + PostgresSchema.VERSION);
    }
    store = open(dir);
  }

  @Test
  void refusesTheNulCharacterNamingTheField() {
    store.createDataset("d", "image");
    assertThatThrownBy(() -> store.insertSamples("d", List.of(doc("filepath", "/a", "Modality", "MR\0"))))
        .isInstanceOf(StoreException.class).hasMessageContaining("U+0000").hasMessageContaining("Modality");
    assertThat(store.count("d", ViewSpec.of())).isZero();
  }

  @Test
  void createsExpressionIndexesThatTheQueriesUse() throws Exception {
    store.createDataset("d", "image");
    List<Map<String, Object>> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      docs.add(doc("filepath", "/" + i, "SliceLocation", (double) i, "Modality", i % 2 == 0 ? "MR" : "CT"));
    }
    store.insertSamples("d", docs);
    String name = store.createIndex("d", F.field("SliceLocation"));
    assertThat(store.indexes("d")).extracting(Store.IndexInfo::name).containsExactly(name);
    ViewSpec page = ViewSpec.of(new Stage.SortBy(F.field("SliceLocation"), false), new Stage.Limit(3));
    var q = new org.scanbase.view.ViewSql(org.scanbase.view.SqlDialect.POSTGRESQL, "samples_1", "frames_1").select(page);
    try (var c = sql(); var st = c.prepareStatement("EXPLAIN " + q.sql())) {
      PostgresStore.bind(st, q.params());
      StringBuilder plan = new StringBuilder();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).as("plan").contains(name + "_0");
    }
    assertThat(store.find("d", page, 0, 3)).extracting(d -> d.get("SliceLocation")).containsExactly(0.0, 1.0, 2.0);
    assertThat(store.count("d", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation >= 4990"))))).isEqualTo(10);
    assertThat(store.dropIndex("d", name)).isTrue();
    assertThat(store.indexes("d")).isEmpty();
    try (var c = sql(); var st = c.createStatement();
         var rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '" + name + "%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void opensThroughStoresWithAUrl() {
    try (Store other = Stores.open(pg.url())) {
      assertThat(other.location()).startsWith("postgresql://");
      other.createDataset("shared", "image");
      assertThat(store.dataset("shared")).isPresent();
    }
  }
}
