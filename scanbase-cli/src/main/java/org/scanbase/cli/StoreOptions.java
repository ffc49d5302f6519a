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

    /** Work of a dataset command on the open catalog, printing to {@code out}; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Catalog catalog, java.io.PrintWriter out);
    }

    /**
     * Opens the catalog, runs {@code work} with the command's stdout, flushes it and closes the
     * catalog; a store error (no such dataset...) is a user error: one line, exit 1.
     */
    int run(picocli.CommandLine.Model.CommandSpec spec, Work work) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = open()) {
            int exit = work.run(catalog, out);
            out.flush();
            return exit;
        } catch (org.scanbase.store.StoreException e) {
            return Main.userError(spec, e);
        }
    }
}
