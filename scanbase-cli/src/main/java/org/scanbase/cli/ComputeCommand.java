// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scanbase.analytics.ChecksJob;
import org.scanbase.analytics.Skipped;
import org.scanbase.analytics.StatsJob;
import org.scanbase.dataset.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase compute stats|checks NAME [--fields F,...] [--match EXPR] [--json]}: mask
 * statistics stored in each Segmentation ({@code stats}), and consistency checks written as
 * sample tags with a report. Unreadable masks are reported and skipped; the rest is processed.
 */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Compute mask statistics or consistency checks over a dataset.",
        subcommands = {ComputeCommand.Stats.class, ComputeCommand.Checks.class})
public final class ComputeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: stats or checks");
    }

    /** The arguments both subcommands take. */
    static class Target {
        @Mixin
        DatasetArgs dataset;

        @Option(names = "--fields", split = ",", paramLabel = "F",
                description = "Segmentation fields (default: all of the dataset's).")
        List<String> fields = new ArrayList<>();

        @Mixin
        MatchOption match;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        /**
         * Loads the dataset, checks the fields and runs {@code job} on the matching samples; the
         * job prints its report and returns the exit code.
         */
        int run(CommandSpec spec, Job job) {
            return dataset.run(spec, (catalog, ds, out) -> {
                DatasetViews.requireSegmentations(ds, fields);
                return job.run(match.view(ds), out);
            });
        }
    }

    /** The work of one subcommand on the samples of its target. */
    @FunctionalInterface
    interface Job {
        int run(View view, PrintWriter out);
    }

    static void printSkipped(PrintWriter err, List<Skipped> skipped) {
        for (Skipped s : skipped) {
            err.println("skipped " + s.filepath() + (s.field() == null ? "" : " [" + s.field() + "]") + ": " + s.reason());
        }
        err.flush();
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per label value of each Segmentation: voxels, volume_ml, slices, bbox, centroid_mm (LPS), "
                    + "intensity mean/std/min/max and percentiles (HU for CT), stored as <field>.stats.<value>.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(spec, (view, out) -> {
                StatsJob.Report r = StatsJob.run(view, target.fields, ProgressBars.forTerminal());
                printSkipped(spec.commandLine().getErr(), r.skipped());
                out.println(target.json ? Json.write(r.toDoc()) : "stats of " + r.segmentations()
                        + " segmentations on " + r.samples() + " samples, " + r.skipped().size() + " skipped");
                return 0;
            });
        }
    }

    @Command(name = "checks", mixinStandardHelpOptions = true,
            description = "Consistency checks of each Segmentation (grid_mismatch, unknown_label, empty_mask, "
                    + "mask_outside_body), written as sample tags, with a report.")
    static final class Checks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(spec, (view, out) -> {
                ChecksJob.Report r = ChecksJob.run(view, target.fields, ProgressBars.forTerminal());
                printSkipped(spec.commandLine().getErr(), r.skipped());
                if (target.json) {
                    out.println(Json.write(r.toDoc()));
                    return 0;
                }
                for (ChecksJob.Problem p : r.problems()) {
                    out.println(p.check() + "  " + p.filepath() + "  [" + p.field() + "]  " + p.message());
                }
                out.println("# " + r.samples() + " samples checked, tagged: " + r.tagged() + ", "
                        + r.skipped().size() + " skipped");
                return 0;
            });
        }
    }
}
