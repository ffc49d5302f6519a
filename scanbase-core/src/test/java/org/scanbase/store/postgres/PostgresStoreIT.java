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
import org.scanbase.view.Aggregation;
import org.scanbase.view.AggregationResult;
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
      // Debian's PostgreSQL is built with LZ4: documents are compressed with it, not pglz
      var compression = st.executeQuery("SELECT attcompression FROM pg_attribute"
          + " WHERE attrelid IN ('samples_1'::regclass, 'frames_1'::regclass) AND attname = 'doc'");
      assertThat(compression.next()).isTrue();
      assertThat(compression.getString(1)).isEqualTo("l");
      assertThat(compression.next()).isTrue();
      assertThat(compression.getString(1)).isEqualTo("l");
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
  void storesBackslashesControlCharactersAndNonAsciiTextExactlyAndTakesAnEscapedU0000TextForText() {
    store.createDataset("d", "image");
    String tricky = "C:\\scans\\u0000\t tab\n line\r ret \"q\" \u00e9\u00e8 \u4e2d \ud83d\ude00 \\\\";
    store.insertSamples("d", List.of(doc("filepath", "/a\\b\tc", "note", tricky)));
    List<Map<String, Object>> back = store.find("d", ViewSpec.of(), 0, 10);
    assertThat(back).hasSize(1);
    assertThat(back.get(0)).containsEntry("filepath", "/a\\b\tc").containsEntry("note", tricky);
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
  @Test
  void keepsEachIndexedFieldInAValueTableThatAggregationsReadAndThatFollowsEveryWrite() throws Exception {
    store.createDataset("d", "image");
    List<String> makers = List.of("GE", "SIEMENS", "Philips");
    List<Map<String, Object>> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      docs.add(doc("filepath", "/" + i, "Manufacturer", makers.get(i % 3), "SliceLocation", i * 0.5));
    }
    store.insertSamples("d", docs);
    String manufacturer = store.createIndex("d", F.field("Manufacturer"));
    store.createIndex("d", F.field("SliceLocation"));
    String table = PgIndexes.valueTable(1, List.of("Manufacturer"));
    assertThat(valueTableAgrees(table)).as("value table rows that match the documents").isEqualTo(3000);
    // written after the index: a new sample, the first 10 samples (SliceLocation 0 .. 4.5)
    // changed, samples 10 .. 12 removed, 13 saved with another maker, 14's maker unset
    store.insertSamples("d", List.of(doc("filepath", "/late", "Manufacturer", "TOSHIBA", "SliceLocation", 10_000.0)));
    store.setField("d", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation < 5"))), List.of("Manufacturer"), "Canon");
    store.deleteSamples("d", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation >= 5 and SliceLocation < 6.5"))));
    Map<String, Object> saved = new java.util.LinkedHashMap<>(store.find("d",
        ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation == 6.5"))), 0, 1).get(0));
    saved.put("Manufacturer", "Hitachi");
    store.saveSamples("d", List.of(saved));
    store.unsetField("d", ViewSpec.of(new Stage.Match(ExprParser.parse("SliceLocation == 7"))), List.of("Manufacturer"));
    Map<Object, Long> expected = new java.util.HashMap<>(Map.of("Canon", 10L, "TOSHIBA", 1L, "Hitachi", 1L));
    for (int i = 15; i < 3000; i++) {
      expected.merge(makers.get(i % 3), 1L, Long::sum);
    }
    assertThat(valueTableAgrees(table)).as("value table rows that match the documents").isEqualTo(3000 + 1 - 3);
    var counts = (AggregationResult.CountValuesResult) store.aggregate("d", ViewSpec.of(),
        new Aggregation.CountValues(F.field("Manufacturer"), 0));
    assertThat(counts.values().stream().collect(java.util.stream.Collectors.toMap(
        AggregationResult.ValueCount::value, AggregationResult.ValueCount::count))).isEqualTo(expected);
    assertThat(counts.missing()).isEqualTo(1);
    // 0 .. 1499.5 in steps of 0.5 over 10 bins of 150: 300 values each; 10,000 is outside
    var histogram = (AggregationResult.HistogramResult) store.aggregate("d", ViewSpec.of(),
        new Aggregation.Histogram(F.field("SliceLocation"), 10, java.util.Optional.of(new Aggregation.Range(0, 1500))));
    assertThat(histogram.counts()).containsExactly(297, 300, 300, 300, 300, 300, 300, 300, 300, 300);
    assertThat(histogram.other()).isEqualTo(1);
    assertThat(store.dropIndex("d", manufacturer)).isTrue();
    try (var c = sql(); var st = c.createStatement(); var rs = st.executeQuery(
        "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'values\\_%'),"
            + " (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('samples_1'))")) {
      rs.next();
      assertThat(rs.getLong(1)).as("value tables left: SliceLocation's only").isEqualTo(1);
      assertThat(rs.getLong(2)).as("triggers left: SliceLocation's three").isEqualTo(3);
    }
    // without its table, the field is read from the documents again
    counts = (AggregationResult.CountValuesResult) store.aggregate("d", ViewSpec.of(),
        new Aggregation.CountValues(F.field("Manufacturer"), 0));
    assertThat(counts.values().stream().collect(java.util.stream.Collectors.toMap(
        AggregationResult.ValueCount::value, AggregationResult.ValueCount::count))).isEqualTo(expected);
    store.deleteDataset("d");
    try (var c = sql(); var st = c.createStatement(); var rs = st.executeQuery(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'values\\_%'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("value tables left after deleting the dataset").isZero();
    }
  }

  /**
   * The rows of value table {@code table} whose kind and text are what PostgreSQL itself reads
   * from the sample with the same seq (a string's text), when there is a row for every sample.
   */
  private long valueTableAgrees(String table) throws Exception {
    try (var c = sql(); var st = c.createStatement(); var rs = st.executeQuery(
        "SELECT (SELECT count(*) FROM samples_1), (SELECT count(*) FROM " + table + "),"
            + " (SELECT count(*) FROM samples_1 s JOIN " + table + " v ON v.seq = s.seq"
            + " WHERE (jsonb_typeof(s.doc -> 'Manufacturer') = 'string' AND v.kind = 1 AND v.t = s.doc ->> 'Manufacturer')"
            + " OR (s.doc -> 'Manufacturer' IS NULL AND v.kind IS NULL AND v.t IS NULL))")) {
      rs.next();
      assertThat(rs.getLong(2)).as("rows of the value table").isEqualTo(rs.getLong(1));
      return rs.getLong(3);
    }
  }
}
