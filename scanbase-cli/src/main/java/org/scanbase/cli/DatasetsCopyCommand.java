// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.store.Store;
import org.scanbase.store.StoreCopy;
import org.scanbase.store.StoreException;
import org.scanbase.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase datasets copy NAME --from DB --to DB [--json]}: copies a dataset between
 * stores (record, samples with their ids and frames, saved views, indexes). A DB is
 * {@code sqlite} (the default SQLite file), a path or {@code sqlite:} URL, or a
 * {@code postgresql://} URL. {@code --json} prints {@code {"dataset", "from", "to", "samples",
 * "frames", "saved_views", "indexes"}}.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy a dataset to another store, e.g. --from sqlite --to postgresql://user@host:5432/db.")
final class DatasetsCopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;

    @Option(names = "--from", paramLabel = "DB",
            description = "Source store: sqlite, a SQLite file, or postgresql://... Default: --db / SCANBASE_DB / sqlite.")
    String from;

    @Option(names = "--to", paramLabel = "DB", required = true,
            description = "Target store: sqlite, a SQLite file, or postgresql://user@host:port/db.")
    String to;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        try (Store source = Stores.open(from); Store target = Stores.open(to)) {
            if (source.location().equals(target.location())) {
                throw new StoreException("--from and --to are the same store: " + source.location());
            }
            StoreCopy.Result r = StoreCopy.copy(source, target, name, ProgressBars.forTerminal());
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("dataset", r.dataset());
                doc.put("from", source.location());
                doc.put("to", target.location());
                doc.put("samples", r.samples());
                doc.put("frames", r.frames());
                doc.put("saved_views", r.savedViews());
                doc.put("indexes", r.indexes());
                out.println(Json.write(doc));
            } else {
                out.printf("copied %s: %,d samples, %,d frames, %d saved views, %d indexes%n  from %s%n  to   %s%n",
                        r.dataset(), r.samples(), r.frames(), r.savedViews(), r.indexes(),
                        source.location(), target.location());
            }
            out.flush();
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
            return Main.userError(spec, e);
        }
    }
}
