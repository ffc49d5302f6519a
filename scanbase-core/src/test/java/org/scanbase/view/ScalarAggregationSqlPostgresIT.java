// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** {@link ScalarAggregationSqlSuite} on PostgreSQL (one pass per aggregation). */
class ScalarAggregationSqlPostgresIT extends ScalarAggregationSqlSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }
}
