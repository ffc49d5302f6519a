// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scanbase.store.postgres.PgTestDatabase;

/** {@link ConcurrentImportIT} with the App and the import sharing a PostgreSQL store. */
class ConcurrentImportPostgresIT extends ConcurrentImportIT {
  @RegisterExtension
  final PgTestDatabase pg = new PgTestDatabase();

  @Override
  AppFixture fixture() throws IOException {
    return AppFixture.start(dir -> pg.open(dir.resolve("media")));
  }
}
