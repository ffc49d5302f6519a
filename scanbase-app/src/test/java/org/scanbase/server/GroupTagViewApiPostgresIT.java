// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scanbase.store.postgres.PgTestDatabase;

/** Every test of {@link GroupTagViewApiTest}, with the App over a PostgreSQL store. */
class GroupTagViewApiPostgresIT extends GroupTagViewApiTest {
  @RegisterExtension
  static final PgTestDatabase PG = PgTestDatabase.perClass();

  @BeforeAll
  static void start() throws Exception {
    fx = AppFixture.start(dir -> PG.open(dir.resolve("media")));
  }
}
