// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase export NAME --format nifti|png|mp4|nnunet|rtstruct --out DIR [--match EXPR]}:
 * dispatches on the format. Only {@code mp4} lives here ({@link Mp4Export}); the other formats
 * come with the export issue and join this dispatch.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a dataset (or the samples an expression matches) to files.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "mp4 (more formats to come).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--match", paramLabel = "EXPR", description = "Export only the samples for which EXPR is true.")
    String match;

    @Option(names = "--json", description = "Print the export report as JSON on stdout.")
    boolean json;

    @Mixin
    Mp4Export.Options mp4;

    @Override
    public Integer call() {
        if ("mp4".equals(format)) {
            return Mp4Export.export(spec, store, name, match, out, mp4, json);
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format + "': mp4");
    }
}
