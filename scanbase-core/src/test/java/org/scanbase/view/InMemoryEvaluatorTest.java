// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator on documents built in Java rather than read from JSON. */
class InMemoryEvaluatorTest {

  private static Map<String, Object> doc(Object... keyValues) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void readsAnyJavaNumberTypeAsItsValue() {
    Map<String, Object> d = doc("i", 3, "s", (short) 3, "f", 2.5f, "bd", new BigDecimal("2.5"),
        "bi", BigInteger.valueOf(3), "huge", BigInteger.ONE.shiftLeft(70));
    assertThat(InMemoryEvaluator.test(ExprParser.parse("i == 3 and s == 3 and bi == 3.0"), d)).isTrue();
    assertThat(InMemoryEvaluator.test(ExprParser.parse("f == 2.5 and bd == 2.5"), d)).isTrue();
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("huge"), d)).isEqualTo(Math.pow(2, 70));
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("i + 1"), d)).isEqualTo(4L);
  }

  @Test
  void followsNestedMapsAndStopsAtAnythingElse() {
    Map<String, Object> d = doc("metadata", doc("width", 256), "list", List.of(doc("x", 1)));
    assertThat(InMemoryEvaluator.evaluate(F.field("metadata.width"), d)).isEqualTo(256L);
    assertThat(InMemoryEvaluator.evaluate(F.field("metadata.width.x"), d)).isNull();
    assertThat(InMemoryEvaluator.evaluate(F.path("list", "0", "x"), d)).isNull();
  }

  @Test
  void overflowingIntegerArithmeticBecomesDouble() {
    Map<String, Object> d = doc("max", Long.MAX_VALUE, "min", Long.MIN_VALUE);
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("max + 1"), d)).isEqualTo(9.223372036854775807E18);
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("-min"), d)).isEqualTo(9.223372036854775807E18);
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("max - 1"), d)).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("7 / 2"), d)).isEqualTo(3.5);
    assertThat(InMemoryEvaluator.evaluate(ExprParser.parse("7 / 0.0"), d)).isNull();
  }

  @Test
  void comparesLongsAndDoublesExactly() {
    Map<String, Object> d = doc("n", 9007199254740993L);
    assertThat(InMemoryEvaluator.test(ExprParser.parse("n > 9007199254740992.0"), d)).isTrue();
    assertThat(InMemoryEvaluator.test(ExprParser.parse("n == 9007199254740992.0"), d)).isFalse();
  }

  @Test
  void ordersStringsByCodePointNotByUtf16Unit() {
    Map<String, Object> d = doc("emoji", "😀", "high", "\uffff");
    assertThat(InMemoryEvaluator.test(ExprParser.parse("emoji > high"), d)).isTrue();
  }

  @Test
  void sortsMissingLastInBothDirections() {
    List<Map<String, Object>> docs = new ArrayList<>(List.of(
        doc("id", "1", "v", 2), doc("id", "2"), doc("id", "3", "v", "a"), doc("id", "4", "v", 1.5),
        doc("id", "5", "v", true), doc("id", "6", "v", List.of()), doc("id", "7", "v", null)));
    docs.sort(InMemoryEvaluator.comparator(F.field("v"), false)
        .thenComparing(m -> (String) m.get("id")));
    assertThat(docs).extracting(m -> m.get("id")).containsExactly("4", "1", "3", "5", "6", "2", "7");
    docs.sort(InMemoryEvaluator.comparator(F.field("v"), true)
        .thenComparing(m -> (String) m.get("id")));
    assertThat(docs).extracting(m -> m.get("id")).containsExactly("6", "5", "3", "1", "4", "2", "7");
  }

  @Test
  void rejectsValuesThatAreNotJsonLike() {
    Map<String, Object> d = doc("t", new Object());
    assertThatThrownBy(() -> InMemoryEvaluator.evaluate(F.field("t"), d))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported value type");
  }

  @Test
  void literalsAcceptScalarsAndFlatListsOnly() {
    assertThat(F.lit(Arrays.asList(1, null, "x")).value()).isEqualTo(Arrays.asList(1L, null, "x"));
    assertThatThrownBy(() -> F.lit(List.of(List.of(1)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> F.lit(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> F.lit(Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> F.field("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> F.path("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> F.field("Modality").in("MR")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theJavaFrontDoorBuildsTheTreesTheParserReads() {
    assertThat(F.field("a").plus(1).times(F.field("b")).minus(2).div(3).neg())
        .isEqualTo(ExprParser.parse("-(((a + 1) * b - 2) / 3)"));
    assertThat(F.all(F.field("a"), F.field("b"), F.field("c"))).isEqualTo(ExprParser.parse("a and b and c"));
    assertThat(F.any()).isEqualTo(F.lit(false));
    assertThat(F.not(F.field("x").ne(null).or(F.field("y").le(2.5)).and(F.field("z").lt(F.field("w")))))
        .isEqualTo(ExprParser.parse("not ((x != null or y <= 2.5) and z < w)"));
    assertThat(F.field("metadata.width").ge(1)).isEqualTo(ExprParser.parse("metadata.width >= 1"));
    assertThat(F.contains(F.field("a"), "x")).isEqualTo(ExprParser.parse("contains(a, \"x\")"));
    assertThat(F.exists(F.field("a"))).isEqualTo(ExprParser.parse("exists(a)"));
  }
}
