// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.demo.CovidCtDemo;
import org.scanbase.demo.DemoManifest;
import org.scanbase.demo.DemoResult;
import org.scanbase.demo.HippocampusDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase demo-data OUT --kind hippocampus|covid-ct [--patients N] [--slices N] [--size N]
 * [--json]}: deterministic synthetic data in the layout of a Kaggle dataset (org.scanbase.demo).
 * A one-line summary goes to stderr; with {@code --json}, {@code {"kind", "out", "manifest",
 * "reused", "seconds", "patients", "slices", "size", "files"}} to stdout. Data already complete
 * for the same options is reused. A user error (OUT is a file, holds other data) is exit 1 with
 * one line on stderr; an unknown kind or an option out of range is bad usage (exit 2).
 */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Write synthetic demo data in the layout of a Kaggle dataset: hippocampus MRI "
                + "(DICOM + RTSTRUCT) or COVID-19 CT (NIfTI + masks).")
public final class DemoDataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The folder to write into (created when missing).")
    Path out;

    @Option(names = "--kind", required = true, paramLabel = "hippocampus|covid-ct",
            description = "hippocampus: HippocampalMRISlices/<NN>/MR*.dcm + RS*.dcm; covid-ct: ct_scans/, "
                    + "lung_mask/, infection_mask/, lung_and_infection_mask/, metadata.csv.")
    String kind;

    @Option(names = "--patients", paramLabel = "N",
            description = "Patients (hippocampus) or CT scans (covid-ct); default 4.")
    Integer patients;

    @Option(names = "--slices", paramLabel = "N",
            description = "Slices per series or volume; default 24 (hippocampus) or 48 (covid-ct).")
    Integer slices;

    @Option(names = "--size", paramLabel = "N", description = "Rows = columns of each slice; default 128.")
    Integer size;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("kind", kind);
        summary.put("out", out.toAbsolutePath().toString());
        try {
            switch (kind) {
                case HippocampusDemo.KIND -> {
                    HippocampusDemo.Options d = HippocampusDemo.Options.defaults();
                    HippocampusDemo.Options o = options(() -> new HippocampusDemo.Options(or(patients, d.patients()),
                            or(slices, d.slices()), or(size, d.size()), d.seed()));
                    put(summary, HippocampusDemo.write(out, o), o.patients(), o.slices(), o.size(), start);
                }
                case CovidCtDemo.KIND -> {
                    CovidCtDemo.Options d = CovidCtDemo.Options.defaults();
                    CovidCtDemo.Options o = options(() -> new CovidCtDemo.Options(or(patients, d.scans()),
                            or(size, d.size()), or(slices, d.slices()), d.seed()));
                    put(summary, CovidCtDemo.write(out, o), o.scans(), o.slices(), o.size(), start);
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--kind must be hippocampus or covid-ct, was '" + kind + "'");
            }
        } catch (IOException e) {
            return Main.userError(spec, e);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(humanSummary(summary));
        err.flush();
        if (json) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.write(summary));
            stdout.flush();
        }
        return 0;
    }

    /** Builds options, turning a value out of range into bad usage (exit 2). */
    private <T> T options(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static void put(Map<String, Object> summary, DemoResult<? extends DemoManifest> result, int patients,
                            int slices, int size, long start) {
        summary.put("manifest", result.manifestFile().toAbsolutePath().toString());
        summary.put("reused", result.reused());
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        summary.put("patients", patients);
        summary.put("slices", slices);
        summary.put("size", size);
        summary.put("files", result.manifest().files().size());
    }

    private static String humanSummary(Map<String, Object> s) {
        boolean hippocampus = s.get("kind").equals(HippocampusDemo.KIND);
        String what = hippocampus
                ? s.get("patients") + " MR series of " + s.get("slices") + " slices with hippocampus RTSTRUCTs"
                : s.get("patients") + " CT volumes of " + s.get("size") + "x" + s.get("size") + "x" + s.get("slices")
                        + " with lung, infection and combined masks";
        String verb = (Boolean) s.get("reused") ? "reused" : "wrote";
        return String.format(Locale.ROOT, "demo-data: %s %s (%s files) in %s in %.1f s; manifest %s", verb, what,
                s.get("files"), s.get("out"), (Double) s.get("seconds"), s.get("manifest"));
    }
}
