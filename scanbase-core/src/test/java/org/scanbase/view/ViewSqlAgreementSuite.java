// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every view through {@link InMemoryView} (the reference) and through the SQL of
 * {@link ViewSql} on one SQL backend (a subclass per backend) over the same documents and
 * frames, and asserts they agree: the
 * same documents in the same order (projected), the same counts, ids, pages, and for views
 * ending in {@code groupBy} the same groups with the same keys, counts and members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ViewSqlAgreementSuite {
  private ViewSql sql;
  private SqlFixture db;
  private List<Map<String, Object>> samples;

  /** The backend this suite runs on. */
  abstract SqlFixture.Backend backend();

  @BeforeAll
  void open() throws Exception {
    db = new SqlFixture(backend(), ViewFixtureData.samples(), ViewFixtureData.frames());
    sql = new ViewSql(db.dialect, "samples", "frames");
    samples = new ArrayList<>(db.docs.values());
  }

  @AfterAll
  void close() throws Exception {
    db.close();
  }

  private List<Map<String, Object>> reference(ViewSpec spec) {
    return InMemoryView.apply(spec, samples, db.frames::get);
  }

  private List<Map<String, Object>> fetch(ViewSpec spec, SqlFragment q) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<String> row : db.run(q)) {
      Map<String, Object> doc = SqlFixture.read(row.get(1));
      assertThat(doc.get("id")).as("id column of %s", row).isEqualTo(row.get(0));
      out.add(ViewSql.project(spec, doc));
    }
    return out;
  }

  /**
   * The reference documents as the backend can store them: JSONB keeps numbers as
   * {@code numeric}, which has no negative zero, so -0.0 reads back as 0.0 (the same number
   * under {@code ==}, and still a double).
   */
  private List<Map<String, Object>> comparable(List<Map<String, Object>> docs) {
    if (db.backend != SqlFixture.Backend.POSTGRESQL) {
      return docs;
    }
    return docs.stream().map(d -> (Map<String, Object>) positiveZero(d)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Object positiveZero(Object value) {
    if (value instanceof Double d && d == 0.0) {
      return 0.0;
    } else if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, positiveZero(v)));
      return out;
    } else if (value instanceof List<?> l) {
      return l.stream().map(ViewSqlAgreementSuite::positiveZero).toList();
    }
    return value;
  }

  private static List<Object> ids(List<Map<String, Object>> docs) {
    return docs.stream().map(d -> d.get("id")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void selectGivesTheReferenceDocumentsInTheReferenceOrder(String name, ViewSpec spec) throws Exception {
    List<Map<String, Object>> expected = reference(spec);
    SqlFragment q = sql.select(spec);
    List<Map<String, Object>> actual = fetch(spec, q);
    assertThat(ids(actual)).as("%s\n%s", spec, q).isEqualTo(ids(expected));
    assertThat(actual).as("projected documents").isEqualTo(comparable(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void countIdsAndPagesAgreeWithTheReference(String name, ViewSpec spec) throws Exception {
    List<Map<String, Object>> expected = reference(spec);
    assertThat(db.run(sql.count(spec))).as("count").containsExactly(List.of(String.valueOf(expected.size())));
    assertThat(db.run(sql.ids(spec)).stream().map(r -> (Object) r.get(0)).toList())
        .as("ids").containsExactlyInAnyOrderElementsOf(ids(expected));
    for (long[] page : new long[][] {{0, 5}, {3, 4}, {expected.size() - 1L, 10}, {0, 0}}) {
      long from = Math.max(0, page[0]);
      List<Object> want = ids(expected).subList((int) Math.min(from, expected.size()),
          (int) Math.min(from + page[1], expected.size()));
      assertThat(ids(fetch(spec, sql.select(spec, from, page[1])))).as("page %s+%s", from, page[1])
          .isEqualTo(want);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void aCountOfConjunctsReadOneByOneAgreesWithTheReference(String name, ViewSpec spec) throws Exception {
    Optional<SqlFragment> count = new IndexedConjunction(db.dialect, "samples").count(spec);
    if (name.contains("conjunct")) {
      assertThat(count).as("the conjuncts of %s", name).isPresent();
    }
    if (!spec.stages().stream().allMatch(s -> InMemoryView.asFilter(s).isPresent() || s instanceof Stage.SortBy)) {
      assertThat(count).as("a view with more than filters and sorts").isEmpty();
    }
    if (count.isPresent()) {
      assertThat(db.run(count.get())).as("%s\n%s", spec, count.get())
          .containsExactly(List.of(String.valueOf(reference(spec).size())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groupedViews")
  void groupKeysAndMembersAgreeWithTheReferenceGroups(String name, ViewSpec spec) throws Exception {
    List<InMemoryView.Group> expected = InMemoryView.groups(spec, samples, db.frames::get);
    SqlFragment keys = sql.groupKeys(spec);
    List<List<String>> rows = db.run(keys);
    assertThat(rows).as("%s\n%s", spec, keys).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      Object key = SqlFixture.JSON.readValue(rows.get(i).get(0), Object.class);
      InMemoryView.Group group = expected.get(i);
      Object want = Values.normalize(group.key());
      // SQLite prints a computed -0.0 as 0.0: the same number under ==, and still a double
      if (key instanceof Double && want instanceof Double) {
        assertThat((double) key).as("key of group %d", i).isEqualTo((double) (Double) want);
      } else {
        assertThat(key).as("key of group %d", i).isEqualTo(want);
      }
      assertThat(Long.parseLong(rows.get(i).get(1))).as("count of group %s", key)
          .isEqualTo(group.samples().size());
      SqlFragment members = sql.groupMembers(spec, key);
      assertThat(ids(fetch(spec, members))).as("members of group %s\n%s", key, members)
          .isEqualTo(ids(group.samples()));
    }
  }

  static Stream<Arguments> views() {
    return Stream.concat(ungroupedViews(), groupedViews());
  }

  private static Stream<Arguments> ungroupedViews() {
    List<String> someIds = List.of(ViewFixtureData.id(20), ViewFixtureData.id(3), ViewFixtureData.id(11),
        ViewFixtureData.id(0), "65f0a3c1ffffffffffffffff", ViewFixtureData.id(7));
    return Stream.of(
        v("everything"),
        v("match", match("Modality == \"MR\"")),
        v("match a number", match("SliceLocation > 1")),
        v("match contains", match("contains(PatientID, \"1\")")),
        v("match in tags", match("\"review\" in tags")),
        // conjunctions, which a store may count reading one index per conjunct
        v("match a conjunction of two fields", match("Modality == \"MR\" and SliceLocation > 1")),
        v("match a conjunction over missing, null and mixed values",
            match("PatientID == 7 and SliceLocation <= 3.25 and Modality != \"CT\"")),
        v("match a conjunction with a list member and a nested field",
            match("\"train\" in tags and metadata.width >= 256 and not (InstanceNumber == 2)")),
        v("match a conjunction with an or inside", match("(Modality == \"CT\" or SliceLocation == \"abc\")"
            + " and InstanceNumber < 3")),
        v("match a conjunction then sortBy", match("Modality == \"MR\" and InstanceNumber >= 1"),
            sort("InstanceNumber", true)),
        v("match a conjunction of a field with itself", match("SliceLocation >= 0 and SliceLocation < 10")),
        v("conjuncts over stages: match, exists and matchTags", match("InstanceNumber > 0"),
            new Stage.Exists(F.field("PatientID"), true), new Stage.MatchTags(List.of("review", "test"), true)),
        v("conjuncts over stages with a missing field", new Stage.Exists(F.field("Modality"), false),
            match("SliceLocation > -20 and PatientID != null")),
        v("sortBy", sort("SliceLocation", false)),
        // a filter that fixes the sort field's class lets the SQL sort by the plain value
        v("match a number range then sortBy it", match("SliceLocation >= 1"), sort("SliceLocation", false)),
        v("match a number range then sortBy it reversed", match("SliceLocation > 0 and Modality == \"MR\""),
            sort("SliceLocation", true)),
        v("match a string then sortBy it", match("Modality >= \"A\""), sort("Modality", false)),
        // a filter after a sort is compiled before it: the same view
        v("sortBy then match a number range", sort("SliceLocation", true), match("SliceLocation >= 1")),
        v("sortBy twice then match and exists then limit", sort("SliceLocation", false), sort("Modality", false),
            match("InstanceNumber < 3"), new Stage.Exists(F.field("PatientID"), true), new Stage.Limit(7)),
        v("sortBy limit then match", sort("SliceLocation", false), new Stage.Limit(12), match("Modality == \"MR\"")),
        v("match a number range then sortBy another field", match("SliceLocation >= 1"), sort("Modality", false)),
        v("match with ties across int and double then sortBy", match("InstanceNumber == 1"),
            sort("InstanceNumber", true)),
        v("sortBy reverse", sort("SliceLocation", true)),
        v("sortBy a nested field", sort("stats.volume", false)),
        v("sortBy with many ties", sort("InstanceNumber", false)),
        v("sortBy then sortBy breaks ties by id", sort("InstanceNumber", false), sort("Modality", true)),
        v("sortBy a constant keeps the stored order", new Stage.SortBy(F.lit("x"), true)),
        v("sortBy an expression", new Stage.SortBy(ExprParser.parse("SliceLocation * -2"), false)),
        v("match sortBy skip limit", match("Modality == \"MR\""), sort("SliceLocation", false),
            new Stage.Skip(2), new Stage.Limit(5)),
        v("limit then match", new Stage.Limit(10), match("Modality == \"MR\"")),
        v("skip limit then sortBy", new Stage.Skip(5), new Stage.Limit(10), sort("SliceLocation", true)),
        v("sortBy limit sortBy", sort("SliceLocation", false), new Stage.Limit(8), sort("InstanceNumber", false)),
        v("skips and limits compose", new Stage.Skip(3), new Stage.Skip(2), new Stage.Limit(10),
            new Stage.Limit(4), new Stage.Skip(1)),
        v("limit zero", new Stage.Limit(0)),
        v("skip past the end", new Stage.Skip(100)),
        v("take", new Stage.Take(7, 1)),
        v("sortBy then take", sort("SliceLocation", false), new Stage.Take(5, 42)),
        v("take then sortBy", new Stage.Take(10, 3), sort("InstanceNumber", false)),
        v("take then match", new Stage.Take(10, 3), match("Modality == \"MR\"")),
        v("take then limit", new Stage.Take(10, 3), new Stage.Limit(3)),
        v("select keeps view order", new Stage.Select(someIds)),
        v("sortBy then select", sort("SliceLocation", true), new Stage.Select(someIds)),
        v("select nothing", new Stage.Select(List.of())),
        v("exclude", new Stage.Exclude(someIds)),
        v("exists", new Stage.Exists(F.field("SliceLocation"), true)),
        v("not exists", new Stage.Exists(F.field("PatientID"), false)),
        v("matchTags any", new Stage.MatchTags(List.of("review", "test"), false)),
        v("matchTags all", new Stage.MatchTags(List.of("review", "train"), true)),
        v("matchTags none given, any", new Stage.MatchTags(List.of(), false)),
        v("matchTags none given, all", new Stage.MatchTags(List.of(), true)),
        v("filterLabels only matches", labels("gt", "label == \"tumor\"", true)),
        v("filterLabels only matches then limit", labels("gt", "confidence > 0.5", true), new Stage.Limit(3)),
        v("filterLabels keeping samples", labels("gt", "label == \"tumor\"", false)),
        v("filterLabels twice", labels("gt", "label == \"tumor\"", false), labels("gt", "confidence > 0.5", true)),
        v("filterLabels on a single label", labels("seg", "pixels > 0", true)),
        v("limit then filterLabels", new Stage.Limit(12), labels("gt", "not (label == \"cyst\")", true)),
        v("selectFields", new Stage.SelectFields(List.of(F.field("SliceLocation"), F.field("metadata.width")))),
        v("excludeFields", new Stage.ExcludeFields(List.of(F.field("gt"), F.field("metadata.width")))),
        v("selectFields then match a dropped field", new Stage.SelectFields(List.of(F.field("SliceLocation"))),
            match("Modality == \"MR\"")),
        v("excludeFields then sortBy it", new Stage.ExcludeFields(List.of(F.field("SliceLocation"))),
            sort("SliceLocation", false)),
        v("excludeFields then filterLabels it", new Stage.ExcludeFields(List.of(F.field("gt"))),
            labels("gt", "label == \"tumor\"", true)),
        v("toFrames", new Stage.ToFrames()),
        v("toFrames then match", new Stage.ToFrames(), match("frame_number > 1")),
        v("sortBy reverse then toFrames", sort("SliceLocation", true), new Stage.ToFrames()),
        v("match toFrames sortBy limit", match("Modality == \"MR\""), new Stage.ToFrames(),
            sort("area", false), new Stage.Limit(3)),
        v("toFrames skip", new Stage.ToFrames(), new Stage.Skip(2)),
        v("limit then toFrames", new Stage.Limit(4), new Stage.ToFrames()),
        v("toFrames selectFields", new Stage.ToFrames(), new Stage.SelectFields(List.of(F.field("area")))),
        v("toFrames take", new Stage.ToFrames(), new Stage.Take(4, 9)),
        v("take then toFrames", new Stage.Take(12, 7), new Stage.ToFrames()),
        v("excludeFields then toFrames", new Stage.ExcludeFields(List.of(F.field("area"))), new Stage.ToFrames(),
            sort("area", true)));
  }

  static Stream<Arguments> groupedViews() {
    return Stream.of(
        v("groupBy", group("PatientID", null, false)),
        v("groupBy orderBy", group("PatientID", "SliceLocation", false)),
        v("groupBy orderBy reverse", group("PatientID", "SliceLocation", true)),
        v("groupBy then a page of groups", group("PatientID", "SliceLocation", false), new Stage.Skip(1),
            new Stage.Limit(2)),
        v("sortBy then groupBy keeps the sort within groups", sort("SliceLocation", true), group("PatientID", null, false)),
        v("limit then groupBy", new Stage.Limit(15), group("PatientID", "InstanceNumber", false), new Stage.Limit(7)),
        v("match then groupBy", match("Modality == \"MR\""), group("Modality", "InstanceNumber", true)),
        v("groupBy mixed classes", group("SliceLocation", null, false)),
        v("groupBy an arithmetic key", new Stage.GroupBy(ExprParser.parse("SliceLocation * 2"), Optional.empty(), false)),
        v("groupBy a condition", new Stage.GroupBy(ExprParser.parse("SliceLocation > 2"),
            Optional.of(F.field("InstanceNumber")), false)),
        v("groupBy a nested field, skip some", group("stats.volume", null, false), new Stage.Skip(2)),
        v("groupBy, skip all", group("stats.volume", null, false), new Stage.Skip(50)),
        v("groupBy a constant", new Stage.GroupBy(F.lit(1), Optional.of(F.field("SliceLocation")), true)),
        v("match nothing then groupBy", match("InstanceNumber > 100"), group("PatientID", null, false)),
        v("toFrames then groupBy", new Stage.ToFrames(), group("sample_id", "frame_number", true)),
        v("take then groupBy", new Stage.Take(20, 5), group("Modality", null, false), new Stage.Skip(1)),
        v("groupBy then more stages", group("PatientID", "SliceLocation", false), new Stage.Limit(6),
            sort("InstanceNumber", false), group("Modality", null, false)));
  }

  private static Arguments v(String name, Stage... stages) {
    return Arguments.of(name, ViewSpec.of(stages));
  }

  private static Stage match(String expr) {
    return new Stage.Match(ExprParser.parse(expr));
  }

  private static Stage sort(String field, boolean reverse) {
    return new Stage.SortBy(F.field(field), reverse);
  }

  private static Stage labels(String field, String filter, boolean onlyMatches) {
    return new Stage.FilterLabels(F.field(field), ExprParser.parse(filter), onlyMatches);
  }

  private static Stage group(String key, String orderBy, boolean reverse) {
    return new Stage.GroupBy(F.field(key), Optional.ofNullable(orderBy).map(F::field), reverse);
  }
}
