// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.dataset.MediaType;
import org.scanbase.demo.CovidCtDemo;
import org.scanbase.demo.HippocampusDemo;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.ImportReport;
import org.scanbase.importer.NiftiImporter;
import org.scanbase.server.AppOptions;
import org.scanbase.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase quickstart [--no-app] [--dir DIR]}: the seed workflow in one command. Writes
 * both demo datasets in the Kaggle layouts under DIR (once; a second run reuses them), imports
 * them as {@value #HIPPOCAMPUS} (one sample per MR slice, every DICOM attribute a field, the
 * RTSTRUCT's two hippocampus ROIs as masks) and {@value #COVID} (one volume sample per CT scan,
 * lung / infection / combined masks per slice), and prints what it made. The import is the same
 * code as {@code scanbase import}, so re-running adds nothing twice. Then it starts the App
 * on {@value #HIPPOCAMPUS} (as {@code scanbase app}) unless {@code --no-app}.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Write the demo data, import both tutorial datasets, and show them.")
public final class QuickstartCommand implements Callable<Integer> {
    static final String HIPPOCAMPUS = "hippocampus-mri";
    static final String COVID = "covid19-ct";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "scanbase-demo",
            description = "Where to write the demo data (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--no-app", description = "Do not start the App afterwards.")
    boolean noApp;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = AppOptions.LOOPBACK,
            description = "Address the App binds (default: ${DEFAULT-VALUE}); others get a token.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5151",
            description = "TCP port of the App (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--json", description = "Print a JSON summary of the two datasets on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Catalog catalog = store.open()) {
            Path hippoDir = dir.resolve("hippocampal-sparing-dataset");
            Path covidDir = dir.resolve("covid19-ct-scans");
            var hippo = HippocampusDemo.write(hippoDir, HippocampusDemo.Options.defaults());
            err.println((hippo.reused() ? "Reusing " : "Wrote ") + "the hippocampus MRI demo in " + hippoDir);
            var covid = CovidCtDemo.write(covidDir, CovidCtDemo.Options.defaults());
            err.println((covid.reused() ? "Reusing " : "Wrote ") + "the COVID-19 CT demo in " + covidDir);
            err.flush();

            Dataset slices = ImportCommand.target(catalog, HIPPOCAMPUS, MediaType.IMAGE);
            ImportReport r1 = DicomImporter.run(hippoDir.resolve(HippocampusDemo.ROOT), slices,
                    new DicomImporter.Options("MR*.dcm", "RS*.dcm", DicomImporter.Mode.SLICES),
                    ProgressBars.forTerminal(), MediaFiles.of(catalog.store(), HIPPOCAMPUS));
            err.println(r1.summary());
            Dataset volumes = ImportCommand.target(catalog, COVID, MediaType.VOLUME);
            ImportReport r2 = NiftiImporter.importCovidLayout(covidDir, volumes, ProgressBars.forTerminal(),
                    MediaFiles.of(catalog.store(), COVID));
            err.println(r2.summary());
            err.flush();

            List<Dataset> made = List.of(slices.reload(), volumes.reload());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                for (Dataset ds : made) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("media_type", ds.mediaType().code());
                    row.put("samples", ds.count());
                    row.put("mask_targets", ds.maskTargets());
                    doc.put(ds.name(), row);
                }
                out.println(Json.write(doc));
            } else {
                for (Dataset ds : made) {
                    out.printf("%-16s %-7s %,6d samples, %d fields, masks: %s%n", ds.name(), ds.mediaType().code(),
                            ds.count(), ds.schema().size(), ds.maskTargets().keySet());
                }
                out.println();
                out.println("Explore them:");
                out.println("  scanbase datasets info " + HIPPOCAMPUS);
                out.println("  scanbase query " + HIPPOCAMPUS + " --group-by PatientID --order-by slice_index --limit 1");
                out.println("  scanbase query " + HIPPOCAMPUS + " --match 'Hippocampus_L.pixels > 0' --count");
                out.println("  scanbase query " + COVID + " --match 'metadata.depth > 10' --json");
                if (!noApp) {
                    out.println("  or browse both in the App, starting now (scanbase app --dataset " + HIPPOCAMPUS + ")");
                }
            }
            out.flush();
            if (noApp) {
                return 0;
            }
            return AppCommand.serve(spec, catalog, new AppOptions(host, port, null, HIPPOCAMPUS));
        } catch (IOException | StoreException e) {
            return Main.userError(spec, e);
        }
    }
}
