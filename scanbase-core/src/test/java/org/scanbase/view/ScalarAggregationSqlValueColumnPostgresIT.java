// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link ScalarAggregationSqlSuite} on PostgreSQL reading each field from a stored generated
 * column with its own index (what the PostgreSQL store adds per indexed field), after a VACUUM
 * so that the reads are index-only scans.
 */
class ScalarAggregationSqlValueColumnPostgresIT extends ScalarAggregationSqlSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }

  @Override
  String valueColumn(String f) {
    return "v_" + f;
  }

  @Override
  void addValueColumns(Statement st, List<String> fields) throws SQLException {
    for (String f : fields) {
      st.execute("ALTER TABLE samples ADD COLUMN v_" + f + " jsonb GENERATED ALWAYS AS (doc -> '" + f + "') STORED");
      st.execute("CREATE INDEX i_v_" + f + " ON samples (v_" + f + ")");
    }
    assertThat(st.getConnection().getAutoCommit()).as("VACUUM needs autocommit").isTrue();
    st.execute("VACUUM (ANALYZE) samples");
  }
}
