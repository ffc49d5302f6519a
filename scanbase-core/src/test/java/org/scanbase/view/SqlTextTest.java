// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text of generated SQL: values only ever as parameters, field names only inside escaped
 * string literals, for both dialects. PostgreSQL runs against a real server in a later issue;
 * here its SQL is checked as text.
 */
class SqlTextTest {
  private static final SqlCompiler SQLITE = new SqlCompiler(SqlDialect.SQLITE);
  private static final SqlCompiler POSTGRES = new SqlCompiler(SqlDialect.POSTGRESQL);

  @Test
  void sqliteComparesAFieldWithATypeGuardAndAParameter() {
    SqlFragment where = SQLITE.where(ExprParser.parse("SliceLocation > 10"));
    assertThat(where.sql()).isEqualTo("(json_extract(doc, '$.\"SliceLocation\"') > ?"
        + " AND json_type(doc, '$.\"SliceLocation\"') IN ('integer', 'real'))");
    assertThat(where.params()).containsExactly(10L);
  }

  @Test
  void postgresReadsNumbersUnderACaseOnTheirJsonbType() {
    SqlFragment where = POSTGRES.where(ExprParser.parse("metadata.width >= 2.5"));
    assertThat(where.sql()).isEqualTo("CASE WHEN jsonb_typeof((doc -> 'metadata' -> 'width')) = 'number'"
        + " THEN ((doc -> 'metadata' -> 'width') #>> '{}')::numeric END >= CAST(? AS numeric)");
    assertThat(where.params()).containsExactly(2.5);
  }

  @Test
  void postgresComparesStringsInTheCCollation() {
    SqlFragment where = POSTGRES.where(ExprParser.parse("Modality < \"N\""));
    assertThat(where.sql()).isEqualTo("(CASE WHEN jsonb_typeof((doc -> 'Modality')) = 'string'"
        + " THEN (doc -> 'Modality') #>> '{}' END COLLATE \"C\") < CAST(? AS text)");
  }

  @Test
  void postgresScansListFieldsOnlyWhenTheyAreArrays() {
    SqlFragment where = POSTGRES.where(ExprParser.parse("\"review\" in tags"));
    assertThat(where.sql()).isEqualTo("((jsonb_typeof((doc -> 'tags')) = 'array') AND EXISTS (SELECT 1 FROM"
        + " jsonb_array_elements(CASE WHEN jsonb_typeof((doc -> 'tags')) = 'array' THEN (doc -> 'tags')"
        + " ELSE '[]'::jsonb END) AS je1(v) WHERE CAST(? AS text) = (CASE WHEN jsonb_typeof(je1.v) = 'string'"
        + " THEN je1.v #>> '{}' END COLLATE \"C\")))");
    assertThat(where.params()).containsExactly("review");
  }

  @Test
  void postgresMissingAndNullAreOneAndLogicIsTwoValued() {
    assertThat(POSTGRES.where(ExprParser.parse("exists(a)")).sql())
        .isEqualTo("(COALESCE(jsonb_typeof((doc -> 'a')), 'null') <> 'null')");
    assertThat(POSTGRES.where(ExprParser.parse("a != null")).sql())
        .isEqualTo("(NOT COALESCE((COALESCE(jsonb_typeof((doc -> 'a')), 'null') = 'null'), FALSE))");
    assertThat(POSTGRES.where(ExprParser.parse("flag")).sql()).isEqualTo("((doc -> 'flag') = 'true'::jsonb)");
    assertThat(POSTGRES.where(ExprParser.parse("a / b > 1")).sql()).contains(" / NULLIF(");
    assertThat(POSTGRES.where(ExprParser.parse("contains(a, \"x\")")).sql()).startsWith("(strpos(");
  }

  @Test
  void postgresSortsWithOneTermPerValueClass() {
    SqlFragment order = POSTGRES.orderBy(F.field("SliceLocation"), true);
    assertThat(order.sql()).startsWith("CASE jsonb_typeof((doc -> 'SliceLocation')) WHEN 'number' THEN 0")
        .contains("ELSE -1 END DESC, CASE WHEN")
        .contains("::numeric END DESC, (CASE")
        .endsWith("::boolean END DESC");
  }

