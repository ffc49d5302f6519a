// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link ScalarAggregationSqlSuite} on PostgreSQL reading each field from its value table
 * (what the PostgreSQL store keeps per indexed field), filled by {@link ValueTableSql#fill}.
 */
class ScalarAggregationSqlValueTablePostgresIT extends ScalarAggregationSqlSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }

  @Override
  String valueTable(String f) {
    return "values_" + f;
  }

  @Override
  void addValueTables(Statement st, List<String> fields) throws SQLException {
    for (String f : fields) {
      st.execute(ValueTableSql.create("values_" + f));
      st.execute(ValueTableSql.fill("values_" + f, "samples", List.of(f)));
    }
    assertThat(st.getConnection().getAutoCommit()).as("VACUUM needs autocommit").isTrue();
    st.execute("VACUUM (ANALYZE) samples");
  }
}
