// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.scanbase.dataset.Catalog;
import org.scanbase.store.StoreException;
import org.scanbase.store.Stores;
import org.scanbase.view.ExprSyntaxException;
import picocli.CommandLine.Model.CommandSpec;
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
        int run(Catalog catalog, PrintWriter out) throws IOException;
    }

    /**
     * Opens the catalog, runs {@code work} with the command's stdout, flushes it and closes the
     * catalog. A store error (no such dataset...), an expression that does not parse, any other
     * bad argument and an I/O error are user errors: one line on stderr, exit 1.
     */
    int run(CommandSpec spec, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = open()) {
            int exit = work.run(catalog, out);
            out.flush();
            return exit;
        } catch (ExprSyntaxException e) {
            return Main.userError(spec, DatasetViews.badExpression(e));
        } catch (StoreException | IllegalArgumentException | IOException e) {
            return Main.userError(spec, e);
        }
    }
}
