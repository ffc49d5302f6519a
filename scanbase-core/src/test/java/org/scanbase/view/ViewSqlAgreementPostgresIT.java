// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** {@link ViewSqlAgreementSuite} on PostgreSQL (the server of SCANBASE_TEST_PG). */
class ViewSqlAgreementPostgresIT extends ViewSqlAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }
}
