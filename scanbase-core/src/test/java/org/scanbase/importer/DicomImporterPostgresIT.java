// SPDX-License-Identifier: Apache-2.0
package org.scanbase.importer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scanbase.dataset.Catalog;
import org.scanbase.store.postgres.PgTestDatabase;

/** Every test of {@link DicomImporterTest}, importing into a PostgreSQL store. */
class DicomImporterPostgresIT extends DicomImporterTest {
  @RegisterExtension
  final PgTestDatabase pg = new PgTestDatabase();

  @BeforeEach
  @Override
  void open() {
    catalog = new Catalog(pg.open(dir.resolve("home").resolve("media")));
  }
}
