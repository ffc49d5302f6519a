// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AggregationAgreementSuite} on SQLite, and how SQLite plans the aggregations. */
class AggregationAgreementTest extends AggregationAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.SQLITE;
  }

  @Test
  void countValuesHistogramAndBoundsOfAPlainFieldScanOnlyItsIndex() throws Exception {
    try (var st = db.connection.createStatement()) {
      List<String> terms = SqlDialect.SQLITE.field("doc", List.of("Manufacturer")).valueIndexes().get(0);
      st.execute("CREATE INDEX agg_manufacturer ON samples (" + String.join(", ", terms) + ")");
      st.execute("ANALYZE samples");
    }
    try {
      Expr.Field maker = F.field("Manufacturer");
      for (Aggregation a : List.of(new Aggregation.CountValues(maker, 10), new Aggregation.Bounds(maker),
          new Aggregation.Histogram(maker, 10), new Aggregation.Distinct(maker))) {
        List<String> plan = plan(sql.compile(a, View.ALL.select(db.dialect)));
        assertThat(plan).as("%s: %s", a, plan)
            .anyMatch(line -> line.contains("SCAN samples USING COVERING INDEX agg_manufacturer"))
            .noneMatch(line -> line.matches(".*(SCAN|SEARCH) samples( |$)(?!USING COVERING).*"));
      }
    } finally {
      try (var st = db.connection.createStatement()) {
        st.execute("DROP INDEX agg_manufacturer");
      }
    }
  }

  private List<String> plan(SqlFragment q) throws Exception {
    try (PreparedStatement st = db.connection.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
      for (int i = 0; i < q.params().size(); i++) {
        st.setObject(i + 1, q.params().get(i));
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(4));
        }
      }
      return lines;
    }
  }
}
