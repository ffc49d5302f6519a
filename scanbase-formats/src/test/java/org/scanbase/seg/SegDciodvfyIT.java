// SPDX-License-Identifier: Apache-2.0
package org.scanbase.seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.rt.ReferencedGrid;
import org.scanbase.volume.Geometry;

/**
 * The segmentations we write pass dicom3tools' {@code dciodvfy} (Debian package dicom3tools)
 * IOD and module checks without errors.
 */
class SegDciodvfyIT {
    private static final Path DCIODVFY = Path.of("/usr/bin/dciodvfy");

    @TempDir
    Path tmp;

    @Test
    void dciodvfyFindsNoErrorsInABinarySegmentation() throws Exception {
        assertThat(DCIODVFY).as("dciodvfy (apt-get install dicom3tools)").isExecutable();
        Geometry g = SegGrids.oblique(27, 13, 4, 0.7, 0.9, 2.5);
        ReferencedGrid grid = SegGrids.grid(g);
        Attributes source = new Attributes();
        source.put(DicomElements.string(Tags.PatientName, VR.PN, "Test^Phantom"));
        source.put(DicomElements.string(Tags.PatientID, VR.LO, "PHANTOM1"));
        source.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, SegGrids.STUDY));
        source.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240101"));
        source.put(DicomElements.string(Tags.StudyTime, VR.TM, "120000"));
        for (SegWriter.Options options : List.of(SegWriter.Options.defaults(),
                SegWriter.Options.defaults().withAlgorithm("AUTOMATIC", "scanbase threshold"))) {
            Path file = tmp.resolve("seg-" + options.algorithmType() + ".dcm");
            SegWriter.write(file, grid, SegGrids.masks(g, 5), source, options);
            List<String> errors = run(file).stream().filter(l -> l.startsWith("Error")).toList();
            assertThat(errors).as("dciodvfy errors for %s", options.algorithmType()).isEmpty();
        }
    }

    @Test
    void dciodvfyReportsAnErrorWhenTheSegmentSequenceIsMissing() throws Exception {
        // a control: the check above means something only if dciodvfy does check segmentations
        Geometry g = SegGrids.axial(8, 8, 2, 1, 1, 1);
        Attributes ds = SegWriter.build(SegGrids.grid(g), SegGrids.masks(g, 1), new Attributes(),
                SegWriter.Options.defaults());
        ds.remove(Tags.SegmentSequence);
        Path file = tmp.resolve("broken.dcm");
        org.scanbase.dicom.DicomWriter.write(file, new Attributes(), ds);
        assertThat(run(file)).anySatisfy(l -> assertThat(l).startsWith("Error").contains("SegmentSequence"));
    }

    static List<String> run(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(DCIODVFY.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Files.writeString(file.resolveSibling(file.getFileName() + ".dciodvfy.txt"), out);
        System.out.println(out);
        return Arrays.asList(out.split("\n"));
    }
}
