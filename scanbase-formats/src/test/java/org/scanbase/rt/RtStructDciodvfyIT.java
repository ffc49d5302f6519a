// SPDX-License-Identifier: Apache-2.0
package org.scanbase.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scanbase.dicom.Attributes;
import org.scanbase.dicom.DicomElements;
import org.scanbase.dicom.DicomWriter;
import org.scanbase.dicom.Tags;
import org.scanbase.dicom.VR;
import org.scanbase.volume.Geometry;
import org.scanbase.volume.Volume;

/**
 * The structure sets {@link RtStructWriter} writes pass dicom3tools' {@code dciodvfy} (Debian
 * {@code dicom3tools}) without errors; before the Frame of Reference module was written at the top
 * level it reported FrameOfReferenceUID and PositionReferenceIndicator missing.
 */
class RtStructDciodvfyIT {
    private static final Path DCIODVFY = Path.of("/usr/bin/dciodvfy");

    @TempDir
    Path tmp;

    @Test
    void dciodvfyFindsNoErrorsInAWrittenStructureSet() throws Exception {
        Path file = write(RtStructWriter.build(Grids.grid(Grids.oblique(30, 24, 5, 0.8, 0.9, 2.0)),
                List.of(MaskRoi.of(1, "box", box(Grids.oblique(30, 24, 5, 0.8, 0.9, 2.0)))), source()));
        List<String> lines = run(file);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("RTStructureSet"));
        assertThat(lines.stream().filter(l -> l.startsWith("Error"))).isEmpty();
    }

    @Test
    void dciodvfyReportsTheMissingFrameOfReferenceThatWasTheDefect() throws Exception {
        // a control: the test above means something only if dciodvfy checks this module
        Geometry g = Grids.axial(8, 8, 2, 1, 1, 1);
        Attributes ds = RtStructWriter.build(Grids.grid(g), List.of(MaskRoi.of(1, "box", box(g))), source());
        ds.remove(Tags.FrameOfReferenceUID);
        assertThat(run(write(ds))).anySatisfy(l -> assertThat(l).startsWith("Error").contains("FrameOfReferenceUID"));
    }

    private static Volume box(Geometry g) {
        Volume v = Grids.emptyMask(g);
        byte[] d = Grids.data(v);
        int[] s = g.size();
        for (int k = 0; k < s[2]; k++) {
            for (int j = 2; j < s[1] - 2; j++) {
                for (int i = 3; i < s[0] - 2; i++) {
                    d[(k * s[1] + j) * s[0] + i] = 1;
                }
            }
        }
        return v;
    }

    private static Attributes source() {
        Attributes a = new Attributes();
        a.put(DicomElements.string(Tags.PatientName, VR.PN, "Test^Phantom"));
        a.put(DicomElements.string(Tags.PatientID, VR.LO, "PHANTOM1"));
        a.put(DicomElements.string(Tags.StudyInstanceUID, VR.UI, Grids.STUDY));
        a.put(DicomElements.string(Tags.StudyDate, VR.DA, "20240101"));
        a.put(DicomElements.string(Tags.StudyTime, VR.TM, "120000"));
        return a;
    }

    private Path write(Attributes ds) throws Exception {
        Path file = tmp.resolve("rs-" + System.nanoTime() + ".dcm");
        DicomWriter.write(file, new Attributes(), ds);
        return file;
    }

    private static List<String> run(Path file) throws Exception {
        assertThat(DCIODVFY).as("dciodvfy (apt-get install dicom3tools)").isExecutable();
        Process p = new ProcessBuilder(DCIODVFY.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        return Arrays.asList(out.split("\n"));
    }
}
