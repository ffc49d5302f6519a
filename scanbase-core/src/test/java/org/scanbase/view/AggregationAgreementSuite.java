// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scanbase.view.AggregationResult.BoundsResult;
import org.scanbase.view.AggregationResult.CountResult;
import org.scanbase.view.AggregationResult.CountValuesResult;
import org.scanbase.view.AggregationResult.DistinctResult;
import org.scanbase.view.AggregationResult.HistogramResult;
import org.scanbase.view.AggregationResult.MeanResult;
import org.scanbase.view.AggregationResult.StdResult;
import org.scanbase.view.AggregationResult.SumResult;
import org.scanbase.view.AggregationResult.ValueCount;

/**
 * Runs every aggregation on several fields through {@link InMemoryAggregations} and through
 * {@link AggregationSql} on one SQL backend (a subclass per backend) over the same forty documents (whole, filtered, empty), and
 * asserts the results agree; a few results are also computed by hand, as an independent check
 * of the reference itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AggregationAgreementSuite {
  AggregationSql sql;
  SqlFixture db;

  /** The backend this suite runs on. */
  abstract SqlFixture.Backend backend();

  /** Written out: every odd case once. The other 28 are drawn from pools with a fixed seed. */
  private static final List<String> WRITTEN = List.of(
      """
      {"Manufacturer": "GE", "SliceLocation": 2, "Rows": 512, "flag": true, "known": 2,
       "tags": ["review", "train"], "metadata": {"width": 256},
       "ground_truth": {"_type": "Detections", "detections": [
           {"_type": "Detection", "label": "tumor", "confidence": 0.5},
           {"_type": "Detection", "label": "cyst", "confidence": 0.25}]}}""",
      """
      {"Manufacturer": "SIEMENS", "SliceLocation": 2.0, "Rows": 256, "flag": false, "known": 4,
       "tags": [], "metadata": {"width": 512.5},
       "ground_truth": {"_type": "Detections", "detections": []}}""",
      """
      {"Manufacturer": null, "SliceLocation": "5", "Rows": 256, "known": 4, "tags": "review",
       "ground_truth": {"_type": "Classification", "label": "tumor", "confidence": 1}}""",
      """
      {"Manufacturer": 7, "SliceLocation": true, "known": 4, "tags": ["review", null, 3, ["x"]],
       "metadata": "not a document",
       "ground_truth": {"_type": "Detections", "detections": [
           {"_type": "Detection", "label": "tumor", "confidence": 0.75}, "not a label",
           {"_type": "Detection", "label": null}, {"_type": "Detection"}]}}""",
      """
      {"Manufacturer": true, "SliceLocation": [1, 2.5, "x", null], "known": 5,
       "metadata": [{"width": 3}, {"width": "wide"}, 4],
       "deep": [{"a": [{"b": 1}, {"b": [2, 3]}, "s"]}, {"a": {"b": "x"}}, {"a": null}]}""",
      """
      {"Manufacturer": {"name": "GE"}, "SliceLocation": {"x": 1}, "known": 5, "tags": ["train"],
       "ground_truth": {"_type": "Detections", "detections": {"label": "not in a list"}}}""",
      """
      {"Manufacturer": ["GE", "Philips", "GE"], "SliceLocation": -0.0, "known": 7,
       "InstanceNumber": 1, "big": 9007199254740993}""",
      """
      {"Manufacturer": "Philips", "SliceLocation": 1e10, "known": 9, "InstanceNumber": 1.0,
       "big": 1.5, "weird": {"a\\"b": 1, "it's": ["q", "r"]}, "tags": ["review"]}""",
      """
      {"Manufacturer": "ge", "SliceLocation": -12.75, "Rows": 64, "InstanceNumber": 2,
       "flag": null, "metadata": {"width": 0, "height": 3}, "weird": {"a\\"b": 2, "it's": "q"}}""",
      """
      {"Manufacturer": "Zoë", "SliceLocation": 0.1, "Rows": 64, "flag": "true",
       "metadata": {"width": null}, "tags": [[1], {"a": 1}],
       "ground_truth": {"_type": "Detections", "detections": [{"label": {"name": "x"}},
           {"label": [["nested"]]}]}}""",
      "{}",
      """
      {"Manufacturer": "", "SliceLocation": 3, "Rows": 128, "flag": true, "tags": ["test", "review"],
       "ground_truth": null}""");

  private static final List<Map<String, Object>> DOCS = new ArrayList<>();

  @BeforeAll
  void open() throws Exception {
    DOCS.clear();
    Map<String, String> json = new LinkedHashMap<>();
    for (String doc : WRITTEN) {
      json.put(id(json.size()), doc);
    }
    Random random = new Random(20240612);
    List<Object> makers = List.of("GE", "GE", "SIEMENS", "Philips", "ge", "Canon");
    List<Object> slices = List.of(-10.5, 0L, 3.25, 10L, 2.0, 100L, "abc", 3.25, -10.5, 7L);
    List<String> labels = List.of("tumor", "cyst", "edema");
    while (json.size() < 40) {
      Map<String, Object> doc = new LinkedHashMap<>();
      maybe(random, doc, "Manufacturer", makers.get(random.nextInt(makers.size())));
      maybe(random, doc, "SliceLocation", slices.get(random.nextInt(slices.size())));
      maybe(random, doc, "Rows", (long) (64 << random.nextInt(4)));
      maybe(random, doc, "flag", random.nextBoolean());
      maybe(random, doc, "tags", List.of("review", "train", "test").subList(0, random.nextInt(4)));
      maybe(random, doc, "metadata", Map.of("width", (long) random.nextInt(3) * 128));
      List<Object> detections = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        detections.add(Map.of("_type", "Detection", "label", labels.get(random.nextInt(3)),
            "confidence", random.nextInt(101) / 100.0));
      }
      maybe(random, doc, "ground_truth", Map.of("_type", "Detections", "detections", detections));
      json.put(id(json.size()), SqlFixture.JSON.writeValueAsString(doc));
    }
    db = new SqlFixture(backend(), json, List.of());
    sql = new AggregationSql(db.dialect);
    DOCS.addAll(db.docs.values());
  }

  private static void maybe(Random random, Map<String, Object> doc, String key, Object value) {
    if (random.nextInt(5) > 0) {
      doc.put(key, value);
    }
  }

  private static String id(int i) {
    return String.format("66a0b2c3%016x", i + 1);
  }

  @AfterAll
  void close() throws Exception {
    db.close();
  }

  /** Views as SQL over the samples table, with the same selection in memory. */
  enum View {
    ALL("SELECT id, doc FROM samples", doc -> true),
    NOT_EVERY_THIRD("SELECT id, doc FROM samples WHERE seq % 3 <> 0", null),
    NONE("SELECT id, doc FROM samples WHERE 0 = 1", doc -> false),
    BIG_IMAGES(null, doc -> InMemoryEvaluator.test(ExprParser.parse("Rows >= 256"), doc));

    final String sql;
    final Predicate<Map<String, Object>> test;

    View(String sql, Predicate<Map<String, Object>> test) {
      this.sql = sql;
      this.test = test;
    }

    SqlFragment select(SqlDialect dialect) {
      if (this == BIG_IMAGES) {
        return SqlFragment.concat("SELECT id, doc FROM samples WHERE ",
            new SqlCompiler(dialect).where(ExprParser.parse("Rows >= 256")), " ORDER BY seq DESC");
      }
      return SqlFragment.of(sql);
    }

    List<Map<String, Object>> docs() {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < DOCS.size(); i++) {
        if (this == NOT_EVERY_THIRD ? (i + 1) % 3 != 0 : test.test(DOCS.get(i))) {
          out.add(DOCS.get(i));
        }
      }
      return out;
    }
  }

  static Stream<Arguments> aggregations() {
    List<String> fields = List.of("Manufacturer", "SliceLocation", "Rows", "flag", "tags",
        "metadata.width", "ground_truth.detections.label", "ground_truth.detections.confidence",
        "ground_truth.label", "deep.a.b", "known", "InstanceNumber", "big", "nothing.here");
    List<Aggregation> all = new ArrayList<>();
    all.add(new Aggregation.Count());
    for (String name : fields) {
      Expr.Field f = F.field(name);
      all.addAll(List.of(new Aggregation.Count(f), new Aggregation.CountValues(f),
          new Aggregation.CountValues(f, 2), new Aggregation.Distinct(f), new Aggregation.Bounds(f),
          new Aggregation.Mean(f), new Aggregation.Sum(f), new Aggregation.Std(f),
          new Aggregation.Std(f, true), new Aggregation.Histogram(f, 5),
          new Aggregation.Histogram(f, 1), new Aggregation.Histogram(f, 4,
              Optional.of(new Aggregation.Range(0, 10)))));
    }
    all.add(new Aggregation.CountValues(F.path("weird", "a\"b")));
    all.add(new Aggregation.CountValues(F.path("weird", "it's")));
    List<Arguments> out = new ArrayList<>();
    for (View view : View.values()) {
      for (Aggregation a : all) {
        out.add(Arguments.of(view, a));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aggregations")
  void sqlAndMemoryAggregateAlike(View view, Aggregation aggregation) throws Exception {
    AggregationResult expected = InMemoryAggregations.evaluate(aggregation, view.docs());
    AggregationResult actual = sql.execute(db.connection, aggregation, view.select(db.dialect));
    assertAgree(actual, expected);
  }

  private static void assertAgree(AggregationResult actual, AggregationResult expected) {
    if (expected instanceof MeanResult e) {
      MeanResult a = (MeanResult) actual;
      assertThat(a.count()).isEqualTo(e.count());
      assertClose(a.mean(), e.mean());
    } else if (expected instanceof SumResult e) {
      SumResult a = (SumResult) actual;
      assertThat(a.count()).isEqualTo(e.count());
      assertClose(a.sum(), e.sum());
    } else if (expected instanceof StdResult e) {
      StdResult a = (StdResult) actual;
      assertThat(a.count()).isEqualTo(e.count());
      assertClose(a.std(), e.std());
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static void assertClose(Double actual, Double expected) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }
  }

  private AggregationResult both(Aggregation a) throws Exception {
    AggregationResult inMemory = InMemoryAggregations.evaluate(a, DOCS);
    assertAgree(sql.execute(db.connection, a, View.ALL.select(db.dialect)), inMemory);
    return inMemory;
  }

  @Test
  void meanStdAndSumOfKnownNumbersAreTheTextbookValues() throws Exception {
    // known = 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32
    Expr.Field known = F.field("known");
    assertThat(((MeanResult) both(new Aggregation.Mean(known))).mean()).isEqualTo(5.0);
    assertThat(((SumResult) both(new Aggregation.Sum(known))).sum()).isEqualTo(40.0);
    assertThat(((StdResult) both(new Aggregation.Std(known))).std()).isEqualTo(2.0);
    assertThat(((StdResult) both(new Aggregation.Std(known, true))).std())
        .isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    assertThat(both(new Aggregation.Histogram(known, 7)))
        .isEqualTo(new HistogramResult(new double[] {2, 3, 4, 5, 6, 7, 8, 9},
            new long[] {1, 0, 3, 2, 0, 1, 1}, 0));
  }

  @Test
  void listsAreUnwoundAtEveryKeyOfThePath() throws Exception {
    // deep: [{a: [{b: 1}, {b: [2, 3]}, "s"]}, {a: {b: "x"}}, {a: null}]
    Expr.Field deep = F.field("deep.a.b");
    assertThat(both(new Aggregation.Count(deep))).isEqualTo(new CountResult(4));
    assertThat(both(new Aggregation.Distinct(deep)))
        .isEqualTo(new DistinctResult(List.of(1L, 2L, 3L, "x")));
    assertThat(both(new Aggregation.Bounds(deep))).isEqualTo(new BoundsResult(1L, 3L));
    // metadata: {width: 256}, {width: 512.5}, "not a document", [{width: 3}, {width: "wide"}, 4],
    // {width: 0}, {width: null}: in the first twelve documents
    List<Map<String, Object>> first = DOCS.subList(0, WRITTEN.size());
    assertThat(InMemoryAggregations.evaluate(new Aggregation.Distinct(F.field("metadata.width")), first))
        .isEqualTo(new DistinctResult(List.of(0L, 3L, 256L, 512.5, "wide")));
  }

  @Test
  void countValuesCountsEachTagAndEachDetectionLabel() throws Exception {
    List<Map<String, Object>> first = DOCS.subList(0, WRITTEN.size());
    // tags: [review, train], [], "review", [review, null, 3, [x]], -, [train], -, [review], -, -,
    // -, [test, review]; documents without a scalar: [], -, -, -, -, - (6)
    assertThat(InMemoryAggregations.evaluate(new Aggregation.CountValues(F.field("tags"), 2), first))
        .isEqualTo(new CountValuesResult(List.of(new ValueCount("review", 5),
            new ValueCount("train", 2)), 2, 6));
    // labels: [tumor, cyst], [], a Classification (no detections), [tumor, "not a label",
    // null, missing], and a detections document (not a list) whose label is read plainly
    assertThat(InMemoryAggregations.evaluate(
        new Aggregation.CountValues(F.field("ground_truth.detections.label")), first))
        .isEqualTo(new CountValuesResult(List.of(new ValueCount("tumor", 2),
            new ValueCount("cyst", 1), new ValueCount("not in a list", 1)), 0, 9));
    both(new Aggregation.CountValues(F.field("tags"), 2));
    both(new Aggregation.CountValues(F.field("ground_truth.detections.label")));
  }

  @Test
  void oneAndOnePointZeroAreOneValueAndBooleansAreNotNumbers() throws Exception {
    CountValuesResult instance = (CountValuesResult) both(new Aggregation.CountValues(F.field("InstanceNumber")));
    assertThat(instance.values()).containsExactly(new ValueCount(1L, 2), new ValueCount(2L, 1));
    assertThat(instance.missing()).isEqualTo(DOCS.size() - 3);
    // Manufacturer: true is a value to count, not a number; "Zoë" sorts after ASCII
    BoundsResult makers = (BoundsResult) both(new Aggregation.Bounds(F.field("Manufacturer")));
    assertThat(makers).isEqualTo(new BoundsResult(7L, 7L));
    assertThat(((DistinctResult) both(new Aggregation.Distinct(F.field("flag")))).values())
        .containsExactly("true", false, true);
    assertThat(((CountResult) both(new Aggregation.Count(F.field("big")))).count()).isEqualTo(2);
    assertThat(((BoundsResult) both(new Aggregation.Bounds(F.field("big")))).max())
        .isEqualTo(9007199254740993L);
  }

  @Test
  void aHistogramCountsValuesOutsideItsRangeAsOther() throws Exception {
    HistogramResult h = (HistogramResult) both(new Aggregation.Histogram(F.field("known"), 2,
        Optional.of(new Aggregation.Range(3, 6))));
    // 4, 4, 4 in [3, 4.5); 5, 5 in [4.5, 6]; 2, 7, 9 outside
    assertThat(h).isEqualTo(new HistogramResult(new double[] {3, 4.5, 6}, new long[] {3, 2}, 3));
  }
}
