// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import org.scanbase.dataset.Catalog;
import org.scanbase.store.Stores;
import picocli.CommandLine.Option;

/**
 * The {@code --db} option every dataset command takes: a database URL, else {@code SCANBASE_DB},
 * else SQLite under {@code $SCANBASE_HOME} (default {@code ~/.scanbase}).
 */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "URL",
            description = "Database: a SQLite file (sqlite:/path.db) or postgresql://user@host:port/db. "
                    + "Default: SCANBASE_DB, else $SCANBASE_HOME/scanbase.db.")
    String db;

    /** Opens the catalog; the caller closes it. */
    Catalog open() {
        return new Catalog(Stores.open(db));
    }
}
