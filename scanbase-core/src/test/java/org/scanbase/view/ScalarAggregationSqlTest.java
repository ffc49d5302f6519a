// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar fast path gives exactly what the in-memory reference gives, on fields without
 * lists: ties between 1 and 1.0, booleans, nulls, values sitting exactly on histogram edges.
 */
class ScalarAggregationSqlTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final List<Map<String, Object>> DOCS = new ArrayList<>();
  private static Connection db;

  @BeforeAll
  static void fill() throws Exception {
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
    db = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (var st = db.createStatement()) {
      st.execute("CREATE TABLE samples (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
      for (String f : List.of("x", "m", "flag", "k", "y", "big")) {
        for (List<String> idx : SqlDialect.SQLITE.field("doc", List.of(f)).valueIndexes()) {
          st.execute("CREATE INDEX i_" + f + " ON samples (" + String.join(", ", idx) + ")");
        }
      }
    }
    try (PreparedStatement st = db.prepareStatement("INSERT INTO samples (id, doc) VALUES (?, ?)")) {
      for (Map<String, Object> d : DOCS) {
        st.setString(1, (String) d.get("id"));
        st.setString(2, JSON.writeValueAsString(d));
        st.executeUpdate();
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
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
    ScalarAggregationSql scalar = new ScalarAggregationSql(SqlDialect.SQLITE);
    assertThat(scalar.handles(a, view)).isTrue();
    AggregationResult expected = InMemoryAggregations.evaluate(a, InMemoryView.apply(view, DOCS));
    AggregationResult actual = scalar.execute(db, a, view, "samples");
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
