// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar fast path gives exactly what the in-memory reference gives, on fields without
 * lists: ties between 1 and 1.0, booleans, nulls, values sitting exactly on histogram edges.
 * A subclass per backend, with the field's value indexes in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScalarAggregationSqlSuite {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final List<Map<String, Object>> DOCS = new ArrayList<>();
  private SqlFixture db;

  /** The backend this suite runs on. */
  abstract SqlFixture.Backend backend();

  /**
   * The {@link ValueTableSql value table} of field {@code f} that the aggregations read, else
   * null (the documents). The PostgreSQL store keeps one per indexed field.
   */
  String valueTable(String f) {
    return null;
  }

  /** Adds the tables {@link #valueTable} names. */
  void addValueTables(java.sql.Statement st, List<String> fields) throws java.sql.SQLException {}

  @BeforeAll
  void fill() throws Exception {
    DOCS.clear();
    Random r = new Random(7);
    for (int i = 0; i < 400; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", String.format("%024x", i));
      // numbers on and around the edges of 10 bins over [0, 10], ints and doubles that are equal
      d.put("x", i % 7 == 0 ? (Object) (long) (i % 11) : (Object) (i % 5 == 0 ? (i % 11) * 1.0 : r.nextDouble() * 10));
      if (i % 13 == 0) {
        d.put("x", null);
      }
      if (i % 17 == 0) {
        d.remove("x");
      }
      d.put("m", List.of("GE", "SIEMENS", "Philips", "GE", "TOSHIBA").get(i % 5));
      d.put("flag", i % 3 == 0);
      d.put("k", i % 4 == 0 ? (Object) "text" : (Object) (long) (i % 3));
      d.put("y", 5.0);
      // huge values in a tiny range: the bins are narrower than the edge tolerance
      d.put("big", 1e12 + (i % 10) * 1e-4);
      DOCS.add(d);
    }
    Map<String, String> json = new LinkedHashMap<>();
    for (Map<String, Object> d : DOCS) {
      json.put((String) d.get("id"), JSON.writeValueAsString(d));
    }
    db = new SqlFixture(backend(), json, List.of());
    try (var st = db.connection.createStatement()) {
      for (String f : List.of("x", "m", "flag", "k", "y", "big")) {
        int i = 0;
        for (List<String> idx : db.dialect.field("doc", List.of(f)).valueIndexes()) {
          st.execute("CREATE INDEX i_" + f + "_" + i++ + " ON samples ("
              + String.join(", ", idx.stream().map(t -> "(" + t + ")").toList()) + ")");
        }
      }
      addValueTables(st, List.of("x", "m", "flag", "k", "y", "big"));
    }
  }

  @AfterAll
  void close() throws Exception {
    db.close();
  }

  static Stream<Arguments> cases() {
    ViewSpec all = ViewSpec.of();
    ViewSpec some = ViewSpec.of(new Stage.Match(ExprParser.parse("m != \"GE\" and flag == false")));
    List<Arguments> out = new ArrayList<>();
    for (ViewSpec v : List.of(all, some)) {
      for (String f : List.of("x", "m", "flag", "k", "y")) {
        out.add(Arguments.of(new Aggregation.CountValues(F.field(f), 0), v));
        out.add(Arguments.of(new Aggregation.CountValues(F.field(f), 2), v));
        out.add(Arguments.of(new Aggregation.Bounds(F.field(f)), v));
      }
      for (int bins : new int[] {1, 3, 7, 10, 50}) {
        out.add(Arguments.of(new Aggregation.Histogram(F.field("x"), bins), v));
        out.add(Arguments.of(new Aggregation.Histogram(F.field("x"), bins,
            Optional.of(new Aggregation.Range(0, 10))), v));
      }
      out.add(Arguments.of(new Aggregation.Histogram(F.field("x"), 4, Optional.of(new Aggregation.Range(2.5, 7))), v));
      out.add(Arguments.of(new Aggregation.Histogram(F.field("y"), 5), v));
      out.add(Arguments.of(new Aggregation.Histogram(F.field("big"), 1000), v));
      out.add(Arguments.of(new Aggregation.Histogram(F.field("m"), 5), v));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("cases")
  void agreesWithTheInMemoryReference(Aggregation a, ViewSpec view) throws Exception {
    ScalarAggregationSql scalar = new ScalarAggregationSql(db.dialect);
    assertThat(scalar.handles(a, view)).isTrue();
    AggregationResult expected = InMemoryAggregations.evaluate(a, InMemoryView.apply(view, DOCS));
    AggregationResult actual = scalar.execute(db.connection, a, view, "samples",
        valueTable(a.aggregatedField().orElseThrow().path().get(0)));
    if (expected instanceof AggregationResult.HistogramResult e) {
      AggregationResult.HistogramResult h = (AggregationResult.HistogramResult) actual;
      assertThat(h.edges()).containsExactly(e.edges());
      assertThat(h.counts()).containsExactly(e.counts());
      assertThat(h.other()).isEqualTo(e.other());
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }
}
