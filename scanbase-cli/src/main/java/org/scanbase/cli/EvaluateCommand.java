// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.analytics.EvaluationJob;
import org.scanbase.analytics.EvaluationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase evaluate NAME --gt FIELD --pred FIELD --key EVAL [--match EXPR] [--json]}:
 * Dice, IoU, precision, recall, Hausdorff, HD95 and ASSD (mm) per sample and label, stored under
 * {@code EVAL} (per slice Dice on frames), and a summary table (mean, median, worst cases).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate predicted masks against ground truth; results stored under --key.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatasetArgs dataset;

    @Option(names = "--gt", required = true, paramLabel = "FIELD", description = "Ground-truth Segmentation field.")
    String gt;

    @Option(names = "--pred", required = true, paramLabel = "FIELD", description = "Predicted Segmentation field.")
    String pred;

    @Option(names = "--key", required = true, paramLabel = "EVAL", description = "Field to store the results under.")
    String key;

    @Mixin
    MatchOption match;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        return dataset.run(spec, (catalog, ds, out) -> {
            DatasetViews.requireSegmentations(ds, java.util.List.of(gt, pred));
            EvaluationJob.Report r = EvaluationJob.run(match.view(ds), gt, pred, key, ProgressBars.forTerminal());
            ComputeCommand.printSkipped(spec.commandLine().getErr(), r.skipped());
            if (json) {
                out.println(Json.write(r.toDoc()));
            } else {
                printTable(out, r);
            }
            return 0;
        });
    }

    private static void printTable(PrintWriter out, EvaluationJob.Report r) {
        EvaluationSummary s = r.summary();
        out.println("evaluation '" + r.key() + "': " + r.predField() + " against " + r.gtField() + ", "
                + r.rows().size() + " samples, " + r.skipped().size() + " skipped");
        out.println(String.format("%-8s %-10s %6s %10s %10s %10s %10s", "label", "metric", "n", "mean", "median", "min",
                "max"));
        s.overall().forEach((metric, f) -> row(out, "all", metric, f));
        for (Map.Entry<Integer, Map<String, EvaluationSummary.Figures>> e : s.perLabel().entrySet()) {
            e.getValue().forEach((metric, f) -> row(out, Integer.toString(e.getKey()), metric, f));
        }
        if (!s.worst().isEmpty()) {
            out.println("worst cases (lowest Dice):");
            for (EvaluationJob.Row w : s.worst()) {
                out.println("  " + DatasetViews.fmt(w.evaluation().dice()) + "  " + w.sampleId() + "  " + w.filepath());
            }
        }
    }

    private static void row(PrintWriter out, String label, String metric, EvaluationSummary.Figures f) {
        out.println(String.format(java.util.Locale.ROOT, "%-8s %-10s %6d %10.4f %10.4f %10.4f %10.4f", label, metric,
                f.n(), f.mean(), f.median(), f.min(), f.max()));
    }
}
