// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.store.DatasetRecord;
import org.scanbase.store.StoreException;
import org.scanbase.view.ViewSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase datasets list|info|delete [NAME] [--json]}: the datasets of the store. JSON
 * shapes (DESIGN.md): list gives {@code [{"name", "media_type", "samples"}]}; info gives
 * {@code {"name", "media_type", "samples", "fields", "mask_targets"}} plus {@code created_at},
 * {@code indexes} and {@code saved_views}.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, describe, delete or copy datasets.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.InfoCommand.class,
                DatasetsCommand.DeleteCommand.class, DatasetsCopyCommand.class})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: list, info, delete or copy");
    }

    /** {@code datasets list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets with their sizes.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() {
            return store.run(spec, (catalog, out) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DatasetRecord r : catalog.store().datasets()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put("media_type", r.mediaType());
                row.put("samples", catalog.store().count(r.name(), ViewSpec.of()));
                rows.add(row);
            }
            if (json) {
                out.println(Json.write(rows));
            } else {
                for (Map<String, Object> row : rows) {
                    out.printf("%-40s %-7s %,d samples%n", row.get("name"), row.get("media_type"), row.get("samples"));
                }
            }
                return 0;
            });
        }
    }

    /** {@code datasets info NAME}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show a dataset: size, field schema with types, mask targets, indexes, saved views.")
    static final class InfoCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatasetArgs dataset;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() {
            return dataset.run(spec, (catalog, ds, out) -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", ds.name());
            doc.put("media_type", ds.mediaType().code());
            doc.put("samples", ds.count());
            doc.put("fields", ds.schema());
            doc.put("mask_targets", ds.maskTargets());
            doc.put("indexes", ds.indexes().stream().map(i -> i.expression()).toList());
            doc.put("saved_views", ds.savedViewNames());
            if (json) {
                out.println(Json.write(doc));
            } else {
                out.printf("%s: %s dataset, %,d samples%n", ds.name(), ds.mediaType().code(), ds.count());
                out.println("fields:");
                ds.schema().forEach((f, t) -> out.printf("  %-40s %s%n", f, t));
                if (!ds.maskTargets().isEmpty()) {
                    out.println("mask targets:");
                    ds.maskTargets().forEach((f, t) -> out.printf("  %s: %s%n", f, t));
                }
                if (!ds.indexes().isEmpty()) {
                    out.println("indexes: " + doc.get("indexes"));
                }
                if (!ds.savedViewNames().isEmpty()) {
                    out.println("saved views: " + ds.savedViewNames());
                }
            }
                return 0;
            });
        }
    }

    /** {@code datasets delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a dataset (its samples and generated media; source files are kept).")
    static final class DeleteCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatasetArgs dataset;

        @Option(names = "--json", description = "Print {\"deleted\": NAME} as JSON.")
        boolean json;

        @Override
        public Integer call() {
            return dataset.store.run(spec, (catalog, out) -> {
            if (!catalog.delete(dataset.name)) {
                throw new StoreException("no dataset named '" + dataset.name + "' in " + catalog.store().location());
            }
            out.println(json ? Json.write(Map.of("deleted", dataset.name)) : "deleted " + dataset.name);
                return 0;
            });
        }
    }
}
