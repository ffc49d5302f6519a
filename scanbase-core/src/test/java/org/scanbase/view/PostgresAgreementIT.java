// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link ExprSqlAgreementSuite} on PostgreSQL (JSONB), and how PostgreSQL plans the compiled
 * conditions. JSONB cannot hold U+0000, so the one string with it here holds U+0001 instead,
 * which sorts the same against every other string of the suite.
 */
class PostgresAgreementIT extends ExprSqlAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }

  @Override
  Map<String, String> docs() {
    Map<String, String> out = new LinkedHashMap<>();
    DOCS.forEach((id, json) -> out.put(id, json.replace("\\u0000", "\\u0001")));
    return out;
  }

  /** The suite's cases, with U+0001 for U+0000 (a static of the same name hides the suite's). */
  static Stream<Arguments> cases() {
    return ExprSqlAgreementSuite.cases().map(a -> {
      Object[] args = a.get();
      return Arguments.of(((String) args[0]).replace("\\u0000", "\\u0001"), args[1]);
    });
  }

  @Test
  void comparisonsWithAFieldUseAnExpressionIndexOnTheTypedValue() throws Exception {
    List<String> terms = db.dialect.field("doc", List.of("SliceLocation")).valueIndexes().get(0);
    try (var s = db.connection.createStatement()) {
      s.execute("CREATE INDEX slice_number ON samples ((" + terms.get(0) + "))");
      s.execute("SET enable_seqscan = off");
    }
    try {
      SqlFragment where = sql.where(ExprParser.parse("SliceLocation > 10"));
      assertThat(where.sql()).contains(terms.get(0));
      List<String> plan = db.rows("EXPLAIN SELECT id FROM samples WHERE " + where.sql().replace("?", "10"));
      assertThat(String.join("\n", plan)).contains("slice_number");
      assertThat(db.query(where, SqlFragment.of(""))).containsExactly("a", "g");
    } finally {
      try (var s = db.connection.createStatement()) {
        s.execute("RESET enable_seqscan");
        s.execute("DROP INDEX slice_number");
      }
    }
  }

  @Test
  void anIndexOnTheSortKeysServesTheSortWithoutSorting() throws Exception {
    for (boolean reverse : new boolean[] {false, true}) {
      List<SqlFragment> keys = sql.sortKeys(F.field("InstanceNumber"), reverse);
      String columns = String.join(", ", keys.stream().map(k -> "(" + k.sql() + ")").toList());
      try (var s = db.connection.createStatement()) {
        s.execute("CREATE INDEX sort_" + reverse + " ON samples (" + columns + ", seq)");
        s.execute("SET enable_seqscan = off");
      }
      String q = "SELECT id FROM samples ORDER BY " + sql.orderBy(F.field("InstanceNumber"), reverse).sql()
          + (reverse ? ", seq DESC" : ", seq ASC") + " LIMIT 3";
      assertThat(String.join("\n", db.rows("EXPLAIN " + q)))
          .contains("sort_" + reverse).doesNotContain("Sort Key");
      try (var s = db.connection.createStatement()) {
        s.execute("RESET enable_seqscan");
        s.execute("DROP INDEX sort_" + reverse);
      }
    }
  }
}