  @Test
  void sqliteSortsByClassRankThenValue() {
    assertThat(SQLITE.orderBy(F.field("a"), false).sql()).isEqualTo(
        "CASE json_type(doc, '$.\"a\"') WHEN 'integer' THEN 0 WHEN 'real' THEN 0 WHEN 'text' THEN 1"
        + " WHEN 'true' THEN 2 WHEN 'false' THEN 2 WHEN 'array' THEN 3 WHEN 'object' THEN 3 ELSE 4 END ASC,"
        + " CASE WHEN json_type(doc, '$.\"a\"') IN ('array', 'object') THEN NULL"
        + " ELSE json_extract(doc, '$.\"a\"') END ASC");
    assertThat(SQLITE.orderBy(F.lit(3), false).sql()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x' OR '1'='1", "'; DROP TABLE samples; --", "\\' OR 1=1 --", "$[0]", "\" OR \"1\"=\"1", "`; DROP"})
  void stringValuesNeverAppearInTheSql(String hostile) {
    Expr e = F.field("Modality").eq(hostile).or(F.field("tags").contains(hostile))
        .or(F.lit(hostile).in(F.field("tags"))).or(F.field("a").in(List.of(hostile, 1)));
    for (SqlCompiler compiler : List.of(SQLITE, POSTGRES)) {
      SqlFragment where = compiler.where(e);
      assertThat(where.sql()).doesNotContain(hostile);
      assertThat(where.params()).contains(hostile);
      assertThat(where.sql().chars().filter(c -> c == '?').count()).isEqualTo(where.params().size());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"x') OR 1=1 --", "it's", "a\"b", "$", "]", "[0]", "--", "`", "a.b", "\\",
      "\\'", "'' OR ''='", "${x}", "\n"})
  void fieldNamesStayInsideOneStringLiteral(String hostile) {
    Expr e = F.path("weird", hostile).gt(1);
    String sqlite = SQLITE.where(e).sql();
    // outside the string literals there is only the fixed SQL of the comparison
    assertThat(stripLiterals(sqlite, false)).isEqualTo(
        "(json_extract(doc, '') > ? AND json_type(doc, '') IN ('', ''))");
    String postgres = POSTGRES.where(e).sql();
    assertThat(stripLiterals(postgres, true)).isEqualTo(
        "CASE WHEN jsonb_typeof((doc -> '' -> '')) = '' THEN ((doc -> '' -> '') #>> '')::numeric END"
        + " > CAST(? AS numeric)");
  }

  /** Removes the contents of SQL string literals ('...' with '' inside; E'...' with \ escapes). */
  private static String stripLiterals(String sql, boolean postgres) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      boolean escaped = postgres && c == 'E' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'';
      if (escaped) {
        i++;
        c = '\'';
      }
      out.append(c);
      if (c != '\'') {
        continue;
      }
      int j = i + 1;
      while (true) {
        char d = sql.charAt(j);
        if (escaped && d == '\\') {
          j += 2;
        } else if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
          j += 2;
        } else if (d == '\'') {
          break;
        } else {
          j++;
        }
      }
      out.append('\'');
      i = j;
    }
    return out.toString();
  }

  @Test
  void postgresWritesBackslashesInEscapeStringLiterals() {
    assertThat(PostgresDialect.stringLiteral("a\\'b")).isEqualTo("E'a\\\\''b'");
    assertThat(PostgresDialect.stringLiteral("it's")).isEqualTo("'it''s'");
  }

  @Test
  void sqliteWritesQuotesAndBackslashesInPathsAsJsonEscapes() {
    assertThat(SqliteDialect.jsonPath(List.of("a\"b", "c\\d", "e.f"))).isEqualTo("$.\"a\\u0022b\".\"c\\u005cd\".\"e.f\"");
  }

  @Test
  void rejectsADocumentColumnThatIsNotAName() {
    assertThatThrownBy(() -> new SqlCompiler(SqlDialect.SQLITE, "doc; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SqlCompiler(SqlDialect.SQLITE, "s.doc").where(F.field("a").exists()).sql())
        .isEqualTo("(json_extract(s.doc, '$.\"a\"') IS NOT NULL)");
  }

  @Test
  void foldsFieldFreeExpressionsToTheirValue() {
    assertThat(SQLITE.where(ExprParser.parse("1 + 1 == 2")).sql()).isEqualTo("1");
    assertThat(POSTGRES.where(ExprParser.parse("1 == \"1\"")).sql()).isEqualTo("FALSE");
    assertThat(SQLITE.where(ExprParser.parse("a == 2 * 3")).params()).containsExactly(6L);
  }
}
