// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** What every command on one stored dataset takes: {@code --db} and {@code NAME} (a picocli mixin). */
final class DatasetArgs {
    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;

    /** Work of a command on the loaded dataset, printing to {@code out}; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Catalog catalog, Dataset ds, PrintWriter out) throws IOException;
    }

    /**
     * Opens the store, loads dataset {@code NAME} and runs {@code work} on it, with the errors of
     * {@link StoreOptions#run}: no such dataset, a bad expression or argument is one line, exit 1.
     */
    int run(CommandSpec spec, Work work) {
        return store.run(spec, (catalog, out) -> work.run(catalog, catalog.load(name), out));
    }
}
