// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprParserTest {

  private static Expr.Field f(String... path) {
    return new Expr.Field(Arrays.asList(path));
  }

  private static Expr.Literal lit(Object v) {
    return new Expr.Literal(v);
  }

  @Test
  void readsTheSeedQueryAsTheJavaApiBuildsIt() {
    Expr parsed = ExprParser.parse("SliceLocation > 10 and Modality == \"MR\" and \"review\" in tags");
    Expr built = F.field("SliceLocation").gt(10).and(F.field("Modality").eq("MR"))
        .and(F.lit("review").in(F.field("tags")));
    assertThat(parsed).isEqualTo(built);
  }

  @Test
  void bindsOrLooserThanAndLooserThanNotLooserThanComparisons() {
    assertThat(ExprParser.parse("a or b and not c == 1")).isEqualTo(
        new Expr.Binary(BinaryOp.OR, f("a"), new Expr.Binary(BinaryOp.AND, f("b"),
            new Expr.Unary(UnaryOp.NOT, new Expr.Binary(BinaryOp.EQ, f("c"), lit(1))))));
  }

  @Test
  void bindsMultiplicationTighterThanAdditionAndGroupsToTheLeft() {
    assertThat(ExprParser.parse("a - b - c * d / 2 > 0")).isEqualTo(
        new Expr.Binary(BinaryOp.GT,
            new Expr.Binary(BinaryOp.SUB, new Expr.Binary(BinaryOp.SUB, f("a"), f("b")),
                new Expr.Binary(BinaryOp.DIV, new Expr.Binary(BinaryOp.MUL, f("c"), f("d")), lit(2))),
            lit(0)));
  }

  @Test
  void parenthesesOverrideTheUsualBinding() {
    assertThat(ExprParser.parse("(a or b) and c")).isEqualTo(
        new Expr.Binary(BinaryOp.AND, new Expr.Binary(BinaryOp.OR, f("a"), f("b")), f("c")));
  }

  @Test
  void readsNestedAndBacktickedFieldNames() {
    assertThat(ExprParser.parse("`Lung Mask`.stats.`1`.volume_ml > 50")).isEqualTo(
        new Expr.Binary(BinaryOp.GT, f("Lung Mask", "stats", "1", "volume_ml"), lit(50)));
    assertThat(ExprParser.parse("metadata . width")).isEqualTo(f("metadata", "width"));
    assertThat(ExprParser.parse("`a\\`b\\\\c`")).isEqualTo(f("a`b\\c"));
    assertThat(ExprParser.parse("`and`")).isEqualTo(f("and"));
  }

  @Test
  void readsLiteralsOfEveryKind() {
    assertThat(ExprParser.parse("null")).isEqualTo(Expr.Literal.NULL);
    assertThat(ExprParser.parse("TRUE")).isEqualTo(lit(true));
    assertThat(ExprParser.parse("false")).isEqualTo(lit(false));
    assertThat(ExprParser.parse("42")).isEqualTo(lit(42L));
    assertThat(ExprParser.parse("-42")).isEqualTo(lit(-42L));
    assertThat(ExprParser.parse("-9223372036854775808")).isEqualTo(lit(Long.MIN_VALUE));
    assertThat(ExprParser.parse("9223372036854775808")).isEqualTo(lit(9.223372036854775808E18));
    assertThat(ExprParser.parse("2.5e-3")).isEqualTo(lit(0.0025));
    assertThat(ExprParser.parse("1E3")).isEqualTo(lit(1000.0));
    assertThat(ExprParser.parse("-(5)")).isEqualTo(new Expr.Unary(UnaryOp.NEG, lit(5)));
    assertThat(ExprParser.parse("\"a\\\"b\\\\c\\n\\u00e9\"")).isEqualTo(lit("a\"b\\c\né"));
    assertThat(ExprParser.parse("'it\\'s'")).isEqualTo(lit("it's"));
    assertThat(ExprParser.parse("''")).isEqualTo(lit(""));
    assertThat(ExprParser.parse("[\"GE\", -1, 2.5, true, null]"))
        .isEqualTo(lit(Arrays.asList("GE", -1L, 2.5, true, null)));
    assertThat(ExprParser.parse("[]")).isEqualTo(lit(List.of()));
  }

  @Test
  void readsInBothWaysAndNotIn() {
    assertThat(ExprParser.parse("Manufacturer in [\"GE\", \"SIEMENS\"]"))
        .isEqualTo(F.field("Manufacturer").in(List.of("GE", "SIEMENS")));
    assertThat(ExprParser.parse("\"review\" in tags"))
        .isEqualTo(new Expr.In(lit("review"), f("tags")));
    assertThat(ExprParser.parse("Manufacturer not in [\"GE\"]"))
        .isEqualTo(F.field("Manufacturer").in(List.of("GE")).not());
  }

  @Test
  void readsContainsAndExists() {
    assertThat(ExprParser.parse("contains(SeriesDescription, \"T1\") and exists(metadata.width)"))
        .isEqualTo(F.field("SeriesDescription").contains("T1")
            .and(F.field("metadata.width").exists()));
    assertThat(ExprParser.parse("Exists(`x y`)")).isEqualTo(new Expr.Exists(f("x y")));
  }

  @ParameterizedTest(name = "[{0}] -> column {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "SliceLocation >        | 16 | expected a value at column 16: found the end",
      "SliceLocation > and 1  | 17 | expected a value at column 17: found the keyword 'and'",
      "(a == 1                | 8  | expected ')' at column 8: found the end",
      "a == 1 b               | 8  | expected an operator or the end at column 8: found 'b'",
      "a = 1                  | 3  | use '==' to compare at column 3",
      "a == \"open             | 6  | unterminated string at column 6",
      "a < b < c              | 7  | comparisons cannot be chained at column 7: add parentheses",
      "foo(a)                 | 1  | unknown function 'foo' at column 1: known: contains, exists",
      "contains(a, 3)         | 13 | expected a string as the second argument of contains at column 13",
      "a.1                    | 3  | expected a field name at column 3",
      "[a]                    | 2  | expected a number, string, true, false or null in the list at column 2",
      "``                     | 1  | empty field name at column 1",
      "\"\\q\"                | 2  | unknown escape '\\q' at column 2",
      "1.                     | 3  | expected a digit after the decimal point at column 3",
      "a && b                 | 3  | use 'and' at column 3",
      "é > 1                  | 1  | unexpected character 'é' at column 1",
  })
  void reportsTheColumnOfSyntaxErrors(String input, int column, String message) {
    assertThatThrownBy(() -> ExprParser.parse(input))
        .isInstanceOfSatisfying(ExprSyntaxException.class, e -> {
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.getMessage()).startsWith(message);
          assertThat(e.getMessage()).doesNotContain("\n");
        });
  }

  @Test
  void showsACaretUnderTheColumnOfTheError() {
    ExprSyntaxException e = null;
    try {
      ExprParser.parse("SliceLocation > ");
    } catch (ExprSyntaxException thrown) {
      e = thrown;
    }
    assertThat(e).isNotNull();
    assertThat(e.excerpt()).isEqualTo("SliceLocation > \n                ^");
  }

  @Test
  void rejectsAnEmptyExpression() {
    assertThatThrownBy(() -> ExprParser.parse("   "))
        .isInstanceOf(ExprSyntaxException.class).hasMessage("expected an expression at column 4");
  }
}
