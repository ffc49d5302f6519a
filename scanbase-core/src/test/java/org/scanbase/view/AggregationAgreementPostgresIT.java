// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

/** {@link AggregationAgreementSuite} on PostgreSQL (JSONB). */
class AggregationAgreementPostgresIT extends AggregationAgreementSuite {
  @Override
  SqlFixture.Backend backend() {
    return SqlFixture.Backend.POSTGRESQL;
  }
}
