// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scanbase.dicom.DicomFile;
import org.scanbase.dicom.DicomInspector;
import org.scanbase.dicom.DicomReader;
import org.scanbase.dicom.pixel.ImagePixel;
import org.scanbase.dicom.pixel.PixelDecoder;
import org.scanbase.volume.VolumeFiles;
import org.scanbase.volume.VolumeInspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase inspect FILE [--json] [--pixels]}: a file's attributes, geometry and, with
 * {@code --pixels}, a summary of its decoded pixel values. Volume files (NIfTI-1/2, recognised by
 * their first bytes, gzip or not; NRRD and MetaImage as their readers arrive) go to
 * {@link VolumeInspector}, everything else is read as DICOM.
 *
 * <p>Without {@code --json} the listing is a compact dcmdump: one line per element with tag,
 * VR, keyword and value, sequence items indented. With {@code --json} it prints one
 * pretty-printed JSON document, the {@link DicomInspector} or {@link VolumeInspector} document of
 * DESIGN.md. A volume's listing is that document as indented {@code key: value} lines.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a file's attributes (and pixel summary): DICOM, NIfTI-1/2.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to inspect.")
    Path file;

    @Option(names = "--json", description = "Print one JSON document instead of a listing.")
    boolean json;

    @Option(names = "--pixels", description = "Decode the pixel data and summarise it (shape, dtype, min, max, mean, sha256).")
    boolean pixels;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (VolumeFiles.formatOf(file) != null) {
                Map<String, Object> doc = VolumeInspector.inspect(file, pixels);
                if (json) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
                } else {
                    printTree(out, doc, "");
                }
            } else if (json) {
                Map<String, Object> doc = DicomInspector.inspect(file, pixels);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } else {
                printListing(out, file, pixels);
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            return Main.userError(spec, e);
        }
    }

    /** A document as {@code key: value} lines, nested maps indented. */
    static void printTree(PrintWriter out, Map<String, Object> doc, String indent) {
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                out.println(indent + e.getKey() + ":");
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                printTree(out, child, indent + "  ");
            } else {
                out.println(indent + e.getKey() + ": " + e.getValue());
            }
        }
    }

    /** The human listing of a DICOM file, with the pixel summary when asked. */
    static void printListing(PrintWriter out, Path file, boolean pixels) throws IOException {
        DicomFile dcm = DicomReader.read(file);
        out.println("# " + file);
        out.println("# transfer syntax " + dcm.transferSyntax().describe()
                + (dcm.hasPreamble() ? "" : ", no preamble"));
        for (String w : dcm.warnings()) {
            out.println("# warning: " + w);
        }
        if (!dcm.fileMeta().isEmpty()) {
            out.println("# file meta information");
            DicomListing.print(out, dcm.fileMeta());
            out.println("# data set");
        }
        DicomListing.print(out, dcm.dataset());
        if (pixels && ImagePixel.pixelTagOf(dcm.dataset()) != -1) {
            Map<String, Object> px = DicomInspector.pixelSummary(
                    PixelDecoder.decode(file, dcm.dataset(), dcm.transferSyntax()));
            out.println("# pixels");
            for (Map.Entry<String, Object> e : px.entrySet()) {
                out.println("#   " + e.getKey() + ": " + e.getValue());
            }
        }
    }
}
