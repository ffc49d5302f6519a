// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.Sample;
import org.scanbase.dataset.View;
import org.scanbase.view.ExprParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase query NAME [--match EXPR] [--sort-by F [--reverse]] [--group-by F --order-by F]
 * [--limit N] [--count] [--json]}. Output (DESIGN.md): {@code --count} prints a bare integer
 * ({@code {"count": n}} with {@code --json}); {@code --json} prints {@code {"count": n,
 * "samples": [...]}} with the flat sample documents, or with {@code --group-by}
 * {@code {"groups": [{"key", "count", "samples"}]}} where {@code --limit} counts groups.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Filter, sort and group the samples of a dataset.")
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatasetArgs dataset;

    @Option(names = "--match", paramLabel = "EXPR",
            description = "Keep the samples for which EXPR is true, e.g. 'SliceLocation > 10 and Modality == \"MR\"'.")
    String match;

    @Option(names = "--sort-by", paramLabel = "FIELD", description = "Sort by a field (or expression), missing values last.")
    String sortBy;

    @Option(names = "--reverse", description = "Sort descending.")
    boolean reverse;

    @Option(names = "--group-by", paramLabel = "FIELD", description = "Dynamic groups of equal FIELD (or expression).")
    String groupBy;

    @Option(names = "--order-by", paramLabel = "FIELD", description = "Order within each group.")
    String orderBy;

    @Option(names = "--limit", paramLabel = "N", description = "At most N samples (with --group-by: N groups).")
    Long limit;

    @Option(names = "--count", description = "Print only the number of samples.")
    boolean count;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        if (orderBy != null && groupBy == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--order-by needs --group-by");
        }
        if (limit != null && limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 0");
        }
        return dataset.run(spec, (catalog, ds, out) -> {
            View view = build(ds);
            if (count) {
                long n = view.count();
                out.println(json ? Json.write(Map.of("count", n)) : Long.toString(n));
            } else if (groupBy != null) {
                printGroups(out, view);
            } else {
                printSamples(out, view);
            }
            return 0;
        });
    }

    private View build(Dataset ds) {
        View view = ds;
        if (match != null) {
            view = view.match(ExprParser.parse(match));
        }
        if (sortBy != null) {
            view = view.sortBy(ExprParser.parse(sortBy), reverse);
        }
        if (groupBy != null) {
            view = view.groupBy(ExprParser.parse(groupBy), orderBy == null ? null : ExprParser.parse(orderBy),
                    orderBy != null && reverse && sortBy == null);
        }
        if (limit != null) {
            view = view.limit(limit);
        }
        return view;
    }

    private void printSamples(PrintWriter out, View view) {
        if (json) {
            List<Map<String, Object>> samples = new ArrayList<>();
            view.forEachDoc(samples::add);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("count", samples.size());
            doc.put("samples", samples);
            out.println(Json.write(doc));
            return;
        }
        long[] n = {0};
        view.forEachDoc(s -> {
            out.println(line(s));
            n[0]++;
        });
        out.println("# " + n[0] + " samples");
    }

    private void printGroups(PrintWriter out, View view) {
        List<View.Group> groups = view.groups(Integer.MAX_VALUE);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (View.Group g : groups) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", g.key());
                row.put("count", g.count());
                row.put("samples", g.samples().stream().map(Sample::toMap).toList());
                rows.add(row);
            }
            out.println(Json.write(Map.of("groups", rows)));
            return;
        }
        for (View.Group g : groups) {
            out.println("== " + groupBy + " = " + g.key() + " (" + g.count() + " samples)");
            for (Sample s : g.samples()) {
                out.println("  " + line(s.toMap()));
            }
        }
        out.println("# " + groups.size() + " groups");
    }

    /** id, file and the fields the query names. */
    private String line(Map<String, Object> s) {
        StringBuilder b = new StringBuilder().append(s.get("id")).append("  ").append(s.get("filepath"));
        for (String f : new String[] {sortBy, groupBy, orderBy}) {
            if (f != null && s.containsKey(f)) {
                b.append("  ").append(f).append('=').append(s.get(f));
            }
        }
        return b.toString();
    }
}
