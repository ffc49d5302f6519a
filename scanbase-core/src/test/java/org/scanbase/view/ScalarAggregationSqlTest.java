// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** {@link ScalarAggregationSqlSuite} on SQLite (its value indexes answer alone). */
class ScalarAggregationSqlTest extends ScalarAggregationSqlSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.SQLITE;
  }
}
