// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.volume.DicomSeries;
import org.scanbase.volume.SeriesAssembler;
import org.scanbase.volume.SeriesScan;
import org.scanbase.volume.SeriesScanner;
import org.scanbase.volume.Volume;
import org.scanbase.volume.VolumeFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase convert INPUT OUTPUT [--series UID] [--strict] [--json]}: a DICOM series (a
 * folder, searched at any depth, or one file) or a volume file (NIfTI, NRRD, MetaImage, known by
 * its first bytes) to a volume file chosen by OUTPUT's name: {@code .nii}, {@code .nii.gz},
 * {@code .nrrd}, {@code .mha}.
 *
 * <p>DICOM voxels are written i = column, j = row, k = slice ascending along the slice normal,
 * no flips; the affine carries the orientation ({@link SeriesAssembler}). Non-image objects
 * (RTSTRUCT, SEG, RTDOSE, SR...) and unreadable files are listed on stderr and left out; so are
 * the assembly warnings (spacing, missing slices, gantry tilt), which {@code --strict} turns
 * into errors. Several image series in the input are an error listing them (UID, description,
 * image count) unless {@code --series} picks one. Exit 0 on success, 1 on a user error (one
 * line on stderr), 2 on bad usage (e.g. an OUTPUT name of no known format).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a DICOM series folder or file, or a volume file, to .nii, .nii.gz, .nrrd or .mha.")
public final class ConvertCommand implements Callable<Integer> {
    /** OUTPUT name endings and the format each writes. */
    private static final List<String> OUTPUT_ENDINGS = List.of(".nii.gz", ".nii", ".nrrd", ".mha");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A DICOM series folder, a DICOM file or a volume file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "The volume file to write: .nii, .nii.gz, .nrrd or .mha.")
    Path output;

    @Option(names = "--series", paramLabel = "UID", description = "The SeriesInstanceUID to convert when INPUT holds several.")
    String seriesUid;

    @Option(names = "--strict", description = "Fail on geometry warnings (uneven spacing, missing slices, gantry tilt,"
            + " non-orthonormal orientation, missing positions).")
    boolean strict;

    @Option(names = "--json", description = "Print a JSON summary of the conversion on stdout.")
    boolean json;

    @Override
    public Integer call() {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        String ending = OUTPUT_ENDINGS.stream().filter(name::endsWith).findFirst().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "OUTPUT " + output
                        + " must end in .nii, .nii.gz, .nrrd or .mha"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString());
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("input", input.toString());
            doc.put("output", output.toString());
            Volume volume;
            List<String> notes = new ArrayList<>();
            if (Files.isRegularFile(input) && VolumeFiles.formatOf(input) != null) {
                doc.put("source", VolumeFiles.formatOf(input).label());
                volume = VolumeFiles.read(input);
            } else {
                SeriesScan scan = SeriesScanner.scan(input);
                DicomSeries series = scan.pick(seriesUid, input);
                SeriesAssembler.Options options = strict ? SeriesAssembler.Options.STRICT
                        : SeriesAssembler.Options.LENIENT;
                volume = SeriesAssembler.assemble(SeriesAssembler.onlyStack(series, input), options);
                doc.put("source", "dicom");
                doc.put("series_uid", series.uid());
                doc.put("series_description", series.description());
                doc.put("images", series.slices().size());
                doc.put("ignored", skipped(scan.nonImages()));
                doc.put("skipped", skipped(scan.unreadable()));
                scan.nonImages().forEach(s -> notes.add("ignored non-image object " + s));
                scan.unreadable().forEach(s -> notes.add("skipped unreadable file " + s));
            }
            volume.warnings().forEach(w -> notes.add("warning: " + w));
            try {
                VolumeFiles.write(volume, output);
            } catch (IllegalArgumentException e) {
                throw new IOException(output + ": cannot write " + ending + " files: " + e.getMessage(), e);
            }
            describe(doc, volume);
            for (String n : notes) {
                err.println("scanbase convert: " + n);
            }
            err.flush();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } else {
                out.println("wrote " + output + " (" + shape(volume) + " " + volume.voxels().dtype().numpyName()
                        + ", spacing " + Arrays.toString(volume.geometry().spacing()) + " mm)");
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            return Main.userError(spec, e);
        }
    }

    private static String shape(Volume v) {
        int[] s = v.geometry().size();
        return s[0] + "x" + s[1] + "x" + s[2] + (v.timepoints() > 1 ? "x" + v.timepoints() : "");
    }

    private static List<Map<String, String>> skipped(List<SeriesScan.Skipped> list) {
        List<Map<String, String>> out = new ArrayList<>();
        for (SeriesScan.Skipped s : list) {
            out.add(Map.of("path", s.path().toString(), "reason", s.reason()));
        }
        return out;
    }

    /** Shape (x, y, z[, t]), dtype, scaling, spacing, RAS affine and warnings of the written volume. */
    private static void describe(Map<String, Object> doc, Volume v) {
        List<Integer> shape = new ArrayList<>();
        for (int s : v.geometry().size()) {
            shape.add(s);
        }
        if (v.timepoints() > 1) {
            shape.add(v.timepoints());
        }
        doc.put("shape", shape);
        doc.put("dtype", v.voxels().dtype().numpyName());
        doc.put("slope", v.slope());
        doc.put("intercept", v.intercept());
        doc.put("spacing", v.geometry().spacing());
        double[][] affine = v.geometry().rasAffine();
        for (double[] row : affine) {
            for (int c = 0; c < row.length; c++) {
                row[c] += 0.0; // no "-0.0" in the JSON
            }
        }
        doc.put("affine", affine);
        doc.put("warnings", v.warnings());
    }
}
