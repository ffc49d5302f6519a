// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExprSqlAgreementSuite} on SQLite, and how SQLite plans the compiled conditions. */
class SqliteAgreementTest extends ExprSqlAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.SQLITE;
  }

  @Test
  void comparisonsWithAFieldUseAnExpressionIndexOnThatField() throws Exception {
    String indexed = "json_extract(doc, '$.\"SliceLocation\"')";
    try (var s = db.connection.createStatement()) {
      s.execute("CREATE INDEX IF NOT EXISTS slice ON samples (" + indexed + ")");
    }
    SqlFragment where = sql.where(ExprParser.parse("SliceLocation > 10"));
    assertThat(where.sql()).contains(indexed + " > ?");
    List<String> plan = db.rows("EXPLAIN QUERY PLAN SELECT id FROM samples WHERE "
        + where.sql().replace("?", "10"));
    assertThat(String.join("\n", plan)).contains("USING INDEX slice");
  }

  @Test
  void anIndexOnTheSortKeysServesTheSortWithoutATemporaryBtree() throws Exception {
    for (boolean reverse : new boolean[] {false, true}) {
      List<SqlFragment> keys = sql.sortKeys(F.field("InstanceNumber"), reverse);
      String columns = String.join(", ", keys.stream().map(SqlFragment::sql).toList());
      try (var s = db.connection.createStatement()) {
        s.execute("CREATE INDEX sort_" + reverse + " ON samples (" + columns + ")");
      }
      String q = "SELECT id FROM samples ORDER BY " + sql.orderBy(F.field("InstanceNumber"), reverse).sql();
      assertThat(String.join("\n", db.rows("EXPLAIN QUERY PLAN " + q)))
          .contains("USING INDEX sort_" + reverse).doesNotContain("TEMP B-TREE");
      try (var s = db.connection.createStatement()) {
        s.execute("DROP INDEX sort_" + reverse);
      }
    }
  }
}
