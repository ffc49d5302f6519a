// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** {@link ViewSqlAgreementSuite} on SQLite. */
class ViewSqlAgreementTest extends ViewSqlAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.SQLITE;
  }
}
