// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ViewSql beyond agreement with the reference: hostile names and values, the query plans that
 * make large datasets fast, the PostgreSQL text, and the {@code toFrames} reference itself.
 */
class ViewSqlTest {
  private static final ViewSql SQL = new ViewSql(SqlDialect.SQLITE, "samples", "frames");
  private static final List<String> HOSTILE = List.of("'); DROP TABLE samples; --", "a\"b", "`x`",
      "it's", "back\\slash", "$", "]", "?", "a.b", "x' OR '1'='1");

  @Test
  void hostileFieldNamesAndValuesStayDataAndAgreeWithTheReference() throws Exception {
    Map<String, String> docs = new LinkedHashMap<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", ViewFixtureData.id(i));
      doc.put(HOSTILE.get(i), HOSTILE.get((i + 1) % HOSTILE.size()));
      doc.put("name", HOSTILE.get(i));
      doc.put("nul", i % 2 == 0 ? "MR\u0000x" : "MR");
      docs.put(ViewFixtureData.id(i), JsonText.value(doc));
    }
    try (SqlFixture db = new SqlFixture(docs)) {
      db.connection.createStatement().execute("CREATE TABLE sentinel (x)");
      List<Map<String, Object>> samples = new ArrayList<>(db.docs.values());
      List<ViewSpec> specs = new ArrayList<>();
      for (String name : HOSTILE) {
        Expr.Field field = F.path(name);
        specs.add(ViewSpec.of(new Stage.Match(field.eq(HOSTILE.get(3)))));
        specs.add(ViewSpec.of(new Stage.Match(F.field("name").eq(name))));
        specs.add(ViewSpec.of(new Stage.Exists(field, true), new Stage.SortBy(field, true)));
        specs.add(ViewSpec.of(new Stage.SelectFields(List.of(field)), new Stage.Select(List.of(name, ViewFixtureData.id(2)))));
        specs.add(ViewSpec.of(new Stage.FilterLabels(field, F.path(name).contains(name), true)));
        specs.add(ViewSpec.of(new Stage.GroupBy(field, Optional.of(F.path(name)), false)));
        specs.add(ViewSpec.of(new Stage.MatchTags(List.of(name), false), new Stage.Take(3, name.length())));
      }
      specs.add(ViewSpec.of(new Stage.Match(F.field("nul").eq("MR\u0000x"))));
      for (ViewSpec spec : specs) {
        List<Object> expected = InMemoryView.apply(spec, samples).stream().map(d -> d.get("id")).toList();
        SqlFragment q = SQL.select(spec);
        assertThat(db.run(q).stream().map(r -> (Object) r.get(0)).toList()).as("%s\n%s", spec, q)
            .isEqualTo(expected);
      }
      assertThat(db.run(SqlFragment.of("SELECT count(*) FROM samples"))).containsExactly(List.of("10"));
      assertThat(db.run(SqlFragment.of("SELECT count(*) FROM sentinel"))).containsExactly(List.of("0"));
      assertThat(db.run(SQL.select(ViewSpec.of(new Stage.Match(F.field("nul").eq("MR\u0000x"))))))
          .hasSize(5);
    }
  }

  @Test
  void stagesThatReadAFieldAProjectionChangedAreRefused() {
    ViewSpec parent = ViewSpec.of(new Stage.SelectFields(List.of(F.field("stats.volume"))),
        new Stage.SortBy(F.field("stats"), false));
    assertThatThrownBy(() -> SQL.select(parent)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortBy reads 'stats'");
    ViewSpec label = ViewSpec.of(new Stage.FilterLabels(F.field("gt"), ExprParser.parse("label == \"x\""), false),
        new Stage.Match(ExprParser.parse("exists(gt.detections)")));
    assertThatThrownBy(() -> SQL.count(label)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gt.detections'");
    ViewSpec inside = ViewSpec.of(new Stage.ExcludeFields(List.of(F.field("gt.detections"))),
        new Stage.FilterLabels(F.field("gt"), ExprParser.parse("label == \"x\""), true));
    assertThatThrownBy(() -> SQL.ids(inside)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("filterLabels reads 'gt'");
  }

  @Test
  void md5IsTheHexDigestOfTheUtf8Text() throws Exception {
    // expected digests from Python's hashlib
    try (SqlFixture db = new SqlFixture(Map.of())) {
      assertThat(db.run(SqlFragment.of("SELECT md5('abc'), md5(NULL), md5('Zoë'), md5('7:abc')")))
          .containsExactly(Arrays.asList("900150983cd24fb0d6963f7d28e17f72", null,
              "fb44af73417cf03c023d098e7f07c114", "a784c91635badf7af7fe2f5915f9b0c8"));
    }
    assertThat(InMemoryView.takeKey(7, "abc")).isEqualTo("a784c91635badf7af7fe2f5915f9b0c8");
  }

  @Test
  void namesThatCannotBeSqlAreRefused() {
    assertThatThrownBy(() -> F.path("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ViewSql(SqlDialect.SQLITE, "samples; DROP TABLE x", "frames"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a table name");
    assertThatThrownBy(() -> new ViewSql(SqlDialect.SQLITE, "samples", "\"frames\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchSortLimitWalksTheSortIndexAndStopsWithoutSorting() throws Exception {
    try (SqlFixture db = new SqlFixture(bigDataset(600))) {
      createIndex(db, "ix_slice", SQL.indexTerms(F.field("SliceLocation")));
      ViewSpec spec = ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"MR\"")),
          new Stage.SortBy(F.field("SliceLocation"), false), new Stage.Limit(50));
      SqlFragment q = SQL.select(spec);
      assertThat(q.sql()).as("one plain SELECT").doesNotContain("(SELECT");
      String plan = plan(db, q);
      assertThat(plan).contains("USING INDEX ix_slice").doesNotContain("TEMP B-TREE");
      assertThat(ids(db.run(q))).isEqualTo(referenceIds(db, spec));
    }
  }

  @Test
  void aCountOfAComparisonReadsTheValueIndexAlone() throws Exception {
    try (SqlFixture db = new SqlFixture(bigDataset(600))) {
      List<List<SqlFragment>> indexes = SQL.indexes(F.field("Modality"));
      createIndex(db, "ix_modality", indexes.get(indexes.size() - 1));
      ViewSpec spec = ViewSpec.of(new Stage.Match(ExprParser.parse("Modality == \"MR\"")));
      assertThat(plan(db, SQL.count(spec))).contains("USING COVERING INDEX ix_modality");
      assertThat(db.run(SQL.count(spec))).containsExactly(List.of("400"));
    }
  }

  @Test
  void aPageOfGroupsWalksTheKeyIndexAndMembersUseThePlainIndex() throws Exception {
    try (SqlFixture db = new SqlFixture(bigDataset(600))) {
      List<List<SqlFragment>> indexes = SQL.indexes(F.field("PatientID"));
      for (int i = 0; i < indexes.size(); i++) {
        createIndex(db, "ix_patient" + i, indexes.get(i));
      }
      ViewSpec spec = ViewSpec.of(new Stage.GroupBy(F.field("PatientID"), Optional.of(F.field("SliceLocation")),
          false), new Stage.Limit(5));
      String keysPlan = plan(db, SQL.groupKeys(spec));
      // not "COVERING": the plan counts the ORDER BY as reading doc, yet the terms come from the
      // index (on 1,000,000 samples a page of 20 groups takes about a millisecond)
      assertThat(keysPlan).contains("SCAN samples USING INDEX ix_patient0")
          .contains("SEARCH d USING INTEGER PRIMARY KEY").doesNotContain("B-TREE FOR GROUP BY");
      List<List<String>> keys = db.run(SQL.groupKeys(spec));
      List<InMemoryView.Group> groups = InMemoryView.groups(spec, new ArrayList<>(db.docs.values()));
      assertThat(keys.stream().map(r -> r.get(0)).toList())
          .isEqualTo(groups.stream().map(g -> JsonText.value(g.key())).toList());
      String membersPlan = plan(db, SQL.groupMembers(spec, "P3"));
      assertThat(membersPlan).contains("USING INDEX ix_patient");
      InMemoryView.Group p3 = InMemoryView.groups(ViewSpec.of(spec.stages().get(0)), new ArrayList<>(db.docs.values()))
          .stream().filter(g -> "P3".equals(g.key())).findFirst().orElseThrow();
      assertThat(ids(db.run(SQL.groupMembers(spec, "P3"))))
          .isEqualTo(p3.samples().stream().map(d -> d.get("id")).toList());
    }
  }

  @Test
  void indexesCoverAscendingAndDescendingSortsAndPlainComparisons() {
    List<List<SqlFragment>> indexes = SQL.indexes(F.field("SliceLocation"));
    assertThat(indexes.get(0)).isEqualTo(SQL.indexTerms(F.field("SliceLocation")));
    assertThat(indexes).hasSize(3);
    assertThat(indexes.get(2)).containsExactly(SqlFragment.of("json_extract(doc, '$.\"SliceLocation\"')"),
        SqlFragment.of("json_type(doc, '$.\"SliceLocation\"')"));
    assertThatThrownBy(() -> SQL.indexTerms(ExprParser.parse("SliceLocation * 2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.scanbase.view.ViewSqlAgreementTest#views")
  void postgresqlTextBindsOneParameterPerPlaceholder(String name, ViewSpec spec) {
    ViewSql pg = new ViewSql(SqlDialect.POSTGRESQL, "samples_1", "frames_1");
    List<SqlFragment> queries = new ArrayList<>(List.of(pg.select(spec), pg.count(spec), pg.ids(spec),
        pg.select(spec, 10, 20)));
    if (ViewSqlAgreementTest.groupedViews().anyMatch(a -> a.get()[1].equals(spec))) {
      queries.add(pg.groupKeys(spec));
      queries.add(pg.groupMembers(spec, List.of()));
      queries.add(pg.groupMembers(spec, 7L));
    }
    for (SqlFragment q : queries) {
      assertThat(placeholders(q.sql())).as(q.sql()).isEqualTo(q.params().size());
      assertThat(q.sql()).doesNotContain("json_extract").doesNotContain("json_each(");
      assertThat(q.sql().chars().filter(c -> c == '(').count())
          .isEqualTo(q.sql().chars().filter(c -> c == ')').count());
    }
  }

  @Test
  void postgresqlTakesByMd5BuildsFramesAsJsonbAndNamesGroupTerms() {
    ViewSql pg = new ViewSql(SqlDialect.POSTGRESQL, "samples_1", "frames_1");
    SqlFragment take = pg.select(ViewSpec.of(new Stage.Take(5, 42)));
    assertThat(take.sql()).isEqualTo("SELECT id, doc FROM samples_1 ORDER BY md5(CAST(? AS text) || id) ASC,"
        + " id ASC LIMIT 5");
    assertThat(take.params()).containsExactly("42:");
    assertThat(pg.select(ViewSpec.of(new Stage.ToFrames())).sql())
        .contains("jsonb_build_object('filepath', s1.doc -> 'filepath', 'media_type', 'image'");
    // parameters in GROUP BY terms: PostgreSQL needs them named once, not repeated in ORDER BY
    SqlFragment keys = pg.groupKeys(ViewSpec.of(new Stage.GroupBy(ExprParser.parse("SliceLocation * 2"),
        Optional.empty(), false)));
    assertThat(keys.sql()).contains("GROUP BY k1, k2 ORDER BY k1, k2");
  }

  @Test
  void framesReferenceOrdersBySampleThenFrameNumberAndFillsSampleFields() {
    List<Map<String, Object>> samples = List.of(
        new LinkedHashMap<>(Map.of("id", "s2", "filepath", "/b.nii")),
        new LinkedHashMap<>(Map.of("id", "s1", "filepath", "/a.nii")),
        new LinkedHashMap<>(Map.of("id", "s3")));
    Map<String, List<Map<String, Object>>> frames = Map.of(
        "s1", List.of(frame("s1", 2, Map.of("tags", List.of("x"))), frame("s1", 1, Map.of())),
        "s2", List.of(frame("s2", 1, Map.of("media_type", "video"))),
        "s3", List.of(frame("s3", 1, Map.of())));
    Function<String, List<Map<String, Object>>> of = frames::get;
    List<Map<String, Object>> out = InMemoryView.toFrames(samples, of);
    assertThat(out).extracting(f -> f.get("id")).containsExactly("s2f1", "s1f1", "s1f2", "s3f1");
    assertThat(out.get(0)).containsEntry("filepath", "/b.nii").containsEntry("media_type", "image")
        .containsEntry("tags", List.of()).containsEntry("sample_id", "s2");
    assertThat(out.get(2)).containsEntry("tags", List.of("x")).containsEntry("frame_number", 2L);
    assertThat(out.get(3)).containsEntry("filepath", null);
    assertThat(InMemoryView.apply(ViewSpec.of(new Stage.ToFrames(), new Stage.Skip(1)), samples, of))
        .extracting(f -> f.get("id")).containsExactly("s1f1", "s1f2", "s3f1");
  }

  private static Map<String, Object> frame(String sample, long number, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("id", sample + "f" + number);
    f.put("sample_id", sample);
    f.put("frame_number", number);
    return f;
  }

  /** {@code n} slices of 12 patients, MR and CT, with a few missing values. */
  private static Map<String, String> bigDataset(int n) {
    Map<String, String> docs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", ViewFixtureData.id(i));
      if (i % 50 != 7) {
        doc.put("PatientID", "P" + (i * 7 % 12));
      }
      doc.put("Modality", i % 3 == 0 ? "CT" : "MR");
      if (i % 40 != 3) {
        doc.put("SliceLocation", (i * 37 % 101) * 2.5 - 100);
      }
      docs.put(ViewFixtureData.id(i), JsonText.value(doc));
    }
    return docs;
  }

  private static void createIndex(SqlFixture db, String name, List<SqlFragment> terms) throws Exception {
    String columns = terms.stream().map(SqlFragment::sql).collect(Collectors.joining(", "));
    db.connection.createStatement().execute("CREATE INDEX " + name + " ON samples (" + columns + ")");
  }

  private static String plan(SqlFixture db, SqlFragment q) throws Exception {
    SqlFragment explain = new SqlFragment("EXPLAIN QUERY PLAN " + q.sql(), q.params());
    return db.run(explain).stream().map(r -> r.get(r.size() - 1)).collect(Collectors.joining("\n"));
  }

  private static List<Object> ids(List<List<String>> rows) {
    return rows.stream().map(r -> (Object) r.get(0)).toList();
  }

  private static List<Object> referenceIds(SqlFixture db, ViewSpec spec) {
    return InMemoryView.apply(spec, new ArrayList<>(db.docs.values())).stream().map(d -> d.get("id")).toList();
  }

  /** The number of {@code ?} outside string literals. */
  private static int placeholders(String sql) {
    int n = 0;
    boolean quoted = false;
    for (char c : sql.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '?' && !quoted) {
        n++;
      }
    }
    return n;
  }
}
