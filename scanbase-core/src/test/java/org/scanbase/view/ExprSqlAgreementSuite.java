// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every expression through {@link InMemoryEvaluator} and through SQL from
 * {@link SqlCompiler} on a real database (a subclass per backend) over the same documents, and asserts they
 * select the same samples in the same order. Where the rules in {@code package-info} decide a
 * result, the expected ids are also written out, as a third, independent opinion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExprSqlAgreementSuite {
  static final Map<String, String> DOCS = new LinkedHashMap<>();

  static {
    DOCS.put("a", """
        {"SliceLocation": 12.5, "Modality": "MR", "tags": ["review", "train"], "InstanceNumber": 3,
         "Manufacturer": "GE", "metadata": {"width": 256, "height": 256}, "flag": true,
         "PatientName": "Zoë"}""");
    DOCS.put("b", """
        {"SliceLocation": -4, "Modality": "CT", "tags": [], "InstanceNumber": 10,
         "Manufacturer": "SIEMENS", "metadata": {"width": 512}, "flag": false, "PatientName": "\\ufb00"}""");
    DOCS.put("c", """
        {"SliceLocation": null, "Modality": "MR", "tags": ["train"], "Manufacturer": "Philips",
         "flag": "true", "PatientName": "\\ud83d\\ude00x"}""");
    DOCS.put("d", """
        {"SliceLocation": "10", "Modality": "mr", "tags": "review", "InstanceNumber": 10.0,
         "metadata": "not a document", "nums": [1, 2.0, "3", null, true]}""");
    DOCS.put("e", "{}");
    DOCS.put("f", """
        {"SliceLocation": 10, "InstanceNumber": 9007199254740993, "big": 9223372036854775807,
         "tags": ["review", 1, null, true, ["nested"]], "nums": [10, 12.5], "Modality": "MRI"}""");
    DOCS.put("g", """
        {"Lung Mask": {"stats": {"1": {"volume_ml": 75.5}, "2": {"volume_ml": 12}}},
         "weird": {"a\\"b": 1, "it's": 2, "$": 3, "]": 4, "--": 5, "`": 6, "a.b": 7,
                   "back\\\\slash": 8, "x') OR 1=1 --": 9, "\\u0022": 10, "new\\nline": 11},
         "SliceLocation": 1e10, "Modality": "x' OR '1'='1"}""");
    DOCS.put("h", """
        {"SliceLocation": 0.0, "InstanceNumber": -0.0, "flag": null, "tags": ["REVIEW"],
         "metadata": {"width": 0, "height": 3}, "Modality": "MR\\u0000"}""");
  }

  SqlFixture db;
  SqlCompiler sql;

  /** The backend this suite runs on. */
  abstract SqlFixture.Backend backend();

  /** The documents by id, as JSON text. */
  Map<String, String> docs() {
    return DOCS;
  }

  @BeforeAll
  void open() throws Exception {
    db = new SqlFixture(backend(), docs(), List.of());
    sql = new SqlCompiler(db.dialect);
  }

  @AfterAll
  void close() throws Exception {
    db.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // typed comparisons: numbers only with numbers, missing is false
        c("SliceLocation > 10", "a", "g"),
        c("SliceLocation >= 10", "a", "f", "g"),
        c("SliceLocation < 0", "b"),
        c("SliceLocation == 10", "f"),
        c("SliceLocation == \"10\"", "d"),
        c("SliceLocation != 10", "a", "b", "c", "d", "e", "g", "h"),
        c("SliceLocation == null", "c", "e"),
        c("SliceLocation != null", "a", "b", "d", "f", "g", "h"),
        c("SliceLocation > 1e9", "g"),
        c("SliceLocation == 0", "h"),
        c("InstanceNumber == 10", "b", "d"),
        c("InstanceNumber == 0", "h"),
        c("InstanceNumber == 9007199254740992.0"),
        c("InstanceNumber > 9007199254740992", "f"),
        c("big == 9223372036854775807", "f"),
        c("big + 1 > 9223372036854775807", "f"),
        c("big * 2 > big", "f"),
        // strings: exact, case-sensitive, code-point order
        c("Modality == \"MR\"", "a", "c"),
        c("Modality != \"MR\"", "b", "d", "e", "f", "g", "h"),
        c("Modality < \"N\"", "a", "b", "c", "f", "h"),
        c("Modality > \"MR\"", "d", "f", "g", "h"),
        c("PatientName > \"\\uffff\"", "c"),
        c("PatientName > \"Z\"", "a", "b", "c"),
        c("Modality == \"x' OR '1'='1\"", "g"),
        c("Modality == \"MR\\u0000\"", "h"),
        // in, both ways
        c("Manufacturer in [\"GE\", \"SIEMENS\"]", "a", "b"),
        c("Manufacturer not in [\"GE\", \"SIEMENS\"]", "c", "d", "e", "f", "g", "h"),
        c("InstanceNumber in [3, 10]", "a", "b", "d"),
        c("InstanceNumber in [3.0, null]", "a", "c", "e", "g"),
        c("Manufacturer in []"),
        c("\"review\" in tags", "a", "f"),
        c("not \"review\" in tags", "b", "c", "d", "e", "g", "h"),
        c("1 in tags", "f"),
        c("true in tags", "f"),
        c("null in tags", "f"),
        c("\"nested\" in tags"),
        c("SliceLocation in nums", "f"),
        c("InstanceNumber in nums"),
        c("3 in weird"),
        c("Modality in tags"),
        c("flag in [true, \"true\"]", "a", "c"),
        // contains and exists
        c("contains(Modality, \"R\")", "a", "c", "f", "g", "h"),
        c("contains(Manufacturer, \"\")", "a", "b", "c"),
        c("contains(tags, \"review\")", "d"),
        c("contains(Modality, \"'\")", "g"),
        c("exists(SliceLocation)", "a", "b", "d", "f", "g", "h"),
        c("not exists(SliceLocation)", "c", "e"),
        c("exists(metadata.width)", "a", "b", "h"),
        c("exists(metadata.width.x)"),
        c("exists(flag)", "a", "b", "c"),
        // arithmetic
        c("metadata.width * metadata.height > 60000", "a"),
        c("metadata.width / 2 == 128", "a"),
        c("metadata.width / metadata.height == 0", "h"),
        c("metadata.width / 0 == null", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("InstanceNumber / 4 == 2.5", "b", "d"),
        c("InstanceNumber + 1 > 10", "b", "d", "f"),
        c("-SliceLocation > 0", "b"),
        c("-SliceLocation == -12.5", "a"),
        c("SliceLocation - -5 > 10", "a", "f", "g"),
        c("Modality + 1 == null", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("SliceLocation * 0 == 0", "a", "b", "f", "g", "h"),
        // booleans and two-valued logic
        c("flag", "a"),
        c("not flag", "b", "c", "d", "e", "f", "g", "h"),
        c("flag == true", "a"),
        c("flag == false", "b"),
        c("flag == \"true\"", "c"),
        c("flag and Modality == \"MR\"", "a"),
        c("flag or SliceLocation < 0", "a", "b"),
        c("not (SliceLocation > 10 or Modality == \"MR\")", "b", "d", "e", "f", "h"),
        c("(SliceLocation > 10) == false", "b", "c", "d", "e", "f", "h"),
        c("(SliceLocation > 10) == flag", "a", "b"),
        c("(\"review\" in tags) != (Modality == \"MR\")", "c", "f"),
        c("not not flag", "a"),
        c("flag < true"),
        // field against field, documents and lists
        c("SliceLocation == SliceLocation", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("InstanceNumber == SliceLocation", "c", "e", "h"),
        c("metadata.width > metadata.height"),
        c("metadata == metadata", "c", "d", "e", "f", "g"),
        c("tags == tags", "d", "e", "g"),
        c("nope == alsoNope", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("metadata.width.x == null", "a", "b", "c", "d", "e", "f", "g", "h"),
        // nested paths and names that need quoting
        c("`Lung Mask`.stats.`1`.volume_ml > 50", "g"),
        c("`Lung Mask`.stats.`2`.volume_ml == 12", "g"),
        c("weird.`a\"b` == 1", "g"),
        c("weird.`it's` == 2", "g"),
        c("weird.`$` == 3", "g"),
        c("weird.`]` == 4", "g"),
        c("weird.`--` == 5", "g"),
        c("weird.`\\`` == 6", "g"),
        c("weird.`a.b` == 7", "g"),
        c("weird.a.b == 7"),
        c("weird.`back\\\\slash` == 8", "g"),
        c("weird.`x') OR 1=1 --` == 9", "g"),
        c("weird.`\"` == 10", "g"),
        c("weird.`new\nline` == 11", "g"),
        // constants are folded, with the same meaning
        c("1 == 1", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("7 / 2 == 3.5", "a", "b", "c", "d", "e", "f", "g", "h"),
        c("1 == \"1\""),
        c("null"),
        c("true and SliceLocation > 10", "a", "g"));
  }

  private static Arguments c(String expr, String... expected) {
    return Arguments.of(expr, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sqlAndMemorySelectTheSameSamples(String text, List<String> expected) throws Exception {
    Expr e = ExprParser.parse(text);
    List<String> inMemory = new ArrayList<>();
    db.docs.forEach((id, doc) -> {
      if (InMemoryEvaluator.test(e, doc)) {
        inMemory.add(id);
      }
    });
    SqlFragment where = sql.where(e);
    assertThat(db.query(where, SqlFragment.of(""))).as("SQL: %s", where).isEqualTo(inMemory);
    assertThat(inMemory).as("the documented rules").isEqualTo(expected);
  }

  static Stream<Arguments> sortKeys() {
    return Stream.of("SliceLocation", "Modality", "InstanceNumber", "tags", "flag", "metadata",
        "metadata.width * 2", "metadata.width / metadata.height", "SliceLocation > 0",
        "nothing", "PatientName", "`Lung Mask`.stats", "1 + 1")
        .flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
  }

  @ParameterizedTest(name = "{0} reverse={1}")
  @MethodSource("sortKeys")
  void sqlAndMemorySortInTheSameOrder(String key, boolean reverse) throws Exception {
    Expr e = ExprParser.parse(key);
    Comparator<Map.Entry<String, Map<String, Object>>> byKey = (x, y) ->
        InMemoryEvaluator.compareSortKeys(InMemoryEvaluator.evaluate(e, x.getValue()),
            InMemoryEvaluator.evaluate(e, y.getValue()), reverse);
    List<String> inMemory = db.docs.entrySet().stream()
        .sorted(byKey.thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey).toList();
    SqlFragment orderBy = sql.orderBy(e, reverse);
    assertThat(db.query(db.all(), orderBy)).as("SQL: %s", orderBy).isEqualTo(inMemory);
  }

  private static final String[] FIELDS = {"SliceLocation", "Modality", "tags", "flag", "metadata",
      "metadata.width", "metadata.height", "nums", "InstanceNumber", "big", "PatientName", "missing"};
  private static final Object[] VALUES = {null, true, false, 0L, 10L, -4L, 12.5, 1e10, -0.0,
      Long.MAX_VALUE, 9007199254740993L, "", "MR", "10", "review", "R", "\ufb00", 3.0};

  private static Expr randomExpr(Random random, int depth) {
    int choice = random.nextInt(depth <= 0 ? 2 : 10);
    switch (choice) {
      case 0:
        return F.field(FIELDS[random.nextInt(FIELDS.length)]);
      case 1:
        if (random.nextInt(4) == 0) {
          return F.lit(java.util.Arrays.asList(VALUES[random.nextInt(VALUES.length)],
              VALUES[random.nextInt(VALUES.length)]));
        }
        return F.lit(VALUES[random.nextInt(VALUES.length)]);
      case 2:
        return new Expr.Unary(UnaryOp.values()[random.nextInt(2)], randomExpr(random, depth - 1));
      case 3:
        return new Expr.In(randomExpr(random, depth - 1), randomExpr(random, depth - 1));
      case 4:
        return new Expr.Contains(F.field(FIELDS[random.nextInt(FIELDS.length)]),
            String.valueOf(VALUES[11 + random.nextInt(6)]));
      case 5:
        return new Expr.Exists(F.field(FIELDS[random.nextInt(FIELDS.length)]));
      default:
        BinaryOp op = BinaryOp.values()[random.nextInt(BinaryOp.values().length)];
        return new Expr.Binary(op, randomExpr(random, depth - 1), randomExpr(random, depth - 1));
    }
  }

  @Test
  void randomExpressionsSelectAndSortTheSameInSqlAndInMemory() throws Exception {
    Random random = new Random(20240531);
    for (int i = 0; i < 3000; i++) {
      Expr e = randomExpr(random, 4);
      List<String> inMemory = new ArrayList<>();
      db.docs.forEach((id, doc) -> {
        if (InMemoryEvaluator.test(e, doc)) {
          inMemory.add(id);
        }
      });
      SqlFragment where = sql.where(e);
      assertThat(db.query(where, SqlFragment.of(""))).as("%s\n%s", e, where).isEqualTo(inMemory);

      boolean reverse = random.nextBoolean();
      Comparator<Map.Entry<String, Map<String, Object>>> byKey = (x, y) ->
          InMemoryEvaluator.compareSortKeys(InMemoryEvaluator.evaluate(e, x.getValue()),
              InMemoryEvaluator.evaluate(e, y.getValue()), reverse);
      List<String> sorted = db.docs.entrySet().stream()
          .sorted(byKey.thenComparing(Map.Entry::getKey)).map(Map.Entry::getKey).toList();
      SqlFragment orderBy = sql.orderBy(e, reverse);
      assertThat(db.query(db.all(), orderBy)).as("sort by %s\n%s", e, orderBy)
          .isEqualTo(sorted);
    }
  }

  @Test
  void sortPutsNumbersThenStringsThenBooleansAndMissingLastBothWays() throws Exception {
    // SliceLocation: a 12.5, b -4, c null, d "10", e missing, f 10, g 1e10, h 0.0
    assertThat(db.query(db.all(), sql.orderBy(F.field("SliceLocation"), false)))
        .containsExactly("b", "h", "f", "a", "g", "d", "c", "e");
    assertThat(db.query(db.all(), sql.orderBy(F.field("SliceLocation"), true)))
        .containsExactly("d", "g", "a", "f", "h", "b", "c", "e");
    // flag: a true, b false, c "true", others missing or null
    assertThat(db.query(db.all(), sql.orderBy(F.field("flag"), false)))
        .containsExactly("c", "b", "a", "d", "e", "f", "g", "h");
  }

  @Test
  void valueAsReadsOnlyValuesOfThatClass() throws Exception {
    SqlFragment number = sql.valueAs(F.field("SliceLocation"), ValueKind.NUMBER);
    List<String> rows = db.rows("SELECT id, " + number.sql() + " FROM samples ORDER BY id");
    assertThat(rows).containsExactly("a|12.5", "b|-4", "c|null", "d|null", "e|null", "f|10",
        "g|10000000000.0", "h|0.0");
  }
}
