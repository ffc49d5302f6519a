// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scanbase.dataset.Catalog;
import org.scanbase.dataset.Dataset;
import org.scanbase.dataset.MediaType;
import org.scanbase.importer.DicomImporter;
import org.scanbase.importer.ImportReport;
import org.scanbase.importer.NiftiImporter;
import org.scanbase.dataset.MediaFiles;
import org.scanbase.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase import dicom|nifti ROOT --name NAME ...}: files into a dataset (created when
 * absent, merged by filepath when present). A human summary goes to stderr; {@code --json}
 * prints {@code {"imported", "skipped": [{"path", "reason"}], "dataset"}} on stdout.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import DICOM or NIfTI files into a dataset.",
        subcommands = {ImportCommand.Dicom.class, ImportCommand.Nifti.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: dicom or nifti");
    }

    /** Opens or creates the dataset an import writes into. */
    static Dataset target(Catalog catalog, String name, MediaType type) {
        if (!catalog.exists(name)) {
            return catalog.create(name, type);
        }
        Dataset ds = catalog.load(name);
        if (ds.mediaType() != type) {
            throw new StoreException("dataset '" + name + "' holds " + ds.mediaType().code()
                    + " samples; this import makes " + type.code() + " samples");
        }
        return ds;
    }

    /** Prints the report: summary on stderr, JSON on stdout when asked. */
    static void print(CommandSpec spec, ImportReport report, boolean json) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(report.summary());
        err.flush();
        if (json) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.write(report.toJson()));
            out.flush();
        }
    }

    /** {@code import dicom}. */
    @Command(name = "dicom", mixinStandardHelpOptions = true,
            description = "Import DICOM images (every attribute a field) and attach RT structure masks.")
    static final class Dicom implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "ROOT", description = "Folder (searched recursively), DICOMDIR or file.")
        Path root;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The dataset (created if absent).")
        String name;

        @Option(names = "--glob", paramLabel = "PATTERN", description = "File names of the images, e.g. 'MR*.dcm' (default: every file).")
        String glob;

        @Option(names = "--rtstruct", paramLabel = "PATTERN",
                description = "File names of the RT Structure Sets, e.g. 'RS*.dcm' (default: found by SOP class).")
        String rtstruct;

        @Option(names = "--as", paramLabel = "slices|volumes", defaultValue = "slices",
                description = "One sample per 2D image (default) or per series.")
        String as;

        @Option(names = "--json", description = "Print the import report as JSON on stdout.")
        boolean json;

        @Option(names = "--preview-mp4",
                description = "Also attach a browser-playable MP4 preview (field 'preview') to each new volume or series.")
        boolean previewMp4;

        @Override
        public Integer call() {
            DicomImporter.Mode mode;
            try {
                mode = DicomImporter.Mode.fromCode(as);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Catalog catalog = store.open()) {
                Dataset ds = target(catalog, name, mode == DicomImporter.Mode.SLICES ? MediaType.IMAGE : MediaType.VOLUME);
                MediaFiles media = MediaFiles.of(catalog.store(), name);
                ImportReport report = DicomImporter.run(root, ds, new DicomImporter.Options(glob, rtstruct, mode),
                        ProgressBars.forTerminal(), media);
                if (previewMp4) {
                    Mp4Export.attachMissingPreviews(spec, ds, media);
                }
                print(spec, report, json);
                return 0;
            } catch (IOException | StoreException e) {
                return Main.userError(spec, e);
            }
        }
    }

    /** {@code import nifti}. */
    @Command(name = "nifti", mixinStandardHelpOptions = true,
            description = "Import NIfTI / NRRD / MetaImage volumes with their masks (frame-level segmentations).")
    static final class Nifti implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "ROOT", description = "The dataset folder.")
        Path root;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The dataset (created if absent).")
        String name;

        @Option(names = "--layout", paramLabel = "covid19-ct",
                description = "A known folder layout: covid19-ct (ct_scans/, lung_mask/, infection_mask/, lung_and_infection_mask/).")
        String layout;

        @Option(names = "--manifest", paramLabel = "CSV", description = "A CSV with columns image,field,mask instead of a layout.")
        Path manifest;

        @Option(names = "--json", description = "Print the import report as JSON on stdout.")
        boolean json;

        @Option(names = "--preview-mp4",
                description = "Also attach a browser-playable MP4 preview (field 'preview') to each new volume or series.")
        boolean previewMp4;

        @Override
        public Integer call() {
            if ((layout == null) == (manifest == null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give one of --layout covid19-ct or --manifest CSV");
            }
            if (layout != null && !layout.equals("covid19-ct")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "unknown --layout '" + layout + "' (known: covid19-ct)");
            }
            try (Catalog catalog = store.open()) {
                if (!java.nio.file.Files.exists(root)) {
                    throw new java.nio.file.NoSuchFileException(root.toString());
                }
                Dataset ds = target(catalog, name, MediaType.VOLUME);
                MediaFiles media = MediaFiles.of(catalog.store(), name);
                ImportReport report = layout != null
                        ? NiftiImporter.importCovidLayout(root, ds, ProgressBars.forTerminal(), media)
                        : NiftiImporter.importManifest(manifest, ds, ProgressBars.forTerminal(), media);
                if (previewMp4) {
                    Mp4Export.attachMissingPreviews(spec, ds, media);
                }
                print(spec, report, json);
                return 0;
            } catch (IOException | StoreException e) {
                return Main.userError(spec, e);
            }
        }
    }
}
