// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scanbase.dataset.View;
import org.scanbase.exporter.ExportFormat;
import org.scanbase.exporter.ExportOptions;
import org.scanbase.exporter.ExportReport;
import org.scanbase.exporter.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase export NAME --format nifti|png|nnunet|rtstruct|seg|mp4 --out DIR [--match EXPR]
 * [--label-field F] [--anonymize] [--bits 8|16] [--json]}: a view of a dataset written for
 * training or DICOM viewers. A summary (with every skipped sample and its reason) goes to stderr;
 * {@code --json} prints {@code {"format", "out", "exported", "files", "skipped": [{"path",
 * "reason"}], "warnings"}} on stdout.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a dataset view as NIfTI pairs, nnU-Net, PNG slices, RTSTRUCT or SEG.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatasetArgs dataset;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "nifti, png, nnunet, rtstruct, seg or mp4.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (absent or empty).")
    Path out;

    @Option(names = "--match", paramLabel = "EXPR", description = "Export only the samples matching the expression.")
    String match;

    @Option(names = "--label-field", paramLabel = "F", split = ",",
            description = "Segmentation field(s) to export, in order (default: all; nnunet: the first 3D one).")
    List<String> labelFields = new ArrayList<>();

    @Option(names = "--anonymize", description = "De-identify DICOM outputs and manifests (PS3.15 basic profile).")
    boolean anonymize;

    @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8",
            description = "PNG images: 8 (windowed, default) or 16 (real values + offset).")
    int bits;

    @Option(names = "--json", description = "Print the export report as JSON on stdout.")
    boolean json;

    @Mixin
    Mp4Export.Options mp4;

    @Override
    public Integer call() {
        if (format.equalsIgnoreCase("mp4")) {
            return Mp4Export.export(spec, dataset, match, out, mp4, json);
        }
        ExportOptions options;
        try {
            options = new ExportOptions(ExportFormat.fromCode(format), out, labelFields, anonymize, bits);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return dataset.run(spec, (catalog, ds, o) -> {
            View view = DatasetViews.view(ds, match);
            ExportReport report = Exporter.export(view, options, ProgressBars.forTerminal());
            PrintWriter err = spec.commandLine().getErr();
            err.println(report.summary());
            err.flush();
            if (json) {
                o.println(Json.write(report.toJson()));
            }
            return 0;
        });
    }
}
